# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import create_index

# The ticket's vocabulary: SLA policies, categories and the event feedback wizard match or offer
# the same values.
TICKET_KINDS = [
    ("repair", "Repair"),
    ("complaint", "Complaint"),
    ("inquiry", "Inquiry"),
    ("suggestion", "Suggestion"),
    ("praise", "Praise"),
    ("feedback", "Feedback"),
]
URGENCIES = [("urgent", "Urgent"), ("normal", "Normal")]
COMPLAINT_GRADES = [("general", "General"), ("complex", "Complex"), ("major", "Major")]
CHANNELS = [
    ("hotline", "Hotline"),
    ("wechat", "WeChat"),
    ("app", "App"),
    ("portal", "Portal"),
    ("email", "E-mail"),
    ("walk_in", "Walk-in"),
    ("social", "Social media"),
    ("anonymous", "Anonymous"),
]
FOLLOWUP_DAYS_PARAM = "tenant_relations.followup_days"
# What SLA policies match a ticket on (tenant.sla.policy._matcher, through _match_values): the one
# list that decides when they are re-applied, on a write of one of these fields or of a field one
# of them is computed from (see _get_sla_trigger_fields).
SLA_MATCH_FIELDS = (
    "kind",
    "category_id",
    "urgency",
    "complaint_grade",
    "channel",
    "company_id",
    "property_id",
    "team_id",
)
# Writing these may move the ticket to another property or team (through the stored computes).
PLACEMENT_FIELDS = {"partner_id", "unit_id", "property_id", "team_id"}
PROMISE_STATES = [("ok", "On time"), ("warning", "Due soon"), ("overdue", "Overdue"), ("met", "Met")]
PROMISE_TARGETS = (("first_response", "promised_response"), ("resolution", "promised_resolution"))
# Secrets kept on the ticket for the system (the document token, the hash of the anonymous
# follow-up code): offered nowhere in the web client, neither to group, filter nor export by.
INTERNAL_FIELDS = ("access_token", "anonymous_code_hash")


class TenantTicket(models.Model):
    """A service request or complaint (工单) from a resident, under SLA policies."""

    _name = "tenant.ticket"
    _description = "Ticket"
    _inherit = [
        "tenant.rule.guard.mixin",
        "tenant.mail.sender.mixin",
        "portal.mixin",
        "mail.thread.cc",
        "mail.activity.mixin",
        "rating.mixin",
    ]
    _order = "priority desc, id desc"
    _rec_names_search = ["number", "name"]
    _primary_email = "partner_email"
    # Whoever may read a ticket may write in its chatter: portal users (the reporter, the household's
    # main contact) have no write right on tickets, and must not need the document token to post.
    _mail_post_access = "read"
    _tenant_placement_fields = ("property_id", "company_id")
    _tenant_placement_triggers = ("partner_id", "unit_id", "property_id", "company_id")

    number = fields.Char(string="Ticket Number", readonly=True, copy=False, default="/", index="trigram")
    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Html()
    kind = fields.Selection(TICKET_KINDS, required=True, default="repair", tracking=True)
    category_id = fields.Many2one("tenant.ticket.category", tracking=True, index="btree_not_null")
    urgency = fields.Selection(
        URGENCIES,
        compute="_compute_urgency",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    complaint_grade = fields.Selection(
        COMPLAINT_GRADES,
        compute="_compute_complaint_grade",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    channel = fields.Selection(CHANNELS, required=True, default="hotline", tracking=True)
    partner_id = fields.Many2one("res.partner", string="Reporter", tracking=True, index="btree_not_null")
    # A copy taken when the reporter is chosen: correcting it on a ticket never rewrites the contact.
    partner_email = fields.Char(
        string="Reporter E-mail",
        compute="_compute_partner_contact",
        store=True,
        readonly=False,
        precompute=True,
        help="Where this ticket's e-mails go; copied from the contact, editing it here leaves the contact "
        "as it is.",
    )
    partner_phone = fields.Char(
        string="Reporter Phone",
        compute="_compute_partner_contact",
        store=True,
        readonly=False,
        precompute=True,
        help="Copied from the contact (phone, else mobile); editing it here leaves the contact as it is.",
    )
    partner_phone_warning = fields.Char(
        string="Reporter Phone Warning",
        compute="_compute_partner_phone_warning",
        help="Why the reporter phone cannot be dialled as it is written, read in the reporter's country.",
    )
    partner_name = fields.Char(
        string="Caller Name",
        copy=False,
        help="An unknown caller's name: on saving, a contact is made from it and the phone number.",
    )
    partner_unit_ids = fields.Many2many(
        "tenant.unit", string="Reporter's Current Units", compute="_compute_partner_unit_ids"
    )
    partner_unit_count = fields.Integer(compute="_compute_partner_unit_ids")
    unit_id = fields.Many2one(
        "tenant.unit",
        compute="_compute_unit_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index="btree_not_null",
    )
    property_id = fields.Many2one(
        "tenant.property",
        compute="_compute_property_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
    )
    team_id = fields.Many2one(
        "tenant.team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Assigned to", tracking=True, index=True, domain=[("share", "=", False)]
    )
    stage_id = fields.Many2one(
        "tenant.ticket.stage",
        default=lambda self: self._default_stage(),
        group_expand="_read_group_expand_full",
        tracking=True,
        index=True,
        ondelete="restrict",
        copy=False,
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, index=True)
    priority = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Very high")],
        compute="_compute_priority",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    tag_ids = fields.Many2many("tenant.ticket.tag", string="Tags")
    color = fields.Integer()
    reported_date = fields.Datetime(
        string="Reported On",
        required=True,
        default=fields.Datetime.now,
        copy=False,
        help="When the resident raised it; SLA clocks start here (a call logged late counts from the call).",
    )
    first_response_date = fields.Datetime(string="First Response", readonly=True, copy=False)
    resolved_date = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    closed_date = fields.Datetime(string="Closed On", readonly=True, copy=False, index="btree_not_null")
    resolution_note = fields.Html()
    overdue_explanation = fields.Text(
        help="Why the ticket is late; sent to the resident when the ticket is resolved late."
    )
    explanation_sent = fields.Boolean(readonly=True, copy=False)
    sla_line_ids = fields.One2many("tenant.ticket.sla", "ticket_id", string="SLA", copy=False)
    sla_deadline = fields.Datetime(
        string="SLA Deadline",
        compute="_compute_sla_summary",
        store=True,
        index="btree_not_null",
        help="The nearest deadline of the running SLA lines.",
    )
    sla_breached = fields.Boolean(compute="_compute_sla_summary", store=True)
    sla_overdue = fields.Boolean(
        compute="_compute_sla_state",
        search="_search_sla_overdue",
        help="Open and past a deadline: a running target whose deadline has passed, or a breach not yet "
        "made good (whether the escalation job has already flagged it or not).",
    )
    sla_breaching_soon = fields.Boolean(compute="_compute_sla_state", search="_search_sla_breaching_soon")
    promised_response = fields.Char(compute="_compute_promises")
    promised_resolution = fields.Char(compute="_compute_promises")
    promised_response_state = fields.Selection(PROMISE_STATES, compute="_compute_promises")
    promised_resolution_state = fields.Selection(PROMISE_STATES, compute="_compute_promises")
    promise_tz = fields.Char(
        string="Time Zone", compute="_compute_promises", help="The time zone the promised times are shown in."
    )
    # The portal record rules of tickets and of their SLA lines, and the portal's list, all search
    # this field: the household rule is written once, in _get_portal_reader_domain.
    portal_partner_ids = fields.Many2many(
        "res.partner",
        string="Portal Readers",
        compute="_compute_portal_partner_ids",
        search="_search_portal_partner_ids",
        groups="base.group_user",
        help="The residents who follow this request on the portal: its reporter, and the main contact "
        "of the household the reporter now lives in, if the request is about that household's unit.",
    )

    def init(self):
        # The list's default order (_order): the first page of tickets, and of open tickets (the
        # default filter, whose SQL must match the predicate word for word), read from an index
        # instead of sorting the whole table.
        create_index(self.env.cr, "tenant_ticket_list_order_idx", self._table, ["priority", "id"])
        create_index(
            self.env.cr,
            "tenant_ticket_open_list_order_idx",
            self._table,
            ["priority", "id"],
            where='("tenant_ticket"."is_closed" IS NULL OR "tenant_ticket"."is_closed" = FALSE)',
        )

    def _default_stage(self):
        return self.env["tenant.ticket.stage"].search([], limit=1)

    @api.depends("category_id")
    def _compute_urgency(self):
        for ticket in self:
            if ticket.category_id:
                ticket.urgency = ticket.category_id.default_urgency or "normal"
            elif not ticket.urgency:
                ticket.urgency = "normal"

    @api.depends("urgency")
    def _compute_priority(self):
        """An urgent ticket (a gas smell, a burst pipe) is high priority from the start.

        Lists sort by priority: an emergency left at Normal sat among the day's routine calls.
        Staff may still set another priority by hand; a breach raises it as before.
        """
        for ticket in self:
            ticket.priority = "2" if ticket.urgency == "urgent" else (ticket.priority or "1")

    @api.depends("kind")
    def _compute_complaint_grade(self):
        """A complaint is general until staff say otherwise; other kinds have no grade.

        The complaint policies match on the grade: an ungraded complaint (every one from the
        portal, the feedback box or an agent who did not think of it) had no resolution promise.
        """
        for ticket in self:
            if ticket.kind != "complaint":
                ticket.complaint_grade = False
            elif not ticket.complaint_grade:
                ticket.complaint_grade = "general"

    @api.depends("partner_id")
    def _compute_partner_contact(self):
        # Only on a change of reporter (not of the contact's own e-mail later): the ticket keeps
        # the address the resident gave for this request.
        for ticket in self:
            ticket.partner_email = ticket.partner_id.email
            ticket.partner_phone = ticket.partner_id.phone or ticket.partner_id.mobile

    @api.depends("partner_phone", "partner_id.country_id", "partner_id.company_id")
    def _compute_partner_phone_warning(self):
        # The contact reads the number: in its country, else its company's (without a reporter,
        # the current company's).
        for ticket in self:
            ticket.partner_phone_warning = ticket.partner_id[:1]._tenant_phone_problem(ticket.partner_phone)

    @api.depends("partner_id")
    def _compute_partner_unit_ids(self):
        for ticket in self:
            ticket.partner_unit_ids = ticket.partner_id.tenant_unit_ids
            ticket.partner_unit_count = len(ticket.partner_unit_ids)

    @api.depends("partner_id")
    def _compute_unit_id(self):
        """The reporter's unit when they live in exactly one; with several the agent chooses.

        Depends on the reporter only: a later move-out never changes where an old ticket was.
        """
        for ticket in self:
            units = ticket.partner_id.tenant_unit_ids
            if len(units) == 1:
                ticket.unit_id = units
            elif ticket.unit_id not in units:
                ticket.unit_id = False

    @api.depends("unit_id")
    def _compute_property_id(self):
        """The unit's property; a new ticket without a unit goes to the property of the staff
        member filing it, when they work for exactly one (see _desk_property)."""
        desk_property = None
        for ticket in self:
            if ticket.unit_id:
                ticket.property_id = ticket.unit_id.property_id
            elif not ticket.property_id and not ticket._origin:
                if desk_property is None:
                    desk_property = self._desk_property()
                ticket.property_id = desk_property

    @api.depends("property_id")
    def _compute_company_id(self):
        for ticket in self:
            ticket.company_id = ticket.property_id.company_id or ticket.company_id or self.env.company

    @api.depends("property_id")
    def _compute_team_id(self):
        properties = self.property_id
        teams = self.env["tenant.team"].search([("property_ids", "in", properties.ids)]) if properties else []
        for ticket in self:
            if ticket.team_id and (
                not ticket.property_id or ticket.property_id in ticket.team_id.property_ids
            ):
                continue
            ticket.team_id = next((t for t in teams if ticket.property_id in t.property_ids), ticket.team_id)

    @api.depends("sla_line_ids.status", "sla_line_ids.deadline")
    def _compute_sla_summary(self):
        for ticket in self:
            running = ticket.sla_line_ids.filtered(lambda line: line.status == "running")
            ticket.sla_deadline = min(running.mapped("deadline")) if running else False
            ticket.sla_breached = "breached" in ticket.sla_line_ids.mapped("status")

    @api.depends_context("uid")
    def _compute_sla_state(self):
        now = fields.Datetime.now()
        overdue_domain = self.env["tenant.ticket.sla"]._get_overdue_domain(now)
        for ticket in self:
            running = ticket.sla_line_ids.filtered(lambda line: line.status == "running")
            ticket.sla_overdue = not ticket.is_closed and bool(
                ticket.sla_line_ids.filtered_domain(overdue_domain)
            )
            ticket.sla_breaching_soon = any(line.warning_date <= now < line.deadline for line in running)

    def _search_sla_overdue(self, operator, value):
        line_domain = self.env["tenant.ticket.sla"]._get_overdue_domain(fields.Datetime.now())
        return self._sla_search(operator, value, [("is_closed", "=", False)], line_domain)

    def _search_sla_breaching_soon(self, operator, value):
        now = fields.Datetime.now()
        return self._sla_search(
            operator,
            value,
            [],
            [("status", "=", "running"), ("warning_date", "<=", now), ("deadline", ">", now)],
        )

    def _sla_search(self, operator, value, ticket_domain, line_domain):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on SLA state."))
        positive = (operator == "=") == value
        domain = expression.AND([ticket_domain, [("sla_line_ids", "any", line_domain)]])
        return domain if positive else ["!", *domain]

    @api.depends(
        "sla_line_ids.deadline",
        "sla_line_ids.warning_date",
        "sla_line_ids.target",
        "sla_line_ids.status",
        *SLA_MATCH_FIELDS,
        "reported_date",
    )
    @api.depends_context("tz", "uid")
    def _compute_promises(self):
        """The promised times, from the SLA lines once saved, from the matching policies before.

        An agent on the phone reads them out as soon as kind, category and urgency are chosen.
        """
        now = fields.Datetime.now()
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        previews = self.filtered(lambda t: not t._origin)._preview_promises()
        for ticket in self:
            ticket.promise_tz = tz
            for target, fname in PROMISE_TARGETS:
                if not ticket._origin:
                    deadline, warning = previews.get(ticket, {}).get(target, (False, False))
                    state = ticket._promise_state(now, deadline, warning)
                else:
                    lines = ticket.sla_line_ids.filtered(lambda line, t=target: line.target == t)
                    deadline = min(lines.mapped("deadline")) if lines else False
                    state = ticket._promise_state_from_lines(now, lines)
                ticket[fname] = (
                    fields.Datetime.context_timestamp(ticket, deadline).strftime("%Y-%m-%d %H:%M")
                    if deadline
                    else False
                )
                ticket[f"{fname}_state"] = state

    @api.model
    def _promise_state(self, now, deadline, warning):
        if not deadline:
            return False
        if deadline <= now:
            return "overdue"
        return "warning" if warning and warning <= now else "ok"

    @api.model
    def _promise_state_from_lines(self, now, lines):
        if not lines:
            return False
        if "breached" in lines.mapped("status"):
            return "overdue"
        running = lines.filtered(lambda line: line.status == "running")
        if not running and all(line.status == "met" for line in lines):
            return "met"
        if any(line.deadline <= now for line in running):
            return "overdue"
        return "warning" if any(line.warning_date <= now for line in running) else "ok"

    def _compute_portal_partner_ids(self):
        # sudo: who lives where decides it, which the reading user may not see. The readers are
        # among the reporter and the unit's current main contacts (the household branch asks the
        # reader to be one), and each is kept only if the one domain says so.
        for ticket in self:
            ticket_sudo = ticket.sudo()
            main_contacts = ticket_sudo.unit_id.occupancy_ids.filtered(
                lambda occ: occ.is_main_contact and occ.is_current
            ).partner_id
            ticket.portal_partner_ids = (ticket_sudo.partner_id | main_contacts).filtered(
                lambda partner, t=ticket_sudo: t.filtered_domain(self._get_portal_reader_domain(partner.id))
            )

    def _search_portal_partner_ids(self, operator, value):
        """The requests these residents follow on the portal (``in`` / ``=`` partner ids only)."""
        if operator not in ("in", "="):
            raise UserError(self.env._("Unsupported search on the portal readers of a request."))
        partner_ids = [value] if isinstance(value, int) else [pid for pid in value or () if pid]
        if not partner_ids:
            return expression.FALSE_DOMAIN
        domain = expression.OR([self._get_portal_reader_domain(partner_id) for partner_id in partner_ids])
        # sudo: the household branch looks at the other members' occupancies, which a resident may
        # not read; record rules are evaluated as the superuser anyway. Only a subquery of ticket
        # ids comes out: a search with this domain still runs with the user's own rules, so it can
        # only narrow what they read, never widen it.
        return [("id", "in", self.sudo()._search(domain))]

    @api.model
    def _get_portal_reader_domain(self, partner_id):
        """The requests resident ``partner_id`` follows on the portal: the one household rule.

        Their own requests, and those of their household: a request about a unit they are now the
        main contact of, reported by somebody who now lives in such a unit. The requests of earlier
        occupants of the unit stay with those occupants, and a member who moved out takes theirs
        along. The portal record rules of tickets and SLA lines (through ``portal_partner_ids``) and
        the portal's list of requests all read it; a customer's addon may override it.
        """
        main_contact = [
            ("partner_id", "=", partner_id),
            ("is_main_contact", "=", True),
            ("is_current", "=", True),
        ]
        return [
            "|",
            ("partner_id", "=", partner_id),
            "&",
            ("unit_id.occupancy_ids", "any", main_contact),
            (
                "partner_id.tenant_occupancy_ids",
                "any",
                [("is_current", "=", True), ("unit_id.occupancy_ids", "any", main_contact)],
            ),
        ]

    @api.onchange("partner_phone")
    def _onchange_partner_phone(self):
        """A number typed before any reporter: the contact who has it is proposed as the reporter.

        Several contacts with that number are named for the agent to choose; none means an unknown
        caller, who becomes a contact on saving (see _prepare_caller_contacts).
        """
        if self.partner_id or not self.partner_phone:
            return None
        matches = self._find_callers(self.partner_phone)
        if len(matches) == 1:
            self.partner_id = matches
            return None
        if matches:
            return {
                "warning": {
                    "title": self.env._("Several contacts have this number"),
                    "message": self.env._(
                        "%(names)s: choose the caller in Reporter.",
                        names=", ".join(matches.mapped("display_name")),
                    ),
                }
            }
        return None

    # CRUD -----------------------------------------------------------------------------------

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """Hide INTERNAL_FIELDS from custom group-by, filters and export (administrators, who hold
        the fields' group, were offered 安全令牌 and 匿名查询码哈希 there)."""
        result = super().fields_get(allfields, attributes)
        for name in INTERNAL_FIELDS:
            description = result.get(name)
            if description is None:
                continue
            for key in ("groupable", "searchable", "sortable", "exportable"):
                if key in description:
                    description[key] = False
        return result

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("number", "/") == "/":
                vals["number"] = sequence.next_by_code("tenant.ticket") or "/"
            # The portal token exists from the start, as _portal_ensure_token would make it: the
            # first view of the ticket page is then a pure read, which never collides with
            # anything (a write on a GET can fail to serialize under load).
            # Only the system may bring a token (imports, migrations): one chosen by a user would be
            # known to them, and the token is the reporter's alone (see models/portal/tenant_ticket.py).
            if not vals.get("access_token") or not self.env.su:
                vals["access_token"] = str(uuid.uuid4())
        self._prepare_caller_contacts(vals_list)
        # A ticket filed in the name of another property's resident would mail them (the
        # acknowledgement) and make them its always-reachable reporter: as addressing them.
        self._check_staff_recipients([vals["partner_id"] for vals in vals_list if vals.get("partner_id")])
        tickets = super().create(vals_list)
        tickets._check_unit_chosen()
        tickets._auto_assign()
        tickets._subscribe_reporters()
        # SLA lines are bookkeeping of the ticket: nobody edits them directly (staff only read
        # them), so once the ticket write itself was allowed, its lines are kept up to date as sudo.
        tickets.sudo()._apply_sla_policies()
        if not self.env.context.get("tenant_ticket_no_acknowledgement"):
            tickets._send_acknowledgement()
        return tickets

    def write(self, vals):
        if vals.get("partner_id"):
            # A new reporter is addressed by the ticket's mails from then on (see create).
            self.browse()._check_staff_recipients([vals["partner_id"]])
        if "stage_id" in vals:
            stage = self.env["tenant.ticket.stage"].browse(vals["stage_id"])
            now = fields.Datetime.now()
            if stage.is_resolved or stage.is_closed:
                self._check_overdue_explanation(now, vals.get("overdue_explanation"))
        if "overdue_explanation" in vals:
            vals["explanation_sent"] = False
        previous_stages = {ticket: ticket.stage_id for ticket in self} if "stage_id" in vals else {}
        res = super().write(vals)
        if {"partner_id", "unit_id"} & vals.keys():
            self._check_unit_chosen()
        if "stage_id" in vals:
            self._stamp_resolution(now)
        # sudo: SLA lines follow the ticket, whose write was allowed (see create).
        if self._get_sla_trigger_fields() & vals.keys():
            self.sudo()._apply_sla_policies()
        if PLACEMENT_FIELDS & vals.keys() and "user_id" not in vals:
            # Placed after the first save (unit or team chosen later): assign as on create.
            self._auto_assign()
        if "stage_id" in vals:
            self._on_stage_change(previous_stages)
        if "first_response_date" in vals:
            self.sudo().sla_line_ids.filtered(lambda line: line.target == "first_response")._reach(
                vals["first_response_date"]
            )
        return res

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/tickets/{ticket.id}"
        return res

    @api.depends("number", "name")
    def _compute_display_name(self):
        for ticket in self:
            ticket.display_name = f"{ticket.number} {ticket.name or ''}".strip()

    # Mail -----------------------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to a team alias opens a ticket for the sender's contact."""
        values = dict(custom_values or {})
        partner = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if not partner and msg_dict.get("email_from"):
            partner = self.env["res.partner"].find_or_create(msg_dict["email_from"])
        values.setdefault("name", msg_dict.get("subject") or self.env._("No subject"))
        values.setdefault("channel", "email")
        values["partner_id"] = partner.id
        unit = (
            self.env["tenant.occupancy"]
            .search([("partner_id", "=", partner.id), ("is_current", "=", True)], limit=1)
            .unit_id
        )
        if unit:
            values.setdefault("unit_id", unit.id)
        return super().message_new(msg_dict, custom_values=values)

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, *, partner_ids=None, **kwargs):
        """Staff address the residents of their own properties only (see _check_staff_recipients)."""
        self._check_staff_recipients(partner_ids)
        return super().message_post(partner_ids=partner_ids, **kwargs)

    def message_notify(self, *, partner_ids=False, **kwargs):
        """As message_post: ``message_notify`` is public too, and mails whom it is given."""
        self._check_staff_recipients(partner_ids)
        return super().message_notify(partner_ids=partner_ids, **kwargs)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """As message_post: a follower receives every later message of the ticket."""
        self._check_staff_recipients(partner_ids)
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _check_staff_recipients(self, partner_ids):
        """A staff member working on a ticket (the chatter, the composer, its followers) may not
        mail a resident of a property they do not work for: a ticket is no way to reach other
        properties' households. A resident is a contact with a current occupancy; they may be
        addressed if one of their occupancies is in a property the user works for. Contacts
        without one (contractors, suppliers) and colleagues stay reachable: that is daily work.
        The ticket's own reporter is always reachable, and managers, who see every property, and
        the system (sudo) are exempt.
        """
        if not partner_ids or self.env.su or not self.env.user._is_internal():
            return
        if self.env.user.has_group("tenant_relations.group_tenant_relations_manager"):
            return
        # sudo: the addressed contacts' occupancies and logins are only compared with the
        # properties the user works for; nothing of them is returned but the refused names.
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        partners = partners.filtered(lambda p: not p.user_ids.filtered(lambda u: not u.share))
        occupancies = (
            self.env["tenant.occupancy"]
            .sudo()
            .search([("partner_id", "in", partners.ids), ("is_current", "=", True)])
        )
        properties = self._staff_properties()
        reachable = occupancies.filtered(lambda occ: occ.property_id in properties).partner_id
        strangers = occupancies.partner_id - reachable
        # Each ticket's own reporter stays reachable; a ticket being filed (or given a new
        # reporter: self empty) has none yet.
        for reporter in [ticket.partner_id for ticket in self.sudo()] or [partners.browse()]:
            refused = strangers - reporter
            if refused:
                raise AccessError(
                    self.env._(
                        "You may not address %(names)s from this request: they live in a property "
                        "you do not work for.",
                        names=", ".join(refused.mapped("name")),
                    )
                )

    @api.model
    def _find_callers(self, number):
        """The contacts whose phone or mobile is this number, however it is typed."""
        Partner = self.env["res.partner"]
        domain = Partner._get_tenant_phone_search_domain(number)
        return Partner.search(domain, limit=10) if domain else Partner

    @api.model
    def _prepare_caller_contacts(self, vals_list):
        """An unknown caller becomes a contact: staff filing a ticket with a phone number and no
        reporter get the contact who has that number, or a new one made from the caller's name
        and number. Only for staff at the desk: the portal and the feedback box have their own
        reporter rules, and the system's own tickets (mail, imports) are left as they come.
        """
        if self.env.su or not self.env.user._is_internal():
            return
        for vals in vals_list:
            number = (vals.get("partner_phone") or "").strip()
            if vals.get("partner_id") or not number:
                continue
            existing = self._find_callers(number)
            if len(existing) > 1:
                raise UserError(
                    self.env._(
                        "Several contacts have the number %(number)s (%(names)s): choose the caller in "
                        "Reporter.",
                        number=number,
                        names=", ".join(existing.mapped("display_name")),
                    )
                )
            if not existing:
                # sudo: a desk agent may lack Odoo's Contact Creation right and must still record
                # a caller; the new contact holds only the name and number the agent typed, no
                # existing contact is written, and no resident data (role, units) comes with it.
                existing = (
                    self.env["res.partner"]
                    .sudo()
                    .create({"name": (vals.get("partner_name") or "").strip() or number, "phone": number})
                )
            vals["partner_id"] = existing.id

    def _check_unit_chosen(self):
        """Staff filing a request for a resident who lives in several units say which one.

        Without a unit the ticket has no property, team or assignee: it would wait unseen. The
        form requires the unit then; this refuses what gets past it (an RPC, an import). Mail
        and the system are left alone: an e-mail to the alias cannot be asked anything.
        """
        if self.env.su or not self.env.user._is_internal():
            return
        for ticket in self.filtered(lambda t: t.partner_id and not t.unit_id):
            units = ticket.partner_unit_ids
            if len(units) > 1:
                raise UserError(
                    self.env._(
                        "%(name)s lives in several units (%(units)s): choose the unit this request is about.",
                        name=ticket.partner_id.name,
                        units=", ".join(units.mapped("display_name")),
                    )
                )

    def _desk_property(self):
        """The property whose calls the current staff member takes, when they work for one only.

        A property's hotline agent records an unknown caller, or a question about the estate,
        without a unit: the ticket is still that property's, with its team and an assignee, not
        left unplaced for nobody to see. Staff of several properties choose; the system, mail and
        the portal are left as they are. Read from the user, not ``env.su``: stored fields are
        computed as sudo, for the user who made the change.
        """
        user = self.env.user
        if user._is_superuser() or not user._is_internal():
            return self.env["tenant.property"]
        properties = self._staff_properties()
        return properties.sudo(False) if len(properties) == 1 else self.env["tenant.property"]

    def _staff_properties(self):
        """The properties the current user works for: those they manage or are staff of (as the
        staff record rule on properties reads them)."""
        uid = self.env.uid
        # sudo: the user's own assignments; the multi-company rule is kept by the company filter.
        return (
            self.env["tenant.property"]
            .sudo()
            .search(
                [
                    "|",
                    ("manager_id", "=", uid),
                    ("user_ids", "in", uid),
                    ("company_id", "in", self.env.user.company_ids.ids),
                ]
            )
        )

    def _message_post_after_hook(self, message, msg_vals):
        """The first public message from staff to the resident is the first response."""
        if (
            message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and message.author_id.user_ids
            and not message.author_id.user_ids[0].share
        ):
            self.filtered(lambda t: not t.first_response_date).write({"first_response_date": message.date})
        return super()._message_post_after_hook(message, msg_vals)

    def _send_acknowledgement(self):
        template = self.env.ref(
            "tenant_relations.mail_template_ticket_acknowledgement", raise_if_not_found=False
        )
        if not template:
            return
        for ticket in self.filtered("partner_id.email"):
            # Written by the company, not the current user: a resident filing from the portal
            # is the author of their own request and would otherwise never be notified.
            ticket.message_post_with_source(
                template,
                author_id=ticket._automatic_author().id,
                subtype_xmlid="mail.mt_comment",
                message_type="auto_comment",
            )

    def _automatic_author(self):
        """Automatic mails come from the company, so that they reach whoever triggered them."""
        self.ensure_one()
        return self.company_id.partner_id

    def _subscribe_reporters(self):
        by_partner = defaultdict(list)
        for ticket in self.filtered("partner_id"):
            by_partner[ticket.partner_id.id].append(ticket.id)
        for partner_id, ticket_ids in by_partner.items():
            self.env["mail.followers"]._insert_followers(self._name, ticket_ids, [partner_id])

    # Actions --------------------------------------------------------------------------------

    def action_respond(self):
        """Record that staff answered the resident outside the chatter (e.g. by phone).

        A note in the chatter says who marked it and when: the first response is what the SLA is
        measured on, and a date nobody can trace back would not hold in a complaint.
        """
        tickets = self.filtered(lambda t: not t.first_response_date)
        tickets.write({"first_response_date": fields.Datetime.now()})
        for ticket in tickets:
            ticket.message_post(
                body=self.env._("Marked as responded: the resident was answered outside the chatter."),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_assign_to_me(self):
        self.write({"user_id": self.env.uid})
        return True

    # SLA --------------------------------------------------------------------------------------

    def _auto_assign(self):
        for team, tickets in self.filtered(lambda t: t.team_id and not t.user_id).grouped("team_id").items():
            for ticket, user in zip(tickets, team._pick_assignees(len(tickets)), strict=True):
                if user:
                    ticket.user_id = user

    @api.model
    @tools.ormcache()
    def _get_sla_trigger_fields(self):
        """The fields whose write may change which SLA policies match a ticket: SLA_MATCH_FIELDS
        and the fields they are computed from (the reporter gives the unit, the unit the property,
        the property the company and the team), read from the model's own dependencies so that no
        second list is kept by hand."""
        matched = {self._fields[name] for name in SLA_MATCH_FIELDS}
        return frozenset(
            name
            for name, field in self._fields.items()
            if field in matched or matched.intersection(self.pool.get_dependent_fields(field))
        )

    def _get_sla_policy_domain(self):
        return [("company_id", "in", [False, *self.company_id.ids])]

    def _apply_sla_policies(self):
        """Give each ticket one line per matching policy; drop lines that no longer match.

        Met and breached lines stay: a breach stays a breach.
        """
        Policy = self.env["tenant.sla.policy"]
        matchers = [(policy, policy._matcher()) for policy in Policy.search(self._get_sla_policy_domain())]
        to_unlink = self.env["tenant.ticket.sla"]
        requests = []
        for ticket in self:
            values = Policy._match_values(ticket)
            matching = Policy.browse(policy.id for policy, matches in matchers if matches(values))
            current = ticket.sla_line_ids
            to_unlink |= current.filtered(
                lambda line, m=matching: line.policy_id not in m and line.status in ("running", "paused")
            )
            for policy in matching - current.policy_id:
                requests.append((ticket, policy))
        to_unlink.unlink()
        self._create_sla_lines(requests)

    def _preview_promises(self):
        """``{ticket: {target: (deadline, warning_date)}}`` from the policies matching unsaved tickets.

        The same matching and clock as the SLA lines created on save (see ``_create_sla_lines``),
        for the response and resolution targets only.
        """
        if not self:
            return {}
        Policy = self.env["tenant.sla.policy"]
        now = fields.Datetime.now()
        matchers = [
            (policy, policy._matcher())
            for policy in Policy.search(self._get_sla_policy_domain())
            if policy.target in dict(PROMISE_TARGETS)
        ]
        by_clock = defaultdict(list)
        for ticket in self:
            values = Policy._match_values(ticket)
            for policy, matches in matchers:
                if matches(values):
                    calendar = (
                        self.env["resource.calendar"] if policy.around_the_clock else policy.calendar_id
                    )
                    by_clock[calendar].append((ticket, policy))
        previews = defaultdict(dict)
        for calendar, pairs in by_clock.items():
            plan = []
            for ticket, policy in pairs:
                hours = policy._duration_hours()
                start = ticket.reported_date or now
                plan += [(start, hours), (start, hours * policy.warning_percent / 100)]
            times = Policy._plan_deadlines(calendar, plan)
            for n, (ticket, policy) in enumerate(pairs):
                deadline, warning = times[2 * n], times[2 * n + 1]
                current = previews[ticket].get(policy.target)
                if not current or deadline < current[0]:
                    previews[ticket][policy.target] = (deadline, warning)
        return previews

    def _create_sla_lines(self, requests):
        now = fields.Datetime.now()
        Policy = self.env["tenant.sla.policy"]
        Line = self.env["tenant.ticket.sla"]
        by_clock = defaultdict(list)
        for ticket, policy in requests:
            calendar = self.env["resource.calendar"] if policy.around_the_clock else policy.calendar_id
            by_clock[calendar].append((ticket, policy))
        vals_list = []
        for calendar, pairs in by_clock.items():
            plan = []
            for ticket, policy in pairs:
                start = ticket.reported_date or now
                hours = policy._duration_hours()
                plan += [(start, hours), (start, hours * policy.warning_percent / 100)]
            times = Policy._plan_deadlines(calendar, plan)
            vals_list += [
                Line._prepare_line_vals(ticket, policy, times[2 * n], times[2 * n + 1], now)
                for n, (ticket, policy) in enumerate(pairs)
            ]
        lines = Line.create(vals_list)
        # A policy added to an old ticket whose target is already reached is met (or late) at once.
        first_stage = self._default_stage()
        # A ticket still in its first stage and unanswered has reached no target: skip the checks.
        for line in lines.filtered(
            lambda line: (
                line.ticket_id.first_response_date
                or line.ticket_id.resolved_date
                or line.ticket_id.stage_id != first_stage
            )
        ):
            reached = line.ticket_id._sla_reached_date(line.policy_id)
            if reached:
                line._reach(reached)
        if any(lines.mapped("start_notice_pending")):
            # Told at once, but not inline: the escalation job runs right after this transaction
            # and notifies in batch, so that intake stays fast (see tests/benchmark.py).
            self.env.ref("tenant_relations.ir_cron_escalate_sla")._trigger()
        return lines

    def _sla_reached_date(self, policy):
        self.ensure_one()
        if policy.target == "first_response":
            return self.first_response_date
        if policy.target == "resolution":
            return self.resolved_date
        if self.stage_id.sequence >= policy.stage_id.sequence and self.stage_id != self._default_stage():
            return fields.Datetime.now()
        return False

    def _on_stage_change(self, previous_stages):
        now = fields.Datetime.now()
        for ticket in self:
            stage = ticket.stage_id
            lines = ticket.sudo().sla_line_ids  # bookkeeping of an allowed stage change (see create)
            lines._follow_stage(stage, now)
            if stage.is_resolved or stage.is_closed:
                lines.filtered(lambda line: line.target == "resolution")._reach(ticket.resolved_date or now)
            lines.filtered(
                lambda line, s=stage: (
                    line.target == "stage" and s.sequence >= line.policy_id.stage_id.sequence
                )
            )._reach(now)
            template = ticket._tenant_stage_template(stage)
            if template and previous_stages.get(ticket) != stage and ticket.partner_id:
                # The system's own stage mail to the reporter: it may carry their rating link.
                # Without a reporter it would greet nobody ("Dear ,") and reach no one.
                ticket._with_reporter_links().message_post_with_source(
                    template,
                    author_id=ticket._automatic_author().id,
                    subtype_xmlid="mail.mt_comment",
                    message_type="auto_comment",
                )
        self._send_overdue_explanations()
        closed = self.filtered(lambda t: t.is_closed and not previous_stages.get(t).is_closed)
        closed._plan_followup()

    def _tenant_stage_template(self, stage):
        """The mail the reporter gets when this ticket enters ``stage``: the stage's own. A hook:
        an addon may send something else (a survey instead of the closing rating request)."""
        self.ensure_one()
        return stage.template_id

    def _tenant_rating_offered(self):
        """Whether the reporter is asked to rate this closed ticket on the portal. A hook, as
        _tenant_stage_template: an addon asking otherwise (a survey) may take the rating away."""
        self.ensure_one()
        return True

    def _action_reopen(self, reason):
        """Put resolved or closed tickets back to work, and note ``reason`` on each for the staff.

        The first stage that is neither resolved nor closed, without the resolution and closing
        dates: the ticket counts as open again for its SLA lines, the lists and the KPIs, and a
        later resolution or close is stamped anew. Private: callers check that their user may
        write the tickets (a return visit does, see tenant.visit._reopen_unsatisfied_tickets); the
        write runs with that user's rights. Returns the tickets reopened (open ones are left as
        they are, without a note).
        """
        tickets = self.filtered(lambda t: t.is_closed or t.stage_id.is_resolved)
        stage = self.env["tenant.ticket.stage"].search(
            [("is_closed", "=", False), ("is_resolved", "=", False)], order="sequence, id", limit=1
        )
        if not tickets or not stage:
            return self.browse()
        tickets.write({"stage_id": stage.id, "resolved_date": False, "closed_date": False})
        for ticket in tickets:
            ticket.message_post(body=Markup("<p>%s</p>") % reason, subtype_xmlid="mail.mt_note")
        return tickets

    def _stamp_resolution(self, now):
        """Record when a ticket was first resolved and when it was closed; keep earlier stamps."""
        stamped = self.filtered(lambda t: t.stage_id.is_resolved or t.is_closed)
        stamped.filtered(lambda t: not t.resolved_date).write({"resolved_date": now})
        stamped.filtered(lambda t: t.is_closed and not t.closed_date).write({"closed_date": now})

    def _check_overdue_explanation(self, now, new_explanation=None):
        """Late tickets under an explaining policy need the explanation before they are resolved."""
        for ticket in self:
            late = ticket.sla_line_ids.filtered(
                lambda line: (
                    line.policy_id.require_explanation
                    and (
                        line.status == "breached"
                        or (line.status in ("running", "paused") and line.deadline < now)
                    )
                )
            )
            explanation = new_explanation if new_explanation is not None else ticket.overdue_explanation
            if late and not (explanation or "").strip():
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is past its deadline: write the explanation for the resident "
                        "before resolving it.",
                        ticket=ticket.display_name,
                    )
                )

    def _send_overdue_explanations(self):
        for ticket in self.filtered(
            lambda t: t.overdue_explanation and not t.explanation_sent and t.resolved_date
        ):
            # Written to the resident, whoever resolved the ticket: in the resident's language.
            lang = ticket.partner_id.lang or ticket.company_id._tenant_lang()
            ticket.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.with_context(lang=lang).env._(
                        "We are sorry that your request took longer than promised."
                    ),
                    ticket.overdue_explanation,
                ),
                partner_ids=ticket.partner_id.ids,
                author_id=ticket._automatic_author().id,
                email_from=ticket.company_id._tenant_mail_sender(),
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
            )
            ticket.explanation_sent = True

    def _plan_followup(self):
        """A return visit (回访) once a ticket is closed, on the calendar of the staff who calls."""
        # sudo: the visit is bookkeeping of a close that was allowed; it is planned for the
        # property's staff, whom the closing user (a team member, or the resident from the
        # portal) may not be.
        return self.env["tenant.visit"].sudo()._plan_for_tickets(self)
