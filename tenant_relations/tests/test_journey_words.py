# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""No English on the Chinese screens of the demo (issue 13), in Chromium on the demo database as
``make run`` builds it. Each persona walks the screens of their day in zh_CN, and a step on each
screen reads the text shown (tenant_relations_no_english.js) and fails on any English word
outside a short allowed list, or on a "Your logo" placeholder. A journey test (see
journey_case.py)."""

from odoo.tests import tagged

from .journey_case import DEMO, JourneyCase


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class TestJourneyWords(JourneyCase):
    def test_demo_is_set_up_as_the_walks_expect(self):
        """The walks read Chinese screens of a firm that uploaded no logo of its own."""
        for xmlid in ("base.user_admin", DEMO % "user_hotline_demo", DEMO % "user_resident_demo"):
            self.assertEqual(self.env.ref(xmlid).lang, "zh_CN", xmlid)
        self.assertTrue(self.company.uses_default_logo, "a logo shown would be Odoo's placeholder")

    def test_hotline_agent_reads_no_english(self):
        self.start_tour("/odoo", "tenant_relations_journey_words_hotline_tour", login="hotline")

    def test_manager_and_admin_read_no_english(self):
        self.start_tour(
            "/odoo/action-tenant_relations.tenant_property_action",
            "tenant_relations_journey_words_admin_tour",
            login="admin",
        )

    def test_resident_reads_no_english_on_the_portal(self):
        self.start_tour("/my", "tenant_relations_journey_words_resident_tour", login="resident")

    def test_visitor_reads_no_english_in_the_feedback_box(self):
        # A visitor whose browser asks for Chinese, as a resident's phone does: the public pages
        # follow the frontend language (the headless browser itself asks for English).
        ticket = self.tour_ticket(
            "tenant_relations_journey_words_visitor_tour",
            "地库照明坏了",
            url="/web/login",
            cookies={"frontend_lang": "zh_CN"},
        )
        self.assertEqual(ticket.channel, "anonymous")
