# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class TenantMailSenderMixin(models.AbstractModel):
    """Documents whose chatter must never block daily work for want of a sender's e-mail."""

    _name = "tenant.mail.sender.mixin"
    _description = "Company sender for chatter posts"
    _inherit = ["mail.thread"]

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """Odoo refuses a post whose author has no e-mail (for anyone but the superuser). A hotline
        agent without a mailbox must still answer and close tickets: their message then goes out
        from the company's sender, still authored by them. Internal users only: a resident without
        an e-mail does not write as the company (Odoo refuses their post, or posts it without a
        sender under sudo)."""
        if not self.env.user._is_internal():
            return super()._message_compute_author(author_id, email_from, raise_on_email=raise_on_email)
        author_id, email_from = super()._message_compute_author(author_id, email_from, raise_on_email=False)
        if not email_from and raise_on_email:
            company = self[:1].company_id if "company_id" in self._fields else False
            email_from = (company or self.env.company)._tenant_mail_sender()
        return author_id, email_from
