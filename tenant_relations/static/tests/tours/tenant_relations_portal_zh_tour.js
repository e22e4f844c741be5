/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// A Chinese resident reads the portal conversation: its own texts and the relative times are in
// Chinese, whatever the browser's language.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("tenant_relations_portal_zh_tour", {
    steps: () => [
        {
            content: "An empty conversation says so in Chinese",
            trigger: "#chatterRoot:shadow .o-mail-Thread:contains('对话内容为空')",
        },
        {
            content: "Open the request that staff answered ten minutes ago",
            trigger: "body",
            run() {
                const answered = new URLSearchParams(window.location.search).get("answered");
                window.location.href = `/my/tickets/${answered}`;
            },
        },
        {
            content: "The staff's reply is dated in Chinese (10分钟前), not in English",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('We will come at ten') .o-mail-Message-date:contains('分钟前')",
        },
    ],
});

// A resident without a time zone of their own reads every date of their request in the firm's
// zone: the page's (written by the server) and the conversation's (written by the browser, whose
// own zone here is not the firm's). The test puts the firm at UTC+14, a message at 12:00 UTC on
// 9 March 2025.
registry.category("web_tour.tours").add("tenant_relations_portal_firm_zone_tour", {
    steps: () => [
        {
            content: "Reported on the 10th in the firm's zone",
            trigger: ".o_tenant_ticket_reported:contains('2025-03-10 02:00 (Pacific/Kiritimati)')",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('We will come at ten')",
        },
        {
            content: "The conversation dates the reply the 10th too, not the browser's 9th",
            trigger: "#chatterRoot:shadow .o-mail-DateSection:contains('2025年3月10日')",
        },
    ],
});
