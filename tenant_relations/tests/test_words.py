# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the product writes for a Chinese firm is written in Chinese, whoever or whatever writes it
(issue 13): the jobs and the data files run in no one's language, and each text below is stored
once, for the people who read it later."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import TicketCase, load_chinese, migration_script


class WordsCase(TicketCase):
    """A Chinese firm, and an environment without a language, as scheduled jobs have."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.env.company.partner_id.lang = "zh_CN"
        (cls.owner | cls.tenant | cls.staff_a.partner_id).write({"lang": "zh_CN"})
        cls.env.invalidate_all()
        # As a scheduled job or a data file runs: no language in the context.
        cls.job_env = cls.env(context={key: v for key, v in cls.env.context.items() if key != "lang"})

    def zh(self, record):
        return record.with_context(lang="zh_CN")


@tagged("post_install", "-at_install")
class TestWordsWrittenForTheFirm(WordsCase):
    def test_creation_line_is_in_the_firm_language_whoever_creates(self):
        """A record created without a language (a job, the mail gateway, the demo) was logged as
        "Greeting Campaign 创建": the verb in the user's language, the model in English."""
        Campaign = self.job_env["tenant.greeting.campaign"].with_context(tracking_disable=False)
        campaign = Campaign.create(
            {
                "name": "中秋问候",
                "festival": "mid_autumn",
                "send_date": "2027-09-15",
                "template_id": self.env.ref("tenant_relations.mail_template_greeting_mid_autumn").id,
            }
        )
        [line] = campaign.message_ids.mapped("body")
        self.assertIn(self.zh(self.env["ir.model"]._get("tenant.greeting.campaign")).name, line)
        self.assertNotIn("Greeting Campaign", line)

    def test_sla_notes_are_in_the_firm_language(self):
        """The escalation job wrote "SLA Urgent: respond within 30 minutes was breached" in English."""
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.ticket(category_id=self.cat_leak.id, user_id=self.staff_a.id)
        with freeze_time("2026-03-02 10:31:00"):
            self.job_env["tenant.ticket.sla"]._cron_escalate()
        policy = self.zh(self.policy_urgent).name
        notes = ticket.message_ids.filtered(lambda m: policy in (m.body or ""))
        self.assertTrue(notes, "the note names the policy as the firm reads it")
        self.assertNotIn("breached", "".join(notes.mapped("body")))

    def test_ledger_lines_of_earning_rules_are_in_the_resident_language(self):
        """The demo gave points with English texts ("Lease renewal", "Full years of tenancy")."""
        self.occupy(self.unit_a1, self.owner)
        Partner = self.job_env["res.partner"]
        Partner._tenant_award_reason({self.owner.id: 100}, "renewal")
        Partner._tenant_award_reason({self.owner.id: 250}, "tenure")
        Partner._tenant_award_reason({self.owner.id: 20}, "event")
        Wizard = self.zh(self.env["tenant.points.wizard"])
        reasons = dict(Wizard._fields["reason"]._description_selection(Wizard.env))
        self.assertEqual(
            self.loyalty_history(self.owner).mapped("description"),
            [reasons["renewal"], reasons["tenure"], reasons["event"]],
        )
        self.assertNotEqual(reasons["renewal"], "Lease renewal", "the zh_CN terms are loaded")

    def test_points_given_by_english_staff_read_in_the_resident_language(self):
        """The points wizard wrote the reason in the staff member's language, not the resident's."""
        self.occupy(self.unit_a1, self.owner)
        self.staff_a.lang = "en_US"
        wizard = (
            self.env["tenant.points.wizard"]
            .with_user(self.staff_a)
            .with_context(lang="en_US")
            .create({"partner_id": self.owner.id, "reason": "event", "points": 20})
        )
        wizard.action_confirm()
        self.assertEqual(self.loyalty_history(self.owner).mapped("description"), ["参加社区活动"])

    @freeze_time("2026-03-10 02:00:00")
    def test_return_visit_activity_is_in_the_assignee_language(self):
        """Planned by the job, the activity read "Return visit to the resident (回访)" and
        "After a closed ticket - 王建国" on a Chinese manager's list."""
        self.occupy(self.unit_a2, self.tenant, role="tenant", move_in="2026-03-05")
        self.staff_a.lang = "zh_CN"
        visits = self.job_env["tenant.visit"]._cron_plan_visits()
        activity = visits.filtered(lambda v: v.partner_id == self.tenant).activity_ids
        self.assertEqual(activity.user_id, self.staff_a)
        visit_type = self.env.ref("tenant_relations.mail_activity_type_return_visit")
        self.assertEqual(activity.summary, self.zh(visit_type).summary)
        self.assertNotIn("Return visit", activity.summary)
        visit = self.zh(self.env["tenant.visit"].browse(activity.res_id))
        self.assertEqual(activity.res_name, visit.display_name)
        self.assertNotIn("Move-in", activity.res_name)

    def test_office_hours_are_named_in_the_firm_language(self):
        """resource.calendar's name is not translatable: the shipped one read English."""
        calendar = self.office_hours
        calendar.name = "Property Service Desk Hours"
        self.assertTrue(self.env["resource.calendar"]._tenant_name_office_hours())
        self.assertEqual(calendar.name, self.env["resource.calendar"]._tenant_office_hours_name("zh_CN"))
        self.assertNotEqual(calendar.name, "Property Service Desk Hours", "translated in zh_CN.po")
        self.assertFalse(self.env["resource.calendar"]._tenant_name_office_hours(), "named already")
        calendar.name = "客服中心（含周六）"
        self.assertFalse(self.env["resource.calendar"]._tenant_name_office_hours())
        self.assertEqual(calendar.name, "客服中心（含周六）", "a name the firm chose is kept")


@tagged("post_install", "-at_install")
class TestFestivalDates(WordsCase):
    def test_mid_autumn_falls_on_its_lunar_day(self):
        Campaign = self.env["tenant.greeting.campaign"]
        self.assertEqual(Campaign._next_festival_date("mid_autumn", date(2026, 12, 7)), date(2027, 9, 15))
        self.assertEqual(Campaign._next_festival_date("mid_autumn", date(2027, 9, 15)), date(2028, 10, 3))
        self.assertEqual(Campaign._next_festival_date("spring_festival", date(2026, 12, 7)), date(2027, 2, 6))
        self.assertEqual(Campaign._next_festival_date("national_day", date(2026, 12, 7)), date(2027, 10, 1))
        self.assertEqual(Campaign._next_festival_date("mid_autumn", date(2040, 1, 1)), date(2040, 9, 16))
        self.assertFalse(Campaign._next_festival_date("other", date(2026, 12, 7)))

    def test_mid_autumn_template_is_its_own(self):
        template = self.env.ref("tenant_relations.mail_template_greeting_mid_autumn")
        self.assertIn("Mid-Autumn", template.subject)
        self.assertIn("中秋", self.zh(template).subject)
        self.assertIn("中秋", self.zh(template).body_html)


@tagged("post_install", "-at_install")
class TestWordsMigration(WordsCase):
    """18.0.1.6.0 on a database whose texts are as 18.0.1.5.0 and its demo wrote them."""

    def test_migration_rewrites_what_the_product_wrote_and_nothing_else(self):
        env = self.env
        # A Mid-Autumn demo greeting on the Spring Festival template, as shipped.
        spring = env.ref("tenant_relations.mail_template_greeting_spring_festival")
        campaign = env["tenant.greeting.campaign"].create(
            {
                "name": "中秋问候",
                "festival": "mid_autumn",
                "send_date": "2027-10-02",
                "template_id": spring.id,
            }
        )
        env["ir.model.data"].create(
            {
                "module": "tenant_relations",
                "name": "tenant_greeting_campaign_mid_autumn_demo",
                "model": "tenant.greeting.campaign",
                "res_id": campaign.id,
            }
        )
        # Its creation line as the demo wrote it, and a note a person wrote with the same words.
        verb_zh = "%s 创建"
        mixed = env["mail.message"].create(
            {
                "model": "tenant.greeting.campaign",
                "res_id": campaign.id,
                "message_type": "notification",
                "body": "<p>%s</p>" % (verb_zh % "Greeting Campaign"),
            }
        )
        written = env["mail.message"].create(
            {
                "model": "tenant.greeting.campaign",
                "res_id": campaign.id,
                "message_type": "comment",
                "body": "<p>%s</p>" % (verb_zh % "Greeting Campaign"),
            }
        )
        # An English escalation note of the job.
        ticket = self.ticket(category_id=self.cat_leak.id)
        urgent = self.policy_urgent.with_context(lang="en_US").name
        note = env["mail.message"].create(
            {
                "model": "tenant.ticket",
                "res_id": ticket.id,
                "message_type": "notification",
                "body": f"<p>SLA {urgent} was breached: the deadline was 2026-12-07 09:51.</p>",
            }
        )
        # An occupancy's line on its resident, as the demo wrote it.
        log = env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": self.tenant.id,
                "message_type": "notification",
                "body": "<p>Recorded as Owner of A-101 (Property A) from 2019-08-18.</p>",
            }
        )
        # Ledger lines of the demo, and one a person typed.
        self.occupy(self.unit_a1, self.owner)
        Partner = env["res.partner"]
        Partner._tenant_award_points({self.owner.id: 100}, "Lease renewal")
        Partner._tenant_award_points({self.owner.id: 20}, "Attended the Mid-Autumn community evening")
        Partner._tenant_award_points({self.owner.id: 5}, "Thanks for the photos")
        # A review activity planned by the job in English, for a Chinese manager.
        review_type = env.ref("tenant_relations.mail_activity_type_profile_review")
        profile = env["tenant.profile"].search([("partner_id", "=", self.owner.id)], limit=1) or env[
            "tenant.profile"
        ].create({"partner_id": self.owner.id})
        self.staff_a.lang = "zh_CN"
        activity = env["mail.activity"].create(
            {
                "res_model_id": env["ir.model"]._get_id("tenant.profile"),
                "res_id": profile.id,
                "activity_type_id": review_type.id,
                "summary": review_type.with_context(lang="en_US").summary,
                "user_id": self.staff_a.id,
            }
        )
        # The calendar as shipped.
        self.office_hours.name = "Property Service Desk Hours"

        migration = migration_script("18.0.1.6.0", "post-words")
        done = migration.migrate_words(env)
        env.invalidate_all()

        zh_model = self.zh(env["ir.model"]._get("tenant.greeting.campaign")).name
        self.assertEqual(mixed.body, "<p>%s</p>" % (verb_zh % zh_model))
        self.assertIn("Greeting Campaign", written.body, "what a person wrote is kept")
        self.assertIn(self.zh(self.policy_urgent).name, note.body)
        self.assertNotIn("Recorded as", log.body)
        self.assertIn("A-101", log.body)
        self.assertNotIn("breached", note.body)
        self.assertEqual(
            self.loyalty_history(self.owner).mapped("description"),
            ["续租", "参加社区活动", "Thanks for the photos"],
        )
        self.assertEqual(activity.summary, self.zh(review_type).summary)
        self.assertEqual(self.office_hours.name, env["resource.calendar"]._tenant_office_hours_name("zh_CN"))
        self.assertEqual(campaign.template_id, env.ref("tenant_relations.mail_template_greeting_mid_autumn"))
        self.assertEqual(campaign.send_date, campaign._next_festival_date("mid_autumn"))
        self.assertTrue(all(done.values()), done)
        # Run again: nothing left to do.
        self.assertFalse(any(migration.migrate_words(env).values()))


@tagged("post_install", "-at_install")
class TestFeedbackPageLogo(HttpCase):
    def test_firm_without_logo_shows_its_name_not_the_placeholder(self):
        """The feedback box headed its pages with Odoo's "Your logo" placeholder."""
        company = self.env.company
        self.assertTrue(company.uses_default_logo)
        prop = self.env["tenant.property"].create({"name": "翠湖花园", "code": "WORDS1"})
        page = self.url_open(f"/feedback/{prop.code}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_tenant_feedback_logo", page.text)
        self.assertIn("o_tenant_feedback_firm", page.text)
