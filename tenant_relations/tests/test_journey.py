# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Out of the box: a day of the product on the demo database exactly as ``make run`` builds it.

Every step goes through real HTTP as a real user signed in with their demo password, not as the
superuser (see journey_case.py: tag ``tr_journey``, nothing set up, all rolled back at the end).
"""

import re

from odoo.tests import tagged

from .journey_case import JourneyCase


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class TestJourney(JourneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_closed = cls.demo("tenant_ticket_stage_closed")

    def mails_to(self, partner, since_id):
        """E-mails queued for ``partner`` by messages posted after ``since_id``."""
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("mail_message_id", ">", since_id), ("recipient_ids", "in", partner.ids)], order="id")
        )

    def last_message_id(self):
        return self.env["mail.message"].sudo().search([], order="id desc", limit=1).id

    def csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text).group(1)

    # Set-up as `make run` leaves it --------------------------------------------------------

    def test_demo_is_a_chinese_property_firm(self):
        self.assertEqual(self.company.currency_id.name, "CNY")
        self.assertTrue(self.company.email, "automatic mails need the company's sender")
        self.assertEqual(self.env.ref("base.user_admin").lang, "zh_CN")
        self.assertEqual(self.env.ref("base.user_admin").tz, "Asia/Shanghai")
        self.assertFalse(self.env["ir.mail_server"].search([]), "the demo sends through no server")
        self.assertFalse(self.company.alias_domain_id, "the demo has no alias domain")

    # The hotline agent ----------------------------------------------------------------------

    def test_hotline_agent_files_answers_and_closes_a_ticket(self):
        self.assertFalse(self.hotline._is_admin() or self.hotline._is_superuser())
        self.authenticate("hotline", "hotline")
        # The caller gives their mobile as they say it.
        found = self.rpc("res.partner", "name_search", "138 0571 2301")
        self.assertIn(self.resident.id, [pid for pid, _name in found])
        # Only their own property's tickets and residents.
        visible = self.rpc("tenant.ticket", "search_read", [], ["property_id"])
        self.assertTrue(visible)
        self.assertEqual({row["property_id"][0] for row in visible if row["property_id"]}, {self.chg.id})
        self.assertFalse(self.rpc("tenant.ticket", "search", [("property_id", "=", self.yqa.id)]))

        before = self.last_message_id()
        ticket_id = self.rpc(
            "tenant.ticket",
            "create",
            {"name": "卫生间天花板漏水", "partner_id": self.resident.id, "channel": "hotline"},
        )
        ticket = self.env["tenant.ticket"].browse(ticket_id)
        self.assertTrue(self.resident.email)
        self.assertEqual(ticket.property_id, self.chg, "the resident's unit places the ticket")
        self.assertNotEqual(ticket.number, "/")
        self.assertTrue(ticket.sla_line_ids)
        acknowledgement = self.mails_to(self.resident, before)
        self.assertEqual(len(acknowledgement), 1, "the resident is told the request is registered")
        self.assertIn(ticket.number, acknowledgement.subject)
        self.assertEqual(acknowledgement.email_from, self.company.email_formatted)

        # The agent answers in the chatter: the first response.
        before = self.last_message_id()
        self.rpc(
            "tenant.ticket",
            "message_post",
            [ticket_id],
            body="您好，维修师傅 30 分钟内上门。",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertTrue(ticket.first_response_date)
        self.assertEqual(len(self.mails_to(self.resident, before)), 1)

        # And closes it: the resident is asked to rate the service.
        before = self.last_message_id()
        self.rpc("tenant.ticket", "write", [ticket_id], {"stage_id": self.stage_closed.id})
        self.assertTrue(ticket.is_closed)
        closing = self.mails_to(self.resident, before)
        self.assertEqual(len(closing), 1)
        self.assertIn("/rate/", closing.body_html)
        self.assertEqual(closing.email_from, self.company.email_formatted)

    def test_hotline_tour_starts_from_a_phone_number(self):
        tour = "tenant_relations_journey_hotline_tour"
        ticket = self.tour_ticket(tour, "厨房水槽下水管爆裂", login="hotline")
        self.assertEqual(ticket.partner_id, self.resident)
        self.assertEqual(ticket.property_id, self.chg)

    # The resident ---------------------------------------------------------------------------

    def test_resident_submits_and_closes_a_request_in_the_portal(self):
        self.authenticate("resident", "resident")
        self.assertEqual(self.demo("user_resident_demo").partner_id, self.resident)
        token = self.csrf("/my/tickets/new")
        unit = self.demo("tenant_occupancy_chg_1_201_wang_jianguo_demo").unit_id
        before = self.last_message_id()
        response = self.url_open(
            "/my/tickets/new",
            data={
                "csrf_token": token,
                "name": "楼道灯不亮",
                "description": "3 楼楼道灯坏了两天。",
                "kind": "repair",
                "unit_id": unit.id,
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["tenant.ticket"].search([("name", "=", "楼道灯不亮")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.resident)
        self.assertIn(f"/my/tickets/{ticket.id}", response.url)
        self.assertEqual(len(self.mails_to(self.resident, before)), 1, "the acknowledgement e-mail")
        self.assertIn(ticket.number, response.text)

        # "Close request" asks first; "Yes, close it" posts the confirmation.
        token = self.csrf(f"/my/tickets/{ticket.id}?confirm_close=1")
        response = self.url_open(f"/my/tickets/{ticket.id}/close", data={"csrf_token": token, "confirm": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(ticket.is_closed)

    def test_resident_acknowledges_a_house_rule(self):
        notice = self.demo("tenant_notice_chg_dog_rules_demo")
        self.assertTrue(notice.requires_acknowledgement)
        self.authenticate("resident", "resident")
        token = self.csrf(f"/my/notices/{notice.id}")
        response = self.url_open(f"/my/notices/{notice.id}/acknowledge", data={"csrf_token": token})
        self.assertEqual(response.status_code, 200)
        recipient = notice.recipient_ids.filtered(lambda r: r.partner_id == self.resident)
        self.assertTrue(recipient.acknowledged_date)

    # A visitor and an English speaker ---------------------------------------------------------

    def test_logged_out_visitor_uses_the_feedback_box(self):
        url = f"/feedback/{self.chg.code}"
        # A resident's phone browser asks for Chinese; the poster's QR code opens this page.
        page = self.url_open(url, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
        self.assertIn("匿名", page.text, "the feedback box speaks the resident's language")
        self.assertIn("漏水", page.text, "and so do the shipped categories")
        token = self.csrf(url)
        response = self.url_open(
            url,
            data={
                "csrf_token": token,
                "name": "垃圾桶满了",
                "text": "2栋门口的垃圾桶每天溢出。",
                "kind": "complaint",
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["tenant.ticket"].search([("name", "=", "垃圾桶满了")])
        self.assertEqual(ticket.channel, "anonymous")
        self.assertFalse(ticket.partner_id)

    def test_english_speaking_user_switches_language(self):
        self.authenticate("admin", "admin")
        installed = dict(self.rpc("res.lang", "get_installed"))
        self.assertIn("en_US", installed)
        self.assertIn("zh_CN", installed)
        uid = self.env.ref("base.user_admin").id
        self.rpc("res.users", "write", [uid], {"lang": "en_US"})
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(info["user_context"]["lang"], "en_US")
        closed = self.rpc(
            "tenant.ticket.stage", "read", [self.stage_closed.id], ["name"], context={"lang": "en_US"}
        )
        self.assertEqual(closed[0]["name"], "Closed")
        closed = self.rpc(
            "tenant.ticket.stage", "read", [self.stage_closed.id], ["name"], context={"lang": "zh_CN"}
        )
        self.assertEqual(closed[0]["name"], "已关闭")
