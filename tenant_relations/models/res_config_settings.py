# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .care.tenant_visit import (
    DEFAULT_FOLLOWUP_DAYS,
    MAX_FOLLOWUP_DAYS,
    MOVE_IN_MONTHS_PARAM,
    OWNER_MONTHS_PARAM,
    PLANNER_SWITCH_PARAMS,
    TENANT_MONTHS_PARAM,
)
from .loyalty.res_partner import DEFAULT_STAFF_MONTHLY_LIMIT, LOYALTY_RULE_PARAMS, STAFF_MONTHLY_LIMIT_PARAM
from .resident.tenant_profile import DEFAULT_REVIEW_INTERVAL, REVIEW_INTERVAL_PARAM
from .ticket.tenant_ticket import FOLLOWUP_DAYS_PARAM

_logger = logging.getLogger(__name__)

SIGNUP_SCOPE_PARAM = "auth_signup.invitation_scope"

# Return-visit switches: on unless set to False, which a Boolean config_parameter cannot store.
VISIT_SWITCH_FIELDS = {
    "tenant_visit_move_in_enabled": "move_in",
    "tenant_visit_periodic_enabled": "periodic",
    "tenant_visit_ticket_enabled": "ticket",
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Loyalty points per earning rule (忠诚度计划)
    tenant_points_renewal = fields.Integer(
        string="Points for a Lease Renewal",
        config_parameter=LOYALTY_RULE_PARAMS["renewal"][0],
        default=LOYALTY_RULE_PARAMS["renewal"][1],
    )
    tenant_points_tenure = fields.Integer(
        string="Points per Full Year of Tenancy",
        config_parameter=LOYALTY_RULE_PARAMS["tenure"][0],
        default=LOYALTY_RULE_PARAMS["tenure"][1],
    )
    tenant_points_payment = fields.Integer(
        string="Points for an On-time Fee Payment",
        config_parameter=LOYALTY_RULE_PARAMS["payment"][0],
        default=LOYALTY_RULE_PARAMS["payment"][1],
    )
    tenant_points_event = fields.Integer(
        string="Points for Attending an Event",
        config_parameter=LOYALTY_RULE_PARAMS["event"][0],
        default=LOYALTY_RULE_PARAMS["event"][1],
    )
    tenant_points_referral = fields.Integer(
        string="Points for a Converted Referral",
        config_parameter=LOYALTY_RULE_PARAMS["referral"][0],
        default=LOYALTY_RULE_PARAMS["referral"][1],
    )
    # Settings administrators only (res.config.settings and ir.config_parameter are theirs): the
    # staff whom the limit binds must not raise it.
    tenant_points_staff_monthly_limit = fields.Integer(
        string="Manual Points per Staff Member and Month",
        config_parameter=STAFF_MONTHLY_LIMIT_PARAM,
        default=DEFAULT_STAFF_MONTHLY_LIMIT,
        groups="base.group_system",
        help="The most points one staff member may give by hand (Award Points) in a calendar "
        "month, all residents together. Points of the earning rules are not counted.",
    )

    tenant_review_interval_months = fields.Integer(
        string="Profile Review Interval (months)",
        config_parameter=REVIEW_INTERVAL_PARAM,
        default=DEFAULT_REVIEW_INTERVAL,
        help="Every tenant and owner profile is due for review this many months after the last one.",
    )
    tenant_followup_days = fields.Integer(
        string="Follow-up Call After (days)",
        config_parameter=FOLLOWUP_DAYS_PARAM,
        default=DEFAULT_FOLLOWUP_DAYS,
        help="A follow-up call is planned for the team this many days after a ticket is closed.",
    )
    tenant_visit_move_in_enabled = fields.Boolean(
        string="Move-in Follow-up", help="Plan a return visit for every new owner and tenant."
    )
    tenant_visit_move_in_months = fields.Integer(
        string="Move-in Visit After (months)",
        config_parameter=MOVE_IN_MONTHS_PARAM,
        default=1,
        help="The move-in follow-up is planned this many months after moving in.",
    )
    tenant_visit_periodic_enabled = fields.Boolean(
        string="Periodic Visits",
        help="Plan return visits to current owners and tenants at regular intervals.",
    )
    tenant_visit_owner_months = fields.Integer(
        string="Owner Visit Interval (months)",
        config_parameter=OWNER_MONTHS_PARAM,
        default=6,
        help="Owners are visited once in each period of this many months.",
    )
    tenant_visit_tenant_months = fields.Integer(
        string="Tenant Visit Interval (months)",
        config_parameter=TENANT_MONTHS_PARAM,
        default=3,
        help="Tenants are visited once in each period of this many months.",
    )
    tenant_visit_ticket_enabled = fields.Boolean(
        string="Visits After Closed Tickets",
        help="Plan a return visit after each closed ticket, or complaint, with a reporter.",
    )

    tenant_portal_ticket_without_unit = fields.Boolean(
        related="company_id.tenant_portal_ticket_without_unit", readonly=False
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
            if not 0 <= settings.tenant_followup_days <= MAX_FOLLOWUP_DAYS:
                raise ValidationError(self.env._("The follow-up call must be planned within 0 to 60 days."))

    @api.constrains("tenant_visit_move_in_months", "tenant_visit_owner_months", "tenant_visit_tenant_months")
    def _check_tenant_visit_months(self):
        for settings in self:
            months = (
                settings.tenant_visit_move_in_months,
                settings.tenant_visit_owner_months,
                settings.tenant_visit_tenant_months,
            )
            if not all(1 <= value <= 12 for value in months):
                raise ValidationError(self.env._("Return visit intervals must be between 1 and 12 months."))

    @api.model
    def get_values(self):
        res = super().get_values()
        Visit = self.env["tenant.visit"]
        for fname, kind in VISIT_SWITCH_FIELDS.items():
            res[fname] = Visit._is_planner_enabled(kind)
        return res

    def set_values(self):
        res = super().set_values()
        # sudo: global switches and settings, written by whoever may open the settings (res.config
        # .settings checks it); system parameters are otherwise the administrators' only.
        params = self.env["ir.config_parameter"].sudo()
        for fname, kind in VISIT_SWITCH_FIELDS.items():
            params.set_param(PLANNER_SWITCH_PARAMS[kind], str(bool(self[fname])))
        # A falsy integer deletes its parameter, which would bring back the 3-day default:
        # keep an explicit 0 (plan the follow-up call on the closing day).
        if self.tenant_followup_days == 0:
            params.set_param(FOLLOWUP_DAYS_PARAM, "0")
        return res

    @api.model
    def _tenant_close_self_signup(self):
        """The portal is by invitation (property firms invite their residents): turn off the
        self-registration that ``auth_signup`` turns on (``b2c``) when it installs.

        An administrator's own choice is kept: the parameter is switched only while it still holds
        the value ``auth_signup`` created it with, never edited since (its write date is still its
        create date). Called on install (data, noupdate) and by the 18.0.1.4.0 migration.
        """
        # sudo: a system parameter, changed by install or migration code only.
        param = self.env["ir.config_parameter"].sudo().search([("key", "=", SIGNUP_SCOPE_PARAM)])
        if param.value != "b2c" or param.write_date != param.create_date:
            return False
        param.value = "b2b"
        _logger.info("Self-registration on the portal turned off (%s = b2b)", SIGNUP_SCOPE_PARAM)
        return True

    def action_open_tenant_sla_policies(self):
        return self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_sla_policy_action")

    def action_open_tenant_teams(self):
        return self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_team_action")
