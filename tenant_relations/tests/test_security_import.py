# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The residents' import (issue 13) attacked as each persona would over RPC: what a row of a sheet
may do to a person another property, or another company, already knows.

Found by the red team on the demo database: a Tenant Relations manager of one company imported a
row with the name and mobile of another company's resident and a new e-mail; the contact was
reused, linked to a unit of the manager's company at once and its e-mail overwritten (the key to
the resident's portal account: a password reset goes to it). Managers are company-level: they act
for every property of their companies and for no other company's.
"""

from markupsafe import Markup

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import (
    MANAGER,
    TenantRelationsCase,
    allow_contact_creation,
    load_chinese,
    migration_script,
    staff_user,
)

RESIDENT_FIELDS = ("name", "mobile", "email", "tenant_occupancy_ids/unit_id", "tenant_occupancy_ids/role")


@tagged("post_install", "-at_install")
class TestSecurityImport(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        # Another firm of the same database, with its own property, resident and manager.
        cls.company_b = cls.env["res.company"].create(
            {"name": "Far Away Property Services", "country_id": cls.env.ref("base.cn").id}
        )
        cls.property_far = cls.env["tenant.property"].create(
            {"name": "Far Gardens", "code": "FAR", "company_id": cls.company_b.id}
        )
        cls.unit_far = cls.env["tenant.unit"].create(
            {"property_id": cls.property_far.id, "building": "9", "number": "901"}
        )
        cls.far_resident = cls.env["res.partner"].create(
            {"name": "孙七", "mobile": "139 2222 3333", "email": "sun7@example.com"}
        )
        cls.occupy(cls.unit_far, cls.far_resident)
        cls.manager_b = staff_user(cls.env, "tr_manager_b", groups=MANAGER, company=cls.company_b)
        # cls.manager is the manager of the first firm only (new_test_user gives them the main company alone).
        allow_contact_creation(cls.manager | cls.staff_a | cls.manager_b)

    def load(self, user, rows, fields=RESIDENT_FIELDS):
        Partner = self.env["res.partner"].with_user(user).with_context(import_file=True)
        return Partner.load(list(fields), rows)

    def far_row(self, email=""):
        return ["孙七", "13922223333", email, "1-1202", "owner"]

    # A manager and another company's resident

    def test_manager_of_another_company_cannot_change_their_contact_details(self):
        result = self.load(self.manager, [self.far_row("attacker@example.com")])
        self.assertFalse(result["ids"], result)
        self.assertIn("孙七", result["messages"][0]["message"])
        with self.assertRaises(AccessError):
            self.far_resident.with_user(self.manager).write({"email": "attacker@example.com"})
        self.far_resident.invalidate_recordset()
        self.assertEqual(self.far_resident.email, "sun7@example.com")

    def test_manager_link_to_another_companys_resident_waits_for_confirmation(self):
        result = self.load(self.manager, [self.far_row()])
        self.assertEqual(result["ids"], self.far_resident.ids, "the person is found, not doubled")
        link = self.far_resident.tenant_occupancy_ids.filtered(lambda o: o.unit_id == self.unit_a2)
        self.assertEqual(link.state, "pending")
        self.assertFalse(link.is_current)
        # Pending, the link opens nothing: the e-mail stays theirs and the manager cannot confirm it.
        with self.assertRaises(AccessError):
            self.far_resident.with_user(self.manager).write({"email": "attacker@example.com"})
        with self.assertRaises(AccessError):
            link.with_user(self.manager).action_tenant_confirm()
        # Nor can the manager of the resident's own firm, who may not read the first firm's links:
        # the person themselves or a manager of both firms confirms it.
        with self.assertRaises(AccessError):
            link.with_user(self.manager_b).action_tenant_confirm()
        manager_both = new_test_user(
            self.env,
            "tr_manager_both",
            groups="tenant_relations.group_tenant_relations_manager",
            company_ids=[Command.set((self.env.company | self.company_b).ids)],
        )
        link.with_user(manager_both).action_tenant_confirm()
        self.assertEqual(link.state, "confirmed")

    def test_manager_of_both_companies_links_and_changes_them_at_once(self):
        self.manager.write({"company_ids": [Command.link(self.company_b.id)]})
        result = self.load(self.manager, [self.far_row("sun7.new@example.com")])
        self.assertEqual(result["ids"], self.far_resident.ids, result)
        link = self.far_resident.tenant_occupancy_ids.filtered(lambda o: o.unit_id == self.unit_a2)
        self.assertEqual(link.state, "confirmed")
        self.assertEqual(self.far_resident.email, "sun7.new@example.com")

    def test_manager_still_links_and_changes_their_own_firms_residents_at_once(self):
        neighbour = self.env["res.partner"].create({"name": "钱多多", "mobile": "139 5710 3003"})
        self.occupy(self.unit_b1, neighbour)
        result = self.load(self.manager, [["钱多多", "13957103003", "qian@example.com", "1-1202", "tenant"]])
        self.assertEqual(result["ids"], neighbour.ids, result)
        self.assertTrue(
            neighbour.tenant_occupancy_ids.filtered(lambda o: o.unit_id == self.unit_a2).is_current
        )
        self.assertEqual(neighbour.email, "qian@example.com")

    # What held (kept as specifications)

    def test_staff_import_a_stranger_as_a_pending_link_and_read_nothing_more(self):
        stranger = self.env["res.partner"].create({"name": "钱多多", "mobile": "139 5710 3003"})
        self.occupy(self.unit_b1, stranger)
        self.env["tenant.profile"].create({"partner_id": stranger.id})
        result = self.load(self.staff_a, [["钱多多", "13957103003", "", "1-1202", "tenant"]])
        self.assertEqual(result["ids"], stranger.ids)
        self.assertEqual(
            stranger.tenant_occupancy_ids.filtered(lambda o: o.unit_id == self.unit_a2).state, "pending"
        )
        self.assertFalse(
            self.env["tenant.profile"].with_user(self.staff_a).search([("partner_id", "=", stranger.id)])
        )

    def test_no_column_places_a_row_in_another_propertys_unit(self):
        for fields, unit in (
            (
                ["name", "tenant_occupancy_ids/unit_id", "tenant_occupancy_ids/role"],
                "Cloud Apartments A-0801",
            ),
            (["name", "tenant_occupancy_ids/unit_id", "tenant_occupancy_ids/role"], "A-0801"),
            (["name", "tenant_occupancy_ids/unit_id/.id", "tenant_occupancy_ids/role"], str(self.unit_b1.id)),
        ):
            with self.subTest(fields=fields, unit=unit):
                result = self.load(self.staff_a, [["新住户", unit, "owner"]], fields)
                self.assertFalse(result["ids"], result)
        self.assertFalse(self.unit_b1.occupancy_ids)

    def test_computed_and_guarded_columns_are_refused_or_recomputed(self):
        stranger = self.env["res.partner"].create({"name": "钱多多", "mobile": "139 5710 3003"})
        self.occupy(self.unit_b1, stranger)
        base = ["name", "mobile", "tenant_occupancy_ids/unit_id", "tenant_occupancy_ids/role"]
        for column, value in (
            ("tenant_occupancy_ids/state", "confirmed"),
            ("tenant_occupancy_ids/is_current", "1"),
            ("tenant_role", "owner"),
            ("phone_sanitized", "+8613957103003"),
        ):
            with self.subTest(column=column):
                self.load(
                    self.staff_a, [["钱多多", "13957103003", "1-1202", "tenant", value]], [*base, column]
                )
                link = stranger.tenant_occupancy_ids.filtered(lambda o: o.unit_id == self.unit_a2)
                self.assertFalse(link.is_current)
                self.assertNotEqual(link.state, "confirmed")


@tagged("post_install", "-at_install")
class TestSecurityImportMigration(TenantRelationsCase):
    def test_migration_writes_names_as_they_were_written(self):
        """The 18.0.1.6.0 migration reads the names of the English occupancy lines from their HTML,
        where ``&`` is escaped, and wrote them escaped twice ("King's &amp; Queen's" on the screen)."""
        load_chinese(self.env)
        self.env.company.partner_id.lang = "zh_CN"
        body = Markup("<p>%s</p>") % "Recorded as Owner of King's 1-101 (King's & Queen's) from 2019-08-18."
        log = self.env["mail.message"].create(
            {"model": "res.partner", "res_id": self.tenant.id, "message_type": "notification", "body": body}
        )
        self.assertIn("&amp;", str(log.body), "stored as 18.0.1.5.0 stored it: escaped once")
        migration_script("18.0.1.6.0", "post-words")._occupancy_logs(self.env)
        log.invalidate_recordset()
        self.assertNotIn("Recorded as", str(log.body))
        self.assertIn("1-101", str(log.body))
        self.assertIn("&amp; Queen", str(log.body), "escaped once, as any text of a message")
        self.assertNotIn("&amp;amp;", str(log.body))
        self.assertNotIn("&amp;#39;", str(log.body))
