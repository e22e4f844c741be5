# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class TenantDispute(models.Model):
    """The requests a dispute came from or is about (the other end of ``tenant.ticket.dispute_id``)."""

    _inherit = "tenant.dispute"

    ticket_count = fields.Integer(string="Related Requests Count", compute="_compute_ticket_count")

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        counts = dict(
            self.env["tenant.ticket"]._read_group(
                [("dispute_id", "in", self.ids)], ["dispute_id"], ["__count"]
            )
        )
        for dispute in self:
            dispute.ticket_count = counts.get(dispute._origin, 0)

    def action_open_tickets(self):
        self.ensure_one()
        tickets = self.ticket_ids
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Related Requests"),
            "res_model": "tenant.ticket",
            "domain": [("dispute_id", "=", self.id)],
            "context": {"create": False},
        }
        if len(tickets) == 1:
            return action | {"view_mode": "form", "res_id": tickets.id}
        return action | {"view_mode": "list,form"}
