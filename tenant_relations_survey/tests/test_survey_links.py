# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

from .test_survey_points import SURVEY_PARAM, SurveyPointsMixin


@tagged("post_install", "-at_install")
class TestSurveyLinks(SurveyPointsMixin, TenantRelationsCase):
    """A link a property made itself, not yet confirmed, makes nobody a resident who earns."""

    def test_pending_link_earns_no_survey_points(self):
        self.env["ir.config_parameter"].sudo().set_param(SURVEY_PARAM, 20)
        # A former resident of B, recorded today by A's staff: the link awaits B (or the person).
        self.occupy(self.unit_b1, self.tenant, role="tenant", move_in="2020-01-01", move_out="2021-01-01")
        self.env["tenant.occupancy"].with_user(self.staff_a).create(
            {"unit_id": self.unit_a1.id, "partner_id": self.tenant.id, "role": "resident"}
        )
        self.assertEqual(self.tenant.tenant_role, "former")
        answer = self.env["survey.user_input"].create(
            {"survey_id": self.make_survey(self.env).id, "partner_id": self.tenant.id}
        )
        answer._mark_done()
        self.assertFalse(answer.tenant_points_awarded)
        self.assertEqual(self.tenant.tenant_points, 0)
