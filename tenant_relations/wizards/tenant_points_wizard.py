# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class TenantPointsWizard(models.TransientModel):
    """Staff award points by an earning rule, or redeem them, for one resident."""

    _name = "tenant.points.wizard"
    _description = "Award or Redeem Points"

    partner_id = fields.Many2one("res.partner", string="Resident", required=True)
    balance = fields.Float(related="partner_id.tenant_points", string="Current Balance")
    operation = fields.Selection([("award", "Award"), ("redeem", "Redeem")], required=True, default="award")
    reason = fields.Selection(
        [
            ("renewal", "Lease renewal"),
            ("tenure", "Full year of tenancy"),
            ("payment", "On-time fee payment"),
            ("event", "Attended a community event"),
            ("referral", "Converted referral"),
            ("manual", "Other (manual)"),
        ],
        required=True,
        default="manual",
    )
    points = fields.Float(compute="_compute_points", store=True, readonly=False, required=True)
    note = fields.Char(string="Description")

    @api.depends("reason", "operation")
    def _compute_points(self):
        Partner = self.env["res.partner"]
        for wizard in self:
            if wizard.operation == "award" and wizard.reason != "manual":
                wizard.points = Partner._tenant_rule_points(wizard.reason)
            elif not wizard.points:
                wizard.points = 0.0

    def action_confirm(self):
        """Award or redeem, for a current resident of the user's properties only.

        The wizard is callable over RPC with any partner and any number: every rule is checked
        here, not in the form. Redeeming hands out value (a fee discount) and no resident consent
        flow exists in the portal: managers only. Awards are whole points, capped per award
        (MAX_POINTS_PER_AWARD) and per staff member and month (STAFF_MONTHLY_LIMIT_PARAM); the
        resident must live in one of the user's properties by a current, confirmed occupancy (a
        link the property made itself and nobody confirmed does not count).
        """
        self.ensure_one()
        self.partner_id.check_access("read")
        self._check_resident()
        if self.points <= 0:
            raise UserError(self.env._("Enter a number of points greater than zero."))
        self.env["res.partner"]._tenant_check_whole_points([self.points])
        if self.operation == "redeem" and not self.env.user.has_group(
            "tenant_relations.group_tenant_relations_manager"
        ):
            raise AccessError(self.env._("Only Tenant Relations managers can redeem a resident's points."))
        maximum = self.env["res.partner"]._tenant_max_award_points()
        if self.operation == "award" and self.points > maximum:
            raise UserError(self.env._("One award can give at most %(maximum)s points.", maximum=maximum))
        description = self._ledger_description()
        if self.operation == "redeem":
            self.partner_id._tenant_redeem_points(self.points, description)
        else:
            # Counted against the user's monthly limit of manual awards.
            self.env["res.partner"]._tenant_award_manual_points(
                {self.partner_id.id: self.points}, description
            )
        # No chatter note: the loyalty history line is the ledger, and records who wrote it.
        return {"type": "ir.actions.act_window_close"}

    def _ledger_description(self):
        """The ledger line's text as a function of an environment: the reason is rendered in the
        resident's language, who reads it (see res.partner._tenant_award_points); the note is
        written by staff and kept as they typed it."""
        operation, reason, note = self.operation, self.reason, self.note
        rule_name = self.env["res.partner"]._tenant_rule_description(reason)

        def describe(env):
            label = env._("Points redeemed") if operation == "redeem" else rule_name(env)
            return env._("%(reason)s: %(note)s", reason=label, note=note) if note else label

        return describe

    def _get_resident_occupancy_domain(self):
        """Current occupancies of the resident; searched with the user's rights, so that staff
        find only those of the properties they work for. ``is_current`` holds only for confirmed,
        unarchived occupancies."""
        self.ensure_one()
        return [("partner_id", "=", self.partner_id.id), ("is_current", "=", True)]

    def _check_resident(self):
        partner = self.partner_id
        if partner.id in self.env["res.partner"]._tenant_internal_partner_ids(partner.ids):
            raise UserError(
                self.env._(
                    "%(name)s is a user of the company: points are for residents only.",
                    name=partner.display_name,
                )
            )
        if not self.env["tenant.occupancy"].search_count(self._get_resident_occupancy_domain(), limit=1):
            raise AccessError(
                self.env._(
                    "%(name)s is not a current resident of a property you work for.",
                    name=partner.display_name,
                )
            )
