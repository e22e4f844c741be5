# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

TOPIC_CODES = [
    "response_speed", "communication", "channels", "cleaning", "security", "greening", "repairs",
    "fee_transparency", "facilities", "parking", "overall",
]  # fmt: skip


@tagged("post_install", "-at_install")
class TestShippedSurveys(TenantRelationsCase):
    """The topics and the two surveys Tenant Relations ships score as they should, and the
    Surveys menu lists them rather than Odoo's samples."""

    def test_eleven_topics(self):
        topics = self.env["tenant.survey.topic"].search([])
        self.assertEqual(sorted(topics.mapped("code")), sorted(TOPIC_CODES))

    def test_owner_survey_scores_every_topic_but_channels_preference(self):
        survey = self.env.ref("tenant_relations_survey.survey_survey_owner_satisfaction")
        self.assertEqual((survey.access_mode, survey.users_login_required), ("token", False))
        self.assertTrue(survey.tenant_is_satisfaction)
        matrix = self.env.ref("tenant_relations_survey.survey_question_owner_services")
        self.assertEqual(
            set(matrix.matrix_row_ids.tenant_topic_id.mapped("code")),
            set(TOPIC_CODES) - {"channels", "overall"},
        )
        self.assertEqual(len(matrix.matrix_row_ids), 9)
        self.assertEqual(
            matrix.suggested_answer_ids.mapped("tenant_satisfied"), [True, True, False, False, False]
        )
        scored = survey.question_ids.filtered("tenant_topic_id")
        self.assertEqual(set(scored.tenant_topic_id.mapped("code")), {"channels", "overall"})

        # An owner satisfied with everything but parking: 10 of 11 scored choices.
        answer = self.env["survey.user_input"].create(
            {"survey_id": survey.id, "tenant_property_id": self.property_a.id, "tenant_role": "owner"}
        )
        good = matrix.suggested_answer_ids[0]
        bad = matrix.suggested_answer_ids[3]
        answer._save_lines(
            matrix,
            {
                row.id: [bad.id if row.tenant_topic_id.code == "parking" else good.id]
                for row in matrix.matrix_row_ids
            },
        )
        for question in survey.question_ids - matrix:
            if question.question_type == "simple_choice":
                answer._save_lines(question, question.suggested_answer_ids[1].id)
            elif question.question_type == "multiple_choice":
                answer._save_lines(question, question.suggested_answer_ids[:2].ids)
            else:
                answer._save_lines(question, "A bench near the playground")
        answer._mark_done()
        self.assertEqual(answer.tenant_scored_count, 11)
        self.assertAlmostEqual(answer.tenant_satisfaction, 90.9, places=4)
        (row,) = self.env["survey.user_input"]._tenant_satisfaction(
            property=self.property_a, domain=[("tenant_topic_id.code", "=", "parking")]
        )
        self.assertEqual((row["satisfaction"], row["answers"]), (0.0, 1))

    def test_repair_survey_is_short_and_scored(self):
        survey = self.env.ref("tenant_relations_survey.survey_survey_repair_followup")
        self.assertTrue(survey.tenant_is_satisfaction)
        self.assertLessEqual(len(survey.question_ids), 4)
        self.assertEqual(
            survey.question_ids.tenant_topic_id.mapped("code"),
            ["response_speed", "repairs", "communication", "overall"],
        )

    def test_surveys_menu_lists_satisfaction_surveys_first(self):
        menu = self.env.ref("tenant_relations_survey.survey_menu_surveys")
        action = menu.action
        self.assertEqual(action.res_model, "survey.survey")
        self.assertIn("'search_default_tenant_satisfaction': 1", action.context)
        arch = self.env["survey.survey"].get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn('name="tenant_satisfaction"', arch)
