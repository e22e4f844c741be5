# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The steps of a dispute on the ladder: one opens on creation, each level change closes it and
opens the next with the reason, users only read them, and the upgrade gives each existing dispute
its open step."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.modules.migration import load_script
from odoo.tests import new_test_user, tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

OFFICER = "tenant_relations_dispute.group_tenant_dispute_officer"


@tagged("post_install", "-at_install")
class TestDisputeSteps(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.negotiation = ref("tenant_relations_dispute.tenant_dispute_level_negotiation")
        cls.mediation = ref("tenant_relations_dispute.tenant_dispute_level_mediation")
        cls.arbitration = ref("tenant_relations_dispute.tenant_dispute_level_arbitration")
        cls.closed = ref("tenant_relations_dispute.tenant_dispute_level_closed")
        cls.officer = new_test_user(cls.env, "rk_officer", groups=OFFICER)
        cls.property_a.user_ids = [Command.link(cls.officer.id)]

    def new_dispute(self, **values):
        return self.env["tenant.dispute"].create(
            {
                "name": "Water through the ceiling",
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

    def test_creation_opens_a_step_on_the_first_level(self):
        with freeze_time("2026-03-02 10:00:00"):
            dispute = self.new_dispute()
        self.assertEqual(len(dispute.step_ids), 1)
        step = dispute.step_ids
        self.assertEqual(step.level_id, self.negotiation)
        self.assertEqual(step.date_start, date(2026, 3, 2))
        self.assertFalse(step.date_end)
        self.assertFalse(step.reason)
        self.assertEqual(step.property_id, self.property_a)

    def test_each_level_change_closes_the_step_and_opens_one_with_the_reason(self):
        with freeze_time("2026-03-02 10:00:00"):
            dispute = self.new_dispute()
        with freeze_time("2026-03-10 10:00:00"):
            dispute.action_escalate("The neighbour will not talk.")
        with freeze_time("2026-03-30 10:00:00"):
            dispute.action_escalate("No agreement at the committee.")
        with freeze_time("2026-04-06 10:00:00"):
            dispute.write({"level_id": self.closed.id, "outcome": "award"})
        steps = dispute.step_ids.sorted("date_start")
        self.assertEqual(steps.level_id, self.negotiation | self.mediation | self.arbitration | self.closed)
        self.assertEqual(
            [(s.date_start, s.date_end, s.days) for s in steps],
            [
                (date(2026, 3, 2), date(2026, 3, 10), 8),
                (date(2026, 3, 10), date(2026, 3, 30), 20),
                (date(2026, 3, 30), date(2026, 4, 6), 7),
                (date(2026, 4, 6), False, 0),
            ],
        )
        self.assertEqual(
            steps.mapped("reason"),
            [False, "The neighbour will not talk.", "No agreement at the committee.", False],
        )

    def test_a_skip_keeps_its_reason_on_the_step(self):
        dispute = self.new_dispute()
        dispute.action_escalate("The contract names an arbitration commission.", self.arbitration)
        step = dispute.step_ids.filtered(lambda s: not s.date_end)
        self.assertEqual(step.level_id, self.arbitration)
        self.assertEqual(step.reason, "The contract names an arbitration commission.")

    def test_other_writes_open_no_step(self):
        dispute = self.new_dispute()
        dispute.write({"name": "Water through the ceiling, again", "level_id": self.negotiation.id})
        dispute.category = "water"
        self.assertEqual(len(dispute.step_ids), 1)

    def test_a_batch_moves_only_the_disputes_that_change_level(self):
        first, second = self.new_dispute(), self.new_dispute(name="Parking")
        first.level_id = self.mediation
        (first | second).level_id = self.mediation
        self.assertEqual(first.step_ids.level_id, self.negotiation | self.mediation)
        self.assertEqual(len(first.step_ids), 2)
        self.assertEqual(second.step_ids.level_id, self.negotiation | self.mediation)

    def test_steps_are_read_only_for_users(self):
        dispute = self.new_dispute()
        Step = self.env["tenant.dispute.step"].with_user(self.officer)
        self.assertEqual(Step.search([("dispute_id", "=", dispute.id)]), dispute.step_ids)
        with self.assertRaises(AccessError):
            Step.create({"dispute_id": dispute.id, "level_id": self.mediation.id, "date_start": "2026-01-01"})
        with self.assertRaises(AccessError):
            dispute.step_ids.with_user(self.officer).write({"reason": "rewritten"})
        with self.assertRaises(AccessError):
            dispute.step_ids.with_user(self.officer).unlink()
        # Yet the officer moves the dispute, and the system writes the step for them.
        dispute.with_user(self.officer).action_escalate("Mediation it is.")
        self.assertEqual(len(dispute.step_ids), 2)

    def test_migration_gives_each_dispute_one_open_step(self):
        with freeze_time("2026-05-04 10:00:00"):
            at_mediation = self.new_dispute(level_id=self.mediation.id)
            at_negotiation = self.new_dispute(name="Parking")
        kept = self.new_dispute(name="Pets")
        self.env.flush_all()
        cr = self.env.cr
        # The database as 18.0.1.1.0 left it: no steps for the first two.
        cr.execute(
            "DELETE FROM tenant_dispute_step WHERE dispute_id IN %s",
            (tuple((at_mediation | at_negotiation).ids),),
        )
        cr.execute("UPDATE tenant_dispute SET level_date = NULL WHERE id = %s", (at_negotiation.id,))
        cr.execute(
            "UPDATE tenant_dispute SET create_date = '2026-04-01 08:00:00' WHERE id = %s",
            (at_negotiation.id,),
        )
        self.env.invalidate_all()
        script = load_script(
            "tenant_relations_dispute/migrations/18.0.1.2.0/post-steps.py",
            "tenant_relations_dispute_18_0_1_2_0_post_steps",
        )
        kept_steps = kept.step_ids
        script.migrate(cr, "18.0.1.1.0")
        script.migrate(cr, "18.0.1.1.0")  # twice: nothing more
        self.env.invalidate_all()
        self.assertEqual(
            [(s.level_id, s.date_start, s.date_end) for s in at_mediation.step_ids],
            [(self.mediation, date(2026, 5, 4), False)],
        )
        self.assertEqual(
            [(s.level_id, s.date_start, s.property_id) for s in at_negotiation.step_ids],
            [(self.negotiation, date(2026, 4, 1), self.property_a)],
        )
        self.assertEqual(kept.step_ids, kept_steps)
        # The migrated step is an ordinary one: the next escalation closes it.
        at_mediation.action_escalate("No agreement.")
        self.assertEqual(len(at_mediation.step_ids), 2)
        self.assertTrue(at_mediation.step_ids.sorted("id")[0].date_end)
