# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class TenantDispute(models.Model):
    """A dispute with a resident, taken up level by level to keep it out of court."""

    _name = "tenant.dispute"
    _description = "Dispute"
    _inherit = ["tenant.rule.guard.mixin", "tenant.mail.sender.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Resident", required=True, index=True, tracking=True)
    unit_id = fields.Many2one("tenant.unit", index=True, tracking=True)
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
    level = fields.Selection(
        [
            ("negotiation", "Negotiation"),
            ("mediation", "Mediation"),
            ("arbitration", "Arbitration"),
        ],
        required=True,
        default="negotiation",
        tracking=True,
    )
    description = fields.Html()
    active = fields.Boolean(default=True)

    @api.depends("unit_id")
    def _compute_property_id(self):
        for dispute in self:
            dispute.property_id = dispute.unit_id.property_id or dispute.property_id
