# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Anonymous feedback (匿名反馈箱) on tickets: created without any trace of the sender."""

import hashlib
import secrets
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import plaintext2html

# 16 random bytes: a 22-character code, 128 bits, far beyond guessing.
FOLLOWUP_CODE_BYTES = 16
FOLLOWUP_CODE_MIN_LENGTH = 16
FOLLOWUP_CODE_MAX_LENGTH = 100
ANONYMOUS_KINDS = ("feedback", "complaint", "suggestion")
RATE_WINDOW = timedelta(minutes=10)
PROPERTY_LIMIT_PARAM = "tenant_relations.feedback_property_limit"
PROPERTY_LIMIT_DEFAULT = 30


class TenantTicket(models.Model):
    _inherit = "tenant.ticket"

    # Only the hash is kept: whoever reads the database cannot use it to follow a ticket. Reserved
    # to administrators so that nobody can overwrite it (and lock the sender out) from the client.
    anonymous_code_hash = fields.Char(index=True, copy=False, readonly=True, groups="base.group_system")

    @api.model
    def _anonymous_code_digest(self, code):
        return hashlib.sha256(code.encode()).hexdigest()

    @api.model
    def _prepare_anonymous_feedback_vals(self, prop, title, text, kind, category):
        """Values of an anonymous ticket: nothing in them may point at the sender."""
        return {
            "name": title,
            "description": plaintext2html(text),
            "kind": kind if kind in ANONYMOUS_KINDS else "feedback",
            "category_id": category.id,
            "channel": "anonymous",
            "property_id": prop.id,
            "company_id": prop.company_id.id,
            "partner_id": False,
        }

    @api.model
    def _create_anonymous_feedback(self, prop, title, text, kind="feedback", category=None):
        """Create an anonymous ticket; return it and its follow-up code (shown once, never stored).

        Created as the superuser on purpose: with ``sudo()`` alone the current (public or
        signed-in) user would still be written as ``create_uid``/``write_uid``. The superuser
        identifies nobody. The context keeps the mail layer from storing anything about the
        sender: no creation message, no tracking values, no follower, no acknowledgement.
        """
        code = secrets.token_urlsafe(FOLLOWUP_CODE_BYTES)
        vals = self._prepare_anonymous_feedback_vals(
            prop, title, text, kind, category or self.env["tenant.ticket.category"]
        )
        vals["anonymous_code_hash"] = self._anonymous_code_digest(code)
        ticket = (
            self.with_user(SUPERUSER_ID)
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                tenant_ticket_no_acknowledgement=True,
            )
            .create(vals)
        )
        # Stored fields computed after the create (SLA deadline…) are written when the transaction
        # is flushed, with the user of the environment that flushes: flush now, as the superuser,
        # or the request's user would end up as ``write_uid`` at the end of the request.
        ticket.env.flush_all()
        return ticket.with_env(self.env), code

    @api.model
    def _find_by_anonymous_code(self, code):
        """The anonymous ticket of a follow-up code, or an empty recordset."""
        code = (code or "").strip()
        if not FOLLOWUP_CODE_MIN_LENGTH <= len(code) <= FOLLOWUP_CODE_MAX_LENGTH:
            return self.browse()
        return self.search(
            [("anonymous_code_hash", "=", self._anonymous_code_digest(code)), ("channel", "=", "anonymous")],
            limit=1,
        )

    @api.model
    def _anonymous_property_limit(self):
        value = self.env["ir.config_parameter"].sudo().get_param(PROPERTY_LIMIT_PARAM)
        try:
            return max(int(value), 0) if value else PROPERTY_LIMIT_DEFAULT
        except ValueError:
            return PROPERTY_LIMIT_DEFAULT

    @api.model
    def _anonymous_recent_count(self, prop):
        """Anonymous tickets of a property in the current window: the limit needs no address."""
        return self.search_count(
            [
                ("property_id", "=", prop.id),
                ("channel", "=", "anonymous"),
                ("create_date", ">=", fields.Datetime.now() - RATE_WINDOW),
            ]
        )

    def _anonymous_public_replies(self):
        """What the sender may read: staff's public replies, never internal notes or system logs."""
        self.ensure_one()
        comment = self.env.ref("mail.mt_comment")
        return self.message_ids.filtered(
            lambda message: (
                message.message_type == "comment"
                and message.subtype_id == comment
                and not message.is_internal
                and message.author_id.with_context(active_test=False).user_ids.filtered(
                    lambda user: not user.share
                )
            )
        ).sorted(lambda message: (message.date, message.id))
