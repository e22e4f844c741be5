# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class TenantDisputeEvidence(models.Model):
    """A piece of evidence filed by a party: private to that party and the case's staff until it is
    marked shared, when the other side may read it too."""

    _name = "tenant.dispute.evidence"
    _description = "Dispute Evidence"
    _inherit = ["tenant.dispute.closed.mixin"]
    _order = "date desc, id desc"

    party_id = fields.Many2one("tenant.dispute.party", required=True, index=True, ondelete="cascade")
    dispute_id = fields.Many2one(related="party_id.dispute_id", store=True, index=True)
    property_id = fields.Many2one(related="party_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="party_id.company_id", store=True, index=True)
    name = fields.Char(string="Title", required=True)
    description = fields.Text()
    date = fields.Date(default=fields.Date.context_today, required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    shared = fields.Boolean(
        help="Shared evidence is read by every party; private evidence by its own party only."
    )

    @api.model_create_multi
    def create(self, vals_list):
        evidences = super().create(vals_list)
        if any("attachment_ids" in vals for vals in vals_list):
            evidences._tenant_check_own_files()
        return evidences

    def write(self, vals):
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._tenant_check_own_files()
        return result

    def _tenant_check_own_files(self):
        """A piece of evidence holds its own files only: uploaded to it (in the form, the upload
        widget links the file to the evidence, with no id yet when the evidence is new), not a file
        of another record linked by its id, which the portal would then serve to the parties."""
        if self.env.su:
            return
        # sudo: only the link of each file (model, record, uploader) is read, to refuse foreign ones;
        # a file the user may not read is refused like any other foreign file.
        for evidence in self.sudo():
            for attachment in evidence.attachment_ids:
                own = attachment.res_model == self._name and attachment.res_id == evidence.id
                uploaded = (
                    attachment.res_model in (self._name, False)
                    and not attachment.res_id
                    and attachment.create_uid.id == self.env.uid
                )
                if not (own or uploaded):
                    raise UserError(
                        self.env._(
                            "File %(file)s belongs to another record: upload the file to the evidence "
                            "%(evidence)s instead of linking it.",
                            file=attachment.name,
                            evidence=evidence.name,
                        )
                    )
                if uploaded:
                    attachment.write({"res_model": self._name, "res_id": evidence.id})
