# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The manager's numbers (issue 19), in Chromium on the demo database as ``make run`` builds it (see
journey_case.py), as the manager of 云栖公寓 (demo / demo, a plain Tenant Relations user, in
Chinese): the KPI dashboard shows last month's urgent-call card red at 云栖公寓 (the demo's calls
were answered late that month); "View records" opens the urgent tickets behind it; Export to Excel
gives last month's KPI report of the property, which is opened here with openpyxl.
"""

import io
import re

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .journey_case import JourneyCase

CJK = re.compile(r"[\u4e00-\u9fff]")


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class TestJourneyKpi(JourneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.env.ref("base.user_demo")
        cls.urgent = cls.demo("tenant_kpi_urgent_response")
        today = cls.company._tenant_today()
        cls.last_month = cls.company._tenant_period_bounds(today - relativedelta(months=1))[0]

    def test_manager_drills_from_a_red_card_and_downloads_the_monthly_report(self):
        manager = self.manager
        self.assertFalse(manager._is_superuser())
        self.assertTrue(manager.has_group("tenant_relations.group_tenant_relations_user"))
        self.assertFalse(manager.has_group("tenant_relations.group_tenant_relations_manager"))
        self.assertEqual(manager.lang, "zh_CN")
        self.assertEqual(self.yqa.manager_id, manager)
        self.assertEqual(self.chg.manager_id, self.env.ref("base.user_admin"))
        self.assertIn(manager, self.chg.user_ids, "demo serves 翠湖花园 as staff")

        # What the manager may read of last month: both properties' figures (demo serves 翠湖花园
        # too), no company total, no staff figures of 翠湖花园's colleagues.
        Snapshot = self.env["tenant.kpi.snapshot"].with_user(manager)
        seen = Snapshot.search([("period_start", "=", self.last_month)])
        self.assertFalse(seen.filtered(lambda s: s.level == "company"), "the company's totals are managers'")
        self.assertEqual(seen.filtered(lambda s: s.level == "property").property_id, self.yqa | self.chg)
        self.assertFalse(
            seen.filtered(lambda s: s.level == "staff" and s.property_id == self.chg and s.user_id != manager)
        )
        red = Snapshot.search(
            [
                ("kpi_id", "=", self.urgent.id),
                ("period_start", "=", self.last_month),
                ("level", "=", "property"),
                ("property_id", "=", self.yqa.id),
            ]
        )
        self.assertEqual(red.status, "bad", "the demo answered 云栖公寓's urgent calls late last month")
        self.assertGreater(red.denominator, 0)
        model, domain = red._tenant_drill_domain()
        behind = self.env[model].with_user(manager).search(domain)
        self.assertEqual(len(behind), red.denominator)
        self.assertEqual(behind.property_id, self.yqa)
        self.assertEqual(set(behind.mapped("urgency")), {"urgent"})

        self.start_tour("/odoo", "tenant_relations_journey_kpi_tour", login="demo")

        Wizard = self.env["tenant.kpi.report.wizard"]
        wizard = Wizard.search([("create_uid", "=", manager.id)])
        self.assertEqual(len(wizard), 1)
        self.assertEqual(wizard.report_kind, "kpi")
        self.assertEqual(self.company._tenant_period_bounds(wizard.month)[0], self.last_month)
        self.assertEqual(wizard.property_ids, self.yqa)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", Wizard._name), ("res_id", "=", wizard.id)]
        )
        self.assertEqual(len(attachment), 1, "the file the manager downloaded")
        month = self.last_month.strftime("%Y-%m")
        zh = self.env(context={"lang": "zh_CN"})
        self.assertEqual(attachment.name, zh._("KPI-%(month)s.xlsx", month=month))

        # The download the browser was sent to, as the manager.
        self.authenticate("demo", "demo")
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, attachment.raw)

        book = openpyxl.load_workbook(io.BytesIO(response.content))
        summary_name, trend_name = zh._("Summary"), zh._("Trend")
        self.assertEqual(book.sheetnames, [summary_name, trend_name, "云栖公寓"], "not 翠湖花园")
        summary = book[summary_name]
        headers = [cell.value for cell in summary[4][:6]]
        expected = [zh._(h) for h in ("KPI", "Target", "Figure", "Status", "Previous month", "Change")]
        self.assertEqual(headers, expected)
        for text in [summary_name, trend_name, *headers, summary["A1"].value]:
            self.assertRegex(text, CJK, "Chinese headers: demo works in zh_CN")
        self.assertEqual(summary["A1"].value, zh._("Monthly KPI report %(month)s", month=month))

        sheet = book["云栖公寓"]
        self.assertEqual(
            [cell.value for cell in sheet[4]],
            [zh._(h) for h in ("KPI", "Team", "Figure", "Target", "Status", "Numerator", "Denominator")],
        )
        urgent_name = self.urgent.with_context(lang="zh_CN").name
        self.assertRegex(urgent_name, CJK)
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
        urgent = next(row for row in rows if row[0] == urgent_name and row[1] == zh._("All teams"))
        status = dict(zh["tenant.kpi.snapshot"]._fields["status"]._description_selection(zh))["bad"]
        self.assertEqual(urgent[2], red.value / 100)
        self.assertEqual(urgent[4], status)
        self.assertEqual(urgent[6], red.denominator)
