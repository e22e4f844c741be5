# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17: an unhappy identified answer opens one dissatisfaction return visit (不满意回访)."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.common import no_ack_tickets

from .common import SurveyScoreCase

THRESHOLD_PARAM = "tenant_relations_survey.followup_threshold"


@tagged("post_install", "-at_install")
class TestSurveyFollowup(SurveyScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_a2, cls.tenant, role="tenant")
        cls.Visit = cls.env["tenant.visit"]

    def unhappy_answer(self, partner=None, **vals):
        """One satisfied choice of three (33 %): below the default threshold of 60 %."""
        partner = partner or self.owner
        return self.answer(
            self.property_a,
            "owner",
            self.dissatisfied,
            self.dissatisfied,
            self.yes,
            partner_id=partner.id,
            **vals,
        )

    def followups(self):
        return self.Visit.search([("kind", "=", "followup")])

    def test_unhappy_campaign_answer_planned_once(self):
        answer = self.unhappy_answer()
        self.assertAlmostEqual(answer.tenant_satisfaction, 100 / 3, places=1)
        answer._mark_done()  # a double submit
        visit = self.followups()
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.partner_id, self.owner)
        self.assertEqual(visit.reason_key, f"followup:survey.user_input,{answer.id}")
        self.assertEqual(visit.unit_id, self.unit_a1, "the resident's only unit")
        self.assertEqual(visit.user_id, self.staff_a, "the property's manager")
        self.assertEqual(visit.state, "planned")
        self.assertIn(self.campaign.name, visit.followup_reason)
        self.assertIn("33%", visit.followup_reason)

    def test_happy_unfinished_test_or_unnamed_answers_open_nothing(self):
        happy = self.answer(
            self.property_a, "owner", self.very, self.satisfied, self.no, partner_id=self.owner.id
        )
        self.assertAlmostEqual(happy.tenant_satisfaction, 200 / 3, places=1)
        self.unhappy_answer(self.tenant, done=False)
        self.unhappy_answer(campaign=self.make_campaign("Test run"), test_entry=True)
        self.answer(self.property_a, "owner", self.dissatisfied, self.dissatisfied, self.no)  # nobody's
        self.assertFalse(self.followups())

    def test_threshold(self):
        self.env["ir.config_parameter"].set_param(THRESHOLD_PARAM, "70")
        self.answer(self.property_a, "owner", self.very, self.satisfied, self.no, partner_id=self.owner.id)
        self.assertEqual(self.followups().partner_id, self.owner, "67 % is below 70 %")
        self.env["ir.config_parameter"].set_param(THRESHOLD_PARAM, "0")
        self.unhappy_answer(self.tenant)
        self.assertEqual(self.followups().partner_id, self.owner, "0: no follow-up at all")

    def test_answer_without_scored_choices_is_not_unhappy(self):
        survey = self.env["survey.survey"].create({"title": "Free text only", "access_mode": "token"})
        self.env["survey.question"].create(
            {"survey_id": survey.id, "title": "Tell us", "question_type": "text_box"}
        )
        answer = self.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "partner_id": self.owner.id,
                "tenant_campaign_id": self.make_campaign("Free text", survey_id=survey.id).id,
            }
        )
        answer._mark_done()
        self.assertEqual(answer.tenant_scored_count, 0)
        self.assertFalse(answer._tenant_is_unhappy(), "0 % of nothing is no verdict")
        self.assertFalse(self.followups())

    def test_after_request_answer_shares_the_tickets_followup(self):
        """A poor answer about a ticket and a poor rating of it open one visit between them."""
        self.owner.tenant_notification_consent = True
        self.env["tenant.ticket.survey"].create(
            {"name": "After a repair", "kind": "repair", "survey_id": self.survey.id}
        )
        ticket = no_ack_tickets(self.env).create(
            {"name": "Water from the ceiling", "unit_id": self.unit_a1.id, "partner_id": self.owner.id}
        )
        ticket.write({"stage_id": self.env.ref("tenant_relations.tenant_ticket_stage_closed").id})
        answer = ticket.tenant_survey_answer_ids
        self.assertEqual(len(answer), 1)
        answer._save_lines(
            self.matrix,
            {self.row_cleaning.id: [self.dissatisfied.id], self.row_security.id: [self.dissatisfied.id]},
        )
        answer._save_lines(self.overall_question, self.no.id)
        answer._mark_done()
        visit = self.followups()
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.ticket_id, ticket)
        self.assertEqual(visit.reason_key, f"followup:tenant.ticket,{ticket.id}")
        self.assertIn(ticket.number, visit.followup_reason)
        ticket.sudo().rating_apply(1, token=ticket._rating_get_access_token())
        self.assertEqual(self.followups(), visit, "the rating finds the visit already planned")
        self.assertTrue(ticket.low_rating_followup_date)

    def test_threshold_setting(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.tenant_survey_followup_threshold, 60)
        settings.tenant_survey_followup_threshold = 0
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].get_param(THRESHOLD_PARAM), "0")
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"tenant_survey_followup_threshold": 101})
        self.env["ir.config_parameter"].set_param(THRESHOLD_PARAM, "150")
        self.assertEqual(self.env["survey.user_input"]._tenant_followup_threshold(), 100, "kept within 0-100")
