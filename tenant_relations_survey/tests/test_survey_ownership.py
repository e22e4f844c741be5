# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The survey addon owns its earning rule: the reason, the setting, and their upgrade."""

import importlib.util
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

from .test_survey_points import SURVEY_PARAM, SurveyPointsMixin


def load_migration():
    path = Path(get_module_path("tenant_relations")) / "migrations" / "18.0.1.6.0" / "post-rules14.py"
    spec = importlib.util.spec_from_file_location("tenant_relations_post_rules14", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    return migration


@tagged("post_install", "-at_install")
class TestSurveyOwnership(SurveyPointsMixin, TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupy(cls.unit_a1, cls.owner)

    def test_survey_rule_is_the_survey_addons(self):
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._tenant_loyalty_rule_params()["survey"], (SURVEY_PARAM, 20))
        reasons = self.env["tenant.points.wizard"]._fields["reason"]._description_selection(self.env)
        self.assertEqual(
            [value for value, _label in reasons],
            ["renewal", "tenure", "payment", "survey", "event", "referral", "manual"],
            "the survey reason sits where it always did",
        )
        self.assertEqual(Partner._tenant_rule_description("survey")(self.env), "Answered a survey")
        self.env["ir.config_parameter"].set_param(SURVEY_PARAM, "35")
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.tenant_points_survey, 35)
        settings.tenant_points_survey = 15
        settings.execute()
        self.assertEqual(Partner._tenant_rule_points("survey"), 15.0)
        field = self.env["ir.model.fields"]._get("res.config.settings", "tenant_points_survey")
        self.assertEqual(field.modules, "tenant_relations_survey")

    def test_uninstalling_the_reason_keeps_the_ledger(self):
        """The reason's ondelete policy: a wizard on it falls back to the default reason, and no
        ledger line goes (they keep their description as text)."""
        self.env["res.partner"]._tenant_award_reason({self.owner.id: 20}, "survey")
        lines = self.loyalty_history(self.owner)
        self.assertEqual(lines.mapped("description"), ["Answered a survey"])
        wizard = self.env["tenant.points.wizard"].create(
            {"partner_id": self.owner.id, "reason": "survey", "points": 20}
        )
        selection = self.env.ref("tenant_relations_survey.selection__tenant_points_wizard__reason__survey")
        selection._process_ondelete()
        self.assertEqual(wizard.reason, "manual")
        self.assertEqual(self.loyalty_history(self.owner), lines)

    def test_migration_hands_the_records_over_and_keeps_the_value(self):
        """As 18.0.1.5.0 left it: the base addon named the setting and the reason, the firm set 35
        points and a resident earned them."""
        migration = load_migration()
        ids = {name: self.env.ref(f"tenant_relations_survey.{name}").id for name in migration.SURVEY_XMLIDS}
        self.env.cr.execute(
            SQL(
                "UPDATE ir_model_data SET module = 'tenant_relations' "
                "WHERE module = 'tenant_relations_survey' AND name IN %s",
                migration.SURVEY_XMLIDS,
            )
        )
        self.env["ir.model.data"].invalidate_model()
        self.env.registry.clear_cache()
        self.env["ir.config_parameter"].set_param(SURVEY_PARAM, "35")
        self.env["res.partner"]._tenant_award_reason({self.owner.id: 35}, "survey")
        lines = self.loyalty_history(self.owner)

        done = migration.migrate_rules14(self.env)
        self.assertEqual(done["survey_ownership"], sorted(migration.SURVEY_XMLIDS))
        for name, res_id in ids.items():
            self.assertEqual(self.env.ref(f"tenant_relations_survey.{name}").id, res_id, "the same record")
            self.assertFalse(self.env.ref(f"tenant_relations.{name}", raise_if_not_found=False))
        self.assertEqual(self.env["ir.config_parameter"].get_param(SURVEY_PARAM), "35")
        self.assertEqual(self.env["res.config.settings"].create({}).tenant_points_survey, 35)
        self.assertEqual(self.loyalty_history(self.owner), lines)
        self.assertEqual(migration.migrate_rules14(self.env)["survey_ownership"], [], "run again: nothing")
