# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The anonymous feedback box (匿名反馈箱): a public form per property, and a follow-up page.

Nothing about the sender is stored: the ticket has no reporter, no author, no follower and no
attachment, is created by the superuser, and the server's access log of these pages carries no
client address. Abuse is limited without addresses either: a global cap per property and window,
and a signed counter kept in a short-lived cookie of the visitor's browser. Nothing of it is kept
on the server: a counter in the server-side session would sit next to a signed-in resident's login,
and its time window would point at their ticket.
"""

import logging
import re
import time
from urllib.parse import urlencode

from odoo import http
from odoo.http import request
from odoo.tools import consteq
from odoo.tools.misc import hmac

from ..models.tenant_ticket_anonymous import (
    ANONYMOUS_KINDS,
    RATE_WINDOW,
)

MAX_TITLE_LENGTH = 200
MAX_TEXT_LENGTH = 10000
MAX_PG_INT = 2**31 - 1
HONEYPOT_FIELD = "fb_extra"
RATE_COOKIE = "tenant_feedback_rate"
RATE_COOKIE_SCOPE = "tenant_relations.feedback_rate"
SESSION_LIMIT_PARAM = "tenant_relations.feedback_session_limit"
SESSION_LIMIT_DEFAULT = 5
PRIVATE_HEADERS = {
    # The thank-you and follow-up pages show a secret code or what it opens: keep them out of
    # caches and browser history stores, and send no referrer from them.
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
}

# Feedback paths, also behind a language prefix (/zh_CN/feedback/...) when a website is installed.
FEEDBACK_PATH = re.compile(r"^(?:/[a-z]{2,3}(?:_[A-Za-z]{2,4})?(?:@\w+)?)?/feedback(?:[/?]|$)")
ANSI_STYLE = re.compile(r"\x1b\[[0-9;]*m")
ADDRESS_PREFIX = re.compile(r"^(.*?) - - (\[.*)$", re.DOTALL)


class FeedbackAccessLogFilter(logging.Filter):
    """Remove the client address from the access-log line of the feedback pages.

    Werkzeug logs every request as ``<address> - - [<date>] "<METHOD> <path> <protocol>" ...``.
    Kept next to the time of a submission, the address would tell who sent an anonymous
    feedback, so for these paths it is replaced by ``-``. Other requests are left untouched.
    """

    def filter(self, record):
        args = record.args
        if isinstance(args, tuple) and args and isinstance(args[0], str):
            parts = ANSI_STYLE.sub("", args[0]).split(" ")
            if len(parts) >= 2 and FEEDBACK_PATH.match(parts[1]):
                match = ADDRESS_PREFIX.match(str(record.msg))
                record.msg = f"- - - {match[2]}" if match else '"%s" %s %s'
        return True


def _install_access_log_filter():
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, FeedbackAccessLogFilter) for f in logger.filters):
        logger.addFilter(FeedbackAccessLogFilter())


_install_access_log_filter()


class AnonymousFeedback(http.Controller):
    # Helpers ------------------------------------------------------------------------------------

    def _feedback_property(self, property_code, company=None):
        """The active property of a code, or None; codes are unique per company only."""
        domain = [("code", "=", property_code)]
        if company:
            try:
                company_id = int(company)
            except ValueError:
                return None
            if not 0 < company_id <= MAX_PG_INT:
                return None
            domain.append(("company_id", "=", company_id))
        # sudo: the public has no right on properties. Only the name of the property whose code is
        # in the URL is shown, and the code is printed on the poster in the building anyway.
        properties = request.env["tenant.property"].sudo().search(domain, limit=2)
        return properties if len(properties) == 1 else None

    def _feedback_categories(self):
        # sudo: category names are the public vocabulary of the form, nothing else is read.
        return request.env["tenant.ticket.category"].sudo().search([])

    def _feedback_kinds(self):
        selection = dict(request.env["tenant.ticket"]._fields["kind"]._description_selection(request.env))
        return [(kind, selection[kind]) for kind in ANONYMOUS_KINDS]

    def _client_limit(self):
        value = request.env["ir.config_parameter"].sudo().get_param(SESSION_LIMIT_PARAM)
        try:
            return max(int(value), 0) if value else SESSION_LIMIT_DEFAULT
        except ValueError:
            return SESSION_LIMIT_DEFAULT

    def _client_window(self):
        """(current window number, submissions from this browser in it), from the signed cookie.

        A missing, stale or forged cookie counts as none: the per-property cap still holds.
        """
        window = int(time.time() // RATE_WINDOW.total_seconds())
        stored_window, _sep, rest = (request.httprequest.cookies.get(RATE_COOKIE) or "").partition(".")
        count, _sep, signature = rest.partition(".")
        if stored_window == str(window) and count.isdecimal():
            expected = hmac(request.env(su=True), RATE_COOKIE_SCOPE, f"{stored_window}.{count}")
            if consteq(signature, expected):
                return window, int(count)
        return window, 0

    def _set_client_window(self, response, window, count):
        message = f"{window}.{count}"
        signature = hmac(request.env(su=True), RATE_COOKIE_SCOPE, message)
        response.set_cookie(
            RATE_COOKIE,
            f"{message}.{signature}",
            max_age=int(RATE_WINDOW.total_seconds()),
            httponly=True,
            samesite="Lax",
            secure=request.httprequest.scheme == "https",
            path="/feedback",
        )

    def _form_values(self, prop, form=None, errors=None):
        return {
            "property": prop,
            "form_action": request.httprequest.full_path.rstrip("?"),
            "kinds": self._feedback_kinds(),
            "categories": self._feedback_categories(),
            "form": form or {"kind": "feedback"},
            "errors": errors or {},
            "honeypot_field": HONEYPOT_FIELD,
            "signed_in": not request.env.user._is_public(),
            "max_title_length": MAX_TITLE_LENGTH,
            "max_text_length": MAX_TEXT_LENGTH,
        }

    def _validate(self, post):
        errors = {}
        title = (post.get("name") or "").strip()
        text = (post.get("text") or "").strip()
        kind = post.get("kind") or "feedback"
        if not title:
            errors["name"] = request.env._("Give your feedback a title.")
        elif len(title) > MAX_TITLE_LENGTH:
            errors["name"] = request.env._(
                "The title is too long (at most %(max)s characters).", max=MAX_TITLE_LENGTH
            )
        if not text:
            errors["text"] = request.env._("Write your feedback.")
        elif len(text) > MAX_TEXT_LENGTH:
            errors["text"] = request.env._(
                "The text is too long (at most %(max)s characters).", max=MAX_TEXT_LENGTH
            )
        if kind not in ANONYMOUS_KINDS:
            errors["kind"] = request.env._("Choose what kind of feedback this is.")
        category = request.env["tenant.ticket.category"]
        if post.get("category_id"):
            categories = self._feedback_categories()
            category = categories.filtered(lambda c: str(c.id) == post["category_id"])
            if not category:
                errors["category_id"] = request.env._("Choose a category from the list.")
        return errors, title, text, kind, category

    def _thanks(self, prop, code):
        response = request.render("tenant_relations.feedback_thanks", {"property": prop, "code": code})
        response.headers.update(PRIVATE_HEADERS)
        return response

    # Form ---------------------------------------------------------------------------------------

    @http.route("/feedback/<string:property_code>", type="http", auth="public", methods=["GET"], website=True)
    def feedback_form(self, property_code, company=None, **kw):
        prop = self._feedback_property(property_code, company)
        if prop is None:
            raise request.not_found()
        return request.render("tenant_relations.feedback_form", self._form_values(prop))

    @http.route(
        "/feedback/<string:property_code>", type="http", auth="public", methods=["POST"], website=True
    )
    def feedback_submit(self, property_code, company=None, **post):
        prop = self._feedback_property(property_code, company)
        if prop is None:
            raise request.not_found()
        if post.get(HONEYPOT_FIELD):
            # A bot filled the field people never see: answer as if it worked, so that it does not
            # learn to avoid the trap, and create nothing. The code shown opens nothing.
            return self._thanks(prop, request.env["tenant.ticket"]._new_anonymous_code())
        Ticket = request.env["tenant.ticket"].sudo()
        window, client_count = self._client_window()
        if (
            client_count >= self._client_limit()
            or Ticket._anonymous_recent_count(prop) >= Ticket._anonymous_property_limit()
        ):
            response = request.render(
                "tenant_relations.feedback_rate_limited",
                {"property": prop, "minutes": int(RATE_WINDOW.total_seconds() // 60)},
                status=429,
            )
            response.headers["Retry-After"] = str(int(RATE_WINDOW.total_seconds()))
            return response
        errors, title, text, kind, category = self._validate(post)
        if errors:
            form = {key: post.get(key) for key in ("name", "text", "kind", "category_id")}
            return request.render(
                "tenant_relations.feedback_form", self._form_values(prop, form, errors), status=400
            )
        # Files are never read from this form: an attachment could carry the sender's name in its
        # metadata (EXIF, document author), and it would be stored as an ir.attachment.
        # sudo (inside _create_anonymous_feedback, as the superuser): the public has no right on
        # tickets. Safe because the controller fixes the channel and the property and takes only
        # the title, the escaped text, a listed kind and a listed category from the visitor;
        # nothing about the sender (user, partner, address, browser) is stored.
        ticket, code = Ticket._create_anonymous_feedback(prop, title, text, kind, category)
        response = self._thanks(ticket.property_id, code)
        self._set_client_window(response, window, client_count + 1)
        return response

    # Follow-up ----------------------------------------------------------------------------------

    @http.route("/feedback/followup", type="http", auth="public", methods=["GET", "POST"], website=True)
    def feedback_followup(self, code=None, **kw):
        """Read one's anonymous ticket with its code; the code is only accepted by POST."""
        values = {"searched": False, "ticket": None, "replies": None}
        if request.httprequest.method == "POST":
            # sudo: the code is the only key; it opens the one ticket whose hash matches, and only
            # its number, stage and staff's public replies are shown.
            ticket = request.env["tenant.ticket"].sudo()._find_by_anonymous_code(code)
            values.update(searched=True)
            if ticket:
                values.update(ticket=ticket, replies=ticket._anonymous_public_replies())
        response = request.render("tenant_relations.feedback_followup", values)
        response.headers.update(PRIVATE_HEADERS)
        return response

    # Poster -------------------------------------------------------------------------------------

    @http.route(
        "/feedback/<string:property_code>/poster", type="http", auth="user", methods=["GET"], website=True
    )
    def feedback_poster(self, property_code, property_id=None, **kw):
        """A printable poster with the QR code of the feedback box, for staff of the property."""
        if not request.env.user.has_group("tenant_relations.group_tenant_relations_user"):
            raise request.not_found()
        domain = [("code", "=", property_code)]
        if property_id:
            try:
                record_id = int(property_id)
            except ValueError:
                raise request.not_found() from None
            domain.append(("id", "=", record_id if 0 < record_id <= MAX_PG_INT else 0))
        # The staff's own rights: record rules show them the properties they work for only.
        properties = request.env["tenant.property"].search(domain, limit=2)
        if len(properties) != 1:
            raise request.not_found()
        url = properties._feedback_url()
        qr_src = "/report/barcode?" + urlencode(
            {"barcode_type": "QR", "value": url, "width": 600, "height": 600, "barLevel": "M"}
        )
        return request.render(
            "tenant_relations.feedback_poster", {"property": properties, "url": url, "qr_src": qr_src}
        )
