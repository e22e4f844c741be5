# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who reads a dispute, and every part of it: staff their properties' public cases, managers their
companies' public ones, officers every case of their companies, a committee member their
committee's cases too, confidential ones included. A party's thread is read with its dispute."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

from .common import parties

OFFICER = "tenant_relations_dispute.group_tenant_dispute_officer"
COMMITTEE = "tenant_relations_dispute.group_tenant_dispute_committee"
# Every model of the addon that belongs to a dispute, and its path to it.
DISPUTE_PARTS = {
    "tenant.dispute.party": "dispute_id",
    "tenant.dispute.evidence": "dispute_id",
    "tenant.dispute.step": "dispute_id",
    "tenant.mediation.session": "dispute_id",
    "tenant.mediation.attendance": "session_id.dispute_id",
    "tenant.dispute.agreement": "dispute_id",
    "tenant.dispute.acceptance": "agreement_id.dispute_id",
    "tenant.dispute.proceeding": "dispute_id",
}


@tagged("post_install", "-at_install")
class TestDisputeSecurity(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.officer = new_test_user(env, "dispute_officer_s", groups=OFFICER)
        cls.member = new_test_user(env, "committee_member_s", groups=COMMITTEE)
        cls.other_member = new_test_user(env, "committee_other_s", groups=COMMITTEE)
        Committee = env["tenant.mediation.committee"]
        cls.committee = Committee.create(
            {
                "name": "Green Lake Committee",
                "property_id": cls.property_a.id,
                "member_ids": [
                    Command.create({"partner_id": cls.member.partner_id.id, "user_id": cls.member.id})
                ],
            }
        )
        cls.other_committee = Committee.create(
            {
                "name": "Cloud Committee",
                "property_id": cls.property_b.id,
                "member_ids": [
                    Command.create(
                        {"partner_id": cls.other_member.partner_id.id, "user_id": cls.other_member.id}
                    )
                ],
            }
        )
        Dispute = env["tenant.dispute"]
        cls.public_a, cls.secret_a, cls.public_b = Dispute.create(
            [
                {
                    "name": "Noise A",
                    "party_ids": parties(cls.owner, cls.tenant),
                    "unit_id": cls.unit_a1.id,
                    "property_id": cls.property_a.id,
                },
                {
                    "name": "Secret A",
                    "party_ids": parties(cls.tenant, cls.owner),
                    "unit_id": cls.unit_a2.id,
                    "property_id": cls.property_a.id,
                    "confidential": True,
                    "committee_id": cls.committee.id,
                },
                {
                    "name": "Noise B",
                    "party_ids": parties(cls.owner, cls.tenant),
                    "unit_id": cls.unit_b1.id,
                    "property_id": cls.property_b.id,
                },
            ]
        )
        cls.party_a = cls.public_a.party_ids[0]
        cls.party_a.message_post(body="Claimant's private account of the noise.")
        cls.evidence_a = env["tenant.dispute.evidence"].create(
            {"party_id": cls.party_a.id, "name": "Recording"}
        )
        cls.secret_evidence = env["tenant.dispute.evidence"].create(
            {"party_id": cls.secret_a.party_ids[0].id, "name": "Photos"}
        )
        company2 = env["res.company"].create({"name": "Other Firm"})
        prop_c = env["tenant.property"].create({"name": "Far Away", "code": "FAR", "company_id": company2.id})
        cls.public_c = Dispute.create(
            {"name": "Far dispute", "party_ids": parties(cls.owner, cls.tenant), "property_id": prop_c.id}
        )
        cls.all_disputes = cls.public_a | cls.secret_a | cls.public_b | cls.public_c

    def seen(self, user, model="tenant.dispute", records=None):
        records = records if records is not None else self.all_disputes
        found = self.env[model].with_user(user).search([("id", "in", records.ids)])
        return self.env[model].browse(found.ids)

    def test_who_sees_which_dispute(self):
        self.assertEqual(self.seen(self.staff_a), self.public_a, "staff: their property, not the secret")
        self.assertEqual(self.seen(self.staff_b), self.public_b)
        self.assertEqual(self.seen(self.manager), self.public_a | self.public_b, "manager: no secret")
        self.assertEqual(
            self.seen(self.officer), self.public_a | self.secret_a | self.public_b, "officer: their company"
        )
        self.assertEqual(self.seen(self.member), self.secret_a, "member: their committee's case")
        self.assertEqual(self.seen(self.other_member), self.env["tenant.dispute"], "another committee")
        with self.assertRaises(AccessError):
            self.secret_a.with_user(self.staff_a).read(["name"])
        with self.assertRaises(AccessError):
            self.secret_a.with_user(self.other_member).read(["name"])
        self.assertEqual(self.secret_a.with_user(self.member).read(["name"])[0]["name"], "Secret A")

    def test_a_party_thread_is_read_with_its_dispute_only(self):
        party = self.party_a.with_user(self.staff_b)
        with self.assertRaises(AccessError):
            party.read(["partner_id"])
        with self.assertRaises(AccessError):
            party.message_post(body="A neighbour's staff writing in.")
        self.assertFalse(self.seen(self.staff_b, "tenant.dispute.party", self.party_a))
        thread = self.party_a.message_ids
        self.assertFalse(self.seen(self.staff_b, "mail.message", thread))
        with self.assertRaises(AccessError):
            thread.with_user(self.staff_b).read(["body"])
        self.assertFalse(self.seen(self.staff_b, "tenant.dispute.evidence", self.evidence_a))
        # The property's own staff read it, and write in it.
        self.assertEqual(self.seen(self.staff_a, "tenant.dispute.party", self.party_a), self.party_a)
        self.assertIn("private account", self.party_a.with_user(self.staff_a).message_ids[0].body)
        self.party_a.with_user(self.staff_a).message_post(body="Called the claimant back.")

    def test_the_parts_of_a_confidential_dispute_follow_it(self):
        parties_ = self.secret_a.party_ids
        self.assertFalse(self.seen(self.staff_a, "tenant.dispute.party", parties_))
        self.assertFalse(self.seen(self.manager, "tenant.dispute.party", parties_))
        self.assertFalse(self.seen(self.other_member, "tenant.dispute.party", parties_))
        self.assertEqual(self.seen(self.member, "tenant.dispute.party", parties_), parties_)
        self.assertEqual(self.seen(self.officer, "tenant.dispute.party", parties_), parties_)
        self.assertEqual(
            self.seen(self.member, "tenant.dispute.evidence", self.secret_evidence), self.secret_evidence
        )
        self.assertFalse(self.seen(self.staff_a, "tenant.dispute.evidence", self.secret_evidence))
        # Records at hand are checked in Python (filtered_domain): the same answer.
        with self.assertRaises(AccessError):
            parties_.with_user(self.staff_a).read(["role"])
        parties_.with_user(self.member).read(["role"])

    def test_every_part_of_a_dispute_follows_its_rules(self):
        """One place says who reads a dispute: each part's rule defers to it, and its company's."""
        for model, path in DISPUTE_PARTS.items():
            rules = self.env["ir.rule"].search([("model_id.model", "=", model), ("groups", "=", False)])
            domains = rules.mapped("domain_force")
            self.assertIn(f"[('{path}.tenant_readable', '=', True)]", domains, model)
            self.assertIn("[('company_id', 'in', company_ids)]", domains, model)

    def test_committees_read_by_staff_written_by_officers(self):
        self.assertEqual(
            self.seen(self.staff_a, "tenant.mediation.committee", self.committee | self.other_committee),
            self.committee | self.other_committee,
        )
        with self.assertRaises(AccessError):
            self.committee.with_user(self.staff_a).quorum = 5
        with self.assertRaises(AccessError):
            self.committee.with_user(self.member).quorum = 5
        Committee = self.env["tenant.mediation.committee"].with_user(self.officer)
        Committee.create({"name": "Company Committee"})
        self.committee.with_user(self.officer).quorum = 5
