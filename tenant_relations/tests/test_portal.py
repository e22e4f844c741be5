# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlparse

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import (
    PortalCase,
    call_kw,
    lettered_homes,
    no_ack_tickets,
    png,
    resident,
)


@tagged("post_install", "-at_install")
class TestPortal(PortalCase):
    """Residents file, read, close and rate their service requests from the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        units = [("1", "1201", "1-1201"), ("1", "1202", "1-1202")]
        homes, users = lettered_homes(
            cls.env, "GLG", "Green Lake Gardens", units, "tr_resident_", "resident.", main_contact=True
        )
        cls.unit_a, cls.unit_b = homes
        cls.user_a, cls.user_b = users
        cls.property = cls.unit_a.property_id
        cls.partner_a, cls.partner_b = cls.user_a.partner_id, cls.user_b.partner_id
        cls.member_a = resident(cls.env, cls.unit_a, "Household Member A", "member.a@example.com", "resident")
        Ticket = no_ack_tickets(cls.env)
        cls.ticket_a = Ticket.create(
            {"name": "Kitchen tap of A drips", "partner_id": cls.partner_a.id, "unit_id": cls.unit_a.id}
        )
        cls.ticket_member = Ticket.create(
            {"name": "Member lift button stuck", "partner_id": cls.member_a.id, "unit_id": cls.unit_a.id}
        )
        cls.category = cls.env["tenant.ticket.category"].create({"name": "Doors and windows"})

    # Helpers ------------------------------------------------------------------------------------

    def post_form(self, data=None, files=None):
        payload = {
            "csrf_token": http.Request.csrf_token(self),
            "name": "Balcony door does not close",
            "kind": "repair",
            "unit_id": str(self.unit_a.id),
            "description": "",
            **(data or {}),
        }
        return self.url_open("/my/tickets/new", data=payload, files=files, allow_redirects=False)

    def portal_tickets(self):
        """Tickets filed from the portal by this test (a database may hold others)."""
        return self.env["tenant.ticket"].search(
            [("channel", "=", "portal"), ("id", ">", self.ticket_member.id)]
        )

    # Reading ------------------------------------------------------------------------------------

    def test_list_and_open_own_ticket(self):
        listing = self.page_as(self.user_a, "/my/tickets")
        self.assertIn(self.ticket_a.name, listing)
        self.assertIn(self.ticket_a.number, listing)
        for url in ("/my/tickets?filterby=closed", "/my/tickets?sortby=stage&filterby=nonsense"):
            self.assertEqual(self.url_open(url).status_code, 200, url)
        self.assertNotIn(self.ticket_a.name, self.url_open("/my/tickets?filterby=closed").text)

        res = self.url_open(self.ticket_a.access_url)
        self.assertEqual(res.status_code, 200)
        self.assertEqual(urlparse(res.url).path, self.ticket_a.access_url)
        for text in (self.ticket_a.name, self.ticket_a.number, "1-1201", "Close request", "o_portal_chatter"):
            self.assertIn(text, res.text)

        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["ticket_count"]})
        self.assertEqual(counters["ticket_count"], 2, "A's own ticket and the household member's")

    def test_household_main_contact_sees_member_ticket(self):
        self.login(self.user_a)
        res = self.url_open(self.ticket_member.access_url)
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.ticket_member.name, res.text)
        self.assertIn(self.ticket_member.name, self.url_open("/my/tickets").text)

    # Filing -------------------------------------------------------------------------------------

    def test_form_offers_only_own_units(self):
        self.login(self.user_a)
        res = self.url_open("/my/tickets/new")
        self.assertEqual(res.status_code, 200)
        self.assertIn("1-1201", res.text)
        self.assertNotIn("1-1202", res.text)
        self.assertIn("Doors and windows", res.text)

    def test_create_ticket_via_form(self):
        self.login(self.user_a)
        res = self.post_form(
            {
                "name": "  Balcony door does not close  ",
                "kind": "complaint",
                "category_id": str(self.category.id),
                "description": "It slams.\n<script>alert('x')</script>",
            },
            files=[("attachments", ("door.png", png(), "image/png"))],
        )
        self.assertEqual(res.status_code, 303, res.text[:500])
        ticket = self.portal_tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(urlparse(res.headers["Location"]).path, ticket.access_url)
        self.assertEqual(ticket.name, "Balcony door does not close")
        self.assertEqual(ticket.partner_id, self.partner_a)
        self.assertEqual(ticket.channel, "portal")
        self.assertEqual(ticket.kind, "complaint")
        self.assertEqual(ticket.unit_id, self.unit_a)
        self.assertEqual(ticket.property_id, self.property)
        self.assertEqual(ticket.category_id, self.category)
        self.assertNotIn("<script", ticket.description)
        self.assertIn("&lt;script&gt;", ticket.description)
        ack = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertEqual(len(ack), 1, "the acknowledgement is posted")
        self.assertNotEqual(ack.author_id, self.partner_a)
        self.assertIn(self.partner_a, ack.notification_ids.res_partner_id, "and the resident receives it")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "tenant.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(attachment.name, "door.png")
        self.assertEqual(attachment.mimetype, "image/png")

        page = self.url_open(ticket.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Balcony door does not close", page.text)
        self.assertIn("door.png", page.text)
        self.assertNotIn("<script>alert", page.text)
        self.assertIn(ticket.name, self.url_open("/my/tickets").text)

    def test_resident_without_unit_may_file_without_unit(self):
        """Only when the firm allows it in Settings (off by default: see test_security_routes)."""
        self.env.company.tenant_portal_ticket_without_unit = True
        homeless = new_test_user(
            self.env,
            "tr_no_unit_user",
            groups="base.group_portal",
            partner_id=self.env["res.partner"].create({"name": "No Unit"}).id,
        )
        self.login(homeless)
        self.assertIn("No unit is registered for you", self.url_open("/my/tickets/new").text)
        res = self.post_form({"unit_id": ""})
        self.assertEqual(res.status_code, 303)
        ticket = self.portal_tickets()
        self.assertEqual(ticket.partner_id, homeless.partner_id)
        self.assertFalse(ticket.unit_id)
        # ...but still not for somebody else's unit.
        self.assertEqual(self.post_form({"unit_id": str(self.unit_b.id)}).status_code, 400)
        self.assertEqual(len(self.portal_tickets()), 1)

    @mute_logger("odoo.http")
    def test_create_refuses_bad_input(self):
        self.login(self.user_a)
        cases = {
            "other resident's unit": ({"unit_id": str(self.unit_b.id)}, "unit you currently live in"),
            "unknown unit": ({"unit_id": "999999"}, "unit you currently live in"),
            "unit out of range": ({"unit_id": "99999999999999"}, "unit you currently live in"),
            "unit not a number": ({"unit_id": "1-1202"}, "unit you currently live in"),
            "no unit": ({"unit_id": ""}, "Please choose the unit"),
            "no title": ({"name": "   "}, "Please give your request a title"),
            "unknown kind": ({"kind": "bribe"}, "kind of request"),
            "unknown category": ({"category_id": "abc"}, "category from the list"),
        }
        for case, (data, message) in cases.items():
            with self.subTest(case=case):
                res = self.post_form(data)
                self.assertEqual(res.status_code, 400)
                self.assertIn(message, res.text)
                self.assertIn("o_tenant_ticket_form", res.text, "the form is shown again")
        self.assertFalse(self.portal_tickets())
        # What the resident typed is kept.
        res = self.post_form({"unit_id": str(self.unit_b.id), "name": "Keep <b>me</b>"})
        self.assertIn('value="Keep &lt;b&gt;me&lt;/b&gt;"', res.text)

    def test_create_refuses_bad_files(self):
        self.login(self.user_a)
        image = png()
        cases = {
            "too large": (
                ("big.png", image + b"\0" * (10 * 1024 * 1024), "image/png"),
                "larger than 10 MB",
            ),
            "program": (
                ("setup.exe", b"MZ\x90\x00\x03" + b"\0" * 200, "image/png"),
                "not a picture or a PDF",
            ),
            "svg": (
                ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
                "not a picture",
            ),
        }
        for case, (upload, message) in cases.items():
            with self.subTest(case=case):
                res = self.post_form(files=[("attachments", upload)])
                self.assertEqual(res.status_code, 400)
                self.assertIn(message, res.text)
        res = self.post_form(files=[("attachments", (f"p{n}.png", image, "image/png")) for n in range(6)])
        self.assertEqual(res.status_code, 400)
        self.assertIn("at most 5 files", res.text)
        self.assertFalse(self.portal_tickets())
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "tenant.ticket"), ("res_id", ">", self.ticket_member.id)]
            )
        )
        # A PDF is fine.
        res = self.post_form(files=[("attachments", ("quote.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"))])
        self.assertEqual(res.status_code, 303)

    def test_post_needs_csrf(self):
        self.login(self.user_a)
        with mute_logger("odoo.http"):
            res = self.url_open(
                "/my/tickets/new",
                data={"name": "No token", "unit_id": str(self.unit_a.id)},
                allow_redirects=False,
            )
        self.assertEqual(res.status_code, 400)
        self.assertFalse(self.portal_tickets())

    # Isolation ----------------------------------------------------------------------------------

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule", "odoo.models")
    def test_other_resident_locked_out(self):
        self.login(self.user_b)
        url = self.ticket_a.access_url
        for attempt in (url, f"{url}?access_token=wrong-token", "/my/tickets/99999999999"):
            with self.subTest(url=attempt):
                res = self.url_open(attempt, allow_redirects=False)
                self.assertIn(res.status_code, (303, 403, 404))
                self.assertNotIn(self.ticket_a.name, res.text)
                self.assertNotIn(self.ticket_a.name, self.url_open(attempt).text)
        self.assertNotIn(self.ticket_a.name, self.url_open("/my/tickets").text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["ticket_count"]})
        self.assertEqual(counters["ticket_count"], 0)

        res = self.close_on_portal(url, confirm=False)
        self.assertIn(res.status_code, (303, 403, 404))
        self.assertNotIn(self.ticket_a.name, res.text)
        self.assertFalse(self.ticket_a.is_closed)

        with self.assertRaises(JsonRpcException):
            call_kw(self, "tenant.ticket", "read", self.ticket_a.ids, ["name"])
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.user_b).read(["name"])
        self.assertFalse(self.env["tenant.ticket"].with_user(self.user_b).search([]))

    def test_valid_token_gives_access(self):
        self.login(self.user_b)
        token = self.ticket_a._portal_ensure_token()
        res = self.url_open(f"{self.ticket_a.access_url}?access_token={token}")
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.ticket_a.name, res.text)

    # Closing and rating -------------------------------------------------------------------------

    def test_close_and_rate(self):
        self.login(self.user_a)
        res = self.close_on_portal(self.ticket_a.access_url)
        self.assertEqual(res.status_code, 303)
        closed_stage = self.env["tenant.ticket.stage"].search([("is_closed", "=", True)], limit=1)
        self.assertEqual(self.ticket_a.stage_id, closed_stage)
        self.assertTrue(self.ticket_a.is_closed)
        closing_mail = self.ticket_a.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertIn(self.partner_a, closing_mail.notification_ids.res_partner_id)
        note = self.ticket_a.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(note.author_id, self.partner_a)

        page = self.url_open(self.ticket_a.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Close request", page.text)
        token = self.ticket_a._rating_get_access_token()
        self.assertIn(f"/rate/{token}/5", page.text)

        self.assertEqual(self.url_open(f"/rate/{token}/5").status_code, 200)
        rating = self.ticket_a.rating_ids.filtered("consumed")
        self.assertEqual(rating.rating, 5)
        self.assertEqual(rating.partner_id, self.partner_a)
        page = self.url_open(self.ticket_a.access_url)
        self.assertIn("Your rating", page.text)
        self.assertNotIn("/rate/", page.text)

    @mute_logger("odoo.http")
    def test_close_refused_by_the_model_is_no_error_page(self):
        """A late ticket waiting for the staff's explanation cannot be closed: say so, no 500."""
        self.env["tenant.sla.policy"].create(
            {
                "name": "Solve within a day",
                "target": "resolution",
                "duration": 1,
                "duration_unit": "days",
                "property_ids": [(6, 0, self.property.ids)],
                "require_explanation": True,
            }
        )
        ticket = self.env["tenant.ticket"].create(
            {"name": "Late door", "partner_id": self.partner_a.id, "unit_id": self.unit_a.id}
        )
        ticket.sla_line_ids.write(
            {"start_date": "2020-01-01", "warning_date": "2020-01-01 12:00:00", "deadline": "2020-01-02"}
        )
        self.login(self.user_a)
        res = self.close_on_portal(ticket.access_url)
        self.assertEqual(res.status_code, 303)
        self.assertIn("close_error=1", res.headers["Location"])
        self.assertFalse(ticket.is_closed)
        self.assertFalse(ticket.message_ids.filtered(lambda m: m.author_id == self.partner_a))
        self.assertIn("cannot be closed right now", self.url_open(res.headers["Location"]).text)

    def test_main_contact_closes_member_ticket_without_rating_link(self):
        self.login(self.user_a)
        res = self.close_on_portal(self.ticket_member.access_url)
        self.assertEqual(res.status_code, 303)
        self.assertTrue(self.ticket_member.is_closed)
        # Only the reporter rates: the rating route refuses anybody else.
        self.assertNotIn("/rate/", self.url_open(self.ticket_member.access_url).text)

    # Tour ---------------------------------------------------------------------------------------

    def test_portal_tour(self):
        self.start_tour("/my/tickets/new", "tenant_relations_portal_tour", login=self.user_a.login)
        ticket = self.portal_tickets()
        self.assertEqual(ticket.name, "阳台门关不上")
        self.assertEqual(ticket.partner_id, self.partner_a)
        self.assertEqual(ticket.unit_id, self.unit_a)
