# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A dispute is between parties, each side someone else; it is never deleted, frozen once closed
(an officer reopens it), its changes tracked; and the upgrade gives old disputes their parties."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.modules.migration import load_script
from odoo.tests import new_test_user, tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

from .common import parties

OFFICER = "tenant_relations_dispute.group_tenant_dispute_officer"


@tagged("post_install", "-at_install")
class TestDisputeParties(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.firm = cls.env.company.partner_id
        cls.officer = new_test_user(cls.env, "dispute_officer_p", groups=OFFICER)
        cls.closed = cls.env.ref("tenant_relations_dispute.tenant_dispute_level_closed")
        cls.negotiation = cls.env.ref("tenant_relations_dispute.tenant_dispute_level_negotiation")

    def new_dispute(self, **values):
        return self.env["tenant.dispute"].create(
            {
                "name": "Water through the ceiling",
                "party_ids": parties(self.tenant, self.owner),
                "unit_id": self.unit_a1.id,
                "property_id": self.property_a.id,
            }
            | values
        )

    def test_a_dispute_without_parties_is_refused(self):
        with self.assertRefused("A dispute without parties cannot be saved"):
            self.new_dispute(party_ids=[])
        with self.assertRefused("needs a respondent"):
            self.new_dispute(party_ids=parties(self.tenant, []))
        with self.assertRefused("needs a claimant"):
            self.new_dispute(party_ids=parties([], self.owner))

    def test_the_last_party_of_a_side_cannot_be_removed(self):
        dispute = self.new_dispute()
        respondent = dispute.party_ids.filtered(lambda party: party.role == "respondent")
        with self.assertRefused("needs a respondent"):
            respondent.unlink()
        with self.assertRefused("needs a respondent"):
            dispute.write({"party_ids": [Command.unlink(respondent.id)]})
        with self.assertRefused("needs a claimant"):
            dispute.party_ids.filtered(lambda party: party.role == "claimant").role = "respondent"
        # A second respondent may leave, the first stays.
        dispute.write({"party_ids": [Command.create({"partner_id": self.firm.id, "role": "respondent"})]})
        respondent.unlink()
        self.assertEqual(dispute.respondent_ids, self.firm)

    def test_one_person_on_both_sides_is_refused(self):
        with self.assertRefused("cannot be both claimant and respondent"):
            self.new_dispute(party_ids=parties(self.tenant, self.tenant))
        dispute = self.new_dispute()
        with self.assertRefused("cannot be both claimant and respondent"):
            dispute.write({"party_ids": [Command.create({"partner_id": self.owner.id, "role": "claimant"})]})
        with self.assertRefused("is already a party"):
            dispute.write(
                {"party_ids": [Command.create({"partner_id": self.owner.id, "role": "respondent"})]}
            )

    def test_the_firm_is_the_company_contact(self):
        dispute = self.new_dispute(party_ids=parties(self.tenant, self.firm))
        firm_party = dispute.party_ids.filtered(lambda party: party.role == "respondent")
        self.assertEqual(firm_party.party_type, "firm", "the company's contact is the firm by itself")
        with self.assertRefused("is not the firm"):
            self.new_dispute(party_ids=parties(self.tenant, self.owner, respondent_type="firm"))
        with self.assertRefused("is the firm itself"):
            firm_party.party_type = "contractor"

    def test_partner_is_the_first_claimant_and_the_main_unit_is_involved(self):
        dispute = self.new_dispute(unit_ids=[Command.link(self.unit_a2.id)])
        self.assertEqual(dispute.partner_id, self.tenant)
        self.assertEqual(dispute.claimant_ids, self.tenant)
        self.assertEqual(dispute.respondent_ids, self.owner)
        self.assertEqual(dispute.unit_ids, self.unit_a1 | self.unit_a2)
        Dispute = self.env["tenant.dispute"]
        self.assertEqual(Dispute.search([("respondent_ids", "=", self.owner.id)]), dispute)
        with self.assertRefused("is one of its units involved"):
            dispute.unit_ids = self.unit_a2

    def test_no_deletion_for_anyone(self):
        dispute = self.new_dispute()
        with self.assertRefused("archive the dispute instead", UserError):
            dispute.unlink()
        with self.assertRaises(AccessError):
            dispute.with_user(self.manager).unlink()
        dispute.action_archive()
        self.assertFalse(dispute.active)

    def test_a_closed_dispute_is_frozen_until_an_officer_reopens_it(self):
        dispute = self.new_dispute()
        dispute.write({"level_id": self.closed.id, "outcome": "settled"})
        with self.assertRefused("is closed", UserError):
            dispute.name = "Another subject"
        with self.assertRefused("is closed", UserError):
            dispute.write({"party_ids": [Command.create({"partner_id": self.firm.id, "role": "respondent"})]})
        with self.assertRefused("is closed", UserError):
            dispute.party_ids[0].role = "respondent"
        with self.assertRefused("is closed", UserError):
            dispute.with_user(self.staff_a).level_id = self.negotiation
        # The chatter and archiving stay open.
        dispute.message_post(body="Both sides thanked the committee.")
        dispute.party_ids[0].message_post(body="The claimant's own note.")
        dispute.action_archive()
        dispute.action_unarchive()
        dispute.with_user(self.officer).level_id = self.negotiation
        self.assertFalse(dispute.is_closed)
        dispute.name = "Reopened: the leak came back"

    def test_only_an_officer_marks_a_dispute_confidential(self):
        with self.assertRefused("Only a dispute officer", UserError):
            self.env["tenant.dispute"].with_user(self.staff_a).create(
                {
                    "name": "Secret",
                    "party_ids": parties(self.tenant, self.owner),
                    "property_id": self.property_a.id,
                }
                | {"confidential": True}
            )
        dispute = self.new_dispute()
        dispute.with_user(self.officer).confidential = True
        self.assertTrue(dispute.confidential)

    def test_business_fields_are_tracked(self):
        tracking = dict(self.env.context)
        tracking.pop("tracking_disable", None)
        dispute = self.new_dispute().with_env(self.env(context=tracking))
        self.env.flush_all()
        self.env.cr.precommit.run()  # saved earlier: a record is not tracked in its creation's transaction
        dispute.write({"category": "water", "amount": 1200.0, "unit_ids": [Command.link(self.unit_a2.id)]})
        dispute.with_user(self.officer).confidential = True
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written as the transaction commits
        self.env.invalidate_all()
        tracked = dispute.message_ids.tracking_value_ids.field_id.mapped("name")
        for name in ("category", "amount", "confidential", "unit_ids"):
            self.assertIn(name, tracked)
        Dispute = self.env["tenant.dispute"]
        for name in (
            "name",
            "category",
            "amount",
            "confidential",
            "property_id",
            "unit_id",
            "unit_ids",
            "active",
        ):
            self.assertTrue(Dispute._fields[name].tracking, name)

    def test_migration_gives_old_disputes_their_parties(self):
        old = self.new_dispute()
        closed = self.new_dispute(name="Closed long ago", unit_id=self.unit_a2.id)
        closed.write({"level_id": self.closed.id, "outcome": "settled"})
        self.env.flush_all()
        cr = self.env.cr
        # The database as 18.0.1.1.0 left it: one resident per dispute, no parties, no units involved.
        cr.execute("DELETE FROM tenant_dispute_party WHERE dispute_id IN %s", [(old | closed)._ids])
        cr.execute(
            "DELETE FROM tenant_dispute_tenant_unit_rel WHERE tenant_dispute_id IN %s", [(old | closed)._ids]
        )
        cr.execute(
            "UPDATE tenant_dispute SET partner_id = %s WHERE id IN %s", (self.owner.id, (old | closed)._ids)
        )
        self.env.invalidate_all()
        script = load_script(
            "tenant_relations_dispute/migrations/18.0.1.2.0/post-parties.py",
            "tenant_relations_dispute_18_0_1_2_0_post_parties",
        )
        script.migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        for dispute, unit in ((old, self.unit_a1), (closed, self.unit_a2)):
            self.assertEqual(dispute.claimant_ids, self.owner)
            self.assertEqual(dispute.respondent_ids, self.firm)
            self.assertEqual(dispute.party_ids.mapped("party_type"), ["resident", "firm"])
            self.assertEqual(dispute.partner_id, self.owner)
            self.assertEqual(dispute.unit_ids, unit)
        script.migrate(cr, "18.0.1.1.0")
        self.assertEqual(len(old.party_ids), 2, "safe to run twice")
