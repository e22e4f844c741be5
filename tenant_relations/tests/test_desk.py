# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service desk as the hotline agent works it (issue 13, part two), through the web client's
own calls over real HTTP where a browser would make them."""

from odoo.tests import HttpCase, new_test_user, tagged

from .common import TicketCase, call_kw


@tagged("post_install", "-at_install")
class TestDeskProfileList(HttpCase, TicketCase):
    """住户档案 as a property's agent: the list opens and shows no other property's unit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "tr_desk_agent",
            password="tr_desk_agent",
            groups="base.group_user,tenant_relations.group_tenant_relations_user",
        )
        cls.property_a.user_ids = [(4, cls.agent.id)]
        # 王建国 lives in 1-1201 of property A and also owns A-0801 in property B.
        cls.occupy(cls.unit_b1, cls.owner)
        cls.profile = cls.env["tenant.profile"].create({"partner_id": cls.owner.id})

    def test_agent_opens_the_profile_list_and_sees_only_units_of_their_property(self):
        self.authenticate("tr_desk_agent", "tr_desk_agent")
        view = self.env.ref("tenant_relations.tenant_profile_view_list")
        self.assertIn('name="unit_ids"', view.arch)
        # What the list view asks for (web_search_read with the list's field specification).
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "tenant.profile",
                "method": "web_search_read",
                "args": [],
                "kwargs": {
                    "domain": [],
                    "specification": {
                        "partner_id": {"fields": {"display_name": {}}},
                        "tenant_role": {},
                        "unit_ids": {"fields": {"display_name": {}}},
                        "is_elderly": {},
                        "last_review_date": {},
                        "next_review_date": {},
                    },
                },
            },
        )
        rows = {row["id"]: row for row in result["records"]}
        self.assertIn(self.profile.id, rows)
        units = [unit["id"] for unit in rows[self.profile.id]["unit_ids"]]
        self.assertEqual(units, [self.unit_a1.id], "the unit in property B is not shown to A's agent")
        # The manager still sees both.
        self.assertEqual(self.profile.with_user(self.manager).unit_ids, self.unit_a1 | self.unit_b1)
        # And the form's read does the same.
        read = call_kw(self, "tenant.profile", "read", [self.profile.id], ["unit_ids"])
        self.assertEqual(read[0]["unit_ids"], [self.unit_a1.id])
