# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import io
import logging
import re
from unittest.mock import patch

from psycopg2 import errors

from odoo import SUPERUSER_ID, http
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.tenant_relations.controllers.feedback import FeedbackAccessLogFilter, client_counter
from odoo.addons.tenant_relations.models.feedback import tenant_ticket as anonymous

from .common import PortalCase, portal_main_contact, property_unit, staff_user

USER_AGENT = "FeedbackProbe/4.2 (Sender-Fingerprint-7f3a)"
CLIENT_IP = "127.0.0.1"


@tagged("post_install", "-at_install")
class TestAnonymousFeedback(PortalCase):
    """The anonymous feedback box keeps nothing that could tell who wrote."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = staff_user(cls.env, "tr_anon_staff")
        cls.staff_other = staff_user(cls.env, "tr_anon_staff_other")
        cls.unit = property_unit(cls.env, "GLG", "1-1201", building="1", manager_id=cls.staff.id)
        cls.property = cls.unit.property_id
        cls.property_other = cls.env["tenant.property"].create(
            {"name": "Cloud Apartments", "code": "CLA", "manager_id": cls.staff_other.id}
        )
        cls.resident = portal_main_contact(
            cls.env, "tr_anon_resident", cls.unit, "Zhao Mingyue Resident", "zhao.mingyue@example.com"
        )
        cls.resident_partner = cls.resident.partner_id
        cls.resident_partner.phone = "+86 139 0000 4321"
        cls.category = cls.env["tenant.ticket.category"].create({"name": "Cleaning of common areas"})
        cls.Ticket = cls.env["tenant.ticket"]

    def setUp(self):
        super().setUp()
        # The flood counter lives in the server process, across tests: each test is a new visitor.
        client_counter.reset()
        self.addCleanup(client_counter.reset)

    # Helpers ------------------------------------------------------------------------------------

    def anonymous_tickets(self, prop=None):
        return self.Ticket.search(
            [("channel", "=", "anonymous"), ("property_id", "=", (prop or self.property).id)], order="id"
        )

    def post_feedback(self, data=None, code="GLG", files=None, headers=None):
        payload = {
            "csrf_token": http.Request.csrf_token(self),
            "name": "Garbage room smells",
            "text": "The garbage room of building 1 is not cleaned at weekends.",
            "kind": "complaint",
            "category_id": str(self.category.id),
            **(data or {}),
        }
        return self.url_open(
            f"/feedback/{code}",
            data=payload,
            files=files,
            headers={"User-Agent": USER_AGENT, **(headers or {})},
            allow_redirects=False,
        )

    def followup(self, code):
        return self.url_open(
            "/feedback/followup",
            data={"csrf_token": http.Request.csrf_token(self), "code": code},
            allow_redirects=False,
        )

    def shown_code(self, response):
        match = re.search(r'o_tenant_feedback_code">([^<]+)<', response.text)
        self.assertTrue(match, "the thank-you page shows the follow-up code")
        return match[1]

    def request_log_line(self, logs, method, path):
        lines = [line for line in logs.output if f"{method} {path} " in line]
        self.assertEqual(len(lines), 1, logs.output)
        return lines[0]

    def stored_rows(self, ticket):
        """Every row Odoo keeps about the ticket, as (model, values of all stored fields)."""
        env = self.env(user=SUPERUSER_ID, context={"active_test": False})
        messages = env["mail.message"].search([("model", "=", ticket._name), ("res_id", "=", ticket.id)])
        records = [
            env["tenant.ticket"].browse(ticket.id),
            messages,
            env["mail.followers"].search([("res_model", "=", ticket._name), ("res_id", "=", ticket.id)]),
            env["mail.mail"].search(
                [
                    "|",
                    ("mail_message_id", "in", messages.ids),
                    ("res_id", "=", ticket.id),
                    ("model", "=", ticket._name),
                ]
            ),
            env["mail.notification"].search([("mail_message_id", "in", messages.ids)]),
            env["mail.tracking.value"].search([("mail_message_id", "in", messages.ids)]),
            env["ir.attachment"].search([("res_model", "=", ticket._name), ("res_id", "=", ticket.id)]),
            env["tenant.ticket.sla"].search([("ticket_id", "=", ticket.id)]),
        ]
        rows = []
        for recordset in records:
            fnames = [name for name, field in recordset._fields.items() if field.store]
            rows += [(recordset._name, values) for values in recordset.read(fnames)]
        return rows

    def assertNothingAbout(self, ticket, user, partner):
        rows = self.stored_rows(ticket)
        self.assertTrue(rows)
        needles = [
            partner.email,
            partner.name,
            partner.phone,
            user.login,
            CLIENT_IP,
            USER_AGENT,
            "Sender-Fingerprint",
        ]
        needles = [needle for needle in needles if needle]
        for model, values in rows:
            text = repr(values)
            for needle in needles:
                self.assertNotIn(needle, text, f"{needle!r} stored in {model} {values.get('id')}")
            # Relations: no field of any row points at the sender's partner or user.
            for fname, value in values.items():
                field = self.env[model]._fields[fname]
                if field.type not in ("many2one", "many2many", "one2many", "many2one_reference"):
                    continue
                target = (
                    field.comodel_name
                    if field.type != "many2one_reference"
                    else values.get(field.model_field)
                )
                ids = value[0] if field.type == "many2one" and value else value
                ids = ids if isinstance(ids, list) else [ids]
                if target == "res.partner":
                    self.assertNotIn(partner.id, ids, f"{model}.{fname} points at the sender")
                if target == "res.users":
                    self.assertNotIn(user.id, ids, f"{model}.{fname} points at the sender")

    # Submitting ---------------------------------------------------------------------------------

    def test_public_submission(self):
        self.authenticate(None, None)
        res = self.url_open("/feedback/GLG")
        self.assertEqual(res.status_code, 200)
        self.assertIn("Green Lake Gardens", res.text)
        self.assertIn('name="fb_extra"', res.text, "the honeypot is in the form")
        self.assertNotIn("o_tenant_feedback_signed_in", res.text)
        self.assertNotIn('type="file"', res.text, "the form accepts no file")
        with self.assertLogs("werkzeug", level=logging.INFO) as logs:
            res = self.post_feedback()
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.headers.get("Cache-Control"), "no-store")
        code = self.shown_code(res)
        self.assertGreaterEqual(len(code), 16)
        line = self.request_log_line(logs, "POST", "/feedback/GLG")
        self.assertNotIn(CLIENT_IP, line)
        self.assertIn("- - - [", line)

        ticket = self.anonymous_tickets()
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket.property_id, self.property)
        self.assertEqual(ticket.kind, "complaint")
        self.assertEqual(ticket.category_id, self.category)
        self.assertEqual(ticket.create_uid.id, SUPERUSER_ID)
        self.assertEqual(ticket.write_uid.id, SUPERUSER_ID)
        self.assertEqual(ticket.sudo().anonymous_code_hash, hashlib.sha256(code.encode()).hexdigest())
        self.assertNotIn(code, repr(ticket.sudo().read()), "only the hash of the code is stored")
        self.assertNothingAbout(ticket, self.env.ref("base.public_user"), self.env.ref("base.public_partner"))

    def test_resident_submission_leaves_no_trace(self):
        self.authenticate(self.resident.login, self.resident.login)
        res = self.url_open("/feedback/GLG", headers={"User-Agent": USER_AGENT})
        self.assertEqual(res.status_code, 200)
        self.assertIn("o_tenant_feedback_signed_in", res.text, "a signed-in resident is told it is not used")
        with self.assertLogs("werkzeug", level=logging.INFO) as logs:
            res = self.post_feedback({"kind": "suggestion"})
        self.assertEqual(res.status_code, 200)
        self.shown_code(res)
        line = self.request_log_line(logs, "POST", "/feedback/GLG")
        self.assertNotIn(CLIENT_IP, line)
        self.assertNotIn(self.resident.login, line)

        ticket = self.anonymous_tickets()
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket.kind, "suggestion")
        self.assertNotEqual(ticket.create_uid, self.resident)
        self.assertNothingAbout(ticket, self.resident, self.resident_partner)

        # Odoo 18 logs the devices of signed-in users (user, time, address) on every request: not for
        # the feedback pages, which run as the public user whatever the session holds.
        self.assertFalse(self.env["res.device.log"].sudo().search([("user_id", "=", self.resident.id)]))

        # The resident cannot find the ticket among their own requests.
        res = self.url_open("/my/tickets")
        self.assertEqual(res.status_code, 200)
        self.assertNotIn(ticket.number, res.text)
        with self.assertRaises(AccessError):
            ticket.with_user(self.resident).check_access("read")

    def test_nothing_attached_and_script_escaped(self):
        self.authenticate(None, None)
        values = {
            "name": "<script>alert('t')</script>Lift",
            "text": "Broken <script>alert('x')</script> again",
        }
        # The form takes no file: one sent anyway is refused (ir.http._tenant_reject_unexpected_files).
        res = self.post_feedback(
            values, files={"attachments": ("photo.png", io.BytesIO(b"\x89PNG fake"), "image/png")}
        )
        self.assertEqual(res.status_code, 400)
        self.assertFalse(self.anonymous_tickets())
        res = self.post_feedback(values)
        self.assertEqual(res.status_code, 200)
        code = self.shown_code(res)
        ticket = self.anonymous_tickets()
        self.assertEqual(len(ticket), 1)
        self.assertNotIn("<script", ticket.description)
        self.assertIn("&lt;script&gt;", ticket.description)
        self.assertFalse(
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", ticket._name), ("res_id", "=", ticket.id)])
        )
        res = self.followup(code)
        self.assertIn(ticket.number, res.text)
        self.assertNotIn("<script>alert", res.text)

    def test_invalid_form(self):
        self.authenticate(None, None)
        res = self.post_feedback({"name": "  ", "kind": "repair"})
        self.assertEqual(res.status_code, 400)
        self.assertIn("o_tenant_feedback_errors", res.text)
        self.assertFalse(self.anonymous_tickets())

    def test_unknown_property(self):
        self.authenticate(None, None)
        self.assertEqual(self.url_open("/feedback/NOPE").status_code, 404)
        self.assertEqual(self.post_feedback(code="NOPE").status_code, 404)
        self.property_other.active = False
        self.assertEqual(self.url_open("/feedback/CLA").status_code, 404)
        self.assertFalse(self.anonymous_tickets() | self.anonymous_tickets(self.property_other))

    # Abuse --------------------------------------------------------------------------------------

    def test_honeypot(self):
        self.authenticate(None, None)
        res = self.post_feedback({"fb_extra": "http://spam.example.com"})
        self.assertEqual(res.status_code, 200)
        code = self.shown_code(res)
        self.assertFalse(self.anonymous_tickets())
        self.assertIn("o_tenant_feedback_not_found", self.followup(code).text)

    def test_rate_limit_per_property_slows_but_never_closes(self):
        self.env["ir.config_parameter"].sudo().set_param("tenant_relations.feedback_property_limit", "2")
        for title in ("First", "Second"):
            self.Ticket._create_anonymous_feedback(self.property, title, "Text")
        self.authenticate(None, None)
        # Above the property's cap each visitor may still send one, then waits.
        self.assertEqual(self.post_feedback().status_code, 200)
        res = self.post_feedback({"name": "Again"})
        self.assertEqual(res.status_code, 429)
        self.assertIn("o_tenant_feedback_rate_limited", res.text)
        self.assertEqual(len(self.anonymous_tickets()), 3)
        # Another property's box is not affected.
        self.assertEqual(self.post_feedback(code="CLA").status_code, 200)
        self.assertEqual(len(self.anonymous_tickets(self.property_other)), 1)

    def test_rate_limit_per_client_kept_off_the_client_and_the_database(self):
        self.env["ir.config_parameter"].sudo().set_param("tenant_relations.feedback_session_limit", "1")
        self.authenticate(None, None)
        self.assertEqual(self.url_open("/feedback/GLG").status_code, 200)
        self.assertEqual(self.post_feedback().status_code, 200)
        res = self.post_feedback({"name": "Again"})
        self.assertEqual(res.status_code, 429)
        self.assertEqual(len(self.anonymous_tickets()), 1)
        # Nothing of the submission is kept in the server-side session or handed to the browser.
        session = http.root.session_store.get(self.opener.cookies["session_id"])
        self.assertFalse([key for key in session if "feedback" in key], dict(session))
        self.assertFalse([c.name for c in self.opener.cookies if "feedback" in c.name])
        # Dropping the cookies (a new browser on the same network address) does not reset it.
        self.opener.cookies.clear()
        self.authenticate(None, None)
        self.assertEqual(self.post_feedback({"name": "New browser"}).status_code, 429)
        self.assertEqual(len(self.anonymous_tickets()), 1)

    def test_submission_replayed_after_a_serialization_failure_counts_once(self):
        """Odoo rolls back and runs a request again after a serialization failure: the attempt that
        rolled back created nothing, and counts for nothing against the sender's limit."""

        class SerializationFailure(errors.SerializationFailure):
            pgcode = "40001"  # as PostgreSQL raises it

        self.env["ir.config_parameter"].sudo().set_param("tenant_relations.feedback_session_limit", "1")
        self.authenticate(None, None)
        create = type(self.Ticket)._create_anonymous_feedback
        attempts = []

        def fail_first(model, *args, **kwargs):
            attempts.append(True)
            if len(attempts) == 1:
                raise SerializationFailure("could not serialize access due to concurrent update")
            return create(model, *args, **kwargs)

        with (
            patch.object(type(self.Ticket), "_create_anonymous_feedback", fail_first),
            patch("odoo.service.model.time.sleep"),  # Odoo's back-off before it runs the request again
            mute_logger("odoo.service.model"),
        ):
            self.assertEqual(self.post_feedback().status_code, 200)
        self.assertEqual(len(attempts), 2, "the request ran twice")
        self.assertEqual(len(self.anonymous_tickets()), 1)
        self.assertEqual(
            self.post_feedback({"name": "Again"}).status_code, 429, "the limit of one is reached"
        )

    # Follow-up ----------------------------------------------------------------------------------

    def test_followup_shows_public_staff_replies_only(self):
        ticket, code = self.Ticket._create_anonymous_feedback(self.property, "Lobby lights", "Always off.")
        other, other_code = self.Ticket._create_anonymous_feedback(self.property, "Parking", "Full.")
        as_staff = ticket.with_user(self.staff)
        as_staff.message_post(
            body="We replaced the lobby lights.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        as_staff.message_post(
            body="Internal: probably the owner of 1201.", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        other.with_user(self.staff).message_post(
            body="Parking reply for the other sender.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        ticket.with_user(SUPERUSER_ID).message_post(
            body="System log line.", message_type="notification", subtype_xmlid="mail.mt_comment"
        )
        self.authenticate(None, None)
        res = self.followup(code)
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.headers.get("Cache-Control"), "no-store")
        self.assertIn(ticket.number, res.text)
        self.assertIn(ticket.stage_id.name, res.text)
        self.assertIn("We replaced the lobby lights.", res.text)
        self.assertNotIn("Internal: probably", res.text)
        self.assertNotIn("System log line.", res.text)
        self.assertNotIn("Parking reply", res.text)
        self.assertNotIn(other.number, res.text)

        res = self.followup(other_code)
        self.assertIn("Parking reply for the other sender.", res.text)
        self.assertNotIn("lobby lights", res.text)

    def test_followup_dates_in_the_firm_time_zone(self):
        """Issue 13: sent at 07:57 in Shanghai on the 7th (23:57 UTC on the 6th), shown as the 7th."""
        self.property.company_id.partner_id.tz = "Asia/Shanghai"
        ticket, code = self.Ticket._create_anonymous_feedback(self.property, "Lobby lights", "Always off.")
        ticket.reported_date = "2026-12-06 23:57:00"
        self.authenticate(None, None)
        text = self.followup(code).text
        self.assertIn("12/07/2026", text)
        self.assertNotIn("12/06/2026", text)

    def test_wrong_code_reveals_nothing(self):
        ticket, code = self.Ticket._create_anonymous_feedback(self.property, "Lobby lights", "Always off.")
        ticket.with_user(self.staff).message_post(
            body="We replaced the lobby lights.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.authenticate(None, None)
        for wrong in (code[:-1] + ("A" if code[-1] != "A" else "B"), "x", "", code.upper() + "zz"):
            res = self.followup(wrong)
            self.assertEqual(res.status_code, 200)
            self.assertIn("o_tenant_feedback_not_found", res.text)
            self.assertNotIn(ticket.number, res.text)
            self.assertNotIn("lobby lights", res.text)
        # The code is only read from a POST, never from the URL (which ends up in logs and history).
        res = self.url_open(f"/feedback/followup?code={code}")
        self.assertNotIn(ticket.number, res.text)
        self.assertNotIn("o_tenant_feedback_not_found", res.text)

    def test_followup_code_is_easy_to_read_aloud_and_hard_to_guess(self):
        self.authenticate(None, None)
        res = self.post_feedback()
        code = self.shown_code(res)
        symbols = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
        self.assertRegex(code, rf"^[{symbols}]{{4}}(-[{symbols}]{{4}}){{4}}$", "five groups of four")
        self.assertIn("o_tenant_feedback_copy", res.text, "a copy button")
        codes = [self.Ticket._new_anonymous_code() for _n in range(300)]
        self.assertFalse(set("".join(codes)) & set("0O1IL"), "no look-alike characters")
        self.assertEqual(len(set(codes)), 300)
        self.assertGreaterEqual(anonymous.FOLLOWUP_CODE_BITS, 80)
        self.assertAlmostEqual(anonymous.FOLLOWUP_CODE_BITS, 20 * 4.954, places=1)

    def test_followup_code_typed_loosely_is_found(self):
        ticket, code = self.Ticket._create_anonymous_feedback(self.property, "Lobby lights", "Always off.")
        self.assertEqual(ticket.sudo().anonymous_code_hash, hashlib.sha256(code.encode()).hexdigest())
        self.authenticate(None, None)
        bare = code.replace("-", "")
        for typed in (
            code.lower(),
            bare.lower(),
            " ".join(code.split("-")),
            f"  {bare[:10]} {bare[10:]}  ",
            code.replace("-", "\u2014"),
        ):
            with self.subTest(typed=typed):
                res = self.followup(typed)
                self.assertIn(ticket.number, res.text)
                self.assertNotIn("o_tenant_feedback_not_found", res.text)

    def test_codes_given_before_still_work(self):
        """Codes of 22 URL-safe characters (case-sensitive, dashes included) were hashed as shown."""
        ticket, _code = self.Ticket._create_anonymous_feedback(self.property, "Lobby lights", "Always off.")
        old_code = "q-Z3_hT9xKbW-4mN0pLrAs"
        ticket.sudo().anonymous_code_hash = hashlib.sha256(old_code.encode()).hexdigest()
        self.authenticate(None, None)
        self.assertIn(ticket.number, self.followup(old_code).text)
        self.assertIn(ticket.number, self.followup(f" {old_code} ").text)
        self.assertIn("o_tenant_feedback_not_found", self.followup(old_code.upper()).text)

    # Staff --------------------------------------------------------------------------------------

    def test_staff_see_anonymous_tickets_of_their_property(self):
        ticket, _code = self.Ticket._create_anonymous_feedback(self.property, "Lobby lights", "Always off.")
        self.assertEqual(self.Ticket.with_user(self.staff).search([("id", "=", ticket.id)]), ticket)
        self.assertFalse(self.Ticket.with_user(self.staff_other).search([("id", "=", ticket.id)]))
        # The stored hash is not for staff eyes (nor for them to overwrite).
        with self.assertRaises(AccessError):
            ticket.with_user(self.staff).read(["anonymous_code_hash"])

    def test_poster(self):
        action = self.property.with_user(self.staff).action_open_feedback_poster()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.authenticate(self.staff.login, self.staff.login)
        res = self.url_open(action["url"])
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.property._feedback_url(), res.text)
        match = re.search(r'src="(/report/barcode\?[^"]+)"', res.text)
        self.assertTrue(match)
        image = self.url_open(match[1].replace("&amp;", "&"))
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers["Content-Type"], "image/png")
        # Staff of another property and residents get nothing.
        for user in (self.staff_other, self.resident):
            self.authenticate(user.login, user.login)
            with mute_logger("odoo.http"):
                self.assertEqual(self.url_open(action["url"]).status_code, 404)

    def test_log_filter_only_touches_feedback_lines(self):
        log_filter = FeedbackAccessLogFilter()

        def record(path):
            return logging.LogRecord(
                "werkzeug",
                logging.INFO,
                __file__,
                1,
                '10.1.2.3 - - [01/Jan/2025 10:00:00] "%s" %s %s',
                (f"POST {path} HTTP/1.1", "200", "-"),
                None,
            )

        for path in ("/feedback/GLG", "/feedback/followup", "/zh_CN/feedback/GLG", "/feedback/G%20L/poster"):
            rec = record(path)
            self.assertTrue(log_filter.filter(rec))
            self.assertNotIn("10.1.2.3", rec.getMessage(), path)
            self.assertIn(path, rec.getMessage())
        for path in ("/my/tickets", "/web/login", "/feedbacks"):
            rec = record(path)
            log_filter.filter(rec)
            self.assertIn("10.1.2.3", rec.getMessage(), path)
