# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase, staff_user


class SurveyScoreCase(TenantRelationsCase):
    """A satisfaction survey with a matrix (cleaning, security), an overall question and a free
    text, a campaign on it, and a helper to answer it as a resident of a property would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_b = staff_user(cls.env, "tr_manager_b")
        cls.property_b.manager_id = cls.manager_b
        ref = cls.env.ref
        cls.cleaning = ref("tenant_relations_survey.tenant_survey_topic_cleaning")
        cls.security = ref("tenant_relations_survey.tenant_survey_topic_security")
        cls.overall = ref("tenant_relations_survey.tenant_survey_topic_overall")
        cls.survey = cls.env["survey.survey"].create(
            {"title": "Scores test survey", "access_mode": "token", "tenant_is_satisfaction": True}
        )
        Question = cls.env["survey.question"]
        cls.matrix = Question.create(
            {
                "survey_id": cls.survey.id,
                "title": "How satisfied are you with...",
                "question_type": "matrix",
                "matrix_subtype": "simple",
                "suggested_answer_ids": [
                    Command.create({"value": "Very satisfied", "tenant_satisfied": True}),
                    Command.create({"value": "Satisfied", "tenant_satisfied": True}),
                    Command.create({"value": "Dissatisfied"}),
                ],
                "matrix_row_ids": [
                    Command.create({"value": "Cleaning", "tenant_topic_id": cls.cleaning.id}),
                    Command.create({"value": "Security", "tenant_topic_id": cls.security.id}),
                ],
            }
        )
        cls.very, cls.satisfied, cls.dissatisfied = cls.matrix.suggested_answer_ids
        cls.row_cleaning, cls.row_security = cls.matrix.matrix_row_ids
        cls.overall_question = Question.create(
            {
                "survey_id": cls.survey.id,
                "title": "Overall, are you satisfied?",
                "question_type": "simple_choice",
                "tenant_topic_id": cls.overall.id,
                "suggested_answer_ids": [
                    Command.create({"value": "Yes", "tenant_satisfied": True}),
                    Command.create({"value": "No"}),
                ],
            }
        )
        cls.yes, cls.no = cls.overall_question.suggested_answer_ids
        cls.suggestion = Question.create(
            {"survey_id": cls.survey.id, "title": "Your suggestions", "question_type": "text_box"}
        )
        cls.campaign = cls.make_campaign("Satisfaction, second half")

    @classmethod
    def make_campaign(cls, name, **vals):
        today = fields.Date.today()
        return cls.env["tenant.survey.campaign"].create(
            {
                "name": name,
                "survey_id": cls.survey.id,
                "date_start": today,
                "date_deadline": today,
                "recurrence_months": 0,
                **vals,
            }
        )

    @classmethod
    def answer(cls, prop, role, cleaning, security, overall, campaign=None, done=True, **vals):
        """A resident's answer to the campaign: the matrix row by row, the overall question and a
        suggestion; finished unless ``done`` is False."""
        answer = cls.env["survey.user_input"].create(
            {
                "survey_id": cls.survey.id,
                "tenant_campaign_id": (campaign or cls.campaign).id,
                "tenant_property_id": prop.id,
                "tenant_role": role,
                **vals,
            }
        )
        answer._save_lines(
            cls.matrix, {cls.row_cleaning.id: [cleaning.id], cls.row_security.id: [security.id]}
        )
        answer._save_lines(cls.overall_question, overall.id)
        answer._save_lines(cls.suggestion, "More flowers, please")
        if done:
            answer._mark_done()
        return answer
