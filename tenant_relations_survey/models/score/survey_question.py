# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SurveyQuestion(models.Model):
    """A question scores one satisfaction topic (for a matrix, each row may name its own)."""

    _inherit = "survey.question"

    tenant_topic_id = fields.Many2one(
        "tenant.survey.topic",
        string="Satisfaction Topic",
        ondelete="restrict",
        help="The answers to this question score this topic; in a matrix, a row's own topic wins.",
    )
