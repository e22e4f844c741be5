/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// A resident files a service request from the portal, then finds it in their list.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tenant_relations_portal_tour", {
    url: "/my/tickets/new",
    steps: () => [
        {
            content: "Give the request a title",
            trigger: "form.o_tenant_ticket_form input[name='name']",
            run: "edit 阳台门关不上",
        },
        {
            content: "Pick the resident's unit",
            trigger: "form.o_tenant_ticket_form select[name='unit_id']",
            run: "selectByLabel 1-1201",
        },
        {
            content: "Describe the problem",
            trigger: "form.o_tenant_ticket_form textarea[name='description']",
            run: "edit The balcony door of the living room no longer closes.",
        },
        {
            content: "Send the request",
            trigger: "form.o_tenant_ticket_form button.o_tenant_ticket_submit",
            run: "click",
        },
        {
            content: "The ticket page shows the new request",
            trigger: ".o_tenant_ticket_portal .o_tenant_ticket_name:contains('阳台门关不上')",
        },
        {
            content: "Go back to the list of requests",
            trigger: ".o_portal_submenu a[href='/my/tickets']",
            run: "click",
        },
        {
            content: "The list contains the new request",
            trigger: ".o_tenant_ticket_row .o_tenant_ticket_title:contains('阳台门关不上')",
        },
    ],
});
