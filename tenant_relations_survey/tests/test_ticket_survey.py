# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17: the after-request survey (工单关闭后问卷), mailed once when a ticket closes."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.common import (
    PortalCase,
    TicketCase,
    no_ack_tickets,
    portal_resident,
    portal_user,
    property_units,
)

from .test_survey_points import SurveyPointsMixin


@tagged("post_install", "-at_install")
class TestTicketSurvey(SurveyPointsMixin, TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner.tenant_notification_consent = True
        cls.survey = cls.make_survey(cls.env, "After your repair")
        cls.config = cls.env["tenant.ticket.survey"].create(
            {"name": "After a repair", "kind": "repair", "survey_id": cls.survey.id}
        )
        cls.Answer = cls.env["survey.user_input"]

    def close(self, ticket):
        ticket.with_user(self.staff_a).write({"stage_id": self.stage_closed.id})

    def survey_mails(self, ticket):
        answers = self.Answer.search([("tenant_ticket_id", "=", ticket.id)])
        return self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "in", answers.ids)]
        )

    def rating_request(self, ticket):
        return ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")

    def test_sent_once_when_closed_besides_the_rating(self):
        ticket = self.ticket()
        self.assertFalse(ticket.tenant_survey_answer_ids, "nothing before the close")
        self.close(ticket)
        answer = ticket.tenant_survey_answer_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.partner_id, self.owner)
        self.assertEqual(answer.tenant_ticket_survey_id, self.config)
        self.assertEqual(answer.tenant_property_id, self.property_a, "read by the property's staff")
        self.assertEqual(ticket.tenant_survey_answer_count, 1)
        mail = self.survey_mails(ticket)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.owner)
        self.assertIn(answer.access_token, str(mail.body_html), "the link opens the reporter's answer")
        self.assertIn(ticket.number, mail.subject)
        self.assertTrue(self.rating_request(ticket), "besides: the rating request is sent too")
        self.assertTrue(ticket._tenant_rating_offered())
        # Reopened and closed again: no second survey.
        ticket.with_user(self.staff_a).write({"stage_id": self.stage_progress.id})
        self.close(ticket)
        self.assertEqual(ticket.tenant_survey_answer_ids, answer)
        self.assertEqual(len(self.survey_mails(ticket)), 1)
        action = ticket.action_view_survey_answers()
        self.assertEqual(self.Answer.search(action["domain"]), answer)

    def test_instead_of_the_rating(self):
        self.config.rating_mode = "instead"
        ticket = self.ticket()
        self.close(ticket)
        self.assertEqual(len(ticket.tenant_survey_answer_ids), 1)
        self.assertFalse(self.rating_request(ticket), "the survey replaces the closing rating request")
        self.assertFalse(ticket._tenant_rating_offered(), "no rating on the portal either")
        # Closed again: still no rating request, no second survey.
        ticket.with_user(self.staff_a).write({"stage_id": self.stage_progress.id})
        self.close(ticket)
        self.assertFalse(self.rating_request(ticket))
        self.assertEqual(len(ticket.tenant_survey_answer_ids), 1)

    def test_only_to_consenting_reporters_with_an_email(self):
        self.config.rating_mode = "instead"
        self.owner.tenant_notification_consent = False
        ticket = self.ticket()
        self.close(ticket)
        self.assertFalse(ticket.tenant_survey_answer_ids)
        self.assertTrue(self.rating_request(ticket), "no survey for them: they are asked to rate")
        self.owner.write({"tenant_notification_consent": True, "email": False})
        ticket = self.ticket(name="Second", partner_email="kept@example.com")
        self.close(ticket)
        self.assertFalse(ticket.tenant_survey_answer_ids, "a contact without e-mail gets no survey")
        no_reporter = self.ticket(name="Nobody's", partner_id=False)
        self.close(no_reporter)
        self.assertFalse(no_reporter.tenant_survey_answer_ids)

    def test_kind_and_category(self):
        leak_survey = self.make_survey(self.env, "After a leak")
        parent = self.env["tenant.ticket.category"].create({"name": "Water"})
        child = self.env["tenant.ticket.category"].create({"name": "Pipes", "parent_id": parent.id})
        leak = self.env["tenant.ticket.survey"].create(
            {"name": "Water", "kind": "repair", "category_id": parent.id, "survey_id": leak_survey.id}
        )
        in_child, plain, complaint = (
            self.ticket(name="Pipe burst", category_id=child.id),
            self.ticket(name="Door", category_id=self.cat_noise.id),
            self.ticket(name="Noise", kind="complaint"),
        )
        (in_child | plain | complaint).with_user(self.staff_a).write({"stage_id": self.stage_closed.id})
        self.assertEqual(in_child.tenant_survey_answer_ids.tenant_ticket_survey_id, leak, "nearest category")
        self.assertEqual(plain.tenant_survey_answer_ids.tenant_ticket_survey_id, self.config, "the kind's")
        self.assertFalse(complaint.tenant_survey_answer_ids, "no survey for complaints")

    def test_one_per_kind_and_category(self):
        with self.assertRaises(ValidationError):
            self.env["tenant.ticket.survey"].create(
                {"name": "Twice", "kind": "repair", "survey_id": self.survey.id}
            )
        self.config.active = False
        self.env["tenant.ticket.survey"].create(
            {"name": "Replacing", "kind": "repair", "survey_id": self.survey.id}
        )

    def test_survey_requiring_sign_in_only_to_reporters_with_a_login(self):
        self.survey.users_login_required = True
        ticket = self.ticket()
        self.close(ticket)
        self.assertFalse(ticket.tenant_survey_answer_ids, "the reporter could not open it")
        portal_user(self.env, "tr_follow_owner", self.owner)
        ticket = self.ticket(name="Second")
        self.close(ticket)
        self.assertEqual(len(ticket.tenant_survey_answer_ids), 1)

    def test_managers_configure_staff_read(self):
        Config = self.env["tenant.ticket.survey"]
        self.assertEqual(Config.with_user(self.staff_a).search([("id", "=", self.config.id)]), self.config)
        self.assertEqual(self.config.with_user(self.staff_a).survey_title, "After your repair")
        with self.assertRaises(AccessError):
            Config.with_user(self.staff_a).create(
                {"name": "Mine", "kind": "inquiry", "survey_id": self.survey.id}
            )
        with self.assertRaises(AccessError):
            self.config.with_user(self.staff_a).write({"rating_mode": "instead"})
        created = Config.with_user(self.manager).create(
            {"name": "Inquiries", "kind": "inquiry", "survey_id": self.survey.id}
        )
        created.with_user(self.manager).write({"rating_mode": "instead"})
        self.assertEqual(created.rating_mode, "instead")

    def test_link_in_the_reporters_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.owner.lang = "zh_CN"
        ticket = self.ticket()
        self.close(ticket)
        mail = self.survey_mails(ticket)
        self.assertIn("/zh_CN/survey/start/", str(mail.body_html))


@tagged("post_install", "-at_install")
class TestTicketSurveyPortal(SurveyPointsMixin, PortalCase):
    """The resident closes their request on the portal: the survey comes, and replaces the rating."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        unit = property_units(cls.env, "TSP", "Ticket Survey Park", ("1", "0101", "1-0101"))
        cls.user = portal_resident(cls.env, "tr_ticket_survey", unit, "Resident S", "s@example.com")
        cls.user.partner_id.tenant_notification_consent = True
        cls.ticket = no_ack_tickets(cls.env).create(
            {"name": "Window latch", "partner_id": cls.user.partner_id.id, "unit_id": unit.id}
        )
        cls.env["tenant.ticket.survey"].create(
            {
                "name": "After a repair",
                "kind": "repair",
                "survey_id": cls.make_survey(cls.env, "After your repair").id,
                "rating_mode": "instead",
            }
        )

    def test_closed_on_the_portal_survey_instead_of_rating(self):
        self.login(self.user)
        self.assertEqual(self.close_on_portal(self.ticket.access_url).status_code, 303)
        self.assertTrue(self.ticket.is_closed)
        answer = self.ticket.tenant_survey_answer_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.partner_id, self.user.partner_id)
        page = self.url_open(self.ticket.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("/rate/", page.text, "no rating offered: the survey replaces it")
        # The reporter opens their answer from the mail's link.
        self.assertEqual(self.url_open(answer.get_start_url()).status_code, 200)
