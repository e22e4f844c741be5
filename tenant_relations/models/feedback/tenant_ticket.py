# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Anonymous feedback (匿名反馈箱) on tickets: created without any trace of the sender."""

import hashlib
import math
import re
import secrets
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import plaintext2html

# The follow-up code is read aloud and copied by hand: digits and capitals without the look-alikes
# 0/O, 1/I/L, in groups of four. 20 symbols of 31 are 99 bits, far beyond guessing.
FOLLOWUP_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
FOLLOWUP_CODE_LENGTH = 20
FOLLOWUP_CODE_GROUP = 4
FOLLOWUP_CODE_BITS = FOLLOWUP_CODE_LENGTH * math.log2(len(FOLLOWUP_CODE_ALPHABET))
# What people type between the groups (or the copy of a page adds): spaces and dashes of all kinds.
FOLLOWUP_CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc\uff0d]+")
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
    anonymous_code_hash = fields.Char(
        index=True, copy=False, readonly=True, groups="base.group_system", exportable=False
    )

    @api.model
    def _anonymous_code_digest(self, code):
        return hashlib.sha256(code.encode()).hexdigest()

    @api.model
    def _new_anonymous_code(self):
        """A new follow-up code, as it is shown and hashed: ``XXXX-XXXX-XXXX-XXXX-XXXX``."""
        return self._group_anonymous_code(
            "".join(secrets.choice(FOLLOWUP_CODE_ALPHABET) for _n in range(FOLLOWUP_CODE_LENGTH))
        )

    @api.model
    def _group_anonymous_code(self, symbols):
        return "-".join(
            symbols[start : start + FOLLOWUP_CODE_GROUP]
            for start in range(0, len(symbols), FOLLOWUP_CODE_GROUP)
        )

    @api.model
    def _normalize_anonymous_code(self, code):
        """A code as typed or copied (any case, with or without dashes or spaces) in the form it
        was shown and hashed in, or None when it cannot be a code of this form."""
        symbols = FOLLOWUP_CODE_SEPARATORS.sub("", code or "").upper()
        if len(symbols) != FOLLOWUP_CODE_LENGTH or set(symbols) - set(FOLLOWUP_CODE_ALPHABET):
            return None
        return self._group_anonymous_code(symbols)

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
        code = self._new_anonymous_code()
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
        """The anonymous ticket of a follow-up code, or an empty recordset.

        Codes given before 18.0.1.3.0 (22 URL-safe characters, case-sensitive, which may hold a
        dash) were hashed as they were shown: they are looked up as typed too.
        """
        code = (code or "").strip()
        if len(code) > FOLLOWUP_CODE_MAX_LENGTH:
            return self.browse()
        candidates = {
            candidate
            for candidate in (code, self._normalize_anonymous_code(code))
            if candidate and len(candidate) >= FOLLOWUP_CODE_MIN_LENGTH
        }
        if not candidates:
            return self.browse()
        return self.search(
            [
                ("anonymous_code_hash", "in", [self._anonymous_code_digest(c) for c in candidates]),
                ("channel", "=", "anonymous"),
            ],
            limit=1,
        )

    @api.model
    def _anonymous_property_limit(self):
        """The setting PROPERTY_LIMIT_PARAM: anonymous tickets per property and window."""
        return self.env["ir.config_parameter"]._tenant_get_int_param(
            PROPERTY_LIMIT_PARAM, PROPERTY_LIMIT_DEFAULT, minimum=0
        )

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
