# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError


class TenantTicket(models.Model):
    """A complaint that staff cannot settle becomes a dispute: the resident is its claimant, the
    firm its respondent, and the complaint stays linked to it."""

    _inherit = "tenant.ticket"

    dispute_id = fields.Many2one("tenant.dispute", index="btree_not_null", tracking=True, copy=False)

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
            dispute = self.env["tenant.dispute"].create(self._prepare_dispute_vals())
            self.dispute_id = dispute
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
