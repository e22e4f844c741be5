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
        cls.receptionist = new_test_user(
            cls.env,
            login="tr_receptionist",
            name="Receptionist",
            groups="tenant_relations.group_tenant_relations_user",
        )

    def test_hotline_leak_ticket(self):
        """A hotline call about a leak gets the urgent category and the 30-minute response SLA."""
        self.start_tour("/odoo", "tenant_relations_hotline_tour", login=self.receptionist.login)
        ticket = self.env["tenant.ticket"].search([("name", "=", "卫生间天花板漏水")])
        self.assertEqual(len(ticket), 1)
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
