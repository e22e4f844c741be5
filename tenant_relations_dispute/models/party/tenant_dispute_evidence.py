# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantDisputeEvidence(models.Model):
    """A piece of evidence filed by a party: private to that party and the case's staff until it is
    marked shared, when the other side may read it too."""

    _name = "tenant.dispute.evidence"
    _description = "Dispute Evidence"
    _inherit = ["tenant.dispute.closed.mixin"]
    _order = "date desc, id desc"

    party_id = fields.Many2one("tenant.dispute.party", required=True, index=True, ondelete="cascade")
    dispute_id = fields.Many2one(related="party_id.dispute_id", store=True, index=True)
    property_id = fields.Many2one(related="party_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="party_id.company_id", store=True, index=True)
    name = fields.Char(string="Title", required=True)
    description = fields.Text()
    date = fields.Date(default=fields.Date.context_today, required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    shared = fields.Boolean(
        help="Shared evidence is read by every party; private evidence by its own party only."
    )
