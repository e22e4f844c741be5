# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A day at the service desk, part two (issue 13): the hotline agent's four calls, in Chromium on
the demo database as ``make run`` builds it, each recorded right the first time; then the manager's
list and the resident's phone (a journey test: see journey_case.py).

After each call the saved ticket is read back as the desk would check it: category, kind,
priority, unit, property, team, assignee and the SLA deadlines the agent read out before saving.
"""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .journey_case import JourneyCase

TODAY = "/odoo/tenant-today"


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class TestJourneyCalls(JourneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The manager of 翠湖花园 (see demo/tenant_property_demo.xml).
        cls.manager = cls.env.ref("base.user_admin")
        cls.team = cls.demo("tenant_team_chg_demo")
        cls.li = cls.demo("res_partner_li_xiuying_demo")
        cls.urgent_response = cls.demo("tenant_sla_policy_urgent_response")
        cls.normal_response = cls.demo("tenant_sla_policy_normal_response")
        cls.general_complaint = cls.demo("tenant_sla_policy_general_complaint")

    def call(self, tour, title):
        """The agent takes a call from her home, today's calls; the saved ticket."""
        ticket = self.tour_ticket(tour, title, url=TODAY, login="hotline")
        self.assertEqual(ticket.create_uid, self.hotline)
        self.assertEqual(ticket.channel, "hotline")
        return ticket

    def assertRecordedAs(self, ticket, category, kind, urgency, priority):
        """Filed in the demo's category ``tenant_ticket_category_<category>``, as ``kind``."""
        self.assertEqual(ticket.category_id, self.demo(f"tenant_ticket_category_{category}"))
        self.assertEqual(ticket.kind, kind)
        self.assertEqual(ticket.urgency, urgency)
        self.assertEqual(ticket.priority, priority)

    def assertPlaced(self, ticket, unit_code):
        self.assertEqual(ticket.unit_id.code or False, unit_code)
        self.assertEqual(ticket.property_id, self.chg)
        self.assertEqual(ticket.team_id, self.team)
        self.assertIn(ticket.user_id, self.team.member_ids, "assigned in the team on saving")

    def assertDeadlines(self, ticket, expected):
        """``expected``: {policy: deadline}; the promised times read in the agent's time zone."""
        lines = ticket.sla_line_ids
        self.assertEqual(lines.policy_id, ticket.env["tenant.sla.policy"].union(*expected))
        for policy, deadline in expected.items():
            line = lines.filtered(lambda line, p=policy: line.policy_id == p)
            self.assertEqual(line.status, "running")
            self.assertEqual(line.start_date, ticket.reported_date)
            self.assertEqual(line.deadline, deadline, policy.name)
        shown = ticket.with_user(self.hotline).with_context(tz=self.hotline.tz)
        response = min(lines.filtered(lambda line: line.target == "first_response").mapped("deadline"))
        self.assertEqual(
            shown.promised_response,
            fields.Datetime.context_timestamp(shown, response).strftime("%Y-%m-%d %H:%M"),
        )

    def office_hours_later(self, start, hours):
        """``hours`` of the service desk's office hours after ``start`` (the normal policy's clock)."""
        policy = self.normal_response
        self.assertFalse(policy.around_the_clock)
        deadline = policy._plan_deadlines(policy.calendar_id, [(start, hours)])[0]
        self.assertAlmostEqual(policy._working_hours_between(policy.calendar_id, start, deadline), hours)
        return deadline

    # The four calls -------------------------------------------------------------------------

    def test_leak_from_the_caller_with_two_units_found_by_unit_code(self):
        """马丽 lives in 1-1501 and P-002; the agent types 1-1501 in the caller search: that unit is
        taken, she is not asked again, and the urgent leak gets its 30-minute promise."""
        self.assertEqual(set(self.ma_li.tenant_unit_ids.mapped("code")), {"1-1501", "P-002"})
        ticket = self.call("tenant_relations_journey_calls_leak_tour", "卫生间天花板漏水")
        self.assertEqual(ticket.partner_id, self.ma_li)
        self.assertRecordedAs(ticket, "water_leak", "repair", "urgent", "2")
        self.assertPlaced(ticket, "1-1501")
        self.assertDeadlines(ticket, {self.urgent_response: ticket.reported_date + timedelta(minutes=30)})

    def test_gas_smell_is_found_by_the_callers_words_and_urgent_before_saving(self):
        ticket = self.call("tenant_relations_journey_calls_gas_tour", "厨房有燃气味")
        self.assertEqual(ticket.partner_id, self.resident)
        self.assertRecordedAs(ticket, "gas", "repair", "urgent", "2")
        self.assertPlaced(ticket, "1-201")
        self.assertDeadlines(ticket, {self.urgent_response: ticket.reported_date + timedelta(minutes=30)})

    def test_renovation_noise_is_a_general_complaint_solved_within_a_day(self):
        ticket = self.call("tenant_relations_journey_calls_noise_tour", "楼上装修噪音太大")
        self.assertEqual(ticket.partner_id, self.li)
        self.assertRecordedAs(ticket, "renovation", "complaint", "normal", "1")
        self.assertEqual(ticket.complaint_grade, "general")
        self.assertPlaced(ticket, "1-201")
        start = ticket.reported_date
        self.assertDeadlines(
            ticket,
            {
                self.normal_response: self.office_hours_later(start, 2),
                self.general_complaint: start + timedelta(hours=24),
            },
        )

    def test_water_fee_question_from_an_unknown_caller(self):
        self.assertFalse(self.env["tenant.ticket"]._find_callers("139 5711 2288"))
        ticket = self.call("tenant_relations_journey_calls_water_fee_tour", "水费怎么比上个月高")
        self.assertEqual(ticket.partner_id.name, "林女士")
        self.assertEqual(ticket.partner_id.phone, "139 5711 2288")
        self.assertRecordedAs(ticket, "fees", "inquiry", "normal", "1")
        self.assertPlaced(ticket, False)
        self.assertDeadlines(ticket, {self.normal_response: self.office_hours_later(ticket.reported_date, 2)})

    # Who else sees them ------------------------------------------------------------------------

    def record_calls(self):
        """The four calls as the agent's form saves them (through HTTP, signed in as her)."""
        self.authenticate("hotline", "hotline")
        calls = [
            {"name": "卫生间天花板漏水", "partner_id": self.ma_li.id, "unit_id": self.unit("1-1501").id},
            {
                "name": "厨房有燃气味",
                "partner_id": self.resident.id,
                "category_id": self.demo("tenant_ticket_category_gas").id,
            },
            {"name": "楼上装修噪音太大", "partner_id": self.li.id, "kind": "complaint"},
            {
                "name": "水费怎么比上个月高",
                "kind": "inquiry",
                "partner_phone": "139 5711 2288",
                "partner_name": "林女士",
            },
        ]
        ids = self.rpc("tenant.ticket", "create", calls)
        return self.env["tenant.ticket"].browse(ids)

    def unit(self, code):
        return self.env["tenant.unit"].search([("property_id", "=", self.chg.id), ("code", "=", code)])

    def test_manager_sees_the_days_calls_on_the_list(self):
        self.assertTrue(self.manager.has_group("tenant_relations.group_tenant_relations_manager"))
        self.assertEqual(self.chg.manager_id, self.manager)
        self.record_calls()
        self.start_tour(
            "/odoo/action-tenant_relations.tenant_ticket_action?view_type=list",
            "tenant_relations_journey_calls_manager_tour",
            login="admin",
        )

    def test_resident_follows_the_call_on_a_phone(self):
        gas = self.record_calls().filtered(lambda t: t.partner_id == self.resident)
        self.rpc(
            "tenant.ticket",
            "message_post",
            gas.ids,
            body="您好，燃气抢修师傅 15 分钟内到，请先关闭燃气总阀并开窗通风。",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        resident = self.demo("user_resident_demo")
        self.assertEqual(resident.partner_id, self.resident)
        # The one change to the demo: a resident who never chose a time zone reads the firm's.
        resident.tz = False
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour("/my/tickets", "tenant_relations_journey_calls_resident_phone_tour", login="resident")
