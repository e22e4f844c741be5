# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident's side of a request (issue 8, part 3): emergencies, the acknowledgement and the
times on the portal, the portal in Chinese, a phone-sized list, a confirmed close."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

from odoo import fields, http
from odoo.tests import tagged

from .common import PortalCase, portal_main_contact, portal_member


@tagged("post_install", "-at_install")
class TestPortalResident(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Times are read in the resident's zone, else the company's, else China's: start from none.
        cls.env.company.partner_id.tz = False
        cls.env.company.phone = "0571-0000 0000"
        cls.property = cls.env["tenant.property"].create(
            {"name": "Green Lake Gardens", "code": "GLG-R", "hotline": "0571-8888 1234"}
        )
        cls.unit = cls.env["tenant.unit"].create(
            {"property_id": cls.property.id, "building": "1", "number": "1201", "code": "1-1201"}
        )
        cls.owner_user = portal_main_contact(
            cls.env, "tr_res_owner", cls.unit, "Owner Wang", "wang@example.com"
        )
        cls.member_user = portal_member(cls.env, "tr_res_member", cls.unit, "Member Li", "li@example.com")
        cls.owner, cls.member = cls.owner_user.partner_id, cls.member_user.partner_id
        (cls.owner | cls.member).lang = "en_US"
        Category = cls.env["tenant.ticket.category"]
        cls.cat_door = Category.create({"name": "Doors (test)", "default_urgency": "normal"})
        cls.cat_burst = Category.create({"name": "Burst pipe (test)", "default_urgency": "urgent"})
        # One promise the test can compute by hand: a response within 2 hours, around the clock.
        cls.env["tenant.sla.policy"].search([]).active = False
        cls.env["tenant.sla.policy"].create(
            {
                "name": "Respond within 2 hours",
                "target": "first_response",
                "duration": 2,
                "duration_unit": "hours",
                "around_the_clock": True,
            }
        )

    def post_form(self, **data):
        payload = {
            "csrf_token": http.Request.csrf_token(self),
            "name": "Water everywhere",
            "kind": "repair",
            "unit_id": str(self.unit.id),
            "category_id": "",
            **data,
        }
        res = self.url_open("/my/tickets/new", data=payload, allow_redirects=False)
        self.assertEqual(res.status_code, 303, res.text[:500])
        return self.env["tenant.ticket"].search([("channel", "=", "portal")], order="id desc", limit=1)

    def chatter(self, ticket, token=None):
        params = {"thread_model": ticket._name, "thread_id": ticket.id}
        if token:
            params["token"] = token
        return str(self.make_jsonrpc_request("/mail/chatter_fetch", params))

    # 1. Emergencies -----------------------------------------------------------------------------

    def test_new_request_form_offers_emergency_with_hotline_and_advice(self):
        self.login(self.member_user)
        page = self.url_open("/my/tickets/new").text
        self.assertIn('name="urgent"', page)
        self.assertIn("This is an emergency", page)
        self.assertIn("0571-8888 1234", page, "the property's 24-hour hotline")
        self.assertIn('href="tel:0571-88881234"', page)
        self.assertIn("close the water valve", page)
        self.assertNotIn("0571-0000 0000", page, "the company's phone only stands in for a missing hotline")

    def test_urgent_request_without_a_category_is_urgent(self):
        """'I don't know' the category still lets the resident say it is an emergency."""
        self.login(self.member_user)
        ticket = self.post_form(urgent="1")
        self.assertFalse(ticket.category_id)
        self.assertEqual(ticket.urgency, "urgent")
        page = self.url_open(ticket.access_url).text
        self.assertIn("o_tenant_ticket_urgent", page)
        self.assertIn("0571-8888 1234", page, "the ticket page repeats the hotline")

    def test_urgent_request_is_not_overruled_by_a_normal_category(self):
        self.login(self.member_user)
        ticket = self.post_form(urgent="1", category_id=str(self.cat_door.id))
        self.assertEqual(ticket.category_id, self.cat_door)
        self.assertEqual(ticket.urgency, "urgent")

    def test_without_emergency_the_category_decides(self):
        self.login(self.member_user)
        self.assertEqual(self.post_form(category_id=str(self.cat_burst.id)).urgency, "urgent")
        ticket = self.post_form(category_id=str(self.cat_door.id))
        self.assertEqual(ticket.urgency, "normal")
        self.assertNotIn("o_tenant_ticket_urgent", self.url_open(ticket.access_url).text)
        self.assertEqual(self.post_form(urgent="yes please").urgency, "normal", "only the checkbox's value")

    def test_company_phone_stands_in_for_a_missing_hotline(self):
        self.property.hotline = False
        self.login(self.member_user)
        self.assertIn("0571-0000 0000", self.url_open("/my/tickets/new").text)

    # 2. Acknowledgement and times ---------------------------------------------------------------

    def test_acknowledgement_in_the_reporters_portal_conversation_only(self):
        self.login(self.member_user)
        ticket = self.post_form()
        ack = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertEqual(len(ack), 1)
        self.assertIn("We have registered your request", self.chatter(ticket))
        # The household's main contact reads the request, not the mail sent to the reporter (it
        # holds the reporter's token).
        self.login(self.owner_user)
        self.assertEqual(self.url_open(ticket.access_url).status_code, 200)
        self.assertNotIn("We have registered your request", self.chatter(ticket))
        # Signed out, with the reporter's token (the link of the mail): the reporter's own view.
        self.logout()
        self.assertIn("We have registered your request", self.chatter(ticket, ticket.access_token))

    def test_times_in_the_residents_zone_agree_between_mail_portal_and_backend(self):
        Ticket = self.env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True)
        reported = datetime(2026, 11, 27, 2, 30)  # UTC
        ticket = Ticket.create(
            {
                "name": "Lift stuck",
                "partner_id": self.member.id,
                "unit_id": self.unit.id,
                "reported_date": reported,
            }
        )
        # Created a minute after the call: the portal shows the call.
        ticket.flush_recordset()
        self.env.cr.execute(
            "UPDATE tenant_ticket SET create_date = %s WHERE id = %s",
            (reported + timedelta(hours=5), ticket.id),
        )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.resident_promised_response, "2026-11-27 12:30 (Asia/Shanghai)")
        self.assertEqual(
            ticket.with_context(tz="Asia/Shanghai").promised_response,
            "2026-11-27 12:30",
            "the backend's time",
        )
        ticket._send_acknowledgement()
        ack = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertIn("2026-11-27 12:30 (Asia/Shanghai)", ack.body)

        self.login(self.member_user)
        page = self.url_open(ticket.access_url).text
        self.assertIn("2026-11-27 10:30 (Asia/Shanghai)", page, "reported on, in China's time")
        self.assertNotIn("15:30", page, "not the record's creation")
        self.assertIn("2026-11-27 12:30 (Asia/Shanghai)", page)

        self.member.tz = "Europe/Paris"
        ticket.invalidate_recordset()
        self.assertEqual(ticket.resident_promised_response, "2026-11-27 05:30 (Europe/Paris)")
        page = self.url_open(ticket.access_url).text
        self.assertIn("2026-11-27 03:30 (Europe/Paris)", page)
        self.assertIn("2026-11-27 05:30 (Europe/Paris)", page)

    def test_list_dates_requests_in_the_firms_zone_for_a_resident_without_one(self):
        """23:30 UTC on the 6th is 07:30 on the 7th in Shanghai: the list said 12月06日 (Odoo's date
        widget ignores the zone it is given and used the resident's, which is none: UTC)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.member.lang = "zh_CN"
        self.assertFalse(self.member_user.tz)
        Ticket = self.env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True)
        ticket = Ticket.create(
            {
                "name": "Lift stuck",
                "partner_id": self.member.id,
                "unit_id": self.unit.id,
                "reported_date": datetime(2026, 12, 6, 23, 30),
            }
        )
        self.login(self.member_user)
        listed = self.url_open("/my/tickets").text
        self.assertIn("2026年12月07日", listed)
        self.assertNotIn("2026年12月06日", listed)
        page = self.url_open(ticket.access_url).text
        self.assertIn("2026-12-07 07:30 (Asia/Shanghai)", page)

    def test_conversation_dates_in_the_firms_zone_tour(self):
        """The conversation is written by the browser: in the reader's zone, else the firm's,
        as the page around it, not in the phone's own zone."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.member.lang = "zh_CN"
        self.env.company.partner_id.tz = "Pacific/Kiritimati"  # UTC+14: no browser's own zone
        # Noon UTC on the 9th: the 10th at 02:00 in the firm's zone (a day long past, never "today").
        noon = datetime(2025, 3, 9, 12, 0)
        ticket = (
            self.env["tenant.ticket"]
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create(
                {
                    "name": "Lift stuck",
                    "partner_id": self.member.id,
                    "unit_id": self.unit.id,
                    "reported_date": noon,
                }
            )
        )
        reply = ticket.message_post(
            body="We will come at ten.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        reply.date = noon
        self.start_tour(
            ticket.access_url, "tenant_relations_portal_firm_zone_tour", login=self.member_user.login
        )
        self.login(self.member_user)
        page = self.url_open(ticket.access_url).text
        self.assertIn('"tenant_tz": "Pacific/Kiritimati"', page, "the zone the page's scripts write in")

    # 3. The portal in Chinese -------------------------------------------------------------------

    def test_portal_scripts_get_the_chat_translations_in_the_page_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.member.lang = "zh_CN"
        ticket = self.env["tenant.ticket"].create(
            {"name": "Lift stuck", "partner_id": self.member.id, "unit_id": self.unit.id}
        )
        self.login(self.member_user)
        page = self.url_open(ticket.access_url).text
        self.assertIn(
            '"bundle_params": {"lang": "zh_CN"}', page, "the page language, which the scripts follow"
        )
        res = self.url_open("/website/translations/test?lang=zh_CN")
        self.assertEqual(res.status_code, 200)
        modules = res.json()["modules"]
        self.assertIn("mail", modules, "the conversation is mail's chatter")
        terms = {m["id"]: m["string"] for m in modules["mail"]["messages"]}
        self.assertEqual(terms["The conversation is empty."], "对话内容为空")
        self.assertEqual(terms["now"], "现在")

    def test_portal_conversation_in_chinese_tour(self):
        """In a browser: the empty conversation and the relative times are written in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.member.lang = "zh_CN"
        empty = (
            self.env["tenant.ticket"]
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create({"name": "Empty talk", "partner_id": self.member.id, "unit_id": self.unit.id})
        )
        answered = self.env["tenant.ticket"].create(
            {"name": "Answered", "partner_id": self.member.id, "unit_id": self.unit.id}
        )
        reply = answered.message_post(
            body="We will come at ten.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        reply.date = fields.Datetime.now() - timedelta(minutes=10)
        self.start_tour(
            f"{empty.access_url}?answered={answered.id}",
            "tenant_relations_portal_zh_tour",
            login=self.member_user.login,
        )

    # 4. A phone, and closing --------------------------------------------------------------------

    def test_close_asks_to_confirm_first(self):
        ticket = self.env["tenant.ticket"].create(
            {"name": "Lift stuck", "partner_id": self.member.id, "unit_id": self.unit.id}
        )
        self.login(self.member_user)
        page = self.url_open(ticket.access_url).text
        self.assertIn("o_tenant_ticket_close_button", page)
        self.assertNotIn("o_tenant_ticket_close_confirm", page)
        res = self.close_on_portal(ticket.access_url, confirm=False)
        self.assertEqual(res.status_code, 303)
        self.assertEqual(parse_qs(urlparse(res.headers["Location"]).query), {"confirm_close": ["1"]})
        self.assertFalse(ticket.is_closed, "not without the confirmation")
        page = self.url_open(res.headers["Location"]).text
        self.assertIn("Close this request?", page)
        self.assertIn('name="confirm" value="1"', page)
        res = self.close_on_portal(ticket.access_url)
        self.assertEqual(res.status_code, 303)
        self.assertTrue(ticket.is_closed)

    def test_new_request_button_not_folded_away_on_a_phone(self):
        self.login(self.member_user)
        page = self.url_open("/my/tickets").text
        collapse = page.index('id="o_portal_navbar_content"')
        button = page.index("o_tenant_ticket_new_button")
        self.assertGreater(button, page.index("</nav>", collapse), "outside the search bar's collapsed menu")

    def test_phone_tour_new_request_and_confirmed_close(self):
        self.browser_size = "375x667"
        ticket = self.env["tenant.ticket"].create(
            {"name": "Lift stuck", "partner_id": self.member.id, "unit_id": self.unit.id}
        )
        self.start_tour("/my/tickets", "tenant_relations_portal_phone_tour", login=self.member_user.login)
        self.assertTrue(ticket.is_closed)
        self.assertEqual(
            self.env["tenant.ticket"]
            .search([("channel", "=", "portal"), ("partner_id", "=", self.member.id)])
            .name,
            "Door bell broken",
        )
