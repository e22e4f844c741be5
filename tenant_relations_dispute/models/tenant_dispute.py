# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Days before a level's deadline when the responsible is warned.
WARN_DAYS = 3
OFFICER = "tenant_relations_dispute.group_tenant_dispute_officer"
# The context value by which ``action_escalate`` moves a level. An object, not a flag: a context
# sent over RPC is JSON and cannot hold it, so no client can pass for the escalation.
ESCALATING = object()

CATEGORIES = [
    ("noise", "Noise"),
    ("water", "Water Damage Between Units"),
    ("parking", "Parking"),
    ("renovation", "Renovation"),
    ("pets", "Pets"),
    ("fees", "Fees"),
    ("service", "Service Quality"),
    ("contract", "Contract"),
]

OUTCOMES = [
    ("settled", "Settled"),
    ("withdrawn", "Withdrawn"),
    ("mediated", "Mediated Agreement"),
    ("award", "Arbitral Award"),
    ("court", "Referred to Court"),
]


class TenantDispute(models.Model):
    """A dispute with a resident, taken up level by level to keep it out of court."""

    _name = "tenant.dispute"
    _description = "Dispute"
    _inherit = ["tenant.rule.guard.mixin", "tenant.mail.sender.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Resident", index=True, tracking=True)
    unit_id = fields.Many2one("tenant.unit", index=True, tracking=True)
    unit_ids = fields.Many2many("tenant.unit", string="Units Involved")
    party_ids = fields.One2many("tenant.dispute.party", "dispute_id", string="Parties")
    category = fields.Selection(CATEGORIES, tracking=True)
    amount = fields.Monetary(string="Amount at Stake", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    ticket_ids = fields.One2many("tenant.ticket", "dispute_id", string="Related Requests")
    confidential = fields.Boolean(
        tracking=True,
        help="Hidden from ordinary staff; its calendar events name neither the parties nor the subject.",
    )
    committee_id = fields.Many2one("tenant.mediation.committee", index=True, tracking=True)
    session_ids = fields.One2many("tenant.mediation.session", "dispute_id", string="Sessions")
    agreement_ids = fields.One2many("tenant.dispute.agreement", "dispute_id", string="Agreements")
    proceeding_ids = fields.One2many("tenant.dispute.proceeding", "dispute_id", string="Proceedings")
    step_ids = fields.One2many("tenant.dispute.step", "dispute_id", string="Steps")
    property_id = fields.Many2one(
        "tenant.property",
        compute="_compute_property_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
    )
    company_id = fields.Many2one(related="property_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    level_id = fields.Many2one(
        "tenant.dispute.level",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        default=lambda self: self.env["tenant.dispute.level"].search([], limit=1),
        group_expand="_read_group_level_ids",
    )
    level_date = fields.Date(
        string="At Level Since",
        default=fields.Date.context_today,
        copy=False,
        help="The day the dispute entered its level: its deadline is counted from the day after.",
    )
    level_deadline = fields.Date(
        compute="_compute_level_deadline",
        store=True,
        help="The last day of the level's period; a day off rolls forward to the next working day.",
    )
    deadline_warned = fields.Boolean(copy=False, help="The responsible was warned of this level's deadline.")
    is_closed = fields.Boolean(related="level_id.is_closed")
    outcome = fields.Selection(OUTCOMES, string="Dispute Outcome", tracking=True, copy=False)
    description = fields.Html()
    active = fields.Boolean(default=True)

    @api.depends("unit_id")
    def _compute_property_id(self):
        for dispute in self:
            dispute.property_id = dispute.unit_id.property_id or dispute.property_id

    @api.depends("level_id.deadline_days", "level_date", "company_id")
    def _compute_level_deadline(self):
        Day = self.env["tenant.holiday.day"]
        for dispute in self:
            days = dispute.level_id.deadline_days
            dispute.level_deadline = (
                Day._tenant_period_end(dispute.level_date, days, dispute.company_id)
                if days and dispute.level_date
                else False
            )

    @api.model
    def _read_group_level_ids(self, levels, domain):
        """Every level is a kanban column, even an empty one: the ladder reads whole."""
        return levels.search([("active", "=", True)])

    @api.constrains("level_id", "outcome")
    def _check_outcome(self):
        for dispute in self:
            if dispute.level_id.is_closed and not dispute.outcome:
                raise ValidationError(
                    self.env._(
                        "Dispute %(name)s cannot be closed without an outcome: say how it ended.",
                        name=dispute.name,
                    )
                )

    def write(self, vals):
        if "level_id" in vals:
            changed = self.filtered(lambda dispute: dispute.level_id.id != vals["level_id"])
            if changed and not self._tenant_level_writable():
                raise UserError(
                    self.env._(
                        "A dispute changes level through its Escalate button, which records why. Only a "
                        "dispute officer moves a dispute otherwise (e.g. back, to reopen it): ask one."
                    )
                )
            if changed and len(changed) != len(self):
                # Only the disputes that change level restart their period.
                return (self - changed).write(vals) and changed.write(vals)
            if changed:
                vals = {"level_date": fields.Date.context_today(self), "deadline_warned": False, **vals}
        return super().write(vals)

    # Escalation ----------------------------------------------------------------------------------

    def action_open_escalate(self):
        """The escalation wizard: a reason, and a level further up if the next one is skipped."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Escalate"),
            "res_model": "tenant.dispute.escalate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_dispute_id": self.id},
        }

    def _next_level(self):
        """The level after this dispute's, by sequence (an empty record at the top)."""
        self.ensure_one()
        higher = (
            self.env["tenant.dispute.level"]
            .search([("sequence", ">=", self.level_id.sequence)])
            .filtered(lambda level: (level.sequence, level.id) > (self.level_id.sequence, self.level_id.id))
        )
        return higher[:1]

    def action_escalate(self, reason, level=None):
        """Move up to ``level`` (the next one by default) and post ``reason`` in the chatter.

        Skipping a level is allowed with a reason saying why; a level below, the same one or one
        past the top are refused."""
        self.ensure_one()
        reason = (reason or "").strip()
        following = self._next_level()
        level = level or following
        if not level:
            raise ValidationError(
                self.env._("Dispute %(name)s is at the last level already.", name=self.name)
            )
        if (level.sequence, level.id) <= (self.level_id.sequence, self.level_id.id):
            raise ValidationError(
                self.env._(
                    "Escalating moves a dispute up: %(level)s is not above %(current)s.",
                    level=level.name,
                    current=self.level_id.name,
                )
            )
        if level != following and not reason:
            raise ValidationError(
                self.env._(
                    "Skipping %(skipped)s needs a reason: say why the dispute goes straight to %(level)s.",
                    skipped=following.name,
                    level=level.name,
                )
            )
        before = self.level_id
        # The step opened on this level keeps the reason (see ladder/tenant_dispute.py).
        escalating = self.with_context(
            tenant_dispute_step_reason=reason, tenant_dispute_escalating=ESCALATING
        )
        escalating.level_id = level
        body = self.env._(
            "Escalated from %(before)s to %(after)s: %(reason)s",
            before=before.name,
            after=level.name,
            reason=reason or self.env._("no reason given"),
        )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def _tenant_level_writable(self):
        """The level moves up through ``action_escalate`` (its reason recorded in a step); a dispute
        officer, or the system (data files, migrations), moves it anywhere."""
        return (
            self.env.su
            or self.env.context.get("tenant_dispute_escalating") is ESCALATING
            or self.env.user.has_group(OFFICER)
        )

    # Deadline warning ----------------------------------------------------------------------------

    @api.model
    def _cron_warn_deadlines(self):
        """A to-do for the responsible, once per level, when a level's deadline is ``WARN_DAYS`` days
        away or less (or passed unnoticed)."""
        today = fields.Date.context_today(self)
        disputes = self.search(
            [
                ("deadline_warned", "=", False),
                ("level_deadline", "!=", False),
                ("level_deadline", "<=", today + timedelta(days=WARN_DAYS)),
                ("level_id.is_closed", "=", False),
            ]
        )
        for dispute in disputes:
            dispute.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=dispute.level_deadline,
                summary=self.env._("%(level)s deadline", level=dispute.level_id.name),
                note=self.env._(
                    "The %(level)s period of this dispute ends on %(date)s: settle it or escalate it.",
                    level=dispute.level_id.name,
                    date=dispute.level_deadline,
                ),
                user_id=dispute.user_id.id or self.env.user.id,
            )
        disputes.deadline_warned = True
        return True
