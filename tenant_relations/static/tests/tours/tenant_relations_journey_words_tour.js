/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// On the demo database, in Chinese: each persona walks the screens of their day and none shows
// an English word or a "Your logo" placeholder (issue 13). test_journey_words.py runs them.
import { registry } from "@web/core/registry";
import { noEnglishStep } from "@tenant_relations/../tests/tours/tenant_relations_no_english";
import { FORM } from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

const tours = registry.category("web_tour.tours");

/** The form of record ``name``, once its chatter has loaded its messages. */
function formRead(name) {
    return `.o_action_manager:has(.o_breadcrumb .active:contains('${name}')) ${FORM} .o-mail-Chatter .o-mail-Message`;
}

/**
 * Go to ``url`` and wait for its page: the old page stays a moment after the link is followed, and
 * a next step that matched on it too (a row of the same resident) would act on the page leaving.
 */
function goTo(url) {
    return [
        {
            content: `go to ${url}`,
            trigger: "body",
            run(helpers) {
                document.body.classList.add("o_tr_words_left");
                helpers.goToUrl(url);
            },
        },
        {
            content: `on ${url}`,
            trigger: "body:not(.o_tr_words_left)",
        },
    ];
}

function open(selector) {
    return { content: `open ${selector}`, trigger: selector, run: "click" };
}

// The hotline agent 陈晓丽 (hotline/hotline): her home, a ticket, the residents, points, notices.
tours.add("tenant_relations_journey_words_hotline_tour", {
    steps: () => [
        noEnglishStep("今日来电", ".o_action_manager:has(.o_searchview .o_facet_value) .o_list_renderer"),
        ...goTo("/odoo/action-tenant_relations.tenant_ticket_action"),
        open(".o_kanban_record:contains('地下车库渗水')"),
        noEnglishStep("工单：地下车库渗水", formRead("地下车库渗水")),
        ...goTo("/odoo/action-tenant_relations.tenant_profile_action"),
        noEnglishStep("住户档案", ".o_list_view .o_data_row:contains('王建国')"),
        ...goTo("/odoo/action-tenant_relations.res_partner_action_residents"),
        open(".o_list_view .o_data_row:contains('王建国') td.o_data_cell"),
        // Odoo names each language in English and in its own words: "Chinese (Simplified) / 简体中文".
        noEnglishStep("住户：王建国", formRead("王建国"), { allowed: ["Chinese", "Simplified"] }),
        ...goTo("/odoo/action-tenant_relations.loyalty_card_action_tenant"),
        noEnglishStep("积分", ".o_list_view .o_data_row:contains('王建国')"),
        open(".o_list_view .o_data_row:contains('王建国') td.o_data_cell"),
        noEnglishStep("积分卡：王建国", `${FORM} .o_field_widget[name='history_ids'] .o_data_row`),
        ...goTo("/odoo/action-tenant_relations.tenant_notice_action"),
        noEnglishStep("公告", ".o_kanban_record:contains('文明养犬公约')"),
        open(".o_kanban_record:contains('文明养犬公约')"),
        noEnglishStep("公告：文明养犬公约", formRead("文明养犬公约")),
    ],
});

// The administrator, manager of 翠湖花园 (admin/admin): the property, SLA policies, the festival
// greetings with the Mid-Autumn one and its chatter, the settings of Tenant Relations.
tours.add("tenant_relations_journey_words_admin_tour", {
    steps: () => [
        open(".o_kanban_record:contains('翠湖花园')"),
        noEnglishStep("物业项目：翠湖花园", formRead("翠湖花园")),
        ...goTo("/odoo/action-tenant_relations.tenant_sla_policy_action"),
        noEnglishStep("SLA 策略", ".o_list_view .o_data_row"),
        ...goTo("/odoo/action-tenant_relations.tenant_greeting_campaign_action"),
        noEnglishStep("节日问候", ".o_list_view .o_data_row:contains('中秋问候')"),
        open(".o_list_view .o_data_row:contains('中秋问候') td.o_data_cell"),
        {
            content: "the year shows without a thousands separator",
            trigger: `${FORM} .o_field_widget[name='year']`,
            run() {
                const year = this.anchor.innerText.trim();
                if (!/^\d{4}$/.test(year)) {
                    throw new Error(`The year of the greeting campaign reads "${year}"`);
                }
            },
        },
        {
            content: "the Mid-Autumn greeting uses its own template",
            trigger: `${FORM} .o_field_widget[name='template_id'] input`,
            run() {
                if (!this.anchor.value.includes("中秋")) {
                    throw new Error(`The Mid-Autumn greeting uses the template "${this.anchor.value}"`);
                }
            },
        },
        noEnglishStep("节日问候：中秋问候", formRead("中秋问候")),
        ...goTo("/odoo/action-tenant_relations.tenant_holiday_year_action"),
        noEnglishStep("法定节假日", ".o_list_view .o_data_row:contains('2026')"),
        open(".o_list_view .o_data_row:contains('2026') td.o_data_cell"),
        noEnglishStep("法定节假日：2026", `${FORM} .o_field_widget[name='day_ids'] .o_data_row`),
        ...goTo("/odoo/action-tenant_relations.res_config_settings_action"),
        noEnglishStep("设置：租户关系", ".app_settings_block[data-key='tenant_relations'] .o_setting_box", {
            scope: ".app_settings_block[data-key='tenant_relations']",
        }),
    ],
});

// 王建国 on the portal (resident/resident): home, his requests, one of them, points, notices.
tours.add("tenant_relations_journey_words_resident_tour", {
    steps: () => [
        noEnglishStep("我的账户", ".o_portal_my_home .o_portal_index_card:not(.d-none)"),
        ...goTo("/my/tickets"),
        noEnglishStep("我的报修与投诉", ".o_tenant_ticket_row"),
        open(".o_tenant_ticket_row a:first"),
        noEnglishStep("报修详情", "#chatterRoot:shadow .o-mail-Thread"),
        ...goTo("/my/points"),
        noEnglishStep("我的积分", ".o_tenant_points_line"),
        ...goTo("/my/notices"),
        noEnglishStep("公告", ".o_tenant_notice_row"),
        open("a.o_tenant_notice_row:first"),
        noEnglishStep("公告详情", ".o_tenant_notice_portal"),
    ],
});

// The anonymous visitor: the feedback box and its follow-up page. These pages load no Odoo
// bundle on purpose (nothing that would log the visit next to the feedback, see
// feedback_templates.xml), so the tour cannot run inside them: it opens them in a frame of a
// public page and reads the frame.
const FRAME = "iframe.o_tr_words_frame";
// Only the page in the frame is the visitor's screen, not the public page holding it.
const IN_FRAME = { scope: FRAME };
tours.add("tenant_relations_journey_words_visitor_tour", {
    steps: () => {
        let code = null;
        const frame = (url) => ({
            content: `open ${url} in the frame`,
            trigger: "body",
            run() {
                let element = document.querySelector(FRAME);
                if (!element) {
                    element = document.createElement("iframe");
                    element.className = "o_tr_words_frame";
                    element.style.cssText = "position: fixed; inset: 0; width: 100%; height: 100%; z-index: 10000; background: white";
                    document.body.appendChild(element);
                }
                element.src = url;
            },
        });
        return [
            // 翠湖花园's box, whose poster's QR code the visitor scanned.
            frame("/feedback/CHG"),
            noEnglishStep("匿名反馈", `${FRAME}:iframe .o_tenant_feedback_form`, IN_FRAME),
            {
                trigger: `${FRAME}:iframe #feedback_name`,
                run: "edit 地库照明坏了",
            },
            {
                trigger: `${FRAME}:iframe #feedback_text`,
                run: "edit 地下车库 B 区的灯一直不亮，晚上很危险。",
            },
            {
                trigger: `${FRAME}:iframe .o_tenant_feedback_submit`,
                run: "click",
            },
            {
                content: "keep the follow-up code",
                trigger: `${FRAME}:iframe #feedback_code_value`,
                run() {
                    code = this.anchor.innerText.trim();
                },
            },
            noEnglishStep("匿名反馈：已提交", `${FRAME}:iframe #feedback_code_value`, IN_FRAME),
            frame("/feedback/followup"),
            noEnglishStep("查询匿名反馈", `${FRAME}:iframe #feedback_code`, IN_FRAME),
            {
                trigger: `${FRAME}:iframe #feedback_code`,
                run() {
                    this.anchor.value = code;
                },
            },
            {
                trigger: `${FRAME}:iframe .o_tenant_feedback_followup_form button[type='submit']`,
                run: "click",
            },
            noEnglishStep("匿名反馈的处理进度", `${FRAME}:iframe .o_tenant_feedback_card:contains('地库照明坏了')`, IN_FRAME),
        ];
    },
});
