# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident hears how their request was handled: the resolution note reaches them in the
closing mail and on their request's page (处理完毕后将结果反馈给业主，并记录在案)."""

import json

from odoo.tests import tagged

from .common import (
    PortalCase,
    load_chinese,
    migration_script,
    no_ack_tickets,
    portal_main_contact,
    property_unit,
    staff_user,
)

RESOLUTION = "Replaced the cracked supply hose under the sink"

# The closing body as shipped by 18.0.1.4.0 (demo database of the previous version).
OLD_BODIES = {
    "en_US": """<div>
    <t t-set="access_token" t-value="object._rating_get_access_token()"/>
    <p>Dear <t t-out="object.partner_id.name or ''">Wang Jianguo</t>,</p>
    <p>Your request <strong t-out="object.number or ''">TK2611-00001</strong> is closed.
        How satisfied are you with our service?</p>
    <p>
        <a t-attf-href="/rate/{{ access_token }}/5">Satisfied</a> ·
        <a t-attf-href="/rate/{{ access_token }}/3">Okay</a> ·
        <a t-attf-href="/rate/{{ access_token }}/1">Dissatisfied</a>
    </p>
    <p>Your property service team</p>
</div>
        """,
    "zh_CN": """<div>
    <t t-set="access_token" t-value="object._rating_get_access_token()"/>
    <p>尊敬的 <t t-out="object.partner_id.name or ''">王建国</t>：</p>
    <p>您的服务请求 <strong t-out="object.number or ''">TK2611-00001</strong> 已关闭。
        您对我们的服务满意吗？</p>
    <p>
        <a t-attf-href="/rate/{{ access_token }}/5">满意</a> ·
        <a t-attf-href="/rate/{{ access_token }}/3">一般</a> ·
        <a t-attf-href="/rate/{{ access_token }}/1">不满意</a>
    </p>
    <p>您的物业服务团队</p>
</div>
        """,
}


@tagged("post_install", "-at_install")
class TestResolutionReachesTheResident(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = staff_user(cls.env, "tr_res_staff")
        cls.unit = property_unit(cls.env, "GLG", "1-1201", building="1", manager_id=cls.staff.id)
        cls.property = cls.unit.property_id
        cls.resident_user = portal_main_contact(
            cls.env, "tr_res_wang", cls.unit, "Wang Jianguo", "wang@example.com"
        )
        cls.resident = cls.resident_user.partner_id
        cls.ticket = no_ack_tickets(cls.env).create(
            {"name": "Kitchen sink leaks", "partner_id": cls.resident.id, "unit_id": cls.unit.id}
        )

    def close_as_staff(self, ticket):
        """The agent records the resolution and closes; the mails are queued, not sent, to be read."""
        ticket.with_user(self.staff).with_context(mail_notify_force_send=False).write(
            {
                "resolution_note": f"<p>{RESOLUTION}</p>",
                "stage_id": self.env.ref("tenant_relations.tenant_ticket_stage_closed").id,
            }
        )

    def mail_to_reporter(self, ticket):
        mails = self.env["mail.mail"].search([("model", "=", "tenant.ticket"), ("res_id", "=", ticket.id)])
        return mails.filtered(lambda mail: ticket.partner_id in mail.recipient_ids)

    def test_closing_mail_holds_the_resolution(self):
        self.close_as_staff(self.ticket)
        mail = self.mail_to_reporter(self.ticket)
        self.assertTrue(mail, "the reporter is mailed when the request is closed")
        self.assertIn(RESOLUTION, str(mail.body_html))
        self.assertIn("How we handled it", str(mail.body_html))

    def test_closing_mail_in_chinese_holds_the_resolution(self):
        load_chinese(self.env)
        self.resident.lang = "zh_CN"
        self.close_as_staff(self.ticket)
        body = str(self.mail_to_reporter(self.ticket).body_html)
        self.assertIn("处理结果", body)
        self.assertIn(RESOLUTION, body)

    def test_portal_page_shows_the_resolution(self):
        self.close_as_staff(self.ticket)
        self.authenticate(self.resident_user.login, self.resident_user.login)
        page = self.url_open(self.ticket.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(RESOLUTION, page.text)
        self.assertIn("How we handled it", page.text)

    def test_migration_adds_the_resolution_to_an_old_body(self):
        template = self.env.ref("tenant_relations.mail_template_ticket_closed")
        firm = self.env["mail.template"].create({"name": "firm's own", "body_html": "<p>Thanks</p>"})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE mail_template SET body_html = %s::jsonb WHERE id = %s",
            (json.dumps(OLD_BODIES), template.id),
        )
        migration_script("18.0.1.5.0", "post-cats").migrate(self.env.cr, "18.0.1.4.0")
        self.env.invalidate_all()
        self.env.cr.execute("SELECT body_html FROM mail_template WHERE id = %s", (template.id,))
        bodies = self.env.cr.fetchone()[0]
        self.assertIn("How we handled it:", bodies["en_US"])
        self.assertIn("处理结果：", bodies["zh_CN"])
        for lang, body in bodies.items():
            with self.subTest(lang=lang):
                self.assertIn('t-out="object.resolution_note"', body)
                self.assertIn("/rate/", body, "the rest of the old body is kept (its links migrate apart)")
        self.assertEqual(firm.body_html, "<p>Thanks</p>", "other templates are left alone")
        # Run twice: nothing added again.
        migration_script("18.0.1.5.0", "post-cats").migrate(self.env.cr, "18.0.1.4.0")
        self.env.cr.execute("SELECT body_html FROM mail_template WHERE id = %s", (template.id,))
        self.assertEqual(self.env.cr.fetchone()[0], bodies)
