# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A day at the service desk, part two (issue 13), in Chromium on the demo database as ``make run``
builds it, as the hotline agent 陈晓丽 (hotline/hotline). A journey test (see journey_case.py):
these set nothing up beyond a ticket to answer."""

from odoo.tests import tagged

from .journey_case import JourneyCase

TICKETS = "/odoo/action-tenant_relations.tenant_ticket_action"


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class TestJourneyDesk(JourneyCase):
    def new_ticket(self, name):
        """A call registered by the agent a moment ago, not yet answered."""
        return (
            self.env["tenant.ticket"]
            .with_user(self.hotline)
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create({"name": name, "partner_id": self.resident.id, "channel": "hotline"})
        )

    def test_hotline_agent_opens_the_resident_profiles(self):
        self.start_tour(
            "/odoo/action-tenant_relations.tenant_profile_action",
            "tenant_relations_journey_desk_profiles_tour",
            login="hotline",
        )

    def test_caller_with_two_units_is_asked_which_one(self):
        self.assertGreater(len(self.ma_li.tenant_unit_ids), 1, "马丽 lives in two units")
        tour = "tenant_relations_journey_desk_two_units_tour"
        ticket = self.tour_ticket(tour, "卧室窗户关不上", login="hotline")
        self.assertEqual(ticket.partner_id, self.ma_li)
        self.assertEqual(ticket.unit_id.code, "1-1501")
        self.assertEqual(ticket.property_id, self.chg)
        self.assertTrue(ticket.team_id)

    def test_unknown_caller_is_recorded_from_the_number(self):
        self.assertFalse(self.env["res.partner"].search([("phone", "=", "139 5711 0000")]))
        tour = "tenant_relations_journey_desk_unknown_caller_tour"
        ticket = self.tour_ticket(tour, "小区东门道闸坏了", login="hotline")
        self.assertEqual(ticket.partner_id.name, "赵先生")
        self.assertEqual(ticket.partner_id.phone, "139 5711 0000")

    def test_known_number_proposes_the_contact(self):
        tour = "tenant_relations_journey_desk_known_number_tour"
        count = self.env["res.partner"].search_count([])
        ticket = self.tour_ticket(tour, "客厅吊灯闪烁", login="hotline")
        self.assertEqual(ticket.partner_id, self.resident)
        self.assertEqual(self.env["res.partner"].search_count([]), count, "no duplicate contact")

    def test_agent_lands_on_todays_calls(self):
        self.assertEqual(self.hotline.action_id.id, self.demo("tenant_ticket_action_today").id)
        self.start_tour("/odoo", "tenant_relations_journey_desk_home_tour", login="hotline")

    def test_form_refreshes_after_sending_a_message(self):
        ticket = self.new_ticket("阳台地漏反水")
        self.start_tour(
            f"{TICKETS}/{ticket.id}", "tenant_relations_journey_desk_send_message_tour", login="hotline"
        )
        self.assertTrue(ticket.first_response_date)

    def test_mark_responded_leaves_a_chatter_line(self):
        ticket = self.new_ticket("电梯按钮失灵")
        self.start_tour(
            f"{TICKETS}/{ticket.id}", "tenant_relations_journey_desk_mark_responded_tour", login="hotline"
        )
        self.assertTrue(ticket.first_response_date)
