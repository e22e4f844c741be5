# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, create_index


class TenantTicketSla(models.Model):
    """A policy applied to one ticket: its deadline and whether it was met."""

    _name = "tenant.ticket.sla"
    _description = "Ticket SLA"
    _inherit = ["tenant.rule.guard.mixin"]
    _order = "deadline, id"

    ticket_id = fields.Many2one("tenant.ticket", required=True, index=True, ondelete="cascade")
    policy_id = fields.Many2one("tenant.sla.policy", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    target = fields.Selection(related="policy_id.target")
    start_date = fields.Datetime(required=True)
    deadline = fields.Datetime(required=True)
    warning_date = fields.Datetime(required=True)
    status = fields.Selection(
        [("running", "Running"), ("paused", "Paused"), ("met", "Met"), ("breached", "Breached")],
        required=True,
        default="running",
    )
    reached_date = fields.Datetime(string="Reached")
    paused_since = fields.Datetime()
    hours_left_at_pause = fields.Float()
    warned = fields.Boolean(help="The warning actions have run.")
    start_notice_pending = fields.Boolean(
        help="The policy tells the manager at once: the escalation job, triggered on creation, does it."
    )
    breach_handled = fields.Boolean(help="The breach actions have run.")
    time_left = fields.Float(
        string="Working Hours Left", compute="_compute_time_left", help="Negative when overdue."
    )

    def init(self):
        # The escalation scan reads only running lines due for a warning or a breach.
        create_index(
            self.env.cr,
            "tenant_ticket_sla_warning_scan_idx",
            self._table,
            ["warning_date"],
            where="status = 'running' AND warned IS NOT TRUE",
        )
        create_index(
            self.env.cr,
            "tenant_ticket_sla_start_notice_idx",
            self._table,
            ["id"],
            where="start_notice_pending IS TRUE",
        )
        create_index(
            self.env.cr,
            "tenant_ticket_sla_breach_scan_idx",
            self._table,
            ["deadline"],
            where="status = 'running'",
        )
        # The "Overdue" filter: breaches not yet made good (the running ones use the index above).
        create_index(
            self.env.cr,
            "tenant_ticket_sla_breached_open_idx",
            self._table,
            ["ticket_id"],
            where="status = 'breached' AND reached_date IS NULL",
        )

    @api.model
    def _get_overdue_domain(self, now):
        """Lines that make their ticket overdue at ``now``: a running clock past its deadline, or a
        breach (flagged by the escalation job) whose target is not reached yet. A paused clock is
        waiting on the resident: it makes nothing overdue until it runs again.
        """
        return [
            "|",
            "&",
            ("status", "=", "running"),
            ("deadline", "<=", now),
            "&",
            ("status", "=", "breached"),
            ("reached_date", "=", False),
        ]

    @api.depends_context("uid")
    def _compute_time_left(self):
        running = self.filtered(lambda line: line.status == "running" and line.deadline)
        left = running._hours_left(fields.Datetime.now())
        for line in self:
            line.time_left = line.hours_left_at_pause if line.status == "paused" else left.get(line.id, 0)

    # Clock ---------------------------------------------------------------------------------

    def _calendar(self):
        self.ensure_one()
        policy = self.policy_id
        return policy.calendar_id.browse() if policy.around_the_clock else policy.calendar_id

    @api.model
    def _prepare_line_vals(self, ticket, policy, deadline, warning_date, now):
        """The values of a new line of ``policy`` on ``ticket``, whose clock runs to ``deadline``.

        A line born while its ticket is in one of the policy's pause stages starts paused, with
        its whole duration left: the clock starts when the ticket leaves that stage.
        """
        vals = {
            "ticket_id": ticket.id,
            "policy_id": policy.id,
            "start_date": ticket.reported_date or now,
            "deadline": deadline,
            "warning_date": warning_date,
        }
        if policy.notify_manager_at_start:
            vals["start_notice_pending"] = True
        if self._pauses_in(policy, ticket.stage_id):
            vals.update(self._prepare_pause_vals(now, policy._duration_hours()))
        return vals

    @api.model
    def _pauses_in(self, policy, stage):
        """Whether the clock of ``policy`` stops while its ticket is in ``stage``."""
        return stage in policy.pause_stage_ids

    @api.model
    def _prepare_pause_vals(self, now, hours_left):
        """A stopped clock: since when, and the working hours it still had."""
        return {"status": "paused", "paused_since": now, "hours_left_at_pause": max(hours_left, 0.0)}

    def _follow_stage(self, stage, now):
        """The ticket moved to ``stage``: stop the clocks that stage pauses, restart the others.

        With _prepare_line_vals, the one place that decides when a clock runs.
        """
        self.filtered(
            lambda line: line.status == "running" and self._pauses_in(line.policy_id, stage)
        )._pause(now)
        self.filtered(
            lambda line: line.status == "paused" and not self._pauses_in(line.policy_id, stage)
        )._resume(now)

    def _pause(self, now):
        """Stop the clock, keeping the working time that was left."""
        left = self._hours_left(now)
        for line in self:
            line.write(self._prepare_pause_vals(now, left[line.id]))

    def _resume(self, now):
        """Restart the clock: the deadline moves by the working time spent paused."""
        Policy = self.env["tenant.sla.policy"]
        # One plan per calendar for every line on it (a year of holidays loaded moves them all).
        for calendar, lines in self.grouped(lambda line: line._calendar()).items():
            requests = []
            for line in lines:
                policy = line.policy_id
                left = line.hours_left_at_pause
                before_warning = left - policy._duration_hours() * (1 - policy.warning_percent / 100)
                requests += [(now, left), (now, max(before_warning, 0.0))]
            planned = Policy._plan_deadlines(calendar, requests)
            for line, deadline, warning in zip(lines, planned[::2], planned[1::2], strict=True):
                vals = {"status": "running", "paused_since": False}
                line.write({**vals, "deadline": deadline, "warning_date": warning})

    def _hours_left(self, now):
        """``{line id: working hours from now to its deadline}`` (negative past it), the working
        intervals of each calendar fetched once for all its lines."""
        Policy = self.env["tenant.sla.policy"]
        left = {}
        for calendar, lines in self.grouped(lambda line: line._calendar()).items():
            if not calendar:
                left.update((line.id, (line.deadline - now).total_seconds() / 3600) for line in lines)
                continue
            low = min(now, *lines.mapped("deadline"))
            high = max(now, *lines.mapped("deadline"))
            intervals = Policy._working_intervals(calendar, low, high + timedelta(days=1))
            at_now = Policy._worked_before(now, *intervals)
            for line in lines:
                left[line.id] = Policy._worked_before(line.deadline, *intervals) - at_now
        return left

    def _reach(self, when):
        """The target was reached at ``when``: met if in time; a breach stays a breach."""
        for line in self.filtered(lambda line: not line.reached_date):
            in_time = line.status == "paused" or (line.status == "running" and when <= line.deadline)
            line.write({"status": "met" if in_time else "breached", "reached_date": when})

    # Escalation --------------------------------------------------------------------------

    @api.model
    def _cron_escalate(self, batch_size=500):
        """Act once on each line past its warning or its deadline, one batch per run.

        Rows are locked with SKIP LOCKED and flagged in the same transaction, so a second
        run, concurrent or later, never acts on the same threshold twice.
        """
        now = fields.Datetime.now()
        noticed = self._lock_due(SQL("start_notice_pending IS TRUE"), "id", batch_size)
        noticed._on_start()
        breached = self._lock_due(SQL("status = 'running' AND deadline <= %s", now), "deadline", batch_size)
        breached._on_breach(now)
        warned = self._lock_due(
            SQL("status = 'running' AND warned IS NOT TRUE AND warning_date <= %s", now),
            "warning_date",
            batch_size,
        )
        warned._on_warning()
        done = len(noticed) + len(breached) + len(warned)
        remaining = int(batch_size in (len(noticed), len(breached), len(warned)))
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return breached, warned

    def _lock_due(self, condition, order_column, limit):
        """Lock and return due lines, oldest first, ordered by the column of their partial index."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM tenant_ticket_sla WHERE %s ORDER BY %s LIMIT %s FOR UPDATE SKIP LOCKED",
                condition,
                SQL.identifier(order_column),
                limit,
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    def _on_start(self):
        """Tell the team leader and the property manager that such a ticket came in."""
        self.write({"start_notice_pending": False})
        for line in self:
            env = line._note_env()
            line._notify(
                False,
                True,
                True,
                env._(
                    "%(policy)s: the manager is told at once.",
                    policy=line.policy_id.with_env(env).name,
                ),
            )

    def _on_warning(self):
        self.write({"warned": True})
        for line in self:
            env = line._note_env()
            line._notify(
                line.policy_id.warn_assignee,
                line.policy_id.warn_leader,
                line.policy_id.warn_manager,
                env._(
                    "SLA %(policy)s will be breached at %(deadline)s.",
                    policy=line.policy_id.with_env(env).name,
                    deadline=line._format_deadline(),
                ),
            )

    def _on_breach(self, now):
        self.write({"status": "breached", "breach_handled": True, "warned": True})
        raise_priority = self.filtered("policy_id.breach_raise_priority").ticket_id
        raise_priority.write({"priority": "3"})
        for line in self:
            policy = line.policy_id
            if policy.breach_reassign_leader and line.ticket_id.team_id.leader_id:
                line.ticket_id.user_id = line.ticket_id.team_id.leader_id
            env = line._note_env()
            line._notify(
                policy.breach_assignee,
                policy.breach_leader,
                policy.breach_manager,
                env._(
                    "SLA %(policy)s was breached: the deadline was %(deadline)s.",
                    policy=policy.with_env(env).name,
                    deadline=line._format_deadline(),
                ),
            )

    def _note_env(self):
        """The environment the notes on this line's ticket are written in: the firm's language.

        The escalation job runs in no one's language (English), and one note is read by the
        assignee, the leader, the manager and every colleague who opens the ticket.
        """
        self.ensure_one()
        return self.with_context(lang=self.ticket_id.company_id._tenant_lang()).env

    def _notify(self, assignee, leader, manager, text):
        """Post one internal note on the ticket, notifying the chosen people."""
        self.ensure_one()
        ticket = self.ticket_id
        users = self.env["res.users"]
        if assignee:
            users |= ticket.user_id
        if leader:
            users |= ticket.team_id.leader_id
        if manager:
            users |= ticket.property_id.manager_id
        # Queued, not sent inline: a batch of escalations or of new tickets must not wait on SMTP.
        ticket.with_context(mail_notify_force_send=False).message_post(
            body=Markup("<p>%s</p>") % text,
            partner_ids=users.partner_id.ids,
            subtype_xmlid="mail.mt_note",
            message_type="notification",
        )

    def _format_deadline(self):
        self.ensure_one()
        tz = self.ticket_id.user_id.tz or self.env.user.tz or "UTC"
        return fields.Datetime.context_timestamp(self.with_context(tz=tz), self.deadline).strftime(
            "%Y-%m-%d %H:%M"
        )
