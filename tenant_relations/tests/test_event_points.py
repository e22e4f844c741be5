# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import new_test_user, tagged

from .common import TenantRelationsCase, community_event

POINTS_PARAM = "tenant_relations.loyalty_points_event"


@tagged("post_install", "-at_install")
class TestEventPoints(TenantRelationsCase):
    """Attending a community event of a property earns the resident the "event" points once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(POINTS_PARAM, 20)
        cls.occupy(cls.unit_a1, cls.owner)
        # cls.tenant lives nowhere; this one moved out last year.
        cls.former = cls.env["res.partner"].create({"name": "赵前业主"})
        cls.occupy(cls.unit_a2, cls.former, move_in="2020-01-01", move_out="2024-06-30")
        # Registration desk only: no Tenant Relations rights, no loyalty (sales) rights.
        cls.desk = new_test_user(cls.env, "tr_event_desk", groups="event.group_event_registration_desk")
        cls.event = community_event(cls.env, "Mid-Autumn Garden Party", cls.property_a)
        cls.event_2 = community_event(
            cls.env, "Q3 Owner Meeting", cls.property_a, tenant_is_owner_meeting=True
        )
        cls.event_plain = community_event(cls.env, "Company Open Day")

    def register(self, partner, event=None, **vals):
        return self.env["event.registration"].create(
            {"event_id": (event or self.event).id, "partner_id": partner.id, **vals}
        )

    def points(self, partner):
        partner.invalidate_recordset(["tenant_points"])
        return partner.tenant_points

    def test_attended_once_earns_once(self):
        self.assertFalse(self.env["loyalty.card"].with_user(self.desk).has_access("read"))
        registration = self.register(self.owner)
        self.assertEqual(self.points(self.owner), 0, "registering alone earns nothing")
        registration.with_user(self.desk).action_set_done()
        self.assertEqual(registration.state, "done")
        self.assertTrue(registration.tenant_points_awarded)
        self.assertEqual(self.points(self.owner), 20)
        line = self.loyalty_history(self.owner)
        self.assertEqual(line.description, "Attended: Mid-Autumn Garden Party")
        self.assertEqual(line.issued, 20)
        # Done -> registered -> done again, and a repeated write of "done": nothing more.
        registration.with_user(self.desk).action_confirm()
        registration.with_user(self.desk).action_set_done()
        registration.write({"state": "done"})
        self.assertEqual(self.points(self.owner), 20)
        self.assertEqual(len(self.loyalty_history(self.owner)), 1)

    def test_created_as_attended(self):
        registration = self.register(self.owner, state="done")
        self.assertTrue(registration.tenant_points_awarded)
        self.assertEqual(self.points(self.owner), 20)

    def test_seats_booked_for_family_earn_once(self):
        seats = self.register(self.owner) | self.register(self.owner)
        seats[0].action_set_done()
        seats[1].action_set_done()
        self.assertEqual(self.points(self.owner), 20, "one attendance of the resident, whatever the seats")
        self.register(self.owner, event=self.event_2).action_set_done()
        self.assertEqual(self.points(self.owner), 40, "another event earns again")

    def test_non_resident_earns_nothing(self):
        registrations = self.register(self.tenant) | self.register(self.former)
        registrations.action_set_done()
        self.assertFalse(self.loyalty_history(self.tenant | self.former))
        self.assertFalse(any(registrations.mapped("tenant_points_awarded")))

    def test_company_user_living_here_is_not_flagged(self):
        """An employee who also rents a unit earns no points, and the registration says so."""
        self.occupy(self.unit_a2, self.desk.partner_id, role="tenant", move_in="2025-01-01")
        registration = self.register(self.desk.partner_id)
        registration.action_set_done()
        self.assertFalse(self.loyalty_history(self.desk.partner_id))
        self.assertFalse(registration.tenant_points_awarded)

    def test_event_without_property_earns_nothing(self):
        registration = self.register(self.owner, event=self.event_plain)
        registration.action_set_done()
        self.assertFalse(self.loyalty_history(self.owner))
        self.assertFalse(registration.tenant_points_awarded)

    def test_zero_points_configured_earns_nothing(self):
        self.env["ir.config_parameter"].sudo().set_param(POINTS_PARAM, 0)
        registration = self.register(self.owner)
        registration.action_set_done()
        self.assertFalse(self.loyalty_history(self.owner))
        self.assertFalse(registration.tenant_points_awarded)

    def test_batch_marking(self):
        residents = self.env["res.partner"].create([{"name": f"Resident {i}"} for i in range(9)])
        for partner in residents:
            self.occupy(self.unit_a2, partner, role="resident")
        Registration = self.env["event.registration"]
        # Two events in one write: one ledger line per resident, named after its event.
        warmup = Registration.create(
            [{"event_id": event.id, "partner_id": residents[0].id} for event in self.event | self.event_2]
        )
        warmup.action_set_done()
        self.assertEqual(
            sorted(self.loyalty_history(residents[0]).mapped("description")),
            ["Attended: Mid-Autumn Garden Party", "Attended: Q3 Owner Meeting"],
        )
        batch_2 = Registration.create(
            [{"event_id": self.event.id, "partner_id": p.id} for p in residents[1:3]]
        )
        batch_6 = Registration.create(
            [{"event_id": self.event.id, "partner_id": p.id} for p in residents[3:9]]
        )
        # Queries do not grow with the number of attendees (measured: 2 and 6 cost the same; two
        # of them find the company's users among the attendees, who earn nothing: once so that
        # their registrations are not flagged, once in the award itself, which guards every caller).
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=17):
            batch_2.action_set_done()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=17):
            batch_6.action_set_done()
        for partner in residents[1:]:
            self.assertEqual(self.points(partner), 20, partner.name)
        self.assertEqual(len(self.loyalty_history(residents[1:])), 8)
        self.assertTrue(all((batch_2 | batch_6).mapped("tenant_points_awarded")))
        # The same batch marked again (with one registration back to "registered"): nothing more.
        batch_6[0].action_confirm()
        (batch_2 | batch_6).action_set_done()
        self.assertEqual(len(self.loyalty_history(residents[1:])), 8)
