# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

PARTY_ROLES = [("claimant", "Claimant"), ("respondent", "Respondent")]
PARTY_TYPES = [("resident", "Resident"), ("firm", "The Firm"), ("contractor", "Contractor")]


class TenantDisputeParty(models.Model):
    """One side's seat in a dispute, with its own chatter: what a party says and files here is read
    by the staff handling the case and by that party, never by the other side."""

    _name = "tenant.dispute.party"
    _description = "Dispute Party"
    _inherit = ["mail.thread"]
    _order = "dispute_id, role, id"
    _rec_name = "partner_id"

    dispute_id = fields.Many2one("tenant.dispute", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Party", required=True, index=True, tracking=True)
    role = fields.Selection(PARTY_ROLES, required=True, default="claimant", tracking=True)
    party_type = fields.Selection(PARTY_TYPES, string="Party Type", required=True, default="resident")
    property_id = fields.Many2one(related="dispute_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True, index=True)
    evidence_ids = fields.One2many("tenant.dispute.evidence", "party_id", string="Evidence")
