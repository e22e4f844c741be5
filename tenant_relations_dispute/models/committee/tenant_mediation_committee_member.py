# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

MEMBER_TYPES = [
    ("staff", "Staff"),
    ("owner", "Owner Representative"),
    ("neutral", "Neutral Member"),
]
MEMBER_ROLES = [("chair", "Chair"), ("member", "Member"), ("secretary", "Secretary")]


class TenantMediationCommitteeMember(models.Model):
    """A seat on a committee for a term. External members (a lawyer, the residents' committee 居委会)
    are contacts without system access: minutes reach them by mail or PDF."""

    _name = "tenant.mediation.committee.member"
    _description = "Mediation Committee Member"
    _order = "committee_id, role, id"
    _rec_name = "partner_id"

    committee_id = fields.Many2one(
        "tenant.mediation.committee", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="committee_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="User",
        index=True,
        help="The member's login, for staff; empty for external members.",
    )
    member_type = fields.Selection(MEMBER_TYPES, string="Member Type", required=True, default="neutral")
    role = fields.Selection(MEMBER_ROLES, required=True, default="member")
    date_start = fields.Date(string="Term Start")
    date_end = fields.Date(string="Term End")
    active = fields.Boolean(default=True)
