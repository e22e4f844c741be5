# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA arithmetic with frozen time. Times are UTC; the office calendar is China time (UTC+8)."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TicketCase


def dt(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestSla(TicketCase):
    @freeze_time("2026-03-02 10:00:00")
    def test_urgent_leak_thirty_minutes_around_the_clock(self):
        ticket = self.ticket(category_id=self.cat_leak.id)
        self.assertEqual(ticket.urgency, "urgent")
        line = self.line(ticket, self.policy_urgent)
        self.assertEqual(line.deadline, dt("2026-03-02 10:30:00"))
        self.assertEqual(line.warning_date, dt("2026-03-02 10:15:00"))
        self.assertEqual(line.status, "running")
        self.assertEqual(ticket.sla_deadline, dt("2026-03-02 10:30:00"))
        self.assertFalse(self.line(ticket, self.policy_normal))

    @freeze_time("2026-03-07 12:00:00")  # Saturday 20:00 in Shanghai
    def test_normal_request_on_saturday_evening_due_monday(self):
        ticket = self.ticket(category_id=self.cat_noise.id)
        # Monday 09:00 + 2 office hours = 11:00 Shanghai = 03:00 UTC.
        self.assertEqual(self.line(ticket, self.policy_normal).deadline, dt("2026-03-09 03:00:00"))

    @freeze_time("2026-03-07 12:00:00")
    def test_public_holiday_skipped(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.office_hours.id,
                "date_from": "2026-03-08 16:00:00",  # Monday 00:00 Shanghai
                "date_to": "2026-03-09 15:59:59",
            }
        )
        ticket = self.ticket(category_id=self.cat_noise.id)
        self.assertEqual(self.line(ticket, self.policy_normal).deadline, dt("2026-03-10 03:00:00"))

    @freeze_time("2026-03-06 03:30:00")  # Friday 11:30 Shanghai: half an hour before lunch
    def test_office_hours_across_lunch(self):
        ticket = self.ticket(category_id=self.cat_noise.id)
        # 11:30-12:00 then 13:00-14:30 Shanghai = 06:30 UTC.
        self.assertEqual(self.line(ticket, self.policy_normal).deadline, dt("2026-03-06 06:30:00"))

    def test_pause_moves_the_deadline(self):
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.ticket(kind="complaint", complaint_grade="general", category_id=self.cat_noise.id)
            line = self.line(ticket, self.policy_general)
            self.assertEqual(line.deadline, dt("2026-03-03 10:00:00"))
        with freeze_time("2026-03-02 12:00:00"):
            ticket.stage_id = self.stage_waiting
            self.assertEqual(line.status, "paused")
            self.assertAlmostEqual(line.hours_left_at_pause, 22)
            # The office-hours response line pauses too (Monday 20:00 Shanghai: nothing left to count today).
            self.assertEqual(self.line(ticket, self.policy_normal).status, "paused")
        with freeze_time("2026-03-02 15:00:00"):
            ticket.stage_id = self.stage_progress
            self.assertEqual(line.status, "running")
            self.assertEqual(line.deadline, dt("2026-03-03 13:00:00"))

    def test_line_born_in_a_pause_stage_waits_with_its_whole_time(self):
        """A policy that starts to apply while the ticket waits on the resident starts paused, with
        its whole duration left, and runs from when the ticket leaves the pause stage."""
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.ticket(category_id=self.cat_noise.id)
            ticket.stage_id = self.stage_waiting
        with freeze_time("2026-03-02 12:00:00"):
            ticket.write({"kind": "complaint", "complaint_grade": "general"})
            line = self.line(ticket, self.policy_general)
            self.assertEqual(line.status, "paused")
            self.assertEqual(line.paused_since, dt("2026-03-02 12:00:00"))
            self.assertAlmostEqual(line.hours_left_at_pause, 24)
        with freeze_time("2026-03-02 15:00:00"):
            ticket.stage_id = self.stage_progress
            self.assertEqual(line.status, "running")
            self.assertEqual(line.deadline, dt("2026-03-03 15:00:00"))

    @freeze_time("2026-03-02 10:00:00")
    def test_reopen_puts_a_closed_ticket_back_to_work(self):
        ticket = self.ticket(category_id=self.cat_noise.id)
        still_open = self.ticket(category_id=self.cat_noise.id)
        ticket.stage_id = self.stage_closed
        self.assertTrue(ticket.closed_date and ticket.resolved_date)
        reopened = (ticket | still_open)._action_reopen("The leak came back.")
        self.assertEqual(reopened, ticket)
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.closed_date or ticket.resolved_date)
        note = ticket.message_ids.filtered(lambda m: "The leak came back." in (m.body or ""))
        self.assertTrue(note.subtype_id.internal, "a note for staff, not a mail to the resident")
        self.assertFalse(still_open.message_ids.filtered(lambda m: "The leak came back." in (m.body or "")))

    @freeze_time("2026-03-02 10:00:00")
    def test_several_lines_on_one_ticket(self):
        ticket = self.ticket(kind="complaint", complaint_grade="major", category_id=self.cat_leak.id)
        self.assertEqual(ticket.sla_line_ids.policy_id, self.policy_urgent | self.policy_major)
        complex_ticket = self.ticket(
            kind="complaint", complaint_grade="complex", category_id=self.cat_noise.id
        )
        self.assertEqual(complex_ticket.sla_line_ids.policy_id, self.policy_normal | self.policy_complex)
        self.assertEqual(self.line(complex_ticket, self.policy_complex).deadline, dt("2026-03-05 10:00:00"))

    def test_rematch_after_change_of_category(self):
        with freeze_time("2026-03-02 02:00:00"):  # Monday 10:00 Shanghai
            ticket = self.ticket(category_id=self.cat_noise.id)
            self.assertEqual(ticket.sla_line_ids.policy_id, self.policy_normal)
        with freeze_time("2026-03-02 02:10:00"):
            ticket.category_id = self.cat_leak
            self.assertEqual(ticket.urgency, "urgent")
            self.assertEqual(ticket.sla_line_ids.policy_id, self.policy_urgent)
            # Counted from when the resident reported it, not from the change.
            self.assertEqual(self.line(ticket, self.policy_urgent).deadline, dt("2026-03-02 02:30:00"))
        with freeze_time("2026-03-02 02:12:00"):
            ticket.urgency = "normal"
            self.assertEqual(ticket.sla_line_ids.policy_id, self.policy_normal)

    @freeze_time("2026-03-02 02:00:00")
    def test_change_of_company_alone_reapplies_policies(self):
        """Policies match on the ticket's company: moving a ticket to another company, and nothing
        else, gives it that company's policies and drops the running lines of the other's."""
        other = self.env["res.company"].create({"name": "Riverside Property Services"})
        own = self.env["tenant.sla.policy"].create(
            {"name": "Riverside response", "company_id": other.id, "duration": 4, "duration_unit": "hours"}
        )
        here = self.env["tenant.sla.policy"].create(
            {"name": "Green Lake response", "company_id": self.env.company.id, "duration": 1}
        )
        stranger = self.env["res.partner"].create({"name": "Caller without a unit"})
        ticket = self.ticket(unit_id=False, partner_id=stranger.id, channel="hotline")
        self.assertFalse(ticket.property_id)
        self.assertIn(here, ticket.sla_line_ids.policy_id)
        self.assertNotIn(own, ticket.sla_line_ids.policy_id)
        ticket.company_id = other
        self.assertIn(own, ticket.sla_line_ids.policy_id)
        self.assertNotIn(here, ticket.sla_line_ids.policy_id)
        self.assertEqual(self.line(ticket, own).deadline, dt("2026-03-02 06:00:00"))

    def test_policies_reapplied_on_what_they_match_and_its_sources(self):
        """One list (SLA_MATCH_FIELDS) and the fields it is computed from, nothing kept by hand."""
        self.assertEqual(
            self.env["tenant.ticket"]._get_sla_trigger_fields(),
            {
                "kind",
                "category_id",
                "urgency",
                "complaint_grade",
                "channel",
                "company_id",
                "property_id",
                "team_id",
                # The reporter gives the unit, the unit the property, company and team.
                "partner_id",
                "unit_id",
            },
        )

    def test_breach_stays_breached(self):
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.ticket(category_id=self.cat_leak.id)
            line = self.line(ticket, self.policy_urgent)
        with freeze_time("2026-03-02 10:31:00"):
            self.env["tenant.ticket.sla"]._cron_escalate()
            self.assertEqual(line.status, "breached")
            ticket.action_respond()
            self.assertEqual(line.status, "breached")
            self.assertEqual(line.reached_date, dt("2026-03-02 10:31:00"))
            ticket.category_id = self.cat_noise  # no longer urgent: the breach is kept
            self.assertIn(line, ticket.sla_line_ids)
            self.assertTrue(ticket.sla_breached)

    @freeze_time("2026-03-02 10:00:00")
    def test_first_response_by_staff_message(self):
        ticket = self.ticket(category_id=self.cat_leak.id)
        line = self.line(ticket, self.policy_urgent)
        ticket.with_user(self.staff_a).message_post(
            body="Internal note", subtype_xmlid="mail.mt_note", message_type="comment"
        )
        ticket.message_post(
            body="Still leaking!",
            author_id=self.owner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(ticket.first_response_date)
        ticket.with_user(self.staff_a).message_post(
            body="A plumber is on his way.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertTrue(ticket.first_response_date)
        self.assertEqual(line.status, "met")

    def test_overdue_explanation_blocks_closure(self):
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.ticket(kind="complaint", complaint_grade="complex", category_id=self.cat_noise.id)
        with freeze_time("2026-03-05 11:00:00"):
            with self.assertRaises(UserError):
                ticket.stage_id = self.stage_resolved
            self.assertFalse(ticket.resolved_date)
            ticket.overdue_explanation = "The contractor needed a part from the manufacturer."
            ticket.stage_id = self.stage_resolved
            self.assertTrue(ticket.explanation_sent)
            self.assertEqual(self.line(ticket, self.policy_complex).status, "breached")
            sent = ticket.message_ids.filtered(lambda m: "manufacturer" in (m.body or ""))
            self.assertEqual(sent.partner_ids, self.owner)

    def test_resolved_in_time_is_met_without_explanation(self):
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.ticket(kind="complaint", complaint_grade="complex", category_id=self.cat_noise.id)
        with freeze_time("2026-03-04 10:00:00"):
            ticket.stage_id = self.stage_resolved
        self.assertEqual(self.line(ticket, self.policy_complex).status, "met")

    @freeze_time("2026-03-02 10:00:00")
    def test_closing_plans_follow_up_call(self):
        ticket = self.ticket(category_id=self.cat_noise.id)
        ticket.stage_id = self.stage_closed
        # The follow-up call is a return visit after the ticket, made by the property manager.
        visit = self.env["tenant.visit"].search([("ticket_id", "=", ticket.id)])
        self.assertEqual(visit.kind, "ticket")
        self.assertEqual(visit.user_id, self.staff_a)
        self.assertEqual(str(visit.planned_date), "2026-03-05")
        activity = visit.activity_ids
        self.assertEqual(
            activity.activity_type_id, self.env.ref("tenant_relations.mail_activity_type_return_visit")
        )
        self.assertEqual(activity.user_id, self.staff_a)
        self.assertEqual(str(activity.date_deadline), "2026-03-05")
        self.assertTrue(ticket.closed_date)

    def test_bad_policies_refused(self):
        base = {"name": "Bad", "target": "resolution", "duration": 1}
        Policy = self.env["tenant.sla.policy"]
        with self.assertRefused("must be positive"):
            Policy.create({**base, "duration": 0})
        with self.assertRefused("between 0 and 100"):
            Policy.create({**base, "warning_percent": 100})
        with self.assertRefused("choose its working hours"):
            Policy.create({**base, "around_the_clock": False})
        with self.assertRefused("stage to reach"):
            Policy.create({**base, "target": "stage"})
        self.assertIsInstance(ValidationError(""), ValidationError)

    def test_explanation_and_resolution_in_one_save_and_stamps_kept(self):
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.ticket(kind="complaint", complaint_grade="complex", category_id=self.cat_noise.id)
        with freeze_time("2026-03-05 11:00:00"):
            ticket.write(
                {"overdue_explanation": "Waiting for the insurer.", "stage_id": self.stage_resolved.id}
            )
            self.assertEqual(ticket.resolved_date, dt("2026-03-05 11:00:00"))
            self.assertTrue(ticket.explanation_sent)
        with freeze_time("2026-03-06 09:00:00"):
            ticket.stage_id = self.stage_closed
        self.assertEqual(ticket.resolved_date, dt("2026-03-05 11:00:00"))
        self.assertEqual(ticket.closed_date, dt("2026-03-06 09:00:00"))
