# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

AGREEMENT_STATES = [
    ("draft", "Draft"),
    ("signing", "Awaiting Signatures"),
    ("signed", "Signed"),
    ("fulfilled", "Fulfilled"),
]


class TenantDisputeAgreement(models.Model):
    """What the parties agreed to, and whether they have done it."""

    _name = "tenant.dispute.agreement"
    _description = "Mediation Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    dispute_id = fields.Many2one("tenant.dispute", required=True, index=True, ondelete="cascade")
    property_id = fields.Many2one(related="dispute_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True, index=True)
    name = fields.Char(string="Reference", required=True, copy=False, default="/")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    terms = fields.Html(required=True)
    acceptance_ids = fields.One2many("tenant.dispute.acceptance", "agreement_id", string="Acceptances")
    state = fields.Selection(AGREEMENT_STATES, default="draft", required=True, tracking=True)
    fulfilment_due = fields.Date(string="Fulfilment Due", tracking=True)
    fulfilled_date = fields.Date(tracking=True)
    judicial_request_date = fields.Date(
        string="Judicial Confirmation Requested",
        tracking=True,
        help="The day the parties asked a court to confirm the agreement (司法确认): within 30 days of it.",
    )
