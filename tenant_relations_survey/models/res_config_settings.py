# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner import SURVEY_POINTS_DEFAULT, SURVEY_POINTS_PARAM
from .score.survey_user_input import SATISFACTION_TARGET_DEFAULT, SATISFACTION_TARGET_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    tenant_points_survey = fields.Integer(
        string="Points for Answering a Survey",
        config_parameter=SURVEY_POINTS_PARAM,
        default=SURVEY_POINTS_DEFAULT,
    )
    tenant_satisfaction_target = fields.Integer(
        string="Satisfaction Target (%)",
        config_parameter=SATISFACTION_TARGET_PARAM,
        default=SATISFACTION_TARGET_DEFAULT,
        help="A campaign, property or topic scoring below this shows red, and the property's manager "
        "gets an activity when the campaign closes.",
    )

    @api.constrains("tenant_satisfaction_target")
    def _check_tenant_satisfaction_target(self):
        for settings in self:
            if not 0 <= settings.tenant_satisfaction_target <= 100:
                raise ValidationError(
                    self.env._(
                        "The satisfaction target is a percentage: between 0 and 100, not %(target)s.",
                        target=settings.tenant_satisfaction_target,
                    )
                )

    def set_values(self):
        res = super().set_values()
        # A falsy integer deletes its parameter, which would bring back the 85 % default: keep an
        # explicit 0 (no target).
        if self.tenant_satisfaction_target == 0:
            # sudo: a global setting, written by whoever may open the settings (res.config.settings
            # checks it); system parameters are otherwise the administrators' only.
            self.env["ir.config_parameter"].sudo().set_param(SATISFACTION_TARGET_PARAM, "0")
        return res
