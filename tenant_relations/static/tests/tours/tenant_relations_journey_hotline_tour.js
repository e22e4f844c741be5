/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// On the demo database, in Chinese, as the hotline agent of 翠湖花园: a caller gives their mobile
// as they say it; the agent finds them, the unit and property fill in, the promised response
// shows before saving, and the ticket saves (its acknowledgement mail goes to the resident).
import { registry } from "@web/core/registry";
import {
    FORM,
    checked,
    edit,
    pick,
    save,
    shows,
} from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

registry.category("web_tour.tours").add("tenant_relations_journey_hotline_tour", {
    steps: () => [
        edit("name", "厨房水槽下水管爆裂"),
        edit("partner_id", "138 0571 2301"),
        pick("王建国"),
        shows("unit_id", "1-201"),
        shows("property_id", "翠湖花园"),
        edit("category_id", "爆裂"),
        pick("水管爆裂"),
        checked("urgency", "urgent"),
        {
            trigger: `${FORM} .o_tenant_ticket_promised_response .badge`,
        },
        ...save(),
    ],
});
