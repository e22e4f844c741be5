# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner import DEFAULT_REVIEW_INTERVAL, REVIEW_INTERVAL_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    tenant_review_interval_months = fields.Integer(
        string="Profile Review Interval (months)",
        config_parameter=REVIEW_INTERVAL_PARAM,
        default=DEFAULT_REVIEW_INTERVAL,
        help="Every tenant and owner profile is due for review this many months after the last one.",
    )

    @api.constrains("tenant_review_interval_months")
    def _check_tenant_review_interval_months(self):
        for settings in self:
            if not 1 <= settings.tenant_review_interval_months <= 24:
                raise ValidationError(
                    self.env._("The profile review interval must be between 1 and 24 months.")
                )
