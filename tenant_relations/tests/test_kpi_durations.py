# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Durations stored when they happen, with frozen time. Times are UTC; the service desk's hours are
Monday to Friday 9:00-12:00 and 13:00-18:00 China time (UTC+8): 2026-03-02 is a Monday."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import TicketCase, migration_script


def dt(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestKpiDurations(TicketCase):
    def move(self, ticket, stage, when):
        with freeze_time(when):
            ticket.write({"stage_id": stage.id})

    def test_response_working_minutes_equal_the_sla_engine(self):
        """Friday 11:30 to 14:00 Shanghai: 150 calendar minutes, 90 of office hours (lunch out),
        and the office-hours policy's line used 2 h less what it had left at the response."""
        self.assertEqual(self.env.company._tenant_desk_calendar(), self.office_hours)
        self.assertEqual(self.policy_normal.calendar_id, self.office_hours)
        with freeze_time("2026-03-06 03:30:00"):
            ticket = self.ticket()
        with freeze_time("2026-03-06 06:00:00"):
            ticket.action_respond()
        line = self.line(ticket, self.policy_normal)
        self.assertEqual(line.status, "met")
        used = self.policy_normal._duration_hours() - line._hours_left(ticket.first_response_date)[line.id]
        self.assertAlmostEqual(used * 60, ticket.response_working_minutes, places=6)
        self.assertAlmostEqual(ticket.response_working_minutes, 90.0, places=6)
        self.assertAlmostEqual(ticket.response_minutes, 150.0, places=6)

    def test_response_from_the_weekend_counts_no_office_time_until_monday(self):
        with freeze_time("2026-03-07 12:00:00"):  # Saturday 20:00 Shanghai
            ticket = self.ticket()
        with freeze_time("2026-03-09 02:00:00"):  # Monday 10:00
            ticket.action_respond()
        line = self.line(ticket, self.policy_normal)
        used = self.policy_normal._duration_hours() - line._hours_left(ticket.first_response_date)[line.id]
        self.assertAlmostEqual(ticket.response_working_minutes, 60.0, places=6)
        self.assertAlmostEqual(used * 60, ticket.response_working_minutes, places=6)
        self.assertAlmostEqual(ticket.response_minutes, 38 * 60, places=6)

    def test_waiting_time_is_taken_out_of_the_resolution(self):
        with freeze_time("2026-03-02 02:00:00"):  # Monday 10:00 Shanghai
            ticket = self.ticket()
        self.move(ticket, self.stage_waiting, "2026-03-02 03:00:00")  # 11:00
        self.assertEqual(ticket.waiting_since, dt("2026-03-02 03:00:00"))
        self.move(ticket, self.stage_progress, "2026-03-02 06:00:00")  # 14:00
        self.assertFalse(ticket.waiting_since)
        self.assertAlmostEqual(ticket.waiting_minutes, 180.0)
        self.assertAlmostEqual(ticket.waiting_working_minutes, 120.0)  # 11-12 and 13-14
        self.move(ticket, self.stage_resolved, "2026-03-02 08:00:00")  # 16:00
        self.assertEqual(ticket.resolved_date, dt("2026-03-02 08:00:00"))
        self.assertAlmostEqual(ticket.resolution_minutes, 360.0 - 180.0)
        self.assertAlmostEqual(ticket.resolution_working_minutes, 300.0 - 120.0)
        # Closing a resolved ticket measures nothing again.
        self.move(ticket, self.stage_closed, "2026-03-03 08:00:00")
        self.assertAlmostEqual(ticket.resolution_minutes, 180.0)

    def test_resolved_while_waiting_stops_the_wait_at_the_resolution(self):
        with freeze_time("2026-03-02 02:00:00"):
            ticket = self.ticket()
        self.move(ticket, self.stage_waiting, "2026-03-02 03:00:00")
        self.move(ticket, self.stage_resolved, "2026-03-02 05:00:00")  # 13:00 Shanghai
        self.assertFalse(ticket.waiting_since)
        self.assertAlmostEqual(ticket.waiting_minutes, 120.0)
        self.assertAlmostEqual(ticket.waiting_working_minutes, 60.0)
        self.assertAlmostEqual(ticket.resolution_minutes, 180.0 - 120.0)
        self.assertAlmostEqual(ticket.resolution_working_minutes, 120.0 - 60.0)

    def test_a_reopened_ticket_is_measured_at_its_last_resolution(self):
        with freeze_time("2026-03-02 02:00:00"):
            ticket = self.ticket()
        self.move(ticket, self.stage_resolved, "2026-03-02 03:00:00")
        self.assertAlmostEqual(ticket.resolution_minutes, 60.0)
        with freeze_time("2026-03-03 02:00:00"):
            self.assertEqual(ticket._action_reopen("Still leaking"), ticket)
        self.assertEqual(ticket.reopen_count, 1)
        self.assertFalse(ticket.resolved_date)
        self.assertEqual(ticket.resolution_minutes, 0)
        self.assertEqual(ticket.resolution_working_minutes, 0)
        self.move(ticket, self.stage_closed, "2026-03-03 04:00:00")  # Tuesday 12:00 Shanghai
        self.assertAlmostEqual(ticket.resolution_minutes, 26 * 60.0)
        self.assertAlmostEqual(ticket.resolution_working_minutes, 7 * 60.0 + 3 * 60.0)
        # Staff moving a closed ticket back to work reopen it too.
        self.move(ticket, self.stage_progress, "2026-03-04 02:00:00")
        self.assertEqual(ticket.reopen_count, 2)
        self.assertFalse(ticket.resolved_date)
        self.assertFalse(ticket.closed_date)
        self.assertEqual(ticket.resolution_minutes, 0)
        self.move(ticket, self.stage_resolved, "2026-03-04 03:00:00")
        self.assertEqual(ticket.resolved_date, dt("2026-03-04 03:00:00"))
        self.assertAlmostEqual(ticket.resolution_minutes, 49 * 60.0)

    def test_a_new_day_off_recomputes_the_working_minutes(self):
        with freeze_time("2026-03-02 02:00:00"):  # Monday 10:00
            ticket = self.ticket()
        with freeze_time("2026-03-03 02:00:00"):  # Tuesday 10:00
            ticket.action_respond()
        self.assertAlmostEqual(ticket.response_working_minutes, 8 * 60.0)
        self.move(ticket, self.stage_resolved, "2026-03-03 03:00:00")
        self.assertAlmostEqual(ticket.resolution_working_minutes, 9 * 60.0)

        def day_off():
            self.env["resource.calendar.leaves"].create(
                {
                    "name": "Typhoon",
                    "calendar_id": self.office_hours.id,
                    "date_from": "2026-03-01 16:00:00",  # Monday 00:00 Shanghai
                    "date_to": "2026-03-02 15:59:59",
                }
            )

        with freeze_time("2026-03-05 02:00:00"):
            self.office_hours._tenant_change_working_time(day_off, date(2026, 3, 2), date(2026, 3, 2))
        self.assertAlmostEqual(ticket.response_working_minutes, 60.0)
        self.assertAlmostEqual(ticket.resolution_working_minutes, 120.0)
        self.assertAlmostEqual(ticket.response_minutes, 24 * 60.0)  # calendar minutes stay

    def test_migration_fills_the_durations_of_existing_tickets(self):
        with freeze_time("2026-03-06 03:30:00"):
            answered = self.ticket()
            untouched = self.ticket()
        with freeze_time("2026-03-06 06:00:00"):
            answered.action_respond()
        self.move(answered, self.stage_resolved, "2026-03-06 08:00:00")  # Friday 16:00
        tickets = answered | untouched
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE tenant_ticket SET response_minutes = NULL, response_working_minutes = NULL,
                      resolution_minutes = NULL, resolution_working_minutes = NULL,
                      waiting_minutes = NULL, waiting_working_minutes = NULL, reopen_count = NULL
                WHERE id IN %s""",
            [tuple(tickets.ids)],
        )
        tickets.invalidate_recordset()
        migration = migration_script("18.0.1.9.0", "post-migrate")
        self.assertGreaterEqual(migration.migrate_durations(self.env, batch_size=1), 1)
        self.assertAlmostEqual(answered.response_minutes, 150.0)
        self.assertAlmostEqual(answered.response_working_minutes, 90.0)
        self.assertAlmostEqual(answered.resolution_minutes, 270.0)
        self.assertAlmostEqual(answered.resolution_working_minutes, 210.0)
        self.assertEqual(answered.reopen_count, 0)
        self.assertFalse(untouched.response_minutes)
        self.assertFalse(untouched.resolution_working_minutes)
