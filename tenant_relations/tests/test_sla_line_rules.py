# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The applied SLA lines follow their ticket: whoever reads a ticket reads its lines, nobody else."""

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import MANAGER, TicketCase, migration_script, staff_user


@tagged("post_install", "-at_install")
class TestSlaLineRules(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = staff_user(cls.env, "tr_sla_outsider")
        cls.occupy(cls.unit_b1, cls.tenant, role="tenant")
        stranger = cls.env["res.partner"].create({"name": "Passer-by", "email": "passer@example.com"})
        no_place = {"unit_id": False, "partner_id": stranger.id, "category_id": cls.cat_noise.id}
        cls.tickets = (
            cls.ticket(category_id=cls.cat_leak.id)
            | cls.ticket(unit_id=cls.unit_b1.id, partner_id=cls.tenant.id, category_id=cls.cat_noise.id)
            # Without a property: taken in by staff, filed on the portal, sent by e-mail.
            | cls.ticket(channel="hotline", **no_place)
            | cls.ticket(channel="portal", **no_place)
            | cls.ticket(channel="email", **no_place)
            | cls.ticket(channel="email", team_id=cls.team.id, **no_place)
            | cls.ticket(channel="portal", user_id=cls.outsider.id, **no_place)
        )
        cls.tickets.flush_recordset()

    def test_every_ticket_has_lines(self):
        self.assertTrue(all(ticket.sla_line_ids for ticket in self.tickets))

    def test_readable_lines_are_those_of_readable_tickets(self):
        """Staff of A, staff of B, a team leader, an assignee without a property, a manager: each
        reads the SLA lines of exactly the tickets they read, portal and e-mail tickets without a
        property included."""
        manager = staff_user(self.env, "tr_sla_manager", groups=MANAGER)
        for user in (self.staff_a, self.staff_b, self.leader, self.outsider, manager):
            with self.subTest(user=user.login):
                tickets = self.env["tenant.ticket"].with_user(user).search([("id", "in", self.tickets.ids)])
                lines = (
                    self.env["tenant.ticket.sla"]
                    .with_user(user)
                    .search([("ticket_id", "in", self.tickets.ids)])
                )
                self.assertEqual(lines.sudo(), tickets.sudo().sla_line_ids)
        # The staff of A do not read the portal and e-mail tickets without a property that their
        # team does not handle, nor their lines.
        hidden = self.tickets.filtered(lambda t: not t.property_id and t.channel in ("portal", "email"))
        hidden -= hidden.filtered("team_id") | hidden.filtered("user_id")
        self.assertTrue(hidden)
        Line = self.env["tenant.ticket.sla"].with_user(self.staff_a)
        self.assertFalse(Line.search([("ticket_id", "in", hidden.ids)]))

    def test_staff_line_rule_is_the_ticket_rule_through_the_ticket(self):
        """One rule, one place: the staff SLA-line rule is the staff ticket rule under ticket_id."""
        ticket_rule = self.env.ref("tenant_relations.tenant_ticket_rule_user")
        line_rule = self.env.ref("tenant_relations.tenant_ticket_sla_rule_user")
        context = {"user": self.staff_a, "company_ids": self.env.companies.ids}
        self.assertEqual(
            safe_eval(line_rule.domain_force, context),
            [("ticket_id", "any", safe_eval(ticket_rule.domain_force, context))],
        )

    def test_migration_updates_the_shipped_rule_only(self):
        migration = migration_script("18.0.1.5.0", "post-edges")
        rule = self.env.ref("tenant_relations.tenant_ticket_sla_rule_user")
        rule.domain_force = migration.OLD_DOMAIN
        migration.migrate(self.env.cr, "18.0.1.4.0")
        self.assertEqual(rule.domain_force, migration.NEW_DOMAIN)
        self.test_staff_line_rule_is_the_ticket_rule_through_the_ticket()
        # A rule someone rewrote is theirs: left alone.
        rule.domain_force = "[('ticket_id.user_id', '=', user.id)]"
        migration.migrate(self.env.cr, "18.0.1.4.0")
        self.assertEqual(rule.domain_force, "[('ticket_id.user_id', '=', user.id)]")
