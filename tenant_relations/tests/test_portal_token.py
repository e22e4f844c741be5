# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A ticket has its portal token from creation: its portal page never writes on a GET."""

import uuid

from odoo.tests import tagged

from .common import TicketCase, migration_script


@tagged("post_install", "-at_install")
class TestPortalTokenAtCreation(TicketCase):
    def test_tokens_made_at_creation_in_batch(self):
        tickets = self.ticket() | self.ticket() | self.ticket(access_token="given-token")
        tokens = tickets.mapped("access_token")
        self.assertEqual(tokens[2], "given-token")
        self.assertEqual(len(set(tokens)), 3)
        for token in tokens[:2]:
            self.assertEqual(str(uuid.UUID(token)), token)

    def test_ensure_token_is_a_pure_read(self):
        ticket = self.ticket()
        token = ticket.access_token
        self.env.flush_all()
        ticket.invalidate_recordset()
        with self.assertQueryCount(1):  # reading the token; no UPDATE
            self.assertEqual(ticket._portal_ensure_token(), token)
            self.env.flush_all()

    def test_migration_gives_older_tickets_a_token(self):
        old, current = self.ticket(), self.ticket()
        token = current.access_token
        self.env.flush_all()
        self.env.cr.execute("UPDATE tenant_ticket SET access_token = NULL WHERE id = %s", [old.id])
        migration = migration_script("18.0.1.3.0", "post-migrate")
        migration.fill_ticket_access_tokens(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual(str(uuid.UUID(old.access_token)), old.access_token)
        self.assertEqual(current.access_token, token, "existing tokens are kept")
