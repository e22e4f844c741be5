/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// A party opens their disputes, opens the one with an agreement awaiting their signature, signs it
// with Odoo's portal signature form and sees it signed. Data made by test_dispute_portal.py.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tenant_dispute_portal_sign", {
    url: "/my/disputes",
    steps: () => [
        {
            content: "The list says an agreement awaits the party's signature",
            trigger: ".o_tenant_dispute_row .o_tenant_dispute_to_sign",
        },
        {
            content: "Open the dispute",
            trigger: ".o_tenant_dispute_row a.o_tenant_dispute_title:contains('Water through the ceiling')",
            run: "click",
        },
        {
            content: "The terms of the agreement are shown",
            trigger: ".o_tenant_dispute_terms:contains('repaint the ceiling')",
        },
        {
            content: "Open the signature form",
            trigger: ".o_tenant_dispute_sign_button",
            run: "click",
        },
        {
            content: "The name is filled in and signed: the button is enabled",
            trigger: ".modal.show .o_portal_sign_submit:enabled",
        },
        {
            content: "Choose a signature style",
            trigger: ".modal.show .o_web_sign_auto_select_style button",
            run: "click",
        },
        {
            content: "Pick the second style",
            trigger: ".o-dropdown-item:eq(1)",
            run: "click",
        },
        {
            content: "Accept and sign",
            trigger: ".modal.show .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "Back on the dispute, the agreement reads as signed",
            trigger: ".o_tenant_dispute_agreement .o_tenant_dispute_signed:contains('Signed by')",
        },
        {
            content: "and no signature is asked any more",
            trigger: ".o_tenant_dispute_portal:not(:has(.o_tenant_dispute_sign_button))",
        },
    ],
});
