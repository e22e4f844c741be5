/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// A resident opens their notices, reads a house rule and acknowledges it, then checks their points.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tenant_relations_notice_tour", {
    url: "/my/notices",
    steps: () => [
        {
            content: "The unread house rule is in the list",
            trigger: ".o_tenant_notice_row.o_tenant_notice_unread .o_tenant_notice_title:contains('文明养犬公约')",
            run: "click",
        },
        {
            content: "The notice opens with its rules",
            trigger: ".o_tenant_notice_portal .o_tenant_notice_name:contains('文明养犬公约')",
        },
        {
            content: "Acknowledge the house rule",
            trigger: ".o_tenant_notice_portal button.o_tenant_notice_acknowledge",
            run: "click",
        },
        {
            content: "The acknowledgement is recorded",
            trigger: ".o_tenant_notice_portal .o_tenant_notice_acknowledged",
        },
        {
            content: "Back to the list of notices",
            trigger: ".o_portal_submenu a[href='/my/notices']",
            run: "click",
        },
        {
            content: "The house rule is read now",
            trigger: ".o_tenant_notice_row:not(.o_tenant_notice_unread) .o_tenant_notice_title:contains('文明养犬公约')",
        },
        {
            content: "Home of the portal",
            trigger: ".breadcrumb a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the points card",
            trigger: "a[href='/my/points']",
            run: "click",
        },
        {
            content: "The balance shows the points earned",
            trigger: ".o_tenant_points_balance:contains('120')",
        },
        {
            content: "and the ledger says why",
            trigger: ".o_tenant_points_line:contains('Lease renewal')",
        },
    ],
});
