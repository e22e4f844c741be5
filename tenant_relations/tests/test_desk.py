# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service desk as the hotline agent works it (issue 13, part two), through the web client's
own calls over real HTTP where a browser would make them."""

import re

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import TicketCase, TourTicketMixin, call_kw


@tagged("post_install", "-at_install")
class TestDeskProfileList(HttpCase, TicketCase):
    """住户档案 as a property's agent: the list opens and shows no other property's unit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls.property_agent("tr_desk_agent")
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


@tagged("post_install", "-at_install")
class TestDeskTwoUnitCaller(TicketCase):
    """A caller who lives in two units is asked which one; the ticket is never left without."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ma_li = cls.env["res.partner"].create({"name": "马丽", "mobile": "13655556666"})
        cls.occupy(cls.unit_a1, cls.ma_li, role="tenant")
        cls.occupy(cls.unit_a2, cls.ma_li, role="tenant")

    def test_two_unit_caller_form_requires_the_unit_and_offers_both(self):
        form = self.ticket_form(name="楼上漏水")
        form.partner_id = self.ma_li
        self.assertFalse(form.unit_id)
        self.assertEqual(form.partner_unit_ids[:], self.unit_a1 | self.unit_a2)
        self.assertEqual(form.partner_unit_count, 2)
        with self.assertRaisesRegex(AssertionError, "unit_id"):
            form.save()
        form.unit_id = self.unit_a2
        ticket = form.save()
        self.assertEqual(ticket.property_id, self.property_a)
        self.assertEqual(ticket.team_id, self.team, "placed: the team's assignment follows")

    def test_two_unit_caller_saved_without_unit_is_refused_naming_the_units(self):
        Ticket = self.env["tenant.ticket"].with_user(self.staff_a)
        with self.assertRefused("1-1201", UserError):
            Ticket.create({"name": "楼上漏水", "partner_id": self.ma_li.id, "channel": "hotline"})
        with self.assertRefused("1-1202", UserError):
            Ticket.create({"name": "楼上漏水", "partner_id": self.ma_li.id, "channel": "hotline"})
        ticket = self.ticket(partner_id=self.ma_li.id, unit_id=self.unit_a1.id)
        with self.assertRefused("马丽", UserError):
            ticket.with_user(self.staff_a).write({"unit_id": False})

    def test_mail_from_a_two_unit_resident_still_opens_a_ticket(self):
        ticket = self.env["tenant.ticket"].create({"name": "Mail", "partner_id": self.ma_li.id})
        self.assertFalse(ticket.unit_id, "the system (an e-mail to the alias) is not asked")


@tagged("post_install", "-at_install")
class TestDeskCallerFoundByUnitCode(TourTicketMixin, HttpCase, TicketCase):
    """Found by a unit code, a caller of several units is recorded for that unit: the agent typed
    it, the caller is not asked again (in the browser: the reporter field's widget)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls.property_agent("tr_desk_unit_agent")
        cls.ma_li = cls.env["res.partner"].create({"name": "马丽", "mobile": "13655556666"})
        cls.occupy(cls.unit_a1, cls.ma_li, role="tenant")
        cls.occupy(cls.unit_a2, cls.ma_li, role="tenant")

    def test_unit_code_typed_in_the_caller_search_chooses_that_unit(self):
        tour = "tenant_relations_hotline_unit_code_tour"
        ticket = self.tour_ticket(tour, "Bathroom ceiling leaking", login="tr_desk_unit_agent")
        self.assertEqual(ticket.partner_id, self.ma_li)
        self.assertEqual(ticket.unit_id, self.unit_a2, "1-1202, as typed")
        self.assertEqual(ticket.team_id, self.team)


@tagged("post_install", "-at_install")
class TestDeskResponded(TicketCase):
    """标记已响应 leaves a line in the chatter; a staff message refreshes the form."""

    def test_mark_responded_posts_who_and_when_in_the_chatter(self):
        ticket = self.ticket()
        ticket.with_user(self.staff_a).action_respond()
        self.assertTrue(ticket.first_response_date)
        note = ticket.message_ids.filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_note"))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.staff_a.partner_id, "who marked it")
        self.assertLessEqual(abs(note.date - ticket.first_response_date).total_seconds(), 1, "and when")
        ticket.with_user(self.staff_a).action_respond()
        self.assertEqual(len(ticket.message_ids.filtered(lambda m: m.subtype_id.internal)), 1, "once")

    def test_ticket_form_reloads_after_a_message_is_posted(self):
        arch = self.env["tenant.ticket"].with_user(self.staff_a).get_views([(False, "form")])["views"]["form"]
        self.assertIn('reload_on_post="True"', arch["arch"])


@tagged("post_install", "-at_install")
class TestDeskUnknownCaller(TicketCase):
    """An unknown caller is recorded from the number typed; a known number finds its contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner.phone = "+86 138-0000-9999"

    def test_unknown_caller_becomes_a_contact_from_the_number_typed(self):
        self.assertFalse(self.staff_a.has_group("base.group_partner_manager"), "no Contact Creation right")
        form = self.ticket_form(name="小区门口路灯不亮", phone="137 1234 5678")
        self.assertFalse(form.partner_id, "nobody has this number")
        form.partner_name = "赵先生"
        ticket = form.save()
        self.assertEqual(ticket.partner_id.name, "赵先生")
        self.assertEqual(ticket.partner_id.phone, "137 1234 5678")
        self.assertEqual(ticket.partner_phone, "137 1234 5678")

    def test_known_number_proposes_the_existing_contact_instead_of_a_new_one(self):
        form = self.ticket_form(name="卫生间天花板漏水", phone="13800009999")
        self.assertEqual(form.partner_id, self.owner, "the contact with that number is proposed")
        self.assertEqual(form.unit_id, self.unit_a1)
        ticket = form.save()
        self.assertEqual(ticket.partner_id, self.owner)
        # Over RPC, without the form's proposal: still no duplicate.
        count = self.env["res.partner"].search_count([])
        other = (
            self.env["tenant.ticket"]
            .with_user(self.staff_a)
            .create({"name": "又漏水了", "partner_phone": "138 0000 9999", "partner_name": "王先生"})
        )
        self.assertEqual(other.partner_id, self.owner)
        self.assertEqual(self.env["res.partner"].search_count([]), count)

    def test_unknown_callers_ticket_goes_to_the_agents_only_property(self):
        """Without a unit, a property's agent still files for that property: its team takes the
        ticket and somebody is assigned (it used to wait unplaced, seen by no team)."""
        self.assertEqual(self.property_a.manager_id, self.staff_a, "staff_a works for property A only")
        self.team.assignment_method = "balanced"
        form = self.ticket_form(name="水费怎么比上个月高", phone="137 1234 5678")
        form.partner_name = "林女士"
        self.assertEqual(form.property_id, self.property_a, "before saving")
        self.assertEqual(form.team_id, self.team)
        ticket = form.save()
        self.assertEqual(ticket.property_id, self.property_a)
        self.assertIn(ticket.user_id, self.team.member_ids)
        self.assertFalse(ticket.unit_id)
        # Staff of two properties choose; so do managers and the system (mail, imports).
        self.property_b.user_ids = [(4, self.staff_a.id)]
        Ticket = self.env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True)
        for user in (self.staff_a, self.manager, self.env.ref("base.user_root")):
            with self.subTest(user=user.login):
                other = Ticket.with_user(user).create({"name": "Question", "partner_phone": "137 1234 5678"})
                self.assertFalse(other.property_id)
        # A resident's unit still decides.
        self.property_b.user_ids = [(3, self.staff_a.id)]
        self.assertEqual(self.ticket(partner_id=False, unit_id=self.unit_b1.id).property_id, self.property_b)

    def test_phone_field_is_shown_before_a_reporter_is_chosen(self):
        arch = self.env["tenant.ticket"].with_user(self.staff_a).get_views([(False, "form")])["views"]["form"]
        phone = re.search(r'<field name="partner_phone"[^>]*>', arch["arch"]).group(0)
        self.assertNotIn("invisible", phone)


@tagged("post_install", "-at_install")
class TestDeskComplaintGrade(TicketCase):
    """A complaint is general until graded otherwise: its 24-hour resolution promise applies from
    the start (an ungraded complaint matched no complaint policy and was promised nothing)."""

    def test_complaint_is_general_until_graded_otherwise(self):
        form = self.ticket_form(name="楼上装修噪音太大")
        form.partner_id = self.owner
        self.assertFalse(form.complaint_grade)
        self.assertFalse(form.promised_resolution)
        form.kind = "complaint"
        self.assertEqual(form.complaint_grade, "general")
        self.assertTrue(form.promised_resolution, "the 24-hour promise, read out before saving")
        form.complaint_grade = "complex"
        form.kind = "inquiry"
        self.assertFalse(form.complaint_grade, "only complaints are graded")
        form.kind = "complaint"
        ticket = form.save()
        self.assertEqual(ticket.complaint_grade, "general")
        line = self.line(ticket, self.policy_general)
        self.assertEqual((line.deadline - ticket.reported_date).total_seconds(), 24 * 3600)

    def test_complaints_from_anywhere_get_the_general_promise(self):
        """The portal, the feedback box and mail give no grade."""
        ticket = self.ticket(kind="complaint", channel="portal")
        self.assertEqual(ticket.complaint_grade, "general")
        self.assertTrue(self.line(ticket, self.policy_general))
        major = self.ticket(kind="complaint", complaint_grade="major")
        self.assertEqual(major.complaint_grade, "major", "a grade given is kept")
        self.assertFalse(self.line(major, self.policy_general))
        self.assertFalse(self.ticket(kind="repair").complaint_grade)


@tagged("post_install", "-at_install")
class TestDeskHome(TicketCase):
    """The agent's home is today's calls with their deadlines, not Discuss."""

    def test_new_staff_land_on_todays_calls(self):
        home = self.env.ref("tenant_relations.tenant_ticket_action_today").id
        self.assertEqual(self.staff_a.action_id.id, home, "staff made by new_test_user get it")
        agent = new_test_user(self.env, "tr_desk_new_agent", groups="base.group_user")
        self.assertFalse(agent.action_id, "not staff yet")
        agent.groups_id = [(4, self.env.ref("tenant_relations.group_tenant_relations_user").id)]
        self.assertEqual(agent.action_id.id, home, "given when they become staff")
        chosen = self.env.ref("tenant_relations.tenant_property_action", raise_if_not_found=False)
        if chosen:
            agent.action_id = chosen.id
            agent.groups_id = [(4, self.env.ref("tenant_relations.group_tenant_relations_manager").id)]
            self.assertEqual(agent.action_id.id, chosen.id, "a home chosen for them stays")

    def test_todays_calls_lists_todays_tickets_nearest_deadline_first(self):
        old = self.ticket(name="Old call", reported_date="2024-01-01 08:00:00")
        today = self.ticket(name="Today's call")
        home = self.env.ref("tenant_relations.tenant_ticket_action_today")
        self.assertIn("search_default_today", home.context)
        search = self.env["tenant.ticket"].with_user(self.staff_a).get_views([(False, "search")])
        self.assertIn('name="today"', search["views"]["search"]["arch"])
        views = {mode: view for view, mode in home.views}
        arch = self.env["ir.ui.view"].browse(views["list"]).get_combined_arch()
        self.assertIn('default_order="sla_deadline', arch)
        mine = self.env["tenant.ticket"].with_user(self.staff_a).search([("id", "in", (old | today).ids)])
        self.assertEqual(mine, old | today)
