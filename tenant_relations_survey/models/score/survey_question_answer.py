# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SurveyQuestionAnswer(models.Model):
    """Suggested answers say whether they mean "satisfied or better"; matrix rows name a topic."""

    _inherit = "survey.question.answer"

    tenant_topic_id = fields.Many2one(
        "tenant.survey.topic",
        string="Satisfaction Topic",
        ondelete="restrict",
        help="For a matrix row: the topic its answers score (else the question's).",
    )
    tenant_satisfied = fields.Boolean(
        string="Satisfied or Better",
        help="Choosing this answer counts as satisfied in the satisfaction scores.",
    )
