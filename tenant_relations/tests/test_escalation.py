# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import RecordCapturer, tagged, users, warmup

from .common import TicketCase


@tagged("post_install", "-at_install")
class TestEscalation(TicketCase):
    def notes(self, ticket, text):
        return ticket.message_ids.filtered(lambda m: text in (m.body or ""))

    def test_warning_then_breach_once_each(self):
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.ticket(category_id=self.cat_leak.id, user_id=self.staff_a.id)
            line = self.line(ticket, self.policy_urgent)
        Sla = self.env["tenant.ticket.sla"]
        with freeze_time("2026-03-02 10:16:00"):
            breached, warned = Sla._cron_escalate()
            self.assertEqual(warned, line)
            self.assertFalse(breached)
            self.assertFalse(any(Sla._cron_escalate()))
        warning = self.notes(ticket, "will be breached")
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.partner_ids, self.staff_a.partner_id | self.leader.partner_id)
        with freeze_time("2026-03-02 10:31:00"):
            breached, warned = Sla._cron_escalate()
            self.assertEqual(breached, line)
            self.assertFalse(any(Sla._cron_escalate()))
        self.assertEqual(len(self.notes(ticket, "was breached")), 1)
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(line.status, "breached")

    def test_breach_reassigns_to_leader(self):
        self.policy_urgent.breach_reassign_leader = True
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.ticket(category_id=self.cat_leak.id, user_id=self.staff_a.id)
        with freeze_time("2026-03-02 11:00:00"):
            self.env["tenant.ticket.sla"]._cron_escalate()
        self.assertEqual(ticket.user_id, self.leader)

    def test_major_complaint_tells_manager_at_once(self):
        cron = self.env.ref("tenant_relations.ir_cron_escalate_sla")
        with RecordCapturer(self.env["ir.cron.trigger"].sudo(), [("cron_id", "=", cron.id)]) as triggers:
            ticket = self.ticket(kind="complaint", complaint_grade="major", category_id=self.cat_noise.id)
        self.assertEqual(len(triggers.records), 1, "the escalation job is triggered at once")
        self.env["tenant.ticket.sla"]._cron_escalate()
        self.env["tenant.ticket.sla"]._cron_escalate()
        note = self.notes(ticket, "the manager is told at once")
        self.assertEqual(len(note), 1)
        self.assertIn(self.staff_a.partner_id, note.partner_ids)  # staff_a manages property A

    def test_scan_ignores_lines_not_due(self):
        with freeze_time("2026-03-02 10:00:00"):
            self.ticket(category_id=self.cat_leak.id)
            breached, warned = self.env["tenant.ticket.sla"]._cron_escalate()
        self.assertFalse(breached | warned)

    @users("__system__")
    @warmup
    def test_escalation_batch_query_count(self):
        with freeze_time("2026-03-02 10:00:00"):
            self.ticket(category_id=self.cat_leak.id)
            self.ticket(category_id=self.cat_leak.id)
        with freeze_time("2026-03-02 10:16:00"), self.assertQueryCount(__system__=30):
            self.env["tenant.ticket.sla"]._cron_escalate()

    @users("__system__")
    @warmup
    def test_create_ticket_query_count(self):
        # 31: one read of the reporter's contact, whose e-mail and phone the ticket copies.
        with freeze_time("2026-03-02 10:00:00"), self.assertQueryCount(__system__=31):
            self.ticket(category_id=self.cat_leak.id)
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestEscalationConcurrency(TicketCase):
    """Two workers scanning at once: committed data and real, separate connections.

    The commits below are on cursors this test opens itself (never the test's own), because
    row locks only compete between separate transactions; the test removes what it committed.
    """

    def test_two_concurrent_scans_act_once(self):
        dbname = self.env.cr.dbname
        with db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tenant_ticket_no_acknowledgement": True})
            prop = env["tenant.property"].create({"name": "Concurrency", "code": "CONC"})
            unit = env["tenant.unit"].create({"property_id": prop.id, "number": "1", "code": "C-1"})
            with freeze_time("2026-03-02 10:00:00"):
                ticket = env["tenant.ticket"].create(
                    {"name": "Lift stuck", "unit_id": unit.id, "category_id": self.cat_leak.id}
                )
            ticket_id, prop_id = ticket.id, prop.id
            cr.commit()  # pylint: disable=invalid-commit
        try:
            with (
                freeze_time("2026-03-02 10:16:00"),
                db_connect(dbname).cursor() as cr1,
                db_connect(dbname).cursor() as cr2,
            ):
                env1 = api.Environment(cr1, SUPERUSER_ID, {})
                env2 = api.Environment(cr2, SUPERUSER_ID, {})
                domain = [("ticket_id", "=", ticket_id)]
                _b1, warned1 = env1["tenant.ticket.sla"]._cron_escalate()
                # Worker 2 runs while worker 1 holds its locks: it skips them.
                _b2, warned2 = env2["tenant.ticket.sla"]._cron_escalate()
                self.assertTrue(warned1.filtered_domain(domain))
                self.assertFalse(warned2.filtered_domain(domain))
                cr1.commit()  # pylint: disable=invalid-commit
                cr2.rollback()
                # Worker 2 runs again after worker 1 committed: nothing left to do.
                _b3, warned3 = env2["tenant.ticket.sla"]._cron_escalate()
                self.assertFalse(warned3.filtered_domain(domain))
                cr2.commit()  # pylint: disable=invalid-commit
            with db_connect(dbname).cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM mail_message WHERE model = 'tenant.ticket' AND res_id = %s "
                    "AND body::text LIKE %s",
                    [ticket_id, "%will be breached%"],
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with db_connect(dbname).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["tenant.ticket"].browse(ticket_id).unlink()
                env["tenant.property"].browse(prop_id).unit_ids.unlink()
                env["tenant.property"].browse(prop_id).unlink()
                cr.commit()  # pylint: disable=invalid-commit
