# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class LoyaltyHistory(models.Model):
    _inherit = "loyalty.history"

    tenant_manual = fields.Boolean(
        string="Manual Award",
        readonly=True,
        copy=False,
        help="Points a staff member chose to give by hand (the points wizard), as opposed to an "
        "earning rule. The monthly limit per staff member counts these lines.",
    )
