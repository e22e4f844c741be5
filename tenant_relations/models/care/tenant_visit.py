# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..resident.tenant_occupancy import HOLDER_ROLES
from ..ticket.tenant_ticket import FOLLOWUP_DAYS_PARAM

VISIT_KINDS = [
    ("move_in", "Move-in follow-up"),
    ("periodic", "Periodic"),
    ("ticket", "After a closed ticket"),
    ("complaint", "Complaint follow-up"),
    ("ad_hoc", "Ad hoc"),
]
POST_TICKET_KINDS = ("ticket", "complaint")
UNSATISFIED = ("1", "2")

MOVE_IN_MONTHS_PARAM = "tenant_relations.visit_move_in_months"
OWNER_MONTHS_PARAM = "tenant_relations.visit_owner_months"
TENANT_MONTHS_PARAM = "tenant_relations.visit_tenant_months"
# The planners, in the order the cron runs them, with their on/off switch (on when unset).
PLANNER_SWITCH_PARAMS = {
    "move_in": "tenant_relations.visit_move_in_enabled",
    "periodic": "tenant_relations.visit_periodic_enabled",
    "ticket": "tenant_relations.visit_ticket_enabled",
}
DEFAULT_MONTHS = {MOVE_IN_MONTHS_PARAM: 1, OWNER_MONTHS_PARAM: 6, TENANT_MONTHS_PARAM: 3}
DEFAULT_FOLLOWUP_DAYS = 3
MAX_FOLLOWUP_DAYS = 60
# Tickets closed longer ago than this are not caught up by the cron (e.g. when the module is
# installed on a database with years of closed tickets).
TICKET_LOOKBACK_DAYS = 30
# The resident's preferred channel, when it is one a visit can use.
PREFERRED_TO_VISIT_CHANNEL = {"wechat": "wechat", "phone": "phone", "sms": "phone"}
VISIT_TO_TICKET_CHANNEL = {"phone": "hotline", "on_site": "walk_in", "wechat": "wechat", "video": "app"}


class TenantVisit(models.Model):
    """A return visit (回访): a call or a visit to a resident after moving in, periodically or
    after a closed ticket, with its outcome and the resident's satisfaction."""

    _name = "tenant.visit"
    _description = "Return Visit"
    _inherit = ["tenant.rule.guard.mixin", "tenant.mail.sender.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "planned_date desc, id desc"
    _tenant_placement_fields = ("property_id", "company_id")
    _tenant_placement_triggers = ("unit_id", "company_id")

    kind = fields.Selection(VISIT_KINDS, required=True, default="ad_hoc", tracking=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Resident", required=True, index=True, ondelete="cascade", tracking=True
    )
    unit_id = fields.Many2one(
        "tenant.unit",
        compute="_compute_unit_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
    )
    property_id = fields.Many2one(related="unit_id.property_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        required=True,
        index=True,
        help="The company of the unit; the current company for a visit without a unit.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
    )
    planned_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    channel = fields.Selection(
        [("phone", "Phone"), ("on_site", "On site"), ("wechat", "WeChat"), ("video", "Video call")],
        required=True,
        default="phone",
        tracking=True,
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        tracking=True,
        index=True,
        copy=False,
    )
    outcome = fields.Selection(
        [("reached", "Reached"), ("not_reached", "Not reached"), ("refused", "Refused")],
        tracking=True,
        copy=False,
    )
    visit_date = fields.Date(string="Visited On", tracking=True, copy=False)
    satisfaction = fields.Selection(
        [
            ("1", "Very unsatisfied"),
            ("2", "Unsatisfied"),
            ("3", "Neutral"),
            ("4", "Satisfied"),
            ("5", "Very satisfied"),
        ],
        tracking=True,
        copy=False,
    )
    notes = fields.Html()
    ticket_id = fields.Many2one(
        "tenant.ticket",
        string="Followed-up Ticket",
        index="btree_not_null",
        ondelete="set null",
        help="The closed ticket this visit checks on.",
    )
    followed_ticket_ids = fields.Many2many(
        "tenant.ticket",
        "tenant_visit_followed_ticket_rel",
        "visit_id",
        "ticket_id",
        string="Also Followed-up",
        readonly=True,
        copy=False,
        help="Other tickets the resident closed the same day, checked on in this same visit: "
        "one return call per resident and day.",
    )
    new_ticket_id = fields.Many2one(
        "tenant.ticket",
        string="Ticket Opened",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The ticket opened for a new issue raised during the visit.",
    )
    reason_key = fields.Char(
        index=True,
        copy=False,
        readonly=True,
        help="What the planner planned the visit for (a move-in, a period, a ticket), "
        "so that it never plans the same visit twice.",
    )

    _sql_constraints = [
        (
            "reason_uniq",
            "unique(partner_id, kind, reason_key)",
            "This return visit was already planned for this resident.",
        ),
    ]

    @api.depends("ticket_id", "partner_id")
    def _compute_unit_id(self):
        """The unit of the followed-up ticket, else the resident's only current unit, so that the
        agent does not look it up; a resident with several units is left to choose."""
        for visit in self:
            if visit.ticket_id.unit_id:
                visit.unit_id = visit.ticket_id.unit_id
            elif visit.partner_id and visit.unit_id not in visit.partner_id.tenant_unit_ids:
                units = visit.partner_id.tenant_unit_ids
                visit.unit_id = units if len(units) == 1 else False

    @api.depends("unit_id")
    def _compute_company_id(self):
        for visit in self:
            visit.company_id = visit.unit_id.company_id or visit.company_id or self.env.company

    @api.depends("kind", "partner_id.name")
    @api.depends_context("lang")  # the kind's label: each reader's language, not the first one's
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for visit in self:
            visit.display_name = " - ".join(filter(None, [kinds.get(visit.kind), visit.partner_id.name]))

    @api.constrains("state", "outcome", "visit_date", "satisfaction")
    def _check_outcome(self):
        for visit in self:
            if visit.outcome and not visit.visit_date:
                raise ValidationError(
                    self.env._(
                        "%(visit)s: give the date of the visit with its outcome.", visit=visit.display_name
                    )
                )
            if visit.state == "done" and not visit.outcome:
                raise ValidationError(
                    self.env._(
                        "%(visit)s: record the outcome before marking the visit done.",
                        visit=visit.display_name,
                    )
                )
            if visit.satisfaction and visit.outcome != "reached":
                raise ValidationError(
                    self.env._(
                        "%(visit)s: only a resident who was reached can give a satisfaction score.",
                        visit=visit.display_name,
                    )
                )

    # CRUD -------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits._reopen_unsatisfied_tickets()
        return visits

    def write(self, vals):
        res = super().write(vals)
        if {"state", "satisfaction"} & vals.keys():
            self._reopen_unsatisfied_tickets()
        return res

    # Actions ----------------------------------------------------------------------------------

    def action_done(self):
        if any(visit.state == "cancelled" for visit in self):
            raise UserError(self.env._("A cancelled visit cannot be marked done."))
        self.write({"state": "done"})
        self._visit_activities().action_feedback(feedback=self.env._("Return visit done."))
        return True

    def action_cancel(self):
        if any(visit.state == "done" for visit in self):
            raise UserError(self.env._("A visit that took place cannot be cancelled."))
        self.write({"state": "cancelled"})
        self._visit_activities().unlink()
        return True

    def action_open_ticket(self):
        """Open a ticket for a new issue the resident raised during the visit (one click)."""
        self.ensure_one()
        if not self.new_ticket_id:
            ticket = self.env["tenant.ticket"].create(self._prepare_ticket_vals())
            self.new_ticket_id = ticket
            self.message_post(
                body=self.env._("Ticket %(ticket)s opened from this visit.", ticket=ticket.display_name),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "tenant.ticket",
            "res_id": self.new_ticket_id.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _prepare_ticket_vals(self):
        self.ensure_one()
        return {
            "name": self.env._("Raised during a return visit"),
            "partner_id": self.partner_id.id,
            "unit_id": self.unit_id.id,
            "channel": VISIT_TO_TICKET_CHANNEL.get(self.channel, "hotline"),
        }

    # Helpers ----------------------------------------------------------------------------------

    def _visit_activities(self):
        activity_type = self.env.ref("tenant_relations.mail_activity_type_return_visit")
        return self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def _reopen_unsatisfied_tickets(self):
        """An unsatisfied resident after a closed ticket: the problem is not solved, reopen it."""
        visits = self.filtered(
            lambda v: (
                v.state == "done"
                and v.kind in self._get_reopening_kinds()
                and v.satisfaction in UNSATISFIED
                and v.ticket_id
            )
        )
        if not visits:
            return
        # No sudo: reopening changes the ticket, with the rights of whoever records the visit.
        # A visit may point at any ticket, so it must not let its author move a ticket they may
        # not change; they get a note on the visit instead.
        allowed = visits.ticket_id._filtered_access("write")
        for visit in visits.filtered(lambda v: v.ticket_id in allowed):
            visit.ticket_id._action_reopen(
                self.env._(
                    "Reopened: the resident is not satisfied (%(score)s/5) at the return visit of %(date)s.",
                    score=visit.satisfaction,
                    date=visit.visit_date or visit.planned_date,
                )
            )
        for visit in visits.filtered(lambda v: v.ticket_id not in allowed):
            visit.message_post(
                body=self.env._(
                    "The resident is not satisfied, but you may not reopen the ticket this visit "
                    "follows up: ask the team in charge of it."
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _get_reopening_kinds(self):
        """The kinds of visits that check on a ticket: an unsatisfied resident reopens it."""
        return POST_TICKET_KINDS

    @api.model
    def _months(self, key):
        """One of the planner's intervals (MOVE_IN_MONTHS_PARAM, OWNER_MONTHS_PARAM,
        TENANT_MONTHS_PARAM), from one to twelve months."""
        return self.env["ir.config_parameter"]._tenant_get_int_param(key, DEFAULT_MONTHS[key], 1, 12)

    @api.model
    def _followup_days(self):
        """The setting FOLLOWUP_DAYS_PARAM: the return call after a closed ticket is planned this
        many days after the close (0: the same day), within the settings' bounds."""
        return self.env["ir.config_parameter"]._tenant_get_int_param(
            FOLLOWUP_DAYS_PARAM, DEFAULT_FOLLOWUP_DAYS, minimum=0, maximum=MAX_FOLLOWUP_DAYS
        )

    @api.model
    def _is_planner_enabled(self, kind):
        # sudo: global planner switches, read by every user whose action plans a visit (closing a
        # ticket); only whether the planner is on comes out.
        value = self.env["ir.config_parameter"].sudo().get_param(PLANNER_SWITCH_PARAMS[kind], "True")
        return value not in ("False", "0", "")

    @api.model
    def _period(self, day, months):
        """The period of ``months`` months holding ``day``, counted from January: label and start."""
        index = (day.month - 1) // months + 1
        return f"{day.year}-P{index}", date(day.year, (index - 1) * months + 1, 1)

    @api.model
    def _responsible_users(self, properties):
        """Who makes the visits of each property: its manager, else the leader of a team serving
        it, else the administrator."""
        teams = self.env["tenant.team"].search(
            [("property_ids", "in", properties.ids), ("leader_id", "!=", False)], order="sequence, id"
        )
        admin = self.env.ref("base.user_admin")
        users = {}
        for prop in properties:
            leader = next((t.leader_id for t in teams if prop in t.property_ids), None)
            users[prop] = prop.manager_id or leader or admin
        users[properties.browse()] = admin
        return users

    @api.model
    def _preferred_channel(self, partner):
        return PREFERRED_TO_VISIT_CHANNEL.get(partner.tenant_preferred_channel, "phone")

    def _create_activities(self):
        """One activity per planned visit, on the calendar of the responsible staff member."""
        activity_type = self.env.ref("tenant_relations.mail_activity_type_return_visit")
        model_id = self.env["ir.model"]._get_id(self._name)
        # Quick update: no e-mail per activity; staff find them in their activities and calendar.
        # The summary and the visit's name are written in each assignee's language.
        return (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            ._tenant_create_for_assignees(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": visit.id,
                        "activity_type_id": activity_type.id,
                        "date_deadline": visit.planned_date,
                        "user_id": visit.user_id.id,
                    }
                    for visit in self
                ]
            )
        )

    @api.model
    def _create_planned(self, vals_list):
        # Planned by the job in bulk: no "created" message nor field tracking per visit (about
        # ten queries each); the activity on the staff's calendar is what announces a visit.
        visits = self.with_context(tracking_disable=True, mail_create_nolog=True).create(vals_list)
        if visits:
            visits.mapped("display_name")  # one read for the activities' res_name, not one per visit
            visits._create_activities()
        return visits

    # Planner ----------------------------------------------------------------------------------

    @api.model
    def _cron_plan_visits(self, batch_size=500):
        """Plan the due return visits of every enabled kind, ``batch_size`` at most per run.

        Each kind excludes what it already planned (by ``reason_key``), so the cron is safe to run
        twice; it is re-triggered while candidates remain.
        """
        visits = self.browse()
        remaining = 0
        for kind in PLANNER_SWITCH_PARAMS:
            if not self._is_planner_enabled(kind):
                continue
            planned, left = getattr(self, f"_plan_{kind}_visits")(max(batch_size - len(visits), 0))
            visits |= planned
            remaining += left
        self.env["ir.cron"]._notify_progress(done=len(visits), remaining=remaining)
        return visits

    @api.model
    def _get_move_in_candidates_domain(self):
        """Owners and tenants who moved in, until a month after their follow-up was due."""
        today = fields.Date.context_today(self)
        months = self._months(MOVE_IN_MONTHS_PARAM)
        return [
            ("is_current", "=", True),
            ("role", "in", HOLDER_ROLES),
            ("move_in_date", "<=", today),
            ("move_in_date", ">=", today - relativedelta(months=months + 1)),
        ]

    @api.model
    def _plan_move_in_visits(self, limit):
        # The window of the domain keeps the candidates few: read them all, then drop in one
        # query those whose partner already had a move-in visit for the unit.
        occupancies = self.env["tenant.occupancy"].search(
            self._get_move_in_candidates_domain(), order="move_in_date, id"
        )
        if not occupancies:
            return self.browse(), 0
        visited = {
            (partner.id, unit.id)
            for partner, unit in self._read_group(
                [
                    ("kind", "=", "move_in"),
                    ("partner_id", "in", occupancies.partner_id.ids),
                    ("unit_id", "in", occupancies.unit_id.ids),
                ],
                ["partner_id", "unit_id"],
            )
        }
        todo = occupancies.filtered(lambda o: (o.partner_id.id, o.unit_id.id) not in visited)
        batch = todo[:limit]
        months = self._months(MOVE_IN_MONTHS_PARAM)
        users = self._responsible_users(batch.property_id)
        visits = self._create_planned(
            [
                {
                    "kind": "move_in",
                    "partner_id": occ.partner_id.id,
                    "unit_id": occ.unit_id.id,
                    "user_id": users[occ.property_id].id,
                    "planned_date": occ.move_in_date + relativedelta(months=months),
                    "channel": self._preferred_channel(occ.partner_id),
                    "reason_key": f"move_in:{occ.id}",
                }
                for occ in batch
            ]
        )
        return visits, len(todo) - len(batch)

    @api.model
    def _get_periodic_candidates_domain(self, role, label, period_start):
        """Current owners (or tenants) who lived there before the period began (newcomers get
        their move-in follow-up instead) and have no visit for the period yet."""
        planned = self._search([("kind", "=", "periodic"), ("reason_key", "=", label)])
        return [
            ("is_current", "=", True),
            ("role", "=", role),
            ("move_in_date", "<", period_start),
            ("partner_id", "not in", planned.subselect(SQL.identifier(planned.table, "partner_id"))),
        ]

    @api.model
    def _plan_periodic_visits(self, limit):
        today = fields.Date.context_today(self)
        Occupancy = self.env["tenant.occupancy"]
        visits = self.browse()
        remaining = 0
        for role, param in (("owner", OWNER_MONTHS_PARAM), ("tenant", TENANT_MONTHS_PARAM)):
            period, start = self._period(today, self._months(param))
            label = f"{role}:{period}"
            domain = self._get_periodic_candidates_domain(role, label, start)
            budget = limit - len(visits)
            occupancies = Occupancy.search(domain, limit=budget, order="id") if budget else Occupancy
            if len(occupancies) == budget:
                remaining += Occupancy.search_count(domain) - budget
            # One visit per person and period, at the first of their units.
            first = {}
            for occ in occupancies:
                first.setdefault(occ.partner_id, occ)
            users = self._responsible_users(occupancies.property_id)
            visits |= self._create_planned(
                [
                    {
                        "kind": "periodic",
                        "partner_id": partner.id,
                        "unit_id": occ.unit_id.id,
                        "user_id": users[occ.property_id].id,
                        "planned_date": today,
                        "channel": self._preferred_channel(partner),
                        "reason_key": label,
                    }
                    for partner, occ in first.items()
                ]
            )
        return visits, remaining

    @api.model
    def _get_ticket_candidates_domain(self):
        """Tickets closed lately, with a reporter, that no post-ticket visit follows up yet."""
        since = fields.Datetime.now() - relativedelta(days=TICKET_LOOKBACK_DAYS)
        followed = self._search([("kind", "in", POST_TICKET_KINDS), ("ticket_id", "!=", False)])
        return [
            ("is_closed", "=", True),
            ("closed_date", ">=", since),
            ("partner_id", "!=", False),
            ("id", "not in", followed.subselect(SQL.identifier(followed.table, "ticket_id"))),
            ("id", "not in", SQL("(SELECT ticket_id FROM tenant_visit_followed_ticket_rel)")),
        ]

    @api.model
    def _plan_ticket_visits(self, limit):
        Ticket = self.env["tenant.ticket"]
        domain = self._get_ticket_candidates_domain()
        tickets = Ticket.search(domain, limit=limit, order="closed_date, id") if limit else Ticket
        remaining = Ticket.search_count(domain) - limit if len(tickets) == limit else 0
        return self._plan_for_tickets(tickets), remaining

    @api.model
    def _plan_for_tickets(self, tickets):
        """A visit after each closed ticket with a reporter, unless one follows it up already.

        Called when tickets close, and by the cron as a safety net.
        """
        if not self._is_planner_enabled("ticket"):
            return self.browse()
        tickets = tickets.filtered(lambda t: t.is_closed and t.closed_date and t.partner_id)
        if not tickets:
            return self.browse()
        followed = self.search_fetch(
            [
                ("kind", "in", POST_TICKET_KINDS),
                "|",
                ("ticket_id", "in", tickets.ids),
                ("followed_ticket_ids", "in", tickets.ids),
            ],
            ["ticket_id", "followed_ticket_ids"],
        )
        tickets -= followed.ticket_id | followed.followed_ticket_ids
        days = self._followup_days()
        users = self._responsible_users(tickets.property_id)
        # One return call per resident and day: a ticket closed the same day as another of the
        # same kind is checked on in the visit already planned (or planned in this batch).
        planned = {
            (visit.partner_id.id, visit.kind, visit.planned_date): visit
            for visit in self.search(
                [
                    ("kind", "in", POST_TICKET_KINDS),
                    ("state", "=", "planned"),
                    ("partner_id", "in", tickets.partner_id.ids),
                ]
            )
        }
        joined = defaultdict(lambda: self.env["tenant.ticket"])
        vals_by_key = {}
        for ticket in tickets:
            kind = "complaint" if ticket.kind == "complaint" else "ticket"
            planned_date = fields.Datetime.context_timestamp(self, ticket.closed_date).date() + relativedelta(
                days=days
            )
            key = (ticket.partner_id.id, kind, planned_date)
            if key in planned:
                joined[planned[key]] |= ticket
            elif key in vals_by_key:
                vals_by_key[key]["followed_ticket_ids"].append(Command.link(ticket.id))
            else:
                vals_by_key[key] = {
                    "kind": kind,
                    "partner_id": ticket.partner_id.id,
                    "unit_id": ticket.unit_id.id,
                    "ticket_id": ticket.id,
                    "followed_ticket_ids": [],
                    "user_id": (
                        ticket.property_id.manager_id or ticket.team_id.leader_id or users[ticket.property_id]
                    ).id,
                    "planned_date": planned_date,
                    "channel": self._preferred_channel(ticket.partner_id),
                    "reason_key": f"ticket:{ticket.id}",
                }
        for visit, more in joined.items():
            visit.followed_ticket_ids = [Command.link(ticket.id) for ticket in more]
        return self._create_planned(list(vals_by_key.values()))
