# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TenantHolidayYear(models.Model):
    """One year of the State Council's holiday arrangement (国务院办公厅关于部分节假日安排的通知),
    published each year between late October and early December for the next."""

    _name = "tenant.holiday.year"
    _description = "Public Holiday Year"
    _order = "year desc"
    _rec_name = "year"

    year = fields.Integer(required=True)
    day_ids = fields.One2many("tenant.holiday.day", "year_id", string="Days")
    holiday_count = fields.Integer(string="Days Off", compute="_compute_counts")
    workday_count = fields.Integer(string="Make-up Workdays", compute="_compute_counts")

    _sql_constraints = [
        ("year_unique", "unique(year)", "This year is already loaded: correct its days instead."),
        ("year_range", "check(year between 2000 and 2100)", "The year must be between 2000 and 2100."),
    ]

    @api.depends("day_ids.kind")
    def _compute_counts(self):
        for year in self:
            kinds = year.day_ids.mapped("kind")
            year.holiday_count = kinds.count("holiday")
            year.workday_count = kinds.count("workday")

    @api.depends("year")
    def _compute_display_name(self):
        for year in self:
            year.display_name = str(year.year)

    @api.constrains("year")
    def _check_days_in_year(self):
        for year in self:
            if any(day.date.year != year.year for day in year.day_ids):
                raise ValidationError(
                    self.env._("The days of %(year)s are not all in %(year)s.", year=year.year)
                )

    def action_apply(self):
        """Write the years' days into every calendar that follows mainland holidays again (after a
        calendar was switched on, or its hours changed).

        Those who may change the years may apply them: the calendars are written as sudo."""
        self.check_access("write")
        self.day_ids._tenant_apply()
        return True
