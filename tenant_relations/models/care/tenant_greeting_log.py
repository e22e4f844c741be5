# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantGreetingLog(models.Model):
    """One greeting sent to one person by one campaign: nobody is greeted twice by a campaign.

    The greeting campaign's log in the campaign engine, written with the greetings it sends.
    """

    _name = "tenant.greeting.log"
    _description = "Greeting Log"
    _inherit = ["tenant.rule.guard.mixin", "tenant.campaign.log.mixin"]
    _order = "sent_date desc, id desc"
    _rec_name = "partner_id"
    _campaign_field = "campaign_id"

    campaign_id = fields.Many2one("tenant.greeting.campaign", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    sent_date = fields.Date(required=True, default=fields.Date.context_today)

    _sql_constraints = [
        (
            "campaign_partner_unique",
            "UNIQUE(campaign_id, partner_id, wave)",
            "A person is greeted only once by a campaign.",
        )
    ]
