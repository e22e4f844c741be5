# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class TenantOccupancy(models.Model):
    """A new owner or tenant converts the open referral that named them."""

    _inherit = "tenant.occupancy"

    tenant_referral_ids = fields.One2many(
        "tenant.referral", "converted_occupancy_id", string="Converted Referrals", readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        occupancies = super().create(vals_list)
        self.env["tenant.referral"]._tenant_convert_for_occupancies(occupancies)
        return occupancies
