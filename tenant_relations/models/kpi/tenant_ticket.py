# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantTicket(models.Model):
    """Durations stored when they happen, for the KPIs and the analysis views (SQL cannot count
    working time): calendar and working minutes to the first response and to the resolution, the
    time spent waiting (paused), and how often the ticket was reopened."""

    _inherit = "tenant.ticket"

    response_minutes = fields.Float(
        string="Response Time (min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Calendar minutes from the report to the first response.",
    )
    response_working_minutes = fields.Float(
        string="Response Time (working min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working minutes of the service desk's hours from the report to the first response.",
    )
    resolution_minutes = fields.Float(
        string="Resolution Time (min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Calendar minutes from the report to the (last) resolution, less the time spent waiting.",
    )
    resolution_working_minutes = fields.Float(
        string="Resolution Time (working min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working minutes from the report to the (last) resolution, less the working time spent waiting.",
    )
    waiting_minutes = fields.Float(
        string="Waiting Time (min)",
        readonly=True,
        copy=False,
        help="Calendar minutes spent in a waiting stage (on the resident or on parts) before the resolution.",
    )
    waiting_working_minutes = fields.Float(string="Waiting Time (working min)", readonly=True, copy=False)
    waiting_since = fields.Datetime(readonly=True, copy=False)
    reopen_count = fields.Integer(
        string="Reopened", readonly=True, copy=False, help="How many times the ticket was reopened."
    )
