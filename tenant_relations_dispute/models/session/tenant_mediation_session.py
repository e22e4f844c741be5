# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

SESSION_STATES = [("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")]
SESSION_OUTCOMES = [
    ("adjourned", "Adjourned"),
    ("agreement", "Agreement Reached"),
    ("no_agreement", "No Agreement"),
]
OFFICER_GROUP = "tenant_relations_dispute.group_tenant_dispute_officer"
# The session's fields its calendar event shows: a change to one of them is projected again.
# The context value by which the session's buttons move its state. An object, not a flag: a context
# sent over RPC is JSON and cannot hold it, so a client cannot skip the quorum check.
STATE_KEY = object()
EVENT_FIELDS = {"dispute_id", "date_start", "duration", "location", "videocall_url", "member_ids"}


class TenantMediationSession(models.Model):
    """A sitting of the committee on one dispute.

    The session holds the truth; its calendar event is a projection for Odoo's invitations,
    rebuilt from the session whenever it changes, and deleting it loses nothing."""

    _name = "tenant.mediation.session"
    _description = "Mediation Session"
    _inherit = ["mail.thread", "tenant.dispute.closed.mixin"]
    _order = "date_start desc, id desc"

    dispute_id = fields.Many2one("tenant.dispute", required=True, index=True, ondelete="cascade")
    property_id = fields.Many2one(related="dispute_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True, index=True)
    committee_id = fields.Many2one(related="dispute_id.committee_id", store=True, index=True)
    date_start = fields.Datetime(string="Date", required=True, tracking=True)
    duration = fields.Float(default=2.0, help="Hours.")
    location = fields.Char(tracking=True)
    videocall_url = fields.Char(string="Video Link")
    member_ids = fields.Many2many("tenant.mediation.committee.member", string="Sitting Members")
    attendance_ids = fields.One2many("tenant.mediation.attendance", "session_id")
    minutes = fields.Html()
    deliberation = fields.Html(
        string="Deliberations",
        groups="tenant_relations_dispute.group_tenant_dispute_committee",
        help="The committee's own notes: never shown to the parties.",
    )
    state = fields.Selection(SESSION_STATES, default="planned", required=True, tracking=True, readonly=True)
    outcome = fields.Selection(SESSION_OUTCOMES, tracking=True)
    event_id = fields.Many2one("calendar.event", string="Calendar Event", ondelete="set null", copy=False)

    @api.depends("dispute_id.name", "date_start")
    def _compute_display_name(self):
        for session in self:
            session.display_name = self.env._(
                "%(dispute)s, session of %(date)s",
                dispute=session.dispute_id.display_name,
                date=fields.Date.to_string(session.date_start) if session.date_start else "",
            )

    @api.constrains("date_start", "dispute_id")
    def _check_date(self):
        for session in self:
            created = (session.dispute_id.create_date or fields.Datetime.now()).date()
            if session.date_start and session.date_start.date() < created:
                raise ValidationError(
                    self.env._(
                        "A session of %(dispute)s cannot be on %(date)s, before the dispute was "
                        "recorded (%(created)s): choose a later date.",
                        dispute=session.dispute_id.display_name,
                        date=session.date_start.date(),
                        created=created,
                    )
                )

    @api.constrains("videocall_url")
    def _check_videocall_url(self):
        """The link is a button in the parties' portal and in the invitations: a web address only
        (a ``javascript:`` or ``data:`` link would run in the party's browser)."""
        for session in self.filtered("videocall_url"):
            url = urlsplit(session.videocall_url.strip())
            if url.scheme not in ("http", "https") or not url.netloc:
                raise ValidationError(
                    self.env._(
                        "The video link %(url)s is not a web address: paste the meeting's link, "
                        "starting with https://.",
                        url=session.videocall_url,
                    )
                )

    @api.constrains("member_ids", "date_start", "dispute_id")
    def _check_sitting_members(self):
        """Only members of the dispute's committee, in term on the day, and without a conflict of
        interest may sit."""
        for session in self:
            committee = session.committee_id
            if not committee:
                raise ValidationError(
                    self.env._(
                        "Dispute %(dispute)s has no mediation committee: choose one on the dispute "
                        "before scheduling a session.",
                        dispute=session.dispute_id.display_name,
                    )
                )
            day = session.date_start.date()
            for member in session.member_ids:
                if member.committee_id != committee:
                    raise ValidationError(
                        self.env._(
                            "%(member)s is not a member of %(committee)s, which hears this dispute.",
                            member=member.partner_id.display_name,
                            committee=committee.display_name,
                        )
                    )
                if not member._tenant_in_term(day):
                    raise ValidationError(
                        self.env._(
                            "%(member)s is not in term on %(date)s and cannot sit on that day's session.",
                            member=member.partner_id.display_name,
                            date=day,
                        )
                    )
            conflicts = session.member_ids._tenant_conflicts(session.dispute_id, day)
            if conflicts:
                member, reason = next(iter(conflicts.items()))
                raise ValidationError(
                    self.env._(
                        "%(member)s cannot sit on the session of %(dispute)s: %(reason)s. Choose "
                        "another member.",
                        member=member.partner_id.display_name,
                        dispute=session.dispute_id.display_name,
                        reason=reason,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any("state" in vals for vals in vals_list) and not self._tenant_state_writable():
            self._tenant_refuse_state_write()
        sessions = super().create(vals_list)
        sessions._tenant_prefill_attendance()
        sessions._tenant_project_event()
        return sessions

    def write(self, vals):
        if "state" in vals and not self._tenant_state_writable():
            self._tenant_refuse_state_write()
        res = super().write(vals)
        if "member_ids" in vals:
            self._tenant_prefill_attendance()
        if not EVENT_FIELDS.isdisjoint(vals):
            self.filtered(
                lambda session: session.event_id and session.state == "planned"
            )._tenant_project_event()
        return res

    def action_record_attendance(self):
        """Lines for every party and sitting member, for the secretary to tick who came."""
        self._tenant_check_can_record()
        self._tenant_prefill_attendance()
        return True

    def action_mark_held(self):
        """The session took place: its sitting members had no conflict and the quorum attended."""
        self._tenant_check_can_record()
        for session in self:
            if session.state != "planned":
                raise UserError(
                    self.env._(
                        "Only a planned session can be marked held: %(session)s is not.",
                        session=session.display_name,
                    )
                )
            session._check_sitting_members()
            session._tenant_check_quorum()
        self.with_context(tenant_session_state=STATE_KEY).write({"state": "held"})
        return True

    def action_cancel(self):
        """Cancel the session; its calendar event is archived (attendees keep no stale date)."""
        for session in self:
            if session.state != "planned":
                raise UserError(
                    self.env._(
                        "Only a planned session can be cancelled: %(session)s is not.",
                        session=session.display_name,
                    )
                )
        self.with_context(tenant_session_state=STATE_KEY).write({"state": "cancelled"})
        # sudo: the event is the session's projection, written by whoever may write the session;
        # the organiser may be another user.
        self.event_id.sudo().write({"active": False})
        return True

    def action_project_event(self):
        """Project the session to the calendar again, e.g. after its event was deleted."""
        planned = self.filtered(lambda session: session.state == "planned")
        planned._tenant_project_event()
        return True

    def action_send_minutes(self):
        """Mail the minutes to the sitting members without a login: the others read them here."""
        self._tenant_check_can_record()
        for session in self:
            if is_html_empty(session.minutes):
                raise UserError(
                    self.env._(
                        "Write the minutes of %(session)s before sending them.", session=session.display_name
                    )
                )
            external = session.member_ids.filtered(lambda member: not member.user_id).partner_id
            if not external:
                raise UserError(
                    self.env._(
                        "No member without a login sits on %(session)s: the members read the minutes "
                        "in Odoo.",
                        session=session.display_name,
                    )
                )
            session.message_post(
                body=session.minutes,
                subject=self.env._(
                    "Minutes of the mediation session of %(date)s", date=session.date_start.date()
                ),
                partner_ids=external.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _tenant_state_writable(self):
        """The state is moved by the buttons (which check quorum and rights), or by the system
        itself (data files, e.g. the demo's sessions already held)."""
        return self.env.su or self.env.context.get("tenant_session_state") is STATE_KEY

    def _tenant_refuse_state_write(self):
        raise UserError(self.env._("A session's state changes through its buttons: Mark as Held or Cancel."))

    def _tenant_can_record(self):
        """Whether the current user records attendance: a dispute officer, or the secretary of every
        committee of these sessions."""
        if self.env.su or self.env.user.has_group(OFFICER_GROUP):
            return True
        return all(
            session.committee_id.member_ids.filtered(
                lambda member: member.role == "secretary" and member.user_id == self.env.user
            )
            for session in self
        )

    def _tenant_check_can_record(self):
        if not self._tenant_can_record():
            raise AccessError(
                self.env._(
                    "Only the committee's secretary or a dispute officer records who attended a "
                    "session; ask them to."
                )
            )

    def _tenant_check_quorum(self):
        """Enough sitting members attended; when the firm is a party, most of them are neutral."""
        self.ensure_one()
        present = self.attendance_ids.filtered(lambda line: line.attended).partner_id
        sitting = self.member_ids.filtered(lambda member: member.partner_id in present)
        quorum = self.committee_id.quorum
        if len(sitting) < quorum:
            raise ValidationError(
                self.env._(
                    "Quorum not reached: %(present)s sitting members attended, %(quorum)s are needed. "
                    "Record the attendance, or adjourn and cancel the session.",
                    present=len(sitting),
                    quorum=quorum,
                )
            )
        if self.dispute_id._tenant_firm_is_party():
            neutral = sitting.filtered(lambda member: member.member_type == "neutral")
            if len(neutral) * 2 <= len(sitting):
                raise ValidationError(
                    self.env._(
                        "The firm is a party to %(dispute)s: most members sitting must be neutral, "
                        "but %(neutral)s of %(present)s are. Seat more neutral members.",
                        dispute=self.dispute_id.display_name,
                        neutral=len(neutral),
                        present=len(sitting),
                    )
                )

    def _tenant_prefill_attendance(self):
        """An attendance line for each party and sitting member who has none; a member no longer
        sitting loses theirs unless they were recorded present."""
        Attendance = self.env["tenant.mediation.attendance"]
        new_lines = []
        for session in self:
            listed = session.attendance_ids.partner_id
            expected = [(partner, "party") for partner in session.dispute_id._tenant_party_partners()]
            expected += [(partner, "member") for partner in session.member_ids.partner_id]
            for partner, role in expected:
                if partner not in listed:
                    listed |= partner
                    new_lines.append(
                        {"session_id": session.id, "partner_id": partner.id, "attendance_role": role}
                    )
            gone = session.attendance_ids.filtered(
                lambda line, session=session: (
                    line.attendance_role == "member"
                    and not line.attended
                    and line.partner_id not in session.member_ids.partner_id
                )
            )
            gone.unlink()
        Attendance.create(new_lines)

    def _tenant_event_title(self):
        """A confidential dispute's event names neither the parties nor the subject: the calendar
        is read by more people than the case."""
        self.ensure_one()
        dispute = self.dispute_id
        if dispute.confidential:
            return self.env._("Mediation session #%(number)s", number=dispute.id)
        return self.env._(
            "Mediation session: %(subject)s (%(parties)s)",
            subject=dispute.name,
            parties=", ".join(dispute._tenant_party_partners().mapped("name")),
        )

    def _prepare_event_values(self):
        """The calendar event of the session: private, its attendees the parties and sitting members."""
        self.ensure_one()
        dispute = self.dispute_id
        attendees = dispute._tenant_party_partners() | self.member_ids.partner_id
        return {
            "name": self._tenant_event_title(),
            "start": self.date_start,
            "stop": self.date_start + timedelta(hours=self.duration or 1.0),
            "duration": self.duration or 1.0,
            "privacy": "private",
            "show_as": "busy",
            "location": self.location or False,
            "videocall_location": self.videocall_url or False,
            "description": False
            if dispute.confidential
            else self.env._("Mediation of the dispute: %(subject)s", subject=dispute.name),
            "partner_ids": [Command.set(attendees.ids)],
            "user_id": (dispute.user_id or self.env.user).id,
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    def _tenant_project_event(self):
        """Create or update the calendar event of each planned session."""
        for session in self.filtered(lambda session: session.state == "planned"):
            values = session._prepare_event_values()
            # sudo: the event is the session's projection, made by whoever may write the session;
            # a private event is otherwise writable only by its organiser and attendees.
            if session.event_id:
                session.event_id.sudo().write(values)
            else:
                session.event_id = self.env["calendar.event"].sudo().create(values)
