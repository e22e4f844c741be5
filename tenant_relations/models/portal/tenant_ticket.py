# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident's side of a ticket: times in the resident's own time zone, what the portal
conversation shows them, and what residents can put into it (who its messages are sent to, and how
much text)."""

import re

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import html2plaintext

RESIDENT_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# A description is what a resident types in a form: this is a long letter, not a limit anyone meets.
MAX_DESCRIPTION_LENGTH = 20000
# The stored HTML may be longer than its text (paragraphs, escaped characters), not without bound.
MAX_DESCRIPTION_HTML_LENGTH = 5 * MAX_DESCRIPTION_LENGTH
# The context key and value under which the system itself sends the reporter their mails (see
# _with_reporter_links). The value is this very object, compared with ``is``: JSON-RPC carries only
# JSON values, so no caller of a public method can forge it; the composer renders templates as sudo
# for staff too, so ``env.su`` cannot tell the system's own send from a staff member's composer.
REPORTER_LINKS_KEY = "tenant_reporter_links"
REPORTER_LINKS = object()


class TenantTicket(models.Model):
    _inherit = "tenant.ticket"

    # The portal conversation reads this field's domain (portal's /mail/chatter_fetch). Odoo's
    # default leaves out automatic messages (``auto_comment``): the acknowledgement, stage and
    # closing mails the resident received would be missing from the page. They are shown to the
    # people they were sent to only: their bodies carry the reporter's links (the document token,
    # the rating token), which the household's main contact must not get.
    website_message_ids = fields.One2many(domain=lambda self: self._portal_message_domain())
    # The document token opens the ticket to whoever holds it, signed in or not, for as long as the
    # ticket lives: it is the reporter's alone. Nobody reads it as a field (staff, the household's
    # main contact, the reporter over RPC); the portal reaches it as sudo (_document_check_access),
    # and it travels only in the mails to the reporter (see _notify_by_email_render_layout).
    access_token = fields.Char(groups="base.group_system", exportable=False)
    resident_promised_response = fields.Char(
        string="Response Promised (Resident)",
        compute="_compute_resident_promises",
        help="The promised response time in the resident's time zone, with the zone named.",
    )
    resident_promised_resolution = fields.Char(
        string="Resolution Promised (Resident)",
        compute="_compute_resident_promises",
        help="The promised resolution time in the resident's time zone, with the zone named.",
    )

    @api.depends("partner_id.tz", "company_id.partner_id.tz", "sla_line_ids.deadline", "sla_line_ids.target")
    def _compute_resident_promises(self):
        for ticket in self:
            tz = ticket._resident_tz()
            # The backend's promised times, only read in the resident's zone: they cannot disagree.
            localized = ticket.with_context(tz=tz)
            ticket.resident_promised_response = ticket._resident_time_label(localized.promised_response, tz)
            ticket.resident_promised_resolution = ticket._resident_time_label(
                localized.promised_resolution, tz
            )

    @api.model
    def _portal_message_domain(self):
        """The messages of a ticket shown in its portal conversation (see ``website_message_ids``)."""
        domain = [("model", "=", self._name)]
        public_types = ["comment", "email", "email_outgoing"]
        if self.env.user._is_public():
            # Only a visitor holding the reporter's document token reads a ticket's conversation
            # without signing in (the chatter refuses any other): they are the reporter.
            return [*domain, ("message_type", "in", [*public_types, "auto_comment"])]
        return [
            *domain,
            "|",
            ("message_type", "in", public_types),
            "&",
            ("message_type", "=", "auto_comment"),
            ("notified_partner_ids", "in", self.env.user.partner_id.ids),
        ]

    # Reporter's tokens --------------------------------------------------------------------------

    def _holds_reporter_token(self):
        """Whether the current user may have the reporter's token: the reporter, or the system
        (a mail rendered as sudo, whose token is kept for the reporter's copy: see _notify_thread)."""
        self.ensure_one()
        if self.env.su:
            return True
        # sudo: only compared with the user's own partner; whoever asks may not read the reporter.
        partner = self.sudo().partner_id
        return bool(partner) and self.env.user.partner_id == partner

    def get_portal_url(self, suffix=None, report_type=None, download=None, query_string=None, anchor=None):
        """The portal link, with the document token for the reporter only.

        Public (callable over RPC), and used by templates rendered as staff: they get the page's
        address, which anyone with the right to read the ticket opens signed in.
        """
        self.ensure_one()
        if self._holds_reporter_token():
            # sudo: the token field is for the system only; the reporter gets their own token.
            return super(TenantTicket, self.sudo()).get_portal_url(
                suffix=suffix,
                report_type=report_type,
                download=download,
                query_string=query_string,
                anchor=anchor,
            )
        params = []
        if report_type:
            params.append(f"report_type={report_type}")
        if download:
            params.append("download=true")
        if query_string:
            params.append(query_string.lstrip("&?"))
        url = self.access_url + (suffix or "")
        if params:
            url += "?" + "&".join(params)
        return url + (f"#{anchor}" if anchor else "")

    def _get_share_url(self, redirect=False, signup_partner=False, pid=None, share_token=True):
        """Share links (the portal's Share wizard, "preview") never carry the reporter's token."""
        return super()._get_share_url(
            redirect=redirect,
            signup_partner=signup_partner,
            pid=pid,
            share_token=share_token and self._holds_reporter_token(),
        )

    def _rating_get_partner(self):
        """Ratings are the reporter's, whoever asks for the link (see _rating_get_access_token)."""
        # sudo: the reporter of a ticket the caller may read; only their identity is used.
        return self.sudo().partner_id

    def _rating_get_access_token(self, partner=None):
        """A rating link rates as the reporter only: a link made for anyone else is refused, and
        the link is handed to the reporter or to the system's mail to them only.

        ``/rate/<token>`` is public and rates without signing in: the token is the reporter's
        voice. Staff render templates as sudo in the composer and its preview; they get no token.
        """
        reporter = self._rating_get_partner()
        if partner and partner != reporter:
            raise AccessError(self.env._("Only the person who reported this request can rate it."))
        if not self._may_see_rating_link():
            raise AccessError(self.env._("Only the person who reported this request can rate it."))
        return super()._rating_get_access_token(partner=reporter)

    def _may_see_rating_link(self):
        """Whether the current call may have the reporter's rating token: the reporter themselves,
        the system user (scheduled actions), or the system's own mail to the reporter."""
        self.ensure_one()
        if self.env.context.get(REPORTER_LINKS_KEY) is REPORTER_LINKS or self.env.uid == SUPERUSER_ID:
            return True
        # sudo: only compared with the user's own partner; whoever asks may not read the reporter.
        reporter = self.sudo().partner_id
        return bool(reporter) and self.env.user.partner_id == reporter

    def _tenant_rating_url(self, rate):
        """The link of the closing mail that rates the service ``rate``: the reporter's rating link
        in the mail the system sends them, the request page (where the reporter rates, signed in)
        for anybody else who renders the template (a staff member's composer or preview)."""
        self.ensure_one()
        if self._may_see_rating_link():
            return f"/rate/{self._rating_get_access_token()}/{int(rate)}"
        return self.access_url

    def _with_reporter_links(self):
        """These tickets in the system's own mail to their reporter: its templates may render the
        reporter's rating link (kept out of the stored message: see _notify_thread). Only code
        that sends such a mail itself calls this; see REPORTER_LINKS."""
        return self.with_context(**{REPORTER_LINKS_KEY: REPORTER_LINKS})

    def _reporter_tokens(self):
        """The secrets that let their holder act as the reporter: document and rating tokens."""
        self.ensure_one()
        # sudo: the tokens are read to take them out of what others receive, never handed out.
        ticket = self.sudo()
        return [token for token in (ticket.access_token, *ticket.rating_ids.mapped("access_token")) if token]

    def _strip_reporter_tokens(self, html):
        """``html`` without the reporter's tokens: rating links lead to the request page (where
        the reporter rates, signed in), document links lose their token."""
        self.ensure_one()
        if not html:
            return html
        text = str(html)
        for token in self._reporter_tokens():
            if token not in text:
                continue
            escaped = re.escape(token)
            text = re.sub(rf"(?:https?://[^\s\"'<>]*)?/rate/{escaped}/\d+", self.access_url, text)
            text = re.sub(rf"access_token={escaped}(?:&amp;|&)?", "", text)
            text = text.replace(token, "")
        return type(html)(text) if text != str(html) else html

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        """The message kept on the ticket never holds the reporter's tokens.

        Whoever reads the ticket reads its messages (staff, the household's main contact, over the
        chatter, RPC or the bus), and a template (the rating request, a stage mail a firm wrote)
        may put the reporter's links in the body: they are taken out before anything is notified,
        and put back only in the mail rendered for the reporter (see below).
        """
        if len(self) != 1 or not message.body:
            return super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        original = message.body
        stripped = self._strip_reporter_tokens(original)
        if stripped == original:
            return super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        # sudo: the system's own bookkeeping of a message that was allowed, whoever posted it.
        message.sudo().body = stripped
        if msg_vals and "body" in msg_vals:
            msg_vals = {**msg_vals, "body": stripped}
        ticket = self.with_context(tenant_reporter_body=(str(message.body), str(original)))
        return super(TenantTicket, ticket)._notify_thread(message, msg_vals=msg_vals, **kwargs)

    def _notify_by_email_render_layout(self, message, recipients_group, msg_vals=False, render_values=None):
        """The reporter's tokens go in the mail to the reporter only.

        Odoo's portal puts the reporter alone in the ``portal_customer`` group (its button holds the
        token); followers, staff and the household's main contact get the mail without them.
        """
        body = super()._notify_by_email_render_layout(
            message, recipients_group, msg_vals=msg_vals, render_values=render_values
        )
        if len(self) != 1:
            return body
        if recipients_group.get("notification_group_name") != "portal_customer":
            return self._strip_reporter_tokens(body)
        stripped, original = self.env.context.get("tenant_reporter_body") or (None, None)
        if stripped and stripped in str(body):
            return type(body)(str(body).replace(stripped, original))
        return body

    def _resident_tz(self):
        """The time zone the reporter reads this ticket's times in (res.partner._tenant_tz)."""
        self.ensure_one()
        # sudo: the reporter and company of a ticket the caller reads; only a time zone is read.
        ticket = self.sudo()
        return ticket.partner_id._tenant_tz(ticket.company_id)

    def _resident_datetime(self, value):
        """A UTC datetime of this ticket as the resident reads it: ``2026-11-27 10:30 (Asia/Shanghai)``."""
        self.ensure_one()
        if not value:
            return False
        tz = self._resident_tz()
        local = fields.Datetime.context_timestamp(self.with_context(tz=tz), value)
        return self._resident_time_label(local.strftime(RESIDENT_DATETIME_FORMAT), tz)

    @api.model
    def _resident_time_label(self, local_time, tz):
        return f"{local_time} ({tz})" if local_time else False

    @api.constrains("description")
    def _check_description_length(self):
        for ticket in self:
            html = ticket.description or ""
            if len(html) > MAX_DESCRIPTION_HTML_LENGTH or (
                len(html) > MAX_DESCRIPTION_LENGTH and len(html2plaintext(html)) > MAX_DESCRIPTION_LENGTH
            ):
                raise ValidationError(
                    self.env._(
                        "The description is too long: at most %(max)s characters.",
                        max=MAX_DESCRIPTION_LENGTH,
                    )
                )

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, *, partner_ids=None, **kwargs):
        """Residents (portal and public users) can address a message to the ticket's followers only.

        Tickets accept posts from anyone who may read them (``_mail_post_access``), and
        ``message_post`` is public over RPC: without this, a resident could make the system mail
        any contact of the database by id. Odoo's /mail/message/post already filters the
        recipients it gets from a browser for such users (``_filter_message_post_partners``) and
        then posts as sudo; a direct call is refused here instead, nothing posted.
        """
        if partner_ids and not self.env.su and self.env.user.share:
            self.ensure_one()
            partners = self.env["res.partner"].browse(partner_ids)
            # sudo: the followers of a ticket the user may read; only their ids are compared.
            followers = self.sudo().message_partner_ids
            if partners - followers:
                raise AccessError(
                    self.env._("You can only address your message to the people who follow this request.")
                )
        return super().message_post(partner_ids=partner_ids, **kwargs)
