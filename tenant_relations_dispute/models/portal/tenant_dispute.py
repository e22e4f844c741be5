# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class TenantDispute(models.Model):
    _inherit = "tenant.dispute"

    @api.model
    def _get_portal_party_domain(self, partner_id):
        """The disputes in which ``partner_id`` itself is a party.

        The partner itself, not its commercial partner: a household member or a colleague of a
        firm's contact must not read a dispute they are not a party to. The portal record rule
        (security/tenant_dispute_portal_rules.xml) writes the same domain; a test ties the two.
        """
        return [("party_ids", "any", [("partner_id", "=", partner_id)])]
