# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import TenantRelationsCase


@tagged("post_install", "-at_install")
class TestGreeting(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.template = cls.env.ref("tenant_relations.mail_template_greeting_spring_festival")
        cls.owner.write({"tenant_notification_consent": True, "lang": "zh_CN"})
        cls.tenant.write({"tenant_notification_consent": True, "lang": "en_US"})
        Partner = cls.env["res.partner"]
        cls.no_consent = Partner.create({"name": "张伟", "email": "zhang@example.com"})
        cls.no_email = Partner.create({"name": "杨静", "tenant_notification_consent": True})
        cls.other_property = Partner.create(
            {"name": "陈志强", "email": "chen@example.com", "tenant_notification_consent": True}
        )
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_a2, cls.tenant, role="tenant")
        cls.occupy(cls.unit_a2, cls.no_consent, role="resident")
        cls.occupy(cls.unit_a1, cls.no_email, role="resident")
        cls.occupy(cls.unit_b1, cls.other_property)
        cls.campaign = cls.env["tenant.greeting.campaign"].create(
            {
                "name": "Spring Festival 2027",
                "festival": "spring_festival",
                "send_date": "2027-02-06",
                "template_id": cls.template.id,
                "property_ids": [(6, 0, [cls.property_a.id])],
            }
        )

    def _greeting_mails(self):
        return self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("subject", "ilike", "Spring Festival")]
        )

    def test_campaign_year(self):
        self.assertEqual(self.campaign.year, 2027)

    def test_sends_once_per_resident(self):
        self.campaign.action_schedule()
        Campaign = self.env["tenant.greeting.campaign"]
        with freeze_time("2027-02-05"):
            Campaign._cron_send_greetings()
        self.assertEqual(self.campaign.state, "scheduled", "Not due yet: nothing is sent.")
        self.assertFalse(self.campaign.log_ids)
        before = self._greeting_mails()
        with freeze_time("2027-02-06"):
            Campaign._cron_send_greetings()
        self.assertEqual(self.campaign.state, "done")
        self.assertEqual(self.campaign.log_ids.partner_id, self.owner | self.tenant)
        self.assertEqual(self.campaign.sent_count, 2)
        mails = self._greeting_mails() - before
        self.assertEqual(len(mails), 2)
        self.assertEqual(mails.recipient_ids, self.owner | self.tenant)
        self.assertTrue(all(state == "outgoing" for state in mails.mapped("state")), "Queued, not sent.")
        # Rerun, even after putting the campaign back in the queue: nobody gets it twice.
        self.campaign.write({"state": "scheduled"})
        with freeze_time("2027-02-07"):
            Campaign._cron_send_greetings()
        self.assertEqual(self._greeting_mails() - before, mails)
        self.assertEqual(self.campaign.sent_count, 2)
        self.assertEqual(self.campaign.state, "done")

    def test_batches(self):
        self.campaign.action_schedule()
        Campaign = self.env["tenant.greeting.campaign"]
        with freeze_time("2027-02-06"):
            Campaign._cron_send_greetings(batch_size=1)
            self.assertEqual(self.campaign.sent_count, 1)
            self.assertEqual(self.campaign.state, "scheduled")
            Campaign._cron_send_greetings(batch_size=1)
            self.assertEqual(self.campaign.sent_count, 2)
            Campaign._cron_send_greetings(batch_size=1)
        self.assertEqual(self.campaign.state, "done")

    def test_recipient_language(self):
        self.assertEqual(self.template.lang, "{{ object.lang }}")
        self.campaign.action_schedule()
        with freeze_time("2027-02-06"):
            self.env["tenant.greeting.campaign"]._cron_send_greetings()
        # Rendered per recipient: the language expression gives each their own language.
        langs = self.template._render_lang((self.owner | self.tenant).ids)
        self.assertEqual(langs, {self.owner.id: "zh_CN", self.tenant.id: "en_US"})
        for partner in self.owner | self.tenant:
            mail = self._greeting_mails().filtered(lambda m, p=partner: m.recipient_ids == p)
            self.assertEqual(len(mail), 1)
            self.assertIn(partner.name, mail.body_html)

    def test_roles_and_all_properties(self):
        self.campaign.write({"property_ids": [(5, 0, 0)], "for_residents": False, "for_tenants": False})
        self.campaign.action_schedule()
        with freeze_time("2027-02-06"):
            self.env["tenant.greeting.campaign"]._cron_send_greetings()
        self.assertEqual(self.campaign.log_ids.partner_id, self.owner | self.other_property)

    def test_refused_without_template_or_date(self):
        Campaign = self.env["tenant.greeting.campaign"]
        with self.assertRefused("needs an e-mail template and a sending date"):
            Campaign.create({"name": "No template", "send_date": "2027-02-06"})
        with self.assertRefused("needs an e-mail template and a sending date"):
            Campaign.create({"name": "No date", "template_id": self.template.id})
        with self.assertRefused("needs an e-mail template and a sending date"):
            self.campaign.write({"template_id": False})
        with self.assertRefused("needs an e-mail template and a sending date"):
            self.campaign.write({"send_date": False})

    def test_staff_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.staff_a).write({"name": "Changed"})
        self.assertEqual(self.campaign.with_user(self.staff_a).name, "Spring Festival 2027")
