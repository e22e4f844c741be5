# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Anonymous campaigns (匿名调查): nobody can link an answer to a person.

A signed-in resident answering leaves no partner, no creator of theirs and no device log; the
invitation mails are deleted even when sending fails, and with them the only copy of the tokens;
times are kept to the day; groups under five answers show no score.
"""

import time
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.http import root
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import IrMailServer
from odoo.addons.tenant_relations.tests.common import TenantRelationsCase, portal_resident, property_unit

from ..models.anonymous.tenant_survey_anonymous_token import token_hash
from .test_survey_campaign import CampaignMixin


def anonymous_campaign(env, survey, props, **vals):
    return env["tenant.survey.campaign"].create(
        {
            "name": "Anonymous satisfaction",
            "survey_id": survey.id,
            "date_start": "2027-03-01",
            "date_deadline": "2027-03-20",
            "property_ids": [(6, 0, props.ids)],
            "anonymous": True,
            **vals,
        }
    )


@tagged("post_install", "-at_install")
class TestSurveyAnonymous(CampaignMixin, TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner.tenant_notification_consent = True
        cls.tenant.tenant_notification_consent = True
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_a2, cls.tenant, role="tenant")
        cls.survey = cls.make_survey(cls.env)
        cls.survey.access_mode = "token"
        cls.campaign = anonymous_campaign(cls.env, cls.survey, cls.property_a, reminder_days=3)
        cls.campaign.action_schedule()

    def run_jobs(self, day):
        with freeze_time(day):
            return self.env["tenant.survey.campaign"]._cron_run_campaigns()

    def stored_tokens(self):
        """Every place a link could have been kept: mails, messages and their bodies."""
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT count(*) FROM mail_message
                WHERE body::text LIKE '%/survey/anonymous/%'
                   OR id IN (SELECT mail_message_id FROM mail_mail
                              WHERE body_html LIKE '%/survey/anonymous/%')"""
        )
        return self.env.cr.fetchone()[0]

    def test_invitations_leave_a_pool_of_hashes_and_no_mail(self):
        self.run_jobs("2027-03-01")
        self.assertEqual(self.campaign.invitation_ids.partner_id, self.owner | self.tenant)
        self.assertFalse(self.campaign.answer_ids, "no answer is made for a person")
        pool = self.env["tenant.survey.anonymous.token"].search([("campaign_id", "=", self.campaign.id)])
        self.assertEqual(len(pool), 2)
        self.assertEqual(set(pool.mapped("role")), {"owner", "tenant"})
        self.assertFalse(self.stored_tokens(), "sent mails are deleted with their tokens")

    def test_a_failed_invitation_mail_keeps_no_token(self):
        def refuse(*args, **kwargs):
            raise ConnectionRefusedError("SMTP server down")

        with (
            patch.object(IrMailServer, "send_email", refuse),
            mute_logger("odoo.addons.mail.models.mail_mail"),
        ):
            self.run_jobs("2027-03-01")
        self.assertEqual(len(self.campaign.invitation_ids), 2, "the residents count as invited")
        self.assertFalse(self.stored_tokens(), "a mail that failed is deleted too")
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "res.partner"), ("res_id", "in", (self.owner | self.tenant).ids)]
            )
        )

    def test_a_link_opens_one_answer_of_nobody_with_times_to_the_day(self):
        Pool = self.env["tenant.survey.anonymous.token"]
        with freeze_time("2027-03-01"):
            self.campaign._campaign_start()
        [token] = Pool._tenant_issue(
            self.campaign, [self.env["tenant.occupancy"].search([("partner_id", "=", self.owner.id)])]
        )
        with freeze_time("2027-03-02 15:47:12"):
            answer = Pool.sudo()._tenant_redeem(token)
            self.assertFalse(Pool.search([("token_hash", "=", token_hash(token))]), "the pool row is gone")
            self.assertEqual(
                Pool.sudo()._tenant_redeem(token), answer, "the link opens the same answer again"
            )
            answer._save_lines(self.survey.question_ids[0], "The lifts are slow")
            answer._mark_done()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            (answer.partner_id, answer.email, answer.nickname, answer.tenant_property_id, answer.tenant_role),
            (self.env["res.partner"], False, False, self.property_a, "owner"),
        )
        self.assertEqual(answer.create_uid, self.env.ref("base.public_user"))
        self.assertTrue(answer.end_datetime)
        for stamp in (answer.create_date, answer.write_date, answer.end_datetime):
            self.assertEqual((stamp.hour, stamp.minute, stamp.second), (0, 0, 0), "kept to the day")
        line = answer.user_input_line_ids
        self.assertEqual((line.create_date.hour, line.write_date.minute), (0, 0))
        self.assertFalse(self.owner.tenant_points, "nobody earns points")
        with freeze_time("2027-03-21"):
            self.campaign._campaign_close()
        [late] = Pool._tenant_issue(self.campaign, [None])
        self.assertFalse(Pool.sudo()._tenant_redeem(late), "a closed campaign opens no answer")
        self.assertFalse(Pool.sudo()._tenant_redeem("not-a-token-of-ours-at-all"))

    def test_reminder_goes_to_everyone(self):
        self.run_jobs("2027-03-01")
        self.run_jobs("2027-03-17")
        reminded = self.campaign.invitation_ids.filtered(lambda i: i.wave == "reminder").partner_id
        self.assertEqual(reminded, self.owner | self.tenant)

    def test_groups_under_five_show_no_score(self):
        question = self.env["survey.question"].create(
            {
                "title": "Cleaning",
                "question_type": "simple_choice",
                "survey_id": self.survey.id,
                "tenant_topic_id": self.env.ref("tenant_relations_survey.tenant_survey_topic_cleaning").id,
                "suggested_answer_ids": [
                    (0, 0, {"value": "Satisfied", "tenant_satisfied": True}),
                    (0, 0, {"value": "Dissatisfied"}),
                ],
            }
        )
        satisfied = question.suggested_answer_ids[0]
        with freeze_time("2027-03-01"):
            self.campaign._campaign_start()
        Pool = self.env["tenant.survey.anonymous.token"]

        def answer_once():
            [token] = Pool._tenant_issue(
                self.campaign, [self.env["tenant.occupancy"].search([("partner_id", "=", self.owner.id)])]
            )
            answer = Pool.sudo()._tenant_redeem(token)
            answer._save_lines(question, satisfied.id)
            answer._mark_done()

        for _n in range(4):
            answer_once()
        self.env.flush_all()
        rows = self.campaign._tenant_score_rows(("property",))
        self.assertIsNone(rows[(self.campaign.id, self.property_a)]["satisfaction"], "4 answers: no score")
        answer_once()
        self.env.flush_all()
        rows = self.campaign._tenant_score_rows(("property",))
        self.assertEqual(rows[(self.campaign.id, self.property_a)]["satisfaction"], 100.0)

    def test_anonymity_is_chosen_in_draft_only(self):
        with self.assertRefused("only while a draft"):
            self.campaign.anonymous = False


@tagged("post_install", "-at_install")
class TestSurveyAnonymousPages(CampaignMixin, HttpCase):
    """A signed-in resident answers through Odoo's survey pages: nothing of theirs is kept."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        unit = property_unit(cls.env, "ANS", "N-1", "1", name="Anonymous Gardens")
        cls.user = portal_resident(
            cls.env, "tr_anon_resident", unit, "Anonymous Resident", "anon@example.com"
        )
        cls.survey = cls.make_survey(cls.env, "Anonymous pages")
        cls.survey.access_mode = "token"
        today = date.today()
        cls.campaign = anonymous_campaign(
            cls.env,
            cls.survey,
            unit.property_id,
            date_start=today,
            date_deadline=today.replace(year=today.year + 1),
        )
        cls.campaign.action_schedule()
        cls.campaign._campaign_start()
        occupancy = cls.env["tenant.occupancy"].search([("partner_id", "=", cls.user.partner_id.id)])
        [cls.token] = cls.env["tenant.survey.anonymous.token"]._tenant_issue(cls.campaign, [occupancy])

    def device_logs(self):
        return self.env["res.device.log"].sudo().search_count([("user_id", "=", self.user.id)])

    def age_session(self, session):
        """The session's device was last seen two hours ago: its next logged request writes a row."""
        session = root.session_store.get(session.sid)
        for trace in session._trace:
            trace["last_activity"] = int(time.time()) - 2 * 3600
        root.session_store.save(session)

    def test_a_signed_in_resident_leaves_no_trace_on_the_answer(self):
        session = self.authenticate("tr_anon_resident", "tr_anon_resident")
        self.assertEqual(self.url_open("/my").status_code, 200)
        before = self.device_logs()
        self.assertTrue(before, "the signed-in portal is logged")
        self.age_session(session)
        response = self.url_open(f"/survey/anonymous/{self.token}")
        self.assertEqual(response.status_code, 200)
        answer = self.env["survey.user_input"].sudo().search([("tenant_campaign_id", "=", self.campaign.id)])
        self.assertEqual(len(answer), 1)
        self.assertIn(answer.access_token, response.url)
        base = f"{self.survey.get_base_url()}/survey"
        self.assertEqual(
            self.opener.post(
                f"{base}/begin/{self.survey.access_token}/{answer.access_token}", json={}
            ).status_code,
            200,
        )
        question = self.survey.question_ids[0]
        submitted = self.opener.post(
            f"{base}/submit/{self.survey.access_token}/{answer.access_token}",
            json={
                "params": {
                    str(question.id): "Quiet and clean",
                    "question_id": question.id,
                    "token": answer.access_token,
                }
            },
        )
        self.assertEqual(submitted.status_code, 200)
        self.assertNotIn("error", submitted.json())
        answer.invalidate_recordset()
        public = self.env.ref("base.public_user")
        self.assertEqual(answer.state, "done")
        self.assertEqual(
            (answer.partner_id, answer.email, answer.create_uid, answer.write_uid),
            (self.env["res.partner"], False, public, public),
        )
        self.assertEqual(answer.user_input_line_ids.create_uid, public)
        self.assertEqual(self.device_logs(), before, "no device log beside the answer")
        # The control: the same aged session on the portal is logged.
        self.assertEqual(self.url_open("/my").status_code, 200)
        self.assertEqual(self.device_logs(), before + 1)

    def test_a_used_or_forged_link_is_refused(self):
        self.assertEqual(
            self.url_open("/survey/anonymous/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").status_code, 404
        )
        self.assertIn(self.url_open("/survey/anonymous/bad%00token").status_code, (400, 404))
