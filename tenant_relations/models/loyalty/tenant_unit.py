# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantUnit(models.Model):
    """A unit lists its fee payments, so that staff see at a glance who pays late."""

    _inherit = "tenant.unit"

    fee_payment_ids = fields.One2many("tenant.fee.payment", "unit_id", string="Fee Payments")
