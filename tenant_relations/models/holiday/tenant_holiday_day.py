# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

HOLIDAY_KINDS = [("holiday", "Day off"), ("workday", "Make-up workday")]
FESTIVALS = [
    ("new_year", "New Year's Day"),
    ("spring_festival", "Spring Festival"),
    ("tomb_sweeping", "Tomb-sweeping Day"),
    ("labour_day", "Labour Day"),
    ("dragon_boat", "Dragon Boat Festival"),
    ("mid_autumn", "Mid-Autumn Festival"),
    ("national_day", "National Day"),
    ("other", "Other"),
]


class TenantHolidayDay(models.Model):
    """A day of a holiday year: a day off (放假) or a make-up workday (调休上班), with the festival it
    belongs to. Calendars that follow mainland holidays get a leave for each day off and the hours of
    a normal working day on each make-up day; both are rewritten whenever a day changes."""

    _name = "tenant.holiday.day"
    _description = "Public Holiday or Make-up Workday"
    _order = "date"
    _rec_name = "date"

    year_id = fields.Many2one("tenant.holiday.year", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)
    kind = fields.Selection(HOLIDAY_KINDS, required=True, default="holiday")
    festival = fields.Selection(FESTIVALS, required=True, default="other")

    _sql_constraints = [
        (
            "date_unique",
            "unique(date)",
            "A day is either a day off or a make-up workday, and listed once.",
        ),
    ]

    @api.depends("date", "festival", "kind")
    def _compute_display_name(self):
        festivals = dict(self._fields["festival"]._description_selection(self.env))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for day in self:
            day.display_name = f"{day.date} {festivals.get(day.festival, '')} ({kinds.get(day.kind, '')})"

    @api.constrains("date", "year_id")
    def _check_year(self):
        for day in self:
            if day.date.year != day.year_id.year:
                raise ValidationError(
                    self.env._("%(date)s is not in %(year)s.", date=day.date, year=day.year_id.year)
                )

    # With the context key ``tenant_holiday_deferred``, create, write and unlink leave the calendars
    # alone: the caller rewrites them once for many days (the upload of a year).

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        return days if self.env.context.get("tenant_holiday_deferred") else days._tenant_apply()

    def write(self, vals):
        if not {"date", "kind", "festival", "year_id"} & vals.keys() or self.env.context.get(
            "tenant_holiday_deferred"
        ):
            return super().write(vals)
        before = self.env["resource.calendar"]._tenant_dates_span(self)
        res = True

        def change():
            nonlocal res
            res = super(TenantHolidayDay, self).write(vals)
            self._tenant_following_calendars()._tenant_write_days(self)

        after = vals.get("date") and fields.Date.to_date(vals["date"])
        first = min(d for d in (before[0], after) if d) if before[0] or after else None
        last = max(d for d in (before[1], after) if d) if before[1] or after else None
        self._tenant_following_calendars()._tenant_change_working_time(change, first, last)
        return res

    def unlink(self):
        """The days' leaves and make-up hours go with them (ondelete cascade)."""
        if self.env.context.get("tenant_holiday_deferred"):
            return super().unlink()
        first, last = self.env["resource.calendar"]._tenant_dates_span(self)
        return self._tenant_following_calendars()._tenant_change_working_time(
            lambda: super(TenantHolidayDay, self).unlink(), first, last
        )

    @api.model
    def _tenant_all_days(self):
        """Every loaded day: what a calendar switched on (or copied) takes in, some 35 a year."""
        return self.search([])  # pylint: disable=no-search-all

    @api.model
    def _tenant_first_day_off(self, festival, after):
        """The first day off of ``festival``'s break after ``after``, from the loaded years; False
        past them."""
        return self.search(
            [("festival", "=", festival), ("kind", "=", "holiday"), ("date", ">", after)], limit=1
        ).date

    @api.model
    def _tenant_period_end(self, start, days, company=None):
        """The last day of a procedural period (期间) of ``days`` calendar days from ``start``.

        As Chinese procedural periods are counted: the day after ``start`` is day 1, and a period
        whose last day is a day off ends on the next working day. A day off is a loaded public
        holiday, or a Saturday or Sunday that is not a make-up workday (调休).

        Counted in calendar days on the State Council's table, not on a firm's office hours: a
        period is the law's, not a calendar's. ``company`` is the firm whose period it is: every
        firm follows the mainland table today; it is where a firm outside the mainland would get
        its own.
        """
        end = fields.Date.to_date(start) + timedelta(days=days)
        # One search for the weeks ahead (a break lasts at most some nine days with its weekends).
        # sudo: the country's holidays, read to count a period for whoever asks.
        found = self.sudo().search([("date", ">=", end), ("date", "<=", end + timedelta(days=31))])
        kinds = {day.date: day.kind for day in found}
        while kinds.get(end) == "holiday" or (end.weekday() >= 5 and kinds.get(end) != "workday"):
            end += timedelta(days=1)
        return end

    def _tenant_following_calendars(self):
        """Every calendar that follows mainland holidays, whatever its company.

        sudo: a day is the country's, not a company's: a manager's correction reaches the calendars
        of every company that follows it, including those the manager cannot read; only the
        holidays are written into them (_tenant_write_days), nothing is read back to the user.
        """
        return self.env["resource.calendar"].sudo().search([("tenant_cn_holidays", "=", True)])

    def _tenant_apply(self):
        """Write these days into every calendar that follows mainland holidays, running work following;
        these days."""
        calendars = self._tenant_following_calendars()
        first, last = calendars._tenant_dates_span(self)
        calendars._tenant_change_working_time(lambda: calendars._tenant_write_days(self), first, last)
        return self
