/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// On the demo database, in Chinese: the hotline agent of 翠湖花园 (陈晓丽) takes four calls, each
// recorded right the first time from her home (today's calls); then the manager sees them on
// the ticket list, and a resident follows one on a phone. test_journey_calls.py runs them.
import { registry } from "@web/core/registry";
import {
    FORM,
    checked,
    click,
    edit,
    field,
    pick,
    save,
    shows,
    step,
} from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

const tours = registry.category("web_tour.tours");
const NO_ERROR = {
    content: "no error dialog, no warning left open",
    trigger: "body:not(:has(.o_error_dialog, .modal-dialog .o_technical_modal))",
};

/** From today's calls (the agent's home) to a blank ticket form. */
function newCall() {
    return [
        click(".o_list_view .o_list_button_add", "the agent's home: today's calls"),
        {
            trigger: field("name"),
        },
    ];
}

/** Pick a category by the caller's own words. */
function category(words, name) {
    return [
        edit("category_id", words),
        { content: `"${words}" finds ${name}`, ...pick(name) },
        shows("category_id", name),
    ];
}

/** Choose the ticket's kind by its label. */
function kind(label) {
    return step(field("kind", "select"), `selectByLabel ${label}`);
}

/** Someone of the team is assigned. */
function assigned(content) {
    return step(field("user_id", "input:not(:value(''))"), undefined, content);
}

/**
 * Read the promised times out to the caller before saving; after saving, the form must show the
 * very same times (the SLA lines keep what was promised).
 */
function promiseKeptOnSave(titleWord) {
    const promised = {};
    const read = (key) =>
        function () {
            promised[key] = this.anchor.textContent.trim();
            if (!/^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(promised[key])) {
                throw new Error(`the promised ${key} time reads "${promised[key]}"`);
            }
        };
    const same = (key) =>
        function () {
            const now = this.anchor.textContent.trim();
            if (now !== promised[key]) {
                throw new Error(`promised ${promised[key]} before saving, ${now} after`);
            }
        };
    return {
        readResponse: {
            content: "the promised response time, before saving",
            trigger: `${FORM} .o_tenant_ticket_promised_response .badge`,
            run: read("response"),
        },
        readResolution: {
            content: "the promised resolution time, before saving",
            trigger: `${FORM} .o_tenant_ticket_promised_resolution .badge`,
            run: read("resolution"),
        },
        save: [
            ...save(),
            {
                content: "saved with its number",
                trigger: `${FORM} .o_field_widget[name='number']:not(:contains('/'))`,
            },
        ],
        checkResponse: {
            trigger: `${FORM} .o_tenant_ticket_promised_response .badge`,
            run: same("response"),
        },
        checkResolution: {
            trigger: `${FORM} .o_tenant_ticket_promised_resolution .badge`,
            run: same("resolution"),
        },
        backHome: [
            click(".o_breadcrumb .breadcrumb-item a"),
            {
                content: "the call is on today's calls at once",
                trigger: `.o_list_view .o_data_row:contains('${titleWord}')`,
            },
        ],
    };
}

/**
 * A call tour: from today's calls, a new ticket titled ``title``; ``steps(promise)`` record the
 * call (``promise``: promiseKeptOnSave's steps); back on today's calls, ``onList`` then no error.
 */
function addCall(name, title, steps, onList = []) {
    tours.add(name, {
        steps: () => {
            const promise = promiseKeptOnSave(title);
            return [
                ...newCall(),
                edit("name", title),
                ...steps(promise),
                ...promise.backHome,
                ...onList,
                NO_ERROR,
            ];
        },
    });
}

// 1. A leak: 马丽 is found by her unit code; of her two units, the one typed is taken.
addCall("tenant_relations_journey_calls_leak_tour", "卫生间天花板漏水", (promise) => [
    edit("partner_id", "1-1501"),
    pick("马丽"),
    shows("unit_id", "1-1501", "the unit typed is chosen: she is not asked again"),
    shows("property_id", "翠湖花园"),
    shows("team_id", "翠湖花园客服组"),
    ...category("漏水", "水电 / 漏水"),
    checked("urgency", "urgent"),
    promise.readResponse,
    ...promise.save,
    {
        trigger: `${FORM}:not(:has(.o_field_invalid))`,
    },
    promise.checkResponse,
    assigned("assigned on saving"),
]);

// 2. A gas smell: the caller's words find 燃气, which makes the call urgent with its deadline.
addCall(
    "tenant_relations_journey_calls_gas_tour",
    "厨房有燃气味",
    (promise) => [
        edit(
            "partner_phone",
            "13805712301 && click body",
            "the caller's number, as read from the phone's display"
        ),
        shows("partner_id", "王建国"),
        shows("unit_id", "1-201"),
        ...category("燃气味", "燃气"),
        checked("urgency", "urgent", "urgent before saving"),
        promise.readResponse,
        ...promise.save,
        promise.checkResponse,
        checked("urgency", "urgent"),
    ],
    [
        {
            trigger: ".o_list_view .o_data_row:contains('厨房有燃气味') .badge:contains('紧急')",
        },
    ]
);

// 3. Renovation noise: a complaint, graded general at once, with its 24-hour resolution promise.
addCall("tenant_relations_journey_calls_noise_tour", "楼上装修噪音太大", (promise) => [
    edit("partner_id", "李秀英"),
    pick("李秀英"),
    shows("unit_id", "1-201"),
    kind("投诉"),
    {
        content: "a complaint is graded general until the agent says otherwise",
        trigger: field("complaint_grade", "select:has(option:selected:contains('一般'))"),
    },
    ...category("装修噪音", "装修"),
    checked("urgency", "normal"),
    promise.readResponse,
    promise.readResolution,
    ...promise.save,
    promise.checkResponse,
    promise.checkResolution,
]);

// 4. A question about the water bill from a caller nobody knows yet: a contact is made from the
// number typed, and the agent's own property takes the ticket.
addCall("tenant_relations_journey_calls_water_fee_tour", "水费怎么比上个月高", (promise) => [
    kind("咨询"),
    edit("partner_phone", "139 5711 2288 && click body"),
    edit("partner_name", "林女士"),
    ...category("水费", "物业费用"),
    shows("property_id", "翠湖花园", "the agent's own property, and its team, before saving"),
    shows("team_id", "翠湖花园客服组"),
    promise.readResponse,
    ...promise.save,
    shows("partner_id", "林女士"),
    promise.checkResponse,
    assigned(),
]);

// The manager (Mitchell Admin, 翠湖花园's manager) sees the day's calls on the ticket list.
tours.add("tenant_relations_journey_calls_manager_tour", {
    steps: () => [
        {
            trigger: ".o_list_view .o_data_row:contains('卫生间天花板漏水'):contains('马丽')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('厨房有燃气味') .badge:contains('紧急')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('楼上装修噪音太大'):contains('投诉')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('水费怎么比上个月高'):contains('咨询')",
        },
        NO_ERROR,
    ],
});

// The resident, on a phone, follows his call: the page fits the screen, its times are named in
// the firm's time zone, and the agent's reply is in the conversation, timed in that zone too.
tours.add("tenant_relations_journey_calls_resident_phone_tour", {
    steps: () => [
        click(".o_tenant_ticket_row a.o_tenant_ticket_title:contains('厨房有燃气味')"),
        {
            trigger: ".o_tenant_ticket_portal .o_tenant_ticket_name:contains('厨房有燃气味')",
        },
        {
            trigger: ".o_tenant_ticket_reported:contains('(Asia/Shanghai)')",
        },
        {
            trigger: ".o_tenant_ticket_promised_response:contains('(Asia/Shanghai)')",
        },
        {
            trigger: ".o_tenant_ticket_urgent",
        },
        {
            content: "the agent's reply, timed in the page's zone (the firm's), not the phone's",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('抢修师傅') .o-mail-Message-date[title]",
            run() {
                // "2026/12/7 07:30:05" (the conversation, written by the browser) against
                // "2026-12-07 07:29 (Asia/Shanghai)" (the page, written by the server).
                const minutes = (text, re) => {
                    const [, y, mo, d, h, mi] = text.match(re).map(Number);
                    return Date.UTC(y, mo - 1, d, h, mi) / 60000;
                };
                const said = this.anchor.getAttribute("title");
                const reported = document.querySelector(".o_tenant_ticket_reported").textContent;
                const gap =
                    minutes(said, /(\d{4})\D(\d{1,2})\D(\d{1,2})\D+(\d{1,2}):(\d{2})/) -
                    minutes(reported, /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/);
                if (Math.abs(gap) > 10) {
                    throw new Error(`the reply reads ${said}, the request ${reported}`);
                }
            },
        },
        {
            content: "nothing wider than the phone",
            trigger: "body",
            run() {
                const overflow = document.documentElement.scrollWidth - window.innerWidth;
                if (overflow > 0) {
                    throw new Error(`the page is ${overflow}px wider than the phone`);
                }
            },
        },
    ],
});
