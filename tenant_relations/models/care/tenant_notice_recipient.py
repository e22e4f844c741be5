# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.tools import create_index, split_every

from .tenant_notice import MAIL_BATCH_SIZE

_logger = logging.getLogger(__name__)


class TenantNoticeRecipient(models.Model):
    """One person a published notice is addressed to: e-mailed, read, acknowledged.

    The notice's campaign log: written at publication by the campaign engine, one row per person
    and wave (the first send; notices have no reminder yet).
    """

    _name = "tenant.notice.recipient"
    _description = "Notice Recipient"
    _inherit = ["tenant.rule.guard.mixin", "tenant.campaign.log.mixin"]
    _order = "notice_id, id"
    _rec_name = "partner_id"
    _campaign_field = "notice_id"

    # No index of its own: the unique constraint's index starts with notice_id.
    notice_id = fields.Many2one("tenant.notice", required=True, ondelete="cascade", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True, index=True)
    requires_acknowledgement = fields.Boolean(related="notice_id.requires_acknowledgement")
    partner_email = fields.Char(related="partner_id.email", string="E-mail")
    sent = fields.Boolean(string="E-mailed", readonly=True, help="An e-mail was queued for this person.")
    mail_pending = fields.Boolean(
        string="E-mail Pending",
        readonly=True,
        help="This person consented and has an address: the mail job will queue their e-mail.",
    )
    read_date = fields.Datetime(string="Read On", readonly=True)
    acknowledged_date = fields.Datetime(string="Acknowledged On", readonly=True)

    _sql_constraints = [
        (
            "notice_partner_uniq",
            "unique(notice_id, partner_id, wave)",
            "This person is already a recipient of the notice.",
        ),
    ]

    def init(self):
        # The mail job reads only the rows still to be e-mailed: which notices have some, and
        # each notice's next batch, oldest first.
        create_index(
            self.env.cr,
            "tenant_notice_recipient_mail_pending_notice_idx",
            self._table,
            ["notice_id", "id"],
            where="mail_pending IS TRUE",
        )

    @api.model
    def _cron_send_notice_mails(self, batch_size=5000):
        """Queue the e-mails of a published notice, ``batch_size`` people a run, oldest first
        (the campaign engine's sending job: one notice at a time, locked with SKIP LOCKED)."""
        return self.env["tenant.notice"]._cron_campaign_send(batch_size)

    def _mark_read(self):
        """Record the first reading; later visits keep the first date."""
        self.filtered(lambda r: not r.read_date).write({"read_date": fields.Datetime.now()})

    def _mark_acknowledged(self):
        """Record the acknowledgement of notices that ask for one (reading it, too)."""
        to_acknowledge = self.filtered(
            lambda r: r.notice_id.requires_acknowledgement and not r.acknowledged_date
        )
        to_acknowledge._mark_read()
        to_acknowledge.write({"acknowledged_date": fields.Datetime.now()})
        return to_acknowledge

    @api.model
    def _get_mail_partner_domain(self):
        """Who is e-mailed, on the person: they agreed to notifications and have an address.

        One rule for the row written at publication (its ``mail_pending``, in SQL) and for the
        mail job, which checks it again: consent or address may be withdrawn in between.
        """
        return [("tenant_notification_consent", "=", True), ("email_normalized", "!=", False)]

    def _get_mail_recipients(self):
        """The rows to e-mail now: not e-mailed yet, and the person may be e-mailed."""
        mailable = set(self.partner_id.filtered_domain(self._get_mail_partner_domain()).ids)
        return self.filtered(lambda r: not r.sent and r.partner_id.id in mailable)

    def _send_notice_mail(self):
        """Queue one e-mail per person, in their language and time zone; the mail queue sends them.

        Nothing in the body is personal, so it is rendered once per notice, language and time zone:
        rendering each of 50,000 e-mails took minutes.
        """
        template = self.env.ref("tenant_relations.mail_template_notice", raise_if_not_found=False)
        to_mail = self._get_mail_recipients()
        if not template:
            _logger.warning("The notice e-mail template is missing: %s notice e-mails dropped.", len(to_mail))
            to_mail = self.browse()
        # Those who withdrew their consent or address since publication are not e-mailed.
        (self - to_mail).filtered("mail_pending").write({"mail_pending": False})
        if not to_mail:
            return self.browse()
        default_lang = self.env.lang or "en_US"
        groups = defaultdict(list)
        for recipient in to_mail:
            partner, notice = recipient.partner_id, recipient.notice_id
            # The job runs in no one's time zone: without the resident's or the publisher's, the
            # firm's (res.company._tenant_tz), not UTC.
            tz = partner.tz or notice.create_uid.tz or (notice.company_id or self.env.company)._tenant_tz()
            groups[notice, partner.lang or default_lang, tz].append(recipient.id)
        for (notice, lang, tz), recipient_ids in groups.items():
            mail_values = notice._render_notice_mail(template, lang, tz)
            # Replies go to the notice's thread; mail.message would work this out once per e-mail.
            mail_values["reply_to"] = notice._notify_get_reply_to(default=mail_values.get("email_from"))[
                notice.id
            ]
            for batch in split_every(MAIL_BATCH_SIZE, recipient_ids, self.browse):
                # sudo: staff may publish notices but not create mail.mail records; the values come
                # from the notice they may write and the template, and go to its own audience only.
                # No force_send: thousands of residents would block the request.
                self.env["mail.mail"].sudo().create(
                    [
                        dict(
                            mail_values,
                            model=self._name,
                            res_id=recipient.id,
                            recipient_ids=[Command.link(recipient.partner_id.id)],
                        )
                        for recipient in batch
                    ]
                )
                batch.write({"sent": True, "mail_pending": False})
        return to_mail
