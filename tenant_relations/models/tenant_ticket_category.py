# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .tenant_sla_policy import URGENCIES


class TenantTicketCategory(models.Model):
    """What a ticket is about (water and electricity, lift, leak…); a tree."""

    _name = "tenant.ticket.category"
    _description = "Ticket Category"
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("tenant.ticket.category", index=True, ondelete="cascade")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("tenant.ticket.category", "parent_id")
    default_urgency = fields.Selection(
        URGENCIES, default="normal", help="Urgency given to new tickets of this category."
    )
    active = fields.Boolean(default=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = f"{category.parent_id.complete_name} / {category.name}"
            else:
                category.complete_name = category.name
