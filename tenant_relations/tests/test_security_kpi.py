# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 19: the two-step attacks on the KPIs, their Excel files and the analysis views.

Each attack is played as the attacker would: signed in over HTTP (the Excel download, the
dashboard's button called by JSON-RPC) or through the ORM as that user (never superuser). The
attackers: a staff member of property B (staff_b), a colleague of staff_a in property A
(staff_a2), a resident of A on the portal, and the manager of property A (pm_a). Whatever an
attack reaches must be refused (403/404, AccessError) or hold nothing of what is not theirs.
"""

import io
import zipfile
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import MANAGER, STAFF, PortalCase, call_kw, no_ack_tickets, portal_resident, staff_user


def book_text(content):
    """Every text of an xlsx file: its shared strings and its sheets' names."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        names = [name for name in book.namelist() if name.endswith(".xml")]
        return "".join(book.read(name).decode() for name in names)


@tagged("post_install", "-at_install")
class TestSecurityKpi(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        staff = f"{STAFF},base.group_allow_export"
        cls.manager = staff_user(env, "tr_sk_manager", groups=f"{MANAGER},base.group_allow_export")
        cls.staff_a = staff_user(env, "tr_sk_staff_a", groups=staff)
        cls.staff_a2 = staff_user(env, "tr_sk_staff_a2", groups=staff)
        cls.staff_b = staff_user(env, "tr_sk_staff_b", groups=staff)
        cls.pm_a = staff_user(env, "tr_sk_pm_a", groups=staff)
        cls.manager.email = "manager@example.com"
        Property = env["tenant.property"]
        cls.property_a = Property.create(
            {
                "name": "Secret Lake Gardens",
                "code": "SLG",
                "manager_id": cls.pm_a.id,
                "user_ids": [(6, 0, [cls.staff_a.id, cls.staff_a2.id])],
            }
        )
        cls.property_b = Property.create(
            {"name": "Cloud Apartments", "code": "CLA", "user_ids": [(6, 0, [cls.staff_b.id])]}
        )
        cls.unit_a = env["tenant.unit"].create(
            {"property_id": cls.property_a.id, "number": "1201", "code": "SLG-1201"}
        )
        cls.unit_b = env["tenant.unit"].create(
            {"property_id": cls.property_b.id, "number": "0801", "code": "CLA-0801"}
        )
        cls.resident_a = portal_resident(env, "tr_sk_resident_a", cls.unit_a, "Resident of A")
        cls.company = env.company
        Xlsx = env["tenant.kpi.xlsx"]
        cls.month = Xlsx._tenant_previous_month(cls.company)
        utc_start = cls.company._tenant_period_bounds(cls.month)[2]
        day = utc_start + timedelta(days=2)
        Ticket = no_ack_tickets(env)
        cls.ticket_a = Ticket.create(
            {
                "name": "Leak in the secret tower",
                "unit_id": cls.unit_a.id,
                "partner_id": cls.resident_a.partner_id.id,
                "user_id": cls.staff_a.id,
                "reported_date": day,
            }
        )
        cls.ticket_b = Ticket.create(
            {"name": "Door of B", "unit_id": cls.unit_b.id, "user_id": cls.staff_b.id, "reported_date": day}
        )
        cls.kpi = env["tenant.kpi"].create(
            {"name": "Resolution rate", "measure": "resolution_rate", "scope": "staff", "target": 90}
        )
        env["tenant.kpi.snapshot"]._tenant_compute(cls.kpi, cls.company, cls.month)
        Snapshot = env["tenant.kpi.snapshot"]
        cls.snap_a = Snapshot.search([("level", "=", "property"), ("property_id", "=", cls.property_a.id)])
        cls.snap_b = Snapshot.search([("level", "=", "property"), ("property_id", "=", cls.property_b.id)])
        cls.snap_staff_a = Snapshot.search(
            [
                ("level", "=", "staff"),
                ("property_id", "=", cls.property_a.id),
                ("user_id", "=", cls.staff_a.id),
            ]
        )
        cls.snap_firm = Snapshot.search([("level", "=", "company"), ("kpi_id", "=", cls.kpi.id)])
        assert cls.snap_a and cls.snap_b and cls.snap_staff_a and cls.snap_firm

    # The Excel file of the wizard ------------------------------------------------------------------

    def export(self, user, kind="kpi", properties=None):
        """The wizard run as ``user``: (wizard, attachment id, file bytes as the user got them)."""
        wizard = (
            self.env["tenant.kpi.report.wizard"]
            .with_user(user)
            .create(
                {
                    "month": self.month,
                    "report_kind": kind,
                    "property_ids": [(6, 0, properties.ids if properties else [])],
                }
            )
        )
        action = wizard.action_export()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        raw = self.env["ir.attachment"].with_user(user).browse(attachment_id).raw
        return wizard, attachment_id, raw

    def download(self, user, attachment_id):
        """GET /web/content/<id>?download=true signed in as ``user`` (None: not signed in)."""
        if user:
            self.login(user)
        else:
            self.authenticate(None, None)
        return self.url_open(f"/web/content/{attachment_id}?download=true", allow_redirects=False)

    def assert_no_download(self, users, attachment_id, marker):
        for user in users:
            with self.subTest(user=user.login if user else "visitor"):
                res = self.download(user, attachment_id)
                self.assertIn(res.status_code, (303, 403, 404), f"{user.login if user else 'visitor'} got it")
                self.assertNotIn(marker, res.content)

    def assert_no_rpc_read(self, users, attachment_id):
        """Neither read by id nor found by a search of the attachments (over RPC, as the user)."""
        for user in users:
            with self.subTest(user=user.login):
                Attachment = self.env["ir.attachment"].with_user(user)
                with self.assertRaises(AccessError):
                    Attachment.browse(attachment_id).read(["name", "datas"])
                for domain in ([("id", "=", attachment_id)], [("res_model", "like", "tenant.kpi")]):
                    try:
                        found = Attachment.search(domain)
                    except AccessError:
                        found = Attachment  # residents may not search files at all
                    self.assertFalse(found)
                self.env.invalidate_all()

    def test_wizard_file_is_its_makers_only(self):
        """A's file (staff_a's, and the manager's) cannot be downloaded by id, over HTTP or RPC,
        by staff of B, a colleague, A's property manager, a resident or a visitor; its maker can."""
        for maker, kind in ((self.staff_a, "tickets"), (self.manager, "kpi")):
            wizard, attachment_id, raw = self.export(maker, kind)
            self.assertTrue(raw.startswith(b"PK"))
            marker = b"PK\x03\x04"
            self.assertEqual(self.download(maker, attachment_id).status_code, 200)
            others = (self.staff_b, self.staff_a2, self.pm_a, self.resident_a, None)
            self.assert_no_download([u for u in others if u != maker], attachment_id, marker)
            self.assert_no_rpc_read([self.staff_b, self.staff_a2, self.pm_a, self.resident_a], attachment_id)
            # The wizard itself (its properties, its file) is its maker's too.
            for user in (self.staff_b, self.staff_a2, self.pm_a):
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    self.env["tenant.kpi.report.wizard"].with_user(user).browse(wizard.id).read(
                        ["property_ids"]
                    )
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    self.env["tenant.kpi.report.wizard"].with_user(user).browse(wizard.id).action_export()
                self.env.invalidate_all()

    def test_monthly_mail_file_is_its_recipients_only(self):
        """The monthly report hangs on its mail's message: nobody else downloads it by id."""
        Mail = self.env["tenant.kpi.report.mail"]
        mail = Mail._tenant_send_report(self.manager, self.company, self.month, self.env["tenant.property"])
        attachment = mail.attachment_ids
        self.assertEqual(len(attachment), 1)
        self.assertIn(self.manager.partner_id, mail.recipient_ids)
        # Its recipient may open it in Odoo too.
        self.assertEqual(self.download(self.manager, attachment.id).status_code, 200)
        others = [self.staff_b, self.staff_a, self.pm_a, self.resident_a]
        self.assert_no_download([*others, None], attachment.id, b"PK\x03\x04")
        self.assert_no_rpc_read(others, attachment.id)
        for user in others:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["mail.message"].with_user(user).browse(mail.mail_message_id.id).read(["body"])
            self.env.invalidate_all()
        # The property manager's own report holds their property only.
        mail_pm = Mail._tenant_send_report(self.pm_a, self.company, self.month, self.property_a)
        text = book_text(mail_pm.attachment_ids.raw)
        self.assertIn("Secret Lake Gardens", text)
        self.assertNotIn("Cloud Apartments", text)

    def test_wizard_for_another_property(self):
        """Staff of B who put A into the wizard get A's figures and tickets nowhere."""
        for kind in ("kpi", "tickets", "sla"):
            with self.subTest(kind=kind):
                try:
                    _wizard, _aid, raw = self.export(self.staff_b, kind, self.property_a)
                except AccessError:
                    continue
                text = book_text(raw)
                self.assertNotIn("Secret Lake Gardens", text)
                self.assertNotIn("Leak in the secret tower", text)
        # Without properties: B's own, nothing of A (nor the firm's totals).
        _wizard, _aid, raw = self.export(self.staff_b, "tickets")
        text = book_text(raw)
        self.assertIn("Door of B", text)
        self.assertNotIn("Leak in the secret tower", text)

    # The dashboard and the stored figures -----------------------------------------------------------

    @mute_logger("odoo.http")
    def test_view_records_of_a_foreign_snapshot(self):
        """The dashboard's "View records" called over JSON-RPC with a snapshot id one may not read."""
        cases = (
            (self.staff_b, self.snap_a),
            (self.staff_b, self.snap_firm),
            (self.staff_a2, self.snap_staff_a),
            (self.staff_a, self.snap_b),
            (self.pm_a, self.snap_b),
        )
        for user, snapshot in cases:
            with self.subTest(user=user.login, snapshot=snapshot.id):
                self.login(user)
                with self.assertRaises(JsonRpcException) as caught:
                    call_kw(self, "tenant.kpi.snapshot", "action_view_records", snapshot.ids)
                self.assertIn("AccessError", str(caught.exception))
        # One's own goes through, as the user.
        self.login(self.staff_a)
        action = call_kw(self, "tenant.kpi.snapshot", "action_view_records", self.snap_staff_a.ids)
        self.assertEqual(action["res_model"], "tenant.ticket")
        # The resident has no way in at all.
        self.login(self.resident_a)
        with self.assertRaises(JsonRpcException):
            call_kw(self, "tenant.kpi.snapshot", "action_view_records", self.snap_a.ids)

    def reach(self, user, model, domain, fields, groupby):
        """What ``user`` finds of ``domain`` in ``model``: ids searched, the count of a read_group
        and the rows of an export (each refused counts as nothing)."""
        Model = self.env[model].with_user(user)
        found = {}
        for how in ("search", "read_group", "export"):
            try:
                if how == "search":
                    found[how] = Model.search(domain).ids
                elif how == "read_group":
                    groups = Model.read_group(domain, fields, groupby, lazy=False)
                    found[how] = sum(group["__count"] for group in groups)
                else:
                    names = [*groupby, *(spec.split(":")[0] for spec in fields if spec != "__count")]
                    found[how] = Model.search(domain).export_data(names)["datas"]
            except AccessError:
                found[how] = []
            finally:
                self.env.invalidate_all()
        return found

    def assert_nothing(self, user, model, domain, fields, groupby):
        with self.subTest(user=user.login, model=model, domain=domain):
            found = self.reach(user, model, domain, fields, groupby)
            self.assertFalse(any(found.values()), found)

    def test_staff_of_b_reach_nothing_of_a(self):
        """Searches, aggregates and exports of B's staff over A's snapshots and analysis rows."""
        of_a = [("property_id", "=", self.property_a.id)]
        checks = (
            ("tenant.kpi.snapshot", of_a, ["value:avg", "numerator:sum"], ["level"]),
            ("tenant.kpi.snapshot", [("level", "=", "company")], ["value:avg"], ["kpi_id"]),
            ("tenant.ticket.analysis", of_a, ["response_minutes:avg"], ["user_id"]),
            ("tenant.sla.analysis", of_a, ["__count"], ["status"]),
            ("tenant.complaint.analysis", of_a, ["__count"], ["property_id"]),
            ("tenant.complaint.trend", of_a, ["complaint_count:sum"], ["property_id"]),
            ("tenant.staff.assessment", of_a, ["ticket_count:sum"], ["user_id"]),
        )
        # Each check finds something for the manager: the domains are not empty by themselves.
        for model, domain, fields, groupby in checks[:3] + checks[-1:]:
            with self.subTest(model=model, who="manager"):
                self.assertTrue(self.reach(self.manager, model, domain, fields, groupby)["search"])
        for model, domain, fields, groupby in checks:
            self.assert_nothing(self.staff_b, model, domain, fields, groupby)
            self.assert_nothing(self.resident_a, model, domain, fields, groupby)

    def test_colleague_reads_no_assessment(self):
        """staff_a2 serves A with staff_a: staff_a's assessment, staff rows and figures through
        aggregates or exports are theirs, their property manager's and the managers' only."""
        of_staff_a = [("user_id", "=", self.staff_a.id)]
        for model, fields in (
            ("tenant.staff.assessment", ["ticket_count:sum", "response_rate:avg"]),
            ("tenant.kpi.snapshot", ["value:avg", "numerator:sum"]),
        ):
            self.assert_nothing(self.staff_a2, model, of_staff_a, fields, ["user_id"])
            self.assert_nothing(self.staff_b, model, of_staff_a, fields, ["user_id"])
            for user in (self.staff_a, self.pm_a, self.manager):
                with self.subTest(model=model, user=user.login):
                    found = self.reach(user, model, of_staff_a, fields, ["user_id"])
                    self.assertTrue(found["search"] and found["read_group"], found)
            # Grouped by staff member, the colleague's own figures only.
            groups = self.env[model].with_user(self.staff_a2).read_group([], fields, ["user_id"])
            self.assertFalse([g for g in groups if g["user_id"] and g["user_id"][0] != self.staff_a2.id])

    def test_property_manager_reads_their_property_only(self):
        """A's property manager reads A's staff rows, not B's figures nor the firm's totals."""
        Snapshot = self.env["tenant.kpi.snapshot"].with_user(self.pm_a)
        self.assertIn(self.snap_staff_a, Snapshot.search([("level", "=", "staff")]))
        self.assertFalse(Snapshot.search([("id", "in", (self.snap_b | self.snap_firm).ids)]))
        with self.assertRaises(AccessError):
            Snapshot.browse(self.snap_b.id).read(["value"])

    def test_only_managers_recompute_or_write_figures(self):
        """The recompute wizard and the snapshots' writes are the managers'."""
        for user in (self.staff_a, self.pm_a, self.staff_b, self.resident_a):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["tenant.kpi.recompute"].with_user(user).create({"day": self.month})
                with self.assertRaises(AccessError):
                    self.env["tenant.kpi.snapshot"].with_user(user).browse(self.snap_a.id).write(
                        {"value": 100}
                    )
                with self.assertRaises(AccessError):
                    self.env["tenant.kpi"].with_user(user).browse(self.kpi.id).write({"target": 1})
                self.env.invalidate_all()
        # A manager's wizard is theirs: another manager's staff cannot run it by id.
        wizard = self.env["tenant.kpi.recompute"].with_user(self.manager).create({"day": self.month})
        with self.assertRaises(AccessError):
            self.env["tenant.kpi.recompute"].with_user(self.staff_a).browse(wizard.id).action_recompute()
        wizard.action_recompute()
