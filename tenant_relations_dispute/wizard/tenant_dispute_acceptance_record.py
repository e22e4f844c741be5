# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantDisputeAcceptanceRecord(models.TransientModel):
    """A party signed the agreement on paper, at the committee's desk: staff record who signed, so that
    the agreement reads signed without the party ever opening the portal."""

    _name = "tenant.dispute.acceptance.record"
    _description = "Record a Signature on Paper"

    acceptance_id = fields.Many2one("tenant.dispute.acceptance", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="acceptance_id.partner_id", string="Party")
    signed_by = fields.Char(required=True, help="The name written under the signature.")

    def action_confirm(self):
        self.ensure_one()
        self.acceptance_id._tenant_sign(self.signed_by, method="staff")
        return {"type": "ir.actions.act_window_close"}
