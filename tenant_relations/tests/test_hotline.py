# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import TicketCase


@tagged("post_install", "-at_install")
class TestHotlineCallerSearch(TicketCase):
    """The agent finds the caller by phone (as typed), by unit code or by name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")  # numbers without +86 are Chinese
        cls.owner.write({"phone": "+86 138-0000-9999"})
        cls.tenant.write({"mobile": "13911112222", "phone": "010-6543 2100"})
        cls.occupy(cls.unit_a2, cls.tenant, role="tenant")
        cls.former = cls.env["res.partner"].create({"name": "赵前任", "phone": "13700001111"})
        cls.occupy(cls.unit_a2, cls.former, role="tenant", move_in="2020-01-01", move_out="2023-12-31")

    def find(self, query, user=None):
        Partner = self.env["res.partner"].with_user(user or self.staff_a)
        return Partner.browse(pid for pid, _name in Partner.name_search(query, limit=20))

    def test_numbers_are_sanitized_by_odoo_in_e164(self):
        self.assertEqual(self.owner.phone_sanitized, "+8613800009999")
        self.assertEqual(self.tenant.phone_sanitized, "+8613911112222", "the mobile first, as Odoo does")
        self.assertFalse(self.env["res.partner"].create({"name": "No phone"}).phone_sanitized)

    def test_phone_typed_in_any_format_finds_the_caller(self):
        for typed in (
            "138 0000 9999",
            "138-0000-9999",
            "+86 138 0000 9999",
            "0086-138-0000-9999",
            "13800009999",
        ):
            self.assertEqual(self.find(typed), self.owner, typed)
        self.assertEqual(self.find("139-1111-2222"), self.tenant, "the mobile number is searched too")
        self.assertEqual(self.find("(010) 6543-2100"), self.tenant, "a landline with its area code")
        self.assertEqual(self.find("0000 9999"), self.owner, "part of a number")
        self.assertFalse(self.find("136 0000 0000"))

    def test_unit_code_finds_its_current_residents_only(self):
        self.assertEqual(self.find("1-1201"), self.owner)
        self.assertEqual(self.find("1-1202"), self.tenant, "the former tenant who moved out is not offered")

    def test_name_still_finds_the_caller(self):
        self.assertEqual(self.find("王建"), self.owner)

    def test_search_is_two_queries_whatever_the_number(self):
        """Odoo's phone_mobile_search looks the number up first (over its index of the numbers
        without their formatting), then the search runs: two queries, and one for a name."""
        Partner = self.env["res.partner"].with_user(self.staff_a)
        Partner.name_search("138 0000 9999")  # warm the caches
        for query in ("138 0000 9999", "0000 9999", "0571-8888 8888"):
            with self.subTest(query=query), self.assertQueryCount(2):
                Partner.search([("display_name", "ilike", query)])
        with self.assertQueryCount(1):
            Partner.search([("display_name", "ilike", "王建")])


@tagged("post_install", "-at_install")
class TestHotlineTicketForm(TicketCase):
    """Picking the reporter fills the ticket; the ticket's copy never rewrites the contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner.phone = "138 0000 9999"
        cls.two_units = cls.env["res.partner"].create({"name": "孙两套", "mobile": "13655556666"})
        cls.occupy(cls.unit_a2, cls.two_units)
        cls.occupy(cls.unit_b1, cls.two_units)
        cls.visitor = cls.env["res.partner"].create({"name": "路人甲"})
        cls.team.assignment_method = "round_robin"

    def test_reporter_with_one_unit_fills_phone_unit_property_team(self):
        with self.ticket_form() as form:
            form.name = "卫生间天花板漏水"
            form.partner_id = self.owner
            self.assertEqual(form.partner_phone, "138 0000 9999")
            self.assertEqual(form.partner_email, "wang@example.com")
            self.assertEqual(form.unit_id, self.unit_a1)
            self.assertEqual(form.property_id, self.property_a)
            self.assertEqual(form.team_id, self.team)
        ticket = form.record
        self.assertIn(ticket.user_id, self.team.member_ids, "assigned on save")

    def test_resident_with_two_units_chooses_among_them(self):
        with self.ticket_form(self.env.user) as form:
            form.name = "Noise at night"
            form.partner_id = self.two_units
            self.assertFalse(form.unit_id, "two units: the agent chooses")
            self.assertEqual(set(form.partner_unit_ids.ids), {self.unit_a2.id, self.unit_b1.id})
            self.assertEqual(form.partner_phone, "13655556666", "the mobile when there is no phone")
            form.unit_id = self.unit_b1
            self.assertEqual(form.property_id, self.property_b)
        self.assertEqual(form.record.unit_id, self.unit_b1)

    def test_reporter_without_email_or_phone_or_unit(self):
        with self.ticket_form() as form:
            form.name = "Question about the lawn"
            form.partner_id = self.visitor
            self.assertFalse(form.partner_email)
            self.assertFalse(form.partner_phone)
            self.assertFalse(form.unit_id)
        ticket = form.record
        self.assertFalse(ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment"))

    def test_unit_set_after_the_first_save_places_and_assigns(self):
        ticket = self.ticket(unit_id=False, partner_id=self.visitor.id)
        self.assertFalse(ticket.property_id)
        self.assertFalse(ticket.user_id)
        with Form(ticket.with_user(self.staff_a)) as form:
            form.unit_id = self.unit_a1
        self.assertEqual(ticket.property_id, self.property_a)
        self.assertEqual(ticket.team_id, self.team)
        self.assertIn(ticket.user_id, self.team.member_ids)

    def test_reporter_set_after_the_first_save_fills_the_unit(self):
        ticket = self.ticket(unit_id=False, partner_id=False)
        ticket.partner_id = self.owner
        self.assertEqual(ticket.unit_id, self.unit_a1)
        self.assertEqual(ticket.team_id, self.team)
        self.assertIn(ticket.user_id, self.team.member_ids)
        self.assertTrue(ticket.sla_line_ids, "the policies follow the placement")

    def test_manual_assignee_is_kept(self):
        ticket = self.ticket(unit_id=False, partner_id=False, user_id=self.leader.id)
        ticket.write({"unit_id": self.unit_a1.id, "user_id": self.leader.id})
        self.assertEqual(ticket.user_id, self.leader)

    def test_clearing_the_ticket_email_leaves_the_contact_alone(self):
        ticket = self.ticket()
        self.assertEqual(ticket.partner_email, "wang@example.com")
        with Form(ticket.with_user(self.staff_a)) as form:
            form.partner_email = False
            form.partner_phone = "139 0000 0000"
        self.assertFalse(ticket.partner_email)
        self.assertEqual(self.owner.email, "wang@example.com")
        self.assertEqual(self.owner.phone, "138 0000 9999")
        ticket.partner_email = "other@example.com"
        self.assertEqual(self.owner.email, "wang@example.com")
        self.owner.email = "new@example.com"
        self.assertEqual(ticket.partner_email, "other@example.com", "the ticket keeps its own copy")

    def test_mail_routing_uses_the_reporter(self):
        ticket = self.ticket()
        recipients = ticket._message_get_default_recipients()[ticket.id]
        self.assertEqual(recipients["partner_ids"], self.owner.ids)
        self.assertEqual(ticket._primary_email, "partner_email")


@tagged("post_install", "-at_install")
class TestHotlinePromisePreview(TicketCase):
    """The promised times show while the agent is still on the phone, before saving."""

    @freeze_time("2025-03-03 02:00:00")  # Monday 10:00 in Shanghai
    def test_promises_before_saving_match_the_lines_after(self):
        self.env.user.tz = "Asia/Shanghai"
        with Form(self.env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True)) as form:
            form.name = "Burst pipe"
            form.partner_id = self.owner
            form.category_id = self.cat_leak
            self.assertEqual(form.urgency, "urgent")
            # Urgent: 30 minutes around the clock, shown in the user's time zone.
            self.assertEqual(form.promised_response, "2025-03-03 10:30")
            self.assertEqual(form.promised_response_state, "ok")
            self.assertEqual(form.promise_tz, "Asia/Shanghai")
        ticket = form.record
        self.assertEqual(ticket.with_context(tz="Asia/Shanghai").promised_response, "2025-03-03 10:30")
        self.assertEqual(self.line(ticket, self.policy_urgent).deadline, datetime(2025, 3, 3, 2, 30))

    def test_preview_colour_follows_the_clock(self):
        Ticket = self.env["tenant.ticket"]
        now = datetime(2025, 3, 3, 2, 0)
        self.assertEqual(
            Ticket._promise_state(now, now + timedelta(minutes=30), now + timedelta(minutes=20)), "ok"
        )
        self.assertEqual(
            Ticket._promise_state(now, now + timedelta(minutes=5), now - timedelta(minutes=1)), "warning"
        )
        self.assertEqual(
            Ticket._promise_state(now, now - timedelta(minutes=1), now - timedelta(minutes=9)), "overdue"
        )
        with freeze_time("2025-03-03 02:00:00"):
            ticket = self.ticket(category_id=self.cat_leak.id, reported_date="2025-03-03 01:00:00")
            self.assertEqual(ticket.promised_response_state, "overdue")
            ticket.action_respond()
            ticket.invalidate_recordset(["promised_response_state"])
            self.assertEqual(ticket.promised_response_state, "overdue", "answered late stays late")


@tagged("post_install", "-at_install")
class TestCategorySearchInBothLanguages(TicketCase):
    """Typing 漏水, 渗漏 or "leak" finds the water-leak category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.cat_leak.with_context(lang="zh_CN").write({"name": "漏水", "keywords": "渗漏, 滴水, 天花板渗水"})
        cls.cat_leak.parent_id.with_context(lang="zh_CN").name = "水电"

    def find(self, query, lang):
        Category = self.env["tenant.ticket.category"].with_user(self.staff_a).with_context(lang=lang)
        return Category.browse(cid for cid, _name in Category.name_search(query))

    def test_shipped_categories_have_keywords(self):
        self.assertIn("leak", self.cat_leak.keywords)

    def test_chinese_name_and_keywords_found_in_chinese(self):
        self.assertIn(self.cat_leak, self.find("漏水", "zh_CN"))
        self.assertIn(self.cat_leak, self.find("渗漏", "zh_CN"))
        self.assertIn(self.cat_leak, self.find("leak", "zh_CN"), "the English word works in Chinese too")

    def test_english_name_and_keywords_found_in_english(self):
        self.assertIn(self.cat_leak, self.find("Water Leak", "en_US"))
        self.assertIn(self.cat_leak, self.find("seepage", "en_US"))
        self.assertIn(self.cat_leak, self.find("渗漏", "en_US"), "the caller's word works in English too")

    def test_path_shown_in_the_users_language(self):
        self.assertEqual(self.cat_leak.with_context(lang="zh_CN").display_name, "水电 / 漏水")
        self.assertEqual(
            self.cat_leak.with_context(lang="en_US").display_name, "Water and Electricity / Water Leak"
        )


@tagged("post_install", "-at_install")
class TestTicketSmartButtons(TicketCase):
    """Residents, units and properties count their tickets in one query per batch."""

    def test_counts_and_actions(self):
        self.ticket()
        self.ticket(name="Second")
        self.ticket(unit_id=self.unit_b1.id, partner_id=self.tenant.id)
        partners = self.owner | self.tenant
        partners.invalidate_recordset()
        with self.assertQueryCount(1):
            self.assertEqual(partners.mapped("tenant_ticket_count"), [2, 1])
        units = self.unit_a1 | self.unit_a2 | self.unit_b1
        with self.assertQueryCount(1):
            self.assertEqual(units.mapped("ticket_count"), [2, 0, 1])
        props = self.property_a | self.property_b
        with self.assertQueryCount(1):
            self.assertEqual(props.mapped("ticket_count"), [2, 1])
        for record, method in (
            (self.owner, "action_tenant_view_tickets"),
            (self.unit_a1, "action_view_tickets"),
            (self.property_a, "action_view_tickets"),
        ):
            action = getattr(record.with_user(self.staff_a), method)()
            self.assertEqual(len(self.env["tenant.ticket"].search(action["domain"])), 2)
