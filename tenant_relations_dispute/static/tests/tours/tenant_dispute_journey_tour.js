/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The dispute journey on the demo database, in Chinese (test_journey_dispute.py runs them): the
// dispute officer (demo / demo) escalates 王建国's complaint and schedules a mediation session;
// later 王建国 (resident / resident) signs the agreement in the portal.
import { registry } from "@web/core/registry";
import {
    FORM,
    click,
    edit,
    noError,
    pick,
    save,
} from "@tenant_relations/../tests/tours/tenant_relations_tour_steps";

const tours = registry.category("web_tour.tours");
const COMPLAINT = "楼上空调冷凝水滴落阳台，多次沟通无果";
const SESSION_PLACE = "翠湖花园物业服务中心 2栋一楼 调解室";

// From the complaint's form: "Escalate to Dispute", confirmed, opens the dispute; "Schedule
// Session" opens a session of it, with the property's committee, for a week from today.
tours.add("tenant_dispute_journey_officer_tour", {
    steps: () => [
        click(`${FORM} button[name='action_escalate_to_dispute']`, "escalate the complaint"),
        click(".modal-footer .btn-primary", "confirm: a dispute between the reporter and the firm"),
        {
            content: "the dispute opens, named after the complaint, at negotiation",
            trigger: `${FORM} .o_field_widget[name='name'] input:value(${COMPLAINT})`,
        },
        {
            trigger: `${FORM} .o_field_widget[name='level_id'] .o_arrow_button_current:contains('协商')`,
        },
        click(`${FORM} button[name='action_schedule_session']`, "schedule a mediation session"),
        {
            content: "the session form, on the dispute, with 翠湖花园's committee",
            trigger: `${FORM} .o_field_widget[name='committee_id']:contains('翠湖花园调解委员会')`,
        },
        edit(
            "date_start",
            `${luxon.DateTime.now().plus({ days: 7 }).toFormat("yyyy-MM-dd")} 14:00:00 && click body`,
            "a week from today, at two"
        ),
        edit("location", SESSION_PLACE),
        edit("member_ids", "赵淑芬"),
        pick("赵淑芬"),
        edit("member_ids", "林建华"),
        pick("林建华"),
        {
            content: "two members sit: the neutral chair and the owners' representative",
            trigger: `${FORM} .o_field_widget[name='member_ids'] .o_tag:contains('林建华')`,
        },
        ...save(),
        noError(),
    ],
});

// 王建国 opens his disputes, the one made from his complaint, reads the agreement and signs it with
// Odoo's portal signature form.
tours.add("tenant_dispute_journey_party_tour", {
    steps: () => [
        {
            content: "the dispute from his complaint awaits his signature",
            trigger: `.o_tenant_dispute_row:contains('${COMPLAINT}') .o_tenant_dispute_to_sign`,
        },
        click(`.o_tenant_dispute_row a.o_tenant_dispute_title:contains('${COMPLAINT}')`, "open it"),
        {
            content: "the terms the officer recorded",
            trigger: ".o_tenant_dispute_terms:contains('冷凝水管')",
        },
        click(".o_tenant_dispute_sign_button", "open the signature form"),
        {
            content: "his name is filled in: the button is enabled",
            trigger: ".modal.show .o_portal_sign_submit:enabled",
        },
        click(".modal.show .o_web_sign_auto_select_style button", "choose a signature style"),
        click(".o-dropdown-item:eq(1)", "the second style"),
        click(".modal.show .o_portal_sign_submit:enabled", "accept and sign"),
        {
            content: "back on the dispute, the agreement reads as signed",
            trigger: ".o_tenant_dispute_agreement .o_tenant_dispute_signed",
        },
        {
            content: "and no signature is asked any more",
            trigger: ".o_tenant_dispute_portal:not(:has(.o_tenant_dispute_sign_button))",
        },
    ],
});
