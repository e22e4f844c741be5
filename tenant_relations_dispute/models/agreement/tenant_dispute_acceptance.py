# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .tenant_dispute_agreement import SIGNING_KEY

ACCEPTANCE_METHODS = [("portal", "Signed in the Portal"), ("staff", "Recorded by Staff")]
# Written by ``_tenant_sign`` alone: who signed, how and when.
SIGNATURE_FIELDS = {"signed_by", "signature", "signed_on", "method"}


class TenantDisputeAcceptance(models.Model):
    """One party's acceptance of an agreement: signed in the portal, or recorded by staff from a
    signature on paper."""

    _name = "tenant.dispute.acceptance"
    _description = "Agreement Acceptance"
    _inherit = ["tenant.dispute.closed.mixin"]
    _order = "agreement_id, id"

    agreement_id = fields.Many2one("tenant.dispute.agreement", required=True, index=True, ondelete="cascade")
    party_id = fields.Many2one("tenant.dispute.party", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="party_id.partner_id", string="Signatory", store=True, index=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    signature = fields.Image(max_width=1024, max_height=1024, copy=False, attachment=True)
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(copy=False)
    method = fields.Selection(ACCEPTANCE_METHODS, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        if (
            any(SIGNATURE_FIELDS.intersection(vals) for vals in vals_list)
            and not self._tenant_signature_writable()
        ):
            # The access right first: who may not create acceptances at all is told so.
            self.check_access("create")
            self._tenant_refuse_signature_write()
        return super().create(vals_list)

    def write(self, vals):
        """Nobody but the system writes an acceptance (no write right): its signature is recorded
        by ``_tenant_sign``."""
        if SIGNATURE_FIELDS.intersection(vals) and not self._tenant_signature_writable():
            self.check_access("write")
            self._tenant_refuse_signature_write()
        return super().write(vals)

    def action_open_record_signature(self):
        """The paper signature wizard: staff write who signed."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Signature on Paper"),
            "res_model": "tenant.dispute.acceptance.record",
            "view_mode": "form",
            "target": "new",
            "context": {"default_acceptance_id": self.id, "default_signed_by": self.partner_id.name},
        }

    def _tenant_part_disputes(self):
        return self.agreement_id.dispute_id

    def _tenant_closed_writable_fields(self):
        """An agreement sent before its dispute was closed is still signed afterwards."""
        if any(acceptance.agreement_id.state == "draft" for acceptance in self):
            return set()
        return {"signed_by", "signature", "signed_on", "method"}

    def _tenant_sign(self, signed_by, signature=None, method="staff"):
        """Record this acceptance as signed (by the party in the portal, or by staff from paper)
        and move the agreement to signed once every party has.

        Private: the portal controller calls it after checking the signer is this party."""
        for acceptance in self:
            if acceptance.signed_on:
                raise UserError(
                    self.env._(
                        "%(party)s has already signed agreement %(name)s.",
                        party=acceptance.partner_id.name,
                        name=acceptance.agreement_id.name,
                    )
                )
            if acceptance.agreement_id.state not in ("draft", "signing"):
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is no longer awaiting signatures.",
                        name=acceptance.agreement_id.name,
                    )
                )
        if not (signed_by or "").strip():
            raise UserError(self.env._("Say who signed the agreement: the signer's name is missing."))
        # Who records a signature moves the agreement: the right to write it (the portal's party
        # comes through sudo, after the controller checked it is theirs).
        self.agreement_id.check_access("write")
        # sudo: nobody has the right to write an acceptance; this method alone records a signature,
        # after the checks above.
        self.sudo()._tenant_signing().write(
            {
                "signed_by": signed_by.strip(),
                "signature": signature,
                "signed_on": fields.Datetime.now(),
                "method": method,
            }
        )
        signed = self.agreement_id.filtered(
            lambda agreement: (
                agreement.state in ("draft", "signing")
                and all(acceptance.signed_on for acceptance in agreement.acceptance_ids)
            )
        )
        signed._tenant_signing().state = "signed"
        signed._tenant_on_signed()
        return True

    def _tenant_signing(self):
        """These acceptances, allowed to record their signatures (see ``_tenant_sign``)."""
        return self.with_context(tenant_agreement_signing=SIGNING_KEY)

    def _tenant_signature_writable(self):
        """A signature is recorded by ``_tenant_sign`` (which checks the agreement awaits it), or by
        the system itself (data files, e.g. the demo's signatures on paper)."""
        return self.env.su or self.env.context.get("tenant_agreement_signing") is SIGNING_KEY

    def _tenant_refuse_signature_write(self):
        raise UserError(
            self.env._(
                "A signature is recorded by the party signing in the portal, or by staff with Record "
                "Signature on Paper: it cannot be written directly."
            )
        )
