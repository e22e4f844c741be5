# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .test_kpi_snapshot import MARCH, KpiCase

ALERT_TYPE = "tenant_relations.mail_activity_type_kpi_alert"


@tagged("post_install", "-at_install")
class TestKpiAlerts(KpiCase):
    """March: A is off target (50 % against 90 %, band 5), so are its team (50 %) and its tickets
    without a team (50 %); B is on target. The team's row goes to its leader, the others to A's
    manager (staff_a)."""

    def alerts(self):
        return self.env["mail.activity"].search(
            [
                ("activity_type_id", "=", self.env.ref(ALERT_TYPE).id),
                ("res_model", "=", "tenant.property"),
            ]
        )

    def mails(self):
        return self.env["mail.mail"].search(
            [("model", "=", "tenant.property"), ("res_id", "in", (self.property_a | self.property_b).ids)]
        )

    def test_one_activity_and_one_mail_per_row_off_target_and_period(self):
        # This KPI's alerts alone: the shipped KPIs, which the job computes too, archived.
        self.env["tenant.kpi"].search([("id", "!=", self.kpi.id)]).active = False
        with freeze_time("2025-03-20 04:00:00"):
            Snapshot = self.Snapshot
            Snapshot._cron_compute_snapshots()
            Snapshot._cron_compute_snapshots()
        alerts = self.alerts()
        self.assertEqual(len(alerts), 3, "A, A's team, A's tickets without a team: once each")
        self.assertEqual(set(alerts.mapped("res_id")), {self.property_a.id})
        self.assertEqual(sorted(alerts.user_id.mapped("login")), ["tr_leader", "tr_staff_a"])
        self.assertEqual(len(alerts.filtered(lambda a: a.user_id == self.leader)), 1, "the team's leader")
        mails = self.mails()
        self.assertEqual(len(mails), 3, "one e-mail each, and no assignment notification besides")
        self.assertEqual(mails.recipient_ids, self.staff_a.partner_id | self.leader.partner_id)
        self.assertTrue(self.row("property", self.property_a).alerted)
        self.assertFalse(self.row("property", self.property_b).alerted)
        self.assertFalse(self.row("company").alerted, "the company's total alerts no one")

        # A recompute (the wizard's) keeps the flag: still one each.
        self.env["tenant.kpi.recompute"].create({"day": MARCH, "kpi_ids": self.kpi.ids}).action_recompute()
        self.assertEqual(len(self.alerts()), 3)
        self.assertEqual(len(self.mails()), 3)

    def test_the_note_and_mail_say_the_figure_the_target_the_period_and_link_the_dashboard(self):
        self.compute()
        alert = self.alerts().filtered(lambda a: a.user_id == self.leader)
        for text in (str(alert.note), self.mails().filtered(lambda m: m.subject == alert.summary).body_html):
            self.assertIn("50 %", text)
            self.assertIn("90 %", text)
            self.assertIn("2025-03", text)
            self.assertIn("/odoo/action-tenant_relations.tenant_kpi_snapshot_action_dashboard", text)
        self.assertIn("Green Lake Service", alert.summary)
        self.assertEqual(alert.activity_type_id.name, "KPI off target")

    def test_no_alert_without_the_switch_on_target_or_without_a_manager(self):
        self.kpi.alert = False
        self.compute()
        self.assertFalse(self.alerts())
        self.assertFalse(self.row("property", self.property_a).alerted)

        self.kpi.alert = True
        self.property_a.manager_id = False
        self.team.leader_id = False
        self.compute()
        self.assertFalse(self.alerts(), "no one to tell")
        self.assertFalse(self.row("property", self.property_a).alerted, "told once a manager is set")

        self.property_a.manager_id = self.staff_a
        self.compute()
        self.assertEqual(len(self.alerts()), 3, "the team without leader: the property's manager")
        self.assertEqual(self.alerts().user_id, self.staff_a)

    def test_a_new_period_alerts_again(self):
        self.compute()
        self.assertEqual(len(self.alerts()), 3)
        # The same tickets counted in a quarterly KPI: a period of its own, its own alerts.
        quarterly = self.kpi.copy({"name": "Urgent, quarterly", "period": "quarter"})
        self.compute(kpis=quarterly)
        self.assertEqual(len(self.alerts()), 6)
        quarter = self.Snapshot.search([("kpi_id", "=", quarterly.id), ("level", "=", "property")])
        self.assertEqual(set(quarter.mapped("period_start")), {date(2025, 1, 1)})
