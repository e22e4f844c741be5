# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Units and residents come from spreadsheets through Odoo's standard import."""

from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_open

from .common import CSV_IMPORT_OPTIONS, TenantRelationsCase

UNIT_FIELDS = ["property_id", "building", "floor", "number", "code", "area", "usage"]
OCCUPANCY_FIELDS = ["partner_id", "unit_id", "role", "move_in_date", "move_out_date", "is_main_contact"]


@tagged("post_install", "-at_install")
class TestImport(TenantRelationsCase):
    def import_file(self, model, name, fields, mimetype="text/csv", **options):
        with file_open(f"tenant_relations/tests/data/{name}", "rb") as f:
            wizard = self.env["base_import.import"].create(
                {"res_model": model, "file": f.read(), "file_name": name, "file_type": mimetype}
            )
        return wizard.execute_import(fields, fields, {**CSV_IMPORT_OPTIONS, **options})

    def test_import_units_csv(self):
        result = self.import_file("tenant.unit", "units.csv", UNIT_FIELDS)
        self.assertFalse(result["messages"])
        units = self.env["tenant.unit"].browse(result["ids"])
        self.assertEqual(units.mapped("code"), ["5-301", "5-302", "5-S01", "P-101"])
        self.assertEqual(units.property_id, self.property_a)
        self.assertEqual(units.mapped("usage"), ["residence", "residence", "shop", "parking"])
        self.assertEqual(units[0].area, 89.5)

    def test_import_units_xlsx(self):
        result = self.import_file(
            "tenant.unit",
            "units.xlsx",
            UNIT_FIELDS,
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            sheet="Units",
        )
        self.assertFalse(result["messages"])
        self.assertEqual(len(result["ids"]), 4)
        self.assertEqual(self.env["tenant.unit"].browse(result["ids"]).mapped("floor"), [3, 3, 1, -1])

    def import_occupancies(self, name):
        """The units' file, then the occupancies' file ``name``, whose residents the import creates
        by name as it goes."""
        self.import_file("tenant.unit", "units.csv", UNIT_FIELDS)
        return self.import_file(
            "tenant.occupancy", name, OCCUPANCY_FIELDS, name_create_enabled_fields={"partner_id": True}
        )

    def test_import_residents(self):
        result = self.import_occupancies("occupancies.csv")
        self.assertFalse(result["messages"])
        occupancies = self.env["tenant.occupancy"].browse(result["ids"])
        self.assertEqual(occupancies.partner_id.mapped("name"), ["赵丽华", "孙浩", "周敏"])
        self.assertEqual(occupancies.partner_id.mapped("tenant_role"), ["owner", "resident", "tenant"])
        self.assertEqual(occupancies.unit_id.mapped("status"), ["occupied", "occupied"])

    def test_malformed_rows_import_nothing(self):
        before = self.env["tenant.occupancy"].search_count([])  # importing units makes none
        result = self.import_occupancies("occupancies_bad.csv")
        self.assertTrue(result["messages"])
        self.assertFalse(result.get("ids"))
        self.assertEqual(self.env["tenant.occupancy"].search_count([]), before)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "吴刚")]))

    def test_duplicate_code_in_file_refused(self):
        self.import_file("tenant.unit", "units.csv", UNIT_FIELDS)
        with mute_logger("odoo.sql_db"):
            result = self.import_file("tenant.unit", "units.csv", UNIT_FIELDS)
        self.assertTrue(result["messages"])
        self.assertEqual(self.env["tenant.unit"].search_count([("code", "=", "5-301")]), 1)
