# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import create_index


class TenantTicketSla(models.Model):
    """The SLA lines of a period, as the Excel list and the SLA analysis read them."""

    _inherit = "tenant.ticket.sla"

    def init(self):
        res = super().init()
        # The month's SLA lines (Excel list) are read by their start, the ticket's report.
        create_index(self.env.cr, "tenant_ticket_sla_start_date_idx", self._table, ["start_date"])
        return res
