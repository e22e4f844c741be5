/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Staff open the app, a property, its units and a resident's profile.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tenant_relations_browse_tour", {
    url: "/odoo",
    steps: () => [
        {
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            trigger: ".o_app[data-menu-xmlid='tenant_relations.tenant_relations_menu_root']",
            run: "click",
        },
        {
            trigger: ".o_menu_sections button:contains('Properties'), .o_menu_sections a:contains('Properties')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('Properties')",
            run: "click",
        },
        {
            trigger: ".o_kanban_record:contains('翠湖花园')",
            run: "click",
        },
        {
            trigger: ".o_form_view .oe_stat_button:contains('Units')",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .active:contains('Units')",
        },
        {
            trigger: ".o_list_renderer .o_data_row .o_data_cell[name='code']:contains('1-1201')",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Occupied')",
        },
        {
            trigger: ".o_data_row:contains('王建国') td[name='partner_id']",
        },
    ],
});
