/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Staff open the app, a property, its units and a resident's profile.
import { registry } from "@web/core/registry";
import { FORM, click, openMenu } from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

registry.category("web_tour.tours").add("tenant_relations_browse_tour", {
    url: "/odoo",
    steps: () => [
        ...openMenu("Properties", "Properties"),
        click(".o_kanban_record:contains('翠湖花园')"),
        click(`${FORM} .oe_stat_button:contains('Units')`),
        {
            trigger: ".o_breadcrumb .active:contains('Units')",
        },
        click(".o_list_renderer .o_data_row .o_data_cell[name='code']:contains('1-1201')"),
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Occupied')",
        },
        {
            trigger: ".o_data_row:contains('王建国') td[name='partner_id']",
        },
    ],
});
