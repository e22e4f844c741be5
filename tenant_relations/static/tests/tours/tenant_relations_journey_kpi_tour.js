/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// On the demo database, in Chinese, as the manager of 云栖公寓 (demo / demo): the KPI dashboard,
// last month's red card (urgent calls answered late), the tickets behind it, then last month's KPI
// report in Excel for the property. test_journey_kpi.py runs it and opens the file.
import { registry } from "@web/core/registry";
import { click, noError, step } from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

const APP = "tenant_relations.tenant_relations_menu_root";
const REPORTING = "tenant_relations.menu_tenant_reporting";
const CARD = ".o_kanban_record:contains('云栖公寓'):contains('紧急事项30分钟响应率')";
const ROWS = ".o_list_renderer .o_data_row";
const DIALOG = ".modal .o_form_view";

/** Reporting (报表) > the entry of menu ``xmlid``, by the menus' XML ids. */
function openReporting(xmlid) {
    return [
        click(`.o_menu_sections [data-menu-xmlid='${REPORTING}']`),
        click(`.dropdown-item[data-menu-xmlid='tenant_relations.${xmlid}']`),
    ];
}

/** The search panel's filter ``label``, toggled. */
function toggleFilter(label) {
    return click(`.o_search_bar_menu .o_menu_item:contains('${label}')`);
}

let denominator;

registry.category("web_tour.tours").add("tenant_relations_journey_kpi_tour", {
    steps: () => [
        click(".o_navbar_apps_menu button"),
        click(`.o_app[data-menu-xmlid='${APP}']`),
        ...openReporting("tenant_kpi_snapshot_menu_dashboard"),
        step(".o_kanban_renderer .o_kanban_record:contains('云栖公寓')", undefined, "this month's cards"),
        // Last month: the latest period's filter off, last month's on (one group: they add up).
        click(".o_searchview_dropdown_toggler"),
        toggleFilter("最近周期"),
        toggleFilter("上月"),
        click(".o_searchview_dropdown_toggler"),
        step(
            ".o_searchview_facet:contains('上月'):not(:contains('最近周期'))",
            undefined,
            "last month only"
        ),
        step(
            `${CARD}.o_kanban_color_1 .fs-2.text-danger`,
            undefined,
            "云栖公寓's urgent-call card is red against its target"
        ),
        step(
            `.o_kanban_renderer:not(:has(.o_kanban_record:contains('翠湖花园'):contains('紧急事项30分钟响应率').text-danger))`,
            undefined,
            "翠湖花园 answered its urgent calls in time"
        ),
        {
            content: "the card says out of how many urgent calls",
            trigger: `${CARD} .o_tenant_kpi_denominator`,
            run() {
                denominator = parseInt(this.anchor.textContent, 10);
                if (!(denominator > 0)) {
                    throw new Error(`The red card counts no urgent call: ${this.anchor.textContent}`);
                }
            },
        },
        click(`${CARD} button[name='action_view_records']`),
        step(".o_breadcrumb .active:contains('云栖公寓')"),
        step(
            `.o_list_renderer:has(.o_data_row):not(:has(.o_data_row:not(:contains('云栖公寓'))))`,
            undefined,
            "only tickets of 云栖公寓"
        ),
        {
            content: "as many tickets as the card's denominator",
            trigger: ".o_pager_limit",
            run() {
                const total = parseInt(this.anchor.textContent, 10);
                const rows = document.querySelectorAll(ROWS).length;
                if (total !== denominator || rows !== denominator) {
                    throw new Error(`${total} tickets (${rows} rows) behind a card counting ${denominator}`);
                }
            },
        },
        // Last month's KPI report, for 云栖公寓.
        ...openReporting("menu_tenant_kpi_excel"),
        click(`${DIALOG} .o_field_widget[name='report_kind'] input[data-value='kpi']`),
        step(`${DIALOG} .o_field_widget[name='report_kind'] input[data-value='kpi']:checked`),
        {
            content: "last month is proposed",
            trigger: `${DIALOG} .o_field_widget[name='month'] input`,
        },
        step(`${DIALOG} .o_field_widget[name='property_ids'] input`, "edit 云栖"),
        click(".o-autocomplete--dropdown-item > a:contains('云栖公寓')"),
        step(`${DIALOG} .o_field_widget[name='property_ids'] .o_tag:contains('云栖公寓')`),
        click(".modal-footer button[name='action_export']"),
        // The footer's buttons stay disabled until the file is written and its download started.
        click(".modal-footer button[data-hotkey='x']"),
        step("body:not(:has(.modal))"),
        noError(),
    ],
});
