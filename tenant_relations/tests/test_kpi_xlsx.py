# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import zipfile
from datetime import datetime, timedelta

import openpyxl
import pytz

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.translate import code_translations

from .common import MANAGER, TicketCase, load_chinese, staff_user

MODULE = "tenant_relations"


@tagged("post_install", "-at_install")
class TestKpiXlsx(TicketCase):
    """The Excel files (导出 Excel): the monthly KPI report (关键指标月报) and the ticket and SLA
    lists, opened with openpyxl and checked against the database, as each user may see it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.Xlsx = cls.env["tenant.kpi.xlsx"]
        cls.first = cls.Xlsx._tenant_previous_month(cls.company)
        cls.following, cls.utc_start, cls.utc_end = cls.company._tenant_period_bounds(cls.first)[1:]
        cls.previous = cls.company._tenant_period_bounds(cls.first - timedelta(days=1))[0]
        cls.manager.tz = "Asia/Shanghai"
        Kpi = cls.env["tenant.kpi"]
        # The report's layout is checked on this test's two KPIs alone: the shipped ones archived.
        Kpi.search([]).active = False
        cls.kpi_urgent = Kpi.create(
            {
                "name": "Urgent items answered in 30 min",
                "measure": "urgent_response",
                "target": 90,
                "warning_band": 5,
                "threshold_minutes": 30,
            }
        )
        cls.kpi_median = Kpi.create(
            {
                "name": "Median first response",
                "measure": "first_response_median",
                "unit": "minutes",
                "direction": "lower",
                "target": 60,
            }
        )
        snap = cls.snapshot
        snap(cls.kpi_urgent, cls.first, "company", value=88.0, numerator=22, denominator=25)
        snap(cls.kpi_urgent, cls.previous, "company", value=80.0, numerator=16, denominator=20)
        snap(cls.kpi_urgent, cls.first, "property", cls.property_a, value=100.0, numerator=10, denominator=10)
        snap(
            cls.kpi_urgent,
            cls.first,
            "team",
            cls.property_a,
            cls.team,
            value=100.0,
            numerator=8,
            denominator=8,
        )
        snap(cls.kpi_urgent, cls.first, "team", cls.property_a, value=100.0, numerator=2, denominator=2)
        snap(cls.kpi_urgent, cls.first, "property", cls.property_b, value=80.0, numerator=12, denominator=15)
        snap(cls.kpi_median, cls.first, "company", value=None)  # a month without data
        cls.occupy(cls.unit_b1, cls.tenant)
        day = cls.utc_start + timedelta(days=2)
        cls.tickets_a = cls.ticket(name="=1+1", partner_phone="+86 138 0013 8000", reported_date=day)
        cls.tickets_a |= cls.ticket(name='=HYPERLINK("http://x")', reported_date=day + timedelta(hours=1))
        cls.tickets_a |= cls.ticket(
            name="Lift stuck",
            description="<p>Stuck &amp; noisy</p>",
            reported_date=cls.utc_end - timedelta(minutes=1),
        )
        cls.ticket(name="Last month", reported_date=cls.utc_start - timedelta(minutes=1))
        cls.ticket_b = cls.ticket(
            name="Door broken", unit_id=cls.unit_b1.id, partner_id=cls.tenant.id, reported_date=day
        )

    @classmethod
    def snapshot(cls, kpi, start, level, prop=None, team=None, value=None, numerator=0, denominator=0):
        """A stored figure, as the snapshot job writes it (made here directly: that job is tested
        where it lives)."""
        return cls.env["tenant.kpi.snapshot"].create(
            {
                "kpi_id": kpi.id,
                "company_id": cls.company.id,
                "level": level,
                "property_id": prop.id if prop else False,
                "team_id": team.id if team else False,
                "period": "month",
                "period_start": start,
                "period_end": cls.company._tenant_period_bounds(start)[1],
                "value": value or 0.0,
                "has_data": value is not None,
                "numerator": numerator,
                "denominator": denominator,
                "target": kpi.target,
                "status": kpi._tenant_status(value),
            }
        )

    def export(self, user, kind, properties=None):
        """The file ``user`` downloads from the wizard: (file name, openpyxl workbook, raw bytes)."""
        wizard = (
            self.env["tenant.kpi.report.wizard"]
            .with_user(user)
            .create(
                {
                    "month": self.first,
                    "report_kind": kind,
                    "property_ids": [(6, 0, (properties or []) and properties.ids)],
                }
            )
        )
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        self.assertTrue(action["url"].endswith("?download=true"))
        attachment = self.env["ir.attachment"].with_user(user).browse(attachment_id)
        self.assertEqual((attachment.res_model, attachment.res_id), (wizard._name, wizard.id))
        raw = attachment.raw
        return attachment.name, openpyxl.load_workbook(io.BytesIO(raw)), raw

    def rows(self, sheet):
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    def domain(self, kind="tickets"):
        if kind == "tickets":
            return [("reported_date", ">=", self.utc_start), ("reported_date", "<", self.utc_end)]
        return [("start_date", ">=", self.utc_start), ("start_date", "<", self.utc_end)]

    def zh_terms(self, terms):
        """Install zh_CN translations of this module's Python strings the way Odoo reads them (the
        code translations of the module's .po), for this test only."""
        key = (MODULE, "zh_CN")
        before = code_translations.get_python_translations(MODULE, "zh_CN")
        code_translations.python_translations[key] = {**before, **terms}
        self.addCleanup(code_translations.python_translations.__setitem__, key, before)

    # The monthly KPI report ---------------------------------------------------------------------

    def test_kpi_report_summary_properties_and_charts(self):
        name, book, raw = self.export(self.manager, "kpi")
        month = self.first.strftime("%Y-%m")
        self.assertEqual(name, f"KPI-{month}.xlsx")
        self.assertEqual(book.sheetnames, ["Summary", "Trend", "Cloud Apartments", "Green Lake Gardens"])
        summary = self.rows(book["Summary"])
        self.assertEqual(summary[0][0], f"Monthly KPI report {month}")
        self.assertEqual(summary[2][0], "Generated on")
        self.assertIsInstance(summary[2][1], datetime)
        self.assertEqual(book["Summary"].cell(3, 2).number_format, "yyyy-mm-dd hh:mm")
        self.assertEqual(summary[3][:6], ["KPI", "Target", "Figure", "Status", "Previous month", "Change"])
        urgent, median = summary[4], summary[5]
        self.assertEqual(urgent[0], "Urgent items answered in 30 min")
        self.assertAlmostEqual(urgent[1], 0.9)
        self.assertAlmostEqual(urgent[2], 0.88)
        self.assertEqual(urgent[3], "Near target")
        self.assertAlmostEqual(urgent[4], 0.8)
        self.assertAlmostEqual(urgent[5], 0.08)
        cell = book["Summary"].cell(5, 3)
        self.assertEqual(cell.number_format, "0.0%")
        # No figure: the words, never a 0.
        self.assertEqual(
            median[:6], ["Median first response", 60, "No data", "No data", "No data", "No data"]
        )
        # By property: A 100 %, B 80 %.
        header = summary.index(next(c for c in summary if c[0] == "KPI" and c[2] == "Cloud Apartments"))
        self.assertAlmostEqual(summary[header + 1][2], 0.8)
        self.assertAlmostEqual(summary[header + 1][3], 1.0)
        self.assertEqual(summary[header + 2][2:4], ["No data", "No data"])
        # A team row and the tickets without a team, with what counted and out of how many.
        green = self.rows(book["Green Lake Gardens"])
        self.assertEqual(green[3], ["KPI", "Team", "Figure", "Target", "Status", "Numerator", "Denominator"])
        urgent_rows = [r for r in green[4:] if r[0] == "Urgent items answered in 30 min"]
        self.assertEqual(sorted(r[1] for r in urgent_rows), ["All teams", "Green Lake Service", "No team"])
        team_row = next(r for r in urgent_rows if r[1] == "Green Lake Service")
        self.assertEqual(team_row[4:], ["On target", 8, 8])
        # The trend over six months, oldest first, this month last.
        trend = self.rows(book["Trend"])
        self.assertEqual(trend[0][-1], month)
        self.assertEqual(trend[0][-2], self.previous.strftime("%Y-%m"))
        self.assertAlmostEqual(trend[1][-1], 0.88)
        self.assertEqual(trend[1][2], "No data")
        charts = [n for n in zipfile.ZipFile(io.BytesIO(raw)).namelist() if n.startswith("xl/charts/chart")]
        self.assertEqual(len(charts), 2, "figures against target, and the trend")

    def test_kpi_report_chinese_headers(self):
        """Headers are in the user's language: routed through env._ under the user's zh_CN, and
        with the zh_CN terms present they are the Chinese words."""
        load_chinese(self.env)
        boss = staff_user(self.env, "tr_boss_zh", groups=MANAGER, lang="zh_CN")
        zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        _name, book, _raw = self.export(boss, "kpi")
        self.assertEqual(book.sheetnames[0], zh._("Summary"))
        self.assertEqual(self.rows(book.worksheets[0])[3][:3], [zh._("KPI"), zh._("Target"), zh._("Figure")])

        self.zh_terms(
            {
                "Summary": "汇总",
                "KPI": "关键指标",
                "Target": "目标",
                "Figure": "实际",
                "No data": "无数据",
                "Previous month": "上月",
                "Change": "变化",
                "Tickets-%(month)s.xlsx": "工单-%(month)s.xlsx",
                "Tickets": "工单清单",
                "Title": "标题",
            }
        )
        _name, book, _raw = self.export(boss, "kpi")
        self.assertEqual(book.sheetnames[0], "汇总")
        summary = self.rows(book["汇总"])
        self.assertEqual(summary[3][:3], ["关键指标", "目标", "实际"])
        self.assertEqual(summary[3][4:6], ["上月", "变化"])
        self.assertEqual(summary[5][2], "无数据")
        name, book, _raw = self.export(boss, "tickets")
        self.assertEqual(name, f"工单-{self.first.strftime('%Y-%m')}.xlsx")
        self.assertEqual(book.sheetnames, ["工单清单"])
        self.assertIn("标题", self.rows(book["工单清单"])[0])

    def test_kpi_report_of_a_property_manager(self):
        """staff_a manages Green Lake Gardens: their report has its sheet only, and no company
        figures (the snapshot rules give them their property's): the summary's figure is the total
        over their property (10 / 10), said so under the title; a median does not add up."""
        _name, book, _raw = self.export(self.staff_a, "kpi")
        self.assertEqual(book.sheetnames, ["Summary", "Trend", "Green Lake Gardens"])
        summary = self.rows(book["Summary"])
        self.assertIn("Green Lake Gardens", summary[1][0])
        self.assertAlmostEqual(summary[4][2], 1.0)
        self.assertEqual(summary[5][2], "No data")
        self.assertNotIn("Cloud Apartments", [c for r in summary for c in r])

    def test_kpi_report_of_some_properties(self):
        """A manager's report of Cloud Apartments alone: the total is that property's (12 / 15),
        not the company's 88 %."""
        _name, book, _raw = self.export(self.manager, "kpi", self.property_b)
        summary = self.rows(book["Summary"])
        self.assertAlmostEqual(summary[4][2], 0.8)

    def test_sheet_names_excel_accepts(self):
        used = set()
        names = [self.Xlsx._tenant_sheet_name("Block [A]: 1/2 * ? \\ " + "x" * 40, used) for _i in range(3)]
        for name in names:
            self.assertLessEqual(len(name), 31)
            self.assertFalse(set(name) & set("[]:*?/\\"), name)
        self.assertEqual(len({n.lower() for n in names}), 3, "unique")
        self.assertEqual(self.Xlsx._tenant_sheet_name("'quoted'", set()), "quoted")

    # The lists ----------------------------------------------------------------------------------

    def test_ticket_export_counts_and_keeps_text_as_text(self):
        name, book, _raw = self.export(self.manager, "tickets")
        self.assertEqual(name, f"Tickets-{self.first.strftime('%Y-%m')}.xlsx")
        sheet = book["Tickets"]
        rows = self.rows(sheet)
        header = rows[0]
        Ticket = self.env["tenant.ticket"].with_user(self.manager)
        self.assertEqual(len(rows) - 1, Ticket.search_count(self.domain()))
        self.assertEqual(len(rows) - 1, 4, "three of Green Lake Gardens, one of Cloud Apartments")
        col = {h: i for i, h in enumerate(header)}
        by_title = {r[col["Title"]]: r for r in rows[1:]}
        self.assertNotIn("Last month", by_title)
        for n, row in enumerate(sheet.iter_rows(min_row=2), start=2):
            title = row[col["Title"]]
            self.assertEqual(title.data_type, "s", f"row {n}")
        formula = by_title["=1+1"]
        self.assertEqual(formula[col["Reporter phone"]], "+86 138 0013 8000")
        cells = {c.value: c for c in sheet[2] + sheet[3] + sheet[4] + sheet[5]}
        for text in ("=1+1", '=HYPERLINK("http://x")', "+86 138 0013 8000"):
            self.assertEqual(cells[text].data_type, "s", text)
        self.assertEqual(by_title["Lift stuck"][col["Description"]], "Stuck & noisy")
        self.assertEqual(formula[col["Property"]], "Green Lake Gardens")
        self.assertEqual(formula[col["Unit"]], "1-1201")
        self.assertEqual(formula[col["Reporter"]], "王建国")
        self.assertEqual(formula[col["Team"]], "Green Lake Service")
        self.assertEqual(formula[col["Type"]], "Repair")
        # In the user's time zone (Shanghai, UTC+8), as a date and time.
        ticket = self.tickets_a[0]
        local = pytz.utc.localize(ticket.reported_date).astimezone(pytz.timezone("Asia/Shanghai"))
        self.assertEqual(formula[col["Reported on"]], local.replace(tzinfo=None))
        self.assertEqual(book["Tickets"].cell(2, col["Reported on"] + 1).number_format, "yyyy-mm-dd hh:mm")

    def test_ticket_export_of_a_property_scoped_user(self):
        _name, book, _raw = self.export(self.staff_a, "tickets")
        rows = self.rows(book["Tickets"])
        col = rows[0].index("Property")
        Ticket = self.env["tenant.ticket"].with_user(self.staff_a)
        self.assertEqual(len(rows) - 1, Ticket.search_count(self.domain()))
        self.assertEqual({r[col] for r in rows[1:]}, {"Green Lake Gardens"})
        self.assertEqual(len(rows) - 1, len(self.tickets_a))
        # Asking for a property they do not serve is refused (the form offers only theirs).
        with self.assertRaises(AccessError):
            self.export(self.staff_a, "tickets", self.property_b)

    def test_ticket_export_leaves_out_fields_the_user_may_not_read(self):
        field = self.env["tenant.ticket"]._fields["partner_phone"]
        groups = field.groups
        # As if a firm's addon kept the reporter's phone to administrators (field groups).
        field.groups = "base.group_system"
        self.addCleanup(setattr, field, "groups", groups)
        _name, book, _raw = self.export(self.manager, "tickets")
        header = self.rows(book["Tickets"])[0]
        self.assertNotIn("Reporter phone", header)
        self.assertIn("Title", header)

    def test_sla_export(self):
        name, book, _raw = self.export(self.manager, "sla")
        self.assertEqual(name, f"SLA-Lines-{self.first.strftime('%Y-%m')}.xlsx")
        rows = self.rows(book["SLA lines"])
        Line = self.env["tenant.ticket.sla"].with_user(self.manager)
        self.assertEqual(len(rows) - 1, Line.search_count(self.domain("sla")))
        self.assertTrue(len(rows) > 1)
        _name, book, _raw = self.export(self.staff_a, "sla")
        rows = self.rows(book["SLA lines"])
        col = rows[0].index("Property")
        self.assertEqual(len(rows) - 1, Line.with_user(self.staff_a).search_count(self.domain("sla")))
        self.assertEqual({r[col] for r in rows[1:]}, {"Green Lake Gardens"})
        titles = book["SLA lines"]
        self.assertTrue(all(row[1].data_type == "s" for row in titles.iter_rows(min_row=2)))

    def test_future_month_refused(self):
        with self.assertRefused("has not begun yet", Exception):
            self.env["tenant.kpi.report.wizard"].with_user(self.manager).create(
                {"month": self.company._tenant_today() + timedelta(days=40), "report_kind": "kpi"}
            )

    # The monthly e-mail -------------------------------------------------------------------------

    def report_mails(self):
        return self.env["mail.mail"].search([("subject", "like", "Monthly KPI report")])

    def test_monthly_mail_once_per_manager(self):
        self.assertFalse(self.report_mails())
        self.env["tenant.kpi.report.mail"]._cron_send_monthly_report()
        mails = self.report_mails()
        by_user = {mail.recipient_ids.user_ids.id: mail for mail in mails}
        self.assertEqual(len(by_user), len(mails), "one mail per person")
        managers = self.env.ref(MANAGER).users.filtered(lambda u: not u.share and u.email)
        self.assertEqual(set(by_user), set((managers | self.staff_a).ids))
        month = self.first.strftime("%Y-%m")
        for mail in mails:
            self.assertIn(month, mail.subject)
            self.assertEqual(mail.attachment_ids.mapped("name"), [f"KPI-{month}.xlsx"])
        # The property manager's file: their property only, built as them.
        own = openpyxl.load_workbook(io.BytesIO(by_user[self.staff_a.id].attachment_ids.raw))
        self.assertEqual(own.sheetnames, ["Summary", "Trend", "Green Lake Gardens"])
        full = openpyxl.load_workbook(io.BytesIO(by_user[self.manager.id].attachment_ids.raw))
        self.assertIn("Cloud Apartments", full.sheetnames)
        self.assertEqual(by_user[self.staff_a.id].recipient_ids, self.staff_a.partner_id)
        # The next day's run sends nothing.
        self.env["tenant.kpi.report.mail"]._cron_send_monthly_report()
        self.assertEqual(self.report_mails(), mails)

    def test_monthly_mail_none_without_monthly_kpis(self):
        (self.kpi_urgent | self.kpi_median).active = False
        self.env["tenant.kpi.report.mail"]._cron_send_monthly_report()
        self.assertFalse(self.report_mails())
