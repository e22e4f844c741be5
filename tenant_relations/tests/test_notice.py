# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import (
    PortalCase,
    TenantRelationsCase,
    call_kw,
    configure_outgoing_mail,
    lettered_homes,
    load_chinese,
)

# Publishing a notice, whether to 2 or 8 residents: recipients and e-mails are written in batches.
PUBLISH_QUERIES = 26


class NoticeMixin:
    @classmethod
    def notice(cls, env=None, **vals):
        return (env or cls.env)["tenant.notice"].create(
            {
                "name": "Water supply interruption",
                "kind": "maintenance",
                "property_ids": [(6, 0, cls.property_a.ids)],
                **vals,
            }
        )

    def publish(self, notice):
        """Publish, then run the mail job the publication triggered."""
        notice.action_publish()
        self.env["tenant.notice.recipient"]._cron_send_notice_mails()

    def mails(self, notices):
        return self.env["mail.mail"].search(
            [("model", "=", "tenant.notice.recipient"), ("res_id", "in", notices.recipient_ids.ids)]
        )


@tagged("post_install", "-at_install")
class TestNotice(NoticeMixin, TenantRelationsCase):
    """Who a notice reaches, what is e-mailed, and what residents read and acknowledge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        configure_outgoing_mail(cls.env)
        cls.env.company.email = "service@greenlake.example.com"
        cls.unit_a3 = cls.env["tenant.unit"].create(
            {"property_id": cls.property_a.id, "building": "2", "number": "0301", "code": "2-0301"}
        )
        Partner = cls.env["res.partner"]
        cls.owner.tenant_notification_consent = True
        cls.member = Partner.create({"name": "王小明", "tenant_notification_consent": True})  # no e-mail
        cls.former = Partner.create(
            {"name": "Former", "email": "former@example.com", "tenant_notification_consent": True}
        )
        cls.owner_b = Partner.create(
            {"name": "Owner B", "email": "owner.b@example.com", "tenant_notification_consent": True}
        )
        # The tenant gave no consent to notifications: a recipient, never e-mailed.
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_a1, cls.member, role="resident")
        cls.occupy(cls.unit_a3, cls.tenant, role="tenant")
        cls.occupy(cls.unit_a2, cls.former, move_in="2020-01-01", move_out="2023-12-31")
        cls.occupy(cls.unit_b1, cls.owner_b)

    # Targeting ----------------------------------------------------------------------------------

    def test_target_property(self):
        notice = self.notice()
        notice.action_publish()
        self.assertEqual(notice.state, "published")
        self.assertTrue(notice.publish_date)
        self.assertEqual(notice.recipient_ids.partner_id, self.owner | self.member | self.tenant)
        notice_b = self.notice(property_ids=[(6, 0, self.property_b.ids)])
        notice_b.action_publish()
        self.assertEqual(notice_b.recipient_ids.partner_id, self.owner_b)
        everyone = self.notice(property_ids=[(5,)], all_properties=True)
        everyone.action_publish()
        self.assertEqual(
            everyone.recipient_ids.partner_id, self.owner | self.member | self.tenant | self.owner_b
        )

    def test_target_building(self):
        cases = {
            "2": self.tenant,
            "1": self.owner | self.member,
            "1, 2": self.owner | self.member | self.tenant,
            "1，2": self.owner | self.member | self.tenant,
            # An unknown building ("9") is refused when written: test_notice_reach (issue 13).
        }
        for buildings, expected in cases.items():
            with self.subTest(buildings=buildings):
                notice = self.notice(buildings=buildings)
                notice.action_publish()
                self.assertEqual(notice.recipient_ids.partner_id, expected)

    def test_target_role(self):
        cases = {
            "for_owners": self.owner,
            "for_tenants": self.tenant,
            "for_residents": self.member,
        }
        for role, expected in cases.items():
            with self.subTest(role=role):
                roles = dict.fromkeys(("for_owners", "for_tenants", "for_residents"), False)
                notice = self.notice(**{**roles, role: True})
                notice.action_publish()
                self.assertEqual(notice.recipient_ids.partner_id, expected)

    def test_publish_several_notices_at_once(self):
        """One search serves a batch of notices, and each gets only its own audience."""
        owners_a = self.notice(for_tenants=False, for_residents=False)
        building_2 = self.notice(buildings="2")
        all_b = self.notice(property_ids=[(6, 0, self.property_b.ids)])
        (owners_a | building_2 | all_b).action_publish()
        self.assertEqual(owners_a.recipient_ids.partner_id, self.owner)
        self.assertEqual(building_2.recipient_ids.partner_id, self.tenant)
        self.assertEqual(all_b.recipient_ids.partner_id, self.owner_b)

    def test_no_audience_refused(self):
        with self.assertRefused("has no audience"):
            self.notice(property_ids=[])
        with self.assertRefused("has no audience"):
            self.notice(for_owners=False, for_tenants=False, for_residents=False)
        notice = self.notice()
        with self.assertRefused("has no audience"):
            notice.write({"property_ids": [(5,)]})
        with self.assertRaises(ValidationError):
            self.notice(
                property_ids=[(6, 0, self.property_b.ids)],
                company_id=self.env["res.company"].create({"name": "Other Company"}).id,
            )

    # Publishing and e-mail ----------------------------------------------------------------------

    def test_publish_twice_no_duplicates(self):
        notice = self.notice()
        self.publish(notice)
        self.assertEqual(notice.recipient_count, 3)
        self.assertEqual(len(self.mails(notice)), 1)
        self.publish(notice)
        self.assertEqual(len(notice.recipient_ids), 3)
        self.assertEqual(len(self.mails(notice)), 1, "nobody receives the notice twice")
        # Somebody moved in since: publishing again reaches only them.
        newcomer = self.env["res.partner"].create(
            {"name": "Newcomer", "email": "new@example.com", "tenant_notification_consent": True}
        )
        self.occupy(self.unit_a2, newcomer, role="tenant", move_in="2025-01-01")
        self.publish(notice)
        self.assertEqual(notice.recipient_count, 4)
        self.assertEqual(len(notice.recipient_ids.filtered(lambda r: r.partner_id == newcomer)), 1)
        self.assertEqual(len(self.mails(notice)), 2)

    def test_mail_queued_only_for_consenting_residents(self):
        notice = self.notice()
        cron = self.env.ref("tenant_relations.ir_cron_send_notice_mails")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        notice.action_publish()
        self.assertFalse(self.mails(notice), "the click queues nothing itself")
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers)
        self.assertEqual(notice.recipient_ids.filtered("mail_pending").partner_id, self.owner)
        self.assertEqual((notice.mail_pending_count, notice.sent_count), (1, 0))
        self.env["tenant.notice.recipient"]._cron_send_notice_mails()
        self.assertEqual((notice.mail_pending_count, notice.sent_count), (0, 1))
        self.assertFalse(notice.recipient_ids.filtered("mail_pending"))
        mails = self.mails(notice)
        self.assertEqual(len(mails), 1, "the tenant did not consent; the member has no e-mail")
        self.assertEqual(mails.state, "outgoing", "queued, not sent during the request")
        self.assertEqual(mails.recipient_ids, self.owner)
        self.assertEqual(mails.subject, notice.name)
        self.assertIn(f"/my/notices/{notice.id}", mails.body_html)
        self.assertEqual(notice.recipient_ids.filtered("sent").partner_id, self.owner)
        self.assertEqual(notice.sent_count, 1)

    def test_mail_rendered_in_recipient_language_and_time_zone(self):
        load_chinese(self.env, overwrite=False)
        self.owner.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        self.owner_b.write({"lang": "en_US", "tz": "UTC"})
        notice = self.notice(
            property_ids=[(5,)],
            all_properties=True,
            maintenance_start="2026-12-01 01:00:00",
            maintenance_end="2026-12-01 05:00:00",
        )
        self.publish(notice)
        mails = {mail.recipient_ids: mail for mail in self.mails(notice)}
        self.assertEqual(set(mails), {self.owner, self.owner_b})
        chinese, english = mails[self.owner], mails[self.owner_b]
        self.assertIn("尊敬的住户", chinese.body_html)
        self.assertIn("9:00", chinese.body_html, "09:00 in Shanghai")
        self.assertIn("Dear resident", english.body_html)
        self.assertIn("1:00", english.body_html, "01:00 in UTC")
        self.assertNotIn("9:00", english.body_html)
        self.assertEqual({chinese.subject, english.subject}, {notice.name})
        self.assertNotIn(self.owner_b.name, chinese.reply_to or "", "no neighbour's name in Reply-To")
        self.assertNotIn(self.owner.name, english.reply_to or "")

    def test_mail_without_resident_time_zone_uses_the_publishers(self):
        self.owner.tz = False
        self.env.user.tz = "Asia/Shanghai"
        notice = self.notice(maintenance_start="2026-12-01 01:00:00")
        # The job runs as no one in particular, in no time zone.
        notice.action_publish()
        self.env["tenant.notice.recipient"].with_context(tz=False)._cron_send_notice_mails()
        self.assertIn("9:00", self.mails(notice).body_html)

    def residents_in_building(self, building, count):
        residents = self.env["res.partner"].create(
            [
                {
                    "name": f"Resident {building}-{i}",
                    "email": f"r{building}-{i}@example.com",
                    "tenant_notification_consent": True,
                }
                for i in range(count)
            ]
        )
        units = self.env["tenant.unit"].create(
            [
                {
                    "property_id": self.property_a.id,
                    "building": building,
                    "number": f"0{i}",
                    "code": f"{building}-0{i}",
                }
                for i in range(count)
            ]
        )
        for unit, resident in zip(units, residents, strict=True):
            self.occupy(unit, resident, role="tenant")
        return residents

    def test_mail_rendered_once_per_language(self):
        """50,000 residents must not mean 50,000 renderings: the body is rendered per language."""
        self.residents_in_building("9", 6)
        notice = self.notice(buildings="9")
        render_field = type(self.env["mail.template"])._render_field
        with patch.object(
            type(self.env["mail.template"]), "_render_field", autospec=True, side_effect=render_field
        ) as render:
            self.publish(notice)
        self.assertEqual(len(self.mails(notice)), 6)
        rendered = [call.args[1] for call in render.call_args_list]
        self.assertEqual(sorted(rendered), ["body_html", "email_from", "subject"], "each once")

    def test_publish_queries_do_not_grow_with_the_audience(self):
        self.residents_in_building("7", 1)
        self.residents_in_building("8", 2)
        self.residents_in_building("9", 8)
        warm_up, few, many = (self.notice(buildings=building) for building in "789")
        self.publish(warm_up)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=PUBLISH_QUERIES):
            self.publish(few)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=PUBLISH_QUERIES):
            self.publish(many)
        self.assertEqual((len(self.mails(few)), len(self.mails(many))), (2, 8))

    def test_mail_job_batches_and_rechecks_consent(self):
        self.residents_in_building("9", 3)
        notice, expired = self.notice(buildings="9"), self.notice(buildings="9", name="Old news")
        with freeze_time("2026-03-01 08:00:00"):
            (notice | expired).action_publish()
        Recipient = self.env["tenant.notice.recipient"]
        self.assertEqual(len(Recipient._cron_send_notice_mails(batch_size=2)), 2)
        with freeze_time("2026-03-01 09:00:00"):
            expired.action_expire()
        pending = notice.recipient_ids.filtered("mail_pending")
        self.assertEqual(len(pending), 1)
        pending.partner_id.tenant_notification_consent = False  # withdrawn before the job ran
        Recipient._cron_send_notice_mails(batch_size=2)
        self.assertFalse((notice | expired).recipient_ids.filtered("mail_pending"))
        self.assertEqual(len(self.mails(notice | expired)), 2, "none to the withdrawn, none once expired")

    # Reading and acknowledging -----------------------------------------------------------------

    def test_read_and_acknowledgement_rates(self):
        notice = self.notice(kind="rules", rules_topic="pets", name="文明养犬公约")
        self.assertTrue(notice.requires_acknowledgement, "house rules ask for an acknowledgement")
        notice.action_publish()
        self.assertEqual((notice.read_rate, notice.acknowledged_rate), (0.0, 0.0))
        rows = {r.partner_id: r for r in notice.recipient_ids}
        rows[self.owner]._mark_read()
        self.assertEqual(notice.read_count, 1)
        self.assertAlmostEqual(notice.read_rate, 100.0 / 3, places=1)
        rows[self.tenant]._mark_acknowledged()
        self.assertTrue(rows[self.tenant].read_date, "acknowledging implies reading")
        self.assertEqual((notice.read_count, notice.acknowledged_count), (2, 1))
        self.assertAlmostEqual(notice.read_rate, 200.0 / 3, places=1)
        self.assertAlmostEqual(notice.acknowledged_rate, 100.0 / 3, places=1)
        first = rows[self.owner].read_date
        with freeze_time("2030-01-01"):
            rows[self.owner]._mark_read()
        self.assertEqual(rows[self.owner].read_date, first, "the first reading is kept")

    def test_statistics_count_the_first_send_only(self):
        """A reminder wave is the same people again: the figures on the notice stay per person."""
        notice = self.notice(kind="rules", rules_topic="pets")
        self.publish(notice)
        rows = {r.partner_id: r for r in notice.recipient_ids}
        rows[self.owner]._mark_acknowledged()
        reminders = notice._campaign_log_audience("reminder")
        self.assertEqual(len(reminders), 3)
        self.assertEqual(len(notice.recipient_ids), 6)
        self.assertEqual(reminders.filtered("mail_pending").partner_id, self.owner)
        # A reminder row read, acknowledged and e-mailed changes none of the first send's figures.
        reminders._mark_acknowledged()
        reminders.filtered("mail_pending").write({"mail_pending": False, "sent": True})
        self.assertEqual(
            (
                notice.recipient_count,
                notice.sent_count,
                notice.mail_pending_count,
                notice.read_count,
                notice.acknowledged_count,
            ),
            (3, 1, 0, 1, 1),
        )
        self.assertAlmostEqual(notice.read_rate, 100.0 / 3, places=1)
        self.assertAlmostEqual(notice.acknowledged_rate, 100.0 / 3, places=1)

    def test_acknowledgement_only_when_asked(self):
        notice = self.notice()
        self.assertFalse(notice.requires_acknowledgement)
        notice.action_publish()
        self.assertFalse(notice.recipient_ids._mark_acknowledged())
        self.assertFalse(notice.recipient_ids.filtered("acknowledged_date"))

    # Scheduling ---------------------------------------------------------------------------------

    def test_schedule_and_cron(self):
        Notice = self.env["tenant.notice"]
        with freeze_time("2026-03-01 08:00:00"):
            notice = self.notice(publish_date="2026-03-02 00:00:00", expiry_date="2026-03-05 00:00:00")
            with self.assertRaises(UserError):
                self.notice(publish_date="2026-02-01 00:00:00").action_schedule()
            notice.action_schedule()
            self.assertEqual(notice.state, "scheduled")
            Notice._cron_publish_due()
            self.assertEqual(notice.state, "scheduled")
            self.assertFalse(notice.recipient_ids)
        with freeze_time("2026-03-02 00:15:00"):
            Notice._cron_publish_due()
            self.assertEqual(notice.state, "published")
            self.assertEqual(notice.publish_date, fields.Datetime.to_datetime("2026-03-02 00:00:00"))
            self.assertEqual(len(notice.recipient_ids), 3)
            Notice._cron_publish_due()  # safe to run twice
            self.assertEqual(len(notice.recipient_ids), 3)
            self.env["tenant.notice.recipient"]._cron_send_notice_mails()
            self.assertEqual(len(self.mails(notice)), 1)
        with freeze_time("2026-03-05 00:15:00"):
            Notice._cron_publish_due()
            self.assertEqual(notice.state, "expired")
            with self.assertRaises(UserError):
                notice.action_publish()

    def test_scheduled_notice_past_expiry_is_never_sent(self):
        with freeze_time("2026-03-01 08:00:00"):
            notice = self.notice(publish_date="2026-03-02 00:00:00", expiry_date="2026-03-03 00:00:00")
            notice.action_schedule()
        with freeze_time("2026-03-04 00:00:00"):
            self.env["tenant.notice"]._cron_publish_due()
        self.assertEqual(notice.state, "expired")
        self.assertFalse(notice.recipient_ids)

    # Access -------------------------------------------------------------------------------------

    def test_staff_see_notices_of_their_properties(self):
        notice_a = self.notice()
        notice_b = self.notice(property_ids=[(6, 0, self.property_b.ids)])
        everyone = self.notice(property_ids=[(5,)], all_properties=True)
        Notice = self.env["tenant.notice"]
        visible = Notice.with_user(self.staff_a).search([("id", "in", (notice_a | notice_b | everyone).ids)])
        self.assertEqual(visible, notice_a)
        with self.assertRaises(AccessError):
            notice_b.with_user(self.staff_a).read(["name"])
        with self.assertRaises(AccessError):
            everyone.with_user(self.staff_a).read(["name"])
        visible = Notice.with_user(self.manager).search([("id", "in", (notice_a | notice_b | everyone).ids)])
        self.assertEqual(visible, notice_a | notice_b | everyone)

        # Staff publish the notices of their properties; not those of others.
        notice_a.with_user(self.staff_a).action_publish()
        self.assertEqual(len(notice_a.recipient_ids), 3)
        with self.assertRaises(AccessError):
            notice_b.with_user(self.staff_a).action_publish()
        self.assertFalse(notice_b.recipient_ids)
        own = self.notice(env=Notice.with_user(self.staff_b).env, property_ids=[(6, 0, self.property_b.ids)])
        self.assertEqual(own.create_uid, self.staff_b)
        with self.assertRaises(AccessError):
            self.notice(env=Notice.with_user(self.staff_b).env)

    def test_portal_users_read_only_their_own(self):
        user_owner = new_test_user(
            self.env, "tr_notice_owner", groups="base.group_portal", partner_id=self.owner.id
        )
        user_b = new_test_user(
            self.env, "tr_notice_b", groups="base.group_portal", partner_id=self.owner_b.id
        )
        notice = self.notice()
        notice.action_publish()
        self.assertEqual(notice.with_user(user_owner).name, notice.name)
        own = self.env["tenant.notice.recipient"].with_user(user_owner).search([])
        self.assertEqual(own.partner_id, self.owner)
        with self.assertRaises(AccessError):
            own.write({"acknowledged_date": fields.Datetime.now()})
        with self.assertRaises(AccessError):
            notice.with_user(user_b).read(["name"])
        self.assertFalse(self.env["tenant.notice.recipient"].with_user(user_b).search([]))


@tagged("post_install", "-at_install")
class TestNoticePortal(NoticeMixin, PortalCase):
    """Residents read and acknowledge the notices addressed to them, and only those."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        units = [("1栋", "1201", "1-1201"), ("2栋", "0301", "2-0301")]
        homes, users = lettered_homes(cls.env, "CHG-N", "翠湖花园", units, "tr_notice_resident_", "notice.")
        cls.unit_a, cls.unit_b = homes
        cls.user_a, cls.user_b = users
        cls.property_a = cls.unit_a.property_id
        cls.partner_a, cls.partner_b = cls.user_a.partner_id, cls.user_b.partner_id
        cls.rules = cls.notice(
            name="文明养犬公约",
            kind="rules",
            rules_topic="pets",
            buildings="1栋",
            body="<p>Keep dogs on a leash.</p>",
        )
        cls.maintenance = cls.notice(name="停水通知", body="<p>No water on Tuesday.</p>")
        (cls.rules | cls.maintenance).action_publish()
        cls.row_a = cls.rules.recipient_ids
        cls.row_a_maintenance = cls.maintenance.recipient_ids.filtered(
            lambda r: r.partner_id == cls.partner_a
        )

    def acknowledge(self, notice, **data):
        return self.url_open(
            f"/my/notices/{notice.id}/acknowledge",
            data={"csrf_token": http.Request.csrf_token(self), **data},
            allow_redirects=False,
        )

    def test_list_read_and_counter(self):
        self.assertEqual(self.row_a.partner_id, self.partner_a, "the house rule is for building 1 only")
        self.login(self.user_a)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["notice_count"]})
        self.assertEqual(counters["notice_count"], 2)
        page = self.url_open("/my/notices")
        self.assertEqual(page.status_code, 200)
        self.assertIn("文明养犬公约", page.text)
        self.assertIn("停水通知", page.text)

        page = self.url_open(f"/my/notices/{self.maintenance.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("No water on Tuesday.", page.text)
        self.assertNotIn("I acknowledge", page.text, "only house rules ask for an acknowledgement")
        self.assertTrue(self.row_a_maintenance.read_date)
        self.assertFalse(self.row_a.read_date)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["notice_count"]})
        self.assertEqual(counters["notice_count"], 1)

        # Acknowledging a notice that asks for none changes nothing.
        self.assertEqual(self.acknowledge(self.maintenance).status_code, 303)
        self.assertFalse(self.row_a_maintenance.acknowledged_date)

    def test_reminder_wave_shows_each_notice_once(self):
        reminders = self.maintenance._campaign_log_audience("reminder")
        self.assertIn(self.partner_a, reminders.partner_id)
        self.login(self.user_a)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["notice_count"]})
        self.assertEqual(counters["notice_count"], 2)
        page = self.url_open("/my/notices")
        self.assertEqual(page.text.count("o_tenant_notice_row"), 2)
        self.assertEqual(page.text.count("停水通知"), 1)
        # Reading is recorded on the first send's row, the one the notice's figures count.
        self.url_open(f"/my/notices/{self.maintenance.id}")
        self.assertTrue(self.row_a_maintenance.read_date)
        self.assertEqual(self.maintenance.read_count, 1)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["notice_count"]})
        self.assertEqual(counters["notice_count"], 1)

    def test_acknowledge_house_rule(self):
        self.login(self.user_a)
        page = self.url_open(f"/my/notices/{self.rules.id}")
        self.assertIn("I acknowledge", page.text)
        self.assertIn("Keep dogs on a leash.", page.text)
        res = self.acknowledge(self.rules)
        self.assertEqual(res.status_code, 303)
        self.assertTrue(self.row_a.acknowledged_date)
        self.assertEqual(self.rules.acknowledged_rate, 100.0)
        page = self.url_open(res.headers["Location"])
        self.assertIn("your acknowledgement is recorded", page.text)
        self.assertNotIn("I acknowledge", page.text)

    def test_acknowledge_needs_csrf(self):
        self.login(self.user_a)
        with mute_logger("odoo.http"):
            res = self.url_open(
                f"/my/notices/{self.rules.id}/acknowledge", data={"ok": "1"}, allow_redirects=False
            )
        self.assertEqual(res.status_code, 400)
        self.assertFalse(self.row_a.acknowledged_date)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule", "odoo.models")
    def test_other_resident_locked_out(self):
        self.login(self.user_b)
        self.assertNotIn("文明养犬公约", self.url_open("/my/notices").text)
        self.assertIn("停水通知", self.url_open("/my/notices").text)
        for url in (f"/my/notices/{self.rules.id}", "/my/notices/99999999999"):
            with self.subTest(url=url):
                res = self.url_open(url, allow_redirects=False)
                self.assertIn(res.status_code, (303, 403, 404))
                self.assertNotIn("Keep dogs on a leash.", self.url_open(url).text)
        res = self.acknowledge(self.rules)
        self.assertIn(res.status_code, (303, 403, 404))
        self.assertFalse(self.row_a.read_date)
        self.assertFalse(self.row_a.acknowledged_date)
        with self.assertRaises(JsonRpcException):
            call_kw(self, "tenant.notice", "read", self.rules.ids, ["name"])
        with self.assertRaises(JsonRpcException):
            call_kw(
                self,
                "tenant.notice.recipient",
                "write",
                self.row_a.ids,
                {"acknowledged_date": "2026-01-01 00:00:00"},
            )
        self.assertFalse(self.row_a.acknowledged_date)

    def test_notice_tour(self):
        self.env["res.partner"]._tenant_award_points({self.partner_a.id: 120}, "Lease renewal")
        self.start_tour("/my/notices", "tenant_relations_notice_tour", login=self.user_a.login)
        self.assertTrue(self.row_a.read_date)
        self.assertTrue(self.row_a.acknowledged_date)
