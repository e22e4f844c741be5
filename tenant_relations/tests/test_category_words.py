# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The words callers use find the right category, in the agent's language or the other one."""

import json

from odoo.tests import tagged

from .common import TicketCase, load_chinese, migration_script


@tagged("post_install", "-at_install")
class TestCategoryWordsCallersUse(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.env.invalidate_all()
        ref = cls.env.ref
        cls.cat_gas = ref("tenant_relations.tenant_ticket_category_gas")
        cls.cat_renovation = ref("tenant_relations.tenant_ticket_category_renovation")
        cls.cat_fees = ref("tenant_relations.tenant_ticket_category_fees")
        cls.cat_access = ref("tenant_relations.tenant_ticket_category_access_control")

    def find(self, query, lang):
        """The categories the hotline agent's category field offers for what they type."""
        Category = self.env["tenant.ticket.category"].with_user(self.staff_a).with_context(lang=lang)
        return Category.browse(cid for cid, _name in Category.name_search(query))

    def test_callers_words_find_the_category_in_both_languages(self):
        expected = {
            "煤气": self.cat_gas,
            "燃气": self.cat_gas,
            "gas": self.cat_gas,
            "装修": self.cat_renovation,
            "水费": self.cat_fees,
            "物业费": self.cat_fees,
            "门禁": self.cat_access,
        }
        for lang in ("zh_CN", "en_US"):
            for query, category in expected.items():
                with self.subTest(lang=lang, query=query):
                    found = self.find(query, lang)
                    self.assertIn(category, found)
                    self.assertEqual(found[:1], category, "the right category comes first")

    def test_a_category_word_inside_what_the_caller_says_finds_it(self):
        """The agent types the caller's words: "燃气味" (a gas smell) holds 燃气; the urgent water
        leak comes first for a leaking ceiling; one-character words (水 of 水电) place nothing."""
        water_leak = self.env.ref("tenant_relations.tenant_ticket_category_water_leak")
        building_leak = self.env.ref("tenant_relations.tenant_ticket_category_building_leak")
        water_power = self.env.ref("tenant_relations.tenant_ticket_category_water_power")
        for lang in ("zh_CN", "en_US"):
            with self.subTest(lang=lang):
                self.assertEqual(self.find("燃气味", lang), self.cat_gas)
                self.assertEqual(self.find("厨房有煤气味", lang), self.cat_gas)
                leaks = self.find("卫生间天花板漏水", lang)
                self.assertEqual(leaks[:2], water_leak | building_leak, "the urgent leak first")
                self.assertNotIn(water_power, leaks, "水 alone is too common to find 水电 by")
                self.assertEqual(self.find("水费怎么比上个月高", lang), self.cat_fees)
                self.assertIn(self.cat_renovation, self.find("楼上装修噪音太大", lang))
        self.assertEqual(self.find("gas smell in the kitchen", "en_US"), self.cat_gas)
        self.assertEqual(
            self.find("装修噪音", "zh_CN")[:1], self.cat_renovation, "its own keyword before 噪音's category"
        )
        self.assertEqual(self.find("漏水", "zh_CN")[:1], water_leak, "the category named 漏水 first")

    def test_shipped_names_in_chinese(self):
        self.assertEqual(self.cat_gas.with_context(lang="zh_CN").display_name, "燃气")
        self.assertEqual(self.cat_renovation.with_context(lang="zh_CN").display_name, "装修")

    def test_the_residents_categories_exist(self):
        for word in ("电梯", "门禁", "停车", "装修", "噪音", "宠物", "电费", "垃圾", "绿化", "安保"):
            with self.subTest(word=word):
                self.assertTrue(self.find(word, "zh_CN"))

    def test_a_gas_ticket_is_urgent_with_the_urgent_promise(self):
        ticket = self.ticket(category_id=self.cat_gas.id)
        self.assertEqual(ticket.urgency, "urgent")
        self.assertIn(self.policy_urgent, ticket.sla_line_ids.policy_id)

    def test_migration_brings_the_new_keywords_to_older_databases(self):
        old = {"en_US": "fees, property fee, bill, payment", "zh_CN": "物业费、缴费、账单、收费"}
        mine = {"en_US": "parking, my own words", "zh_CN": "我们自己的关键词"}
        self.env.flush_all()
        for category, keywords in (
            (self.cat_fees, old),
            (self.env.ref("tenant_relations.tenant_ticket_category_parking"), mine),
        ):
            self.env.cr.execute(
                "UPDATE tenant_ticket_category SET keywords = %s::jsonb WHERE id = %s",
                (json.dumps(keywords), category.id),
            )
        migration = migration_script("18.0.1.5.0", "post-cats")
        migration.migrate(self.env.cr, "18.0.1.4.0")
        self.env.invalidate_all()
        self.assertIn("水费", self.cat_fees.with_context(lang="zh_CN").keywords)
        self.assertIn("water bill", self.cat_fees.with_context(lang="en_US").keywords)
        parking = self.env.ref("tenant_relations.tenant_ticket_category_parking")
        self.assertEqual(
            parking.with_context(lang="zh_CN").keywords, "我们自己的关键词", "the firm's own words stay"
        )
