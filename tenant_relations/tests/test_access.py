# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import TenantRelationsCase


@tagged("post_install", "-at_install")
class TestAccess(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occ_owner = cls.occupy(cls.unit_a1, cls.owner)
        cls.occ_tenant = cls.occupy(cls.unit_b1, cls.tenant, role="tenant")
        cls.portal_owner = new_test_user(
            cls.env, "tr_portal_owner", groups="base.group_portal", partner_id=cls.owner.id
        )

    def assertEachRefused(self, *attempts):
        """Each attempt (a call without arguments) is refused with an AccessError, each on its own:
        the list reads as the rule's promise."""
        for attempt in attempts:
            with self.subTest(attempt=attempt), self.assertRaises(AccessError):
                attempt()

    def test_staff_see_only_their_properties(self):
        Unit = self.env["tenant.unit"]
        self.assertEqual(Unit.with_user(self.staff_a).search([]), self.unit_a1 | self.unit_a2)
        self.assertEqual(Unit.with_user(self.staff_b).search([]), self.unit_b1)
        self.assertEqual(self.env["tenant.property"].with_user(self.staff_b).search([]), self.property_b)
        self.assertEachRefused(
            lambda: self.unit_b1.with_user(self.staff_a).read(["code"]),
            lambda: self.occ_tenant.with_user(self.staff_a).read(["partner_id"]),
            lambda: self.unit_a1.with_user(self.staff_b).write({"area": 10}),
        )

    def test_staff_cannot_create_properties(self):
        with self.assertRaises(AccessError):
            self.env["tenant.property"].with_user(self.staff_a).create({"name": "X", "code": "X"})

    def test_manager_sees_everything(self):
        units = self.env["tenant.unit"].with_user(self.manager).search([])
        self.assertLessEqual(self.unit_a1 | self.unit_a2 | self.unit_b1, units)
        self.env["tenant.property"].with_user(self.manager).create({"name": "New", "code": "NEW"})

    def test_portal_sees_only_own(self):
        Unit = self.env["tenant.unit"].with_user(self.portal_owner)
        self.assertEqual(Unit.search([]), self.unit_a1)
        self.assertEqual(self.env["tenant.occupancy"].with_user(self.portal_owner).search([]), self.occ_owner)
        self.assertEqual(self.env["tenant.property"].with_user(self.portal_owner).search([]), self.property_a)
        Occupancy = self.env["tenant.occupancy"].with_user(self.portal_owner)
        self.assertEachRefused(
            lambda: self.unit_b1.with_user(self.portal_owner).read(["code"]),
            lambda: self.occ_tenant.with_user(self.portal_owner).read(["partner_id"]),
            lambda: self.unit_a1.with_user(self.portal_owner).write({"area": 1}),
            lambda: Occupancy.create({"unit_id": self.unit_a2.id, "partner_id": self.owner.id}),
        )

    def test_portal_reads_own_profile_not_others(self):
        me = self.owner.with_user(self.portal_owner)
        self.assertEqual(me.read(["name"])[0]["name"], self.owner.name)
        # The resident role is for Tenant Relations users, the resident's own included.
        for partner in (self.owner, self.tenant):
            with self.assertRaises(AccessError):
                partner.with_user(self.portal_owner).read(["tenant_role"])

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other Property Co."})
        prop = self.env["tenant.property"].create(
            {"name": "Elsewhere", "code": "ELS", "company_id": other.id}
        )
        unit = self.env["tenant.unit"].create({"property_id": prop.id, "number": "1", "code": "1"})
        self.assertEqual(unit.company_id, other)
        self.assertNotIn(prop, self.env["tenant.property"].with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            unit.with_user(self.manager).read(["code"])
