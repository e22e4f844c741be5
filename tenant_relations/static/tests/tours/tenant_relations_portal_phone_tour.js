/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// On a phone-sized screen: file a new request from the list, then close another one, confirming.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tenant_relations_portal_phone_tour", {
    steps: () => [
        {
            content: "The new-request button is on the list page, not folded in a menu",
            trigger: "a.o_tenant_ticket_new_button:visible",
            run: "click",
        },
        {
            content: "Give the request a title",
            trigger: "form.o_tenant_ticket_form input[name='name']",
            run: "edit Door bell broken",
        },
        {
            content: "Send it",
            trigger: "form.o_tenant_ticket_form button.o_tenant_ticket_submit",
            run: "click",
        },
        {
            content: "It is registered",
            trigger: ".o_tenant_ticket_portal .o_tenant_ticket_name:contains('Door bell broken')",
        },
        {
            content: "Back to the list",
            trigger: ".o_portal_submenu a[href='/my/tickets']",
            run: "click",
        },
        {
            content: "Open the other request",
            trigger: ".o_tenant_ticket_row a.o_tenant_ticket_title:contains('Lift stuck')",
            run: "click",
        },
        {
            content: "Ask to close it",
            trigger: "a.o_tenant_ticket_close_button:visible",
            run: "click",
        },
        {
            content: "The page asks to confirm first",
            trigger: "form.o_tenant_ticket_close_confirm:contains('Close this request?')",
        },
        {
            content: "Confirm",
            trigger: "button.o_tenant_ticket_close_confirm_button:visible",
            run: "click",
        },
        {
            content: "It is closed",
            trigger: ".o_tenant_ticket_portal .alert-success:contains('Your request is closed')",
        },
        {
            // The tour ends once the page is whole: a chatter still loading its bundles when the
            // browser closes logs "Failed to fetch" (seen under load).
            content: "Its conversation is shown",
            trigger: "#chatterRoot:shadow .o-mail-Message",
        },
    ],
});
