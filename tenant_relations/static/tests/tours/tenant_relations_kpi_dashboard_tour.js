/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// A property's manager opens the KPI dashboard: their property's card is red against its target;
// they drill down to the tickets behind it, come back and look at the trend and the pivot.
import { registry } from "@web/core/registry";
import { click } from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

const CARD = ".o_kanban_record:contains('Green Lake Gardens')";

registry.category("web_tour.tours").add("tenant_relations_kpi_dashboard_tour", {
    url: "/odoo/action-tenant_relations.tenant_kpi_snapshot_action_dashboard",
    steps: () => [
        { trigger: `${CARD}:contains('50 %'):contains('90 %') .badge:contains('Off target')` },
        { trigger: `.o_kanban_renderer:not(:has(.o_kanban_record:contains('Cloud Apartments')))` },
        click(`${CARD} button[name='action_view_records']`),
        { trigger: ".o_list_renderer .o_data_row:contains('Water from the ceiling')" },
        { trigger: ".o_breadcrumb .active:contains('Green Lake Gardens')" },
        click(".o_breadcrumb a:contains('KPI Dashboard')"),
        click(".o_switch_view.o_graph"),
        { trigger: ".o_graph_renderer canvas" },
        click(".o_switch_view.o_pivot"),
        { trigger: ".o_pivot table:contains('Green Lake Gardens')" },
    ],
});
