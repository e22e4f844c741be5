# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What residents can put into a ticket: who its messages are sent to, and how much text."""

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import html2plaintext

# A description is what a resident types in a form: this is a long letter, not a limit anyone meets.
MAX_DESCRIPTION_LENGTH = 20000
# The stored HTML may be longer than its text (paragraphs, escaped characters), not without bound.
MAX_DESCRIPTION_HTML_LENGTH = 5 * MAX_DESCRIPTION_LENGTH


class TenantTicket(models.Model):
    _inherit = "tenant.ticket"

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
