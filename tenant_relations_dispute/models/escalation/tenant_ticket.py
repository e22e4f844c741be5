# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError


class TenantTicket(models.Model):
    """A complaint that staff cannot settle becomes a dispute: the resident is its claimant, the
    firm its respondent, and the complaint stays linked to it."""

    _inherit = "tenant.ticket"

    # Set by escalation only (action_escalate_to_dispute): a link written by hand would name any
    # dispute, of any property or company, confidential or not, on a ticket its writer reads.
    dispute_id = fields.Many2one(
        "tenant.dispute", index="btree_not_null", tracking=True, copy=False, readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("dispute_id") for vals in vals_list):
            self._tenant_check_dispute_link()
        return super().create(vals_list)

    def write(self, vals):
        if "dispute_id" in vals:
            self._tenant_check_dispute_link()
        return super().write(vals)

    def action_escalate_to_dispute(self):
        """One click: the dispute made from this complaint, opened. A complaint escalated already
        opens its dispute again; other kinds of request are refused."""
        self.ensure_one()
        if not self.dispute_id:
            if self.kind != "complaint":
                raise UserError(
                    self.env._(
                        "Only a complaint can be escalated to a dispute: %(ticket)s is not one. Change its "
                        "kind to Complaint first if it is a complaint.",
                        ticket=self.display_name,
                    )
                )
            if not self.partner_id:
                raise UserError(
                    self.env._(
                        "Complaint %(ticket)s has no reporter: choose the resident who complains, who will "
                        "be the dispute's claimant.",
                        ticket=self.display_name,
                    )
                )
            self.check_access("write")
            dispute = self.env["tenant.dispute"].create(self._prepare_dispute_vals())
            # sudo: the link is written by escalation only (see _tenant_check_dispute_link); the
            # user may write this ticket (checked above) and has just created the dispute.
            self.sudo().dispute_id = dispute
            dispute.message_post_with_source(
                "mail.message_origin_link",
                render_values={"self": dispute, "origin": self},
                subtype_xmlid="mail.mt_note",
            )
        return self.action_open_dispute()

    def action_open_dispute(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "tenant.dispute",
            "res_id": self.dispute_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def _prepare_dispute_vals(self):
        """The dispute a complaint becomes: a hook for a firm that names its disputes otherwise."""
        self.ensure_one()
        firm = self.company_id.partner_id
        return {
            "name": self.name,
            "description": self.description,
            "property_id": self.property_id.id,
            "unit_id": self.unit_id.id,
            "party_ids": [
                Command.create(
                    {"partner_id": self.partner_id.id, "role": "claimant", "party_type": "resident"}
                ),
                Command.create({"partner_id": firm.id, "role": "respondent", "party_type": "firm"}),
            ],
        }

    def _tenant_check_dispute_link(self):
        """Refuse to link a ticket to a dispute, or unlink it, by hand (AccessError): the link is
        made by escalating the complaint. The system's own bookkeeping (sudo) is trusted."""
        if self.env.su:
            return
        raise AccessError(
            self.env._(
                "A request is linked to a dispute by escalating it (Escalate to Dispute), not by hand."
            )
        )
