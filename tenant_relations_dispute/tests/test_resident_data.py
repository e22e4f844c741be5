# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.wizard.base_partner_merge import MergePartnerAutomatic
from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

from .common import parties


@tagged("post_install", "-at_install")
class TestDisputeResidentData(TenantRelationsCase):
    """A dispute holds its resident's data: the contact merge does not move it to someone else."""

    def test_a_party_to_a_dispute_is_not_merged_away(self):
        self.assertIn(
            ("tenant.dispute", "partner_id"), self.env["res.partner"]._tenant_personal_data_fields()
        )
        self.assertIn(
            ("tenant.dispute.party", "partner_id"), self.env["res.partner"]._tenant_personal_data_fields()
        )
        party = self.env["res.partner"].create({"name": "Party", "email": "p@example.com"})
        dispute = self.env["tenant.dispute"].create(
            {"name": "Parking", "party_ids": parties(party, self.owner), "property_id": self.property_a.id}
        )
        self.assertEqual((party | self.tenant)._tenant_holds_data(), party)
        accomplice = self.env["res.partner"].create({"name": "Accomplice", "email": "p@example.com"})
        clerk = new_test_user(self.env, "dispute_clerk", groups="base.group_user,base.group_partner_manager")
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(clerk)
            .create({"partner_ids": [(6, 0, (party | accomplice).ids)], "dst_partner_id": accomplice.id})
        )
        with patch.object(MergePartnerAutomatic, "_update_foreign_keys") as moved:
            with self.assertRefused("Party", AccessError):
                wizard.action_merge()
        moved.assert_not_called()
        self.assertEqual(dispute.partner_id, party)
