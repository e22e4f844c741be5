/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// On the demo database, in Chinese, as the hotline agent of 翠湖花园: a caller gives their mobile
// as they say it; the agent finds them, the unit and property fill in, the promised response
// shows before saving, and the ticket saves (its acknowledgement mail goes to the resident).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tenant_relations_journey_hotline_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit 厨房水槽下水管爆裂",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
            run: "edit 138 0571 2301",
        },
        {
            trigger: ".o-autocomplete--dropdown-item > a:contains('王建国')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='unit_id'] input:value(1-201)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='property_id'] input:value(翠湖花园)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='category_id'] input",
            run: "edit 爆裂",
        },
        {
            trigger: ".o-autocomplete--dropdown-item > a:contains('水管爆裂')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='urgency'] input[data-value='urgent']:checked",
        },
        {
            trigger: ".o_form_view .o_tenant_ticket_promised_response .badge",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
