/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// On the demo database, in Chinese: the administrator brings the firm in (issue 13), the residents
// from the firm's sheet and a new property with its units; a property manager adds a unit to their
// own property. test_journey_import.py runs them.
import { registry } from "@web/core/registry";
import {
    FORM,
    click,
    edit,
    field,
    noError,
    save,
} from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

const tours = registry.category("web_tour.tours");
const TEMPLATE = ".o_import_action a[href$='residents_import_template_zh.xlsx']";
const HEADERS = ["姓名", "手机", "邮箱", "房屋单元", "住户身份"];

// 住户 → 导入记录: the residents' template is offered; filled in and uploaded, its five columns are
// recognised without mapping any by hand, and the residents show with their units.
tours.add("tenant_relations_journey_import_residents_tour", {
    steps: () => [
        {
            trigger: ".o_list_view",
        },
        click(".o_control_panel .o_cp_action_menus button.dropdown-toggle"),
        click(".o_import_menu"),
        {
            content: "the residents' template is offered, under its Chinese name",
            trigger: `${TEMPLATE}:contains('住户导入模板')`,
        },
        {
            content: "the administrator uploads the template, its two example rows filled in",
            trigger: ".o_control_panel button.o_import_file",
            async run() {
                const response = await fetch(document.querySelector(TEMPLATE).href);
                if (!response.ok) {
                    throw new Error(`the template cannot be downloaded (${response.status})`);
                }
                const file = new File([await response.blob()], "住户.xlsx", {
                    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                });
                const input = document.querySelector(".o_control_panel .o_input_file");
                const files = new DataTransfer();
                files.items.add(file);
                input.files = files.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        ...HEADERS.map((header) => ({
            content: `the column ${header} is mapped to a field`,
            trigger: `.o_import_data_content tr:has(.o_import_file_column_cell:contains(${header})) .o_import_field_icon`,
        })),
        {
            content: "no column is left to map by hand",
            trigger: ".o_import_data_content tbody:not(:has(.text-warning))",
        },
        {
            content: "the fields the columns go to are named in Chinese",
            trigger: ".o_import_data_content tbody",
            run() {
                const labels = [
                    ...document.querySelectorAll(".o_import_data_content tbody tr td:nth-child(2)"),
                ].map((cell) => cell.innerText.trim());
                if (labels.length !== HEADERS.length || labels.some((label) => /[A-Za-z]/.test(label))) {
                    throw new Error(`the columns are mapped to: ${labels.join(" | ")}`);
                }
            },
        },
        click(".o_control_panel button:contains('测试')"),
        {
            trigger: ".o_import_data_content .alert-info:contains('看上去一切正常')",
        },
        click(".o_control_panel button.btn-primary:contains('导入')"),
        {
            content: "back on the residents, who show with their unit",
            trigger: ".o_list_view .o_data_row:contains('林晓燕'):contains('3-1801')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('周子航'):contains('3-1801')",
        },
        noError(),
    ],
});

// 物业项目 → 新建: a property and two units, typed in its form; each unit's code comes from its
// building and number.
tours.add("tenant_relations_journey_import_property_tour", {
    steps: () => [
        click(".o_control_panel .o-kanban-button-new"),
        edit("name", "西溪雅苑"),
        edit("code", "XYY"),
        ...["101", "102"].flatMap((number) => [
            click(field("unit_ids", ".o_field_x2many_list_row_add a")),
            {
                trigger: field("unit_ids", ".o_selected_row .o_field_widget[name='building'] input"),
                run: "edit 5",
            },
            {
                trigger: field("unit_ids", ".o_selected_row .o_field_widget[name='number'] input"),
                run: "edit " + number + " && click body",
            },
            {
                content: `the code of unit ${number} is made of its building and number`,
                trigger: field("unit_ids", `.o_data_row:contains('5-${number}')`),
            },
        ]),
        ...save(),
        {
            trigger: `${FORM} button[name='action_view_units'] .o_stat_value:contains(2)`,
        },
        noError(),
    ],
});

// The manager of 云栖公寓 (demo) may not edit the property itself, but adds a unit from its form.
tours.add("tenant_relations_journey_import_manager_unit_tour", {
    steps: () => [
        click(".o_kanban_record:contains('云栖公寓')"),
        click(`${FORM} .o_notebook button[name='action_add_unit']`, "the units tab offers to add a unit"),
        {
            trigger: `.modal ${FORM} .o_field_widget[name='property_id'] input:value(云栖公寓)`,
        },
        {
            trigger: `.modal ${FORM} .o_field_widget[name='building'] input`,
            run: "edit B && press Tab",
        },
        {
            trigger: `.modal ${FORM} .o_field_widget[name='number'] input`,
            run: "edit 0101 && press Tab",
        },
        {
            trigger: `.modal ${FORM} .o_field_widget[name='code'] input:value(B-0101)`,
        },
        click(".modal .o_form_button_save"),
        {
            content: "back on the property, the new unit is in its list",
            trigger: `body:not(:has(.modal)) ${FORM} .o_field_widget[name='unit_ids'] .o_data_row:contains('B-0101')`,
        },
        noError(),
    ],
});
