# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

    tenant_holiday_day_id = fields.Many2one(
        "tenant.holiday.day",
        string="Make-up Workday",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
        help="The make-up workday (调休) these hours were written for: a reload rewrites them.",
    )
