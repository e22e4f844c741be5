# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _tenant_personal_data_fields(self):
        """A dispute is about its parties: each party's seat (and the dispute's first claimant)
        holds their data; a committee seat and a session's attendance hold a person's too."""
        return [
            *super()._tenant_personal_data_fields(),
            ("tenant.dispute", "partner_id"),
            ("tenant.dispute.party", "partner_id"),
            ("tenant.mediation.committee.member", "partner_id"),
            ("tenant.mediation.attendance", "partner_id"),
        ]
