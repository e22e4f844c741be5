# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantDispute(models.Model):
    """The dispute's side of its agreements: a counter for the smart button and the way to record one."""

    _inherit = "tenant.dispute"

    agreement_count = fields.Integer(compute="_compute_agreement_count")

    def _compute_agreement_count(self):
        counts = dict(
            self.env["tenant.dispute.agreement"]._read_group(
                [("dispute_id", "in", self.ids)], ["dispute_id"], ["__count"]
            )
        )
        for dispute in self:
            dispute.agreement_count = counts.get(dispute, 0)

    def action_view_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tenant_relations_dispute.tenant_dispute_agreement_action"
        )
        action["domain"] = [("dispute_id", "=", self.id)]
        action["context"] = {"default_dispute_id": self.id}
        if self.agreement_count == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=self.agreement_ids.id)
        return action

    def action_record_agreement(self):
        """A new agreement of this dispute, in a full form: terms are long."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mediation Agreement"),
            "res_model": "tenant.dispute.agreement",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_dispute_id": self.id},
        }
