/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// On the demo database, in Chinese: the State Council has published next year's holidays; the
// administrator uploads them from the app's configuration menu, then corrects a day the file had
// wrong (issue 15). test_journey_holidays.py runs it and checks the calendars.
import { registry } from "@web/core/registry";
import {
    FORM,
    click,
    noError,
    save,
} from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

// The file as tools/china_holidays.py --csv writes it; 9 October is a make-up workday in the
// notice, a day off in this file (the mistake the administrator corrects by hand).
const FILE = [
    "date,kind,festival",
    ...[1, 2, 3, 4, 5, 6, 7].map((day) => `2027-10-0${day},holiday,national_day`),
    "2027-10-09,holiday,national_day",
].join("\n");
const DAY = ".o_field_widget[name='day_ids'] .o_data_row";

registry.category("web_tour.tours").add("tenant_relations_journey_holidays_tour", {
    steps: () => [
        {
            content: "配置 → 法定节假日: the loaded years are listed, 2026 among them",
            trigger: ".o_list_view .o_data_row:contains('2026')",
        },
        click(".o_menu_sections button:contains('配置')"),
        click(".dropdown-item:contains('上传法定节假日')"),
        {
            content: "the administrator chooses the file of 2027",
            trigger: ".modal .o_field_widget[name='file'] .o_select_file_button",
            run() {
                // The file input is hidden behind the upload button; a person picks the file there.
                const input = this.anchor.closest(".o_field_widget").querySelector("input[type='file']");
                const files = new DataTransfer();
                files.items.add(new File([FILE], "2027.csv", { type: "text/csv" }));
                input.files = files.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            trigger: ".modal .o_field_widget[name='file'] input.o_input:value(2027.csv)",
        },
        click(".modal button[name='action_import']:contains('载入')"),
        {
            content: "the year opens with its eight days",
            trigger: `body:not(:has(.modal)) ${FORM} .o_field_widget[name='year'] input:value(2027)`,
        },
        {
            trigger: `${FORM} ${DAY}:last:contains('2027年10月09日')`,
        },
        click(`${FORM} ${DAY}:last .o_data_cell[name='kind']`, "the administrator corrects 9 October"),
        {
            trigger: `${FORM} ${DAY}.o_selected_row .o_field_widget[name='kind'] select`,
            run: `select "workday"`,
        },
        ...save(),
        {
            content: "9 October is a make-up workday now",
            trigger: `${FORM} ${DAY}:last:contains('调休上班')`,
        },
        noError(),
    ],
});
