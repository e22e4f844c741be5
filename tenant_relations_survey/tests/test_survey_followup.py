# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17: an unhappy identified answer opens one dissatisfaction return visit (不满意回访)."""

from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.common import TicketCase

from .test_survey_points import SurveyPointsMixin

THRESHOLD_PARAM = "tenant_relations_survey.followup_threshold"


@tagged("post_install", "-at_install")
class TestSurveyFollowup(SurveyPointsMixin, TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.make_survey(cls.env)
        today = fields.Date.today()
        cls.campaign = cls.env["tenant.survey.campaign"].create(
            {
                "name": "Owners 2026 H1",
                "survey_id": cls.survey.id,
                "date_start": today,
                "date_deadline": today + timedelta(days=30),
            }
        )
        cls.Answer = cls.env["survey.user_input"]
        cls.Visit = cls.env["tenant.visit"]

    @contextmanager
    def unhappy(self, value=True):
        """Stands in for the scores (tenant_satisfaction below the threshold), which this branch
        does not hold yet: only the judgement is replaced, the follow-up runs for real."""
        with patch.object(type(self.Answer), "_tenant_is_unhappy", lambda answer: value):
            yield

    def answer(self, **vals):
        return self.Answer.create(
            {
                "survey_id": self.survey.id,
                "partner_id": self.owner.id,
                "tenant_campaign_id": self.campaign.id,
                **vals,
            }
        )

    def followups(self):
        return self.Visit.search([("kind", "=", "followup")])

    def test_unhappy_campaign_answer_planned_once(self):
        answer = self.answer()
        with self.unhappy():
            answer._mark_done()
            answer._mark_done()  # a double submit
        visit = self.followups()
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.reason_key, f"followup:survey.user_input,{answer.id}")
        self.assertEqual(visit.unit_id, self.unit_a1, "the resident's only unit")
        self.assertEqual(visit.user_id, self.staff_a, "the property's manager")
        self.assertIn(self.campaign.name, visit.followup_reason)

    def test_happy_unfinished_test_or_unnamed_answers_open_nothing(self):
        with self.unhappy(False):
            self.answer()._mark_done()
        with self.unhappy():
            self.answer(partner_id=self.tenant.id, test_entry=True)._mark_done()
            self.Answer.create(
                {"survey_id": self.survey.id, "tenant_campaign_id": self.campaign.id}
            )._mark_done()
            # Outside any campaign or ticket: Odoo's own surveys are nobody's follow-up.
            self.Answer.create({"survey_id": self.survey.id, "partner_id": self.owner.id})._mark_done()
        self.assertFalse(self.followups())

    def test_unscored_answers_are_not_unhappy(self):
        answer = self.answer()
        answer._mark_done()
        if "tenant_satisfaction" not in answer._fields:
            self.assertFalse(answer._tenant_is_unhappy(), "without scores nobody is judged unhappy")
        self.assertEqual(answer._tenant_followup_threshold(), 60, "the default threshold")
        self.env["ir.config_parameter"].set_param(THRESHOLD_PARAM, "150")
        self.assertEqual(answer._tenant_followup_threshold(), 100, "kept within 0-100")

    def test_after_request_answer_shares_the_tickets_followup(self):
        """A poor answer about a ticket and a poor rating of it open one visit between them."""
        self.owner.tenant_notification_consent = True
        self.env["tenant.ticket.survey"].create(
            {"name": "After a repair", "kind": "repair", "survey_id": self.survey.id}
        )
        ticket = self.ticket()
        ticket.with_user(self.staff_a).write({"stage_id": self.stage_closed.id})
        answer = ticket.tenant_survey_answer_ids
        with self.unhappy():
            answer._mark_done()
        visit = self.followups()
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.ticket_id, ticket)
        self.assertIn(ticket.number, visit.followup_reason)
        ticket.sudo().rating_apply(1, token=ticket._rating_get_access_token())
        self.assertEqual(self.followups(), visit, "the rating finds the visit already planned")

    def test_threshold_setting(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.tenant_survey_followup_threshold, 60)
        settings.tenant_survey_followup_threshold = 0
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].get_param(THRESHOLD_PARAM), "0")
        with self.assertRaises(Exception):  # noqa: B017 (ValidationError, rolled back by the savepoint)
            with self.env.cr.savepoint():
                self.env["res.config.settings"].create({"tenant_survey_followup_threshold": 101})
