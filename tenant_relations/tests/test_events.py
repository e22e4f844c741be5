# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, http
from odoo.tests import Form, HttpCase, tagged

from .common import (
    MANAGER,
    community_event,
    configure_outgoing_mail,
    portal_resident,
    property_unit,
    staff_user,
)


@tagged("post_install", "-at_install")
class TestTenantEvents(HttpCase):
    """Residents register for events of their own property; meeting feedback becomes tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        configure_outgoing_mail(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.unit_a = property_unit(cls.env, "GLG", "1-1201")
        cls.property_a = cls.unit_a.property_id
        cls.property_b = cls.env["tenant.property"].create({"name": "Cloud Apartments", "code": "CLA"})
        cls.user_a = portal_resident(
            cls.env, "tr_event_resident_a", cls.unit_a, "Resident A", "resident.a@example.com"
        )
        cls.partner_a = cls.user_a.partner_id
        cls.staff = staff_user(cls.env, "tr_event_staff", groups=f"{MANAGER},event.group_event_user")
        start = fields.Datetime.now() + timedelta(days=10)
        cls.event_a = community_event(
            cls.env,
            "Q4 Owner Meeting",
            cls.property_a,
            start,
            tenant_is_owner_meeting=True,
            seats_limited=True,
            seats_max=50,
        )
        cls.event_b = community_event(cls.env, "Cloud Apartments Lantern Festival", cls.property_b, start)

    def registrations(self, event):
        return self.env["event.registration"].search([("event_id", "=", event.id)])

    def register(self, event):
        return self.url_open(
            f"/my/events/{event.id}/register",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )

    def test_portal_lists_and_registers_own_property_event(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        page = self.url_open("/my/events")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Q4 Owner Meeting", page.text)
        self.assertNotIn("Cloud Apartments Lantern Festival", page.text)
        response = self.register(self.event_a)
        self.assertEqual(response.status_code, 303)
        self.assertIn("registered=1", response.headers["Location"])
        registration = self.registrations(self.event_a)
        self.assertEqual(registration.partner_id, self.partner_a)
        # Twice: still one registration.
        self.register(self.event_a)
        self.assertEqual(len(self.registrations(self.event_a)), 1)
        self.assertIn("Registered", self.url_open("/my/events").text)

    def test_portal_refuses_event_of_another_property(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.register(self.event_b)
        self.assertEqual(response.status_code, 303)
        self.assertIn("refused=1", response.headers["Location"])
        self.assertFalse(self.registrations(self.event_b))

    def test_portal_refuses_full_event(self):
        self.event_a.seats_max = 1
        self.env["event.registration"].create({"event_id": self.event_a.id, "name": "Someone else"})
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.register(self.event_a)
        self.assertIn("refused=1", response.headers["Location"])
        self.assertFalse(self.registrations(self.event_a).filtered(lambda r: r.partner_id == self.partner_a))

    def test_meeting_feedback_becomes_ticket(self):
        registration = self.env["event.registration"].create(
            {"event_id": self.event_a.id, "partner_id": self.partner_a.id}
        )
        registration.action_set_done()
        self.assertEqual(registration.state, "done")
        action = self.event_a.with_user(self.staff).action_tenant_record_feedback()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.staff).with_context(**action["context"])
        )
        wizard_form.registration_id = registration
        wizard_form.name = "Lift 2 is often out of order"
        wizard_form.description = "Raised at the owner meeting"
        wizard_form.kind = "complaint"
        wizard = wizard_form.save()
        self.assertEqual(wizard.partner_id, self.partner_a)
        self.assertEqual(wizard.property_id, self.property_a)
        result = wizard.with_context(tenant_ticket_no_acknowledgement=True).action_create_ticket()
        ticket = self.env["tenant.ticket"].browse(result["res_id"])
        self.assertEqual(ticket.tenant_event_id, self.event_a)
        self.assertEqual(ticket.channel, "walk_in")
        self.assertEqual(ticket.kind, "complaint")
        self.assertEqual(ticket.partner_id, self.partner_a)
        self.assertEqual(ticket.property_id, self.property_a)
        self.assertEqual(self.event_a.tenant_ticket_count, 1)
