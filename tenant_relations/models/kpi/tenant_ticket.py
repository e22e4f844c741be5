# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, create_index


class TenantTicket(models.Model):
    """Durations stored when they happen, for the KPIs and the analysis views (SQL cannot count
    working time): calendar and working minutes to the first response and to the resolution, the
    time spent waiting (paused), and how often the ticket was reopened.

    Working minutes are those of the firm's service-desk hours (res.company._tenant_desk_calendar),
    whatever SLA policy the ticket has, so that every ticket is measured on the same clock; the
    arithmetic is the SLA engine's (tenant.sla.policy._working_intervals / _worked_before), one
    fetch of working intervals per calendar and batch.

    - response: reported_date → first_response_date, stamped when the first response is recorded;
    - waiting: entering a waiting stage (is_pause) starts ``waiting_since``; leaving it (for another
      stage, a resolution included) adds the calendar and working minutes to the waiting totals;
    - resolution: reported_date → resolved_date less the waiting totals, stamped when the ticket is
      resolved (or closed without a resolution stage); a reopened ticket (its resolved_date cleared)
      counts one more reopening and loses its resolution figures until it is resolved again.
    """

    _inherit = "tenant.ticket"

    response_minutes = fields.Float(
        string="Response Time (min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Calendar minutes from the report to the first response.",
    )
    response_working_minutes = fields.Float(
        string="Response Time (working min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working minutes of the service desk's hours from the report to the first response.",
    )
    resolution_minutes = fields.Float(
        string="Resolution Time (min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Calendar minutes from the report to the (last) resolution, less the time spent waiting.",
    )
    resolution_working_minutes = fields.Float(
        string="Resolution Time (working min)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working minutes from the report to the (last) resolution, less the working time spent waiting.",
    )
    waiting_minutes = fields.Float(
        string="Waiting Time (min)",
        readonly=True,
        copy=False,
        help="Calendar minutes spent in a waiting stage (on the resident or on parts) before the resolution.",
    )
    waiting_working_minutes = fields.Float(string="Waiting Time (working min)", readonly=True, copy=False)
    waiting_since = fields.Datetime(readonly=True, copy=False)
    reopen_count = fields.Integer(
        string="Reopened", readonly=True, copy=False, help="How many times the ticket was reopened."
    )

    def init(self):
        res = super().init()
        # Every ticket KPI, the snapshot job, the analysis views and the Excel lists read a
        # company's tickets of a period by their report date.
        create_index(
            self.env.cr, "tenant_ticket_company_reported_idx", self._table, ["company_id", "reported_date"]
        )
        return res

    # CRUD ---------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # A ticket filed already answered or resolved (a call logged late, an import): its
        # durations from the times it was given, as if they had been written afterwards.
        tickets = super().create(vals_list)
        tickets.filtered("first_response_date")._tenant_stamp_response()
        tickets.filtered("resolved_date")._tenant_stamp_resolution()
        return tickets

    def write(self, vals):
        # A resolution date cleared is a reopening: by _action_reopen, or by a stage moved back
        # (see _on_stage_change). Counted here, the one place every reopening goes through.
        reopened = self.browse()
        if "resolved_date" in vals and not vals["resolved_date"]:
            reopened = self.filtered("resolved_date")
        res = super().write(vals)
        if reopened:
            reopened._tenant_count_reopening()
        if "first_response_date" in vals or "reported_date" in vals:
            self.filtered("first_response_date")._tenant_stamp_response()
        if "reported_date" in vals:
            self.filtered("resolved_date")._tenant_stamp_resolution()
        return res

    # Stage flow ---------------------------------------------------------------------------------

    def _on_stage_change(self, previous_stages):
        """Follow the waiting time, reopenings and resolutions, then the ticket's own flow.

        Runs after base write stamped the resolution date (_stamp_resolution): a ticket that left
        a waiting stage for a resolved one stops waiting first, then its resolution is measured.
        """
        now = fields.Datetime.now()
        self._tenant_follow_waiting(previous_stages, now)
        # Moved back from resolved or closed to work: reopened, as _action_reopen does.
        back = self.filtered(
            lambda t: (
                t.resolved_date
                and not (t.stage_id.is_resolved or t.stage_id.is_closed)
                and self._tenant_is_done_stage(previous_stages.get(t))
            )
        )
        if back:
            back.write({"resolved_date": False, "closed_date": False})
        self.filtered(
            lambda t: (
                t.resolved_date
                and (t.stage_id.is_resolved or t.stage_id.is_closed)
                and not self._tenant_is_done_stage(previous_stages.get(t))
            )
        )._tenant_stamp_resolution()
        return super()._on_stage_change(previous_stages)

    @api.model
    def _tenant_is_done_stage(self, stage):
        return bool(stage) and (stage.is_resolved or stage.is_closed)

    def _tenant_follow_waiting(self, previous_stages, now):
        """Start the waiting clock on entering a waiting stage, add up the wait on leaving it."""
        leaving = self.filtered(lambda t: t.waiting_since and not t.stage_id.is_pause)
        if leaving:
            working = self._tenant_working_minutes([(t.company_id, t.waiting_since, now) for t in leaving])
            for ticket, minutes in zip(leaving, working, strict=True):
                ticket.write(
                    {
                        "waiting_minutes": ticket.waiting_minutes
                        + self._tenant_minutes(ticket.waiting_since, now),
                        "waiting_working_minutes": ticket.waiting_working_minutes + minutes,
                        "waiting_since": False,
                    }
                )
        entering = self.filtered(
            lambda t: t.stage_id.is_pause and not t.waiting_since and not t.resolved_date
        )
        if entering:
            entering.write({"waiting_since": now})

    def _tenant_count_reopening(self):
        for ticket in self:
            ticket.write(
                {
                    "reopen_count": ticket.reopen_count + 1,
                    "resolution_minutes": 0,
                    "resolution_working_minutes": 0,
                }
            )

    # Stamps -------------------------------------------------------------------------------------

    def _tenant_stamp_response(self):
        """Calendar and working minutes from the report to the first response."""
        working = self._tenant_working_minutes(
            [(t.company_id, t.reported_date, t.first_response_date) for t in self]
        )
        for ticket, minutes in zip(self, working, strict=True):
            ticket.write(
                {
                    "response_minutes": self._tenant_minutes(
                        ticket.reported_date, ticket.first_response_date
                    ),
                    "response_working_minutes": minutes,
                }
            )

    def _tenant_stamp_resolution(self):
        """Calendar and working minutes from the report to the resolution, less the waiting time."""
        working = self._tenant_working_minutes(
            [(t.company_id, t.reported_date, t.resolved_date) for t in self]
        )
        for ticket, minutes in zip(self, working, strict=True):
            calendar = self._tenant_minutes(ticket.reported_date, ticket.resolved_date)
            ticket.write(
                {
                    "resolution_minutes": max(calendar - ticket.waiting_minutes, 0.0),
                    "resolution_working_minutes": max(minutes - ticket.waiting_working_minutes, 0.0),
                }
            )

    @api.model
    def _tenant_minutes(self, start, end):
        """Calendar minutes from ``start`` to ``end`` (none when either is missing or end < start)."""
        if not start or not end:
            return 0.0
        return max((end - start).total_seconds() / 60, 0.0)

    @api.model
    def _tenant_working_minutes(self, spans):
        """``[working minutes, ...]`` of ``spans = [(company, start, end), ...]`` (naive UTC), on
        each company's service-desk calendar; the working intervals of a calendar are fetched once
        for all its spans (a company without a calendar counts around the clock)."""
        Policy = self.env["tenant.sla.policy"]
        result = [0.0] * len(spans)
        calendars = {}
        by_calendar = defaultdict(list)
        for index, (company, start, end) in enumerate(spans):
            if not start or not end or end <= start:
                continue
            if company not in calendars:
                calendars[company] = company._tenant_desk_calendar()
            by_calendar[calendars[company]].append(index)
        for calendar, indexes in by_calendar.items():
            if not calendar:
                for index in indexes:
                    result[index] = self._tenant_minutes(spans[index][1], spans[index][2])
                continue
            low = min(spans[index][1] for index in indexes)
            high = max(spans[index][2] for index in indexes)
            intervals = Policy._working_intervals(calendar, low - timedelta(days=1), high + timedelta(days=1))
            for index in indexes:
                _company, start, end = spans[index]
                hours = Policy._worked_before(end, *intervals) - Policy._worked_before(start, *intervals)
                result[index] = max(hours * 60, 0.0)
        return result

    # Recomputation ------------------------------------------------------------------------------

    @api.model
    def _tenant_restamp_working_minutes(self, ticket_ids):
        """Recompute the working minutes to response and resolution of the tickets ``ticket_ids``
        (a calendar changed, or the migration fills existing tickets), in SQL both ways: one read,
        one working-time pass per calendar, one UPDATE. The waiting working minutes are kept as
        stored: the stages' history is not kept, so a wait is measured on the hours of its time.
        """
        if not ticket_ids:
            return 0
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """SELECT id, company_id, reported_date, first_response_date, resolved_date,
                          COALESCE(waiting_working_minutes, 0)
                     FROM tenant_ticket WHERE id IN %s""",
                tuple(ticket_ids),
            )
        )
        companies = self.env["res.company"].browse({row[1] for row in rows})
        company_of = {company.id: company for company in companies}
        spans = []
        for _id, company_id, reported, responded, resolved, _waiting in rows:
            company = company_of.get(company_id, self.env.company)
            spans += [(company, reported, responded), (company, reported, resolved)]
        working = self._tenant_working_minutes(spans)
        ids, responses, resolutions = [], [], []
        for index, (ticket_id, _company, _reported, responded, resolved, waiting) in enumerate(rows):
            ids.append(ticket_id)
            responses.append(working[2 * index] if responded else 0.0)
            resolutions.append(max(working[2 * index + 1] - waiting, 0.0) if resolved else 0.0)
        self.env.cr.execute(
            SQL(
                """UPDATE tenant_ticket t
                      SET response_working_minutes = v.response, resolution_working_minutes = v.resolution
                     FROM unnest(%s::int[], %s::float8[], %s::float8[]) AS v(id, response, resolution)
                    WHERE t.id = v.id""",
                ids,
                responses,
                resolutions,
            )
        )
        self.invalidate_model(["response_working_minutes", "resolution_working_minutes"])
        return len(ids)

    # Demo ---------------------------------------------------------------------------------------

    @api.model
    def _tenant_demo_kpi_history(self, months=6, per_month=14, seed=19):
        """Demo databases only: half a year of answered and resolved tickets at the demo properties,
        so that the KPI dashboard has trends to show on the day it is installed.

        Filed through the ORM as an agent would, with the times written afterwards (as the demo
        tickets are): the SLA lines, the stored durations and the stages come out as in real use.
        Deterministic (``seed``). At 云栖公寓 urgent calls were answered late last month: the
        dashboard shows that KPI red for its manager (demo/demo), with the tickets behind it.
        """
        rng = random.Random(seed)
        ref = self.env.ref
        properties = [
            ref("tenant_relations.tenant_property_chg_demo"),
            ref("tenant_relations.tenant_property_yqa_demo"),
        ]
        late_property = properties[1]
        teams = {
            properties[0]: ref("tenant_relations.tenant_team_chg_demo"),
            properties[1]: ref("tenant_relations.tenant_team_yqa_demo"),
        }
        staff = [ref("base.user_admin"), ref("base.user_demo")]
        resolved = ref("tenant_relations.tenant_ticket_stage_resolved")
        closed = ref("tenant_relations.tenant_ticket_stage_closed")
        kinds = [
            # (title, kind, category xmlid, urgency)
            ("水管爆裂", "repair", "tenant_ticket_category_burst_pipe", "urgent"),
            ("电梯故障", "repair", "tenant_ticket_category_lift_failure", "urgent"),
            ("燃气异味", "repair", "tenant_ticket_category_gas", "urgent"),
            ("厨房漏水", "repair", "tenant_ticket_category_water_leak", "normal"),
            ("门禁卡失灵", "repair", "tenant_ticket_category_access_control", "normal"),
            ("楼道保洁不到位", "complaint", "tenant_ticket_category_cleaning", "normal"),
            ("夜间噪音扰民", "complaint", "tenant_ticket_category_noise", "normal"),
            ("车位被占用", "complaint", "tenant_ticket_category_parking", "normal"),
            ("物业费账单咨询", "inquiry", "tenant_ticket_category_fees", "normal"),
        ]
        Unit = self.env["tenant.unit"]
        units = {prop: Unit.search([("property_id", "=", prop.id)]) for prop in properties}
        company = properties[0].company_id
        this_month = company._tenant_period_bounds(company._tenant_today())[0]
        tickets = self.browse()
        for back in range(months, 0, -1):
            first, _following, start, end = company._tenant_period_bounds(
                this_month - relativedelta(months=back)
            )
            span_hours = (end - start).total_seconds() / 3600
            for prop in properties:
                for n in range(per_month):
                    title, kind, category, urgency = kinds[n % len(kinds)]
                    reported = start + timedelta(hours=rng.uniform(8, span_hours - 30))
                    late = prop == late_property and back == 1 and urgency == "urgent"
                    response = rng.uniform(35, 90) if late or rng.random() < 0.06 else rng.uniform(3, 28)
                    solve_hours = rng.uniform(2, 20) if rng.random() < 0.85 else rng.uniform(26, 60)
                    unit = units[prop][(n * 7 + back) % len(units[prop])] if units[prop] else Unit
                    ticket = self.with_context(tenant_ticket_no_acknowledgement=True).create(
                        {
                            "name": f"{title}（{first.month}月）",
                            "kind": kind,
                            "category_id": ref(f"tenant_relations.{category}").id,
                            "urgency": urgency,
                            "channel": rng.choice(["hotline", "wechat", "app", "portal"]),
                            "unit_id": unit.id,
                            "property_id": prop.id,
                            "team_id": teams[prop].id,
                            "user_id": staff[n % 2].id,
                            "reported_date": reported,
                        }
                    )
                    ticket.write({"first_response_date": reported + timedelta(minutes=response)})
                    if rng.random() < 0.93:
                        resolved_at = reported + timedelta(hours=solve_hours)
                        vals = {"stage_id": resolved.id, "resolved_date": resolved_at}
                        if solve_hours > 24:
                            vals["overdue_explanation"] = "配件到货延迟，已向住户致歉。"
                        ticket.write(vals)
                        # Closed a day later, as months-old work is: off the desk's open list.
                        ticket.write({"stage_id": closed.id, "closed_date": resolved_at + timedelta(days=1)})
                    tickets |= ticket
        return tickets
