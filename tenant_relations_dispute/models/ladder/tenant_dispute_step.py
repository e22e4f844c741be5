# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class TenantDisputeStep(models.Model):
    """A dispute's stay at one level: when it came, when it left and why it moved up.

    The chatter tells the story to people; these rows let the figures (days per level, share
    settled before arbitration) be counted with one query instead of parsing messages. The system
    writes them when a dispute is created or changes level (``ladder/tenant_dispute.py``)."""

    _name = "tenant.dispute.step"
    _description = "Dispute Step on the Ladder"
    _order = "dispute_id, date_start, id"

    dispute_id = fields.Many2one("tenant.dispute", required=True, index=True, ondelete="cascade")
    property_id = fields.Many2one(related="dispute_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True, index=True)
    level_id = fields.Many2one("tenant.dispute.level", required=True, index=True, ondelete="restrict")
    date_start = fields.Date(required=True)
    date_end = fields.Date(help="Empty while the dispute is at this level.")
    days = fields.Integer(
        compute="_compute_days",
        store=True,
        help="Calendar days the dispute spent at this level (end minus start); empty while it is there.",
    )
    reason = fields.Text(help="Why the dispute came to this level (required when a level was skipped).")

    @api.depends("date_start", "date_end")
    def _compute_days(self):
        for step in self:
            step.days = (step.date_end - step.date_start).days if step.date_end and step.date_start else 0
