# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After the close: no greeting to nobody, one return call per resident and day, a visit form
that knows the unit."""

from freezegun import freeze_time
from lxml import etree

from odoo.tests import Form, tagged

from .common import TicketCase


@tagged("post_install", "-at_install")
class TestTicketFollowup(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Visit = cls.env["tenant.visit"]

    def close(self, ticket):
        ticket.with_user(self.staff_a).write({"stage_id": self.stage_closed.id})

    def test_closing_without_reporter_mails_nobody(self):
        ticket = self.ticket(partner_id=False)
        self.close(ticket)
        self.assertTrue(ticket.is_closed)
        closing = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertFalse(closing, "no closing mail greeting nobody (尊敬的 ：)")

    def test_closing_with_reporter_still_mails_them(self):
        ticket = self.ticket()
        self.close(ticket)
        closing = ticket.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertTrue(closing)

    @freeze_time("2026-03-10 02:00:00")
    def test_two_tickets_closed_the_same_day_one_return_visit(self):
        first = self.ticket(category_id=self.cat_noise.id)
        second = self.ticket(name="Lift button stuck", category_id=self.cat_noise.id)
        self.close(first)
        self.close(second)
        visits = self.Visit.search([("partner_id", "=", self.owner.id), ("kind", "=", "ticket")])
        self.assertEqual(len(visits), 1, "one return call per resident and day")
        self.assertEqual(visits.ticket_id | visits.followed_ticket_ids, first | second)
        # The cron, as a safety net, plans nothing more for them.
        self.assertFalse(self.Visit._cron_plan_visits().filtered(lambda v: v.kind == "ticket"))

    def test_two_tickets_closed_in_one_write_one_return_visit(self):
        tickets = self.ticket(category_id=self.cat_noise.id) | self.ticket(
            name="Second", category_id=self.cat_noise.id
        )
        tickets.with_user(self.staff_a).write({"stage_id": self.stage_closed.id})
        visits = self.Visit.search([("partner_id", "=", self.owner.id), ("kind", "=", "ticket")])
        self.assertEqual(len(visits), 1)

    def test_visit_form_fills_the_unit(self):
        form = Form(self.Visit.with_user(self.staff_a))
        form.partner_id = self.owner
        self.assertEqual(form.unit_id, self.unit_a1, "the resident's only current unit")
        ticket = self.ticket()
        form = Form(self.Visit.with_user(self.staff_a))
        form.kind = "ticket"
        form.partner_id = self.owner
        form.ticket_id = ticket
        self.assertEqual(form.unit_id, ticket.unit_id, "the followed-up ticket's unit")


@tagged("post_install", "-at_install")
class TestGreetingYearDisplay(TicketCase):
    def test_year_shown_without_thousands_separator(self):
        """年份 reads 2027, not 2,027: every view showing the year turns the number formatting off."""
        views = self.env["tenant.greeting.campaign"].with_user(self.manager).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        years = arch.xpath("//field[@name='year']")
        self.assertTrue(years)
        for node in years:
            self.assertIn("'enable_formatting': false", node.get("options") or "")
