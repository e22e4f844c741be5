# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.wizard.base_partner_merge import MergePartnerAutomatic

from .common import TenantRelationsCase, portal_user

CONTACT_CHANGES = {
    "email": "attacker@example.com",
    "phone": "139-0000-3333",
    "mobile": "13900003333",
    "tz": "Europe/Paris",
    "lang": "en_US",
    "tenant_notification_consent": True,
    "tenant_data_consent": True,
    "tenant_wechat_id": "attacker",
}


@tagged("post_install", "-at_install")
class TestSecurityContacts(TenantRelationsCase):
    """A resident's contact is theirs and their staff's: Odoo's contact tools take none over."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner.write({"phone": "138-0000-9999", "lang": False})
        cls.occupancy = cls.occupy(cls.unit_a1, cls.owner)
        cls.ticket = (
            cls.env["tenant.ticket"]
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create({"name": "Leak", "unit_id": cls.unit_a1.id, "partner_id": cls.owner.id})
        )
        # Odoo's default "Contact Creation" right, without any Tenant Relations right.
        cls.contact_creator = new_test_user(
            cls.env, "contact_creator", groups="base.group_user,base.group_partner_manager"
        )
        cls.employee = new_test_user(cls.env, "plain_employee", groups="base.group_user")
        cls.accomplice = cls.env["res.partner"].create({"name": "Accomplice", "email": "wang@example.com"})
        cls.accomplice_user = portal_user(cls.env, "accomplice", cls.accomplice)
        cls.stranger = cls.env["res.partner"].create({"name": "Supplier", "email": "supplier@example.com"})
        # Staff and managers who also hold Odoo's "Contact Creation" right: the guard, not the
        # access rights, is what decides for them.
        for user in (cls.manager, cls.staff_a, cls.staff_b):
            user.groups_id |= cls.env.ref("base.group_partner_manager")

    def assertOwnerUnchanged(self):
        self.owner.invalidate_recordset()
        self.assertEqual(self.owner.email, "wang@example.com")
        self.assertEqual(self.owner.phone, "138-0000-9999")
        self.assertFalse(self.owner.tenant_data_consent)

    # Writing the contact details

    def test_contact_creator_cannot_change_a_residents_contact_details(self):
        for name, value in CONTACT_CHANGES.items():
            with self.subTest(field=name), self.assertRefused("王建国", AccessError):
                self.owner.with_user(self.contact_creator).write({name: value})
        self.assertOwnerUnchanged()

    def test_staff_of_another_property_cannot_change_them(self):
        with self.assertRefused("王建国", AccessError):
            self.owner.with_user(self.staff_b).write({"email": "attacker@example.com"})
        with self.assertRefused("王建国", AccessError):
            (self.owner | self.stranger).with_user(self.staff_b).write({"phone": "139-0000-3333"})
        self.assertOwnerUnchanged()

    def test_staff_of_the_property_managers_and_the_resident_may(self):
        self.owner.with_user(self.staff_a).write({"phone": "138-0000-1111", "tenant_data_consent": True})
        self.assertEqual(self.owner.phone, "138-0000-1111")
        self.owner.with_user(self.manager).write({"email": "wang.jianguo@example.com"})
        self.assertEqual(self.owner.email, "wang.jianguo@example.com")
        resident = portal_user(self.env, "owner_portal", self.owner)
        self.owner.with_user(resident)._tenant_check_contact_write()  # /my/account writes as sudo

    def test_staff_of_a_former_home_may_not(self):
        self.occupancy.move_out_date = "2024-06-30"
        with self.assertRefused("王建国", AccessError):
            self.owner.with_user(self.staff_a).write({"email": "attacker@example.com"})

    def test_other_fields_unchanged_values_and_other_contacts_are_free(self):
        as_creator = self.env["res.partner"].with_user(self.contact_creator)
        as_creator.browse(self.owner.id).write({"email": "wang@example.com", "function": "Engineer"})
        as_creator.browse(self.stranger.id).write({"email": "sales@supplier.example.com", "phone": "1"})
        self.assertEqual(self.stranger.email, "sales@supplier.example.com")
        created = as_creator.create({"name": "New", "email": "new@example.com"})
        created.write({"phone": "13900001111"})
        self.assertEqual(self.owner.function, "Engineer")

    def test_nobody_but_their_staff_puts_a_resident_under_another_contact(self):
        """Found by the red team on the demo: re-parented under an accomplice's company, a resident
        is read by the accomplice (Odoo's portal rule follows the commercial partner)."""
        company = self.env["res.partner"].create({"name": "Accomplice Ltd", "is_company": True})
        for user in (self.contact_creator, self.staff_b):
            with self.subTest(user=user.login), self.assertRefused("王建国", AccessError):
                self.owner.with_user(user).write({"parent_id": company.id})
            with self.subTest(user=user.login), self.assertRefused("王建国", AccessError):
                self.env["res.partner"].with_user(user).create(
                    {"name": "Child", "parent_id": self.owner.id, "email": "x@example.com"}
                )
            with self.subTest(user=user.login), self.assertRefused("王建国", AccessError):
                self.owner.with_user(user).write({"active": False})
        self.assertFalse(self.owner.parent_id)
        self.owner.with_user(self.staff_a).write({"parent_id": company.id})
        self.assertEqual(self.owner.parent_id, company)

    def test_computed_resident_fields_are_set_by_nobody(self):
        for name, value in (("tenant_role", "owner"), ("phone_sanitized", "+8613900003333")):
            with self.subTest(field=name), self.assertRaises(AccessError):
                self.stranger.with_user(self.staff_a).write({name: value})

    def test_contact_creator_and_staff_cannot_delete_a_resident(self):
        for user in (self.contact_creator, self.staff_a, self.staff_b):
            with self.subTest(user=user.login), self.assertRefused("王建国", AccessError):
                self.owner.with_user(user).unlink()
        self.assertTrue(self.occupancy.exists())
        self.stranger.with_user(self.contact_creator).unlink()
        self.assertFalse(self.stranger.exists())
        self.ticket.partner_id = False
        self.owner.with_user(self.manager).unlink()
        self.assertFalse(self.occupancy.exists())

    # The merge wizard

    def merge(self, user, partners, dst):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user)
            .create({"partner_ids": [(6, 0, partners.ids)], "dst_partner_id": dst.id})
        )
        with patch.object(
            MergePartnerAutomatic,
            "_update_foreign_keys",
            autospec=True,
            side_effect=MergePartnerAutomatic._update_foreign_keys,
        ) as moved:
            try:
                wizard.action_merge()
            finally:
                self.moved = moved.call_count

    def test_merge_of_a_resident_into_an_accomplice_is_refused_before_anything_moves(self):
        with self.assertRefused("王建国", AccessError):
            self.merge(self.contact_creator, self.owner | self.accomplice, self.accomplice)
        self.assertEqual(self.moved, 0, "no foreign key was moved")
        self.assertTrue(self.owner.exists())
        self.assertEqual(self.occupancy.partner_id, self.owner)
        self.assertEqual(self.ticket.partner_id, self.owner)
        self.assertEqual(self.accomplice_user.partner_id, self.accomplice)

    def test_merge_of_an_accomplice_into_a_resident_is_refused(self):
        """The accomplice's portal login would follow onto the resident's contact."""
        with self.assertRefused("王建国", AccessError):
            self.merge(self.contact_creator, self.owner | self.accomplice, self.owner)
        self.assertEqual(self.moved, 0)
        self.assertEqual(self.accomplice_user.partner_id, self.accomplice)

    def test_staff_of_the_property_may_not_merge_residents_either(self):
        with self.assertRefused("王建国", AccessError):
            self.merge(self.staff_a, self.owner | self.accomplice, self.accomplice)
        self.assertEqual(self.moved, 0)

    def test_manager_merges_a_duplicate_resident(self):
        duplicate = self.env["res.partner"].create({"name": "王建国 (dup)", "email": "wang@example.com"})
        self.occupy(self.unit_b1, duplicate)
        self.merge(self.manager, self.owner | duplicate, self.owner)
        self.assertEqual(self.moved, 1)
        self.assertFalse(duplicate.exists())
        self.assertEqual(self.owner.tenant_occupancy_ids.unit_id, self.unit_a1 | self.unit_b1)

    def test_manager_needs_write_access_on_what_would_move(self):
        other_company = self.env["res.company"].create({"name": "Other Firm"})
        property_c = self.env["tenant.property"].create(
            {"name": "Far Away", "code": "FAR", "company_id": other_company.id}
        )
        unit_c = self.env["tenant.unit"].create({"property_id": property_c.id, "number": "1", "code": "F-1"})
        duplicate = self.env["res.partner"].create({"name": "王建国 (dup)", "email": "wang@example.com"})
        self.occupy(unit_c, duplicate)
        with self.assertRaises(AccessError):
            self.merge(self.manager, self.owner | duplicate, self.owner)
        self.assertEqual(self.moved, 0)
        self.assertTrue(duplicate.exists())

    def test_contacts_holding_no_resident_data_merge_as_in_odoo(self):
        duplicate = self.env["res.partner"].create({"name": "Supplier", "email": "supplier@example.com"})
        self.merge(self.contact_creator, self.stranger | duplicate, self.stranger)
        self.assertFalse(duplicate.exists())

    # The portal wizard

    def portal_wizard_line(self, user, partner):
        wizard = self.env["portal.wizard"].with_user(user).create({"partner_ids": [(6, 0, partner.ids)]})
        return wizard.user_ids

    def test_contact_creator_cannot_grant_a_resident_portal_access(self):
        line = self.portal_wizard_line(self.contact_creator, self.owner)
        with self.assertRefused("王建国", AccessError):
            line.action_grant_access()
        self.assertFalse(self.owner.with_context(active_test=False).user_ids)
        line = self.portal_wizard_line(self.contact_creator, self.owner)
        line.email = "attacker@example.com"
        with self.assertRefused("王建国", AccessError):
            line.action_grant_access()
        self.assertOwnerUnchanged()

    def test_contact_creator_cannot_reinvite_or_revoke_a_resident(self):
        portal_user(self.env, "owner_portal", self.owner)  # renames the contact to its login
        line = self.portal_wizard_line(self.contact_creator, self.owner)
        with self.assertRefused("owner_portal", AccessError):
            line.action_invite_again()
        with self.assertRefused("owner_portal", AccessError):
            line.action_revoke_access()

    def test_manager_grants_portal_access(self):
        self.portal_wizard_line(self.manager, self.owner).action_grant_access()
        self.assertTrue(self.owner.user_ids._is_portal())

    def test_portal_access_for_other_contacts_as_in_odoo(self):
        self.portal_wizard_line(self.contact_creator, self.stranger).action_grant_access()
        self.assertTrue(self.stranger.user_ids._is_portal())

    # Side fields and search

    def test_employees_search_contacts_by_phone_without_tenant_relations_rights(self):
        for user in (self.employee, self.contact_creator):
            Partner = self.env["res.partner"].with_user(user)
            self.assertFalse(Partner.name_search("139-0000-3333"))
            self.assertEqual(Partner.name_search("王建国")[0][0], self.owner.id)
            self.assertFalse(Partner.name_search("1-1201"))
        # Tenant Relations staff still find the caller by the number as typed, or by the unit.
        Partner = self.env["res.partner"].with_user(self.staff_a)
        self.assertIn(self.owner.id, [pid for pid, _name in Partner.name_search("138 0000 9999")])
        self.assertIn(self.owner.id, [pid for pid, _name in Partner.name_search("1-1201")])

    def test_side_fields_are_for_tenant_relations_users(self):
        fields = ["tenant_role", "tenant_points"]
        for user in (self.employee, self.contact_creator):
            Partner = self.env["res.partner"].with_user(user)
            self.assertFalse(set(fields) & set(Partner.fields_get()))
            for name in fields:
                with self.subTest(user=user.login, field=name), self.assertRaises(AccessError):
                    self.owner.with_user(user).read([name])
            with self.assertRaises(AccessError):
                Partner.search([("tenant_role", "=", "owner")])
            # The contact views still open for them.
            Partner.get_views([(False, "form"), (False, "list"), (False, "search"), (False, "kanban")])
        staff = self.owner.with_user(self.staff_a)
        self.assertEqual(staff.read(["tenant_role"])[0]["tenant_role"], "owner")

    # The registry

    def test_registry_lists_every_partner_field_of_tenant_models(self):
        registry = set(self.env["res.partner"]._tenant_personal_data_fields())
        # Not a resident's data: a transient wizard's choice, a profile's pointer to the referrer
        # (who holds the referral), the computed occupants of a unit.
        not_theirs = {
            ("tenant.profile", "referred_by_id"),
            ("tenant.unit", "occupant_ids"),
        }
        missing = (
            {
                (model._name, name)
                for model in self.env.registry.values()
                if model._name.startswith("tenant.") and not model._transient and not model._abstract
                for name, field in model._fields.items()
                if field.type in ("many2one", "many2many")
                and field.comodel_name == "res.partner"
                and field.store
                and not field.related
                and name not in ("create_uid", "write_uid", "message_partner_ids")
            }
            - registry
            - not_theirs
        )
        self.assertFalse(missing, "tenant models holding partners must be in _tenant_personal_data_fields")
        for model_name, field_name in registry:
            self.assertIn(field_name, self.env[model_name]._fields, model_name)

    def test_holds_data_finds_residents_only(self):
        Partner = self.env["res.partner"]
        self.assertEqual((self.owner | self.stranger | self.accomplice)._tenant_holds_data(), self.owner)
        self.assertFalse(Partner.browse()._tenant_holds_data())
        reporter = Partner.create({"name": "Caller"})
        self.env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True).create(
            {"name": "Noise", "unit_id": self.unit_b1.id, "partner_id": reporter.id}
        )
        self.assertEqual((reporter | self.stranger)._tenant_holds_data(), reporter)
