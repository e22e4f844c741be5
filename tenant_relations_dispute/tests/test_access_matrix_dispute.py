# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The two-step cells of the access matrix, with the link this addon adds: a dispute party.

A member of staff of property A opens a dispute in a unit of A naming a resident of B as the
party: the dispute is theirs, the resident's profile, points, tickets and contact are not.
"""

from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.test_access_matrix import TestAccessMatrix


@tagged("post_install", "-at_install", "tr_access_matrix")
class TestAccessMatrixDispute(TestAccessMatrix):
    two_step_links = {
        **TestAccessMatrix.two_step_links,
        "dispute_party": {"model": "tenant.dispute", "how": "create"},
    }

    def _link_values(self, model, partner, unit):
        if model == "tenant.dispute":
            return {"name": "Two-step dispute", "partner_id": partner.id, "unit_id": unit.id}
        return super()._link_values(model, partner, unit)

    def _personal_data_fields(self):
        fields = super()._personal_data_fields()
        if ("tenant.dispute", "partner_id") not in fields:
            fields.append(("tenant.dispute", "partner_id"))
        return fields

    # Odoo runs only the tests a class defines itself: the base's cells stay in the base's run.
    def test_two_step_links(self):
        return self.check_two_step_links(["dispute_party"])

    def test_two_step_links_cover_personal_data(self):
        return super().test_two_step_links_cover_personal_data()
