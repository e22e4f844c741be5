# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TenantMediationCommittee(models.Model):
    """A property's (or the company's) mediation committee: the second rung of the ladder."""

    _name = "tenant.mediation.committee"
    _description = "Mediation Committee"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    property_id = fields.Many2one(
        "tenant.property",
        index=True,
        tracking=True,
        help="Empty: the committee serves every property of its company.",
    )
    member_ids = fields.One2many("tenant.mediation.committee.member", "committee_id", string="Members")
    quorum = fields.Integer(default=3, tracking=True, help="Members who must sit for a session to decide.")
    active = fields.Boolean(default=True)

    @api.constrains("quorum")
    def _check_quorum(self):
        for committee in self:
            if committee.quorum < 1:
                raise ValidationError(
                    self.env._(
                        "The quorum of %(committee)s must be at least one member: set how many must "
                        "sit for a session to decide.",
                        committee=committee.name,
                    )
                )

    def _tenant_members_in_term(self, day):
        """The members whose term covers ``day``: only they may sit on a session that day."""
        return self.member_ids.filtered(lambda member: member._tenant_in_term(day))
