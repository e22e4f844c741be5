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
