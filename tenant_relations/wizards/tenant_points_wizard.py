# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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
            ("survey", "Answered a survey"),
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
        self.ensure_one()
        # Staff may only change points of residents they can see.
        self.partner_id.check_access("read")
        if self.points <= 0:
            raise UserError(self.env._("Enter a number of points greater than zero."))
        if self.operation == "redeem":
            reason = self.env._("Points redeemed")
        else:
            reason = dict(self._fields["reason"]._description_selection(self.env))[self.reason]
        description = (
            self.env._("%(reason)s: %(note)s", reason=reason, note=self.note) if self.note else reason
        )
        if self.operation == "redeem":
            self.partner_id._tenant_redeem_points(self.points, description)
        else:
            self.env["res.partner"]._tenant_award_points({self.partner_id.id: self.points}, description)
        # No chatter note: the loyalty history line is the ledger, and records who wrote it.
        return {"type": "ir.actions.act_window_close"}
