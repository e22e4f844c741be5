# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantTicket(models.Model):
    """Feedback raised at a community event or owner meeting is followed up as a ticket."""

    _inherit = "tenant.ticket"

    tenant_event_id = fields.Many2one(
        "event.event",
        string="Event",
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        help="The community event or owner meeting where this was raised.",
    )
