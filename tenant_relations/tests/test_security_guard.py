# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 9, findings 2 and 3: records stay in their owners' properties; the ticket token is the
reporter's alone.

Each test plays the attack as a real, non-superuser user first, sees it refused and the database
as it was, then checks that the ordinary work next to it still goes through.
"""

from urllib.parse import urlparse

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import (
    STAFF,
    PortalCase,
    TicketCase,
    call_kw,
    migration_script,
    no_ack_tickets,
    portal_main_contact,
    portal_member,
    property_unit,
    staff_user,
)

QUIET = ("odoo.addons.base.models.ir_rule", "odoo.models", "odoo.http", "odoo.addons.base.models.ir_model")


@tagged("post_install", "-at_install")
class TestRuleGuardMoves(TicketCase):
    """Staff of property A (Green Lake) cannot move what they hold into property B (Cloud) or into
    a company they do not work in, nor create it there: the rules hold after the change too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Other Firm"})
        cls.occupancy = cls.occupy(cls.unit_a1, cls.owner)
        # A payer who lived in both properties: a fee payment of either unit may name them.
        cls.payer = cls.env["res.partner"].create({"name": "张伟"})
        cls.occupy(cls.unit_a1, cls.payer, role="resident", move_in="2022-01-01")
        cls.occupy(cls.unit_b1, cls.payer, role="tenant", move_in="2020-01-01", move_out="2021-12-31")

    def as_staff_a(self, records):
        records = records.with_user(self.staff_a)
        self.assertFalse(records.env.su)
        return records

    # Finding 2: write-then-move ---------------------------------------------------------------

    @mute_logger(*QUIET)
    def test_occupancy_cannot_be_moved_to_another_property(self):
        occupancy = self.as_staff_a(self.env["tenant.occupancy"]).create(
            {"unit_id": self.unit_a2.id, "partner_id": self.tenant.id, "role": "tenant"}
        )
        for target in (occupancy, self.as_staff_a(self.occupancy)):
            with self.assertRaises(AccessError):
                target.write({"unit_id": self.unit_b1.id})
            self.assertEqual(target.sudo().unit_id.property_id, self.property_a, "nothing moved")
        self.assertFalse(
            self.env["tenant.occupancy"].search(
                [("unit_id", "=", self.unit_b1.id), ("partner_id", "!=", self.payer.id)]
            )
        )
        # Moving within their own property is ordinary work.
        occupancy.write({"unit_id": self.unit_a1.id})
        self.assertEqual(occupancy.unit_id, self.unit_a1)

    @mute_logger(*QUIET)
    def test_unit_cannot_be_moved_to_another_property(self):
        unit = self.as_staff_a(self.env["tenant.unit"]).create(
            {"property_id": self.property_a.id, "number": "1301", "code": "1-1301"}
        )
        for target in (unit, self.as_staff_a(self.unit_a1)):
            with self.assertRaises(AccessError):
                target.write({"property_id": self.property_b.id})
            self.assertEqual(target.sudo().property_id, self.property_a)
        self.assertEqual(self.occupancy.property_id, self.property_a, "the occupants did not move")
        unit.write({"floor": 13})

    @mute_logger(*QUIET)
    def test_records_cannot_be_created_in_another_property(self):
        counts = {
            model: self.env[model].search_count([])
            for model in ("tenant.unit", "tenant.occupancy", "tenant.ticket", "tenant.fee.payment")
        }
        with self.assertRaises(AccessError):
            self.as_staff_a(self.env["tenant.unit"]).create(
                {"property_id": self.property_b.id, "number": "0802", "code": "A-0802"}
            )
        with self.assertRaises(AccessError):
            self.as_staff_a(self.env["tenant.occupancy"]).create(
                {"unit_id": self.unit_b1.id, "partner_id": self.tenant.id}
            )
        with self.assertRaises(AccessError):
            self.as_staff_a(self.env["tenant.ticket"]).create({"name": "Leak", "unit_id": self.unit_b1.id})
        with self.assertRaises(AccessError):
            self.as_staff_a(self.env["tenant.fee.payment"]).create(
                {
                    "unit_id": self.unit_b1.id,
                    "partner_id": self.payer.id,
                    "period": "2026-10",
                    "due_date": "2026-10-15",
                    "paid_date": "2026-10-10",
                }
            )
        for model, count in counts.items():
            self.assertEqual(self.env[model].search_count([]), count, model)

    @mute_logger(*QUIET)
    def test_ticket_cannot_be_moved_to_another_property(self):
        # Staff of A who are not on the ticket's team nor assigned to it (the team's members and
        # the assignee follow a ticket wherever it is, by the rule's design).
        staff = staff_user(self.env, "tr_guard_a2")
        self.property_a.user_ids = [(4, staff.id)]
        ticket = self.ticket(unit_id=self.unit_a1.id, partner_id=self.owner.id, user_id=self.leader.id)
        self.assertEqual(ticket.property_id, self.property_a)
        for vals in ({"unit_id": self.unit_b1.id}, {"property_id": self.property_b.id, "unit_id": False}):
            with self.assertRaises(AccessError):
                ticket.with_user(staff).write(vals)
            self.assertEqual(ticket.property_id, self.property_a)
            self.assertEqual(ticket.unit_id, self.unit_a1)
        ticket.with_user(staff).write({"name": "Leak under the sink", "unit_id": self.unit_a2.id})
        self.assertEqual(ticket.unit_id, self.unit_a2)

    @mute_logger(*QUIET)
    def test_followers_of_a_ticket_cannot_move_it(self):
        """The assignee and the team follow a ticket placed elsewhere and work on it; they move it
        only out of, and into, properties they work for."""
        helper = staff_user(self.env, "tr_guard_b")
        self.property_b.user_ids = [(4, helper.id)]
        # A manager asks staff of B to help on a ticket of A, and assigns it to them.
        ticket = self.ticket(unit_id=self.unit_a1.id, partner_id=self.owner.id, user_id=helper.id)
        as_helper = ticket.with_user(helper)
        as_helper.write({"name": "Leak under the sink", "unit_id": self.unit_a2.id})
        self.assertEqual(ticket.unit_id, self.unit_a2, "work within the ticket's property goes through")
        for vals in (
            {"unit_id": self.unit_b1.id},
            {"property_id": self.property_b.id, "unit_id": False},
            {"partner_id": self.tenant.id, "unit_id": False, "property_id": False},
            {"company_id": self.company_2.id},
        ):
            with self.assertRaises(AccessError):
                as_helper.write(vals)
            self.assertEqual((ticket.property_id, ticket.unit_id), (self.property_a, self.unit_a2))
        # A hotline ticket taken without a unit by staff of B and assigned to themselves: they place
        # it in their own property, never in A. (Left unplaced on purpose: the form would give it
        # B, the one property they work for, see _desk_property.)
        unplaced = (
            self.env["tenant.ticket"]
            .with_user(helper)
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create(
                {
                    "name": "Noise at night",
                    "partner_id": self.tenant.id,
                    "channel": "hotline",
                    "user_id": helper.id,
                    "property_id": False,
                }
            )
        )
        self.assertFalse(unplaced.property_id)
        with self.assertRaises(AccessError):
            unplaced.write({"unit_id": self.unit_a1.id})
        self.assertFalse(unplaced.sudo().property_id)
        unplaced.write({"unit_id": self.unit_b1.id})
        self.assertEqual(unplaced.sudo().property_id, self.property_b)
        # An e-mail request without a unit, on the team of A: a member places it in A, not in B.
        mailed = self.ticket(channel="email", unit_id=False, partner_id=self.tenant.id, team_id=self.team.id)
        self.assertFalse(mailed.property_id)
        with self.assertRaises(AccessError):
            mailed.with_user(self.staff_a).write({"unit_id": self.unit_b1.id})
        mailed.with_user(self.staff_a).write({"unit_id": self.unit_a1.id})
        self.assertEqual(mailed.property_id, self.property_a)
        # A return visit assigned to them in A cannot be taken to B either.
        visit = self.env["tenant.visit"].create(
            {"partner_id": self.owner.id, "unit_id": self.unit_a1.id, "user_id": helper.id}
        )
        with self.assertRaises(AccessError):
            visit.with_user(helper).write({"unit_id": self.unit_b1.id})
        self.assertEqual(visit.property_id, self.property_a)

    @mute_logger(*QUIET)
    def test_other_property_bound_records_cannot_be_moved(self):
        payment = self.env["tenant.fee.payment"].create(
            {
                "unit_id": self.unit_a1.id,
                "partner_id": self.payer.id,
                "period": "2026-09",
                "due_date": "2026-09-15",
                "paid_date": "2026-09-20",  # late: no points, so nothing else locks the unit
            }
        )
        with self.assertRaises(AccessError):
            self.as_staff_a(payment).write({"unit_id": self.unit_b1.id})
        self.assertEqual(payment.unit_id, self.unit_a1)

        visit = self.env["tenant.visit"].create(
            {"partner_id": self.owner.id, "unit_id": self.unit_a1.id, "user_id": self.leader.id}
        )
        with self.assertRaises(AccessError):
            self.as_staff_a(visit).write({"unit_id": self.unit_b1.id})
        self.assertEqual(visit.unit_id, self.unit_a1)

        notice = self.env["tenant.notice"].create(
            {"name": "Lift service", "kind": "maintenance", "property_ids": [(6, 0, self.property_a.ids)]}
        )
        with self.assertRaises(AccessError):
            self.as_staff_a(notice).write({"property_ids": [(6, 0, self.property_b.ids)]})
        self.assertEqual(notice.property_ids, self.property_a)

        referral = self.env["tenant.referral"].create(
            {
                "name": "A friend",
                "email": "friend@example.com",
                "referrer_id": self.owner.id,
                "property_id": self.property_a.id,
            }
        )
        with self.assertRaises(AccessError):
            self.as_staff_a(referral).write({"property_id": self.property_b.id})
        self.assertEqual(referral.property_id, self.property_a)

    @mute_logger(*QUIET)
    def test_records_cannot_be_moved_to_another_company(self):
        ticket = self.ticket(unit_id=self.unit_a1.id, partner_id=self.owner.id)
        with self.assertRaises(AccessError):
            self.as_staff_a(ticket).write({"company_id": self.company_2.id})
        self.assertEqual(ticket.company_id, self.env.company)

        # A manager of the first company only cannot hand a property (and all it holds) to another.
        self.assertEqual(self.manager.company_ids, self.env.company)
        prop = self.property_a.with_user(self.manager)
        self.assertFalse(prop.env.su)
        with self.assertRaises(AccessError):
            prop.write({"company_id": self.company_2.id})
        self.assertEqual(self.property_a.company_id, self.env.company)
        self.assertEqual(self.occupancy.company_id, self.env.company)
        with self.assertRaises(AccessError):
            self.team.with_user(self.manager).write({"company_id": self.company_2.id})
        self.assertEqual(self.team.company_id, self.env.company)

        # A manager of both companies may move it: the rules allow the result.
        self.manager.company_ids = [(4, self.company_2.id)]
        prop.with_context(allowed_company_ids=[self.env.company.id, self.company_2.id]).write(
            {"company_id": self.company_2.id}
        )
        self.assertEqual(self.occupancy.company_id, self.company_2)


@tagged("post_install", "-at_install")
class TestTicketTokenGuard(PortalCase):
    """The ticket's document token and its rating links are the reporter's alone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = property_unit(cls.env, "GLG", "1-1201", building="1")
        cls.property = cls.unit.property_id
        cls.staff = staff_user(
            cls.env,
            "tr_tok_staff",
            # With the right to export, so that export_data is refused for the field, not the user.
            groups=f"{STAFF},base.group_allow_export",
            email="staff@example.com",
        )
        cls.property.user_ids = cls.staff
        unit = cls.unit
        cls.main_user = portal_main_contact(
            cls.env, "tr_tok_main", unit, "Main Contact", "main@example.com", "tenant"
        )
        cls.member_user = portal_member(
            cls.env, "tr_tok_member", unit, "Household Member", "member@example.com"
        )
        cls.main, cls.member = cls.main_user.partner_id, cls.member_user.partner_id
        cls.ticket, cls.other = no_ack_tickets(cls.env).create(
            [
                {"name": "Squeaky balcony door", "partner_id": cls.member.id, "unit_id": cls.unit.id},
                {"name": "Broken intercom", "partner_id": cls.main.id, "unit_id": cls.unit.id},
            ]
        )
        cls.token = cls.ticket.access_token

    def ticket_texts(self, ticket):
        """Everything kept on the ticket's messages, as stored."""
        return " ".join(str(body) for body in ticket.sudo().message_ids.mapped("body"))

    def rating_tokens(self, ticket):
        return ticket.sudo().rating_ids.mapped("access_token")

    # The token as a field ---------------------------------------------------------------------

    @mute_logger(*QUIET)
    def test_nobody_reads_the_token_field_over_rpc(self):
        for user in (self.staff, self.main_user, self.member_user):
            self.login(user)
            ticket = self.ticket.with_user(user)
            ticket.read(["name"])  # they may read the ticket itself
            for method, args in (
                ("read", [self.ticket.ids, ["access_token"]]),
                ("search_read", [[("id", "=", self.ticket.id)], ["access_token"]]),
                ("export_data", [self.ticket.ids, ["access_token"]]),
                ("web_read", [self.ticket.ids, {"access_token": {}}]),
            ):
                with self.subTest(user=user.login, method=method), self.assertRaises(JsonRpcException):
                    call_kw(self, "tenant.ticket", method, *args)
            with self.assertRaises(JsonRpcException):
                call_kw(self, "tenant.ticket", "search", [("access_token", "=", self.token)])
            with self.assertRaises(AccessError):
                ticket.write({"access_token": "known-to-me"})
        self.assertEqual(self.ticket.access_token, self.token, "unchanged")

    @mute_logger(*QUIET)
    def test_staff_portal_link_and_share_carry_no_token(self):
        self.login(self.staff)
        url = call_kw(self, "tenant.ticket", "get_portal_url", self.ticket.ids)
        self.assertEqual(urlparse(url).path, self.ticket.access_url)
        self.assertNotIn(self.token, url)
        self.assertNotIn(self.token, self.ticket.with_user(self.staff)._get_share_url(redirect=True))
        self.assertNotIn("access_token", url)
        # The reporter gets their own link with their token.
        self.assertIn(self.token, self.ticket.with_user(self.member_user).get_portal_url())
        # A token chosen by staff at creation is not kept: they would know it.
        ticket = (
            self.env["tenant.ticket"]
            .with_user(self.staff)
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create(
                {"name": "Noise", "partner_id": self.member.id, "unit_id": self.unit.id, "access_token": "x"}
            )
        )
        self.assertNotEqual(ticket.sudo().access_token, "x")

    # Mails and messages -------------------------------------------------------------------------

    def test_acknowledgement_by_staff_keeps_token_for_reporter_only(self):
        self.ticket.message_subscribe(self.main.ids)  # a follower who is not the reporter
        ticket = (
            self.env["tenant.ticket"]
            .with_user(self.staff)
            .with_context(mail_notify_force_send=False)  # queued, so that the test reads them
            .create({"name": "Cracked window", "partner_id": self.member.id, "unit_id": self.unit.id})
        )
        token = ticket.sudo().access_token
        self.assertTrue(ticket.sudo().message_ids, "the acknowledgement was posted")
        self.assertNotIn(token, self.ticket_texts(ticket))
        mails = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "in", ticket.sudo().message_ids.ids)])
        )
        to_member = mails.filtered(lambda mail: self.member in mail.recipient_ids)
        self.assertTrue(to_member)
        self.assertIn(token, str(to_member.body_html), "the reporter's mail opens the ticket without login")

    @mute_logger(*QUIET)
    def test_rating_request_reaches_the_reporter_only(self):
        self.ticket.message_subscribe((self.main | self.staff.partner_id).ids)
        stage = self.env.ref("tenant_relations.tenant_ticket_stage_closed")
        # Queued, not sent (and deleted) at once, so that the test reads them.
        self.ticket.with_context(mail_notify_force_send=False).write({"stage_id": stage.id})
        tokens = self.rating_tokens(self.ticket)
        self.assertTrue(tokens, "the closing mail asked for a rating")
        self.assertEqual(self.ticket.rating_ids.partner_id, self.member, "rated as the reporter")
        stored = self.ticket_texts(self.ticket)
        for token in [self.token, *tokens]:
            self.assertNotIn(token, stored)
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "tenant.ticket"), ("res_id", "=", self.ticket.id)])
        )
        to_member = mails.filtered(lambda mail: self.member in mail.recipient_ids)
        others = mails - to_member
        self.assertIn(f"/rate/{tokens[0]}/5", str(to_member.body_html))
        self.assertTrue(others, "the main contact and staff were mailed too")
        for mail in others:
            for token in [self.token, *tokens]:
                self.assertNotIn(token, str(mail.body_html))

        # The main contact reads the messages over RPC: no link rates as the member.
        self.login(self.main_user)
        bodies = call_kw(
            self,
            "mail.message",
            "search_read",
            [("model", "=", "tenant.ticket"), ("res_id", "=", self.ticket.id)],
            ["body"],
        )
        self.assertTrue(bodies)
        for token in [self.token, *tokens]:
            self.assertNotIn(token, str(bodies))
        # Signed in, the main contact's page of the member's request has no rating links either.
        page = self.url_open(self.ticket.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("/rate/", page.text)
        self.assertNotIn(self.token, page.text)
        # No rating link can be made for anyone but the reporter.
        with self.assertRaises(AccessError):
            self.ticket._rating_get_access_token(self.main)
        self.assertIn(self.ticket._rating_get_access_token(), tokens)

    # Stale tokens ---------------------------------------------------------------------------------

    def test_token_of_a_reporter_who_moved_out_opens_their_own_ticket_only(self):
        self.member.tenant_occupancy_ids.move_out_date = "2025-06-30"
        self.assertFalse(self.member.tenant_occupancy_ids.is_current)
        page = self.url_open(f"{self.ticket.access_url}?access_token={self.token}")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(urlparse(page.url).path, self.ticket.access_url)
        self.assertIn(self.ticket.name, page.text)
        # The same token opens no other ticket of the unit.
        page = self.url_open(f"{self.other.access_url}?access_token={self.token}")
        self.assertNotEqual(urlparse(page.url).path, self.other.access_url)
        self.assertNotIn(self.other.name, page.text)

    # Existing databases ----------------------------------------------------------------------------

    def test_migration_takes_the_tokens_out_of_kept_messages(self):
        rating_token = self.ticket._rating_get_access_token()
        # As Odoo kept them before: written straight on the message, never notified.
        kept = self.env["mail.message"].create(
            {
                "model": "tenant.ticket",
                "res_id": self.ticket.id,
                "message_type": "auto_comment",
                "body": f'<p><a href="http://localhost/my/tickets/{self.ticket.id}?access_token={self.token}">view'
                f'</a> <a href="http://localhost/rate/{rating_token}/5">Satisfied</a></p>',
            }
        )
        other = self.env["mail.message"].create(
            {"model": "tenant.ticket", "res_id": self.other.id, "body": "<p>Nothing secret</p>"}
        )
        before = other.body
        migration = migration_script("18.0.1.4.0", "post-ticket-tokens")
        migration.migrate(self.env.cr, "18.0.1.3.0")
        self.env.invalidate_all()
        self.assertNotIn(self.token, kept.body)
        self.assertNotIn(rating_token, kept.body)
        self.assertIn(f"/my/tickets/{self.ticket.id}", kept.body, "the links still lead to the request")
        self.assertEqual(other.body, before)
        self.assertEqual(self.ticket.access_token, self.token, "the reporter's mails keep working")
