# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .common import configure_outgoing_mail


@tagged("post_install", "-at_install")
class TestTicketUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        configure_outgoing_mail(cls.env)
        # A property-scoped hotline agent, not an administrator.
        cls.receptionist = new_test_user(
            cls.env,
            login="tr_receptionist",
            name="Receptionist",
            groups="tenant_relations.group_tenant_relations_user",
        )
        cls.property = cls.env["tenant.property"].create(
            {"name": "Green Lake Gardens", "code": "GLG", "user_ids": [cls.receptionist.id]}
        )
        cls.unit = cls.env["tenant.unit"].create(
            {"property_id": cls.property.id, "building": "1", "number": "1201", "code": "1-1201"}
        )
        # Known by the phone number only (no e-mail: the e-mail path is the mail tests' part).
        cls.resident = cls.env["res.partner"].create({"name": "王建国", "phone": "+86 138-0000-9999"})
        cls.env["tenant.occupancy"].create(
            {
                "unit_id": cls.unit.id,
                "partner_id": cls.resident.id,
                "role": "owner",
                "move_in_date": "2024-01-01",
            }
        )

    def test_hotline_leak_ticket(self):
        """The agent finds the caller from the number as heard; the leak is urgent, 30 minutes to respond."""
        self.start_tour("/odoo", "tenant_relations_hotline_tour", login=self.receptionist.login)
        ticket = self.env["tenant.ticket"].search([("name", "=", "卫生间天花板漏水")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.resident)
        self.assertEqual(ticket.unit_id, self.unit)
        self.assertEqual(ticket.property_id, self.property)
        self.assertEqual(ticket.create_uid, self.receptionist)
        self.assertEqual(
            ticket.category_id, self.env.ref("tenant_relations.tenant_ticket_category_water_leak")
        )
        self.assertEqual(ticket.channel, "hotline")
        self.assertEqual(ticket.urgency, "urgent")
        policy = self.env.ref("tenant_relations.tenant_sla_policy_urgent_response")
        line = ticket.sla_line_ids.filtered(lambda sla: sla.policy_id == policy)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.status, "running")
        self.assertEqual(line.deadline - line.start_date, timedelta(minutes=30))
