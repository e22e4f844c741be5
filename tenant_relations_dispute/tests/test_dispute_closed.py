# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A closed dispute freezes its parts: its sessions and their attendance, its evidence and its
draft agreements refuse to be added, changed or removed, as the dispute itself does. An agreement
sent for signature before the closing lives on: its signatures, fulfilment and judicial
confirmation are recorded afterwards; so does a court or arbitration proceeding, which goes on
outside. The chatter stays open; an officer reopens."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .mediation_common import MediationCase


@tagged("post_install", "-at_install")
class TestDisputeClosed(MediationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.closed = cls.env.ref("tenant_relations_dispute.tenant_dispute_level_closed")
        cls.negotiation = cls.env.ref("tenant_relations_dispute.tenant_dispute_level_negotiation")

    def setUp(self):
        super().setUp()
        self.case = self.dispute()
        self.session_ = self.session(self.case, self.m_secretary | self.m_lawyer)
        self.claimant = self.case.party_ids.filtered(lambda party: party.role == "claimant")
        self.evidence = self.env["tenant.dispute.evidence"].create(
            {"party_id": self.claimant.id, "name": "Photo of the ceiling"}
        )
        self.proceeding = self.env["tenant.dispute.proceeding"].create(
            {"dispute_id": self.case.id, "kind": "court", "institution": "西湖区人民法院"}
        )
        Agreement = self.env["tenant.dispute.agreement"]
        self.draft = Agreement.create({"dispute_id": self.case.id, "terms": "<p>A first draft</p>"})
        self.sent = Agreement.create(
            {"dispute_id": self.case.id, "terms": "<p>The owner repairs the pipe</p>"}
        )
        self.sent.action_send_for_signature()
        self.case.write({"level_id": self.closed.id, "outcome": "mediated"})

    def test_sessions_and_attendance_are_frozen(self):
        with self.assertRefused("is closed", UserError):
            self.session_.with_user(self.officer).location = "Elsewhere"
        with self.assertRefused("is closed", UserError):
            self.session(self.case)
        line = self.session_.attendance_ids[:1]
        with self.assertRefused("is closed", UserError):
            line.with_user(self.officer).attended = True
        with self.assertRefused("is closed", UserError):
            self.session_.attendance_ids.unlink()
        with self.assertRefused("is closed", UserError):
            self.session_.unlink()
        # Its chatter stays open.
        self.session_.with_user(self.officer).message_post(body="Minutes filed on paper.")

    def test_evidence_is_frozen_proceedings_go_on(self):
        with self.assertRefused("is closed", UserError):
            self.env["tenant.dispute.evidence"].create({"party_id": self.claimant.id, "name": "Late photo"})
        with self.assertRefused("is closed", UserError):
            self.evidence.with_user(self.officer).shared = True
        with self.assertRefused("is closed", UserError):
            self.evidence.with_user(self.officer).unlink()
        # The court case goes on after the closing, and the dispute stays closed.
        self.proceeding.with_user(self.officer).write(
            {"case_number": "(2026)浙0106民初1号", "outcome": "Judgment: the owner pays for the repair."}
        )
        self.env["tenant.dispute.proceeding"].create(
            {"dispute_id": self.case.id, "kind": "arbitration", "institution": "杭州仲裁委员会"}
        )
        self.assertEqual(self.case.level_id, self.closed)

    def test_a_sent_agreement_is_still_signed_and_fulfilled(self):
        with self.assertRefused("is closed", UserError):
            self.env["tenant.dispute.agreement"].create(
                {"dispute_id": self.case.id, "terms": "<p>Another</p>"}
            )
        with self.assertRefused("is closed", UserError):
            self.draft.with_user(self.officer).fulfilment_due = "2031-01-31"
        with self.assertRefused("is closed", UserError):
            self.draft.with_user(self.officer).action_send_for_signature()
        with self.assertRefused("is closed", UserError):
            self.sent.acceptance_ids.unlink()
        with self.assertRefused("is closed", UserError):
            self.sent.with_user(self.officer).date = "2020-01-01"
        # The parties sign after the closing; the fulfilment is followed up.
        self.sent.acceptance_ids._tenant_sign("Both parties on paper")
        self.assertEqual(self.sent.state, "signed")
        self.sent.with_user(self.officer).write(
            {"fulfilment_due": self.sent.date, "judicial_request_date": self.sent.date}
        )
        self.sent.with_user(self.officer).action_fulfil()
        self.assertEqual(self.sent.state, "fulfilled")

    def test_a_dispute_created_closed_keeps_its_parties_and_reopening_thaws_it(self):
        created_closed = self.dispute(level_id=self.closed.id, outcome="settled")
        self.assertEqual(len(created_closed.party_ids), 2)
        with self.assertRefused("is closed", UserError):
            created_closed.write(
                {"party_ids": [Command.create({"partner_id": self.lawyer.id, "role": "respondent"})]}
            )
        self.case.with_user(self.officer).level_id = self.negotiation
        self.session_.with_user(self.officer).location = "Property office, room 3"
        self.evidence.shared = True
        self.assertTrue(self.evidence.shared)
