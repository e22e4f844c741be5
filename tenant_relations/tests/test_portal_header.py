# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13: no "Your logo" placeholder on the residents' portal."""

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
