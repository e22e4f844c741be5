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
    tenant_followup_days = fields.Integer(
        string="Follow-up Call After (days)",
        config_parameter="tenant_relations.followup_days",
        default=3,
        help="A follow-up call is planned for the team this many days after a ticket is closed.",
    )

    @api.constrains("tenant_review_interval_months")
    def _check_tenant_review_interval_months(self):
        for settings in self:
            if not 1 <= settings.tenant_review_interval_months <= 24:
                raise ValidationError(
                    self.env._("The profile review interval must be between 1 and 24 months.")
                )

    @api.constrains("tenant_followup_days")
    def _check_tenant_followup_days(self):
        for settings in self:
            if not 0 <= settings.tenant_followup_days <= 60:
                raise ValidationError(self.env._("The follow-up call must be planned within 0 to 60 days."))

    def set_values(self):
        res = super().set_values()
        # A falsy integer deletes its parameter, which would bring back the 3-day default:
        # keep an explicit 0 (plan the follow-up call on the closing day).
        if self.tenant_followup_days == 0:
            self.env["ir.config_parameter"].sudo().set_param("tenant_relations.followup_days", "0")
        return res

    def action_open_tenant_sla_policies(self):
        return self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_sla_policy_action")

    def action_open_tenant_teams(self):
        return self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_team_action")
