# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .tenant_ticket import DEFAULT_LOW_RATING_FOLLOWUP, LOW_RATING_FOLLOWUP_PARAM, LOW_RATING_FOLLOWUPS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    tenant_low_rating_followup = fields.Selection(
        LOW_RATING_FOLLOWUPS,
        string="After a Dissatisfied Rating",
        config_parameter=LOW_RATING_FOLLOWUP_PARAM,
        default=DEFAULT_LOW_RATING_FOLLOWUP,
        required=True,
        help="What a rating of 1 (dissatisfied) of a closed ticket opens, once per ticket: a "
        "dissatisfaction return visit for the property's staff, or the ticket back to work.",
    )
