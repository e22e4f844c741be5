# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

# What a calendar's holidays are written from: its switch, its weekly hours (the make-up days take
# the hours of a normal day) and its time zone (where a day off starts and ends).
WEEK_FIELDS = {"tenant_cn_holidays", "attendance_ids", "two_weeks_calendar", "tz"}


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    tenant_cn_holidays = fields.Boolean(
        string="Mainland China Public Holidays",
        help="Take the days off and make-up workdays (调休) of the State Council's holiday arrangement "
        "into this calendar: deadlines skip the days off and count the make-up days. A calendar of a "
        "company outside the mainland (Hong Kong, Macao, Taiwan, abroad) leaves it off.",
    )
    tenant_holiday_leave_ids = fields.One2many(
        "resource.calendar.leaves",
        "calendar_id",
        string="Public Holidays",
        domain=[("tenant_holiday_day_id", "!=", False)],
    )
    # The weekly grid (and every reader of the weekly hours: overlap checks, hours per day, the most
    # hours of a day) shows the week only; the make-up days have their own tab. The working-time
    # computation searches attendances itself and so still counts them.
    attendance_ids = fields.One2many(domain=[("tenant_holiday_day_id", "=", False)])
    tenant_holiday_attendance_ids = fields.One2many(
        "resource.calendar.attendance",
        "calendar_id",
        string="Make-up Workdays",
        domain=[("tenant_holiday_day_id", "!=", False)],
    )

    @api.model_create_multi
    def create(self, vals_list):
        calendars = super().create(vals_list)
        # A copy of a following calendar arrives with its holidays (leaves and attendances are
        # copied): rewritten for a calendar that follows, removed from one that does not.
        touched = calendars.filtered(
            lambda calendar: (
                calendar.tenant_cn_holidays
                or calendar.tenant_holiday_leave_ids
                or calendar.tenant_holiday_attendance_ids
            )
        )
        if touched:
            touched._tenant_write_days(self.env["tenant.holiday.day"]._tenant_all_days())
        return calendars

    def write(self, vals):
        if not WEEK_FIELDS & vals.keys():
            return super().write(vals)
        if "tenant_cn_holidays" in vals:
            switched = self.filtered(
                lambda calendar: calendar.tenant_cn_holidays != bool(vals["tenant_cn_holidays"])
            )
        else:
            switched = self.filtered("tenant_cn_holidays")
        if not switched:
            return super().write(vals)
        days = self.env["tenant.holiday.day"]._tenant_all_days()
        first, last = self._tenant_dates_span(days)
        res = True

        def change():
            nonlocal res
            res = super(ResourceCalendar, self).write(vals)
            switched._tenant_write_days(days)

        switched._tenant_change_working_time(change, first, last)
        return res

    # The hook ----------------------------------------------------------------------------------

    def _tenant_change_working_time(self, change, first, last):
        """Run ``change()``, which changes the working time of these calendars between the dates
        ``first`` and ``last``, and keep running work on time: an SLA clock still running keeps the
        working hours it had left, placed on the new working time.

        The one place where running work follows a change of working days; the features built on
        calendars extend it (``super()`` runs the change).
        """
        if not self or not first:
            return change()
        now = fields.Datetime.now()
        # sudo: the clocks of every ticket on these calendars move, whoever loads the year.
        lines = (
            self.env["tenant.ticket.sla"]
            .sudo()
            .search(
                [
                    ("status", "=", "running"),
                    ("policy_id.around_the_clock", "=", False),
                    ("policy_id.calendar_id", "in", self.ids),
                    ("deadline", ">", max(now, datetime.combine(first, time.min) - timedelta(days=1))),
                ]
            )
        )
        lines._pause(now)
        result = change()
        lines._resume(now)
        return result

    # Writing the days --------------------------------------------------------------------------

    @api.model
    def _tenant_dates_span(self, days):
        """The first and last date of ``days`` (None, None without days)."""
        dates = days.mapped("date")
        return (min(dates), max(dates)) if dates else (None, None)

    def _tenant_write_days(self, days):
        """Rewrite ``days`` in these calendars: a leave for each day off, the hours of a normal
        working day for each make-up day, none for a calendar that does not follow mainland holidays.

        Rewritten, never added twice: what an earlier load wrote for these days goes first.
        """
        # sudo: the calendars' holidays are the firm's data, written for whoever loads a year; the
        # leaves and attendances are recognised by their day, not by who wrote them.
        Leave = self.env["resource.calendar.leaves"].sudo()
        Attendance = self.env["resource.calendar.attendance"].sudo()
        domain = [("calendar_id", "in", self.ids), ("tenant_holiday_day_id", "in", days.ids)]
        Leave.search(domain).unlink()
        Attendance.search(domain).unlink()
        leaves, attendances = [], []
        for calendar in self.filtered("tenant_cn_holidays"):
            festivals = calendar._tenant_festival_names()
            tz = pytz.timezone(calendar.tz or "Asia/Shanghai")
            normal_day = calendar._tenant_normal_day_attendances()
            for day in days:
                if day.kind == "holiday":
                    start = tz.localize(datetime.combine(day.date, time.min)).astimezone(pytz.utc)
                    stop = tz.localize(datetime.combine(day.date, time.max)).astimezone(pytz.utc)
                    leaves.append(
                        {
                            "name": festivals.get(day.festival) or "",
                            "calendar_id": calendar.id,
                            "company_id": calendar.company_id.id,
                            "date_from": start.replace(tzinfo=None),
                            "date_to": stop.replace(tzinfo=None),
                            "time_type": "leave",
                            "tenant_holiday_day_id": day.id,
                        }
                    )
                    continue
                week_type = str(Attendance.get_week_type(day.date)) if calendar.two_weeks_calendar else False
                if calendar._tenant_works_on(day.date.weekday(), week_type):
                    continue  # a working weekday already: nothing to add
                for period in normal_day.filtered(lambda att, wt=week_type: not wt or att.week_type == wt):
                    attendances.append(
                        {
                            "name": f"{festivals.get(day.festival) or ''} {day.date}".strip(),
                            "calendar_id": calendar.id,
                            "dayofweek": str(day.date.weekday()),
                            "date_from": day.date,
                            "date_to": day.date,
                            "hour_from": period.hour_from,
                            "hour_to": period.hour_to,
                            "day_period": period.day_period,
                            "week_type": period.week_type,
                            "tenant_holiday_day_id": day.id,
                        }
                    )
        Leave.create(leaves)
        Attendance.create(attendances)

    def _tenant_festival_names(self):
        """``{festival: name}`` in the language of the firm whose calendar this is: a leave's or an
        attendance's name has one language only (as the calendar's own, see
        ``_tenant_name_office_hours``)."""
        self.ensure_one()
        lang = (self.company_id or self.env.company)._tenant_lang()
        Day = self.env["tenant.holiday.day"].with_context(lang=lang)
        return dict(Day._fields["festival"]._description_selection(Day.env))

    @api.model
    def _tenant_name_holidays(self):
        """Name the days every following calendar holds in its firm's language, once the firm's
        language is known (the demo, an upgrade from 18.0.1.7.0 that named them in English)."""
        calendars = self.sudo().search([("tenant_cn_holidays", "=", True)])
        for calendar in calendars:
            festivals = calendar._tenant_festival_names()
            # One write per name for the leaves (a festival's days share it); a make-up day's
            # hours carry their date.
            leaves = calendar.tenant_holiday_leave_ids
            for festival, name in festivals.items():
                leaves.filtered(
                    lambda leave, f=festival, n=name: (
                        leave.tenant_holiday_day_id.festival == f and leave.name != n
                    )
                ).name = name
            for attendance in calendar.tenant_holiday_attendance_ids:
                day = attendance.tenant_holiday_day_id
                name = f"{festivals.get(day.festival) or ''} {day.date}".strip()
                if attendance.name != name:
                    attendance.name = name
        return True

    def _tenant_works_on(self, weekday, week_type):
        """Whether this calendar's weekly hours already work ``weekday`` (0 = Monday)."""
        return any(
            att.dayofweek == str(weekday) and (not week_type or att.week_type == week_type)
            for att in self.attendance_ids
            if not att.date_from and not att.date_to and not att.display_type
        )

    def _tenant_normal_day_attendances(self):
        """The periods of a normal working day of this calendar: those of its weekday with the most
        working hours (Monday on a Monday-to-Friday calendar), in each week of a two-week calendar."""
        self.ensure_one()
        weekly = self.attendance_ids.filtered(
            lambda att: (
                not att.date_from and not att.date_to and not att.display_type and att.day_period != "lunch"
            )
        )
        result = self.env["resource.calendar.attendance"]
        for week_type in set(weekly.mapped("week_type")) or {False}:
            periods = weekly.filtered(lambda att, wt=week_type: att.week_type == wt)
            hours = {}
            for att in periods:
                hours[att.dayofweek] = hours.get(att.dayofweek, 0) + att.hour_to - att.hour_from
            if hours:
                best = max(sorted(hours), key=lambda dayofweek: hours[dayofweek])
                result |= periods.filtered(lambda att, d=best: att.dayofweek == d)
        return result
