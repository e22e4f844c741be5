# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Merging contacts must not take a resident over.

    Odoo's merge moves every foreign key of the merged contacts to the one kept by SQL, as the
    superuser, then deletes them: whoever holds the "Contact Creation" right could move a
    resident's occupancy, tickets and profile onto an accomplice's portal contact, or the
    accomplice's portal user onto the resident. So the guard runs before anything moves.
    """

    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        self._tenant_check_merge(partner_ids, dst_partner)
        return super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)

    def _tenant_check_merge(self, partner_ids, dst_partner=None):
        """Only a Tenant Relations manager merges contacts holding a resident's data, and only
        when they may write every record that would move.

        The destination is guarded as well as the sources: it receives the sources' users (their
        logins) and fills its empty e-mail or phone from theirs.
        """
        if self.env.su:
            return
        partners = self.env["res.partner"].browse(partner_ids).exists()
        if len(partners) < 2:
            return
        residents = partners._tenant_holds_data()
        if not residents:
            return
        if not self.env.user.has_group("tenant_relations.group_tenant_relations_manager"):
            raise AccessError(
                self.env._(
                    "Only a Tenant Relations manager may merge %(names)s: they hold a resident's data.",
                    # sudo: the names of contacts the user is merging, which they read.
                    names=", ".join(residents.sudo().mapped("display_name")),
                )
            )
        # The same choice of the contact kept as Odoo's _merge makes.
        if not dst_partner or dst_partner not in partners:
            dst_partner = self._get_ordered_partner(partners.ids)[-1]
        sources = partners - dst_partner
        company_ids = set(self.env.user.company_ids.ids)
        for records in sources._tenant_personal_data_records().values():
            records = records.sudo(False)
            if records._name.startswith("tenant."):
                # The merge moves them as the superuser: the manager must be able to write them.
                records.check_access("write")
                continue
            # Odoo's own records (loyalty cards, ratings, event registrations) are kept by the
            # addon as sudo and their apps' rights are not the manager's to need: they must
            # belong to the manager's companies. sudo: only their company is read.
            if (
                "company_id" in records._fields
                and not {company.id for company in records.sudo().company_id} <= company_ids
            ):
                raise AccessError(
                    self.env._(
                        "You cannot merge %(names)s: some of their records belong to a company you "
                        "do not work for.",
                        names=", ".join(sources.sudo().mapped("display_name")),
                    )
                )
