/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// A receptionist takes a hotline call about a leak: the category makes the ticket urgent
// and the urgent response policy starts its 30-minute clock.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tenant_relations_hotline_tour", {
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
            trigger: ".o_menu_sections button:contains('Tickets'), .o_menu_sections a:contains('Tickets')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('All Tickets')",
            run: "click",
        },
        {
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit 卫生间天花板漏水",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='category_id'] input",
            run: "edit Water Leak",
        },
        {
            trigger: ".o-autocomplete--dropdown-item > a:contains('Water and Electricity / Water Leak')",
            run: "click",
        },
        {
            // The category gives the ticket its urgency.
            trigger: ".o_form_view .o_field_widget[name='urgency'] input[data-value='urgent']:checked",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='channel'] select",
            run: "selectByLabel Hotline",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_notebook_headers a.nav-link:contains('SLA')",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_field_widget[name='sla_line_ids'] .o_data_row:contains('Urgent: respond within 30 minutes')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='urgency'] input[data-value='urgent']:checked",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Tickets')",
            run: "click",
        },
        {
            // Back on the board: the card shows its running 30-minute deadline, not yet late.
            trigger:
                ".o_kanban_record:contains('卫生间天花板漏水') .o_tenant_ticket_sla_deadline.text-muted",
        },
    ],
});
