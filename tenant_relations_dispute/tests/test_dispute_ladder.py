# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dispute ladder: levels in order, a reason to skip one, deadlines counted as Chinese
procedural periods, one warning per level, an outcome to close, and the upgrade from the old
level selection."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.modules.migration import load_script
from odoo.tests import Form, tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase, staff_user

from .common import parties


@tagged("post_install", "-at_install")
class TestDisputeLadder(TenantRelationsCase):
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
                "name": "Water through the ceiling",
                "party_ids": parties(self.tenant, self.owner),
                "property_id": self.property_a.id,
            }
            | values
        )

    def test_levels_shipped_in_order(self):
        levels = self.env["tenant.dispute.level"].search([])
        self.assertEqual(levels[:4], self.negotiation | self.mediation | self.arbitration | self.closed)
        self.assertEqual(levels[:4].mapped("deadline_days"), [15, 30, 0, 0])
        self.assertEqual(self.new_dispute().level_id, self.negotiation)

    def test_escalation_goes_up_one_level_and_records_why(self):
        dispute = self.new_dispute()
        dispute.action_escalate("The neighbour will not talk.")
        self.assertEqual(dispute.level_id, self.mediation)
        self.assertIn("The neighbour will not talk.", dispute.message_ids[0].body)
        dispute.action_escalate("No agreement at the committee.")
        self.assertEqual(dispute.level_id, self.arbitration)
        with self.assertRaisesRegex(ValidationError, "not above"):
            dispute.action_escalate("Back down", self.mediation)

    def test_a_skip_needs_a_reason(self):
        dispute = self.new_dispute()
        with self.assertRaisesRegex(ValidationError, "Skipping Mediation needs a reason"):
            dispute.action_escalate("  ", self.arbitration)
        self.assertEqual(dispute.level_id, self.negotiation)
        wizard = Form(self.env["tenant.dispute.escalate"].with_context(default_dispute_id=dispute.id))
        self.assertEqual(wizard.level_id, self.mediation)
        wizard.level_id = self.arbitration
        wizard.reason = "The contract names an arbitration commission."
        wizard.save().action_confirm()
        self.assertEqual(dispute.level_id, self.arbitration)
        self.assertIn("arbitration commission", dispute.message_ids[0].body)

    def test_the_level_moves_by_escalation_or_by_an_officer_only(self):
        """No drag in the kanban, no write over RPC: a move up is an escalation with its reason; an
        officer alone moves a dispute otherwise (back, to reopen it)."""
        officer = staff_user(
            self.env, "ld_officer", groups="tenant_relations_dispute.group_tenant_dispute_officer"
        )
        self.property_a.user_ids = [Command.link(officer.id)]
        dispute = self.new_dispute()
        staff = dispute.with_user(self.staff_a)
        for level in (self.mediation, self.arbitration):
            with (
                self.subTest(level=level.name),
                self.assertRaisesRegex(UserError, "through its Escalate button"),
            ):
                staff.write({"level_id": level.id})
        with self.assertRaisesRegex(UserError, "through its Escalate button"):
            staff.with_context(tenant_dispute_escalating=True).level_id = self.arbitration
        staff.write({"name": "Water through the ceiling, again", "level_id": self.negotiation.id})
        self.assertEqual(dispute.level_id, self.negotiation, "the same level is no move")
        staff.action_escalate("The neighbours no longer talk to each other.")
        self.assertEqual(dispute.level_id, self.mediation)
        self.assertEqual(
            dispute.step_ids.sorted("id")[-1].reason, "The neighbours no longer talk to each other."
        )
        with self.assertRaisesRegex(UserError, "through its Escalate button"):
            staff.level_id = self.negotiation
        dispute.with_user(officer).level_id = self.negotiation
        self.assertEqual(dispute.level_id, self.negotiation)
        kanban = self.env.ref("tenant_relations_dispute.tenant_dispute_view_kanban")
        self.assertIn('records_draggable="0"', kanban.arch)

    def test_deadline_rolls_over_national_day(self):
        with freeze_time("2026-09-16 10:00:00"):
            dispute = self.new_dispute()
        self.assertEqual(dispute.level_date, date(2026, 9, 16))
        # 15 days: Thursday 1 October, off until the 7th.
        self.assertEqual(dispute.level_deadline, date(2026, 10, 8))
        with freeze_time("2026-10-08 10:00:00"):
            dispute.action_escalate("No agreement.")
        self.assertEqual(dispute.level_date, date(2026, 10, 8))
        # 30 days: Saturday 7 November, an ordinary weekend: Monday 9th.
        self.assertEqual(dispute.level_deadline, date(2026, 11, 9))
        dispute.action_escalate("Arbitration.")
        self.assertFalse(dispute.level_deadline)

    def test_warning_once_per_level(self):
        with freeze_time("2026-11-02 10:00:00"):
            dispute = self.new_dispute(user_id=self.staff_a.id)  # deadline Tuesday 17 November
        Dispute = self.env["tenant.dispute"]
        todo = self.env.ref("mail.mail_activity_data_todo")

        def warnings():
            return dispute.activity_ids.filtered(lambda activity: activity.activity_type_id == todo)

        with freeze_time("2026-11-13 10:00:00"):
            Dispute._cron_warn_deadlines()
        self.assertFalse(warnings(), "four days before: not yet")
        with freeze_time("2026-11-14 10:00:00"):
            Dispute._cron_warn_deadlines()
            Dispute._cron_warn_deadlines()
        with freeze_time("2026-11-15 10:00:00"):
            Dispute._cron_warn_deadlines()
        self.assertEqual(len(warnings()), 1)
        self.assertEqual(warnings().user_id, self.staff_a)
        self.assertEqual(warnings().date_deadline, date(2026, 11, 17))
        with freeze_time("2026-11-16 10:00:00"):
            dispute.action_escalate("No agreement.")  # mediation: until Wednesday 16 December
        with freeze_time("2026-12-13 10:00:00"):
            Dispute._cron_warn_deadlines()
        self.assertEqual(len(warnings()), 2, "a new level, a new warning")

    def test_closing_needs_an_outcome(self):
        dispute = self.new_dispute()
        with self.assertRefused("without an outcome"):  # rolled back, as a refused save is
            dispute.level_id = self.closed
        dispute.write({"level_id": self.closed.id, "outcome": "settled"})
        self.assertTrue(dispute.is_closed)
        self.assertFalse(dispute.level_deadline)

    def test_migration_of_the_old_level_selection(self):
        disputes = {
            old: self.new_dispute(name=old) for old in ("negotiation", "mediation", "arbitration", "odd")
        }
        self.env.flush_all()
        cr = self.env.cr
        # The database as 18.0.1.0.0 left it: the selection column, the new one still empty.
        cr.execute("ALTER TABLE tenant_dispute ADD COLUMN level varchar")
        cr.execute("ALTER TABLE tenant_dispute ALTER COLUMN level_id DROP NOT NULL")
        for old, dispute in disputes.items():
            cr.execute(
                "UPDATE tenant_dispute SET level = %s, level_id = NULL WHERE id = %s", (old, dispute.id)
            )
        script = load_script(
            "tenant_relations_dispute/migrations/18.0.1.1.0/post-levels.py",
            "tenant_relations_dispute_18_0_1_1_0_post_levels",
        )
        script.migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(disputes["negotiation"].level_id, self.negotiation)
        self.assertEqual(disputes["mediation"].level_id, self.mediation)
        self.assertEqual(disputes["arbitration"].level_id, self.arbitration)
        self.assertEqual(disputes["odd"].level_id, self.negotiation)
        cr.execute(
            "SELECT is_nullable FROM information_schema.columns"
            " WHERE table_name = 'tenant_dispute' AND column_name = 'level_id'"
        )
        self.assertEqual(cr.fetchone()[0], "NO")
