# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Red-team findings: adversaries never read each other (even a staff member or a committee member
who is a party), no link names a dispute the user may not read (a ticket's, a wizard's), and a
committee member reads their committee's cases only while their term runs and cannot place a
dispute outside their properties through the committee."""

from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

from .common import parties

STAFF = "tenant_relations.group_tenant_relations_user"
OFFICER = "tenant_relations_dispute.group_tenant_dispute_officer"
COMMITTEE = "tenant_relations_dispute.group_tenant_dispute_committee"


@tagged("post_install", "-at_install")
class TestDisputeAdversary(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # A resident-employee: staff of property A, and a respondent in a dispute of A.
        cls.employee = new_test_user(env, "adv_employee", groups=STAFF)
        cls.property_a.user_ids = [Command.link(cls.employee.id)]
        # A committee member of A's committee who is the claimant of a case before it.
        cls.member = new_test_user(env, "adv_member", groups=COMMITTEE)
        cls.officer = new_test_user(env, "adv_officer", groups=OFFICER)
        cls.committee = env["tenant.mediation.committee"].create(
            {
                "name": "Green Lake Committee",
                "property_id": cls.property_a.id,
                "member_ids": [
                    Command.create({"partner_id": cls.member.partner_id.id, "user_id": cls.member.id})
                ],
            }
        )
        Dispute = env["tenant.dispute"]
        cls.dispute = Dispute.create(
            {
                "name": "Parking space",
                "property_id": cls.property_a.id,
                "party_ids": parties(cls.owner, cls.employee.partner_id),
            }
        )
        cls.secret = Dispute.create(
            {
                "name": "Secret renovation",
                "property_id": cls.property_a.id,
                "confidential": True,
                "committee_id": cls.committee.id,
                "party_ids": parties(cls.member.partner_id, cls.tenant),
            }
        )
        Evidence = env["tenant.dispute.evidence"]
        for dispute in cls.dispute | cls.secret:
            for party in dispute.party_ids:
                party.message_post(body=f"Private account of {party.partner_id.name}.")
                Evidence.create({"party_id": party.id, "name": f"Private {party.partner_id.name}"})
                Evidence.create(
                    {"party_id": party.id, "name": f"Shared {party.partner_id.name}", "shared": True}
                )
        cls.other_private = cls.dispute.party_ids.filtered(
            lambda p: p.partner_id == cls.owner
        ).evidence_ids.filtered(lambda e: not e.shared)
        cls.attachment = env["ir.attachment"].create(
            {
                "name": "photo.png",
                "raw": b"not really a picture",
                "res_model": "tenant.dispute.evidence",
                "res_id": cls.other_private.id,
            }
        )
        cls.other_private.attachment_ids = [Command.set(cls.attachment.ids)]
        cls.session = env["tenant.mediation.session"].create(
            {
                "dispute_id": cls.secret.id,
                "date_start": "2030-01-15 09:00:00",
                "deliberation": "<p>The claimant exaggerates.</p>",
            }
        )

    def seen(self, user, model, records):
        return self.env[model].browse(self.env[model].with_user(user).search([("id", "in", records.ids)]).ids)

    # Adversaries ----------------------------------------------------------------------------------

    def assert_reads_own_side_only(self, user, dispute):
        mine = dispute.party_ids.filtered(lambda p: p.partner_id == user.partner_id)
        other = dispute.party_ids - mine
        self.assertEqual(dispute.with_user(user).read(["name"])[0]["name"], dispute.name, "the case itself")
        self.assertEqual(self.seen(user, "tenant.dispute.party", dispute.party_ids), mine)
        with self.assertRaises(AccessError):
            other.with_user(user).read(["partner_id"])
        self.assertFalse(self.seen(user, "mail.message", other.message_ids), "the other side's thread")
        with self.assertRaises(AccessError):
            other.message_ids[:1].with_user(user).read(["body"])
        evidence = dispute.party_ids.evidence_ids
        expected = evidence.filtered(lambda e: e.party_id == mine or e.shared)
        self.assertEqual(self.seen(user, "tenant.dispute.evidence", evidence), expected)
        with self.assertRaises(AccessError):
            (evidence - expected).with_user(user).read(["name"])

    def test_a_resident_employee_reads_only_their_side(self):
        self.assert_reads_own_side_only(self.employee, self.dispute)
        # Its files too: an attachment is read through its evidence.
        with self.assertRaises(AccessError):
            self.attachment.with_user(self.employee).read(["datas"])
        # Their colleague, not a party, reads both sides and the file.
        self.assertEqual(
            self.seen(self.staff_a, "tenant.dispute.party", self.dispute.party_ids), self.dispute.party_ids
        )
        self.assertTrue(self.attachment.with_user(self.staff_a).read(["datas"])[0]["datas"])

    def test_a_committee_member_who_is_a_party_reads_only_their_side(self):
        self.assert_reads_own_side_only(self.member, self.secret)
        self.assertFalse(self.seen(self.member, "tenant.mediation.session", self.session), "nor its sessions")
        with self.assertRaises(AccessError):
            self.session.with_user(self.member).read(["deliberation"])
        # The officer, not a party, reads the whole case.
        self.assertEqual(
            self.seen(self.officer, "tenant.dispute.party", self.secret.party_ids), self.secret.party_ids
        )
        self.assertIn("exaggerates", self.session.with_user(self.officer).deliberation)

    def test_an_officer_who_is_a_party_is_an_adversary_too(self):
        self.secret.party_ids.filtered(
            lambda p: p.partner_id == self.tenant
        ).partner_id = self.officer.partner_id
        self.assert_reads_own_side_only(self.officer, self.secret)
        self.assertFalse(self.seen(self.officer, "tenant.mediation.session", self.session))

    # Links named as superuser ---------------------------------------------------------------------

    def test_a_ticket_is_linked_to_a_dispute_only_by_escalating_it(self):
        ticket = self.env["tenant.ticket"].create(
            {
                "name": "Noise at night",
                "kind": "complaint",
                "unit_id": self.unit_b1.id,
                "partner_id": self.tenant.id,
            }
        )
        as_staff = ticket.with_user(self.staff_b)
        with self.assertRaisesRegex(AccessError, "by escalating it"):
            as_staff.write({"dispute_id": self.secret.id})
        with self.assertRaises(AccessError):
            self.env["tenant.ticket"].with_user(self.staff_b).create(
                {"name": "Link", "unit_id": self.unit_b1.id, "dispute_id": self.secret.id}
            )
        as_staff.action_escalate_to_dispute()
        self.assertEqual(ticket.dispute_id.property_id, self.property_b)
        with self.assertRaises(AccessError):
            as_staff.write({"dispute_id": False})

    def test_the_wizards_show_only_what_the_user_reads(self):
        with self.assertRaises(AccessError):
            self.env["tenant.dispute.escalate"].with_user(self.staff_b).create(
                {"dispute_id": self.secret.id, "reason": "Peek"}
            )
        wizard = (
            self.env["tenant.dispute.escalate"]
            .with_user(self.staff_a)
            .create({"dispute_id": self.dispute.id, "reason": "Stuck"})
        )
        with self.assertRaises(AccessError):
            wizard.write({"dispute_id": self.secret.id})
        agreement = self.env["tenant.dispute.agreement"].create(
            {"dispute_id": self.secret.id, "date": "2025-03-01", "terms": "<p>双方互不追究。</p>"}
        )
        agreement.action_send_for_signature()
        with self.assertRaises(AccessError):
            self.env["tenant.dispute.acceptance.record"].with_user(self.staff_b).create(
                {"acceptance_id": agreement.acceptance_ids[0].id, "signed_by": "Peek"}
            )

    # Committee membership -------------------------------------------------------------------------

    def test_a_member_whose_term_ended_no_longer_reads_the_cases(self):
        other = new_test_user(self.env, "adv_member_past", groups=COMMITTEE)
        self.committee.member_ids = [
            Command.create(
                {
                    "partner_id": other.partner_id.id,
                    "user_id": other.id,
                    "date_start": date.today() - timedelta(days=400),
                    "date_end": date.today() - timedelta(days=1),
                }
            )
        ]
        self.assertFalse(self.seen(other, "tenant.dispute", self.secret))
        self.committee.member_ids.filtered(lambda m: m.user_id == other).date_end = date.today()
        self.assertEqual(self.seen(other, "tenant.dispute", self.secret), self.secret)

    def test_a_member_cannot_place_a_dispute_through_their_committee(self):
        with self.assertRaises(AccessError):
            self.env["tenant.dispute"].with_user(self.member).create(
                {
                    "name": "Elsewhere",
                    "property_id": self.property_b.id,
                    "committee_id": self.committee.id,
                    "party_ids": parties(self.owner, self.tenant),
                }
            )
        with self.assertRaises(AccessError):
            self.secret.with_user(self.member).write({"property_id": self.property_b.id})
        self.assertEqual(self.secret.property_id, self.property_a)
