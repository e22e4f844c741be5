/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// On the demo database, in Chinese, as the hotline agent of 翠湖花园 (陈晓丽): a day at the desk,
// part two (issue 13). Each tour is one moment a real agent lives; test_journey_desk.py runs them.
import { registry } from "@web/core/registry";
import {
    FORM,
    click,
    clickSave,
    edit,
    noError,
    pick,
    save,
    shows,
} from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

const tours = registry.category("web_tour.tours");

// 住户 → 住户档案: the list shows, with only this property's units.
tours.add("tenant_relations_journey_desk_profiles_tour", {
    steps: () => [
        {
            trigger: ".o_list_view .o_data_row:contains('程志远') .o_field_many2many_tags:contains('2-1002')",
        },
        {
            content: "程志远's unit in 云栖公寓 is not shown to 翠湖花园's agent",
            trigger: ".o_list_view .o_data_row:contains('程志远'):not(:contains('A-1201'))",
        },
        noError(),
    ],
});

// 马丽, found by her name, lives in two units: the form asks which one before saving. (Found by
// the code of one of them, that unit is taken: see the leak call, journey_calls_tour.js.)
tours.add("tenant_relations_journey_desk_two_units_tour", {
    steps: () => [
        edit("name", "卧室窗户关不上"),
        edit("partner_id", "马丽"),
        pick("马丽"),
        shows("partner_phone", "137 7756 3078"),
        clickSave("saving without the unit is refused"),
        {
            trigger: `${FORM} .o_field_widget[name='unit_id'].o_field_invalid`,
        },
        edit("unit_id", "1-1501"),
        pick("1-1501"),
        shows("property_id", "翠湖花园"),
        ...save(),
    ],
});

// A caller nobody knows: the number is typed first, then the name; saving makes the contact.
tours.add("tenant_relations_journey_desk_unknown_caller_tour", {
    steps: () => [
        edit("name", "小区东门道闸坏了"),
        edit("partner_phone", "139 5711 0000", "the phone field shows before any reporter is chosen"),
        edit("partner_name", "赵先生"),
        ...save(),
        shows("partner_id", "赵先生"),
    ],
});

// A known number typed in the phone field proposes the contact who has it.
tours.add("tenant_relations_journey_desk_known_number_tour", {
    steps: () => [
        edit("partner_phone", "138-0571-2301 && click body"),
        shows("partner_id", "王建国"),
        shows("unit_id", "1-201"),
        edit("name", "客厅吊灯闪烁"),
        ...save(),
    ],
});

// Signing in, the agent lands on today's calls, not in Discuss.
tours.add("tenant_relations_journey_desk_home_tour", {
    steps: () => [
        {
            trigger: ".o_action_manager .o_list_view",
        },
        {
            trigger: ".o_searchview .o_facet_value",
        },
        {
            trigger: "body:not(:has(.o-mail-Discuss))",
        },
    ],
});

// 发送消息 answers the resident: the form shows the first response without a reload.
tours.add("tenant_relations_journey_desk_send_message_tour", {
    steps: () => [
        {
            trigger: `${FORM} button[name='action_respond']`,
        },
        click(".o-mail-Chatter-topbar button.o-mail-Chatter-sendMessage"),
        {
            trigger: ".o-mail-Composer-input",
            run: "edit 您好，维修师傅 30 分钟内上门。",
        },
        click(".o-mail-Composer-send:enabled"),
        {
            trigger: ".o-mail-Message:contains('维修师傅')",
        },
        {
            content: "the Responded button is gone: the first response is recorded",
            trigger: `${FORM}:not(:has(button[name='action_respond']))`,
        },
    ],
});

// 标记已响应 leaves a line in the chatter: who and when.
tours.add("tenant_relations_journey_desk_mark_responded_tour", {
    steps: () => [
        click(`${FORM} button[name='action_respond']`),
        {
            trigger: ".o-mail-Message:contains('陈晓丽'):contains('已标记为已响应')",
        },
        {
            trigger: `${FORM}:not(:has(button[name='action_respond']))`,
        },
    ],
});
