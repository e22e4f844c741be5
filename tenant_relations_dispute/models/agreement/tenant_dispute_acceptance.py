# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

ACCEPTANCE_METHODS = [("portal", "Signed in the Portal"), ("staff", "Recorded by Staff")]


class TenantDisputeAcceptance(models.Model):
    """One party's acceptance of an agreement: signed in the portal, or recorded by staff from a
    signature on paper."""

    _name = "tenant.dispute.acceptance"
    _description = "Agreement Acceptance"
    _order = "agreement_id, id"

    agreement_id = fields.Many2one("tenant.dispute.agreement", required=True, index=True, ondelete="cascade")
    party_id = fields.Many2one("tenant.dispute.party", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="party_id.partner_id", string="Signatory", store=True, index=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    signature = fields.Image(max_width=1024, max_height=1024, copy=False, attachment=True)
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(copy=False)
    method = fields.Selection(ACCEPTANCE_METHODS, copy=False)

    def _tenant_sign(self, signed_by, signature=None, method="staff"):
        """Record this acceptance as signed (by the party in the portal, or by staff from paper)
        and move the agreement to signed once every party has."""
        self.write(
            {
                "signed_by": signed_by,
                "signature": signature,
                "signed_on": fields.Datetime.now(),
                "method": method,
            }
        )
        agreements = self.agreement_id
        agreements.filtered(
            lambda agreement: (
                agreement.state in ("draft", "signing")
                and all(acceptance.signed_on for acceptance in agreement.acceptance_ids)
            )
        ).state = "signed"
        return True
