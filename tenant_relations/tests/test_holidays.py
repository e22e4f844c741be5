# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""China's working days in the SLA calendars (issue 15): the shipped days off and make-up workdays of
2026, with frozen time. Times are UTC; the service-desk calendar is China time (UTC+8), 9-12 and 13-18
Monday to Friday; a normal request is due in 2 office hours."""

import base64
from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TicketCase, load_chinese, migration_script


def dt(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestChinaWorkingDays(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Day = cls.env["tenant.holiday.day"]
        cls.plan = cls.env["tenant.sla.policy"]._plan_deadlines

    def due(self, start, hours, calendar=None):
        return self.plan(calendar or self.office_hours, [(dt(start), hours)])[0]

    def test_the_shipped_calendar_follows_mainland_holidays_of_2026(self):
        self.assertTrue(self.office_hours.tenant_cn_holidays)
        year = self.env.ref("tenant_relations.holiday_year_2026")
        self.assertEqual(year.holiday_count + year.workday_count, len(year.day_ids))
        self.assertEqual(
            self.Day.search([("date", "in", ["2026-10-01", "2026-10-07"])]).mapped("kind"), ["holiday"] * 2
        )
        makeup = self.Day.search([("kind", "=", "workday"), ("year_id", "=", year.id)]).mapped("date")
        for day in ("2026-01-04", "2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10"):
            self.assertIn(date.fromisoformat(day), makeup)

    @freeze_time("2026-09-30 09:00:00")  # Wednesday 17:00, the eve of National Day
    def test_a_request_on_the_eve_of_national_day_is_due_after_the_week_off(self):
        ticket = self.ticket(category_id=self.cat_noise.id)
        # 17:00-18:00 on the 30th, 1-7 October off, then 9:00-10:00 on Thursday 8 October.
        self.assertEqual(self.line(ticket, self.policy_normal).deadline, dt("2026-10-08 02:00:00"))

    def test_make_up_days_of_national_day_are_worked(self):
        # Friday 9 October 17:00 + 2 h: 1 h that day, 1 h on the make-up Saturday 10 October.
        self.assertEqual(self.due("2026-10-09 09:00:00", 2), dt("2026-10-10 02:00:00"))
        # Saturday 19 September 17:00 + 1 h: the make-up Sunday 20 September, 9:00-10:00.
        self.assertEqual(self.due("2026-09-19 09:00:00", 1), dt("2026-09-20 02:00:00"))

    def test_spring_festival_2026(self):
        # Friday 13 February 17:00 + 2 h: 1 h, then the make-up Saturday 14 February at 9:00.
        self.assertEqual(self.due("2026-02-13 09:00:00", 2), dt("2026-02-14 02:00:00"))
        # From that Saturday's end: 15-23 February off, Tuesday 24 February 9:00-10:00.
        self.assertEqual(self.due("2026-02-14 10:00:00", 1), dt("2026-02-24 02:00:00"))
        # Friday 27 February 17:00 + 2 h: the make-up Saturday 28 February.
        self.assertEqual(self.due("2026-02-27 09:00:00", 2), dt("2026-02-28 02:00:00"))

    def test_new_year_make_up_sunday(self):
        # Wednesday 31 December 2025 17:00 + 2 h: 1-3 January off, Sunday 4 January worked.
        self.assertEqual(self.due("2025-12-31 09:00:00", 2), dt("2026-01-04 02:00:00"))

    def test_a_calendar_that_does_not_follow_mainland_holidays_is_untouched(self):
        company = self.env["res.company"].create({"name": "Harbour Estates HK"})
        calendar = self.office_hours.copy(
            {"name": "Hong Kong Desk", "company_id": company.id, "tenant_cn_holidays": False}
        )
        self.assertFalse(calendar.tenant_holiday_leave_ids or calendar.tenant_holiday_attendance_ids)
        # 1 October is a working Thursday there; 10 October a Saturday off.
        self.assertEqual(self.due("2026-09-30 09:00:00", 2, calendar), dt("2026-10-01 02:00:00"))
        self.assertEqual(self.due("2026-10-09 09:00:00", 2, calendar), dt("2026-10-12 02:00:00"))
        # Switched on, it takes the days in; off again, they go.
        calendar.tenant_cn_holidays = True
        self.assertEqual(self.due("2026-09-30 09:00:00", 2, calendar), dt("2026-10-08 02:00:00"))
        calendar.tenant_cn_holidays = False
        self.assertFalse(calendar.tenant_holiday_leave_ids or calendar.tenant_holiday_attendance_ids)
        self.assertEqual(self.due("2026-09-30 09:00:00", 2, calendar), dt("2026-10-01 02:00:00"))

    def test_a_running_line_moves_when_its_year_is_loaded(self):
        """A year loaded after the ticket: the clock keeps the working hours it had left."""
        self.env.ref("tenant_relations.holiday_year_2026").unlink()
        with freeze_time("2026-09-30 09:00:00"):
            ticket = self.ticket(category_id=self.cat_noise.id)
            line = self.line(ticket, self.policy_normal)
            self.assertEqual(line.deadline, dt("2026-10-01 02:00:00"), "no holidays known yet")
            year = self.env["tenant.holiday.year"].create({"year": 2026})
            self.Day.create(
                [
                    {
                        "year_id": year.id,
                        "date": f"2026-10-0{day}",
                        "kind": "holiday",
                        "festival": "national_day",
                    }
                    for day in range(1, 8)
                ]
            )
            self.assertEqual(line.status, "running")
            self.assertEqual(line.deadline, dt("2026-10-08 02:00:00"))

    def test_a_corrected_day_rewrites_the_calendars_and_the_running_clocks(self):
        with freeze_time("2026-09-30 09:00:00"):
            ticket = self.ticket(category_id=self.cat_noise.id)
            line = self.line(ticket, self.policy_normal)
            self.assertEqual(line.deadline, dt("2026-10-08 02:00:00"))
            # The firm finds 7 October was entered by mistake and removes it.
            self.Day.search([("date", "=", "2026-10-07")]).unlink()
            self.assertEqual(line.deadline, dt("2026-10-07 02:00:00"))
            # ... then that it was right, but 8 October was forgotten: moved, the clock follows.
            year = self.env.ref("tenant_relations.holiday_year_2026")
            day = self.Day.create({"year_id": year.id, "date": "2026-10-07", "festival": "national_day"})
            self.assertEqual(line.deadline, dt("2026-10-08 02:00:00"))
            day.date = "2026-10-08"
            self.assertEqual(line.deadline, dt("2026-10-07 02:00:00"))
            off = self.office_hours.tenant_holiday_leave_ids.mapped("tenant_holiday_day_id.date")
            self.assertIn(date(2026, 10, 8), off)
            self.assertNotIn(date(2026, 10, 7), off)

    def test_make_up_hours_are_a_normal_days_hours(self):
        hours = self.office_hours.tenant_holiday_attendance_ids.filtered(
            lambda att: att.date_from == date(2026, 10, 10)
        )
        self.assertEqual(sorted(hours.mapped(lambda att: (att.hour_from, att.hour_to))), [(9, 12), (13, 18)])
        self.assertEqual(set(hours.mapped("dayofweek")), {"5"})

    def test_the_weekly_grid_shows_the_week_only(self):
        """The make-up days are on their own tab, not in the weekly grid nor in its figures."""
        grid = self.office_hours.read(["attendance_ids"])[0]["attendance_ids"]
        self.assertTrue(grid)
        makeup = self.office_hours.tenant_holiday_attendance_ids
        self.assertTrue(makeup)
        self.assertFalse(set(grid) & set(makeup.ids))
        self.assertEqual(self.office_hours.hours_per_day, 8)
        self.assertEqual(self.office_hours._get_max_number_of_hours(dt("2026-01-01"), dt("2026-12-31")), 8)

    def test_make_up_days_follow_a_change_of_the_weekly_hours(self):
        """The make-up Saturday takes the hours of a normal day: longer days, a longer Saturday."""
        monday = self.office_hours.attendance_ids.filtered(
            lambda att: att.dayofweek == "0" and att.day_period == "afternoon"
        )
        self.office_hours.write({"attendance_ids": [(1, monday.id, {"hour_to": 20})]})
        hours = self.office_hours.tenant_holiday_attendance_ids.filtered(
            lambda att: att.date_from == date(2026, 10, 10)
        )
        self.assertEqual(sorted(hours.mapped(lambda att: (att.hour_from, att.hour_to))), [(9, 12), (13, 20)])

    def test_a_two_week_calendar_gets_the_week_type_of_each_make_up_day(self):
        """Week A works Monday to Friday 9-18, week B Monday to Wednesday 9-12: a make-up Saturday
        takes a normal day of its own week."""
        Attendance = self.env["resource.calendar.attendance"]
        periods = [
            (week, str(day), start, stop, period)
            for week, days, hours in (
                ("0", range(5), [(9, 12, "morning"), (13, 18, "afternoon")]),
                ("1", range(3), [(9, 12, "morning")]),
            )
            for day in days
            for start, stop, period in hours
        ]
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Two-week desk",
                "tz": "Asia/Shanghai",
                "two_weeks_calendar": True,
                "tenant_cn_holidays": True,
                "attendance_ids": [(5, 0, 0)]
                + [
                    (
                        0,
                        0,
                        {
                            "name": f"{week}-{day}-{period}",
                            "dayofweek": day,
                            "hour_from": start,
                            "hour_to": stop,
                            "day_period": period,
                            "week_type": week,
                        },
                    )
                    for week, day, start, stop, period in periods
                ],
            }
        )
        for saturday in (date(2026, 10, 10), date(2026, 2, 14)):
            week = str(Attendance.get_week_type(saturday))
            hours = calendar.tenant_holiday_attendance_ids.filtered(
                lambda att, d=saturday: att.date_from == d
            )
            self.assertEqual(set(hours.mapped("week_type")), {week})
            expected = [(9, 12), (13, 18)] if week == "0" else [(9, 12)]
            self.assertEqual(sorted(hours.mapped(lambda att: (att.hour_from, att.hour_to))), expected)
        # And the planner counts them: Friday 9 October 17:00 + 2 h ends on the make-up Saturday.
        self.assertEqual(self.due("2026-10-09 09:00:00", 2, calendar).date(), date(2026, 10, 10))

    def test_a_policy_cannot_count_in_another_companys_calendar(self):
        company = self.env["res.company"].create({"name": "Harbour Estates HK"})
        calendar = self.office_hours.copy(
            {"name": "Hong Kong Desk", "company_id": company.id, "tenant_cn_holidays": False}
        )
        with self.assertRaisesRegex(ValidationError, "Harbour Estates HK"), self.env.cr.savepoint():
            self.policy_normal.write({"company_id": self.env.company.id, "calendar_id": calendar.id})
        self.policy_normal.invalidate_recordset()
        self.assertNotEqual(self.policy_normal.calendar_id, calendar)
        # A policy of that company, or one of every company, may use it.
        self.policy_normal.write({"company_id": company.id, "calendar_id": calendar.id})
        self.policy_normal.write({"company_id": False})

    def test_a_reload_rewrites_never_duplicates(self):
        year = self.env.ref("tenant_relations.holiday_year_2026")
        before = (
            len(self.office_hours.tenant_holiday_leave_ids),
            len(self.office_hours.tenant_holiday_attendance_ids),
        )
        year.action_apply()
        year.action_apply()
        after = (
            len(self.office_hours.tenant_holiday_leave_ids),
            len(self.office_hours.tenant_holiday_attendance_ids),
        )
        self.assertEqual(before, after)

    @mute_logger("odoo.sql_db")
    def test_bad_days_are_refused(self):
        year = self.env.ref("tenant_relations.holiday_year_2026")
        with self.assertRaises(ValidationError):
            self.Day.create({"year_id": year.id, "date": "2027-01-01", "kind": "holiday"})
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.Day.create({"year_id": year.id, "date": "2026-10-01", "kind": "workday"})
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["tenant.holiday.year"].create({"year": 2026})

    def test_migration_switches_the_shipped_calendar_on(self):
        migration = migration_script("18.0.1.7.0", "post-holidays")
        self.office_hours.tenant_cn_holidays = False
        self.assertFalse(self.office_hours.tenant_holiday_leave_ids)
        self.assertTrue(migration.migrate_holidays(self.env))
        self.assertTrue(self.office_hours.tenant_cn_holidays)
        self.assertEqual(self.due("2026-09-30 09:00:00", 2), dt("2026-10-08 02:00:00"))
        self.assertFalse(migration.migrate_holidays(self.env), "a second run changes nothing")

    def test_holidays_are_named_in_the_firms_language(self):
        """A name has one language: the firm's (its contact's), the migration to 18.0.1.8.0
        renames what 18.0.1.7.0 wrote in English."""
        load_chinese(self.env)
        self.env.company.partner_id.lang = "en_US"
        self.office_hours.write({"tenant_cn_holidays": False})
        self.office_hours.write({"tenant_cn_holidays": True})

        def names():
            leave = self.office_hours.tenant_holiday_leave_ids.filtered(
                lambda leave: leave.tenant_holiday_day_id.date == date(2026, 10, 1)
            )
            makeup = self.office_hours.tenant_holiday_attendance_ids.filtered(
                lambda att: att.date_from == date(2026, 10, 10)
            )
            return leave.name, set(makeup.mapped("name"))

        self.assertEqual(names(), ("National Day", {"National Day 2026-10-10"}))
        self.env.company.partner_id.lang = "zh_CN"
        self.assertTrue(migration_script("18.0.1.8.0", "post-holiday-names").migrate_holiday_names(self.env))
        self.assertEqual(names(), ("国庆节", {"国庆节 2026-10-10"}))

    def test_a_greeting_campaign_takes_its_date_from_the_holiday_labels(self):
        Campaign = self.env["tenant.greeting.campaign"]
        # The first day off of the break, as the State Council set it.
        self.assertEqual(Campaign._next_festival_date("dragon_boat", date(2026, 1, 1)), date(2026, 6, 19))
        self.assertEqual(Campaign._next_festival_date("spring_festival", date(2026, 1, 1)), date(2026, 2, 15))
        self.assertEqual(Campaign._next_festival_date("national_day", date(2026, 1, 1)), date(2026, 10, 1))
        # A corrected day moves the greeting with it.
        self.Day.search([("date", "=", "2026-06-19")]).unlink()
        self.assertEqual(Campaign._next_festival_date("dragon_boat", date(2026, 1, 1)), date(2026, 6, 20))
        # Past the loaded years, the festival's own day.
        self.assertEqual(Campaign._next_festival_date("spring_festival", date(2026, 12, 7)), date(2027, 2, 6))


@tagged("post_install", "-at_install")
class TestHolidayUpload(TicketCase):
    """A new year's arrangement uploaded the day the State Council publishes it."""

    FILE_2027 = (
        "date,kind,festival\n"
        "2027-10-01,holiday,national_day\n"
        "2027-10-04,holiday,national_day\n"
        "2027-09-26,workday,national_day\n"
    )

    def upload(self, text, user=None):
        wizard = (
            self.env["tenant.holiday.import"]
            .with_user(user or self.manager)
            .create({"file": base64.b64encode(text.encode()), "file_name": "2027.csv"})
        )
        return wizard.action_import()

    def test_a_new_year_is_loaded_into_the_calendars(self):
        action = self.upload(self.FILE_2027)
        year = self.env["tenant.holiday.year"].search([("year", "=", 2027)])
        self.assertEqual(action["res_id"], year.id)
        self.assertEqual((year.holiday_count, year.workday_count), (2, 1))
        plan = self.env["tenant.sla.policy"]._plan_deadlines
        # Thursday 30 September 2027, 17:00 + 2 h: 1 and 4 October off (2-3 a weekend), Tuesday 5th.
        self.assertEqual(
            plan(self.office_hours, [(dt("2027-09-30 09:00:00"), 2)]), [dt("2027-10-05 02:00:00")]
        )

    def test_a_year_uploaded_again_is_updated_never_duplicated(self):
        self.upload(self.FILE_2027)
        self.upload("date,kind,festival\n2027-10-01,holiday,national_day\n2027-10-05,holiday,national_day\n")
        days = self.env["tenant.holiday.day"].search([("year_id.year", "=", 2027)])
        self.assertEqual(days.mapped("date"), [date(2027, 10, 1), date(2027, 10, 5)])
        self.assertEqual(self.env["tenant.holiday.year"].search_count([("year", "=", 2027)]), 1)
        written = self.office_hours.tenant_holiday_leave_ids.filtered(
            lambda leave: leave.date_from.year == 2027
        )
        self.assertEqual(len(written), 2)

    def test_bad_files_are_refused_with_nothing_loaded(self):
        bad = {
            "2027-13-01,holiday,national_day\n": "is not a date",
            "2027-10-01,holiday,national_day\n2027-10-01,workday,national_day\n": "more than once",
            "2027-10-01,day_off,national_day\n": "neither holiday nor workday",
            "2027-10-01,holiday,arbor_day\n": "is not a festival",
            "2027-10-01,holiday\n": "expected date,kind,festival",
            "date,kind,festival\n": "no day",
        }
        for text, message in bad.items():
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self.upload("2027-10-02,holiday,national_day\n" + text if message != "no day" else text)
        self.assertFalse(self.env["tenant.holiday.year"].search([("year", "=", 2027)]))

    def test_only_managers_upload(self):
        with self.assertRaises(AccessError):
            self.upload(self.FILE_2027, user=self.staff_a)

    def test_an_upload_rewrites_the_calendars_once_and_moves_running_clocks(self):
        self.upload(self.FILE_2027)
        with freeze_time("2027-09-30 09:00:00"):  # Thursday 17:00
            ticket = self.ticket(category_id=self.cat_noise.id)
            line = self.line(ticket, self.policy_normal)
            self.assertEqual(line.deadline, dt("2027-10-05 02:00:00"))
            # The State Council's final text: 1-7 October off, 9 October worked; 4 October was a
            # mistake of the first file, and 1 October's festival was mistyped.
            text = "".join(f"2027-10-0{day},holiday,national_day\n" for day in range(1, 8))
            self.upload("date,kind,festival\n" + text + "2027-10-09,workday,national_day\n")
        self.assertEqual(line.status, "running")
        # Friday 8 October 9:00-10:00 (the ticket had 1 h left of its 2 h on the 30th).
        self.assertEqual(line.deadline, dt("2027-10-08 02:00:00"))
        leaves = self.office_hours.tenant_holiday_leave_ids.filtered(
            lambda leave: leave.date_from.year == 2027
        )
        self.assertEqual(len(leaves), 7)
        self.assertEqual(
            self.office_hours.tenant_holiday_attendance_ids.filtered(
                lambda att: att.date_from and att.date_from.year == 2027
            ).mapped("date_from"),
            [date(2027, 10, 9)] * 2,
        )
