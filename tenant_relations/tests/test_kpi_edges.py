# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Edges of the KPIs found by attacking them (issue 19's red team): the shipped KPIs in the daily
job, a staff member's ticket without a property, a ticket filed already answered, a reopened ticket
in the averages."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .test_kpi_snapshot import REPORTED, KpiCase


@tagged("post_install", "-at_install")
class TestKpiEdges(KpiCase):
    def test_daily_job_computes_the_shipped_kpis_of_every_company(self):
        """The shipped KPIs belong to no company (every company): the daily job computes them."""
        shipped = self.env.ref("tenant_relations.tenant_kpi_urgent_response")
        self.assertFalse(shipped.company_id)
        self.Snapshot._cron_compute_snapshots()
        self.assertTrue(self.Snapshot.search([("kpi_id", "=", shipped.id)]))

    def test_staff_ticket_without_property(self):
        """A hotline ticket not placed at a property yet, assigned to a staff member: the staff
        member's row over every property counts it, once; the snapshot stores one row per key."""
        ticket = self.ticket(urgency="urgent", reported_date=REPORTED, unit_id=False, channel="hotline")
        ticket.write({"property_id": False, "user_id": self.staff_a.id})
        self.assertFalse(ticket.property_id)
        self.compute()
        rows = self.Snapshot.search(
            [("level", "=", "staff"), ("user_id", "=", self.staff_a.id), ("property_id", "=", False)]
        )
        self.assertTrue(rows)
        for kpi, kpi_rows in rows.grouped("kpi_id").items():
            self.assertEqual(len(kpi_rows), 1, kpi.name)

    def test_ticket_filed_already_answered(self):
        """A call logged late with its first response (or an import): the response time is the
        one between the times it was given, not zero."""
        ticket = self.ticket(
            urgency="urgent", reported_date=REPORTED, first_response_date=REPORTED + timedelta(hours=2)
        )
        self.assertEqual(ticket.response_minutes, 120.0)

    def test_reopened_ticket_is_not_resolved_in_no_time(self):
        """A reopened ticket not resolved again has no resolution time in the ticket analysis:
        the average is the resolved ticket's, not halved by a zero."""
        resolved = self.env.ref("tenant_relations.tenant_ticket_stage_resolved")
        now = fields.Datetime.now()
        tickets = self.ticket(reported_date=now - timedelta(hours=10)) | self.ticket(
            reported_date=now - timedelta(hours=10)
        )
        tickets.write({"stage_id": resolved.id})
        tickets[1]._action_reopen("not fixed")
        self.env.flush_all()
        [(average,)] = self.env["tenant.ticket.analysis"]._read_group(
            [("ticket_id", "in", tickets.ids)], [], ["resolution_minutes:avg"]
        )
        self.assertAlmostEqual(average, 600, delta=2)

    def test_trends_draw_one_level(self):
        """KPI Trends never averages a company's figure with a property's: a manager's lines are the
        company's, a staff member's their properties' (one line per KPI and property); periods
        without data are left out."""
        self.compute()
        manager_action = self.Snapshot.with_user(self.manager).action_open_trends()
        self.assertIn(("level", "=", "company"), manager_action["domain"])
        self.assertIn(("has_data", "=", True), manager_action["domain"])
        staff_action = self.Snapshot.with_user(self.staff_a).action_open_trends()
        self.assertIn(("level", "=", "property"), staff_action["domain"])
        self.assertIn("property_id", staff_action["context"]["graph_groupbys"])
        rows = self.Snapshot.with_user(self.staff_a).search(staff_action["domain"])
        self.assertEqual(set(rows.mapped("level")), {"property"})
        self.assertTrue(all(rows.mapped("has_data")))

    def test_trends_menu_runs_for_staff(self):
        """The KPI Trends menu is a server action: staff, who write no snapshot, may run it."""
        action = self.env.ref("tenant_relations.tenant_kpi_snapshot_action_open_trends")
        result = action.with_user(self.staff_a).run()
        self.assertEqual(result["res_model"], "tenant.kpi.snapshot")
        self.assertIn(("level", "=", "property"), result["domain"])
