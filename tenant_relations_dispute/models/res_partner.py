# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _tenant_personal_data_fields(self):
        """A dispute is about its resident: it holds their data."""
        return [*super()._tenant_personal_data_fields(), ("tenant.dispute", "partner_id")]
