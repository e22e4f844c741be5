# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SurveySurvey(models.Model):
    """Satisfaction surveys are told apart from the rest of Odoo's surveys (quizzes, samples), so
    that Tenant Relations' survey list shows them first."""

    _inherit = "survey.survey"

    tenant_is_satisfaction = fields.Boolean(
        string="Satisfaction Survey",
        help="A survey of residents' satisfaction, scored per topic (listed first under Tenant Relations).",
    )
