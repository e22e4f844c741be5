# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models

from ..models.ticket.tenant_ticket import TICKET_KINDS


class TenantEventFeedbackWizard(models.TransientModel):
    """Record what a resident raised at an owner meeting as a walk-in ticket linked to the event."""

    _name = "tenant.event.feedback.wizard"
    _description = "Record Event Feedback as Ticket"

    event_id = fields.Many2one("event.event", required=True, ondelete="cascade")
    registration_id = fields.Many2one(
        "event.registration",
        string="Attendee",
        domain="[('event_id', '=', event_id)]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Resident",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
    )
    kind = fields.Selection(TICKET_KINDS, required=True, default="feedback")
    name = fields.Char(string="Title", required=True)
    description = fields.Text(string="Feedback", required=True)
    property_id = fields.Many2one(
        "tenant.property",
        compute="_compute_property_id",
        store=True,
        readonly=False,
    )

    @api.depends("registration_id")
    def _compute_partner_id(self):
        for wizard in self:
            if wizard.registration_id.partner_id:
                wizard.partner_id = wizard.registration_id.partner_id

    @api.depends("event_id")
    def _compute_property_id(self):
        for wizard in self:
            if not wizard.property_id and len(wizard.event_id.tenant_property_ids) == 1:
                wizard.property_id = wizard.event_id.tenant_property_ids

    def action_create_ticket(self):
        self.ensure_one()
        ticket = self.env["tenant.ticket"].create(self._prepare_ticket_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "tenant.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
        }

    def _prepare_ticket_vals(self):
        self.ensure_one()
        vals = {
            "name": self.name,
            "description": Markup("<p>%s</p>") % self.description,
            "kind": self.kind,
            "channel": "walk_in",
            "partner_id": self.partner_id.id,
            "tenant_event_id": self.event_id.id,
        }
        if self.property_id:
            vals["property_id"] = self.property_id.id
        elif self.event_id.company_id:
            vals["company_id"] = self.event_id.company_id.id
        return vals
