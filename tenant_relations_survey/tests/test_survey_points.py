# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.survey.tests.common import SurveyCase
from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

SURVEY_PARAM = "tenant_relations.loyalty_points_survey"


class SurveyPointsMixin:
    @classmethod
    def make_survey(cls, env, title="Satisfaction 2026"):
        survey = env["survey.survey"].create(
            {
                "title": title,
                "access_mode": "public",
                "users_login_required": False,
                "questions_layout": "page_per_question",
                "is_attempts_limited": False,
            }
        )
        env["survey.question"].create(
            {"title": "How satisfied are you?", "question_type": "text_box", "survey_id": survey.id}
        )
        return survey


@tagged("post_install", "-at_install")
class TestSurveyPoints(SurveyPointsMixin, TenantRelationsCase):
    """Residents earn the survey points once per survey; others earn nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(SURVEY_PARAM, 20)
        cls.occupy(cls.unit_a1, cls.owner)
        cls.survey = cls.make_survey(cls.env)

    def complete(self, partner, survey=None, **vals):
        answer = self.env["survey.user_input"].create(
            {"survey_id": (survey or self.survey).id, "partner_id": partner.id, **vals}
        )
        answer._mark_done()
        return answer

    def test_once_per_survey(self):
        first = self.complete(self.owner)
        self.assertTrue(first.tenant_points_awarded)
        self.assertEqual(self.owner.tenant_points, 20)
        second = self.complete(self.owner)
        self.assertFalse(second.tenant_points_awarded, "answering again earns nothing")
        self.complete(self.owner, survey=self.make_survey(self.env, "Cleaning 2026"))
        self.owner.invalidate_recordset(["tenant_points"])
        self.assertEqual(self.owner.tenant_points, 40, "another survey earns again")

    def test_not_residents_nor_tests_nor_zero(self):
        self.complete(self.tenant)  # no occupancy
        self.assertEqual(self.tenant.tenant_points, 0)
        self.complete(self.owner, test_entry=True)
        self.assertEqual(self.owner.tenant_points, 0, "a test entry by staff earns nothing")
        self.env["ir.config_parameter"].sudo().set_param(SURVEY_PARAM, 0)
        answer = self.complete(self.owner)
        self.assertFalse(answer.tenant_points_awarded)
        self.owner.invalidate_recordset(["tenant_points"])
        self.assertEqual(self.owner.tenant_points, 0)

    def test_batch_of_answers(self):
        Answer = self.env["survey.user_input"]
        answers = Answer.create(
            [{"survey_id": self.survey.id, "partner_id": self.owner.id} for _ in range(3)]
        )
        answers._mark_done()
        self.assertEqual(len(answers.filtered("tenant_points_awarded")), 1)
        self.assertEqual(self.owner.tenant_points, 20)


@tagged("post_install", "-at_install")
class TestSurveyPointsPortal(SurveyPointsMixin, SurveyCase, HttpCase):
    """A signed-in resident answers through the survey pages and earns the points."""

    def test_resident_answers_in_the_browser(self):
        self.env["ir.config_parameter"].sudo().set_param(SURVEY_PARAM, 15)
        partner = self.env["res.partner"].create({"name": "Resident", "email": "resident@example.com"})
        new_test_user(self.env, "tr_survey_resident", groups="base.group_portal", partner_id=partner.id)
        prop = self.env["tenant.property"].create({"name": "Green Lake Gardens", "code": "GLG"})
        unit = self.env["tenant.unit"].create({"property_id": prop.id, "number": "1201", "code": "1-1201"})
        self.env["tenant.occupancy"].create(
            {"unit_id": unit.id, "partner_id": partner.id, "move_in_date": "2024-01-01"}
        )
        survey = self.make_survey(self.env)
        self.authenticate("tr_survey_resident", "tr_survey_resident")
        response = self._access_start(survey)
        self.assertEqual(response.status_code, 200)
        answer = self.env["survey.user_input"].search([("survey_id", "=", survey.id)])
        self.assertEqual(answer.partner_id, partner)
        csrf_token = self._find_csrf_token(response.text)
        self._access_begin(survey, answer.access_token)
        self._answer_question(
            survey.question_ids, "Clean and quiet", answer.access_token, csrf_token, button_submit="finish"
        )
        answer.invalidate_recordset()
        self.assertEqual(answer.state, "done")
        self.assertTrue(answer.tenant_points_awarded)
        self.assertEqual(partner.tenant_points, 15)
