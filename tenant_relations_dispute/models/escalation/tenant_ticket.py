# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantTicket(models.Model):
    _inherit = "tenant.ticket"

    dispute_id = fields.Many2one("tenant.dispute", index="btree_not_null", tracking=True, copy=False)
