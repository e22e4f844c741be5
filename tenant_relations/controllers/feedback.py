# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The anonymous feedback box (匿名反馈箱): a public form per property, and a follow-up page.

Nothing about the sender is stored: the ticket has no reporter, no author, no follower and no
attachment, is created by the superuser, and the server's access log of these pages carries no
client address. The pages run as the public user even in a signed-in browser (routes marked
``tenant_anonymous``, see ``ir.http._authenticate``), so Odoo writes no device log (user, time)
for them; and they load nothing else from the database (no /web/assets bundle, no /logo.png, no
favicon: see the ``feedback_page`` template), because each such request of a signed-in browser
would write one.

Flood protection (see ``ClientCounter``): each client may send a few submissions per window,
counted in the memory of the server process under a salted hash of its address; the count is
never written to the database, the session, a cookie or a log, and is forgotten after the window
(and whenever the process restarts, with a new salt). The client cannot switch it off, unlike a
cookie. The property-wide cap never closes the box: above it each client may send only one
submission per window, so that a flood from many addresses is slowed while a new visitor can still
write.
"""

import hashlib
import logging
import re
import secrets
import threading
import time
from functools import partial
from urllib.parse import urlencode

from odoo import http
from odoo.http import request

from ..models.feedback.tenant_ticket import (
    ANONYMOUS_KINDS,
    RATE_WINDOW,
)
from .portal import _parse_id

MAX_TITLE_LENGTH = 200
MAX_TEXT_LENGTH = 10000
HONEYPOT_FIELD = "fb_extra"
# Submissions per client and window. The parameter keeps its first name (it counted per browser
# session then) so that a value set on an existing database still applies.
CLIENT_LIMIT_PARAM = "tenant_relations.feedback_session_limit"
CLIENT_LIMIT_DEFAULT = 5
# Above the property's cap, what each client may still send per window: slowed, never closed.
CLIENT_LIMIT_ABOVE_PROPERTY_CAP = 1
# Bound on the memory of the counter: beyond it the oldest windows are forgotten first.
CLIENT_COUNTER_MAX_KEYS = 100000
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


class ClientCounter:
    """Submissions per client in the current window, in this process's memory only.

    The key is a keyed hash (BLAKE2b with a random salt drawn at process start) of the client
    address and the window number: the address itself is never kept, and the hashes cannot be
    matched with anything after a restart. Only the current window is kept. Each worker process
    counts on its own, so a client may send up to ``limit × workers`` per window: a bound, not a
    ledger. Nothing here is written to the database, the session, a cookie or a log.
    """

    def __init__(self):
        self._salt = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._window = None
        self._counts = {}

    def _key(self, client, window):
        message = f"{window}|{client}".encode()
        return hashlib.blake2b(message, key=self._salt, digest_size=16).digest()

    def hit(self, client, window, limit):
        """Count one submission of ``client``; return False (and count nothing) above ``limit``."""
        with self._lock:
            if window != self._window:
                self._window, self._counts = window, {}
            key = self._key(client, window)
            count = self._counts.get(key, 0)
            if count >= limit:
                return False
            if len(self._counts) >= CLIENT_COUNTER_MAX_KEYS:
                self._counts.clear()
            self._counts[key] = count + 1
            return True

    def forget(self, client, window):
        """Take back one submission of ``client`` counted by ``hit`` in ``window``."""
        with self._lock:
            key = self._key(client, window)
            if window == self._window and self._counts.get(key):
                self._counts[key] -= 1

    def reset(self):
        """Forget everything (tests)."""
        with self._lock:
            self._window, self._counts = None, {}


client_counter = ClientCounter()


def _install_access_log_filter():
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, FeedbackAccessLogFilter) for f in logger.filters):
        logger.addFilter(FeedbackAccessLogFilter())


_install_access_log_filter()


def _id_or_404(value):
    """A record id from the URL; not found (404) when the value is none."""
    try:
        number = _parse_id(value)
    except ValueError:
        number = None
    if number is None:
        raise request.not_found()
    return number


def _anonymous_route(route, methods):
    """``http.route`` of the anonymous feedback box: public, and run as the public user whoever is
    signed in (``tenant_anonymous``, see ir.http._authenticate: no device log names the sender)."""
    return http.route(route, type="http", auth="public", methods=methods, website=True, tenant_anonymous=True)


class AnonymousFeedback(http.Controller):
    # Helpers ------------------------------------------------------------------------------------

    def _feedback_property(self, property_code, company=None):
        """The active property of a code; codes are unique per company only. Not found (404)
        when no single property has it."""
        domain = [("code", "=", property_code)]
        if company:
            domain.append(("company_id", "=", _id_or_404(company)))
        # sudo: the public has no right on properties. Only the name of the property whose code is
        # in the URL is shown, and the code is printed on the poster in the building anyway.
        properties = request.env["tenant.property"].sudo().search(domain, limit=2)
        if len(properties) != 1:
            raise request.not_found()
        return properties

    def _feedback_categories(self):
        # sudo: category names are the public vocabulary of the form, nothing else is read.
        return request.env["tenant.ticket.category"].sudo().search([])

    def _feedback_kinds(self):
        selection = dict(request.env["tenant.ticket"]._fields["kind"]._description_selection(request.env))
        return [(kind, selection[kind]) for kind in ANONYMOUS_KINDS]

    def _client_limit(self):
        """The setting CLIENT_LIMIT_PARAM: submissions per client and window (the public form's)."""
        return request.env["ir.config_parameter"]._tenant_get_int_param(
            CLIENT_LIMIT_PARAM, CLIENT_LIMIT_DEFAULT, minimum=0
        )

    def _client_allows(self, prop):
        """Count this submission for the client; False when the client has sent enough for now.

        Above the property's cap every client is held to CLIENT_LIMIT_ABOVE_PROPERTY_CAP per window:
        a flood slows everyone down to one submission each, but never shuts the box.
        """
        limit = self._client_limit()
        # sudo (in the model method): the public has no right on tickets; only a count comes out.
        Ticket = request.env["tenant.ticket"].sudo()
        if Ticket._anonymous_recent_count(prop) >= Ticket._anonymous_property_limit():
            limit = min(limit, CLIENT_LIMIT_ABOVE_PROPERTY_CAP)
        window = int(time.time() // RATE_WINDOW.total_seconds())
        # The address as the server sees it (behind a proxy: the one it forwards, in proxy mode).
        client = request.httprequest.remote_addr or ""
        allowed = client_counter.hit(client, window, limit)
        if allowed:
            # The count lives outside the database: a transaction that rolls back created no
            # ticket, and takes its count back. Odoo rolls back and runs the whole request again
            # after a serialization failure: the submission counts once, not once per attempt.
            request.env.cr.postrollback.add(partial(client_counter.forget, client, window))
        return allowed

    def _form_values(self, prop, form=None, errors=None):
        return {
            "property": prop,
            "form_action": request.httprequest.full_path.rstrip("?"),
            "kinds": self._feedback_kinds(),
            "categories": self._feedback_categories(),
            "form": form or {"kind": "feedback"},
            "errors": errors or {},
            "honeypot_field": HONEYPOT_FIELD,
            # The request runs as the public user (tenant_anonymous): the session tells whether the
            # browser is signed in, only to say so on the page; nothing of it is stored.
            "signed_in": bool(request.session.uid),
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

    def _render_page(self, template, values, status=200):
        """Render a page of the box with the firm whose name and logo head it (inline, see the
        feedback_page template: the page loads nothing from the database)."""
        record = values.get("property") or values.get("ticket")
        firm = record.company_id if record else request.env.company
        # sudo: the public cannot read companies; only the firm's name and logo are shown, which
        # are on the poster in the building anyway.
        # Dates are shown in the firm's time zone: the visitor has none (the public user's is UTC,
        # which showed a 07:57 submission in Shanghai as the day before).
        firm = firm.sudo()
        return request.render(template, {**values, "firm": firm, "firm_tz": firm._tenant_tz()}, status=status)

    def _thanks(self, prop, code):
        response = self._render_page("tenant_relations.feedback_thanks", {"property": prop, "code": code})
        response.headers.update(PRIVATE_HEADERS)
        return response

    # Form ---------------------------------------------------------------------------------------

    @_anonymous_route("/feedback/<string:property_code>", methods=["GET"])
    def feedback_form(self, property_code, company=None, **kw):
        prop = self._feedback_property(property_code, company)
        return self._render_page("tenant_relations.feedback_form", self._form_values(prop))

    @_anonymous_route("/feedback/<string:property_code>", methods=["POST"])
    def feedback_submit(self, property_code, company=None, **post):
        prop = self._feedback_property(property_code, company)
        if post.get(HONEYPOT_FIELD):
            # A bot filled the field people never see: answer as if it worked, so that it does not
            # learn to avoid the trap, and create nothing. The code shown opens nothing.
            return self._thanks(prop, request.env["tenant.ticket"]._new_anonymous_code())
        Ticket = request.env["tenant.ticket"].sudo()
        errors, title, text, kind, category = self._validate(post)
        if errors:
            form = {key: post.get(key) for key in ("name", "text", "kind", "category_id")}
            return self._render_page(
                "tenant_relations.feedback_form", self._form_values(prop, form, errors), status=400
            )
        if not self._client_allows(prop):
            response = self._render_page(
                "tenant_relations.feedback_rate_limited",
                {"property": prop, "minutes": int(RATE_WINDOW.total_seconds() // 60)},
                status=429,
            )
            response.headers["Retry-After"] = str(int(RATE_WINDOW.total_seconds()))
            return response
        # Files are never read from this form: an attachment could carry the sender's name in its
        # metadata (EXIF, document author), and it would be stored as an ir.attachment.
        # sudo (inside _create_anonymous_feedback, as the superuser): the public has no right on
        # tickets. Safe because the controller fixes the channel and the property and takes only
        # the title, the escaped text, a listed kind and a listed category from the visitor;
        # nothing about the sender (user, partner, address, browser) is stored.
        ticket, code = Ticket._create_anonymous_feedback(prop, title, text, kind, category)
        return self._thanks(ticket.property_id, code)

    # Follow-up ----------------------------------------------------------------------------------

    @_anonymous_route("/feedback/followup", methods=["GET", "POST"])
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
        response = self._render_page("tenant_relations.feedback_followup", values)
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
            domain.append(("id", "=", _id_or_404(property_id)))
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
