# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Arbitration and court proceedings: dates in order, and filing for arbitration puts the dispute
on the arbitration rung with a step saying why."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase


@tagged("post_install", "-at_install")
class TestDisputeProceeding(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.negotiation = ref("tenant_relations_dispute.tenant_dispute_level_negotiation")
        cls.mediation = ref("tenant_relations_dispute.tenant_dispute_level_mediation")
        cls.arbitration = ref("tenant_relations_dispute.tenant_dispute_level_arbitration")
        cls.closed = ref("tenant_relations_dispute.tenant_dispute_level_closed")

    def new_dispute(self, **values):
        return self.env["tenant.dispute"].create(
            {
                "name": "Deposit kept at the end of the lease",
                "property_id": self.property_a.id,
                "party_ids": [
                    Command.create(
                        {"partner_id": self.tenant.id, "role": "claimant", "party_type": "resident"}
                    ),
                    Command.create(
                        {
                            "partner_id": self.env.company.partner_id.id,
                            "role": "respondent",
                            "party_type": "firm",
                        }
                    ),
                ],
            }
            | values
        )

    def new_proceeding(self, dispute, **values):
        opened = dispute.create_date.date()
        return self.env["tenant.dispute.proceeding"].create(
            {
                "dispute_id": dispute.id,
                "institution": "杭州仲裁委员会",
                "case_number": "(2026)杭仲字第 0123 号",
                "filing_date": opened,
            }
            | values
        )

    def test_award_not_before_filing(self):
        dispute = self.new_dispute(level_id=self.arbitration.id)
        filed = dispute.create_date.date() + timedelta(days=3)
        with self.assertRaisesRegex(ValidationError, "cannot come before the filing date"):
            self.new_proceeding(dispute, filing_date=filed, award_date=filed - timedelta(days=1))
        proceeding = self.new_proceeding(dispute, filing_date=filed, award_date=filed)
        with self.assertRaisesRegex(ValidationError, "cannot come before the filing date"):
            proceeding.award_date = filed - timedelta(days=2)

    def test_filing_not_before_the_dispute(self):
        dispute = self.new_dispute(level_id=self.arbitration.id)
        opened = dispute.create_date.date()
        with self.assertRaisesRegex(ValidationError, "cannot be filed before it"):
            self.new_proceeding(dispute, filing_date=opened - timedelta(days=1))
        self.assertTrue(self.new_proceeding(dispute, filing_date=opened))
        self.assertTrue(self.new_proceeding(dispute, filing_date=False), "a filing date not yet known")

    def test_arbitration_moves_a_dispute_below_it_up_with_a_reason(self):
        dispute = self.new_dispute()
        proceeding = self.new_proceeding(dispute)
        self.assertEqual(dispute.level_id, self.arbitration)
        step = dispute.step_ids.filtered(lambda s: not s.date_end)
        self.assertEqual(step.level_id, self.arbitration)
        self.assertIn("杭州仲裁委员会", step.reason)
        self.assertIn("(2026)杭仲字第 0123 号", step.reason)
        self.assertIn("杭州仲裁委员会", dispute.message_ids[0].body)
        self.assertEqual(dispute.proceeding_ids, proceeding)
        self.assertEqual(proceeding.display_name, "Arbitration · 杭州仲裁委员会 · (2026)杭仲字第 0123 号")

    def test_court_or_a_dispute_at_or_past_arbitration_stays_where_it_is(self):
        at_mediation = self.new_dispute(level_id=self.mediation.id)
        self.new_proceeding(at_mediation, kind="court", institution="西湖区人民法院")
        self.assertEqual(at_mediation.level_id, self.mediation)
        at_arbitration = self.new_dispute(level_id=self.arbitration.id)
        self.new_proceeding(at_arbitration)
        self.assertEqual(len(at_arbitration.step_ids), 1)
        closed = self.new_dispute(level_id=self.closed.id, outcome="award")
        self.new_proceeding(closed)
        self.assertEqual(closed.level_id, self.closed)

    def test_a_court_case_turned_arbitration_moves_the_dispute(self):
        dispute = self.new_dispute(level_id=self.mediation.id)
        proceeding = self.new_proceeding(dispute, kind="court")
        proceeding.kind = "arbitration"
        self.assertEqual(dispute.level_id, self.arbitration)

    def test_the_dispute_form_lists_steps_and_proceedings(self):
        dispute = self.new_dispute()
        self.new_proceeding(dispute)
        form = Form(dispute)
        self.assertEqual(len(form.step_ids), 2)
        self.assertEqual(len(form.proceeding_ids), 1)
        with Form(self.env["tenant.dispute.proceeding"].with_context(default_dispute_id=dispute.id)) as new:
            new.kind = "court"
            new.institution = "西湖区人民法院"
        self.assertEqual(len(dispute.proceeding_ids), 2)
