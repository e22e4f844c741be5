# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantHolidayWrittenMixin(models.AbstractModel):
    """A leave or working hours that a day of the holiday arrangement wrote into a calendar: known by
    that day, so that a reload or a correction rewrites them instead of adding more."""

    _name = "tenant.holiday.written.mixin"
    _description = "Written for a Public Holiday Day"

    tenant_holiday_day_id = fields.Many2one(
        "tenant.holiday.day",
        string="Public Holiday or Make-up Workday",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
        help="The day of the holiday arrangement this was written for: a reload rewrites it.",
    )
