# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17, scores and follow-up: a ticket rated 1 (dissatisfied) of Odoo's three faces opens one
follow-up, a dissatisfaction return visit (不满意回访) or the ticket reopened, as the firm chooses."""

from odoo import fields, http
from odoo.tests import tagged

from .common import PortalCase, TicketCase, no_ack_tickets, portal_resident, property_units

PARAM = "tenant_relations.low_rating_followup"


@tagged("post_install", "-at_install")
class TestRatingFollowup(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Visit = cls.env["tenant.visit"]

    def closed_ticket(self, **vals):
        ticket = self.ticket(**vals)
        ticket.with_user(self.staff_a).write({"stage_id": self.stage_closed.id})
        self.assertTrue(ticket.is_closed)
        return ticket

    def rate(self, ticket, rate):
        """As the rating route does: the reporter's token, applied as sudo after its check."""
        token = ticket._rating_get_access_token()
        return ticket.sudo().rating_apply(rate, token=token)

    def followups(self, ticket=None):
        domain = [("kind", "=", "followup")]
        if ticket:
            domain.append(("ticket_id", "=", ticket.id))
        return self.Visit.search(domain)

    def set_mode(self, mode):
        self.env["ir.config_parameter"].set_param(PARAM, mode)

    def test_default_plans_one_dissatisfaction_visit(self):
        ticket = self.closed_ticket()
        self.rate(ticket, 1)
        visit = self.followups(ticket)
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.partner_id, self.owner)
        self.assertEqual(visit.unit_id, self.unit_a1)
        self.assertEqual(visit.user_id, self.staff_a, "the property's manager calls back")
        self.assertEqual(visit.state, "planned")
        self.assertEqual(visit.planned_date, fields.Date.context_today(visit))
        self.assertIn("1/5", visit.followup_reason)
        self.assertIn(ticket.number, visit.followup_reason)
        self.assertEqual(visit.reason_key, f"followup:tenant.ticket,{ticket.id}")
        self.assertEqual(visit.activity_ids.user_id, self.staff_a, "on the staff's calendar")
        self.assertTrue(ticket.is_closed, "a visit leaves the ticket closed")
        self.assertTrue(ticket.low_rating_followup_date)

    def test_once_per_ticket(self):
        ticket = self.closed_ticket()
        self.rate(ticket, 1)
        # The rating page applies the rating again when the resident submits a comment.
        rating = ticket.rating_ids.filtered("consumed")
        ticket.sudo().rating_apply(1, rating=rating, feedback="Still dripping")
        # Reopened by staff, closed again, rated 1 once more: still the one follow-up.
        ticket.with_user(self.staff_a).write({"stage_id": self.stage_progress.id})
        ticket.with_user(self.staff_a).write({"stage_id": self.stage_closed.id})
        self.rate(ticket, 1)
        self.assertEqual(len(ticket.rating_ids.filtered("consumed")), 2, "rated twice")
        self.assertEqual(len(self.followups(ticket)), 1)
        # And in reopen mode, the ticket followed up once is not reopened either.
        self.set_mode("reopen")
        self.rate(ticket, 1)
        self.assertTrue(ticket.is_closed)

    def test_reopen_mode(self):
        self.set_mode("reopen")
        ticket = self.closed_ticket()
        self.rate(ticket, 1)
        self.assertFalse(ticket.is_closed)
        self.assertFalse(ticket.stage_id.is_resolved)
        self.assertFalse(ticket.closed_date)
        self.assertFalse(self.followups(), "no visit in this mode")
        note = ticket.message_ids.filtered(lambda m: "1/5" in str(m.body) and m.subtype_id.internal)
        self.assertEqual(len(note), 1, "a note tells the staff why")
        # Closed again and rated 1 again: not reopened a second time.
        ticket.with_user(self.staff_a).write({"stage_id": self.stage_closed.id})
        self.rate(ticket, 1)
        self.assertTrue(ticket.is_closed)

    def test_none_mode(self):
        self.set_mode("none")
        ticket = self.closed_ticket()
        self.rate(ticket, 1)
        self.assertTrue(ticket.is_closed)
        self.assertFalse(self.followups())
        self.assertFalse(ticket.low_rating_followup_date)

    def test_okay_and_satisfied_open_nothing(self):
        for rate in (3, 5):
            ticket = self.closed_ticket(name=f"Rated {rate}")
            self.rate(ticket, rate)
            self.assertEqual(ticket.rating_ids.filtered("consumed").rating, rate)
            self.assertFalse(ticket.low_rating_followup_date)
        self.set_mode("reopen")
        ticket = self.closed_ticket(name="Rated 3, reopen mode")
        self.rate(ticket, 3)
        self.assertTrue(ticket.is_closed)
        self.assertFalse(self.followups())

    def test_open_ticket_rated_1_opens_nothing(self):
        ticket = self.ticket()
        self.rate(ticket, 1)
        self.assertFalse(self.followups())
        self.assertFalse(ticket.low_rating_followup_date)

    def test_unsatisfied_at_the_followup_visit_reopens_the_ticket(self):
        ticket = self.closed_ticket()
        self.rate(ticket, 1)
        visit = self.followups(ticket)
        visit.with_user(self.staff_a).write(
            {"outcome": "reached", "visit_date": fields.Date.today(), "satisfaction": "1"}
        )
        visit.with_user(self.staff_a).action_done()
        self.assertFalse(ticket.is_closed, "still unhappy at the return call: back to work")

    def test_plan_followup_is_idempotent_per_origin(self):
        first, second = self.ticket(), self.ticket(name="Second")
        visit = self.Visit._tenant_plan_followup(self.owner, first, "Unhappy")
        self.assertEqual(self.Visit._tenant_plan_followup(self.owner, first, "Unhappy again"), visit)
        other = self.Visit._tenant_plan_followup(self.owner, second, "Unhappy")
        self.assertNotEqual(other, visit)
        self.assertEqual(len(self.followups()), 2)
        self.assertFalse(self.Visit._tenant_plan_followup(self.env["res.partner"], first, "Nobody"))

    def test_setting(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.tenant_low_rating_followup, "visit", "the default")
        settings.tenant_low_rating_followup = "reopen"
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].get_param(PARAM), "reopen")
        settings = self.env["res.config.settings"].create({"tenant_low_rating_followup": "none"})
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].get_param(PARAM), "none")


@tagged("post_install", "-at_install")
class TestRatingFollowupPortal(PortalCase):
    """The real route: the resident closes their request on the portal and rates it from the link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        unit = property_units(cls.env, "RFP", "Rating Follow-up Park", ("1", "0101", "1-0101"))
        cls.user = portal_resident(cls.env, "tr_rating_followup", unit, "Resident R", "r@example.com")
        cls.ticket = no_ack_tickets(cls.env).create(
            {"name": "Front door lock", "partner_id": cls.user.partner_id.id, "unit_id": unit.id}
        )

    def test_resident_rates_1_from_the_portal(self):
        self.login(self.user)
        self.assertEqual(self.close_on_portal(self.ticket.access_url).status_code, 303)
        self.assertTrue(self.ticket.is_closed)
        token = self.ticket.sudo().rating_ids.filtered(lambda r: not r.consumed).access_token
        self.assertIn(f"/rate/{token}/1", self.url_open(self.ticket.access_url).text)
        self.assertEqual(self.url_open(f"/rate/{token}/1").status_code, 200)
        # Then the comment, submitted from the rating page (which applies the rating again).
        res = self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"csrf_token": http.Request.csrf_token(self), "rate": "1", "feedback": "Still broken"},
        )
        self.assertEqual(res.status_code, 200)
        visits = self.env["tenant.visit"].search([("kind", "=", "followup")])
        self.assertEqual(visits.ticket_id, self.ticket)
        self.assertEqual(len(visits), 1, "one follow-up, though the rating was applied twice")
        self.assertEqual(visits.partner_id, self.user.partner_id)
        self.assertEqual(self.ticket.sudo().rating_ids.filtered("consumed").feedback, "Still broken")
