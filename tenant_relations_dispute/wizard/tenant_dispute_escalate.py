# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class TenantDisputeEscalate(models.TransientModel):
    """Moving a dispute up the ladder records why: the reason goes to the dispute's chatter."""

    _name = "tenant.dispute.escalate"
    _description = "Escalate a Dispute"

    dispute_id = fields.Many2one("tenant.dispute", required=True, ondelete="cascade")
    # compute_sudo=False: read as the user, so that it shows only what the user reads on the dispute.
    current_level_id = fields.Many2one(
        related="dispute_id.level_id", string="Current Level", compute_sudo=False
    )
    level_id = fields.Many2one(
        "tenant.dispute.level",
        string="Up To",
        help="Leave empty for the next level; a level further up is a skip, and the reason says why.",
    )
    reason = fields.Text(required=True)

    @api.onchange("dispute_id")
    def _onchange_dispute_id(self):
        if self.dispute_id and not self.level_id:
            self.level_id = self.dispute_id._next_level()

    @api.model_create_multi
    def create(self, vals_list):
        # A wizard is created over RPC with any dispute_id: only one the user may escalate.
        self.env["tenant.dispute"].browse(
            [vals["dispute_id"] for vals in vals_list if vals.get("dispute_id")]
        ).check_access("write")
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("dispute_id"):
            self.env["tenant.dispute"].browse(vals["dispute_id"]).check_access("write")
        return super().write(vals)

    def action_confirm(self):
        self.ensure_one()
        self.dispute_id.action_escalate(self.reason, self.level_id or None)
        return {"type": "ir.actions.act_window_close"}
