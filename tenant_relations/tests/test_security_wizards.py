# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSecurityWizards(TransactionCase):
    def test_every_wizard_of_the_addons_is_its_creators(self):
        """Odoo 18 gives a transient record no owner: anyone with the model's access right could
        read another user's wizard, or run it, by its id (an Excel export's file hung on one). Every
        wizard the Tenant Relations addons define has a rule keeping it to its creator."""
        defined = self.env["ir.model.data"].search(
            [("model", "=", "ir.model"), ("module", "=like", "tenant_relations%")]
        )
        models = (
            self.env["ir.model"]
            .browse(defined.mapped("res_id"))
            .filtered(
                # Defined by these addons, not Odoo's wizards they extend (contact merge, import).
                lambda m: m.transient and self.env[m.model]._original_module.startswith("tenant_relations")
            )
        )
        self.assertTrue(models)
        for model in models:
            with self.subTest(model=model.model):
                rules = self.env["ir.rule"].search([("model_id", "=", model.id), ("global", "=", True)])
                self.assertIn("[('create_uid', '=', user.id)]", rules.mapped("domain_force"))
