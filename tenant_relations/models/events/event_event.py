# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EventEvent(models.Model):
    """Community events (社区活动) and quarterly owner meetings (季度业主见面会) of properties."""

    _inherit = "event.event"

    tenant_property_ids = fields.Many2many(
        "tenant.property",
        "event_event_tenant_property_rel",
        "event_id",
        "property_id",
        string="Properties",
        help="Residents of these properties see the event in their portal and can register.",
    )
    tenant_is_owner_meeting = fields.Boolean(
        string="Owner Meeting",
        help="A quarterly owner meeting (业主见面会): feedback raised there is recorded as tickets.",
    )
    tenant_ticket_ids = fields.One2many("tenant.ticket", "tenant_event_id", string="Feedback Tickets")
    tenant_ticket_count = fields.Integer(
        string="Feedback Tickets Count", compute="_compute_tenant_ticket_count"
    )

    @api.depends("tenant_ticket_ids")
    def _compute_tenant_ticket_count(self):
        counts = dict(
            self.env["tenant.ticket"]._read_group(
                [("tenant_event_id", "in", self._origin.ids)], ["tenant_event_id"], ["__count"]
            )
        )
        for event in self:
            event.tenant_ticket_count = counts.get(event._origin, 0)

    def action_tenant_record_feedback(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Feedback as Ticket"),
            "res_model": "tenant.event.feedback.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def action_tenant_view_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Feedback Tickets"),
            "res_model": "tenant.ticket",
            "view_mode": "list,form",
            "domain": [("tenant_event_id", "=", self.id)],
            "context": {"default_tenant_event_id": self.id, "default_channel": "walk_in"},
        }

    @api.model
    def _get_tenant_portal_domain(self, property_ids):
        """Upcoming published events of these properties; override to show more or less."""
        return [
            ("tenant_property_ids", "in", property_ids),
            ("date_end", ">=", fields.Datetime.now()),
            ("stage_id.pipe_end", "=", False),
        ]
