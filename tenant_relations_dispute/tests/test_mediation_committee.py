# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mediation committee: its members and terms, who may not sit on a case (a party, a resident
of a unit involved, the firm's staff when the firm is a party), and the quorum."""

from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged

from .mediation_common import COMMITTEE, MediationCase


@tagged("post_install", "-at_install")
class TestMediationCommittee(MediationCase):
    def test_quorum_is_at_least_one(self):
        with self.assertRefused("must be at least one member"):
            self.committee.quorum = 0

    def test_a_staff_seat_gives_its_user_the_committee_group(self):
        self.assertTrue(self.secretary_user.has_group(COMMITTEE))
        self.assertEqual(self.m_secretary.partner_id, self.secretary_user.partner_id)
        newcomer = new_test_user(
            self.env, "se_newcomer", groups="tenant_relations.group_tenant_relations_user"
        )
        self.assertFalse(newcomer.has_group(COMMITTEE))
        self.committee.with_user(self.officer).member_ids = [
            Command.create({"user_id": newcomer.id, "member_type": "staff"})
        ]
        self.assertTrue(newcomer.has_group(COMMITTEE))

    def test_staff_sit_with_a_login_and_external_members_without(self):
        with self.assertRefused("choose their user"):
            self.committee.member_ids = [
                Command.create({"partner_id": self.lawyer.id, "member_type": "staff"})
            ]
        portal = new_test_user(self.env, "se_portal", groups="base.group_portal")
        with self.assertRefused("clear the User field"):
            self.committee.member_ids = [Command.create({"user_id": portal.id, "member_type": "neutral"})]

    def test_a_term_ending_before_it_starts_is_refused(self):
        with self.assertRefused("ends before it starts"):
            self.m_lawyer.write({"date_start": date(2026, 1, 1), "date_end": date(2025, 1, 1)})

    def test_only_members_in_term_sit(self):
        self.m_lawyer.date_end = date(2024, 12, 31)
        with self.assertRefused("Lawyer Chen is not in term"):
            self.session(self.dispute(), self.m_lawyer)
        self.m_lawyer.date_end = False
        self.assertEqual(self.session(self.dispute(), self.m_lawyer).member_ids, self.m_lawyer)

    def test_a_party_cannot_sit(self):
        dispute = self.dispute(respondent=self.lawyer)
        with self.assertRefused(
            "Lawyer Chen cannot sit on the session of Water through the ceiling: they are a party"
        ):
            self.session(dispute, self.m_neighbourhood | self.m_lawyer)

    def test_a_resident_of_a_unit_involved_cannot_sit(self):
        self.occupy(self.unit_a1, self.owner_rep, role="resident")
        dispute = self.dispute()
        with self.assertRefused(
            "业主代表 刘 cannot sit on the session of Water through the ceiling: they live in"
        ):
            self.session(dispute, self.m_owner_rep)
        # A unit among the units involved counts as well; a unit not involved does not.
        session = self.session(dispute, self.m_lawyer)
        with self.assertRefused("they live in"):
            session.member_ids = [Command.link(self.m_owner_rep.id)]
        other = self.dispute(unit_id=self.unit_b1.id, property_id=self.property_b.id)
        self.assertTrue(self.session(other, self.m_owner_rep))
        with self.assertRefused("业主代表 刘 cannot sit"):
            other.unit_ids = [Command.link(self.unit_a1.id)]
            self.session(other, self.m_owner_rep)

    def test_a_former_resident_may_sit(self):
        self.occupy(self.unit_a1, self.owner_rep, role="tenant", move_in="2020-01-01", move_out="2023-01-01")
        self.assertTrue(self.session(self.dispute(), self.m_owner_rep))

    def test_staff_are_conflicted_when_the_firm_is_a_party(self):
        # Between two residents, staff sit.
        self.assertTrue(self.session(self.dispute(), self.m_staff))
        against_firm = self.dispute(respondent=self.env.company.partner_id)
        with self.assertRefused("they are staff of the firm, which is a party"):
            self.session(against_firm, self.m_staff | self.m_lawyer)

    def test_the_quorum_attends_before_a_session_is_held(self):
        session = self.session(self.dispute(), self.m_secretary | self.m_lawyer)
        self.attend(session, self.lawyer)
        with self.assertRefused("Quorum not reached: 1 sitting members attended, 2 are needed"):
            session.with_user(self.officer).action_mark_held()
        self.attend(session, self.secretary_user.partner_id)
        session.with_user(self.officer).action_mark_held()
        self.assertEqual(session.state, "held")

    def test_when_the_firm_is_a_party_most_sitting_members_are_neutral(self):
        dispute = self.dispute(respondent=self.env.company.partner_id)
        session = self.session(dispute, self.m_neighbourhood | self.m_owner_rep)
        self.attend(session, self.neighbourhood, self.owner_rep)
        with self.assertRefused("most members sitting must be neutral, but 1 of 2 are"):
            session.action_mark_held()
        session.member_ids = [Command.link(self.m_lawyer.id)]
        self.attend(session, self.lawyer)
        session.action_mark_held()
        self.assertEqual(session.state, "held")

    def test_a_conflict_arising_later_is_caught_when_the_session_is_held(self):
        dispute = self.dispute()
        session = self.session(dispute, self.m_lawyer | self.m_neighbourhood)
        self.attend(session, self.lawyer, self.neighbourhood)
        dispute.party_ids = [Command.create({"partner_id": self.lawyer.id, "role": "respondent"})]
        with self.assertRefused("Lawyer Chen cannot sit"):
            session.action_mark_held()
