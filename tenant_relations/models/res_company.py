# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlsplit

from odoo import fields, models
from odoo.tools import SQL, formataddr

# A Chinese firm: its day starts at midnight in China when nobody has said otherwise.
DEFAULT_TENANT_TZ = "Asia/Shanghai"


class ResCompany(models.Model):
    _inherit = "res.company"

    tenant_portal_ticket_without_unit = fields.Boolean(
        string="Portal Requests Without a Unit",
        help="Let signed-in portal users who do not currently live in or own a unit file requests. "
        "Off: only current residents can file requests on the portal.",
    )

    def _tenant_mail_sender(self):
        """The From of the mails the product sends by itself (acknowledgements, stage mails, notices…).

        Odoo refuses to post a mail without a sender for anyone but the superuser, so an automatic
        mail must never depend on the user who triggered it having an e-mail: it comes from the
        company's e-mail, else its alias domain's default sender, else ``noreply@`` the server's host.
        """
        self.ensure_one()
        if self.email:
            return self.email_formatted
        if self.alias_domain_id.default_from_email:
            return formataddr((self.name, self.alias_domain_id.default_from_email))
        # sudo: a system parameter every user's automatic mail needs; only its host is used.
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url") or ""
        host = urlsplit(base_url).hostname or "localhost"
        return formataddr((self.name, f"noreply@{host}"))

    def _tenant_tz(self):
        """The firm's time zone: the one rule for "today" and "this month" at the firm.

        Odoo 18's company has no time zone of its own: the company's contact carries it. Without
        one, the firm is taken to be in China. Used where a day must not depend on who asks (the
        referral limit's day, which a resident could otherwise move by changing their own zone) and
        as the fallback of the times shown to residents.
        """
        self.ensure_one()
        # sudo: only the time zone of the company's own contact is read, which every user of the
        # company may know; a portal user may not be able to read that contact.
        return self.sudo().partner_id.tz or DEFAULT_TENANT_TZ

    def _tenant_lang(self):
        """The firm's language: the one texts the product writes for the firm itself are written in.

        A chatter note that no one in particular wrote (an SLA warning, a creation line) is one text
        for every member of the staff, and scheduled jobs run in no one's language (English): such
        texts are written in the language of the company's contact, as the company's time zone is
        read from it (see _tenant_tz), else in the database's default language.
        """
        self.ensure_one()
        # sudo: only the language of the company's own contact is read, as for _tenant_tz.
        lang = self.sudo().partner_id.lang
        installed = dict(self.env["res.lang"].get_installed())
        if lang in installed:
            return lang
        default = self.env["ir.default"].sudo()._get("res.partner", "lang")
        return default if default in installed else "en_US"

    def _tenant_portal_requires_occupancy(self):
        """Whether a portal request needs a current occupancy of the user (the default)."""
        self.ensure_one()
        return not self.tenant_portal_ticket_without_unit

    def _tenant_demo_set_currency(self, currency_xmlid):
        """Demo databases only: make the demo firm keep its books in ``currency_xmlid`` (yuan).

        Accounting (a dependency of Loyalty) has already booked its own demo entries in the
        default currency, and Odoo then refuses to change the company currency. Those entries keep
        their amounts and read as foreign-currency entries; nothing of Tenant Relations is booked.
        """
        currency = self.env.ref(currency_xmlid)
        currency.active = True
        self.env.cr.execute(
            SQL("UPDATE res_company SET currency_id = %s WHERE id IN %s", currency.id, tuple(self.ids))
        )
        self.invalidate_recordset(["currency_id"])
