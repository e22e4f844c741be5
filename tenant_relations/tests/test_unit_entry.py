# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13: a new unit gets its code from its building and number; units are found as displayed."""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import TenantRelationsCase


@tagged("post_install", "-at_install")
class TestUnitEntry(TenantRelationsCase):
    def test_new_unit_code_from_building_and_number(self):
        form = Form(self.env["tenant.unit"].with_user(self.manager))
        form.property_id = self.property_a
        form.building = "1"
        form.floor = 15
        form.number = "1501"
        self.assertEqual(form.code, "1-1501", "the code is offered while typing")
        unit = form.save()
        self.assertEqual(unit.code, "1-1501")
        # Over RPC too, and a typed code is kept.
        Unit = self.env["tenant.unit"].with_user(self.manager)
        self.assertEqual(Unit.create({"property_id": self.property_a.id, "number": "S01"}).code, "S01")
        typed = Unit.create(
            {"property_id": self.property_a.id, "building": "2", "number": "0101", "code": "2-1-0101"}
        )
        self.assertEqual(typed.code, "2-1-0101")

    def test_duplicate_code_error_names_the_field(self):
        Unit = self.env["tenant.unit"].with_user(self.manager)
        messages = {name: message for name, _definition, message in Unit._sql_constraints}
        self.assertTrue(messages["code_property_uniq"].startswith("Code:"), "the error names the field")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            Unit.create({"property_id": self.property_a.id, "building": "1", "number": "1201"})
        # Another property may use the same code.
        self.assertTrue(Unit.create({"property_id": self.property_b.id, "building": "1", "number": "1201"}))

    def test_unit_found_by_name_as_displayed(self):
        Unit = self.env["tenant.unit"].with_user(self.staff_a)
        self.assertEqual(self.unit_a1.with_user(self.staff_a).display_name, "Green Lake Gardens 1-1201")
        for operator in ("=", "ilike"):
            with self.subTest(operator=operator):
                found = Unit.name_search("Green Lake Gardens 1-1201", operator=operator)
                self.assertEqual([row[0] for row in found], self.unit_a1.ids)
        self.assertEqual([row[0] for row in Unit.name_search("1-1201", operator="=")], self.unit_a1.ids)

    def test_code_follows_building_and_number_in_any_order(self):
        """The property form's units tab sent the number before the building: the code read 101,
        and stayed so once the building came."""
        form = Form(self.env["tenant.unit"].with_user(self.manager))
        form.property_id = self.property_a
        form.number = "101"
        self.assertEqual(form.code, "101")
        form.building = "5"
        self.assertEqual(form.code, "5-101")
        form.building = "6"
        self.assertEqual(form.code, "6-101", "a corrected building")
        form.number = "102"
        self.assertEqual(form.code, "6-102", "a corrected number")
        form.code = "6-2-102"
        form.building = "7"
        self.assertEqual(form.code, "6-2-102", "a code typed in another shape is kept")
        unit = form.save()
        unit.number = "103"
        self.assertEqual(unit.code, "6-2-102")
        self.unit_a2.building = "2"
        self.assertEqual(self.unit_a2.code, "2-1202", "an existing unit's code follows a correction")

    def test_property_created_with_units_from_its_form(self):
        form = Form(self.env["tenant.property"].with_user(self.manager))
        form.name = "西溪雅苑"
        form.code = "XYY"
        for number in ("101", "102"):
            with form.unit_ids.new() as line:
                line.number = number
                line.building = "5"
        prop = form.save()
        self.assertEqual(prop.unit_ids.mapped("code"), ["5-101", "5-102"])

    def test_property_staff_add_units_from_its_form(self):
        """Only managers edit a property, so its form (and the units tab) is read-only to the
        property's own manager and staff: the tab offers them a new unit in a dialog."""
        Property = self.env["tenant.property"]
        arch = Property.with_user(self.staff_a).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_add_unit"', arch)
        arch = Property.with_user(self.manager).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="action_add_unit"', arch, "managers add units in the tab's list")
        action = self.property_a.with_user(self.staff_a).action_add_unit()
        self.assertEqual((action["res_model"], action["target"]), ("tenant.unit", "new"))
        form = Form(self.env["tenant.unit"].with_user(self.staff_a).with_context(**action["context"]))
        self.assertEqual(form.property_id, self.property_a)
        form.building = "B"
        form.number = "0101"
        self.assertEqual(form.save().code, "B-0101")
        # Not in a property of someone else's, whatever the context says.
        action = self.property_b.action_add_unit()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["tenant.unit"].with_user(self.staff_a).with_context(**action["context"]).create(
                {"number": "0102"}
            )
