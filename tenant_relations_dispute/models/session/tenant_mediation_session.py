# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

SESSION_STATES = [("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")]
SESSION_OUTCOMES = [
    ("adjourned", "Adjourned"),
    ("agreement", "Agreement Reached"),
    ("no_agreement", "No Agreement"),
]


class TenantMediationSession(models.Model):
    """A sitting of the committee on one dispute."""

    _name = "tenant.mediation.session"
    _description = "Mediation Session"
    _inherit = ["mail.thread"]
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
    attendance_ids = fields.One2many("tenant.mediation.attendance", "session_id", string="Attendance")
    minutes = fields.Html()
    deliberation = fields.Html(
        string="Deliberations",
        groups="tenant_relations_dispute.group_tenant_dispute_committee",
        help="The committee's own notes: never shown to the parties.",
    )
    state = fields.Selection(SESSION_STATES, default="planned", required=True, tracking=True)
    outcome = fields.Selection(SESSION_OUTCOMES, tracking=True)
    event_id = fields.Many2one("calendar.event", string="Calendar Event", ondelete="set null", copy=False)
