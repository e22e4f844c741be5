# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13: no "Your logo" placeholder on the residents' portal, nor on the feedback box."""

from odoo.tests import tagged

from .common import PortalCase, portal_user


@tagged("post_install", "-at_install")
class TestPortalHeader(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls.env["res.partner"].create({"name": "Resident", "email": "resident@example.com"})
        portal_user(cls.env, "header_resident", cls.resident)

    def test_firm_without_logo_shown_by_name(self):
        company = self.env.company
        company.write({"logo": False, "name": "翠湖物业"})
        self.assertTrue(company.uses_default_logo)
        self.authenticate("header_resident", "header_resident")
        page = self.url_open("/my").text
        self.assertIn("o_tenant_company_name", page)
        self.assertIn("翠湖物业", page)
        self.assertNotIn("/logo.png?company=", page, "no placeholder logo")

    def test_feedback_box_shows_the_firm_by_name_without_a_logo(self):
        """The poster's QR code opens the anonymous box: headed by the firm's name, not by Odoo's
        "Your logo" picture (inline there, as the page loads nothing from the database)."""
        company = self.env.company
        # As a new database has it: Odoo's placeholder picture stored as the logo.
        company.write({"logo": company._get_logo(), "name": "翠湖物业"})
        self.assertTrue(company.uses_default_logo and company.logo_web)
        prop = self.env["tenant.property"].create({"name": "翠湖花园", "code": "CHG-LOGO"})
        page = self.url_open(f"/feedback/{prop.code}").text
        self.assertIn("o_tenant_feedback_firm", page)
        self.assertIn("翠湖物业", page)
        self.assertNotIn("o_tenant_feedback_logo", page, "no placeholder logo")
