# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Phone numbers the Odoo way: sanitized in E.164 by phone_validation in the contact's country,
else its company's; matched whatever their formatting; an impossible one flagged where it is read."""

from odoo.tests import tagged

from .common import TicketCase, migration_script


@tagged("post_install", "-at_install")
class TestPhoneNumbers(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        cls.landline = cls.env["res.partner"].create({"name": "钱固话", "phone": "0571-8888 8888"})
        cls.mobile = cls.env["res.partner"].create({"name": "孙手机", "mobile": "138 0571 2301"})
        cls.occupy(cls.unit_a1, cls.landline)
        cls.occupy(cls.unit_a2, cls.mobile, role="tenant")

    def find(self, query):
        Partner = self.env["res.partner"].with_user(self.staff_a)
        return Partner.browse(pid for pid, _name in Partner.name_search(query, limit=20))

    def test_hangzhou_landline_is_sanitized_and_found_as_typed(self):
        self.assertEqual(self.landline.phone_sanitized, "+8657188888888")
        for typed in (
            "0571-8888 8888",
            "0571 88888888",
            "(0571) 8888-8888",
            "+86 571 8888 8888",
            "0086 571 8888 8888",
            "86 571 8888 8888",
            "8888 8888",
        ):
            self.assertEqual(self.find(typed), self.landline, typed)
        self.assertFalse(self.find("0571-8888 8887"))
        self.assertFalse(self.landline.tenant_phone_warning)

    def test_plus_86_mobile_is_found_in_every_format(self):
        self.assertEqual(self.mobile.phone_sanitized, "+8613805712301")
        for typed in (
            "138 0571 2301",
            "138-0571-2301",
            "+86 138-0571-2301",
            "+86 13805712301",
            "0086 138 0571 2301",
            "8613805712301",
            "１３８ ０５７１ ２３０１",  # full-width digits, as a Chinese input method types them
            "0571 2301",
            "０５７１ ２３０１",
        ):
            self.assertEqual(self.find(typed), self.mobile, typed)
        # Stored as +86 or in full-width digits, found as said on the phone.
        self.mobile.mobile = "+86 138-0571-2301"
        self.assertEqual(self.find("138 0571 2301"), self.mobile)
        self.mobile.mobile = "１３８０５７１２３０１"
        self.assertEqual(self.mobile.phone_sanitized, "+8613805712301")
        self.assertEqual(self.find("138 0571 2301"), self.mobile)

    def test_impossible_number_is_flagged_on_the_contact_and_the_ticket(self):
        self.mobile.mobile = "138 0571 230"  # a digit short
        self.assertFalse(self.mobile.phone_sanitized)
        warning = self.mobile.with_user(self.staff_a).tenant_phone_warning
        self.assertIn("138 0571 230", warning)
        with self.ticket_form() as form:
            form.name = "门禁卡失灵"
            form.partner_id = self.mobile
            self.assertIn("138 0571 230", form.partner_phone_warning)
            form.partner_phone = "138 0571 2301"  # the caller gives it again
            self.assertFalse(form.partner_phone_warning)
        self.assertFalse(self.landline.tenant_phone_warning)
        # Both forms show it.
        for model, name in (
            ("res.partner", "tenant_phone_warning"),
            ("tenant.ticket", "partner_phone_warning"),
        ):
            arch = (
                self.env[model].with_user(self.staff_a).get_views([(False, "form")])["views"]["form"]["arch"]
            )
            self.assertIn(f'name="{name}"', arch, model)

    def test_country_from_the_contact_else_its_company_else_the_current_company(self):
        hong_kong = self.env.ref("base.hk")
        hk_company = self.env["res.company"].create({"name": "港岛物业", "country_id": hong_kong.id})
        Partner = self.env["res.partner"]
        in_hk = Partner.create({"name": "陈港人", "mobile": "9123 4567", "country_id": hong_kong.id})
        of_hk_company = Partner.create({"name": "何公司", "mobile": "9123 4568", "company_id": hk_company.id})
        no_country = Partner.create({"name": "周无国", "mobile": "139 5818 2338"})
        self.assertEqual(in_hk.phone_sanitized, "+85291234567")
        self.assertEqual(
            of_hk_company.phone_sanitized, "+85291234568", "the contact's company, not the user's"
        )
        self.assertEqual(no_country.phone_sanitized, "+8613958182338", "the current company: China")
        # A contact moved to another company is read in that company's country.
        no_country.write({"company_id": hk_company.id, "mobile": "9123 4569"})
        self.assertEqual(no_country.phone_sanitized, "+85291234569")
        # Neither the contact nor any company names a country: the firms are Chinese.
        self.env.company.country_id = False
        nowhere = Partner.create({"name": "吴无处", "mobile": "139 5818 2339"})
        self.assertEqual(nowhere.phone_sanitized, "+8613958182339")

    def test_migration_sanitizes_numbers_stored_as_typed(self):
        """A database without phonenumbers held the number as typed in phone_sanitized."""
        migration = migration_script("18.0.1.5.0", "post-phone")
        no_phone = self.env["res.partner"].create({"name": "无号码"})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET phone_sanitized = phone WHERE id = %s", [self.landline.id]
        )
        self.env.cr.execute(
            "UPDATE res_partner SET phone_sanitized = '138 0571 2301' WHERE id = %s", [no_phone.id]
        )
        self.env.invalidate_all()
        self.assertEqual(self.landline.phone_sanitized, "0571-8888 8888")
        migration.migrate(self.env.cr, "18.0.1.4.0")
        self.assertEqual(self.landline.phone_sanitized, "+8657188888888")
        self.assertFalse(no_phone.phone_sanitized, "a stale number of a contact without one goes")
        self.assertEqual(self.find("0571 8888 8888"), self.landline)
