# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        prop = cls.env["tenant.property"].create({"name": "翠湖花园", "code": "CHG"})
        unit = cls.env["tenant.unit"].create(
            {"property_id": prop.id, "building": "1栋", "number": "1201", "code": "1-1201"}
        )
        partner = cls.env["res.partner"].create({"name": "王建国"})
        cls.env["tenant.occupancy"].create({"unit_id": unit.id, "partner_id": partner.id, "role": "owner"})

    def test_browse_properties_units_residents(self):
        self.start_tour("/odoo", "tenant_relations_browse_tour", login="admin")
