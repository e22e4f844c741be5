# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident's side of a ticket: times in the resident's own time zone, and what the portal
conversation shows them."""

from odoo import api, fields, models

DEFAULT_RESIDENT_TZ = "Asia/Shanghai"
RESIDENT_DATETIME_FORMAT = "%Y-%m-%d %H:%M"


class TenantTicket(models.Model):
    _inherit = "tenant.ticket"

    # The portal conversation reads this field's domain (portal's /mail/chatter_fetch). Odoo's
    # default leaves out automatic messages (``auto_comment``): the acknowledgement, stage and
    # closing mails the resident received would be missing from the page. They are shown to the
    # people they were sent to only: their bodies carry the reporter's links (the document token,
    # the rating token), which the household's main contact must not get.
    website_message_ids = fields.One2many(domain=lambda self: self._portal_message_domain())
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

    def _resident_tz(self):
        """The time zone the resident reads times in: theirs, else the company's, else China's."""
        self.ensure_one()
        # sudo: only time zones are read, of contacts a resident may not read (the company's, a
        # household member's on a household request).
        ticket = self.sudo()
        return ticket.partner_id.tz or ticket.company_id.partner_id.tz or DEFAULT_RESIDENT_TZ

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
