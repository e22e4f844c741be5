# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A complaint becomes a dispute in one click, once, and each leads to the other."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.common import TicketCase


@tagged("post_install", "-at_install")
class TestDisputeEscalation(TicketCase):
    def test_a_complaint_escalates_to_a_dispute_in_one_click(self):
        ticket = self.ticket(
            name="The renovation upstairs starts at 6",
            kind="complaint",
            description="<p>Drilling every morning since Monday.</p>",
        ).with_user(self.staff_a)
        action = ticket.action_escalate_to_dispute()
        dispute = ticket.dispute_id
        self.assertEqual((action["res_model"], action["res_id"]), ("tenant.dispute", dispute.id))
        self.assertEqual(dispute.name, "The renovation upstairs starts at 6")
        self.assertIn("Drilling every morning", dispute.description)
        self.assertEqual((dispute.property_id, dispute.unit_id), (self.property_a, self.unit_a1))
        self.assertEqual(dispute.unit_ids, self.unit_a1)
        claimant = dispute.party_ids.filtered(lambda party: party.role == "claimant")
        respondent = dispute.party_ids.filtered(lambda party: party.role == "respondent")
        self.assertEqual((claimant.partner_id, claimant.party_type), (self.owner, "resident"))
        self.assertEqual(
            (respondent.partner_id, respondent.party_type), (self.env.company.partner_id, "firm")
        )
        # Both ways: the dispute lists the request it came from.
        self.assertEqual(dispute.ticket_ids, ticket)
        self.assertEqual(dispute.ticket_count, 1)
        back = dispute.action_open_tickets()
        self.assertEqual((back["res_model"], back["res_id"]), ("tenant.ticket", ticket.id))
        # Twice: the same dispute opens again.
        again = ticket.action_escalate_to_dispute()
        self.assertEqual(again["res_id"], dispute.id)
        self.assertEqual(self.env["tenant.dispute"].search_count([("ticket_ids", "in", ticket.ids)]), 1)

    def test_only_a_complaint_with_a_reporter_escalates(self):
        repair = self.ticket(kind="repair")
        with self.assertRefused("Only a complaint can be escalated", UserError):
            repair.action_escalate_to_dispute()
        anonymous = self.ticket(kind="complaint", partner_id=False)
        with self.assertRefused("has no reporter", UserError):
            anonymous.action_escalate_to_dispute()
        self.assertFalse((repair | anonymous).dispute_id)
