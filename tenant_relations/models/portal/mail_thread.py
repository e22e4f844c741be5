# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        """Residents post in their own name, as a comment, and nothing else.

        ``message_post`` is public over JSON-RPC on every document its caller may read (tickets,
        visits, disputes…). Odoo's /mail/message/post route keeps only the parameters of
        ``_get_allowed_message_post_params`` and then posts as sudo; a direct call takes any
        keyword: a resident could pass ``email_from`` with the company's name and address, and the
        household would get a mail "from" the company, shown beside the company's own messages.
        For users who are not internal, anything else is refused, and the author, the type and the
        subtype are theirs. Code that posts for them as sudo (the portal's routes) is left as is.
        """
        if not self.env.su and not self.env.user._is_internal():
            kwargs = self._tenant_outside_post_values(kwargs)
        return super().message_post(**kwargs)

    def message_notify(self, **kwargs):
        """Residents notify nobody directly: ``message_notify`` is public over JSON-RPC and mails
        whom it is given, from whom it is told. Odoo's own flows call it as sudo or as staff."""
        if not self.env.su and not self.env.user._is_internal():
            raise AccessError(
                self.env._(
                    "You may not send notifications: write in the conversation of your request instead."
                )
            )
        return super().message_notify(**kwargs)

    def _creation_message(self):
        """The "工单 创建" line of a record created without a language: in the firm's language.

        Odoo writes it once, into the chatter, from two texts: the verb through ``_()``, which
        falls back on the language of the user when the context has none, and the model's name
        (ir.model) read in the context's language, English when it has none. Records created
        without a language in the context (scheduled jobs, the e-mail gateway, data files and the
        demo) got "Ticket 创建", "Contact 创建". The line is an internal note that the staff read:
        without a language it is written in the firm's (res.company._tenant_lang); a person's
        own creations keep their language.
        """
        if self.env.lang:
            return super()._creation_message()
        company = self.company_id if "company_id" in self._fields and self.company_id else self.env.company
        return super(MailThread, self.with_context(lang=company._tenant_lang()))._creation_message()

    def _tenant_outside_post_values(self, values):
        """The post values of a user who is not internal, or AccessError for a forbidden key."""
        forbidden = set(values) - self._get_allowed_message_post_params()
        if forbidden:
            raise AccessError(
                self.env._(
                    "You may not set %(params)s on a message: you post in your own name.",
                    params=", ".join(sorted(forbidden)),
                )
            )
        return {
            **values,
            "author_id": self.env.user.partner_id.id,
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
        }
