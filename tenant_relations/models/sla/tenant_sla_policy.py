# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from bisect import bisect_left
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..ticket.tenant_ticket import CHANNELS, COMPLAINT_GRADES, SLA_MATCH_FIELDS, TICKET_KINDS, URGENCIES

UNIT_HOURS = {"minutes": 1 / 60, "hours": 1, "days": 24}


class TenantSlaPolicy(models.Model):
    """A promise made to residents: which tickets it covers, what must happen by when."""

    _name = "tenant.sla.policy"
    _description = "SLA Policy"
    _inherit = ["tenant.rule.guard.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: every company.")
    # Matching: an empty criterion matches any ticket.
    kind = fields.Selection(TICKET_KINDS, string="Ticket Kind")
    category_ids = fields.Many2many("tenant.ticket.category", string="Categories")
    urgency = fields.Selection(URGENCIES)
    complaint_grade = fields.Selection(COMPLAINT_GRADES)
    channel = fields.Selection(CHANNELS)
    property_ids = fields.Many2many("tenant.property", string="Properties")
    team_ids = fields.Many2many("tenant.team", string="Teams")
    # Target.
    target = fields.Selection(
        [("first_response", "First response"), ("resolution", "Resolution"), ("stage", "Reaching a stage")],
        required=True,
        default="first_response",
    )
    stage_id = fields.Many2one("tenant.ticket.stage", string="Target Stage")
    duration = fields.Float(required=True, default=2)
    duration_unit = fields.Selection(
        [("minutes", "Minutes"), ("hours", "Hours"), ("days", "Days")], required=True, default="hours"
    )
    around_the_clock = fields.Boolean(
        default=True, help="Count every hour of every day; otherwise only the working hours of the calendar."
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        help="Office hours and public holidays (global time off) the clock counts in.",
    )
    pause_stage_ids = fields.Many2many(
        "tenant.ticket.stage",
        "tenant_sla_policy_pause_stage_rel",
        string="Pause Stages",
        help="While the ticket is in one of these stages the clock stops.",
    )
    warning_percent = fields.Float(
        string="Warning at (%)", default=75, help="Escalate when this share of the time has gone."
    )
    warn_assignee = fields.Boolean(default=True)
    warn_leader = fields.Boolean(default=True)
    warn_manager = fields.Boolean()
    breach_assignee = fields.Boolean(default=True)
    breach_leader = fields.Boolean(default=True)
    breach_manager = fields.Boolean(default=True)
    breach_raise_priority = fields.Boolean(string="Raise Priority on Breach")
    breach_reassign_leader = fields.Boolean(string="Reassign to Team Leader on Breach")
    notify_manager_at_start = fields.Boolean(
        string="Notify Manager at Once", help="Tell the property manager as soon as a ticket matches."
    )
    require_explanation = fields.Boolean(
        string="Explanation When Late",
        help="A late ticket cannot be resolved without an explanation, which is sent to the resident.",
    )

    @api.constrains(
        "duration", "warning_percent", "around_the_clock", "calendar_id", "target", "stage_id", "company_id"
    )
    def _check_policy(self):
        for policy in self:
            if policy.duration <= 0:
                raise ValidationError(
                    self.env._("The duration of policy %(name)s must be positive.", name=policy.name)
                )
            if not 0 < policy.warning_percent < 100:
                raise ValidationError(
                    self.env._(
                        "The warning threshold of policy %(name)s must be between 0 and 100 %%.",
                        name=policy.name,
                    )
                )
            if not policy.around_the_clock and not policy.calendar_id:
                raise ValidationError(
                    self.env._(
                        "Policy %(name)s counts office hours: choose its working hours.", name=policy.name
                    )
                )
            calendar_company = policy.calendar_id.company_id
            if calendar_company and policy.company_id and calendar_company != policy.company_id:
                # Another company's calendar has that company's holidays (a Hong Kong company's
                # do not follow the mainland's): its deadlines would be wrong for this one.
                raise ValidationError(
                    self.env._(
                        "Policy %(name)s is %(company)s's, but its working hours %(calendar)s are"
                        " %(other)s's: choose working hours of %(company)s or shared by every company.",
                        name=policy.name,
                        company=policy.company_id.name,
                        calendar=policy.calendar_id.name,
                        other=calendar_company.name,
                    )
                )
            if policy.target == "stage" and not policy.stage_id:
                raise ValidationError(
                    self.env._("Policy %(name)s needs the stage to reach.", name=policy.name)
                )

    def _duration_hours(self):
        self.ensure_one()
        return self.duration * UNIT_HOURS[self.duration_unit]

    def _matcher(self):
        """A plain-Python test for this policy, built once per batch of tickets.

        Reading the policy's fields once instead of once per ticket keeps intake with SLAs
        close to intake without (see tests/benchmark.py).
        """
        self.ensure_one()
        wanted = {
            "kind": self.kind,
            "urgency": self.urgency,
            "channel": self.channel,
            "company_id": self.company_id.id,
        }
        wanted = {key: value for key, value in wanted.items() if value}
        grade = self.complaint_grade
        categories = set(self.category_ids.ids)
        properties = set(self.property_ids.ids)
        teams = set(self.team_ids.ids)

        def matches(values):
            return (
                all(values[key] == value for key, value in wanted.items())
                and (not grade or (values["kind"] == "complaint" and values["complaint_grade"] == grade))
                and (not categories or values["category_id"] in categories)
                and (not properties or values["property_id"] in properties)
                and (not teams or values["team_id"] in teams)
            )

        return matches

    @staticmethod
    def _match_values(ticket):
        """The ticket's values that policies match on (SLA_MATCH_FIELDS), as plain ids and strings."""
        values = {}
        for name in SLA_MATCH_FIELDS:
            value = ticket[name]
            values[name] = value.id if ticket._fields[name].type == "many2one" else value
        return values

    # Working-time arithmetic ---------------------------------------------------------------
    # One call per (calendar, batch) fetches the working intervals; each deadline is then
    # placed by bisection over cumulative working hours (see PERFORMANCE.md).

    @api.model
    def _plan_deadlines(self, calendar, requests):
        """Return ``[deadline, ...]`` for ``requests = [(start_utc, hours), ...]`` on ``calendar``.

        Naive UTC datetimes in and out. ``calendar`` empty means around the clock.
        """
        if not requests:
            return []
        if not calendar:
            return [start + timedelta(hours=hours) for start, hours in requests]
        horizon_start = min(start for start, _hours in requests)
        longest = max(hours for _start, hours in requests)
        span = timedelta(days=max(14, longest / 2 + 14))
        while True:
            starts, ends, cumulative = self._working_intervals(
                calendar, horizon_start, max(s for s, _h in requests) + span
            )
            total = cumulative[-1] if cumulative else 0
            results = []
            for start, hours in requests:
                done = self._worked_before(start, starts, ends, cumulative)
                goal = done + hours
                if goal > total:
                    break
                results.append(self._time_at(goal, starts, ends, cumulative))
            else:
                return results
            span *= 2
            if span > timedelta(days=3660):
                raise ValidationError(
                    self.env._("The calendar %(name)s has no working time.", name=calendar.name)
                )

    @api.model
    def _working_hours_between(self, calendar, start, end):
        """Working hours between two naive UTC datetimes (negative when ``end`` < ``start``)."""
        if not calendar:
            return (end - start).total_seconds() / 3600
        low, high = min(start, end), max(start, end)
        starts, ends, cumulative = self._working_intervals(calendar, low, high + timedelta(days=1))
        hours = self._worked_before(high, starts, ends, cumulative) - self._worked_before(
            low, starts, ends, cumulative
        )
        return hours if end >= start else -hours

    @api.model
    def _working_intervals(self, calendar, start, end):
        """Sorted UTC interval starts, ends and cumulative hours at each interval's end."""
        tz = pytz.timezone(calendar.tz or "UTC")
        intervals = calendar._work_intervals_batch(pytz.utc.localize(start), pytz.utc.localize(end), tz=tz)[
            False
        ]
        starts, ends, cumulative, total = [], [], [], 0.0
        for begin, stop, _meta in intervals:
            begin = begin.astimezone(pytz.utc).replace(tzinfo=None)
            stop = stop.astimezone(pytz.utc).replace(tzinfo=None)
            total += (stop - begin).total_seconds() / 3600
            starts.append(begin)
            ends.append(stop)
            cumulative.append(total)
        return starts, ends, cumulative

    @staticmethod
    def _worked_before(moment, starts, ends, cumulative):
        """Working hours from the horizon start up to ``moment``."""
        i = bisect_left(ends, moment)  # first interval ending at or after moment
        if i == len(ends):
            return cumulative[-1] if cumulative else 0.0
        before = cumulative[i - 1] if i else 0.0
        if moment <= starts[i]:
            return before
        return before + (moment - starts[i]).total_seconds() / 3600

    @staticmethod
    def _time_at(goal, starts, ends, cumulative):
        """The moment when ``goal`` working hours have been worked since the horizon start."""
        i = bisect_left(cumulative, goal - 1e-9)
        before = cumulative[i - 1] if i else 0.0
        return starts[i] + timedelta(hours=goal - before)

    def _group_by_clock(self):
        """Policies grouped by the calendar their clock runs on (empty recordset: around the clock)."""
        groups = defaultdict(lambda: self.browse())
        for policy in self:
            groups[self.env["resource.calendar"] if policy.around_the_clock else policy.calendar_id] |= policy
        return groups
