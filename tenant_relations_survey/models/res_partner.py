# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _tenant_personal_data_fields(self):
        """A resident's survey answers (the satisfaction surveys they earn points for) are theirs."""
        return [*super()._tenant_personal_data_fields(), ("survey.user_input", "partner_id")]
