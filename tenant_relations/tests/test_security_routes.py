# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 9, findings 6 to 8: the referral form, sign-up, portal requests, the anonymous box, and the
smaller holes (recipients, ratings, back-office fields, NUL bytes, sizes, formulas in exports).

Every test plays the attack first, as a non-superuser through HTTP or the ORM, and checks that it
is refused (4xx or AccessError/ValidationError) with nothing changed in the database.
"""

import io
import json
import logging
import zipfile
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import SQL, mute_logger

from ..controllers.feedback import client_counter
from ..controllers.loyalty import REFERRALS_PER_DAY
from ..models.portal.tenant_ticket import MAX_DESCRIPTION_LENGTH
from .common import MANAGER, STAFF, PortalCase, call_kw, no_ack_tickets, portal_resident, resident, staff_user

USER_AGENT = "RoutesProbe/1.0"


def book_strings(content):
    """The shared strings of an xlsx file (where xlsxwriter puts text cells)."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return book.read("xl/sharedStrings.xml").decode()


@tagged("post_install", "-at_install")
class TestSecurityRoutes(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.manager = staff_user(env, "tr_rt_manager", groups=MANAGER)
        cls.staff_a = staff_user(env, "tr_rt_staff_a", groups=f"{STAFF},base.group_allow_export")
        cls.staff_b = staff_user(env, "tr_rt_staff_b")
        cls.employee = new_test_user(env, "tr_rt_employee", groups="base.group_user")
        Property = env["tenant.property"]
        cls.property_a = Property.create(
            {
                "name": "Green Lake Gardens",
                "code": "GLG",
                "manager_id": cls.staff_a.id,
                "note": "Board dispute",
            }
        )
        cls.property_b = Property.create(
            {"name": "Cloud Apartments", "code": "CLA", "manager_id": cls.staff_b.id}
        )
        cls.unit_a = env["tenant.unit"].create(
            {"property_id": cls.property_a.id, "number": "1201", "code": "1-1201"}
        )
        cls.unit_b = env["tenant.unit"].create(
            {"property_id": cls.property_b.id, "number": "0801", "code": "A-0801"}
        )
        cls.alice_user = portal_resident(
            env, "tr_rt_alice", cls.unit_a, "Alice Resident", "alice@example.com", password="tr_rt_alice_pw"
        )
        cls.alice = cls.alice_user.partner_id
        cls.bob = resident(env, cls.unit_b, "Bob Resident", "bob@example.com", "tenant")
        cls.bob.phone = "139 0000 1111"
        moved_out = {"role": "tenant", "move_in": "2020-01-01", "move_out": "2021-01-01"}
        cls.former_user = portal_resident(
            env,
            "tr_rt_former",
            cls.unit_a,
            "Former Resident",
            "former@example.com",
            password="tr_rt_former_pw",
            **moved_out,
        )
        cls.former = cls.former_user.partner_id
        cls.stranger = env["res.partner"].create(
            {"name": "Stranger Contact", "email": "stranger@example.com"}
        )
        cls.ticket_a = no_ack_tickets(env).create(
            {"name": "Lift stuck", "unit_id": cls.unit_a.id, "partner_id": cls.alice.id, "channel": "portal"}
        )

    def setUp(self):
        super().setUp()
        client_counter.reset()
        self.addCleanup(client_counter.reset)

    def csrf(self):
        return http.Request.csrf_token(self)

    # 6. Referrals -------------------------------------------------------------------------------

    def test_referral_form_answers_and_lists_the_same_for_a_resident(self):
        """Naming a current resident or an outsider: same redirect, same row, same state for the referrer;
        only staff see that the first one already lives here."""
        self.authenticate("tr_rt_alice", "tr_rt_alice_pw")
        for name, contact in (
            ("Neighbour", {"phone": "+86 139-0000-1111"}),
            ("Outsider", {"email": "o@example.com"}),
        ):
            response = self.url_open(
                "/my/referrals", data={"name": name, **contact, "csrf_token": self.csrf()}
            )
            self.assertEqual(response.status_code, 200, name)
            self.assertTrue(response.url.endswith("/my/referrals?success=1"), name)
        page = self.url_open("/my/referrals").text
        self.assertIn("Neighbour", page)
        self.assertIn("Outsider", page)
        Referral = self.env["tenant.referral"].with_user(self.alice_user)
        mine = Referral.search([("name", "in", ("Neighbour", "Outsider"))])
        self.assertEqual(len(mine), 2)
        self.assertEqual(set(mine.mapped("state")), {"new"})
        with self.assertRaises(AccessError):
            mine.read(["resident_match"])
        with self.assertRaises(AccessError):
            Referral.search([("resident_match", "=", True)])
        as_staff = {r.name: r.resident_match for r in mine.with_user(self.manager)}
        self.assertEqual(as_staff, {"Neighbour": True, "Outsider": False})

    def test_referral_of_a_resident_never_converts(self):
        referral = self.env["tenant.referral"].create(
            {"name": "Bob", "email": "bob@example.com", "referrer_id": self.alice.id}
        )
        self.assertTrue(referral.resident_match)
        self.env["tenant.occupancy"].create(
            {
                "unit_id": self.unit_a.id,
                "partner_id": self.bob.id,
                "role": "owner",
                "move_in_date": "2025-01-01",
            }
        )
        self.assertEqual(referral.state, "new")
        self.assertFalse(referral.points_awarded)

    def test_referral_daily_limit_is_kept_in_the_database(self):
        """A new login (a new session) does not give a new day's allowance."""
        self.env["tenant.referral"].create(
            [
                {"name": f"Friend {i}", "email": f"f{i}@example.com", "referrer_id": self.alice.id}
                for i in range(REFERRALS_PER_DAY)
            ]
        )
        for _attempt in range(2):
            self.authenticate("tr_rt_alice", "tr_rt_alice_pw")  # a fresh session each time
            response = self.url_open(
                "/my/referrals",
                data={"name": "One more", "email": "more@example.com", "csrf_token": self.csrf()},
            )
            self.assertIn("many referrals today", response.text)
        self.assertFalse(self.env["tenant.referral"].search([("name", "=", "One more")]))
        # Yesterday's referrals do not count.
        self.env.cr.execute(
            SQL(
                "UPDATE tenant_referral SET create_date = %s WHERE referrer_id = %s",
                fields.Datetime.now() - timedelta(days=2),
                self.alice.id,
            )
        )
        self.env.invalidate_all()
        response = self.url_open(
            "/my/referrals", data={"name": "One more", "email": "more@example.com", "csrf_token": self.csrf()}
        )
        self.assertTrue(response.url.endswith("?success=1"))

    # 6. Sign-up and portal requests --------------------------------------------------------------

    def test_self_registration_is_off(self):
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("auth_signup.invitation_scope"), "b2b"
        )
        self.authenticate(None, None)
        self.assertEqual(self.url_open("/web/signup").status_code, 404)
        response = self.url_open(
            "/web/signup",
            data={
                "login": "intruder@example.com",
                "name": "Intruder",
                "password": "intruder-pw-1",
                "confirm_password": "intruder-pw-1",
                "csrf_token": self.csrf(),
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["res.users"].search([("login", "=", "intruder@example.com")]))

    def test_signup_switch_respects_an_administrators_choice(self):
        Settings = self.env["res.config.settings"]
        param = self.env["ir.config_parameter"].sudo().search([("key", "=", "auth_signup.invitation_scope")])
        # As auth_signup created it, never edited: switched to invitations.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE ir_config_parameter SET value = 'b2c', write_date = create_date WHERE id = %s",
                param.id,
            )
        )
        param.invalidate_recordset()
        self.assertTrue(Settings._tenant_close_self_signup())
        self.assertEqual(param.value, "b2b")
        # Chosen later by an administrator: kept.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE ir_config_parameter SET value = 'b2c', write_date = create_date + interval '1 day' "
                "WHERE id = %s",
                param.id,
            )
        )
        param.invalidate_recordset()
        self.assertFalse(Settings._tenant_close_self_signup())
        self.assertEqual(param.value, "b2c")

    def new_request(self, **data):
        return self.url_open(
            "/my/tickets/new",
            data={"name": "Noise at night", "kind": "complaint", "csrf_token": self.csrf(), **data},
        )

    def test_portal_request_needs_a_current_occupancy(self):
        self.authenticate("tr_rt_former", "tr_rt_former_pw")
        self.assertIn("o_tenant_ticket_no_unit", self.url_open("/my/tickets/new").text)
        response = self.new_request()
        self.assertEqual(response.status_code, 400)
        self.assertIn("current residents only", response.text)
        Ticket = self.env["tenant.ticket"]
        self.assertFalse(Ticket.search([("partner_id", "=", self.former.id)]))
        # The firm may allow it in Settings; such a request then has no property, and only
        # managers (and its team) see it, not every staff member.
        self.env.company.tenant_portal_ticket_without_unit = True
        self.assertEqual(self.new_request().status_code, 200)
        ticket = Ticket.search([("partner_id", "=", self.former.id)])
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.property_id)
        self.assertFalse(Ticket.with_user(self.staff_a).search([("id", "=", ticket.id)]))
        with self.assertRaises(AccessError):
            ticket.with_user(self.staff_a).read(["name"])
        self.assertEqual(Ticket.with_user(self.manager).search([("id", "=", ticket.id)]), ticket)

    def test_staff_see_unplaced_tickets_they_took_in_only(self):
        Ticket = self.env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True)
        by_mail = Ticket.create({"name": "Hello", "partner_id": self.stranger.id, "channel": "email"})
        by_phone = Ticket.create({"name": "Caller", "partner_id": self.stranger.id, "channel": "hotline"})
        visible = Ticket.with_user(self.staff_b).search([("id", "in", (by_mail | by_phone).ids)])
        self.assertEqual(visible, by_phone)

    # 7. The anonymous box ------------------------------------------------------------------------

    def post_feedback(self, code="GLG", **data):
        return self.url_open(
            f"/feedback/{code}",
            data={
                "csrf_token": self.csrf(),
                "name": "Lobby",
                "text": "Lights off.",
                "kind": "feedback",
                **data,
            },
            headers={"User-Agent": USER_AGENT},
            allow_redirects=False,
        )

    def anonymous_count(self):
        return self.env["tenant.ticket"].search_count(
            [("channel", "=", "anonymous"), ("property_id", "=", self.property_a.id)]
        )

    def test_feedback_of_a_signed_in_resident_writes_no_device_log(self):
        DeviceLog = self.env["res.device.log"].sudo()
        self.authenticate("tr_rt_alice", "tr_rt_alice_pw")
        with self.assertNoLogs("odoo.addons.base.models.res_device", level=logging.INFO):
            page = self.url_open("/feedback/GLG", headers={"User-Agent": USER_AGENT})
            self.assertIn("o_tenant_feedback_signed_in", page.text)
            self.assertEqual(self.post_feedback().status_code, 200)
            self.url_open("/feedback/followup", headers={"User-Agent": USER_AGENT})
        self.assertFalse(DeviceLog.search([("user_id", "=", self.alice_user.id)]))
        self.assertEqual(self.anonymous_count(), 1)
        # The session is intact: the rest of the site still knows the resident (and logs the device,
        # as Odoo does for every signed-in page).
        self.assertEqual(self.url_open("/my/tickets").status_code, 200)
        self.assertTrue(DeviceLog.search([("user_id", "=", self.alice_user.id)]))

    def test_feedback_flood_cannot_be_reset_by_the_client(self):
        self.env["ir.config_parameter"].sudo().set_param("tenant_relations.feedback_session_limit", "2")
        self.authenticate(None, None)
        self.assertEqual(self.post_feedback().status_code, 200)
        self.assertFalse(
            [c for c in self.opener.cookies if "feedback" in c.name], "no counter is handed to the client"
        )
        self.assertEqual(self.post_feedback().status_code, 200)
        # Dropping every cookie (a new session) does not help.
        self.opener.cookies.clear()
        self.authenticate(None, None)
        self.assertEqual(self.post_feedback().status_code, 429)
        self.assertEqual(self.anonymous_count(), 2)
        # The count is not kept under the address, nor in the session or the database.
        self.assertNotIn(b"127.0.0.1", b"".join(client_counter._counts))
        session = http.root.session_store.get(self.opener.cookies["session_id"])
        self.assertFalse([key for key in session if "feedback" in key])

    def test_feedback_property_cap_slows_but_never_closes(self):
        self.env["ir.config_parameter"].sudo().set_param("tenant_relations.feedback_property_limit", "2")
        Ticket = self.env["tenant.ticket"]
        for title in ("First", "Second"):
            Ticket._create_anonymous_feedback(self.property_a, title, "Text")
        self.authenticate(None, None)
        # A visitor still gets through once, then waits: the box is not closed for everyone.
        self.assertEqual(self.post_feedback().status_code, 200)
        self.assertEqual(self.post_feedback().status_code, 429)
        self.assertEqual(self.anonymous_count(), 3)
        client_counter.reset()  # another visitor
        self.assertEqual(self.post_feedback().status_code, 200)
        self.assertEqual(self.anonymous_count(), 4)

    # 8. Recipients of a resident's message -------------------------------------------------------

    def sent_to(self, partner):
        """Whether anything (a notification, an outgoing mail) was made for ``partner``."""
        notified = self.env["mail.notification"].search_count([("res_partner_id", "=", partner.id)])
        mailed = self.env["mail.mail"].search_count([("recipient_ids", "in", partner.id)])
        return bool(notified or mailed)

    def test_resident_cannot_mail_any_contact_through_call_kw(self):
        self.authenticate("tr_rt_alice", "tr_rt_alice_pw")
        messages = len(self.ticket_a.message_ids)
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "tenant.ticket",
                    "method": "message_post",
                    "args": [[self.ticket_a.id]],
                    "kwargs": {
                        "body": "Spam",
                        "message_type": "comment",
                        "subtype_xmlid": "mail.mt_comment",
                        "partner_ids": [self.stranger.id],
                    },
                },
            )
        self.ticket_a.invalidate_recordset()
        self.assertEqual(len(self.ticket_a.message_ids), messages)
        self.assertFalse(self.sent_to(self.stranger))
        # The ORM says why.
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.alice_user).message_post(
                body="Spam", message_type="comment", partner_ids=[self.stranger.id]
            )

    def test_resident_cannot_mail_any_contact_through_the_chatter(self):
        self.authenticate("tr_rt_alice", "tr_rt_alice_pw")
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "tenant.ticket",
                "thread_id": self.ticket_a.id,
                "post_data": {
                    "body": "Please come",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "partner_ids": [self.stranger.id],
                },
            },
        )
        message = self.ticket_a.message_ids.filtered(lambda m: "Please come" in str(m.body))
        self.assertEqual(len(message), 1, "the resident's own message is posted")
        self.assertNotIn(self.stranger, message.partner_ids)
        self.assertFalse(self.sent_to(self.stranger))

    def test_staff_may_still_address_anyone(self):
        self.ticket_a.with_user(self.manager).message_post(
            body="Forwarded", message_type="comment", partner_ids=[self.stranger.id]
        )

    # 8. Ratings -----------------------------------------------------------------------------------

    def test_ratings_are_read_as_their_tickets(self):
        ticket_b = (
            self.env["tenant.ticket"]
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create({"name": "Door", "unit_id": self.unit_b.id, "partner_id": self.bob.id})
        )
        Rating = self.env["rating.rating"].sudo()
        model_id = self.env["ir.model"]._get_id("tenant.ticket")
        rating_a, rating_b = Rating.create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": t.id,
                    "rating": 1,
                    "feedback": f"Bad {t.name}",
                    "consumed": True,
                }
                for t in (self.ticket_a, ticket_b)
            ]
        )
        other_app = Rating.create(
            {"res_model_id": self.env["ir.model"]._get_id("res.partner"), "res_id": self.bob.id, "rating": 5}
        )
        self.assertEqual(rating_a.tenant_ticket_id, self.ticket_a)
        ids = (rating_a | rating_b | other_app).ids
        visible = {
            user.login: set(self.env["rating.rating"].with_user(user).search([("id", "in", ids)]).ids)
            for user in (self.staff_a, self.staff_b, self.employee, self.manager)
        }
        self.assertEqual(
            visible,
            {
                "tr_rt_staff_a": {rating_a.id, other_app.id},
                "tr_rt_staff_b": {rating_b.id, other_app.id},
                "tr_rt_employee": {other_app.id},
                "tr_rt_manager": {rating_a.id, rating_b.id, other_app.id},
            },
        )
        with self.assertRaises(AccessError):
            rating_b.with_user(self.staff_a).read(["feedback"])

    # 8. Back-office fields --------------------------------------------------------------------------

    def test_residents_cannot_read_back_office_fields(self):
        # A former resident reads neither the unit nor the property any more, back office or not.
        for record in (self.unit_a, self.property_a):
            with self.assertRaises(AccessError):
                record.with_user(self.former_user).read(["display_name"])
        for user in (self.alice_user,):
            unit = self.unit_a.with_user(user)
            self.assertTrue(unit.display_name)
            for record, fname in (
                (unit, "status"),
                (unit, "under_renovation"),
                (self.property_a.with_user(user), "note"),
            ):
                with self.assertRaises(AccessError, msg=f"{user.login} {fname}"):
                    record.read([fname])
        self.authenticate("tr_rt_alice", "tr_rt_alice_pw")
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            call_kw(self, "tenant.property", "read", [self.property_a.id], ["note"])
        self.assertEqual(self.property_a.with_user(self.staff_a).note, "<p>Board dispute</p>")
        self.assertEqual(self.unit_a.with_user(self.staff_a).status, "occupied")
        # The resident's own pages still render.
        self.assertEqual(self.url_open(f"/my/tickets/{self.ticket_a.id}").status_code, 200)
        self.assertEqual(self.url_open("/my/tickets/new").status_code, 200)

    # 8. Malformed input ---------------------------------------------------------------------------

    def test_nul_byte_gives_400_in_every_route_family(self):
        self.authenticate("tr_rt_alice", "tr_rt_alice_pw")
        for url in (
            "/feedback/GL%00G",
            "/feedback/GLG?company=1%00",
            "/my/tickets?sortby=date%00",
            f"/my/tickets/{self.ticket_a.id}?access_token=%00",
            "/my/notices?filterby=%00",
            "/my/events?x=%00",
            "/my/points?x=%00",
            "/my/referrals?success=%00",
        ):
            with mute_logger("odoo.http", "werkzeug"):
                self.assertEqual(self.url_open(url).status_code, 400, url)
        before = self.env["tenant.referral"].search_count([]), self.env["tenant.ticket"].search_count([])
        for url, data in (
            ("/my/referrals", {"name": "A\x00B", "email": "x@example.com"}),
            ("/my/tickets/new", {"name": "Leak\x00", "kind": "repair", "unit_id": str(self.unit_a.id)}),
            ("/feedback/GLG", {"name": "Lobby", "text": "Dark\x00", "kind": "feedback"}),
            ("/feedback/followup", {"code": "\x00"}),
        ):
            with mute_logger("odoo.http", "werkzeug"):
                response = self.url_open(url, data={**data, "csrf_token": self.csrf()})
            self.assertEqual(response.status_code, 400, url)
        after = self.env["tenant.referral"].search_count([]), self.env["tenant.ticket"].search_count([])
        self.assertEqual(before, after)

    def test_description_size_is_limited(self):
        self.authenticate("tr_rt_alice", "tr_rt_alice_pw")
        page = self.url_open("/my/tickets/new").text
        self.assertIn(f'maxlength="{MAX_DESCRIPTION_LENGTH}"', page)
        response = self.new_request(
            unit_id=str(self.unit_a.id), description="x" * (MAX_DESCRIPTION_LENGTH + 1)
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("The description is too long", response.text)
        self.assertFalse(self.env["tenant.ticket"].search([("name", "=", "Noise at night")]))
        self.assertEqual(
            self.new_request(
                unit_id=str(self.unit_a.id), description="x" * MAX_DESCRIPTION_LENGTH
            ).status_code,
            200,
        )
        with self.assertRaises(ValidationError):
            self.ticket_a.with_user(self.staff_a).description = "<p>%s</p>" % (
                "y" * (MAX_DESCRIPTION_LENGTH + 1)
            )
        with self.assertRaises(ValidationError):
            self.ticket_a.with_user(self.staff_a).description = "<p></p>" * MAX_DESCRIPTION_LENGTH

    # 8. Exports -------------------------------------------------------------------------------------

    def test_exports_never_hold_live_formulas(self):
        self.ticket_a.name = '=HYPERLINK("http://evil.example.com","Click")'
        self.alice.write({"name": "@SUM(1+1)", "phone": "+86 138 0000 0001"})
        rows = self.ticket_a.with_user(self.staff_a).export_data(["name", "partner_id"])["datas"]
        self.assertEqual(rows, [['\'=HYPERLINK("http://evil.example.com","Click")', "'@SUM(1+1)"]])
        rows = self.alice.with_user(self.staff_a).export_data(["name", "phone"])["datas"]
        self.assertEqual(rows, [["'@SUM(1+1)", "+86 138 0000 0001"]], "a phone number stays as it is")
        self.authenticate("tr_rt_staff_a", "tr_rt_staff_a")
        response = self.url_open(
            "/web/export/xlsx",
            data={
                "data": json.dumps(
                    {
                        "model": "tenant.ticket",
                        "fields": [{"name": "name", "label": "Title"}],
                        "ids": [self.ticket_a.id],
                        "domain": [],
                        "import_compat": False,
                    }
                ),
                "csrf_token": self.csrf(),
            },
        )
        self.assertEqual(response.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
        self.assertNotIn("<f>", sheet, "no formula cell")
        self.assertIn("HYPERLINK", str(book.namelist()) + sheet + book_strings(response.content))
