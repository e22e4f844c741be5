# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Write the residents' import templates that tenant_relations offers in its residents' list
(res.partner.get_import_templates): tenant_relations/static/xls/residents_import_template_*.xlsx.

Their headers must stay those mapped by tenant_relations/data/base_import_mapping_data.xml (or be
labels of the fields); their example rows import on the demo database. Run from the repository:
``python3 tools/residents_import_templates.py``.
"""

import datetime
from pathlib import Path

import xlsxwriter

TARGET = Path(__file__).resolve().parent.parent / "tenant_relations" / "static" / "xls"
# The two example residents' mobile, e-mail and unit, the same in every language's sheet.
CONTACTS = [
    ("139 5710 0001", "linxiaoyan@example.com", "翠湖花园 3-1801"),
    ("139 5710 0002", "zhouzihang@example.com", "3-1801"),
]
# lang: (sheet, headers, the example residents' names and roles, the headers' notes)
TEMPLATES = {
    "zh": (
        "住户",
        ["姓名", "手机", "邮箱", "房屋单元", "住户身份"],
        [("林晓燕", "业主"), ("周子航", "家属")],
        [
            "住户的姓名",
            "手机号码，按习惯书写即可（如 139 5710 0001）；同一号码即同一人，再次导入不会重复创建联系人",
            "电子邮箱，可留空",
            "房屋单元，按系统显示填写（物业项目名称 + 空格 + 编号，如 翠湖花园 3-1801），"
            "编号在各物业项目中唯一时也可只写编号（如 3-1801）",
            "业主、租户或家属",
        ],
    ),
    "en": (
        "Residents",
        ["Name", "Mobile", "Email", "Unit", "Resident Role"],
        [("Lin Xiaoyan", "Owner"), ("Zhou Zihang", "Household member")],
        [
            "The resident's full name",
            "Mobile number, written as usual (139 5710 0001); one number is one person: importing "
            "the sheet again makes no second contact",
            "E-mail address, may be left empty",
            "The unit as the system displays it (property name, a space and the code: 翠湖花园 "
            "3-1801), or its code alone (3-1801) when no other property has that code",
            "Owner, Tenant or Household member",
        ],
    ),
}
WIDTHS = [14, 18, 28, 20, 18]


def write(lang, sheet, headers, residents, notes):
    workbook = xlsxwriter.Workbook(TARGET / f"residents_import_template_{lang}.xlsx")
    workbook.set_properties({"created": datetime.datetime(2026, 1, 1)})  # the same bytes each run
    worksheet = workbook.add_worksheet(sheet)
    head = workbook.add_format({"bold": True, "bg_color": "#E7E6E6", "border": 1})
    # Text cells: Excel would show 13957100001 as 1.4E+10 and drop a landline's leading 0.
    text = workbook.add_format({"num_format": "@"})
    for column, (header, note) in enumerate(zip(headers, notes, strict=True)):
        worksheet.write_string(0, column, header, head)
        worksheet.write_comment(0, column, note, {"x_scale": 2, "y_scale": 1.5})
        worksheet.set_column(column, column, WIDTHS[column], text if column == 1 else None)
    for row, ((name, role), contact) in enumerate(zip(residents, CONTACTS, strict=True), start=1):
        for column, value in enumerate([name, *contact, role]):
            worksheet.write_string(row, column, value, text)
    worksheet.freeze_panes(1, 0)
    workbook.close()


if __name__ == "__main__":
    for lang, template in TEMPLATES.items():
        write(lang, *template)
