# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantDisputeStep(models.Model):
    """A dispute's stay at one level: when it came, when it left and why it moved up.

    The chatter tells the story to people; these rows let the figures (days per level, share
    settled before arbitration) be counted with one query instead of parsing messages."""

    _name = "tenant.dispute.step"
    _description = "Dispute Step on the Ladder"
    _order = "dispute_id, date_start, id"

    dispute_id = fields.Many2one("tenant.dispute", required=True, index=True, ondelete="cascade")
    property_id = fields.Many2one(related="dispute_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True, index=True)
    level_id = fields.Many2one("tenant.dispute.level", required=True, index=True, ondelete="restrict")
    date_start = fields.Date(required=True)
    date_end = fields.Date(help="Empty while the dispute is at this level.")
    reason = fields.Text(help="Why the dispute came to this level (required when a level was skipped).")
