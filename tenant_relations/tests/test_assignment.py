# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Automatic assignment of new tickets: fair in sequence, in batches, and under concurrent intake."""

import threading
from collections import Counter

from odoo import SUPERUSER_ID, Command, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import TicketCase


def batch(env, unit, count):
    return (
        env["tenant.ticket"]
        .with_context(tenant_ticket_no_acknowledgement=True)
        .create([{"name": f"Burst pipe {n}", "unit_id": unit.id} for n in range(count)])
    )


@tagged("post_install", "-at_install")
class TestRoundRobin(TicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.write({"assignment_method": "round_robin", "member_ids": [Command.link(cls.staff_b.id)]})
        cls.members = cls.team.member_ids

    def assertTurns(self, users):
        """Every run of len(members) consecutive tickets went to every member once."""
        size = len(self.members)
        for start in range(len(users) - size + 1):
            window = users[start : start + size]
            self.assertEqual(set(window), set(self.members), f"tickets {start}..{start + size - 1}")

    def test_single_tickets_then_batches_take_turns(self):
        singles = [self.ticket().user_id for _n in range(4)]
        first = batch(self.env, self.unit_a1, 5)
        second = batch(self.env, self.unit_a1, 3)
        users = singles + [t.user_id for t in first] + [t.user_id for t in second]
        self.assertTurns(users)
        # 12 tickets, 3 members: 4 each.
        self.assertEqual(Counter(u.id for u in users), dict.fromkeys(self.members.ids, 4))

    def test_assignment_writes_nothing_on_the_team(self):
        self.env.flush_all()
        stamp = self.team.write_date
        self.env.cr.execute("SELECT xmin FROM tenant_team WHERE id = %s", [self.team.id])
        version = self.env.cr.fetchone()[0]
        batch(self.env, self.unit_a1, 3)
        self.ticket()
        self.env.flush_all()
        self.env.cr.execute("SELECT xmin FROM tenant_team WHERE id = %s", [self.team.id])
        self.assertEqual(self.env.cr.fetchone()[0], version, "the team row was not rewritten")
        self.assertEqual(self.team.write_date, stamp)

    def test_a_new_team_starts_its_own_rotation(self):
        other = self.env["tenant.team"].create(
            {
                "name": "Cloud Service",
                "assignment_method": "round_robin",
                "member_ids": [Command.set([self.staff_b.id, self.manager.id])],
                "property_ids": [Command.set(self.property_b.ids)],
            }
        )
        batch(self.env, self.unit_a1, 2)
        tickets = batch(self.env, self.unit_b1, 4)
        self.assertEqual(tickets.team_id, other)
        self.assertEqual(Counter(t.user_id.id for t in tickets), {self.staff_b.id: 2, self.manager.id: 2})
        other.unlink()
        self.env.cr.execute("SELECT to_regclass(%s)", [f"tenant_team_assign_{other.id}"])
        self.assertIsNone(self.env.cr.fetchone()[0], "the team's counter is dropped with it")


@tagged("post_install", "-at_install")
class TestBalanced(TicketCase):
    def test_fewest_open_tickets_across_batches(self):
        self.team.assignment_method = "balanced"
        self.ticket(user_id=self.leader.id)
        first = batch(self.env, self.unit_a1, 3)
        # staff_a has none open, the leader one: staff_a catches up, ties go to the older user.
        self.assertEqual([t.user_id for t in first], [self.staff_a, self.staff_a, self.leader])
        # 2 open each: the next batch counts them from the tickets and alternates.
        second = batch(self.env, self.unit_a1, 2)
        self.assertEqual(Counter(t.user_id.id for t in second), {self.staff_a.id: 1, self.leader.id: 1})
        # A closed ticket no longer weighs on its assignee.
        (first[:2]).write({"stage_id": self.stage_closed.id})
        self.assertEqual(batch(self.env, self.unit_a1, 1).user_id, self.staff_a)


@tagged("post_install", "-at_install")
class TestAssignmentConcurrency(TransactionCase):
    """Two portal submissions for one team at the same instant, in two real transactions.

    Each intake runs in its own thread and connection, and both stay open until both have created
    their ticket: any shared row written by ticket creation would make the second one wait for the
    first (and then fail to serialize). The test commits on its own cursors only and removes what it
    committed. It writes nothing in the test's own transaction (hence not a TicketCase): rows that
    transaction had updated, never committed, would block the other connections.
    """

    def test_two_concurrent_intakes_neither_fail_nor_share_a_member(self):
        dbname = self.env.cr.dbname
        with db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            users = new_test_user(
                env, "tr_rush_1", groups="tenant_relations.group_tenant_relations_user"
            ) | new_test_user(env, "tr_rush_2", groups="tenant_relations.group_tenant_relations_user")
            prop = env["tenant.property"].create({"name": "Rush Hour Court", "code": "RUSH"})
            unit = env["tenant.unit"].create({"property_id": prop.id, "number": "0101", "code": "R-0101"})
            team = env["tenant.team"].create(
                {
                    "name": "Rush Hour Service",
                    "assignment_method": "round_robin",
                    "member_ids": [Command.set(users.ids)],
                    "property_ids": [Command.set(prop.ids)],
                }
            )
            ids = {"users": users.ids, "prop": prop.id, "unit": unit.id, "team": team.id}
            cr.commit()  # pylint: disable=invalid-commit
        both_created = threading.Barrier(2, timeout=30)
        results, errors = {}, []
        # Cursors and environments are made here: the test runner's thread holds the registry lock,
        # which making an environment in another thread would wait for.
        cursors = [db_connect(dbname).cursor() for _n in (1, 2)]
        context = {"tenant_ticket_no_acknowledgement": True}
        envs = [api.Environment(cr, SUPERUSER_ID, context) for cr in cursors]

        def intake(n):
            # As Odoo's test server threads: mail is built but not sent, and not sent after commit
            # either (that would reopen the registry, locked by the test runner).
            threading.current_thread().testing = True
            env = envs[n - 1]
            try:
                # A shared row lock would wait here: fail after a while rather than hang.
                env.cr.execute("SET LOCAL lock_timeout = '15s'")
                ticket = env["tenant.ticket"].create({"name": f"Burst pipe {n}", "unit_id": ids["unit"]})
                env.flush_all()
                results[n] = (ticket.id, ticket.user_id.id, ticket.number)
                both_created.wait()  # both transactions are open with their ticket written
                env.cr.commit()  # pylint: disable=invalid-commit
            except Exception as error:
                errors.append(repr(error))
                both_created.abort()
                env.cr.rollback()

        threads = [threading.Thread(target=intake, args=(n,)) for n in (1, 2)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            self.assertEqual(errors, [], "both intakes went through at the first try")
            self.assertEqual(len(results), 2)
            (id1, user1, number1), (id2, user2, number2) = results[1], results[2]
            self.assertEqual({user1, user2}, set(ids["users"]), "one member each")
            self.assertNotEqual(number1, number2)
            with db_connect(dbname).cursor() as cr:
                cr.execute("SELECT count(*) FROM tenant_ticket WHERE id IN %s", [(id1, id2)])
                self.assertEqual(cr.fetchone()[0], 2, "both were committed")
        finally:
            for cr in cursors:
                cr.close()
            with db_connect(dbname).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["tenant.ticket"].search([("team_id", "=", ids["team"])]).unlink()
                env["tenant.team"].browse(ids["team"]).unlink()
                env["tenant.unit"].browse(ids["unit"]).unlink()
                env["tenant.property"].browse(ids["prop"]).unlink()
                users = env["res.users"].browse(ids["users"])
                partners = users.partner_id
                users.unlink()
                partners.unlink()
                cr.commit()  # pylint: disable=invalid-commit
