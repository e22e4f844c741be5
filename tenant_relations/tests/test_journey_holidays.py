# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The administrator loads next year's public holidays the day the State Council publishes them
(issue 15), in Chromium on the demo database as ``make run`` builds it: the file uploaded from the
app's configuration menu, a day the file had wrong corrected in the year's form; the desk's
calendar and its deadlines follow. A journey test (see journey_case.py)."""

from datetime import date, datetime

from odoo.tests import tagged

from .journey_case import JourneyCase


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class TestJourneyHolidays(JourneyCase):
    def test_admin_uploads_next_year_and_corrects_a_day(self):
        Year = self.env["tenant.holiday.year"]
        self.assertFalse(Year.search([("year", "=", 2027)]), "the demo knows no 2027 yet")
        self.start_tour(
            "/odoo/action-tenant_relations.tenant_holiday_year_action",
            "tenant_relations_journey_holidays_tour",
            login="admin",
        )
        year = Year.search([("year", "=", 2027)])
        self.assertEqual((year.holiday_count, year.workday_count), (7, 1))
        desk = self.env.ref("tenant_relations.resource_calendar_office_hours")
        self.assertEqual(
            sorted(
                desk.tenant_holiday_leave_ids.filtered(lambda leave: leave.date_from.year == 2027).mapped(
                    "tenant_holiday_day_id.date"
                )
            ),
            [date(2027, 10, day) for day in range(1, 8)],
        )
        # Friday 8 October 2027, 17:00 China time + 2 office hours: 1 h that day, 1 h on the
        # make-up Saturday the administrator corrected.
        plan = self.env["tenant.sla.policy"]._plan_deadlines
        self.assertEqual(plan(desk, [(datetime(2027, 10, 8, 9), 2)]), [datetime(2027, 10, 9, 2)])
