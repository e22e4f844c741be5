# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Chinese procedural periods (期间) on the shipped holiday table: a period whose last day is a day
off ends on the next working day."""

from datetime import date

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestHolidaysPeriod(TransactionCase):
    def period_end(self, start, days, company=None):
        return self.env["tenant.holiday.day"]._tenant_period_end(start, days, company)

    def test_a_period_ending_in_national_day_week_rolls_past_the_break(self):
        # 16 September 2026 + 15 days = Thursday 1 October: off until the 7th, Thursday 8th works.
        self.assertEqual(self.period_end(date(2026, 9, 16), 15), date(2026, 10, 8))

    def test_a_period_ending_on_a_make_up_saturday_does_not_roll(self):
        # Saturday 10 October 2026 is a make-up workday (调休) of National Day.
        self.assertEqual(date(2026, 10, 10).weekday(), 5)
        self.assertEqual(self.period_end(date(2026, 9, 10), 30), date(2026, 10, 10))

    def test_a_period_ending_on_an_ordinary_sunday_rolls_to_monday(self):
        self.assertEqual(self.period_end(date(2026, 11, 1), 14), date(2026, 11, 16))
        # The day after the start is day 1: a working last day stays.
        self.assertEqual(self.period_end(date(2026, 11, 2), 3), date(2026, 11, 5))

    def test_a_company_follows_the_mainland_table(self):
        self.assertEqual(self.period_end(date(2026, 9, 16), 15, self.env.company), date(2026, 10, 8))
