# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The administrator brings the firm in (issue 13), in Chromium on the demo database as ``make run``
builds it: the residents from the firm's sheet (住户 → 导入记录 → the offered template, filled in and
uploaded), and a new property with its units from the property form; and a property manager adds a
unit to their own property from its form. A journey test (see journey_case.py)."""

from odoo.tests import tagged

from .journey_case import JourneyCase


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class TestJourneyImport(JourneyCase):
    def test_admin_imports_residents_from_the_template(self):
        Partner = self.env["res.partner"]
        self.assertFalse(Partner.search([("name", "in", ("林晓燕", "周子航"))]))
        self.start_tour(
            "/odoo/action-tenant_relations.res_partner_action_residents",
            "tenant_relations_journey_import_residents_tour",
            login="admin",
        )
        owner = Partner.search([("name", "=", "林晓燕")])
        relative = Partner.search([("name", "=", "周子航")])
        self.assertEqual(len(owner), 1)
        self.assertEqual(len(relative), 1)
        self.assertEqual(owner.phone_sanitized, "+8613957100001", "the mobile is Odoo's, sanitized")
        for partner, role in ((owner, "owner"), (relative, "resident")):
            occupancy = partner.tenant_occupancy_ids
            self.assertEqual(occupancy.unit_id.display_name, "翠湖花园 3-1801")
            self.assertEqual(occupancy.role, role)
            self.assertTrue(occupancy.is_current, "the administrator's import is a confirmed link")

    def test_admin_creates_a_property_with_its_units(self):
        self.start_tour(
            "/odoo/action-tenant_relations.tenant_property_action",
            "tenant_relations_journey_import_property_tour",
            login="admin",
        )
        prop = self.env["tenant.property"].search([("code", "=", "XYY")])
        self.assertEqual(prop.name, "西溪雅苑")
        self.assertEqual(sorted(prop.unit_ids.mapped("code")), ["5-101", "5-102"])

    def test_property_manager_adds_a_unit_to_their_property(self):
        demo = self.env.ref("base.user_demo")
        self.assertEqual(self.yqa.manager_id, demo, "demo manages 云栖公寓")
        self.assertFalse(self.env["tenant.property"].with_user(demo).has_access("write"))
        self.start_tour(
            "/odoo/action-tenant_relations.tenant_property_action",
            "tenant_relations_journey_import_manager_unit_tour",
            login="demo",
        )
        self.assertIn("B-0101", self.yqa.unit_ids.mapped("code"))
