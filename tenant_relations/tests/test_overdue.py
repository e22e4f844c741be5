# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The "Overdue" filter: every open ticket past a deadline, before and after the escalation scan."""

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import TicketCase


@tagged("post_install", "-at_install")
class TestOverdueFilter(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Water leaks are urgent: a first response is due 30 minutes after the report, around the clock.
        with freeze_time("2026-03-02 10:00:00"):
            cls.late = cls.ticket(category_id=cls.cat_leak.id)
            cls.answered = cls.ticket(category_id=cls.cat_leak.id)
            cls.closed = cls.ticket(category_id=cls.cat_leak.id)
        with freeze_time("2026-03-02 10:10:00"):
            cls.answered.action_respond()
            cls.closed.stage_id = cls.stage_closed  # closed unanswered: its response clock runs on
        with freeze_time("2026-03-02 10:25:00"):
            cls.fresh = cls.ticket(category_id=cls.cat_leak.id)  # due at 10:55
        cls.all = cls.late | cls.answered | cls.closed | cls.fresh

    def filter_domain(self):
        """The domain of the search view's "Overdue" filter, as the web client sends it."""
        arch = etree.fromstring(self.env.ref("tenant_relations.tenant_ticket_view_search").arch)
        return safe_eval(arch.xpath("//filter[@name='overdue']")[0].get("domain"))

    def assertOverdue(self, expected):
        Ticket = self.env["tenant.ticket"]
        in_test = [("id", "in", self.all.ids)]
        self.assertEqual(Ticket.search(in_test + self.filter_domain()), expected)
        self.assertEqual(Ticket.search([*in_test, ("sla_overdue", "!=", True)]), self.all - expected)
        self.all.invalidate_recordset(["sla_overdue"])
        self.assertEqual(self.all.filtered("sla_overdue"), expected, "the flag shown agrees with the filter")

    def test_overdue_before_and_after_the_scan(self):
        with freeze_time("2026-03-02 10:29:00"):
            self.assertOverdue(self.env["tenant.ticket"])
        with freeze_time("2026-03-02 10:31:00"):
            # Past the deadline and not yet scanned: overdue at once, not five minutes later.
            self.assertOverdue(self.late)
            breached, _warned = self.env["tenant.ticket.sla"]._cron_escalate()
            self.assertEqual(breached.ticket_id, self.late | self.closed)
        with freeze_time("2026-03-02 10:32:00"):
            # Flagged as breached by the scan: still overdue (the filter used to lose it here).
            self.assertOverdue(self.late)
            self.assertEqual(self.late.sla_line_ids.status, "breached")
        with freeze_time("2026-03-02 10:45:00"):
            self.late.action_respond()  # answered late: the breach stays, nothing is pending
            self.assertOverdue(self.env["tenant.ticket"])
        with freeze_time("2026-03-02 10:56:00"):
            self.assertOverdue(self.fresh)

    def test_paused_clock_is_not_overdue(self):
        self.policy_urgent.pause_stage_ids = [Command.link(self.stage_waiting.id)]
        with freeze_time("2026-03-02 10:20:00"):
            self.late.stage_id = self.stage_waiting  # 10 minutes left when the clock stops
            self.assertEqual(self.late.sla_line_ids.status, "paused")
        with freeze_time("2026-03-02 11:00:00"):
            self.assertOverdue(self.fresh)  # the paused clock waits on the resident
            self.late.stage_id = self.stage_progress  # running again: due at 11:10
        with freeze_time("2026-03-02 11:09:00"):
            self.assertOverdue(self.fresh)
        with freeze_time("2026-03-02 11:11:00"):
            self.assertOverdue(self.late | self.fresh)
