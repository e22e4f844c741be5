# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .survey_user_input import DEFAULT_FOLLOWUP_THRESHOLD, FOLLOWUP_THRESHOLD_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    tenant_survey_followup_threshold = fields.Integer(
        string="Follow Up Answers Below (%)",
        config_parameter=FOLLOWUP_THRESHOLD_PARAM,
        default=DEFAULT_FOLLOWUP_THRESHOLD,
        help="A resident whose answer is satisfied on less than this share of its scored questions "
        "gets one dissatisfaction return visit (0: never).",
    )

    @api.constrains("tenant_survey_followup_threshold")
    def _check_tenant_survey_followup_threshold(self):
        for settings in self:
            if not 0 <= settings.tenant_survey_followup_threshold <= 100:
                raise ValidationError(self.env._("The follow-up threshold must be between 0 and 100 %."))

    def set_values(self):
        res = super().set_values()
        # A falsy integer deletes its parameter, which would bring back the default: keep an
        # explicit 0 (follow up no answer). sudo: as the base's settings (set_values checked them).
        if self.tenant_survey_followup_threshold == 0:
            self.env["ir.config_parameter"].sudo().set_param(FOLLOWUP_THRESHOLD_PARAM, "0")
        return res
