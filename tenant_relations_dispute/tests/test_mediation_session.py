# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mediation sessions: the record holds the truth and projects a private calendar event (neutrally
titled for a confidential case); deleting the event loses nothing; the secretary or an officer
records who attended; the minutes reach the members without a login."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .mediation_common import MediationCase


@tagged("post_install", "-at_install")
class TestMediationSession(MediationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = new_test_user(
            cls.env, "se_member", groups="tenant_relations.group_tenant_relations_user", name="Member Wu"
        )
        cls.property_a.user_ids = [Command.link(cls.member_user.id)]
        cls.m_plain = cls.env["tenant.mediation.committee.member"].create(
            {"committee_id": cls.committee.id, "user_id": cls.member_user.id, "member_type": "owner"}
        )

    def test_a_session_before_the_dispute_is_refused(self):
        dispute = self.dispute()
        with self.assertRefused("before the dispute was recorded"):
            self.session(dispute, date_start=dispute.create_date - timedelta(days=2))

    def test_a_dispute_without_committee_has_no_session(self):
        dispute = self.dispute(committee_id=False)
        with self.assertRefused("has no mediation committee"):
            self.session(dispute)

    def test_the_session_projects_a_private_event_with_attendees(self):
        session = self.session(self.dispute(), self.m_secretary | self.m_lawyer, duration=1.5)
        event = session.event_id
        self.assertTrue(event)
        self.assertEqual(event.privacy, "private")
        self.assertEqual(
            event.partner_ids,
            self.owner | self.tenant | self.secretary_user.partner_id | self.lawyer,
        )
        self.assertEqual(event.start, self.tomorrow)
        self.assertEqual(event.stop, self.tomorrow + timedelta(hours=1.5))
        self.assertEqual(event.location, "Property office, room 2")
        self.assertIn("Water through the ceiling", event.name)
        # The session is the truth: changing it moves the event.
        session.write(
            {"date_start": self.tomorrow + timedelta(days=1), "videocall_url": "https://meet.example.com/x"}
        )
        session.member_ids = [Command.link(self.m_neighbourhood.id)]
        self.assertEqual(event.start, self.tomorrow + timedelta(days=1))
        self.assertEqual(event.videocall_location, "https://meet.example.com/x")
        self.assertIn(self.neighbourhood, event.partner_ids)

    def test_the_event_is_seen_by_who_sees_the_session_only(self):
        """Odoo hides a private event's fields on read, not on search: an employee who cannot read
        the case finds neither its event (not even by its video link) nor its attendees."""
        session = self.session(self.dispute(), self.m_secretary | self.m_lawyer)
        session.videocall_url = "https://meet.example.com/secret-room"
        event = session.event_id
        stranger = new_test_user(self.env, "se_cal_stranger", groups="base.group_user")
        outsider = new_test_user(
            self.env, "se_cal_outsider", groups="tenant_relations.group_tenant_relations_user"
        )
        for user in (stranger, outsider):
            Event = self.env["calendar.event"].with_user(user)
            self.assertFalse(Event.search_count([("id", "=", event.id)]))
            self.assertFalse(
                Event.search_count([("videocall_location", "=like", "https://meet.example.com/s%")])
            )
            self.assertFalse(
                self.env["calendar.attendee"].with_user(user).search_count([("event_id", "=", event.id)])
            )
            with self.assertRaises(AccessError):
                Event.browse(event.id).read(["name"])
        # Who reads the session (the officer, staff of the property) and its attendees find it.
        for user in (self.officer, self.staff_user, self.secretary_user):
            self.assertEqual(
                self.env["calendar.event"].with_user(user).search([("id", "=", event.id)]), event
            )
        # Other events are untouched.
        own = self.env["calendar.event"].with_user(stranger).create({"name": "Dentist"})
        self.assertEqual(
            self.env["calendar.event"].with_user(self.staff_user).search([("id", "=", own.id)]), own
        )

    def test_a_confidential_dispute_event_names_neither_parties_nor_subject(self):
        dispute = self.dispute(confidential=True)
        event = self.session(dispute, self.m_lawyer).event_id
        self.assertEqual(event.name, f"Mediation session #{dispute.id}")
        for secret in ("Water", "ceiling", self.owner.name, self.tenant.name):
            self.assertNotIn(secret, event.name)
        self.assertFalse(event.description)
        self.assertEqual(event.privacy, "private")

    def test_a_dispute_made_confidential_retitles_its_events(self):
        dispute = self.dispute()
        event = self.session(dispute, self.m_lawyer).event_id
        self.assertIn(self.owner.name, event.name)
        dispute.confidential = True
        self.assertEqual(event.name, f"Mediation session #{dispute.id}")
        self.assertFalse(event.description)

    def test_deleting_the_event_loses_nothing(self):
        session = self.session(self.dispute(), self.m_secretary | self.m_lawyer)
        session.minutes = "<p>Both sides heard.</p>"
        self.attend(session, self.lawyer)
        session.event_id.unlink()
        self.assertFalse(session.event_id)
        self.assertEqual(session.date_start, self.tomorrow)
        self.assertEqual(session.location, "Property office, room 2")
        self.assertEqual(session.member_ids, self.m_secretary | self.m_lawyer)
        self.assertIn("Both sides heard.", session.minutes)
        self.assertTrue(session.attendance_ids.filtered(lambda line: line.partner_id == self.lawyer).attended)
        session.action_project_event()
        self.assertEqual(session.event_id.start, self.tomorrow)
        self.assertEqual(session.event_id.privacy, "private")

    def test_cancelling_archives_the_event(self):
        session = self.session(self.dispute(), self.m_lawyer)
        event = session.event_id
        session.action_cancel()
        self.assertEqual(session.state, "cancelled")
        self.assertFalse(event.active)
        with self.assertRaises(UserError):
            session.action_cancel()

    def test_the_state_moves_by_its_buttons_only(self):
        session = self.session(self.dispute(), self.m_lawyer)
        with self.assertRefused("changes through its buttons", UserError):
            session.with_user(self.officer).state = "held"
        # A client cannot pass for the buttons (and skip the quorum) with a context of its own.
        with self.assertRefused("changes through its buttons", UserError):
            session.with_user(self.officer).with_context(tenant_session_state=True).state = "held"

    def test_the_video_link_is_a_web_address_only(self):
        """It is a link in the parties' portal: a ``javascript:`` address would run in their browser."""
        session = self.session(self.dispute(), self.m_lawyer).with_user(self.officer)
        for url in (
            "javascript:alert(document.cookie)",
            "data:text/html,<script>1</script>",
            "meet.example.com",
        ):
            with self.subTest(url=url), self.assertRefused("is not a web address"):
                session.videocall_url = url
        with self.assertRefused("is not a web address"):
            self.session(self.dispute(), self.m_lawyer, videocall_url="javascript:alert(1)")
        session.videocall_url = "https://meet.example.com/room-1"
        self.assertEqual(session.videocall_url, "https://meet.example.com/room-1")
        session.videocall_url = False

    def test_attendance_lists_parties_and_sitting_members(self):
        session = self.session(self.dispute(), self.m_secretary | self.m_lawyer)
        lines = {(line.partner_id, line.attendance_role) for line in session.attendance_ids}
        self.assertEqual(
            lines,
            {
                (self.owner, "party"),
                (self.tenant, "party"),
                (self.secretary_user.partner_id, "member"),
                (self.lawyer, "member"),
            },
        )
        session.member_ids = [Command.unlink(self.m_lawyer.id)]
        self.assertNotIn(self.lawyer, session.attendance_ids.partner_id)
        self.assertFalse(session.attendance_ids.filtered("attended"), "an invitation reply is not attendance")

    def test_only_the_secretary_or_an_officer_records_attendance(self):
        session = self.session(self.dispute(), self.m_secretary | self.m_lawyer | self.m_plain)
        line = session.attendance_ids.filtered(lambda line: line.partner_id == self.lawyer)
        with self.assertRefused("Only the committee's secretary or a dispute officer", AccessError):
            line.with_user(self.member_user).attended = True
        with self.assertRaises(AccessError):
            session.with_user(self.member_user).action_mark_held()
        line.with_user(self.secretary_user).attended = True
        self.assertTrue(line.attended)
        line.with_user(self.officer).attended = False
        self.assertFalse(line.attended)
        # The member may still write the minutes.
        session.with_user(self.member_user).minutes = "<p>Notes</p>"

    def test_the_dispute_knows_its_next_session(self):
        dispute = self.dispute()
        later = self.session(dispute, self.m_lawyer, date_start=self.tomorrow + timedelta(days=7))
        sooner = self.session(dispute, self.m_lawyer)
        self.assertEqual(dispute.next_session_id, sooner)
        self.assertEqual(dispute.next_session_date, self.tomorrow)
        sooner.action_cancel()
        self.assertEqual(dispute.next_session_id, later)

    def test_scheduling_chooses_the_property_committee(self):
        dispute = self.dispute(committee_id=False)
        action = dispute.with_user(self.officer).action_schedule_session()
        self.assertEqual(dispute.committee_id, self.committee)
        self.assertEqual(action["res_model"], "tenant.mediation.session")
        self.assertEqual(action["context"]["default_dispute_id"], dispute.id)
        lonely = self.dispute(committee_id=False, unit_id=self.unit_b1.id, property_id=self.property_b.id)
        self.committee.property_id = self.property_a
        with self.assertRefused("No mediation committee serves", UserError):
            lonely.action_schedule_session()

    def test_the_officer_schedules_from_the_dispute_form(self):
        dispute = self.dispute()
        action = dispute.with_user(self.officer).action_schedule_session()
        form = Form(
            self.env["tenant.mediation.session"].with_user(self.officer).with_context(**action["context"])
        )
        form.date_start = self.tomorrow
        form.location = "Clubhouse"
        form.member_ids.add(self.m_neighbourhood)
        form.member_ids.add(self.m_lawyer)
        session = form.save()
        self.assertEqual(session.dispute_id, dispute)
        self.assertEqual(session.committee_id, self.committee)
        event = session.event_id.sudo()
        self.assertEqual(event.location, "Clubhouse")
        # Private: the officer, neither its organiser nor an attendee, sees a busy slot only.
        event.invalidate_recordset()
        self.assertFalse(event.with_user(self.officer).location)
        self.assertEqual(dispute.next_session_id, session)

    def test_minutes_are_mailed_to_the_members_without_a_login(self):
        session = self.session(self.dispute(), self.m_secretary | self.m_lawyer | self.m_neighbourhood)
        self.attend(session, self.secretary_user.partner_id, self.lawyer)
        session.action_mark_held()
        with self.assertRefused("Write the minutes", UserError):
            session.action_send_minutes()
        session.minutes = "<p>The parties agreed to share the repair.</p>"
        session.with_user(self.secretary_user).action_send_minutes()
        message = session.message_ids.filtered(lambda msg: msg.message_type == "comment")[:1]
        self.assertEqual(message.partner_ids, self.lawyer | self.neighbourhood)
        self.assertIn("share the repair", message.body)
