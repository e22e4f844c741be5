# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantTicketStage(models.Model):
    """A step of the ticket process: intake, investigation, solution, feedback, evaluation."""

    _name = "tenant.ticket.stage"
    _description = "Ticket Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    is_resolved = fields.Boolean(string="Resolved", help="Reaching this stage resolves the ticket.")
    is_closed = fields.Boolean(string="Closed", help="Reaching this stage closes the ticket.")
    is_pause = fields.Boolean(
        string="Waiting",
        help="Waiting on the resident or on parts: SLA policies that pause here stop their clock.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain=[("model", "=", "tenant.ticket")],
        help="Sent to the resident when a ticket reaches this stage.",
    )
    active = fields.Boolean(default=True)
