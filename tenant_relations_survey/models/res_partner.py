# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# The survey earning rule: the points for a completed survey. The parameter kept the key it had
# when the base addon held the rule (before 18.0.1.6.0), so that the firm's value stays.
SURVEY_POINTS_PARAM = "tenant_relations.loyalty_points_survey"
SURVEY_POINTS_DEFAULT = 20


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _tenant_personal_data_fields(self):
        """A resident's survey answers (the satisfaction surveys they earn points for) and the
        campaigns' record of whom they invited are theirs."""
        return [
            *super()._tenant_personal_data_fields(),
            ("survey.user_input", "partner_id"),
            ("tenant.survey.invitation", "partner_id"),
        ]

    @api.model
    def _tenant_loyalty_rule_params(self):
        """Completing a survey is an earning rule of its own (see survey.user_input)."""
        return {
            **super()._tenant_loyalty_rule_params(),
            "survey": (SURVEY_POINTS_PARAM, SURVEY_POINTS_DEFAULT),
        }
