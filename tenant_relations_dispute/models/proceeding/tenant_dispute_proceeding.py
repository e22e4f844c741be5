# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

PROCEEDING_KINDS = [("arbitration", "Arbitration"), ("court", "Court")]


class TenantDisputeProceeding(models.Model):
    """An arbitration or a court case the dispute went to: the record of what happened outside."""

    _name = "tenant.dispute.proceeding"
    _description = "Arbitration or Court Proceeding"
    _inherit = ["mail.thread"]
    _order = "filing_date desc, id desc"

    dispute_id = fields.Many2one("tenant.dispute", required=True, index=True, ondelete="cascade")
    property_id = fields.Many2one(related="dispute_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True, index=True)
    kind = fields.Selection(PROCEEDING_KINDS, required=True, default="arbitration", tracking=True)
    institution = fields.Char(required=True, tracking=True, help="e.g. 杭州仲裁委员会, or the court.")
    case_number = fields.Char(tracking=True)
    filing_date = fields.Date(tracking=True)
    award_date = fields.Date(string="Award or Judgment Date", tracking=True)
    outcome = fields.Text(tracking=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")
