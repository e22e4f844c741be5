# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

from .test_survey_points import SurveyPointsMixin


@tagged("post_install", "-at_install")
class TestSurveyResidentData(SurveyPointsMixin, TenantRelationsCase):
    """A person's survey answers are their data: their contact is guarded as a resident's."""

    def test_answers_are_in_the_registry_of_resident_data(self):
        self.assertIn(
            ("survey.user_input", "partner_id"), self.env["res.partner"]._tenant_personal_data_fields()
        )
        respondent = self.env["res.partner"].create({"name": "Respondent", "email": "r@example.com"})
        self.assertFalse(respondent._tenant_holds_data())
        self.env["survey.user_input"].create(
            {"survey_id": self.make_survey(self.env).id, "partner_id": respondent.id}
        )
        self.assertEqual((respondent | self.tenant)._tenant_holds_data(), respondent)
        clerk = new_test_user(self.env, "survey_clerk", groups="base.group_user,base.group_partner_manager")
        with self.assertRefused("Respondent", AccessError):
            respondent.with_user(clerk).write({"email": "attacker@example.com"})
