# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import SQL

INVITATION_BATCH_SIZE = 500


class TenantSurveyCampaign(models.Model):
    """A satisfaction survey (满意度调查) sent to an audience of residents, on a schedule.

    A campaign of the base addon's engine (tenant.campaign.mixin): from its start day the job
    invites the next batch of its audience, one answer of Odoo's survey app per resident, created
    here (as ``survey._create_answer`` would, with the campaign's invite token, but the batch in
    one ``create``) rather than by Odoo's ``survey.invite`` wizard, which sends a whole batch at
    once and renders it in one language. Each invitation mail is rendered in its resident's
    language and links to the survey in it.
    ``reminder_days`` before the deadline, one reminder goes to those who have not answered; at
    the deadline the campaign closes (no more answers) and, if it recurs, the next one is created
    from it.
    """

    _name = "tenant.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = [
        "tenant.rule.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "tenant.audience.mixin",
        "tenant.campaign.mixin",
    ]
    _order = "date_start desc, id desc"
    _campaign_log_model = "tenant.survey.invitation"
    _campaign_start_field = "date_start"
    _campaign_end_field = "date_deadline"

    name = fields.Char(required=True, translate=True, tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        ondelete="restrict",
        tracking=True,
        domain="[('survey_type', '!=', 'live_session')]",
    )
    property_ids = fields.Many2many(
        "tenant.property",
        "tenant_survey_campaign_property_rel",
        "campaign_id",
        "property_id",
        string="Properties",
        domain="[('company_id', '=', company_id)]",
        help="Empty: every property of the company.",
    )
    buildings = fields.Char(
        help="Only these buildings, separated by commas (e.g. 1, 3, 5); empty: every building."
    )
    moved_in_before = fields.Date(
        help="Only residents who moved in before this day (e.g. to ask those who know us).",
    )
    ticket_closed_from = fields.Date(
        string="Request Closed From", help="Only residents with a request closed in this period."
    )
    ticket_closed_to = fields.Date(string="Request Closed To")
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True, copy=False
    )
    date_deadline = fields.Date(
        string="Deadline",
        required=True,
        tracking=True,
        copy=False,
        default=lambda self: fields.Date.context_today(self) + relativedelta(weeks=2),
        help="The last day answers are taken; the campaign closes the day after.",
    )
    reminder_days = fields.Integer(
        string="Reminder (days before deadline)",
        default=3,
        help="One reminder to those who have not answered, this many days before the deadline; 0: none.",
    )
    recurrence_months = fields.Integer(
        string="Repeat Every (months)",
        default=6,
        help="When the campaign closes, the next one is created this many months later (每半年一次: 6); "
        "0: it does not recur.",
    )
    previous_campaign_id = fields.Many2one(
        "tenant.survey.campaign",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    next_campaign_id = fields.Many2one("tenant.survey.campaign", readonly=True, copy=False)
    invite_template_id = fields.Many2one(
        "mail.template",
        string="Invitation Template",
        required=True,
        domain="[('model', '=', 'survey.user_input')]",
        default=lambda self: self.env.ref(
            "tenant_relations_survey.mail_template_survey_campaign_invite", raise_if_not_found=False
        ),
    )
    reminder_template_id = fields.Many2one(
        "mail.template",
        domain="[('model', '=', 'survey.user_input')]",
        default=lambda self: self.env.ref(
            "tenant_relations_survey.mail_template_survey_campaign_reminder", raise_if_not_found=False
        ),
    )
    invite_token = fields.Char(
        readonly=True,
        copy=False,
        groups="base.group_system",
        default=lambda self: str(uuid.uuid4()),
        help="The invite token of Odoo's survey app shared by this campaign's answers.",
    )
    first_wave_done = fields.Boolean(readonly=True, copy=False)
    reminder_date = fields.Date(
        compute="_compute_reminder_date",
        store=True,
        help="The day the reminder goes to those who have not answered; empty: no reminder.",
    )
    reminder_done = fields.Boolean(readonly=True, copy=False)
    invitation_ids = fields.One2many("tenant.survey.invitation", "campaign_id", string="Invitations")
    answer_ids = fields.One2many("survey.user_input", "tenant_campaign_id", string="Answers")
    progress_ids = fields.One2many("tenant.survey.campaign.progress", "campaign_id")
    invited_count = fields.Integer(string="Invited", compute="_compute_progress")
    started_count = fields.Integer(string="Started", compute="_compute_progress")
    answered_count = fields.Integer(string="Answered", compute="_compute_progress")
    response_rate = fields.Float(string="Response Rate (%)", compute="_compute_progress", digits=(16, 1))
    audience_count = fields.Integer(string="Audience", compute="_compute_audience_counts")
    no_consent_count = fields.Integer(string="Left Out: No Consent", compute="_compute_audience_counts")
    no_email_count = fields.Integer(string="Left Out: No E-mail", compute="_compute_audience_counts")

    _sql_constraints = [
        (
            "reminder_days_positive",
            "CHECK (reminder_days >= 0)",
            "The reminder cannot come after the deadline.",
        ),
        ("recurrence_positive", "CHECK (recurrence_months >= 0)", "The recurrence cannot be negative."),
    ]

    # Computes -----------------------------------------------------------------------------------

    @api.depends("answer_ids.state")
    def _compute_progress(self):
        Answer = self.env["survey.user_input"]
        # sudo: counts of the campaign's own answers, whoever may read the campaign sees them.
        groups = Answer.sudo()._read_group(
            [("tenant_campaign_id", "in", self._origin.ids)], ["tenant_campaign_id", "state"], ["__count"]
        )
        counts = {}
        for campaign, state, count in groups:
            counts.setdefault(campaign.id, {})[state] = count
        for campaign in self:
            states = counts.get(campaign._origin.id, {})
            campaign.invited_count = sum(states.values())
            campaign.answered_count = states.get("done", 0)
            campaign.started_count = campaign.answered_count + states.get("in_progress", 0)
            campaign.response_rate = (
                100.0 * campaign.answered_count / campaign.invited_count if campaign.invited_count else 0.0
            )

    @api.depends(
        "company_id", "property_ids", "buildings", "for_owners", "for_tenants", "for_residents",
        "moved_in_before", "ticket_closed_from", "ticket_closed_to",
    )  # fmt: skip
    def _compute_audience_counts(self):
        """Who the audience holds, and who it leaves out and why: residents who withdrew their
        consent to be contacted, and residents with no e-mail to invite."""
        # sudo: counts only, of the audience the campaign defines (see _get_campaign_audience).
        Occupancy = self.env["tenant.occupancy"].sudo()
        for campaign in self:
            if not campaign._get_audience_roles():
                campaign.audience_count = campaign.no_consent_count = campaign.no_email_count = 0
                continue
            everyone = Occupancy.search(campaign._get_audience_base_domain()).partner_id
            no_consent = everyone.filtered(lambda partner: not partner.tenant_notification_consent)
            no_email = (everyone - no_consent).filtered(lambda partner: not partner.email)
            campaign.no_consent_count = len(no_consent)
            campaign.no_email_count = len(no_email)
            campaign.audience_count = len(everyone) - len(no_consent) - len(no_email)

    # Checks -------------------------------------------------------------------------------------

    @api.constrains("date_start", "date_deadline")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_deadline < campaign.date_start:
                raise ValidationError(
                    self.env._(
                        "The deadline of the survey campaign %(campaign)s (%(deadline)s) is before its start "
                        "(%(start)s).",
                        campaign=campaign.name,
                        deadline=campaign.date_deadline,
                        start=campaign.date_start,
                    )
                )

    @api.constrains("for_owners", "for_tenants", "for_residents", "survey_id")
    def _check_audience(self):
        for campaign in self:
            if not campaign._get_audience_roles():
                raise ValidationError(
                    self.env._(
                        "The survey campaign %(campaign)s has no audience: choose at least one of owners, "
                        "tenants and household members.",
                        campaign=campaign.name,
                    )
                )

    @api.constrains("ticket_closed_from", "ticket_closed_to")
    def _check_ticket_period(self):
        for campaign in self:
            if (
                campaign.ticket_closed_from
                and campaign.ticket_closed_to
                and campaign.ticket_closed_to < campaign.ticket_closed_from
            ):
                raise ValidationError(
                    self.env._(
                        "The period of closed requests of %(campaign)s ends before it starts.",
                        campaign=campaign.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # Refuse with a clear message before the database's NOT NULL does with a cryptic one.
        for vals in vals_list:
            if not (vals.get("survey_id") or self.env.context.get("default_survey_id")):
                raise ValidationError(
                    self.env._(
                        "The survey campaign %(campaign)s needs a survey.", campaign=vals.get("name") or ""
                    )
                )
        return super().create(vals_list)

    # Audience -----------------------------------------------------------------------------------

    def _get_audience_building_list(self):
        self.ensure_one()
        return [name.strip() for name in (self.buildings or "").replace("，", ",").split(",") if name.strip()]

    def _get_audience_base_domain(self):
        """The residents the campaign addresses, before consent and e-mail."""
        domain = super()._get_audience_domain()
        buildings = self._get_audience_building_list()
        if buildings:
            domain.append(("unit_id.building", "in", buildings))
        if self.moved_in_before:
            domain.append(("move_in_date", "<", self.moved_in_before))
        if self.ticket_closed_from or self.ticket_closed_to:
            closed = [("is_closed", "=", True)]
            if self.ticket_closed_from:
                closed.append(("closed_date", ">=", fields.Datetime.to_datetime(self.ticket_closed_from)))
            if self.ticket_closed_to:
                day_after = self.ticket_closed_to + relativedelta(days=1)
                closed.append(("closed_date", "<", fields.Datetime.to_datetime(day_after)))
            # sudo: only who had a request closed is read, to narrow the audience.
            tickets = self.env["tenant.ticket"].sudo()._search(closed)
            reporters = tickets.subselect(SQL.identifier(tickets.table, "partner_id"))
            domain.append(("partner_id", "in", reporters))
        return domain

    def _get_audience_domain(self):
        """Surveys go only to residents who consent to be contacted and have an e-mail."""
        return [
            *self._get_audience_base_domain(),
            ("partner_id.tenant_notification_consent", "=", True),
            ("partner_id.email", "!=", False),
        ]

    # Campaign engine ----------------------------------------------------------------------------

    @api.model
    def _cron_run_campaigns(self, batch_size=INVITATION_BATCH_SIZE):
        """Start, remind and close the due campaigns, one batch a run (see tenant.campaign.mixin)."""
        return self._cron_campaign_run(batch_size)

    def _get_campaign_refusal(self, action):
        if action == "schedule":
            return self.env._("Only a draft survey campaign can be scheduled.")
        if action == "start":
            return self.env._("Only a scheduled survey campaign can be started.")
        return self.env._("Only a scheduled survey campaign can go back to draft.")

    @api.model
    def _get_campaign_close_domain(self):
        """A campaign takes answers through its deadline day and closes the day after."""
        return [
            ("state", "in", ["scheduled", "running"]),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]

    @api.model
    def _get_campaign_pending_domain(self):
        """Running campaigns still inviting, or whose reminder is due and not sent."""
        return expression.OR(
            [
                [("first_wave_done", "=", False)],
                [("reminder_done", "=", False), ("reminder_date", "<=", fields.Date.context_today(self))],
            ]
        )

    @api.depends("date_deadline", "reminder_days")
    def _compute_reminder_date(self):
        for campaign in self:
            campaign.reminder_date = (
                campaign.date_deadline - relativedelta(days=campaign.reminder_days)
                if campaign.reminder_days and campaign.date_deadline
                else False
            )

    def _get_campaign_wave(self):
        """The first send until everyone is invited, then the reminder when it is due."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if (
            self.first_wave_done
            and not self.reminder_done
            and self.reminder_date
            and self.reminder_date <= today
        ):
            return "reminder"
        return "first"

    def _get_campaign_audience(self, wave):
        """A reminder goes to those invited who have not finished their answer."""
        self.ensure_one()
        if wave == "first":
            return super()._get_campaign_audience(wave)
        # sudo: the campaign's own answers, read to address its reminder; only ids are read.
        query = (
            self.env["survey.user_input"]
            .sudo()
            ._search(
                [("tenant_campaign_id", "=", self.id), ("state", "!=", "done"), ("partner_id", "!=", False)]
            )
        )
        return query.subselect(SQL.identifier(query.table, "partner_id"))

    def _campaign_on_wave_done(self, wave):
        """Everyone has the wave: the campaign stays open for answers until its deadline."""
        self.write({"first_wave_done" if wave == "first" else "reminder_done": True})

    def _campaign_deliver(self, logs, wave):
        """The first wave creates each resident's answer, then mails it; a reminder mails the
        answer again. Each mail is rendered in its resident's language (the template's lang)."""
        self.ensure_one()
        if wave == "first":
            answers = self._campaign_create_answers(logs)
            template = self.invite_template_id
        else:
            # sudo: the campaign's own answers, to mail them again.
            answers = (
                self.env["survey.user_input"]
                .sudo()
                .search([("tenant_campaign_id", "=", self.id), ("partner_id", "in", logs.partner_id.ids)])
            )
            template = self.reminder_template_id
        by_partner = {answer.partner_id.id: answer for answer in answers}
        for log in logs:
            log.user_input_id = by_partner.get(log.partner_id.id)
        if template and answers:
            # sudo: the job (or a manager) sends; the answers and template are the campaign's own.
            template.sudo().send_mail_batch(answers.ids)

    def _get_campaign_placements(self, partners):
        """{partner id: occupancy}: where each resident lives now (the campaign's properties
        first, their main home first), as their answer will keep it."""
        # sudo: the job reads the audience it addresses.
        occupancies = (
            self.env["tenant.occupancy"]
            .sudo()
            .search(
                [*self._get_audience_base_domain(), ("partner_id", "in", partners.ids)],
                order="is_main_contact desc, move_in_date, id",
            )
        )
        placed = {}
        for occupancy in occupancies:
            placed.setdefault(occupancy.partner_id.id, occupancy)
        return placed

    def _campaign_create_answers(self, logs):
        """One answer per invited resident, with the property, building and role they have now,
        frozen on the answer: the whole batch in one ``create``.

        Odoo's ``survey._create_answer`` (which its ``survey.invite`` wizard calls person by
        person) creates one answer a call, and each create pays its own chatter log, follower
        and reply-to look-ups: a dozen queries and some 30 ms per resident (``make bench``, part
        e). The same checks (``_check_answer_creation``) and values
        (``_prepare_campaign_answer_vals``) are made here per resident, and the answers created
        together.
        """
        placed = self._get_campaign_placements(logs.partner_id)
        # sudo: the job creates answers in Odoo's survey app, which the campaign's manager need
        # not administer.
        survey = self.survey_id.sudo()
        invite_token = self.sudo().invite_token
        partners = logs.partner_id.sudo()
        vals_list = []
        for partner in partners:
            # As _create_answer: a resident with a user account answers as that user.
            user = partner.user_ids[:1]
            survey._check_answer_creation(
                user, partner, partner.email, check_attempts=False, invite_token=invite_token
            )
            vals_list.append(self._prepare_campaign_answer_vals(partner, placed.get(partner.id)))
        answers = self.env["survey.user_input"].sudo().create(vals_list)
        # As _create_answer: questions that keep the answer's e-mail or nickname are filled in.
        keeping = survey.question_ids.filtered(
            lambda q: q.question_type == "char_box" and (q.save_as_email or q.save_as_nickname)
        )
        for question in keeping:
            for answer in answers:
                if question.save_as_email and answer.email:
                    answer._save_lines(question, answer.email)
                if question.save_as_nickname and answer.nickname:
                    answer._save_lines(question, answer.nickname)
        return answers

    def _prepare_campaign_answer_vals(self, partner, occupancy):
        """The values of ``partner``'s answer to the campaign (those of ``survey._create_answer``
        for a partner, with the campaign's invite token and deadline), placed where ``occupancy``
        (or nowhere) says."""
        self.ensure_one()
        survey = self.survey_id.sudo()
        return {
            "survey_id": survey.id,
            "test_entry": False,
            # A campaign's survey is never a live session (see survey_id's domain); kept as Odoo sets it.
            "is_session_answer": survey.session_state in ("ready", "in_progress"),
            "partner_id": partner.id,
            "email": partner.email,
            "nickname": partner.name,
            "invite_token": self.sudo().invite_token,
            "deadline": fields.Datetime.to_datetime(self.date_deadline + relativedelta(days=1)),
            "tenant_campaign_id": self.id,
            "tenant_property_id": occupancy.property_id.id if occupancy else False,
            "tenant_building": occupancy.unit_id.building if occupancy else False,
            "tenant_role": occupancy.role if occupancy else False,
        }

    def _campaign_on_close(self):
        """Closed: unfinished answers take no more input, and a recurring campaign has its next."""
        # sudo: the campaign's own answers; their deadline makes Odoo's survey pages refuse them.
        self.env["survey.user_input"].sudo().search(
            [("tenant_campaign_id", "in", self.ids), ("state", "!=", "done")]
        ).write({"deadline": fields.Datetime.now()})
        self.filtered(lambda c: c.recurrence_months and not c.next_campaign_id)._campaign_recur()

    def _campaign_recur(self):
        """Create the next campaign of each, ``recurrence_months`` later, scheduled."""
        for campaign in self:
            shift = relativedelta(months=campaign.recurrence_months)
            following = campaign.copy(
                {
                    "date_start": campaign.date_start + shift,
                    "date_deadline": campaign.date_deadline + shift,
                    "previous_campaign_id": campaign.id,
                }
            )
            following._campaign_schedule()
            campaign.next_campaign_id = following

    # Actions ------------------------------------------------------------------------------------

    def action_start(self):
        """Start now, before the start day."""
        self.check_access("write")
        self._check_campaign_phase("scheduled", "start")
        self._campaign_start()
        return True

    def action_close(self):
        """Close now, before the deadline: no more answers."""
        self.check_access("write")
        wrong = self.filtered(lambda c: c.state not in ("scheduled", "running"))
        if wrong:
            raise ValidationError(self.env._("Only a scheduled or running survey campaign can be closed."))
        self._campaign_close()
        return True

    def action_view_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("survey.action_survey_user_input")
        action.update(
            domain=[("tenant_campaign_id", "=", self.id)],
            context={"search_default_group_by_survey": False},
        )
        return action
