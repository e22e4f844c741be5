# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13: the points of the residents have a home for staff (menu Tenant Relations > Points).

Staff read the cards of their properties' current residents, managers those of their companies'
residents; nobody of Tenant Relations writes a card or a ledger line over RPC.
"""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import TenantRelationsCase


@tagged("post_install", "-at_install")
class TestStaffPoints(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_b1, cls.tenant, role="tenant")
        Partner = cls.env["res.partner"]
        Partner._tenant_award_points({cls.owner.id: 120, cls.tenant.id: 80}, "Lease renewal")
        cls.program = cls.env.ref("tenant_relations.loyalty_program_resident")
        cls.owner_card = cls.owner._tenant_loyalty_cards()
        cls.tenant_card = cls.tenant._tenant_loyalty_cards()

    def menu_cards(self, user):
        """What the Points menu lists for ``user``, read as the web client reads it."""
        menu = self.env.ref("tenant_relations.loyalty_card_menu_tenant")
        self.assertTrue(menu.with_user(user)._filter_visible_menus(), f"the menu is shown to {user.login}")
        action = self.env.ref("tenant_relations.loyalty_card_action_tenant").with_user(user).run()
        Card = self.env["loyalty.card"].with_user(user)
        result = Card.web_search_read(
            action["domain"],
            {
                "partner_id": {"fields": {"display_name": {}}},
                "points": {},
                "history_ids": {"fields": {"issued": {}}},
            },
        )
        return Card.browse([row["id"] for row in result["records"]])

    def test_points_menu_lists_staff_residents_cards(self):
        self.assertEqual(self.menu_cards(self.staff_a), self.owner_card)
        self.assertEqual(self.menu_cards(self.staff_b), self.tenant_card)
        self.assertEqual(self.menu_cards(self.manager), self.owner_card | self.tenant_card)
        self.assertEqual(self.owner_card.with_user(self.staff_a).history_ids.issued, 120)

    def test_staff_read_no_other_property_card(self):
        with self.assertRaises(AccessError):
            self.tenant_card.with_user(self.staff_a).read(["points"])
        with self.assertRaises(AccessError):
            self.tenant_card.history_ids.with_user(self.staff_a).read(["issued"])

    def test_former_resident_card_left_to_managers(self):
        former = self.env["res.partner"].create({"name": "Moved Out"})
        self.occupy(self.unit_a2, former, move_in="2020-01-01", move_out="2021-01-01")
        self.env["res.partner"]._tenant_award_points({former.id: 10}, "Survey")
        card = former._tenant_loyalty_cards()
        with self.assertRaises(AccessError):
            card.with_user(self.staff_a).read(["points"])
        self.assertEqual(card.with_user(self.manager).points, 10)

    def test_cards_and_ledger_stay_read_only(self):
        for user in (self.staff_a, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.owner_card.with_user(user).write({"points": 1_000_000})
                with self.assertRaises(AccessError):
                    self.env["loyalty.card"].with_user(user).create(
                        {"program_id": self.program.id, "partner_id": self.owner.id, "points": 5}
                    )
                with self.assertRaises(AccessError):
                    self.env["loyalty.history"].with_user(user).create(
                        {"card_id": self.owner_card.id, "description": "gift", "issued": 1_000_000}
                    )
                with self.assertRaises(AccessError):
                    self.owner_card.history_ids.with_user(user).write({"issued": 1_000_000})
                with self.assertRaises(AccessError):
                    self.owner_card.with_user(user).unlink()
        self.assertEqual(self.owner_card.points, 120)

    def test_admin_loyalty_cards_button_opens(self):
        """Core's 会员卡 (Loyalty Cards) button on a resident, as an administrator who manages."""
        admin = self.env.ref("base.user_admin")
        action = self.owner.with_user(admin).action_view_loyalty_cards()
        Card = self.env["loyalty.card"].with_user(admin)
        views = Card.get_views([(False, "list"), (False, "form")])
        list_fields = views["views"]["list"]["arch"]
        self.assertIn("points_display", list_fields)
        result = Card.web_search_read(
            action["domain"],
            {
                "code": {},
                "points_display": {},
                "program_id": {"fields": {"display_name": {}}},
                "partner_id": {"fields": {"display_name": {}}},
            },
        )
        self.assertEqual([row["id"] for row in result["records"]], self.owner_card.ids)
