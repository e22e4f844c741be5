# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every term the addons show has a zh_CN translation in the shipped files."""

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

from .common import load_chinese

ADDONS = ("tenant_relations", "tenant_relations_survey", "tenant_relations_dispute")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def installed_addons(self):
        return (
            self.env["ir.module.module"]
            .search([("name", "in", ADDONS), ("state", "=", "installed")])
            .mapped("name")
        )

    def test_every_term_translated_to_zh_cn(self):
        for addon in self.installed_addons():
            with self.subTest(addon=addon):
                path = get_module_path(addon)
                po = {e.msgid: e.msgstr for e in polib.pofile(f"{path}/i18n/zh_CN.po") if not e.obsolete}
                pot = {e.msgid for e in polib.pofile(f"{path}/i18n/{addon}.pot")}
                terms = {row[4] for row in TranslationModuleReader(self.env.cr, modules=[addon]) if row[4]}
                self.assertFalse(sorted(terms - pot)[:20], f"{addon}.pot misses terms: run make i18n")
                untranslated = sorted(t for t in terms if not po.get(t))
                self.assertFalse(
                    untranslated[:20], f"{addon}/i18n/zh_CN.po lacks {len(untranslated)} translation(s)"
                )

    def test_zh_cn_shown_to_chinese_users(self):
        load_chinese(self.env)
        action = self.env.ref("tenant_relations.tenant_property_action").with_context(lang="zh_CN")
        self.assertNotEqual(action.name, "Properties")
        kinds = dict(
            self.env["tenant.property"]
            .with_context(lang="zh_CN")
            ._fields["kind"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertNotEqual(kinds["residential"], "Residential community")
