# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Return visits (回访): the planner with frozen time, the rules of a visit, access."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import TicketCase


@tagged("post_install", "-at_install")
class TestVisit(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Visit = cls.env["tenant.visit"]
        # What the database already holds (demo data) must not feed the planner: these tests
        # count what it plans for their own residents and tickets.
        cls.Visit.search([]).unlink()
        cls.env["tenant.ticket"].search([("is_closed", "=", True)]).unlink()
        cls.env["tenant.occupancy"].search([("partner_id", "not in", (cls.owner | cls.tenant).ids)]).unlink()
        cls.visit_type = cls.env.ref("tenant_relations.mail_activity_type_return_visit")
        cls.admin = cls.env.ref("base.user_admin")
        cls.portal_owner = new_test_user(
            cls.env, "tr_visit_portal", groups="base.group_portal", partner_id=cls.owner.id
        )

    def set_param(self, key, value):
        self.env["ir.config_parameter"].set_param(f"tenant_relations.{key}", value)

    def plan(self, **kwargs):
        return self.Visit._cron_plan_visits(**kwargs)

    def visits(self, partner, kind):
        return self.Visit.search([("partner_id", "=", partner.id), ("kind", "=", kind)], order="id")

    def close(self, ticket):
        ticket.stage_id = self.stage_closed
        return self.Visit.search([("ticket_id", "=", ticket.id)])

    # Planner ----------------------------------------------------------------------------------

    @freeze_time("2026-03-10 02:00:00")
    def test_move_in_visit_one_month_after_moving_in(self):
        occ = self.occupy(self.unit_a2, self.tenant, role="tenant", move_in="2026-03-05")
        planned = self.plan()
        visit = self.visits(self.tenant, "move_in")
        self.assertIn(visit, planned)
        self.assertEqual(str(visit.planned_date), "2026-04-05")
        self.assertEqual(visit.unit_id, self.unit_a2)
        self.assertEqual(visit.property_id, self.property_a)
        self.assertEqual(visit.reason_key, f"move_in:{occ.id}")
        # The property manager makes the visit; it is on their calendar as an activity.
        self.assertEqual(visit.user_id, self.staff_a)
        self.assertEqual(visit.activity_ids.activity_type_id, self.visit_type)
        self.assertEqual(visit.activity_ids.user_id, self.staff_a)
        self.assertEqual(str(visit.activity_ids.date_deadline), "2026-04-05")
        # The owner moved in years ago: no move-in visit, and the newcomer no periodic one yet.
        self.assertFalse(self.visits(self.owner, "move_in"))
        self.assertFalse(self.visits(self.tenant, "periodic"))

    def test_move_in_interval_from_settings(self):
        self.set_param("visit_move_in_months", "2")
        with freeze_time("2026-03-10 02:00:00"):
            self.occupy(self.unit_a2, self.tenant, role="tenant", move_in="2026-03-01")
            self.plan()
        self.assertEqual(str(self.visits(self.tenant, "move_in").planned_date), "2026-05-01")

    def test_owners_every_six_months(self):
        with freeze_time("2026-03-10 02:00:00"):
            self.plan()
        visit = self.visits(self.owner, "periodic")
        self.assertEqual(visit.reason_key, "owner:2026-P1")
        self.assertEqual(str(visit.planned_date), "2026-03-10")
        self.assertEqual(visit.unit_id, self.unit_a1)
        self.assertEqual(visit.user_id, self.staff_a)
        with freeze_time("2026-06-30 02:00:00"):
            self.plan()
        self.assertEqual(len(self.visits(self.owner, "periodic")), 1, "still the same half-year")
        with freeze_time("2026-07-01 02:00:00"):
            self.plan()
        self.assertEqual(
            self.visits(self.owner, "periodic").mapped("reason_key"), ["owner:2026-P1", "owner:2026-P2"]
        )

    def test_tenants_at_their_interval(self):
        self.set_param("visit_tenant_months", "2")
        self.occupy(self.unit_b1, self.tenant, role="tenant", move_in="2025-06-01")
        with freeze_time("2026-03-10 02:00:00"):
            self.plan()
        with freeze_time("2026-04-30 02:00:00"):
            self.plan()
        visit = self.visits(self.tenant, "periodic")
        self.assertEqual(visit.reason_key, "tenant:2026-P2")  # March-April
        # Nobody manages Cloud Apartments and no team serves it: the administrator calls.
        self.assertEqual(visit.user_id, self.admin)
        with freeze_time("2026-05-01 02:00:00"):
            self.plan()
        self.assertEqual(
            self.visits(self.tenant, "periodic").mapped("reason_key"), ["tenant:2026-P2", "tenant:2026-P3"]
        )
        # The owner keeps the six-month rhythm.
        self.assertEqual(self.visits(self.owner, "periodic").mapped("reason_key"), ["owner:2026-P1"])

    @freeze_time("2026-03-02 10:00:00")
    def test_closing_a_ticket_plans_a_visit(self):
        self.set_param("followup_days", "5")
        repair = self.ticket(category_id=self.cat_noise.id)
        complaint = self.ticket(kind="complaint", complaint_grade="general", category_id=self.cat_noise.id)
        visit = self.close(repair)
        self.assertEqual(visit.kind, "ticket")
        self.assertEqual(visit.reason_key, f"ticket:{repair.id}")
        self.assertEqual((visit.partner_id, visit.unit_id), (self.owner, self.unit_a1))
        self.assertEqual(str(visit.planned_date), "2026-03-07")
        self.assertEqual(visit.activity_ids.activity_type_id, self.visit_type)
        self.assertEqual(self.close(complaint).kind, "complaint")
        # No plain follow-up activity on the ticket any more: the visit carries it.
        self.assertFalse(repair.activity_ids)
        # The cron, as a safety net, finds nothing left to plan for these tickets.
        self.assertFalse(self.plan().filtered("ticket_id"))

    def test_cron_catches_closed_tickets_without_visit(self):
        with freeze_time("2026-03-02 10:00:00"):
            self.set_param("visit_ticket_enabled", "False")
            ticket = self.ticket(category_id=self.cat_noise.id)
            self.assertFalse(self.close(ticket))
            self.set_param("visit_ticket_enabled", "True")
        with freeze_time("2026-03-03 10:00:00"):
            planned = self.plan()
        self.assertEqual(planned.filtered("ticket_id").ticket_id, ticket)
        self.assertEqual(str(planned.filtered("ticket_id").planned_date), "2026-03-05")

    @freeze_time("2026-03-10 02:00:00")
    def test_rerun_plans_nothing_new(self):
        self.occupy(self.unit_a2, self.tenant, role="tenant", move_in="2026-03-05")
        self.close(self.ticket(category_id=self.cat_noise.id))
        first = self.plan()
        self.assertEqual(sorted(first.mapped("kind")), ["move_in", "periodic"])
        count = self.Visit.search_count([])
        self.assertFalse(self.plan())
        self.assertEqual(self.Visit.search_count([]), count)

    @freeze_time("2026-03-10 02:00:00")
    def test_batches(self):
        self.occupy(self.unit_a2, self.tenant, role="tenant", move_in="2026-03-05")
        self.assertEqual(len(self.plan(batch_size=1)), 1)
        self.assertEqual(len(self.plan(batch_size=1)), 1)
        self.assertFalse(self.plan(batch_size=1))

    @freeze_time("2026-03-10 02:00:00")
    def test_disabling_a_kind_stops_it(self):
        self.occupy(self.unit_a2, self.tenant, role="tenant", move_in="2026-03-05")
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.tenant_visit_periodic_enabled, "on by default")
        settings.tenant_visit_periodic_enabled = False
        settings.tenant_visit_ticket_enabled = False
        settings.execute()
        self.assertFalse(self.env["res.config.settings"].create({}).tenant_visit_periodic_enabled)
        self.assertEqual(self.plan().mapped("kind"), ["move_in"])
        self.assertFalse(self.close(self.ticket(category_id=self.cat_noise.id)))
        self.set_param("visit_move_in_enabled", "False")
        self.Visit.search([]).unlink()
        self.assertFalse(self.plan())

    # Rules of a visit -------------------------------------------------------------------------

    def test_constraints(self):
        visit = self.Visit.create({"partner_id": self.owner.id, "unit_id": self.unit_a1.id})
        self.assertEqual((visit.kind, visit.state, visit.user_id), ("ad_hoc", "planned", self.env.user))
        with self.assertRefused("date of the visit"):
            visit.write({"outcome": "reached"})
        with self.assertRefused("record the outcome"):
            visit.action_done()
        with self.assertRefused("only a resident who was reached"):
            visit.write({"outcome": "not_reached", "visit_date": "2026-03-02", "satisfaction": "4"})
        with self.assertRaises(ValidationError):
            visit.write({"satisfaction": "5"})
        visit.write({"outcome": "refused", "visit_date": "2026-03-02"})
        visit.action_done()
        self.assertEqual(visit.state, "done")

    @freeze_time("2026-03-10 02:00:00")
    def test_done_closes_the_activity(self):
        self.plan()
        visit = self.visits(self.owner, "periodic")
        visit.write({"outcome": "reached", "satisfaction": "4", "visit_date": "2026-03-10"})
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertFalse(visit.activity_ids)
        with self.assertRefused("cannot be cancelled", exception=UserError):
            visit.action_cancel()

    def test_one_click_ticket(self):
        visit = self.Visit.create(
            {"partner_id": self.owner.id, "unit_id": self.unit_a1.id, "channel": "on_site"}
        )
        action = visit.with_context(tenant_ticket_no_acknowledgement=True).action_open_ticket()
        ticket = visit.new_ticket_id
        self.assertEqual(action["res_model"], "tenant.ticket")
        self.assertEqual(action["res_id"], ticket.id)
        self.assertEqual(
            (ticket.partner_id, ticket.unit_id, ticket.property_id, ticket.channel),
            (self.owner, self.unit_a1, self.property_a, "walk_in"),
        )
        self.assertEqual(visit.action_open_ticket()["res_id"], ticket.id, "a second click opens the same")
        self.assertEqual(self.env["tenant.ticket"].search_count([("partner_id", "=", self.owner.id)]), 1)

    @freeze_time("2026-03-02 10:00:00")
    def test_unsatisfied_visit_reopens_the_ticket(self):
        ticket = self.ticket(category_id=self.cat_noise.id)
        visit = self.close(ticket)
        # Through the form, as staff record the call.
        with Form(visit.with_user(self.staff_a)) as form:
            form.outcome = "reached"
            form.visit_date = "2026-03-05"
            form.satisfaction = "2"
        visit.with_user(self.staff_a).action_done()
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.is_closed)
        self.assertFalse(ticket.closed_date)
        self.assertFalse(ticket.resolved_date)
        note = ticket.message_ids.filtered(lambda m: "not satisfied" in (m.body or ""))
        self.assertTrue(note)
        self.assertTrue(note.subtype_id.internal, "a note for staff, not a mail to the resident")

    @freeze_time("2026-03-02 10:00:00")
    def test_unsatisfied_visit_never_moves_a_ticket_out_of_reach(self):
        ticket = self.ticket(category_id=self.cat_noise.id)
        visit = self.close(ticket)
        visit.user_id = self.staff_b  # may make the call, but is not staff of the ticket's property
        visit.with_user(self.staff_b).write(
            {"outcome": "reached", "visit_date": "2026-03-05", "satisfaction": "1", "state": "done"}
        )
        self.assertTrue(ticket.is_closed)
        self.assertTrue(visit.message_ids.filtered(lambda m: "may not reopen" in (m.body or "")))

    @freeze_time("2026-03-02 10:00:00")
    def test_satisfied_visit_leaves_the_ticket_closed(self):
        ticket = self.ticket(category_id=self.cat_noise.id)
        visit = self.close(ticket)
        visit.write({"outcome": "reached", "visit_date": "2026-03-05", "satisfaction": "4"})
        visit.action_done()
        self.assertTrue(ticket.is_closed)

    # Access -----------------------------------------------------------------------------------

    def test_staff_of_another_property_cannot_read(self):
        visit_a = self.Visit.create({"partner_id": self.owner.id, "unit_id": self.unit_a1.id})
        visit_b = self.Visit.create(
            {"partner_id": self.tenant.id, "unit_id": self.unit_a2.id, "user_id": self.staff_b.id}
        )
        self.assertEqual(visit_a.with_user(self.staff_a).read(["kind"])[0]["kind"], "ad_hoc")
        with self.assertRaises(AccessError):
            visit_a.with_user(self.staff_b).read(["kind"])
        # Staff see the visits of their properties and those they must make.
        self.assertEqual(self.Visit.with_user(self.staff_b).search([]), visit_b)
        self.assertEqual(self.Visit.with_user(self.staff_a).search([]), visit_a | visit_b)
        self.assertEqual(self.Visit.with_user(self.manager).search([]), visit_a | visit_b)

    def test_portal_user_cannot_read_visits(self):
        visit = self.Visit.create({"partner_id": self.owner.id, "unit_id": self.unit_a1.id})
        with self.assertRaises(AccessError):
            visit.with_user(self.portal_owner).read(["notes"])
        with self.assertRaises(AccessError):
            self.Visit.with_user(self.portal_owner).search([])
