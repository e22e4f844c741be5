# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Satisfaction-survey campaigns: audience, invitations in each resident's language, one reminder,
recurrence, closing, and the refusals of bad input."""

from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase, load_chinese
from odoo.addons.tenant_relations.tests.test_campaign import make_residents

from .test_survey_points import SURVEY_PARAM, SurveyPointsMixin


class CampaignMixin(SurveyPointsMixin):
    @classmethod
    def campaign(cls, env, survey, start="2027-03-01", deadline="2027-03-20", **vals):
        return env["tenant.survey.campaign"].create(
            {
                "name": "Owner satisfaction 2027 H1",
                "survey_id": survey.id,
                "date_start": start,
                "date_deadline": deadline,
                **vals,
            }
        )


@tagged("post_install", "-at_install")
class TestSurveyCampaign(CampaignMixin, TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(SURVEY_PARAM, 20)
        Partner = cls.env["res.partner"]
        cls.owner.write({"tenant_notification_consent": True, "lang": "en_US"})
        cls.tenant.write({"tenant_notification_consent": True})
        cls.member = Partner.create(
            {"name": "张伟", "email": "zhang@example.com", "tenant_notification_consent": True}
        )
        cls.no_consent = Partner.create({"name": "赵敏", "email": "zhao@example.com"})
        cls.no_email = Partner.create({"name": "孙丽", "tenant_notification_consent": True})
        cls.neighbour = Partner.create(
            {"name": "Cloud Owner", "email": "cloud@example.com", "tenant_notification_consent": True}
        )
        cls.unit_a3 = cls.env["tenant.unit"].create(
            {
                "property_id": cls.property_a.id,
                "building": "2",
                "floor": 3,
                "number": "0301",
                "code": "2-0301",
            }
        )
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_a2, cls.tenant, role="tenant", move_in="2026-06-01")
        cls.occupy(cls.unit_a3, cls.member, role="resident")
        cls.occupy(cls.unit_a3, cls.no_consent, role="owner")
        cls.occupy(cls.unit_a3, cls.no_email, role="tenant")
        cls.occupy(cls.unit_b1, cls.neighbour)
        cls.survey = cls.make_survey(cls.env)
        cls.survey.access_mode = "token"

    @classmethod
    def campaign(cls, env, survey, **vals):
        """A campaign to the case's two properties (a database may hold others)."""
        vals.setdefault("property_ids", [(6, 0, (cls.property_a | cls.property_b).ids)])
        return super().campaign(env, survey, **vals)

    def mails(self, campaign):
        return self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "in", campaign.answer_ids.ids)]
        )

    def run_jobs(self, day, batch_size=500):
        with freeze_time(day):
            return self.env["tenant.survey.campaign"]._cron_run_campaigns(batch_size=batch_size)

    def invited(self, campaign):
        return campaign.answer_ids.partner_id

    # Audience -----------------------------------------------------------------------------------

    def test_audience_by_property_role_building_and_consent(self):
        campaign = self.campaign(self.env, self.survey, property_ids=[(6, 0, self.property_a.ids)])
        self.assertEqual(campaign.audience_count, 3, "owner, tenant and household member of A")
        self.assertEqual(campaign.no_consent_count, 1)
        self.assertEqual(campaign.no_email_count, 1)
        campaign.for_residents = False
        self.assertEqual(campaign.audience_count, 2)
        campaign.write({"for_residents": True, "for_tenants": False, "buildings": "2"})
        self.assertEqual(campaign.audience_count, 1, "building 2: the member (its owner has no consent)")
        campaign.write({"buildings": False, "for_tenants": True, "moved_in_before": "2025-01-01"})
        self.assertEqual(campaign.audience_count, 2, "the tenant moved in in 2026")
        both = self.campaign(self.env, self.survey)
        self.assertEqual(both.audience_count, 4, "both properties")

    def test_audience_of_residents_with_a_request_closed_in_a_period(self):
        stage = self.env["tenant.ticket.stage"].search([("is_closed", "=", True)], limit=1)
        ticket = self.env["tenant.ticket"].create(
            {"name": "Leaking tap", "partner_id": self.tenant.id, "unit_id": self.unit_a2.id}
        )
        ticket.write({"stage_id": stage.id})
        ticket.closed_date = "2027-02-10 08:00:00"
        campaign = self.campaign(
            self.env, self.survey, ticket_closed_from="2027-02-01", ticket_closed_to="2027-02-28"
        )
        campaign.action_schedule()
        self.run_jobs("2027-03-01")
        self.assertEqual(self.invited(campaign), self.tenant)

    # Invitations --------------------------------------------------------------------------------

    def test_invitations_freeze_property_building_role_once(self):
        campaign = self.campaign(self.env, self.survey)
        campaign.action_schedule()
        self.run_jobs("2027-02-28")
        self.assertFalse(campaign.answer_ids, "nothing before the start day")
        self.run_jobs("2027-03-01", batch_size=2)
        self.assertEqual(campaign.state, "running")
        self.assertEqual(len(campaign.answer_ids), 2, "one batch")
        self.run_jobs("2027-03-01", batch_size=2)
        self.run_jobs("2027-03-01", batch_size=2)
        self.assertEqual(self.invited(campaign), self.owner | self.tenant | self.member | self.neighbour)
        self.assertTrue(campaign.first_wave_done)
        self.run_jobs("2027-03-02")
        self.assertEqual(len(campaign.answer_ids), 4, "a rerun invites nobody twice")
        self.assertEqual(len(campaign.invitation_ids), 4)
        answer = campaign.answer_ids.filtered(lambda a: a.partner_id == self.member)
        self.assertEqual(
            (answer.tenant_property_id, answer.tenant_building, answer.tenant_role),
            (self.property_a, "2", "resident"),
        )
        self.assertEqual(answer.invite_token, campaign.sudo().invite_token)
        # A move after the invitation does not move the answer.
        moved = self.env["tenant.occupancy"].search([("partner_id", "=", self.member.id)])
        moved.move_out_date = "2027-03-05"
        self.occupy(self.unit_b1, self.member, role="tenant", move_in="2027-03-06")
        with freeze_time("2027-03-07"):
            self.env["tenant.occupancy"]._cron_refresh_current()
        self.assertEqual(answer.tenant_property_id, self.property_a)
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.env["survey.user_input"].create(
                {"survey_id": self.survey.id, "partner_id": self.owner.id, "tenant_campaign_id": campaign.id}
            )

    def test_one_reminder_to_those_who_have_not_answered(self):
        campaign = self.campaign(self.env, self.survey, reminder_days=3)
        campaign.action_schedule()
        self.run_jobs("2027-03-01")
        answered = campaign.answer_ids.filtered(lambda a: a.partner_id == self.owner)
        answered._mark_done()
        mails = self.mails(campaign)
        self.assertEqual(len(mails), 4)
        self.run_jobs("2027-03-16")
        self.assertFalse(campaign.invitation_ids.filtered(lambda i: i.wave == "reminder"), "not yet due")
        self.run_jobs("2027-03-17")
        reminded = campaign.invitation_ids.filtered(lambda i: i.wave == "reminder").partner_id
        self.assertEqual(reminded, self.tenant | self.member | self.neighbour)
        self.assertTrue(campaign.reminder_done)
        self.run_jobs("2027-03-18")
        self.assertEqual(len(campaign.invitation_ids.filtered(lambda i: i.wave == "reminder")), 3, "once")
        mails = self.mails(campaign)
        self.assertEqual(len(mails), 7)
        self.assertEqual(
            self.env["tenant.survey.campaign"].search(
                [("id", "=", campaign.id), *self.env["tenant.survey.campaign"]._get_campaign_send_domain()]
            ),
            self.env["tenant.survey.campaign"],
            "nothing left to send: the job does not pick it again",
        )

    def test_each_invitation_in_its_residents_language(self):
        load_chinese(self.env, modules=("tenant_relations", "tenant_relations_survey"))
        self.tenant.lang = "zh_CN"
        campaign = self.campaign(
            self.env, self.survey, property_ids=[(6, 0, self.property_a.ids)], for_residents=False
        )
        campaign.action_schedule()
        self.run_jobs("2027-03-01")
        mails = self.mails(campaign)
        by_partner = {mail.recipient_ids: mail for mail in mails}
        english, chinese = by_partner[self.owner], by_partner[self.tenant]
        self.assertIn("we would like to hear from you", english.subject)
        self.assertIn("Answer the survey", english.body_html)
        self.assertNotIn("/zh_CN/survey", english.body_html)
        self.assertIn("诚邀", chinese.subject)
        self.assertIn("填写问卷", chinese.body_html)
        self.assertIn("/zh_CN/survey/start/", chinese.body_html)
        answer = campaign.answer_ids.filtered(lambda a: a.partner_id == self.tenant)
        self.assertIn(answer.access_token, chinese.body_html)

    # Closing and recurrence ---------------------------------------------------------------------

    def test_close_refuses_answers_and_recurs_with_points_per_campaign(self):
        campaign = self.campaign(self.env, self.survey, recurrence_months=6)
        campaign.action_schedule()
        self.run_jobs("2027-03-01")
        first = campaign.answer_ids.filtered(lambda a: a.partner_id == self.owner)
        first._mark_done()
        self.assertEqual(self.owner.tenant_points, 20)
        late = campaign.answer_ids.filtered(lambda a: a.partner_id == self.tenant)
        self.run_jobs("2027-03-20")
        self.assertEqual(campaign.state, "running", "the deadline day still takes answers")
        self.run_jobs("2027-03-21")
        self.assertEqual(campaign.state, "closed")
        with self.assertRaisesRegex(UserError, "is closed"):
            late._mark_done()
        question = self.survey.question_ids[0]
        with self.assertRaisesRegex(UserError, "is closed"):
            late._save_lines(question, "Too late")
        following = campaign.next_campaign_id
        self.assertEqual(
            (following.state, following.date_start, following.date_deadline, following.previous_campaign_id),
            ("scheduled", date(2027, 9, 1), date(2027, 9, 20), campaign),
        )
        self.run_jobs("2027-09-01")
        self.assertEqual(following.state, "running")
        again = following.answer_ids.filtered(lambda a: a.partner_id == self.owner)
        again._mark_done()
        self.owner.invalidate_recordset(["tenant_points"])
        self.assertEqual(self.owner.tenant_points, 40, "the same survey earns again in the next campaign")
        self.run_jobs("2027-09-21")
        self.assertTrue(following.next_campaign_id, "and it recurs again")
        self.assertFalse(campaign.next_campaign_id.next_campaign_id.next_campaign_id)

    def test_closing_by_hand_and_no_recurrence(self):
        campaign = self.campaign(self.env, self.survey, recurrence_months=0)
        campaign.action_schedule()
        self.run_jobs("2027-03-01")
        with freeze_time("2027-03-05"):
            campaign.action_close()
        self.assertEqual((campaign.state, campaign.date_deadline), ("closed", date(2027, 3, 5)))
        self.assertFalse(campaign.next_campaign_id)
        with self.assertRaises(ValidationError):
            campaign.action_close()

    # Bad input ----------------------------------------------------------------------------------

    def test_bad_input_is_refused_clearly(self):
        with self.assertRefused("needs a survey"):
            self.env["tenant.survey.campaign"].create(
                {"name": "No survey", "date_start": "2027-03-01", "date_deadline": "2027-03-20"}
            )
        with self.assertRefused("is before its start"):
            self.campaign(self.env, self.survey, start="2027-03-20", deadline="2027-03-01")
        with self.assertRefused("has no audience"):
            self.campaign(self.env, self.survey, for_owners=False, for_tenants=False, for_residents=False)
        with self.assertRefused("ends before it starts"):
            self.campaign(
                self.env, self.survey, ticket_closed_from="2027-02-10", ticket_closed_to="2027-02-01"
            )
        campaign = self.campaign(self.env, self.survey)
        with self.assertRaisesRegex(UserError, "Only a scheduled survey campaign can be started"):
            campaign.action_start()

    # Portal -------------------------------------------------------------------------------------

    def test_open_invitations_of_a_resident(self):
        campaign = self.campaign(self.env, self.survey)
        campaign.action_schedule()
        self.run_jobs("2027-03-01")
        Answer = self.env["survey.user_input"]
        self.assertEqual(Answer._tenant_open_invitations(self.owner).tenant_campaign_id, campaign)
        Answer._tenant_open_invitations(self.owner)._mark_done()
        self.assertFalse(Answer._tenant_open_invitations(self.owner))


@tagged("post_install", "-at_install")
class TestSurveyCampaignWorkers(CampaignMixin, TransactionCase):
    """Two workers at once on committed data never invite or remind anybody twice."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            prop = env["tenant.property"].create({"name": "Two Workers Survey Court", "code": "TWS"})
            partners = make_residents(env, prop, 5, "S")
            survey = self.make_survey(env, "Two workers survey")
            today = date.today()
            campaign = self.campaign(
                env,
                survey,
                start=today,
                deadline=today + timedelta(days=10),
                property_ids=[(6, 0, prop.ids)],
                reminder_days=3,
                recurrence_months=0,
            )
            campaign.action_schedule()
            self.ids = {
                "prop": prop.id,
                "partners": partners.ids,
                "campaign": campaign.id,
                "survey": survey.id,
            }
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self.remove_committed)

    def remove_committed(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partners = env["res.partner"].browse(self.ids["partners"])
            campaign = env["tenant.survey.campaign"].browse(self.ids["campaign"])
            mails = env["mail.mail"].search(
                [("model", "=", "survey.user_input"), ("res_id", "in", campaign.answer_ids.ids)]
            )
            messages = mails.mail_message_id
            mails.unlink()
            messages.exists().unlink()
            campaign.answer_ids.unlink()
            campaign.unlink()
            env["survey.survey"].browse(self.ids["survey"]).unlink()
            prop = env["tenant.property"].browse(self.ids["prop"])
            env["tenant.occupancy"].search([("partner_id", "in", partners.ids)]).unlink()
            prop.unit_ids.unlink()
            prop.unlink()
            partners.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def committed(self, query, *args):
        with self.registry.cursor() as cr:
            cr.execute(SQL(query, *args))
            return cr.fetchall()

    def test_two_workers_never_invite_nor_remind_twice(self):
        for wave in ("first", "reminder"):
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                Campaign1 = api.Environment(cr1, SUPERUSER_ID, {})["tenant.survey.campaign"]
                Campaign2 = api.Environment(cr2, SUPERUSER_ID, {})["tenant.survey.campaign"]
                self.assertEqual(len(Campaign1._cron_run_campaigns(batch_size=3)), 3)
                self.assertFalse(Campaign2._cron_run_campaigns(batch_size=3), "the campaign is held")
                cr1.commit()  # pylint: disable=invalid-commit
                cr2.rollback()
                self.assertEqual(len(Campaign2._cron_run_campaigns(batch_size=3)), 2)
                cr2.commit()  # pylint: disable=invalid-commit
                if wave == "first":
                    # The reminder comes due: three days before a deadline two days away.
                    Campaign1.browse(self.ids["campaign"]).date_deadline = date.today() + timedelta(days=2)
                    Campaign1.env.flush_all()
                else:
                    self.assertFalse(Campaign1._cron_run_campaigns(batch_size=3), "nobody left")
                cr1.commit()  # pylint: disable=invalid-commit
            per_person = dict(
                self.committed(
                    "SELECT partner_id, count(*) FROM tenant_survey_invitation"
                    " WHERE campaign_id = %s AND wave = %s GROUP BY partner_id",
                    self.ids["campaign"],
                    wave,
                )
            )
            self.assertEqual(per_person, dict.fromkeys(self.ids["partners"], 1), wave)
        [[answers, mails]] = self.committed(
            "SELECT count(DISTINCT answer.id), count(mail.id) FROM survey_user_input AS answer"
            " LEFT JOIN mail_message AS msg ON msg.model = 'survey.user_input' AND msg.res_id = answer.id"
            " LEFT JOIN mail_mail AS mail ON mail.mail_message_id = msg.id"
            " WHERE answer.tenant_campaign_id = %s",
            self.ids["campaign"],
        )
        self.assertEqual((answers, mails), (5, 10), "one answer each; an invitation and a reminder each")
