# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import TicketCase

RAW_MAIL = """Return-Path: <{sender}>
From: {sender}
To: {to}
Subject: {subject}
Message-ID: {msg_id}
{extra}MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install")
class TestTicketMail(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": "glg.example.com"})
        cls.team.write({"alias_name": "service", "alias_domain_id": domain.id})

    def process(
        self, subject, body, msg_id, sender="wang@example.com", extra="", to="service@glg.example.com"
    ):
        raw = RAW_MAIL.format(sender=sender, to=to, subject=subject, msg_id=msg_id, extra=extra, body=body)
        return self.env["mail.thread"].message_process(False, raw.encode())

    def test_mail_to_alias_opens_ticket_for_sender(self):
        ticket_id = self.process("楼道灯不亮", "3楼楼道灯坏了", "<intake-1@example.com>")
        ticket = self.env["tenant.ticket"].browse(ticket_id)
        self.assertEqual(ticket._name, "tenant.ticket")
        self.assertEqual(ticket.name, "楼道灯不亮")
        self.assertEqual(ticket.partner_id, self.owner)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.channel, "email")
        self.assertEqual(ticket.unit_id, self.unit_a1)  # the sender's current unit
        self.assertIn(self.owner, ticket.message_partner_ids)
        self.assertTrue(ticket.sla_line_ids)
        # A reply threads into the same ticket.
        self.process(
            "Re: 楼道灯不亮",
            "还是没有修好",
            "<intake-2@example.com>",
            extra="In-Reply-To: <intake-1@example.com>\nReferences: <intake-1@example.com>\n",
        )
        self.assertEqual(self.env["tenant.ticket"].search_count([("name", "=", "楼道灯不亮")]), 1)
        self.assertTrue(ticket.message_ids.filtered(lambda m: "还是没有修好" in (m.body or "")))

    def test_unknown_sender_gets_a_contact(self):
        ticket = self.env["tenant.ticket"].browse(
            self.process(
                "Question about fees",
                "How much is the fee?",
                "<intake-3@example.com>",
                sender="new@example.org",
            )
        )
        self.assertEqual(ticket.partner_id.email, "new@example.org")
        self.assertFalse(ticket.unit_id)

    def test_acknowledgement_mail_in_residents_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.owner.lang = "zh_CN"
        ticket = self.env["tenant.ticket"].create(
            {
                "name": "电梯故障",
                "unit_id": self.unit_a1.id,
                "partner_id": self.owner.id,
                "category_id": self.cat_leak.id,
            }
        )
        ack = ticket.message_ids.filtered(lambda m: ticket.number in (m.subject or ""))
        self.assertEqual(len(ack), 1)
        self.assertIn(ticket.resident_promised_response, ack.body)
        self.assertEqual(ack.message_type, "auto_comment")
        self.assertFalse(ticket.first_response_date, "an automatic acknowledgement is no response")


@tagged("post_install", "-at_install")
class TestAssignment(TicketCase):
    def test_round_robin_skips_members_on_leave(self):
        self.team.assignment_method = "round_robin"
        tickets = self.ticket() | self.ticket() | self.ticket()
        self.assertEqual(tickets.mapped("user_id"), self.staff_a | self.leader)
        self.assertNotEqual(tickets[0].user_id, tickets[1].user_id)
        self.assertEqual(tickets[0].user_id, tickets[2].user_id)
        resource = self.env["resource.resource"].create({"name": "staff a", "user_id": self.staff_a.id})
        now = fields.Datetime.now()
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Annual leave",
                "resource_id": resource.id,
                "date_from": now - timedelta(days=1),
                "date_to": now + timedelta(days=1),
            }
        )
        self.assertEqual((self.ticket() | self.ticket()).user_id, self.leader)

    def test_fewest_open_tickets(self):
        self.team.assignment_method = "balanced"
        self.ticket(user_id=self.leader.id)
        self.ticket(user_id=self.leader.id)
        batch = (
            self.env["tenant.ticket"]
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create([{"name": f"Request {i}", "unit_id": self.unit_a1.id} for i in range(4)])
        )
        # staff_a has none open, the leader two: staff_a catches up first (ties go to the older user).
        self.assertEqual([t.user_id for t in batch], [self.staff_a, self.staff_a, self.staff_a, self.leader])

    def test_manual_leaves_unassigned(self):
        self.assertFalse(self.ticket().user_id)
        self.assertEqual(self.ticket().team_id, self.team)
