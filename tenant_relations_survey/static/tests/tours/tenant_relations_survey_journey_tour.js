/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The resident's part of the survey journey (tests/test_journey_survey.py), on a phone: from the
// open invitations on /my/surveys, answer the 业主满意度调查 through Odoo's survey pages and finish.
// The questions are found by their place in the shipped survey, not by their words: the resident
// reads them in Chinese.
import { registry } from "@web/core/registry";

// The shipped survey's questions, in order (data/survey_survey_data.xml).
const SERVICES = 0; // the matrix: one row per service, columns very satisfied … very dissatisfied
const CHANNELS = 1; // how easy to reach us: very easy … very difficult
const PREFERRED = 2; // preferred channels: hotline, WeChat, app, website, e-mail, front desk
const OVERALL = 3; // overall: very satisfied … very dissatisfied
const SUGGESTIONS = 4; // free text

const question = (index) => `.o_survey_form .js_question-wrapper:eq(${index})`;

function choose(index, choice, content) {
    return {
        content,
        trigger: `${question(index)} label.o_survey_choice_btn:eq(${choice})`,
        run: "click",
    };
}

// The matrix rows: cleaning, security, greening, repairs, response speed, communication, fee
// transparency, parking, facilities. Cleaning is "satisfied", the rest "very satisfied".
const ROWS = [1, 0, 0, 0, 0, 0, 0, 0, 0];

registry.category("web_tour.tours").add("tenant_relations_survey_journey_resident_tour", {
    steps: () => [
        {
            content: "The open survey waits on /my/surveys: open it",
            trigger: "a.o_tenant_survey_invitation:visible",
            run: "click",
        },
        {
            content: "Start the survey",
            trigger: ".o_survey_start button[value='start']:not(.disabled)",
            run: "click",
        },
        ...ROWS.map((column, row) => ({
            content: `Rate service ${row + 1} of the matrix`,
            trigger: `${question(SERVICES)} .o_survey_question_matrix tbody tr:eq(${row}) td.o_survey_matrix_btn:eq(${column})`,
            run: "click",
        })),
        {
            content: "Every service is rated",
            trigger: `${question(SERVICES)} .o_survey_question_matrix`,
            run() {
                const checked = this.anchor.querySelectorAll("input:checked").length;
                if (checked !== ROWS.length) {
                    throw new Error(`${checked} services rated out of ${ROWS.length}`);
                }
            },
        },
        choose(CHANNELS, 1, "Reaching the service centre is easy"),
        choose(PREFERRED, 1, "Prefers WeChat"),
        choose(PREFERRED, 2, "and the app"),
        choose(OVERALL, 0, "Very satisfied overall"),
        {
            content: "A suggestion",
            trigger: `${question(SUGGESTIONS)} textarea`,
            run: "edit 地下车库的照明希望再亮一些。",
        },
        {
            content: "Submit",
            trigger: ".o_survey_form button[value='finish']:not(.disabled)",
            run: "click",
        },
        {
            content: "The survey thanks the resident",
            trigger: ".o_survey_finished",
        },
    ],
});
