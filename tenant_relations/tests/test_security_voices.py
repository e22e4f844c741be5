# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 12, findings 3, 4 and 5 (part): no forged voices.

Nobody rates in the reporter's name but the reporter (the rating token is theirs alone), a
resident posts in their own name only, and staff address the residents of their own properties.
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PortalCase, portal_user

QUIET = ("odoo.addons.base.models.ir_rule", "odoo.models", "odoo.http", "odoo.addons.base.models.ir_model")


@tagged("post_install", "-at_install")
class TestNoForgedVoices(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Property = cls.env["tenant.property"]
        cls.property_a = Property.create({"name": "Green Lake Gardens", "code": "GLG"})
        cls.property_b = Property.create({"name": "Cloud Apartments", "code": "CLA"})
        Unit = cls.env["tenant.unit"]
        cls.unit_a = Unit.create({"property_id": cls.property_a.id, "number": "1201", "code": "1-1201"})
        cls.unit_b = Unit.create({"property_id": cls.property_b.id, "number": "0801", "code": "A-0801"})
        cls.staff = new_test_user(
            cls.env,
            "tr_voice_staff",
            groups="tenant_relations.group_tenant_relations_user",
            email="s@example.com",
        )
        cls.manager = new_test_user(
            cls.env, "tr_voice_manager", groups="tenant_relations.group_tenant_relations_manager"
        )
        cls.property_a.user_ids = cls.staff
        Partner = cls.env["res.partner"]
        cls.reporter = Partner.create({"name": "Reporter A", "email": "reporter@example.com"})
        cls.neighbour = Partner.create({"name": "Neighbour A", "email": "neighbour@example.com"})
        cls.stranger = Partner.create({"name": "Resident of B", "email": "stranger@example.com"})
        cls.contractor = Partner.create({"name": "Lift Contractor", "email": "lift@example.com"})
        cls.reporter_user = portal_user(cls.env, "tr_voice_reporter", cls.reporter)
        for unit, partner in (
            (cls.unit_a, cls.reporter),
            (cls.unit_a, cls.neighbour),
            (cls.unit_b, cls.stranger),
        ):
            cls.env["tenant.occupancy"].create(
                {"unit_id": unit.id, "partner_id": partner.id, "role": "owner", "move_in_date": "2024-01-01"}
            )
        cls.ticket = (
            cls.env["tenant.ticket"]
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create({"name": "Squeaky balcony door", "partner_id": cls.reporter.id, "unit_id": cls.unit_a.id})
        )
        cls.template = cls.env.ref("tenant_relations.mail_template_ticket_closed")

    def rating_tokens(self):
        # The system's own view: make sure the reporter has a pending rating, as after a close.
        self.ticket._rating_get_access_token()
        return self.ticket.sudo().rating_ids.mapped("access_token")

    def post_over_rpc(self, user, **kwargs):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": "tenant.ticket", "method": "message_post", "args": [self.ticket.ids], "kwargs": kwargs},
        )

    def assertPostedAsTheirComment(self, before):
        """What the reporter posted since ``before`` is a comment in their own name, whatever
        author or message type their request asked for."""
        message = self.ticket.sudo().message_ids - before
        self.assertEqual(message.author_id, self.reporter)
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))

    # Finding 3: staff rate in the resident's name -------------------------------------------------

    @mute_logger(*QUIET)
    def test_staff_cannot_read_the_rating_token(self):
        tokens = self.rating_tokens()
        ratings = self.ticket.sudo().rating_ids.with_user(self.staff)
        ratings.read(["rating", "partner_id"])  # staff of the property see the ratings themselves
        with self.assertRaises(AccessError):
            ratings.read(["access_token"])
        with self.assertRaises(AccessError):
            self.env["rating.rating"].with_user(self.staff).search([("access_token", "in", tokens)])
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.staff)._rating_get_access_token()

    def test_staff_composer_with_closed_template_shows_no_rating_token(self):
        tokens = self.rating_tokens()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.staff)
            .with_context(default_model="tenant.ticket", default_res_ids=self.ticket.ids)
            .create({"template_id": self.template.id, "composition_mode": "comment"})
        )
        body = str(composer.body)
        self.assertIn(self.ticket.access_url, body, "the links lead to the request page")
        for token in tokens:
            self.assertNotIn(token, body)
        self.assertNotIn("/rate/", body)
        composer._action_send_mail()
        for token in tokens:
            self.assertNotIn(token, str(self.ticket.sudo().message_ids.mapped("body")))

    def test_staff_template_preview_shows_no_rating_token(self):
        tokens = self.rating_tokens()
        preview = (
            self.env["mail.template.preview"]
            .with_user(self.staff)
            .create({"mail_template_id": self.template.id, "resource_ref": f"tenant.ticket,{self.ticket.id}"})
        )
        self.assertIn(self.ticket.access_url, str(preview.body_html))
        for token in tokens:
            self.assertNotIn(token, str(preview.body_html))

    def test_closing_mail_still_carries_the_reporter_rating_link(self):
        # Queued, not sent (and deleted) at once, so that the test reads them.
        self.ticket.with_user(self.staff).with_context(mail_notify_force_send=False).write(
            {"stage_id": self.env.ref("tenant_relations.tenant_ticket_stage_closed").id}
        )
        tokens = self.ticket.sudo().rating_ids.mapped("access_token")
        self.assertEqual(len(tokens), 1)
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "tenant.ticket"), ("res_id", "=", self.ticket.id)])
        )
        to_reporter = mails.filtered(lambda mail: self.reporter in mail.recipient_ids)
        self.assertIn(f"/rate/{tokens[0]}/5", str(to_reporter.body_html))
        self.assertNotIn(tokens[0], str(self.ticket.sudo().message_ids.mapped("body")))
        # The reporter rates from the link, without signing in.
        self.authenticate(None, None)
        page = self.url_open(f"/rate/{tokens[0]}/5")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(self.ticket.sudo().rating_ids.rating, 5)

    def test_reporter_rates_from_the_portal(self):
        self.ticket.write({"stage_id": self.env.ref("tenant_relations.tenant_ticket_stage_closed").id})
        self.authenticate(self.reporter_user.login, self.reporter_user.login)
        page = self.url_open(self.ticket.access_url)
        self.assertEqual(page.status_code, 200)
        token = self.ticket.sudo().rating_ids.filtered(lambda r: not r.consumed).access_token
        self.assertIn(f"/rate/{token}/5", page.text)

    @mute_logger(*QUIET)
    def test_hostile_rating_urls_answer_4xx(self):
        self.authenticate(None, None)
        for url in (
            "/rate/x/2",
            "/rate/%00/5",
            f"/rate/{'a' * 5000}/5",
            "/rate/x/abc",
            "/rate/x/99999999999999999999",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn(response.status_code, (400, 404))
        response = self.url_open("/rate/%00/submit_feedback")
        self.assertIn(response.status_code, (400, 404))

    # Finding 4: a resident posts as the company ----------------------------------------------------

    @mute_logger(*QUIET)
    def test_resident_cannot_post_as_the_company_over_rpc(self):
        company = self.env.company
        before = self.ticket.sudo().message_ids
        mails_before = self.env["mail.mail"].sudo().search_count([])
        for forged in (
            {"email_from": f'"{company.name}" <{company.email}>'},
            {"author_id": company.partner_id.id},
            {"email_from": company.email, "author_id": False},
        ):
            with self.subTest(forged=forged), self.assertRaises(JsonRpcException):
                self.post_over_rpc(self.reporter_user, body="Your water will be cut tomorrow.", **forged)
        self.assertEqual(self.ticket.sudo().message_ids, before, "nothing stored")
        self.assertEqual(self.env["mail.mail"].sudo().search_count([]), mails_before, "nothing mailed")
        # Posting in their own name still works, as a comment, whatever type they ask for.
        self.post_over_rpc(self.reporter_user, body="Still squeaking.", message_type="notification")
        self.assertPostedAsTheirComment(before)

    @mute_logger(*QUIET)
    def test_resident_posts_a_comment_through_the_chatter_route(self):
        """Found by the red team on the demo: Odoo's /mail/message/post posts as sudo and kept a
        resident's ``message_type: notification``."""
        before = self.ticket.sudo().message_ids
        self.authenticate(self.reporter_user.login, self.reporter_user.login)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "tenant.ticket",
                "thread_id": self.ticket.id,
                "post_data": {
                    "body": "Official notice",
                    "message_type": "notification",
                    "subtype_xmlid": "mail.mt_note",
                },
            },
        )
        self.assertPostedAsTheirComment(before)

    @mute_logger(*QUIET)
    def test_staff_cannot_file_a_ticket_in_the_name_of_another_propertys_resident(self):
        """Found by the red team on the demo: the reporter is always reachable, so a ticket filed
        for a resident of B mailed them the acknowledgement and opened the chatter to them."""
        Ticket = self.env["tenant.ticket"].with_user(self.staff)
        with self.assertRaises(AccessError):
            Ticket.create({"name": "Bait", "partner_id": self.stranger.id, "unit_id": self.unit_a.id})
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.staff).write({"partner_id": self.stranger.id})
        ticket = Ticket.create({"name": "Lift", "partner_id": self.contractor.id, "unit_id": self.unit_a.id})
        self.assertEqual(ticket.partner_id, self.contractor)

    @mute_logger(*QUIET)
    def test_resident_cannot_notify_anyone_over_rpc(self):
        before = self.env["mail.message"].sudo().search_count([])
        self.authenticate(self.reporter_user.login, self.reporter_user.login)
        for args, kwargs in (
            ([self.ticket.ids], {}),
            ([[]], {"model": "tenant.ticket", "res_id": self.ticket.id}),
        ):
            with self.subTest(kwargs=kwargs), self.assertRaises(JsonRpcException) as caught:
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {
                        "model": "tenant.ticket",
                        "method": "message_notify",
                        "args": args,
                        "kwargs": {"body": "Pay now", "partner_ids": self.neighbour.ids, **kwargs},
                    },
                )
            self.assertIn("odoo.exceptions.AccessError", str(caught.exception))
        self.assertEqual(self.env["mail.message"].sudo().search_count([]), before, "nothing stored")

    @mute_logger(*QUIET)
    def test_resident_without_email_does_not_get_the_company_sender(self):
        self.reporter.email = False
        with self.assertRaises(UserError):
            self.ticket.with_user(self.reporter_user).message_post(body="No mailbox")
        # Staff without a mailbox still answer from the company's sender.
        self.staff.partner_id.email = False
        message = self.ticket.with_user(self.staff).message_post(body="We will come by.")
        self.assertEqual(message.email_from, self.ticket.company_id._tenant_mail_sender())

    # Finding 5 (part): staff address other properties' residents -----------------------------------

    @mute_logger(*QUIET)
    def test_staff_cannot_address_residents_of_other_properties(self):
        ticket = self.ticket.with_user(self.staff)
        with self.assertRaises(AccessError):
            ticket.message_post(body="Hello", partner_ids=self.stranger.ids, message_type="comment")
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.staff)
            .with_context(default_model="tenant.ticket", default_res_ids=self.ticket.ids)
            .create(
                {"body": "Hello", "partner_ids": [(6, 0, self.stranger.ids)], "composition_mode": "comment"}
            )
        )
        with self.assertRaises(AccessError):
            composer._action_send_mail()
        self.assertNotIn(self.stranger, self.ticket.sudo().message_ids.partner_ids)
        # Their own residents, the reporter and contractors are daily work; managers see everything.
        ticket.message_post(
            body="Coming tomorrow", partner_ids=(self.neighbour | self.contractor | self.reporter).ids
        )
        self.ticket.with_user(self.manager).message_post(body="FYI", partner_ids=self.stranger.ids)

    @mute_logger(*QUIET)
    def test_staff_cannot_reach_residents_of_other_properties_as_followers_or_notified(self):
        ticket = self.ticket.with_user(self.staff)
        with self.assertRaises(AccessError):
            ticket.message_subscribe(partner_ids=self.stranger.ids)
        with self.assertRaises(AccessError):
            ticket.message_notify(body="Hello", partner_ids=self.stranger.ids)
        self.assertNotIn(self.stranger, self.ticket.message_partner_ids)
        ticket.message_subscribe(partner_ids=(self.neighbour | self.contractor).ids)
        self.assertIn(self.contractor, self.ticket.message_partner_ids)
