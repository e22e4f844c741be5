# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 9, finding 4: the residents' sensitive profile (health, family, vehicles, emergency
contacts) is read and changed only by the staff of the property where they live, and managers."""

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, JsonRpcException, new_test_user, tagged
from odoo.tools import SQL, mute_logger
from odoo.tools.sql import column_exists, table_exists

from .common import (
    PortalCase,
    TenantRelationsCase,
    call_kw,
    migration_script,
    portal_user,
    property_unit,
    resident,
    staff_user,
)

# The profile fields the contact had before 18.0.1.4.0: none of them may be left on it.
OLD_PARTNER_FIELDS = (
    "tenant_household_size",
    "tenant_emergency_contact",
    "tenant_emergency_phone",
    "tenant_is_elderly",
    "tenant_has_disability",
    "tenant_has_pets",
    "tenant_vehicle_plates",
    "tenant_special_needs",
    "tenant_interests",
    "tenant_referred_by_id",
    "tenant_last_review_date",
    "tenant_next_review_date",
    "tenant_review_due",
)
EXPORT = "base.group_allow_export"
SECRET = "患有高血压，家中备有急救药品"
PLATE = "浙A·3K892"


@tagged("post_install", "-at_install")
class TestProfilePrivacy(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_a2, cls.tenant, role="tenant", move_out="2024-06-30")  # moved out
        cls.member = cls.env["res.partner"].create({"name": "王小明"})
        cls.occupy(cls.unit_a1, cls.member, role="resident")
        Profile = cls.env["tenant.profile"]
        cls.profile = Profile.create(
            {
                "partner_id": cls.owner.id,
                "special_needs": SECRET,
                "vehicle_plates": PLATE,
                "is_elderly": True,
                "has_disability": True,
                "emergency_contact": "李秀英（配偶）",
                "emergency_phone": "139 5818 2338",
                "household_size": 2,
            }
        )
        cls.former_profile = Profile.create({"partner_id": cls.tenant.id, "special_needs": SECRET})
        # An employee with Odoo's default rights on contacts (create and edit) but no Tenant
        # Relations rights.
        cls.employee = new_test_user(
            cls.env, "tr_employee", groups="base.group_user,base.group_partner_manager"
        )
        cls.company_2 = cls.env["res.company"].create({"name": "Other Property Co."})
        # Staff of property A too, but working for another company only.
        cls.staff_c2 = staff_user(cls.env, "tr_staff_c2", company=cls.company_2)
        cls.property_a.user_ids = [Command.link(cls.staff_c2.id)]
        cls.portal_owner = portal_user(cls.env, "tr_portal_owner", cls.owner, name="王建国")
        # Odoo's export right, which internal users have by default: the rules are what refuse.
        export = cls.env.ref(EXPORT)
        (cls.employee | cls.staff_a | cls.staff_b | cls.staff_c2).groups_id = [Command.link(export.id)]

    def assertProfileUnchanged(self):
        self.env.invalidate_all()
        self.assertEqual(self.profile.special_needs, SECRET)
        self.assertEqual(self.profile.vehicle_plates, PLATE)
        self.assertTrue(self.profile.exists())

    def assertAllRefused(self, user, invisible=False):
        """Every way to the profile fails for this user, and nothing is changed.

        With ``invisible``, the user has access rights on profiles (staff) and the rules hide
        this one: searches find nothing; otherwise (no access right) every call is refused.
        """
        Profile = self.env["tenant.profile"].with_user(user)
        profile = self.profile.with_user(user)
        self.assertFalse(Profile.env.su)
        searches = {
            "search_read": lambda: Profile.search_read([("id", "=", self.profile.id)], ["special_needs"]),
            "search": lambda: Profile.search([("special_needs", "ilike", "高血压")]),
            "search_count": lambda: Profile.search_count([("vehicle_plates", "=", PLATE)]),
            "read_group": lambda: Profile.read_group(
                [("is_elderly", "=", True)], ["household_size:sum"], ["is_elderly"]
            ),
            "name_search": lambda: Profile.name_search(self.owner.name),
        }
        changes = {
            "read": lambda: profile.read(["special_needs"]),
            "export_data": lambda: profile.export_data(["special_needs", "vehicle_plates"]),
            "write": lambda: profile.write({"special_needs": "changed"}),
            "unlink": lambda: profile.unlink(),
            "create": lambda: Profile.create({"partner_id": self.member.id, "special_needs": "x"}),
        }
        for name, attempt in searches.items():
            with self.subTest(user=user.login, operation=name):
                if invisible:
                    self.assertFalse(attempt())
                else:
                    with self.assertRaises(AccessError):
                        attempt()
        for name, attempt in changes.items():
            # Without Odoo's export right, export_data stops earlier, with a UserError.
            refusal = UserError if name == "export_data" and not user.has_group(EXPORT) else AccessError
            with self.subTest(user=user.login, operation=name), self.assertRaises(refusal):
                attempt()
        self.assertProfileUnchanged()
        self.assertFalse(self.env["tenant.profile"].search([("partner_id", "=", self.member.id)]))

    def test_contact_no_longer_holds_the_profile(self):
        Partner = self.env["res.partner"]
        for name in OLD_PARTNER_FIELDS:
            self.assertNotIn(name, Partner._fields)
        as_employee = self.owner.with_user(self.employee)
        with self.assertRaises(ValueError):
            as_employee.read(["tenant_special_needs"])
        with self.assertRaises(ValueError):
            as_employee.write({"tenant_special_needs": "changed"})
        with self.assertRaises(ValueError):
            Partner.with_user(self.employee).search([("tenant_vehicle_plates", "ilike", "浙A")])

    def test_employee_without_tenant_relations_rights(self):
        self.assertAllRefused(self.employee)
        # Nor through the contact, which they may read and edit.
        as_employee = self.owner.with_user(self.employee)
        Partner = self.env["res.partner"].with_user(self.employee)
        self.assertNotIn("tenant_profile_ids", Partner.fields_get())
        with self.assertRaises(AccessError):
            as_employee.read(["tenant_profile_ids"])
        with self.assertRaises(AccessError):
            Partner.search([("tenant_profile_ids.special_needs", "ilike", "高血压")])
        with self.assertRaises(AccessError):
            as_employee.export_data(["name", "tenant_profile_ids/special_needs"])
        with self.assertRaises(AccessError):
            as_employee.write(
                {"tenant_profile_ids": [Command.update(self.profile.id, {"special_needs": "x"})]}
            )
        with self.assertRaises(AccessError):
            self.member.with_user(self.employee).write(
                {"tenant_profile_ids": [Command.create({"special_needs": "x"})]}
            )
        self.assertProfileUnchanged()
        # The everyday contact fields stay readable, as other features need them.
        self.assertEqual(as_employee.name, "王建国")

    def test_staff_of_another_property(self):
        self.assertAllRefused(self.staff_b, invisible=True)
        Profile = self.env["tenant.profile"].with_user(self.staff_b)
        self.assertFalse(Profile.search([]))
        self.assertFalse(Profile.search_read([], ["special_needs"]))
        self.assertFalse(Profile.search_count([("special_needs", "ilike", "高血压")]))
        # The contact is no back door: the rules of the profile apply through it.
        Partner = self.env["res.partner"].with_user(self.staff_b)
        self.assertFalse(Partner.search([("tenant_profile_ids.special_needs", "ilike", "高血压")]))
        self.assertFalse(Partner.search([("tenant_profile_ids.is_elderly", "=", True)]))
        self.assertFalse(self.owner.with_user(self.staff_b).tenant_profile_ids)
        exported = self.owner.with_user(self.staff_b).export_data(
            ["name", "tenant_profile_ids/special_needs"]
        )
        self.assertNotIn(SECRET, str(exported))

    def test_staff_of_the_property_in_another_company(self):
        self.assertAllRefused(self.staff_c2, invisible=True)
        self.assertFalse(self.env["tenant.profile"].with_user(self.staff_c2).search([]))

    def test_portal_resident_cannot_read_even_their_own(self):
        """The profile is the firm's record about them, kept for staff: no portal access right."""
        self.assertAllRefused(self.portal_owner)
        me = self.owner.with_user(self.portal_owner)
        with self.assertRaises(AccessError):
            me.read(["tenant_profile_ids"])
        # Nor their role: who lives where is for Tenant Relations users (the portal shows their
        # homes from their occupancies).
        with self.assertRaises(AccessError):
            me.read(["tenant_role"])

    def test_staff_of_the_property_read_and_edit(self):
        Profile = self.env["tenant.profile"].with_user(self.staff_a)
        self.assertFalse(Profile.env.su)
        self.assertEqual(Profile.search([("special_needs", "ilike", "高血压")]), self.profile)
        self.assertEqual(
            self.profile.with_user(self.staff_a).read(["special_needs"])[0]["special_needs"], SECRET
        )
        self.profile.with_user(self.staff_a).write({"vehicle_plates": "浙A·52N81"})
        self.assertEqual(self.profile.vehicle_plates, "浙A·52N81")
        member_profile = Profile.create({"partner_id": self.member.id, "is_elderly": True})
        self.assertEqual(member_profile.company_id, self.property_a.company_id)
        self.assertEqual(self.owner.with_user(self.staff_a).tenant_profile_ids, self.profile)
        with self.assertRaises(AccessError):
            member_profile.unlink()  # deleting is the manager's
        # The button on the contact opens the resident's profile.
        action = self.owner.with_user(self.staff_a).action_tenant_view_profile()
        self.assertEqual((action["res_model"], action["res_id"]), ("tenant.profile", self.profile.id))

    def test_changes_are_audited_for_those_who_read_the_profile(self):
        """Who changed a health note, when, from what to what: in the profile's chatter, which
        staff of other properties and plain employees cannot read."""
        # The test classes switch tracking off for speed; the product has it on.
        as_staff = self.profile.with_user(self.staff_a).with_context(tracking_disable=False)
        as_staff.write({"special_needs": "需要轮椅通道", "has_disability": False})
        # Tracking is written when the transaction commits, as Odoo's own mail tests do.
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.profile.invalidate_recordset(["message_ids"])
        tracking = self.profile.message_ids.filtered("tracking_value_ids")[:1]
        self.assertEqual(tracking.author_id, self.staff_a.partner_id)
        changes = {
            value.field_id.name: (
                value.old_value_text or value.old_value_integer,
                value.new_value_text or value.new_value_integer,
            )
            for value in tracking.sudo().tracking_value_ids
        }
        self.assertEqual(changes["special_needs"], (SECRET, "需要轮椅通道"))
        self.assertEqual(changes["has_disability"], (1, 0))
        self.assertEqual(
            self.profile.with_user(self.staff_a).message_ids.filtered("tracking_value_ids")[:1], tracking
        )
        domain = [("model", "=", "tenant.profile"), ("res_id", "=", self.profile.id)]
        for user in (self.staff_b, self.staff_c2, self.employee, self.portal_owner):
            with self.subTest(user=user.login):
                self.assertFalse(self.env["mail.message"].with_user(user).search(domain))
                with self.assertRaises(AccessError):
                    tracking.with_user(user).read(["body", "tracking_value_ids"])

    def test_consent_changes_are_audited(self):
        """Consents stay on the contact (notices and greetings are sent by them); who recorded or
        withdrew one, and when, shows in the contact's chatter."""
        self.owner.tenant_data_consent = True
        # Consents are recorded by the resident's staff (an employee without Tenant Relations
        # rights may not change them: see test_security_contacts.py).
        self.staff_a.groups_id |= self.env.ref("base.group_partner_manager")
        as_staff = self.owner.with_user(self.staff_a).with_context(tracking_disable=False)
        as_staff.write({"tenant_data_consent": False})
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.owner.invalidate_recordset(["message_ids"])
        tracking = self.owner.message_ids.filtered("tracking_value_ids")[:1]
        self.assertEqual(tracking.author_id, self.staff_a.partner_id)
        value = tracking.sudo().tracking_value_ids
        self.assertEqual(value.field_id.name, "tenant_data_consent")
        self.assertEqual((value.old_value_integer, value.new_value_integer), (1, 0))

    def test_contact_form_shows_the_profile_to_staff_only(self):
        def form_arch(user):
            return (
                self.env["res.partner"].with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
            )

        self.assertNotIn("action_tenant_view_profile", form_arch(self.employee))
        self.assertIn("action_tenant_view_profile", form_arch(self.staff_a))
        # Staff fill a new resident's profile from the form the button opens.
        action = self.member.with_user(self.staff_a).action_tenant_view_profile()
        self.assertFalse(action["res_id"])
        Profile = self.env["tenant.profile"].with_user(self.staff_a).with_context(**action["context"])
        with Form(Profile) as form:
            form.special_needs = "行动不便，使用轮椅"
            form.is_elderly = True
        self.assertRecordValues(form.record, [{"partner_id": self.member.id, "is_elderly": True}])

    def test_staff_cannot_move_a_profile_out_of_their_reach(self):
        """Rules hold after a write too: a profile cannot be handed to a person or company that
        its writer may not see (which would also plant notes on another property's resident)."""
        someone_of_b = self.env["res.partner"].create({"name": "Resident of B"})
        self.occupy(self.unit_b1, someone_of_b)
        profile = self.profile.with_user(self.staff_a)
        for vals in ({"partner_id": someone_of_b.id}, {"company_id": self.company_2.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                profile.write(vals)
        self.assertEqual((self.profile.partner_id, self.profile.company_id), (self.owner, self.env.company))
        with self.assertRaises(AccessError):
            self.env["tenant.profile"].with_user(self.staff_a).create({"partner_id": someone_of_b.id})
        self.assertProfileUnchanged()

    def test_moved_out_resident_left_to_managers(self):
        """Once they moved out, the property's staff no longer read their profile; managers do."""
        self.assertNotIn(self.former_profile, self.env["tenant.profile"].with_user(self.staff_a).search([]))
        with self.assertRaises(AccessError):
            self.former_profile.with_user(self.staff_a).read(["special_needs"])
        as_manager = self.env["tenant.profile"].with_user(self.manager)
        self.assertEqual(as_manager.search([]), self.profile | self.former_profile)
        self.former_profile.with_user(self.manager).unlink()
        self.assertFalse(self.former_profile.exists())

    def test_moving_in_opens_the_profile_to_the_new_staff(self):
        """The rule follows the occupancy: a resident moving to property B is B's staff's now."""
        Profile = self.env["tenant.profile"]
        self.assertFalse(Profile.with_user(self.staff_b).search([("id", "=", self.profile.id)]))
        self.occupy(self.unit_b1, self.owner, move_in="2024-07-01")
        self.assertEqual(Profile.with_user(self.staff_b).search([("id", "=", self.profile.id)]), self.profile)

    @mute_logger("odoo.sql_db")
    def test_one_profile_per_resident(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["tenant.profile"].create({"partner_id": self.owner.id})


@tagged("post_install", "-at_install")
class TestProfilePrivacyRpc(PortalCase):
    """The same refusals through the browser's JSON-RPC, as an attacker would try them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = staff_user(cls.env, "tr_rpc_staff")
        cls.other_staff = staff_user(cls.env, "tr_rpc_other")
        cls.employee = new_test_user(
            cls.env, "tr_rpc_employee", groups="base.group_user,base.group_partner_manager"
        )
        unit = property_unit(cls.env, "GL", "1-201", "201", name="Green Lake", user_ids=cls.staff.ids)
        cls.env["tenant.property"].create({"name": "Cloud", "code": "CL", "user_ids": cls.other_staff.ids})
        cls.resident = resident(cls.env, unit, "王建国", "wang@example.com")
        cls.portal = portal_user(cls.env, "tr_rpc_portal", cls.resident, name="王建国")
        cls.profile = cls.env["tenant.profile"].create(
            {"partner_id": cls.resident.id, "special_needs": SECRET, "vehicle_plates": PLATE}
        )

    def rpc(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw", {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        )

    def assertRpcRefused(self):
        attempts = [
            ("tenant.profile", "read", [self.profile.ids, ["special_needs"]]),
            ("tenant.profile", "search_read", [[("special_needs", "ilike", "高血压")], ["special_needs"]]),
            ("tenant.profile", "export_data", [self.profile.ids, ["special_needs"]]),
            ("tenant.profile", "write", [self.profile.ids, {"special_needs": "changed"}]),
            ("res.partner", "read", [self.resident.ids, ["tenant_profile_ids"]]),
        ]
        for model, method, args in attempts:
            with self.subTest(model=model, method=method), self.assertRaises(JsonRpcException):
                self.rpc(model, method, args)
        self.env.invalidate_all()
        self.assertEqual(self.profile.special_needs, SECRET)

    def test_employee_refused(self):
        self.authenticate(self.employee.login, self.employee.login)
        self.assertRpcRefused()
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):  # an invalid field
            self.rpc("res.partner", "search_read", [[("tenant_special_needs", "ilike", "高血压")], ["name"]])

    def test_portal_resident_refused(self):
        self.authenticate(self.portal.login, self.portal.login)
        self.assertRpcRefused()

    def test_staff_of_another_property_see_nothing(self):
        self.authenticate(self.other_staff.login, self.other_staff.login)
        self.assertFalse(call_kw(self, "tenant.profile", "search_read", [], ["special_needs"]))
        found = self.rpc(
            "res.partner",
            "search_read",
            [[("tenant_profile_ids.special_needs", "ilike", "高血压")], ["name"]],
        )
        self.assertFalse(found)
        with self.assertRaises(JsonRpcException):
            self.rpc("tenant.profile", "write", [self.profile.ids, {"special_needs": "changed"}])
        self.env.invalidate_all()
        self.assertEqual(self.profile.special_needs, SECRET)

    def test_staff_of_the_property_read_and_edit(self):
        self.authenticate(self.staff.login, self.staff.login)
        rows = call_kw(self, "tenant.profile", "search_read", [], ["special_needs", "vehicle_plates"])
        self.assertEqual([(r["special_needs"], r["vehicle_plates"]) for r in rows], [(SECRET, PLATE)])
        self.rpc("tenant.profile", "write", [self.profile.ids, {"vehicle_plates": "浙A·52N81"}])
        self.env.invalidate_all()
        self.assertEqual(self.profile.vehicle_plates, "浙A·52N81")


@tagged("post_install", "-at_install")
class TestProfileMigration(TenantRelationsCase):
    """18.0.1.4.0 moves the values of the old contact columns into profiles, and drops them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pre = migration_script("18.0.1.4.0", "pre-profile")
        cls.post = migration_script("18.0.1.4.0", "post-profile")

    def old_state(self):
        """The database as 18.0.1.3.0 left it: the profile in columns of res_partner, review
        activities on the contacts, the review's activity type and cron on res.partner."""
        cr = self.env.cr
        columns = {
            "tenant_household_size": "int4",
            "tenant_emergency_contact": "varchar",
            "tenant_emergency_phone": "varchar",
            "tenant_is_elderly": "bool",
            "tenant_has_disability": "bool",
            "tenant_has_pets": "bool",
            "tenant_vehicle_plates": "varchar",
            "tenant_special_needs": "text",
            "tenant_interests": "varchar",
            "tenant_referred_by_id": "int4",
            "tenant_last_review_date": "date",
        }
        for column, kind in columns.items():
            cr.execute(SQL("ALTER TABLE res_partner ADD COLUMN %s %s", SQL.identifier(column), SQL(kind)))
        self.occupy(self.unit_a1, self.owner)
        self.occupy(self.unit_b1, self.tenant, role="tenant")
        self.quiet, self.reviewed_only = self.env["res.partner"].create(
            [{"name": "无档案"}, {"name": "待回顾"}]
        )
        self.occupy(self.unit_a2, self.quiet)
        self.occupy(self.unit_a2, self.reviewed_only, role="resident")
        cr.execute(
            SQL(
                "UPDATE res_partner SET tenant_special_needs = %s, tenant_vehicle_plates = %s, "
                "tenant_household_size = 3, tenant_emergency_contact = '李秀英（配偶）', "
                "tenant_referred_by_id = %s, tenant_last_review_date = '2025-01-02' WHERE id = %s",
                SECRET,
                PLATE,
                self.tenant.id,
                self.owner.id,
            )
        )
        cr.execute(
            SQL(
                "UPDATE res_partner SET tenant_is_elderly = TRUE, tenant_has_disability = TRUE, "
                "tenant_emergency_contact = '  ' WHERE id = %s",
                self.tenant.id,
            )
        )
        # Empty values do not make a profile.
        cr.execute(
            SQL(
                "UPDATE res_partner SET tenant_household_size = 0, tenant_special_needs = '', "
                "tenant_is_elderly = FALSE WHERE id = %s",
                self.quiet.id,
            )
        )
        activity_type = self.env.ref("tenant_relations.mail_activity_type_profile_review")
        activity_type.res_model = "res.partner"
        self.env.ref("tenant_relations.ir_cron_plan_profile_reviews").model_id = self.env["ir.model"]._get(
            "res.partner"
        )
        self.activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.reviewed_only.id,
                "activity_type_id": activity_type.id,
                "user_id": self.staff_a.id,
            }
        )
        self.env.flush_all()

    def test_old_columns_become_profiles(self):
        self.old_state()
        self.pre.migrate(self.env.cr, "18.0.1.3.0")
        self.post.migrate(self.env.cr, "18.0.1.3.0")
        self.env.invalidate_all()
        Profile = self.env["tenant.profile"]
        profiles = Profile.search([])
        self.assertEqual(profiles.partner_id, self.owner | self.tenant | self.reviewed_only)
        owner = Profile.search([("partner_id", "=", self.owner.id)])
        self.assertRecordValues(
            owner,
            [
                {
                    "special_needs": SECRET,
                    "vehicle_plates": PLATE,
                    "household_size": 3,
                    "emergency_contact": "李秀英（配偶）",
                    "referred_by_id": self.tenant.id,
                    "is_elderly": False,
                    "company_id": self.env.company.id,
                }
            ],
        )
        self.assertEqual(str(owner.last_review_date), "2025-01-02")
        tenant = Profile.search([("partner_id", "=", self.tenant.id)])
        self.assertRecordValues(
            tenant, [{"is_elderly": True, "has_disability": True, "special_needs": False}]
        )
        # The open review activity follows the contact to their profile; type and cron too.
        reviewed = Profile.search([("partner_id", "=", self.reviewed_only.id)])
        self.assertEqual((self.activity.res_model, self.activity.res_id), ("tenant.profile", reviewed.id))
        self.assertEqual(self.activity.res_model_id.model, "tenant.profile")
        self.assertEqual(
            self.env.ref("tenant_relations.mail_activity_type_profile_review").res_model, "tenant.profile"
        )
        self.assertEqual(
            self.env.ref("tenant_relations.ir_cron_plan_profile_reviews").model_id.model, "tenant.profile"
        )
        # The old columns and the holding table are gone; the staff of B now read the tenant's.
        for column in self.pre.OLD_COLUMNS:
            self.assertFalse(column_exists(self.env.cr, "res_partner", column))
        self.assertFalse(table_exists(self.env.cr, self.pre.LEGACY_TABLE))
        self.assertEqual(Profile.with_user(self.staff_b).search([]), tenant)
        # Running it again changes nothing.
        self.pre.migrate(self.env.cr, "18.0.1.3.0")
        self.post.migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual(Profile.search([]), profiles)

    def test_nothing_to_do_on_a_new_database(self):
        self.pre.migrate(self.env.cr, "18.0.1.3.0")
        self.post.migrate(self.env.cr, "18.0.1.3.0")
        self.assertFalse(self.env["tenant.profile"].search([]))
