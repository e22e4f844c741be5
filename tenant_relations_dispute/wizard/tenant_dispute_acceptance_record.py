# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class TenantDisputeAcceptanceRecord(models.TransientModel):
    """A party signed the agreement on paper, at the committee's desk: staff record who signed, so that
    the agreement reads signed without the party ever opening the portal."""

    _name = "tenant.dispute.acceptance.record"
    _description = "Record a Signature on Paper"

    acceptance_id = fields.Many2one("tenant.dispute.acceptance", required=True, ondelete="cascade")
    # compute_sudo=False: read as the user, so that it names only a party the user reads.
    partner_id = fields.Many2one(related="acceptance_id.partner_id", string="Party", compute_sudo=False)
    signed_by = fields.Char(required=True, help="The name written under the signature.")

    @api.model_create_multi
    def create(self, vals_list):
        # A wizard is created over RPC with any acceptance_id: only one the user may sign for.
        self._check_can_record([vals.get("acceptance_id") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        self._check_can_record([vals.get("acceptance_id")])
        return super().write(vals)

    def _check_can_record(self, acceptance_ids):
        """Nobody writes an acceptance itself (``_tenant_sign`` records the signature): who may record
        one is who may read it and write its agreement, as ``_tenant_sign`` checks."""
        acceptances = self.env["tenant.dispute.acceptance"].browse([i for i in acceptance_ids if i])
        acceptances.check_access("read")
        acceptances.agreement_id.check_access("write")

    def action_confirm(self):
        self.ensure_one()
        self.acceptance_id._tenant_sign(self.signed_by, method="staff")
        return {"type": "ir.actions.act_window_close"}
