# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13: the administrator imports the firm's residents from a sheet with the headers 姓名, 手机,
邮箱, 房屋单元, 住户身份, through Odoo's own import, with no column mapped by hand."""

import re

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_open

from .common import CSV_IMPORT_OPTIONS, TenantRelationsCase, allow_contact_creation, load_chinese

OPTIONS = {**CSV_IMPORT_OPTIONS, "sheet": ""}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATES = {
    "zh": "tenant_relations/static/xls/residents_import_template_zh.xlsx",
    "en": "tenant_relations/static/xls/residents_import_template_en.xlsx",
}
HEADERS_ZH = ("姓名", "手机", "邮箱", "房屋单元", "住户身份")
# What each column of the residents' sheet is imported into.
RESIDENT_FIELDS = ["name", "mobile", "email", "tenant_occupancy_ids/unit_id", "tenant_occupancy_ids/role"]


def csv_sheet(rows, headers=HEADERS_ZH):
    return "\n".join(",".join(row) for row in [headers, *rows]).encode()


@tagged("post_install", "-at_install")
class TestResidentImport(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A Chinese firm: numbers without a country code are Chinese, its admin reads Chinese.
        cls.env.company.country_id = cls.env.ref("base.cn")
        allow_contact_creation(cls.manager | cls.staff_a)
        load_chinese(cls.env, ("base", "tenant_relations"))
        # The demo's property, so that the shipped template's example rows import as they are.
        cls.chg = cls.env["tenant.property"].create(
            {"name": "翠湖花园", "code": "CHG", "manager_id": cls.manager.id}
        )
        cls.unit_chg = cls.env["tenant.unit"].create(
            {"property_id": cls.chg.id, "building": "3", "number": "1801"}
        )

    def wizard(self, content, user=None, lang="zh_CN", file_type="text/csv"):
        env = self.env(
            user=user or self.manager, context=dict(self.env.context, lang=lang, tenant_resident_import=True)
        )
        return env["base_import.import"].create(
            {"res_model": "res.partner", "file": content, "file_name": "住户.csv", "file_type": file_type}
        )

    def import_sheet(self, content, user=None, lang="zh_CN", file_type="text/csv", dryrun=False):
        """Import as the residents' list does: the columns as the import screen maps them itself."""
        wizard = self.wizard(content, user, lang, file_type)
        preview = wizard.parse_preview(dict(OPTIONS))
        self.assertFalse(preview.get("error"))
        fields = ["/".join(preview["matches"].get(index, [])) for index in range(len(preview["headers"]))]
        self.assertTrue(all(fields), f"every column is mapped: {fields}")
        return wizard.execute_import(fields, preview["headers"], dict(OPTIONS), dryrun=dryrun)

    def assertImported(self, result):
        self.assertFalse(result["messages"])
        return self.env["res.partner"].browse(result["ids"])

    def errors(self, result):
        self.assertFalse(result["ids"], "nothing is imported when a cell is refused")
        return [message["message"] for message in result["messages"]]

    def assertSheetRefused(self, rows, expected, user=None):
        """A sheet of these rows is refused whole, and the import says exactly the ``expected``
        messages: what the administrator reads is the test."""
        self.assertEqual(self.errors(self.import_sheet(csv_sheet(rows), user=user)), expected)

    def read_template(self, lang):
        with file_open(TEMPLATES[lang], "rb") as template:
            return template.read()

    # The template

    def test_residents_list_offers_the_template_in_the_users_language(self):
        action = self.env.ref("tenant_relations.res_partner_action_residents")
        self.assertIn("'tenant_resident_import': True", action.context)
        Partner = self.env["res.partner"].with_context(tenant_resident_import=True)
        self.assertEqual(
            Partner.with_context(lang="zh_CN").get_import_templates(),
            [{"label": "住户导入模板", "template": "/" + TEMPLATES["zh"]}],
        )
        self.assertEqual(
            Partner.with_context(lang="en_US").get_import_templates(),
            [{"label": "Import Template for Residents", "template": "/" + TEMPLATES["en"]}],
        )
        # Elsewhere (Contacts), Odoo's own templates.
        self.assertNotIn(
            "/" + TEMPLATES["zh"],
            [t["template"] for t in self.env["res.partner"].get_import_templates()],
        )

    def test_template_headers_are_mapped_in_either_language(self):
        for template in ("zh", "en"):
            for lang in ("zh_CN", "en_US"):
                with self.subTest(template=template, lang=lang):
                    wizard = self.wizard(self.read_template(template), lang=lang, file_type=XLSX)
                    preview = wizard.parse_preview(dict(OPTIONS))
                    self.assertEqual(
                        ["/".join(preview["matches"][index]) for index in range(5)], RESIDENT_FIELDS
                    )

    def test_template_imports_as_shipped(self):
        partners = self.assertImported(self.import_sheet(self.read_template("zh"), file_type=XLSX))
        self.assertEqual(partners.mapped("name"), ["林晓燕", "周子航"])
        self.assertEqual(partners.tenant_occupancy_ids.unit_id, self.unit_chg)
        self.assertEqual(partners.tenant_occupancy_ids.mapped("role"), ["owner", "resident"])
        self.assertEqual(partners[0].mobile, "139 5710 0001", "kept as written")
        self.assertEqual(partners[0].phone_sanitized, "+8613957100001", "and sanitized as Odoo does")
        self.assertEqual(partners.mapped("tenant_role"), ["owner", "resident"])

    # The sheet

    def test_chinese_sheet_links_units_as_displayed_or_by_code(self):
        sheet = csv_sheet(
            [
                ["赵丽华", "139 5710 1001", "zhao@example.com", "Green Lake Gardens 1-1201", "业主"],
                ["孙浩", "13957101002", "", "1-1201", "家属"],
                ["周敏", "+86 139-5710-1003", "zhou@example.com", "green lake gardens  1-1202", "租户"],
            ]
        )
        partners = self.assertImported(self.import_sheet(sheet))
        self.assertEqual(partners.mapped("name"), ["赵丽华", "孙浩", "周敏"])
        occupancies = partners.tenant_occupancy_ids
        self.assertEqual(occupancies.mapped("unit_id"), self.unit_a1 | self.unit_a2)
        self.assertEqual(
            [(o.partner_id.name, o.unit_id.code, o.role) for o in occupancies.sorted("id")],
            [("赵丽华", "1-1201", "owner"), ("孙浩", "1-1201", "resident"), ("周敏", "1-1202", "tenant")],
        )
        self.assertTrue(all(occupancies.mapped("is_current")), "a manager's import is a confirmed link")
        self.assertEqual(
            partners.mapped("phone_sanitized"), ["+8613957101001", "+8613957101002", "+8613957101003"]
        )

    def test_role_in_words_of_either_language(self):
        words = {
            "业主": "owner",
            "房主": "owner",
            "租户": "tenant",
            "租客": "tenant",
            "家属": "resident",
            "住户": "resident",
            "Owner": "owner",
            "tenant": "tenant",
            "Household member": "resident",
            "resident": "resident",
        }
        # A unit each: two tenants of one unit at once would be refused (overlapping leases).
        units = self.env["tenant.unit"].create(
            [
                {"property_id": self.property_a.id, "building": "9", "number": f"{n:02d}"}
                for n in range(len(words))
            ]
        )
        rows = [
            [f"住户{index}", f"139 5710 20{index:02d}", "", unit.code, word]
            for index, (unit, word) in enumerate(zip(units, words, strict=True))
        ]
        partners = self.assertImported(self.import_sheet(csv_sheet(rows)))
        self.assertEqual(partners.tenant_occupancy_ids.sorted("id").mapped("role"), list(words.values()))

    def test_refused_cells_are_named_in_chinese(self):
        self.env["tenant.unit"].create(
            {"property_id": self.property_b.id, "number": "1201", "code": "1-1201"}
        )
        sheet = csv_sheet(
            [
                ["赵丽华", "139 5710 1001", "", "1-1201", "业主"],
                ["孙浩", "139 5710", "", "9-9999", "亲戚"],
                ["周敏", "139 5710 1003", "", "", ""],
            ]
        )
        messages = self.errors(self.import_sheet(sheet, dryrun=True))
        self.assertEqual(len(messages), 6, messages)
        # Every message names its column and its value; none is in English.
        self.assertIn(
            "房屋单元“1-1201”是多个物业项目中房屋单元的编号（Cloud Apartments 1-1201, Green Lake "
            "Gardens 1-1201）：请按房屋单元的显示方式，在编号前写上物业项目名称。",
            messages,
        )
        self.assertIn(
            "房屋单元“9-9999”不是您所负责物业项目中的房屋单元：请按房屋单元的显示方式填写"
            "（物业项目名称、空格和编号），或只填编号。",
            messages,
        )
        self.assertIn("住户身份“亲戚”不是有效的身份：请填写业主, 租户, 住户之一。", messages)
        self.assertIn("住户身份为空：请填写业主, 租户, 住户之一。", messages)
        self.assertIn("房屋单元为空：每位住户都须连同其居住的房屋单元一起导入。", messages)
        self.assertTrue(any(m.startswith("手机“139 5710”无法拨打：") for m in messages), messages)
        for message in messages:
            words = re.findall(
                r"[A-Za-z]+", message.replace("Cloud Apartments", "").replace("Green Lake Gardens", "")
            )
            self.assertFalse(words, message)

    def test_error_is_shown_on_its_column(self):
        result = self.import_sheet(csv_sheet([["孙浩", "139 5710 1002", "", "9-9999", "家属"]]), dryrun=True)
        (message,) = result["messages"]
        self.assertEqual(message["field_path"], ["tenant_occupancy_ids", "unit_id"])
        self.assertEqual((message["value"], message["rows"]), ("9-9999", {"from": 0, "to": 0}))

    # The same person

    def test_sheet_imported_again_creates_no_duplicate(self):
        sheet = csv_sheet(
            [
                ["赵丽华", "139 5710 1001", "zhao@example.com", "1-1201", "业主"],
                ["孙浩", "139 5710 1002", "", "1-1201", "家属"],
            ]
        )
        first = self.assertImported(self.import_sheet(sheet))
        again = self.assertImported(self.import_sheet(sheet))
        self.assertEqual(again, first)
        self.assertEqual(len(first.tenant_occupancy_ids), 2, "no second link either")
        self.assertEqual(self.env["res.partner"].search_count([("name", "in", ("赵丽华", "孙浩"))]), 2)

    def test_person_with_two_units_has_two_rows_and_one_contact(self):
        sheet = csv_sheet(
            [
                ["马丽", "137 7756 3078", "mali@example.com", "1-1201", "业主"],
                ["马 丽", "13777563078", "", "1-1202", "业主"],
            ]
        )
        result = self.import_sheet(sheet)
        partners = self.assertImported(result)
        self.assertEqual(len(set(result["ids"])), 1, "both rows are the same person")
        self.assertEqual(partners.tenant_unit_ids, self.unit_a1 | self.unit_a2)

    def test_known_number_links_the_existing_contact(self):
        known = self.env["res.partner"].create({"name": "王建国", "mobile": "+86 138 0571 2301"})
        result = self.import_sheet(
            csv_sheet([["王建国", "13805712301", "wang.jg@example.com", "1-1202", "业主"]])
        )
        self.assertEqual(self.assertImported(result), known)
        self.assertEqual(known.tenant_unit_ids, self.unit_a2)
        self.assertEqual(known.mobile, "+86 138 0571 2301", "the number stays as recorded")
        self.assertEqual(known.email, "wang.jg@example.com", "a new detail is added")

    def test_number_of_another_person_is_refused(self):
        self.env["res.partner"].create({"name": "王建国", "mobile": "138 0571 2301"})
        not_theirs = (
            "手机“138-0571-2301”已是王建国的号码，不是王小明的：一个号码只对应一个人。"
            "请按系统中登记的姓名填写，或不填此号码。"
        )
        self.assertSheetRefused([["王小明", "138-0571-2301", "", "1-1202", "租户"]], [not_theirs])
        sheet = csv_sheet(
            [["赵丽华", "139 5710 1001", "", "1-1201", "业主"], ["孙浩", "13957101001", "", "1-1201", "家属"]]
        )
        self.assertEqual(
            self.errors(self.import_sheet(sheet)),
            ["手机“13957101001”在本表中同时填给了赵丽华和孙浩：一个号码只对应一个人。"],
        )

    def test_same_unit_in_another_role_is_refused(self):
        sheet = csv_sheet([["赵丽华", "139 5710 1001", "", "1-1201", "业主"]])
        self.assertImported(self.import_sheet(sheet))
        already = (
            "赵丽华已登记为Green Lake Gardens 1-1201的业主："
            "如需更改身份，请在该入住记录上修改，而不要再次导入。"
        )
        self.assertSheetRefused([["赵丽华", "139 5710 1001", "", "1-1201", "租户"]], [already])

    # Who may import whom

    def test_property_manager_imports_into_their_own_property_only(self):
        """staff_a manages Green Lake Gardens: their new residents are linked at once; a unit of
        Cloud Apartments is none of theirs, whatever the sheet says."""
        partners = self.assertImported(
            self.import_sheet(
                csv_sheet([["赵丽华", "139 5710 1001", "", "1-1201", "业主"]]), user=self.staff_a
            )
        )
        self.assertTrue(partners.tenant_occupancy_ids.is_current)
        not_their_unit = (
            "房屋单元“Cloud Apartments A-0801”不是您所负责物业项目中的房屋单元：请按房屋单元的"
            "显示方式填写（物业项目名称、空格和编号），或只填编号。"
        )
        rows = [["孙浩", "139 5710 1002", "", "Cloud Apartments A-0801", "租户"]]
        self.assertSheetRefused(rows, [not_their_unit], user=self.staff_a)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "孙浩")]))
        self.assertFalse(self.unit_b1.occupancy_ids)

    def test_import_does_not_bypass_the_link_confirmation(self):
        """A person who lives in Cloud Apartments, imported by Green Lake Gardens' manager: the
        link waits for confirmation as one made by hand would (issue 12), and their recorded
        contact details are not overwritten by the sheet."""
        neighbour = self.env["res.partner"].create(
            {"name": "钱多多", "mobile": "139 5710 3003", "email": "qian@example.com"}
        )
        self.occupy(self.unit_b1, neighbour)
        partners = self.assertImported(
            self.import_sheet(csv_sheet([["钱多多", "13957103003", "", "1-1202", "租户"]]), user=self.staff_a)
        )
        self.assertEqual(partners, neighbour)
        link = neighbour.tenant_occupancy_ids.filtered(lambda o: o.unit_id == self.unit_a2)
        self.assertEqual(link.state, "pending")
        self.assertFalse(link.is_current)
        sheet = csv_sheet([["钱多多", "13957103003", "qian.new@example.com", "1-1202", "租户"]])
        messages = self.errors(self.import_sheet(sheet, user=self.staff_a))
        self.assertEqual(len(messages), 1)
        self.assertIn("钱多多", messages[0])
        self.assertEqual(neighbour.email, "qian@example.com")

    def test_plain_employee_cannot_import_residents(self):
        employee = self.env["res.users"].create(
            {
                "name": "Clerk",
                "login": "tr_clerk",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        result = self.import_sheet(
            csv_sheet([["赵丽华", "139 5710 1001", "", "1-1201", "业主"]]), user=employee
        )
        self.assertEqual(self.errors(result), ["只有租户关系的员工才能导入住户和入住记录。"])

    def test_occupancies_list_reads_units_and_roles_the_same_way(self):
        """入住记录 → 导入: the unit as displayed and the role in words, as in the residents' sheet."""
        resident = self.env["res.partner"].create({"name": "孙浩"})
        Occupancy = (
            self.env["tenant.occupancy"].with_user(self.manager).with_context(lang="zh_CN", import_file=True)
        )
        result = Occupancy.load(
            ["partner_id/.id", "unit_id", "role"], [[str(resident.id), "Green Lake Gardens 1-1201", "家属"]]
        )
        self.assertFalse(result["messages"])
        self.assertEqual(Occupancy.browse(result["ids"]).mapped("role"), ["resident"])


@tagged("post_install", "-at_install")
class TestResidentImportTemplateDownload(HttpCase):
    def test_admin_downloads_the_template(self):
        self.authenticate("admin", "admin")
        for template in TEMPLATES.values():
            with self.subTest(template=template):
                response = self.url_open("/" + template)
                self.assertEqual(response.status_code, 200)
                wizard = self.env["base_import.import"].create(
                    {
                        "res_model": "res.partner",
                        "file": response.content,
                        "file_name": "t.xlsx",
                        "file_type": XLSX,
                    }
                )
                preview = wizard.parse_preview(dict(OPTIONS))
                self.assertEqual(len(preview["headers"]), 5)
                self.assertEqual(preview["file_length"], 3, "the headers and two example rows")
