# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    tenant_holiday_day_id = fields.Many2one(
        "tenant.holiday.day",
        string="Public Holiday",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
        help="The day of the holiday arrangement this leave was written for: a reload rewrites it.",
    )
