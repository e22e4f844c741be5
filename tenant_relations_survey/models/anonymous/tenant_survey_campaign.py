# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..campaign.survey_user_input import path_in_language

# Results of an anonymous campaign are shown only for groups of at least this many answers.
ANONYMOUS_MIN_GROUP = 5


class TenantSurveyCampaign(models.Model):
    """Anonymous campaigns (匿名调查): each resident gets a link from the pool of the campaign
    (tenant.survey.anonymous.token), not an answer of their own. Reminders go to everyone invited
    (nobody knows who answered), answers earn no points and open no follow-up (nobody is named),
    and scores show only for groups of at least five answers."""

    _inherit = "tenant.survey.campaign"

    anonymous = fields.Boolean(
        tracking=True,
        help="Nobody, administrators included, can tell who gave an answer: no name, e-mail or "
        "account is kept with it, its times are cut to the day, and results show only for groups "
        "of at least five answers. Reminders then go to everyone invited, and answers earn no "
        "points and open no follow-up visit.",
    )
    anonymous_invite_template_id = fields.Many2one(
        "mail.template",
        string="Anonymous Invitation Template",
        domain="[('model', '=', 'res.partner')]",
        default=lambda self: self.env.ref(
            "tenant_relations_survey.mail_template_survey_anonymous_invite", raise_if_not_found=False
        ),
    )
    anonymous_reminder_template_id = fields.Many2one(
        "mail.template",
        domain="[('model', '=', 'res.partner')]",
        default=lambda self: self.env.ref(
            "tenant_relations_survey.mail_template_survey_anonymous_reminder", raise_if_not_found=False
        ),
    )

    def write(self, vals):
        if "anonymous" in vals and self.filtered(
            lambda c: c.state != "draft" and c.anonymous != vals["anonymous"]
        ):
            raise ValidationError(
                self.env._("A campaign becomes anonymous, or stops being so, only while a draft.")
            )
        return super().write(vals)

    def _get_tenant_score_min_answers(self):
        self.ensure_one()
        return max(super()._get_tenant_score_min_answers(), ANONYMOUS_MIN_GROUP if self.anonymous else 0)

    def _get_campaign_audience(self, wave):
        """An anonymous reminder goes to everyone invited: who answered is not known."""
        self.ensure_one()
        if wave == "first" or not self.anonymous:
            return super()._get_campaign_audience(wave)
        # sudo: the campaign's own log, read to address its reminder; only ids are read.
        query = (
            self.env["tenant.survey.invitation"]
            .sudo()
            ._search([("campaign_id", "=", self.id), ("wave", "=", "first")])
        )
        return query.subselect(SQL.identifier(query.table, "partner_id"))

    def _campaign_deliver(self, logs, wave):
        if not self.anonymous:
            return super()._campaign_deliver(logs, wave)
        # sudo: the job (or a manager) sends; the audience and templates are the campaign's own.
        partners = logs.partner_id.sudo()
        if wave != "first":
            if self.anonymous_reminder_template_id:
                self.anonymous_reminder_template_id.sudo().send_mail_batch(partners.ids)
            return None
        placements = self._get_campaign_placements(partners)
        # sudo: the pool is written by the system only (no user has write access to it).
        tokens = (
            self.env["tenant.survey.anonymous.token"]
            .sudo()
            ._tenant_issue(self, [placements.get(partner.id) for partner in partners])
        )
        self._tenant_send_anonymous_links(partners, tokens)
        return None

    def _tenant_anonymous_url(self, partner, token):
        """The link of ``token``, in the resident's language."""
        self.ensure_one()
        return self.get_base_url() + path_in_language(self.env, partner.lang, f"/survey/anonymous/{token}")

    def _tenant_send_anonymous_links(self, partners, tokens):
        """Mail each resident their link, then delete every one of these mails, sent or failed:
        a mail left in the queue would keep who was given which token."""
        # sudo: the job (or a manager) sends the campaign's own template to its own audience, and
        # deletes the mails it queued.
        template = self.anonymous_invite_template_id.sudo()
        Mail = self.env["mail.mail"].sudo()
        mail_ids = []
        for partner, token in zip(partners, tokens, strict=True):
            mail_ids.append(
                template.with_context(tenant_survey_url=self._tenant_anonymous_url(partner, token)).send_mail(
                    partner.id, force_send=False
                )
            )
        mails = Mail.browse(mail_ids)
        try:
            mails.send(raise_exception=False)
        finally:
            mails = mails.exists()
            messages = mails.mail_message_id
            mails.unlink()
            messages.exists().unlink()

    def _tenant_create_anonymous_answer(self, property_, role, access_token):
        """The answer of a link opened for the first time: as the public user, with nobody's
        partner, e-mail or nickname, counted under the link's property and role."""
        self.ensure_one()
        public = self.env.ref("base.public_user")
        # As the public user (the answer's creator is nobody's account), sudo: the public user
        # may not create answers through the ORM; the link's pool row was checked by the caller.
        survey = self.survey_id.with_user(public).sudo()
        deadline = fields.Datetime.to_datetime(self.date_deadline + relativedelta(days=1))
        return survey._create_answer(
            user=public,
            check_attempts=False,
            invite_token=self.sudo().invite_token,
            access_token=access_token,
            deadline=deadline,
            tenant_campaign_id=self.id,
            tenant_property_id=property_.id,
            tenant_role=role or False,
        )
