# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import re
from urllib.parse import urlparse

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import (
    MANAGER,
    PortalCase,
    call_kw,
    migration_script,
    no_ack_tickets,
    occupy,
    png,
    portal_main_contact,
    portal_member,
    portal_user,
    property_unit,
    property_units,
    staff_user,
)


@tagged("post_install", "-at_install")
class TestPortalHousehold(PortalCase):
    """The household's main contact follows the requests of the people who live there now only.

    Unit 1-1201 was held by a tenant who moved out at the end of 2023; a new main contact moved
    in with a household member in 2024. The earlier tenant's requests stay theirs.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.unit = unit = property_unit(env, "GLG", "1-1201", building="1")
        cls.property = unit.property_id
        moved_out = {"role": "tenant", "move_in": "2021-03-01", "move_out": "2023-12-31"}
        cls.previous_user = portal_main_contact(
            env, "tr_hh_previous", unit, "Previous Tenant", "previous@example.com", **moved_out
        )
        cls.main_user = portal_main_contact(
            env, "tr_hh_main", unit, "New Main Contact", "main@example.com", "tenant"
        )
        cls.member_user = portal_member(
            env, "tr_hh_member", unit, "New Household Member", "member@example.com"
        )
        cls.previous, cls.main, cls.member = (cls.previous_user | cls.main_user | cls.member_user).partner_id
        cls.staff = staff_user(cls.env, "tr_hh_staff", groups=MANAGER)
        Ticket = no_ack_tickets(cls.env)
        cls.previous_ticket, cls.member_ticket = Ticket.create(
            [
                {
                    "name": "Broken boiler of the previous tenant",
                    "description": "<p>Call me on my private number</p>",
                    "partner_id": cls.previous.id,
                    "unit_id": cls.unit.id,
                },
                {
                    "name": "Squeaky balcony door of the member",
                    "partner_id": cls.member.id,
                    "unit_id": cls.unit.id,
                },
            ]
        )
        for ticket in cls.previous_ticket | cls.member_ticket:
            ticket.message_post(
                body=f"Staff reply on {ticket.name}", message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    def chatter_messages(self, ticket):
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch", {"thread_model": "tenant.ticket", "thread_id": ticket.id}
        )
        return {message["body"] for message in result["data"]["mail.message"]}

    def post_in_chatter(self, ticket, body):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "tenant.ticket",
                "thread_id": ticket.id,
                "post_data": {"body": body, "message_type": "comment", "subtype_xmlid": "mail.mt_comment"},
            },
        )

    # Record rules -------------------------------------------------------------------------------

    def test_rules_hide_the_previous_tenants_tickets(self):
        Ticket = self.env["tenant.ticket"].with_user(self.main_user)
        visible = Ticket.search([("unit_id", "=", self.unit.id)])
        self.assertIn(self.member_ticket, visible, "the current household's requests stay visible")
        self.assertNotIn(self.previous_ticket, visible)
        with self.assertRaises(AccessError):
            self.previous_ticket.with_user(self.main_user).read(["name", "partner_email", "partner_phone"])
        self.member_ticket.with_user(self.main_user).read(["name"])

        self.assertTrue(self.previous_ticket.sla_line_ids, "the shipped policies apply")
        lines = self.env["tenant.ticket.sla"].with_user(self.main_user).search([])
        self.assertFalse(lines & self.previous_ticket.sla_line_ids)
        self.assertEqual(lines & self.member_ticket.sla_line_ids, self.member_ticket.sla_line_ids)

        # The earlier tenant keeps their own requests (the own-request branch is unchanged).
        own = self.env["tenant.ticket"].with_user(self.previous_user).search([])
        self.assertEqual(own, self.previous_ticket)

    def test_household_member_who_moved_out_drops_out(self):
        """A member's request leaves the main contact's view when the member moves out."""
        self.member.tenant_occupancy_ids.move_out_date = "2024-06-30"
        self.assertFalse(self.member.tenant_occupancy_ids.is_current)
        visible = self.env["tenant.ticket"].with_user(self.main_user).search([])
        self.assertNotIn(self.member_ticket, visible)

    # Portal pages -------------------------------------------------------------------------------

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule", "odoo.models")
    def test_portal_hides_the_previous_tenants_tickets(self):
        listing = self.page_as(self.main_user, "/my/tickets")
        self.assertIn(self.member_ticket.name, listing)
        self.assertNotIn(self.previous_ticket.name, listing)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["ticket_count"]})
        self.assertEqual(counters["ticket_count"], 1, "only the member's request")

        res = self.url_open(self.previous_ticket.access_url, allow_redirects=False)
        self.assertIn(res.status_code, (303, 403, 404))
        self.assertNotIn(self.previous_ticket.name, res.text)
        res = self.url_open(self.previous_ticket.access_url)
        self.assertNotEqual(urlparse(res.url).path, self.previous_ticket.access_url)
        self.assertNotIn(self.previous_ticket.name, res.text)

        res = self.close_on_portal(self.previous_ticket.access_url, confirm=False)
        self.assertIn(res.status_code, (303, 403, 404))
        self.assertFalse(self.previous_ticket.is_closed)

        with self.assertRaises(JsonRpcException):
            call_kw(
                self, "tenant.ticket", "read", self.previous_ticket.ids, ["partner_email", "partner_phone"]
            )
        self.assertNotIn(
            f"Staff reply on {self.previous_ticket.name}", str(self.chatter_messages(self.previous_ticket))
        )
        before = len(self.previous_ticket.message_ids)
        with self.assertRaises(JsonRpcException):
            self.post_in_chatter(self.previous_ticket, "I live here now")
        self.assertEqual(len(self.previous_ticket.message_ids), before)

    def test_main_contact_follows_member_ticket_without_its_token(self):
        self.login(self.main_user)
        page = self.url_open(self.member_ticket.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertEqual(urlparse(page.url).path, self.member_ticket.access_url)
        self.assertIn(self.member_ticket.name, page.text)
        self.assertIn("o_portal_chatter", page.text)
        token = self.member_ticket.access_token
        self.assertTrue(token, "the page made sure the ticket has a token")
        self.assertNotIn(token, page.text, "the document token is the reporter's")

        # The chatter works with the main contact's own rights: they read and write in it.
        self.assertIn(
            f"Staff reply on {self.member_ticket.name}", str(self.chatter_messages(self.member_ticket))
        )
        self.post_in_chatter(self.member_ticket, "The door squeaks at night too")
        last = self.member_ticket.message_ids[:1]
        self.assertEqual(last.author_id, self.main)
        self.assertIn("squeaks at night", str(last.body))

        # The reporter still gets the token: it serves the chatter they reach from their mails.
        self.login(self.member_user)
        self.assertIn(token, self.url_open(self.member_ticket.access_url).text)

    # Attachments --------------------------------------------------------------------------------

    def attach(self, ticket, user, name):
        """A file on the ticket linked to no message, created under ``user`` as the portal form does."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": png("green"),
                    "mimetype": "image/png",
                    "res_model": ticket._name,
                    "res_id": ticket.id,
                }
            )
        )

    def test_only_the_residents_files_are_listed(self):
        self.login(self.main_user)
        res = self.url_open(
            "/my/tickets/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "name": "Hallway light out",
                "kind": "repair",
                "unit_id": str(self.unit.id),
            },
            files=[("attachments", ("hallway.png", png("green"), "image/png"))],
            allow_redirects=False,
        )
        self.assertEqual(res.status_code, 303, res.text[:500])
        ticket = self.env["tenant.ticket"].search([("name", "=", "Hallway light out")])
        Attachment = self.env["ir.attachment"]
        upload = Attachment.search(
            [("res_model", "=", ticket._name), ("res_id", "=", ticket.id), ("name", "=", "hallway.png")]
        )
        self.assertEqual(upload.create_uid, self.main_user, "the resident's file is theirs")
        # Staff drop an internal quote in the back-office chatter's attachment box.
        quote = Attachment.with_user(self.staff).create(
            {
                "name": "contractor-quote-internal.pdf",
                "datas": base64.b64encode(b"%PDF-1.4\n%%EOF\n"),
                "mimetype": "application/pdf",
                "res_model": ticket._name,
                "res_id": ticket.id,
            }
        )
        page = self.url_open(ticket.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("hallway.png", page.text)
        self.assertNotIn("contractor-quote-internal.pdf", page.text)
        self.assertIn(f"/my/tickets/{ticket.id}/files/{upload.id}?download=1", page.text)
        self.assertNotIn(f"/{quote.id}?", page.text)
        self.assertFalse(any((upload | quote).mapped("access_token")), "no file token was handed out")

        file = self.url_open(f"/my/tickets/{ticket.id}/files/{upload.id}?download=1")
        self.assertEqual(file.status_code, 200)
        self.assertEqual(file.content, upload.raw)
        self.assertEqual(
            self.url_open(f"/my/tickets/{ticket.id}/files/{upload.id}?thumbnail=1").status_code, 200
        )
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/my/tickets/{ticket.id}/files/{quote.id}").status_code, 404)

        # The reporter's link from a mail (public visitor with the document token) still works.
        self.logout()
        token = ticket.access_token
        page = self.url_open(f"{ticket.access_url}?access_token={token}")
        self.assertIn(f"/files/{upload.id}?download=1&amp;access_token={token}", page.text)
        file = self.url_open(f"/my/tickets/{ticket.id}/files/{upload.id}?download=1&access_token={token}")
        self.assertEqual(file.content, upload.raw)

    @mute_logger("odoo.http")
    def test_household_files_follow_access_to_the_ticket(self):
        """The main contact opens the member's files, with no file token, but not earlier occupants'."""
        member_file = self.attach(self.member_ticket, self.member_user, "balcony.png")
        previous_file = self.attach(self.previous_ticket, self.previous_user, "boiler.png")
        self.login(self.main_user)
        page = self.url_open(self.member_ticket.access_url)
        self.assertIn("balcony.png", page.text)
        self.assertFalse(member_file.access_token)
        url = f"/my/tickets/{self.member_ticket.id}/files/{member_file.id}?download=1"
        self.assertIn(url, page.text)
        self.assertEqual(self.url_open(url).content, member_file.raw)
        for url in (
            f"/my/tickets/{self.previous_ticket.id}/files/{previous_file.id}",
            f"/my/tickets/{self.member_ticket.id}/files/{previous_file.id}",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        # Once the member has moved out, the main contact's access to their files ends.
        self.member.tenant_occupancy_ids.move_out_date = "2024-06-30"
        self.env.flush_all()
        url = f"/my/tickets/{self.member_ticket.id}/files/{member_file.id}?download=1"
        self.assertEqual(self.url_open(url).status_code, 404)


@tagged("post_install", "-at_install")
class TestHouseholdRuleOneSource(PortalCase):
    """The household rule is written once (tenant.ticket._get_portal_reader_domain): for every
    persona, the requests the portal lists are those the ticket rule lets them read, and those whose
    SLA lines the SLA-line rule lets them read, and all are the hand-computed household.

    Units 1-1201 and 1-1202 are both held by one main contact; a member lives in each. 1-1201 had a
    tenant who moved out in 2023 and a member who moved out in 2024; a neighbour holds 2-0801.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_1, cls.unit_2, cls.unit_3 = property_units(
            cls.env,
            "GLG",
            "Green Lake Gardens",
            ("1", "1201", "1-1201"),
            ("1", "1202", "1-1202"),
            ("2", "0801", "2-0801"),
        )
        names = ("main", "member", "member_2", "previous", "leaver", "neighbour")
        cls.persons = {
            name: cls.env["res.partner"].create({"name": f"Resident {name}", "email": f"{name}@example.com"})
            for name in names
        }
        cls.users = {
            name: portal_user(cls.env, f"tr_one_{name}", partner) for name, partner in cls.persons.items()
        }
        p = cls.persons
        for unit, name, role, main, move_in, move_out in (
            (cls.unit_1, "previous", "tenant", True, "2021-03-01", "2023-12-31"),
            (cls.unit_1, "main", "owner", True, "2024-01-01", False),
            (cls.unit_2, "main", "owner", True, "2024-01-01", False),
            (cls.unit_1, "member", "resident", False, "2024-01-01", False),
            (cls.unit_2, "member_2", "resident", False, "2024-01-01", False),
            (cls.unit_1, "leaver", "resident", False, "2024-01-01", "2024-06-30"),
            (cls.unit_3, "neighbour", "owner", True, "2024-01-01", False),
        ):
            occupy(cls.env, unit, p[name], role, move_in, move_out, is_main_contact=main)
        Ticket = cls.env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True)
        cls.tickets = {
            key: Ticket.create({"name": key, "partner_id": p[reporter].id, "unit_id": unit.id})
            for key, reporter, unit in (
                ("main_own", "main", cls.unit_1),
                ("member_own", "member", cls.unit_1),
                # About the other unit of the same household: the member lives in 1-1201.
                ("member_on_unit_2", "member", cls.unit_2),
                ("member_2_own", "member_2", cls.unit_2),
                ("previous_own", "previous", cls.unit_1),
                ("leaver_own", "leaver", cls.unit_1),
                ("neighbour_own", "neighbour", cls.unit_3),
                # A neighbour's request about 1-1201: not the household's, whose unit it is about.
                ("neighbour_on_unit_1", "neighbour", cls.unit_1),
            )
        }
        cls.expected = {
            "main": {"main_own", "member_own", "member_on_unit_2", "member_2_own"},
            "member": {"member_own", "member_on_unit_2"},
            "member_2": {"member_2_own"},
            "previous": {"previous_own"},
            "leaver": {"leaver_own"},
            "neighbour": {"neighbour_own", "neighbour_on_unit_1"},
        }
        cls.all_tickets = cls.env["tenant.ticket"].union(*cls.tickets.values())

    def names(self, tickets):
        by_id = {ticket.id: key for key, ticket in self.tickets.items()}
        return {by_id[ticket_id] for ticket_id in tickets.ids if ticket_id in by_id}

    def portal_list(self, user):
        """The requests the portal's list shows the user (all of them fit on one page)."""
        self.authenticate(user.login, user.login)
        page = self.url_open("/my/tickets?filterby=all")
        self.assertEqual(page.status_code, 200)
        ids = {int(ticket_id) for ticket_id in re.findall(r'href="/my/tickets/(\d+)"', page.text)}
        return self.env["tenant.ticket"].browse(sorted(ids))

    def test_portal_list_rule_and_sla_rule_agree_for_every_persona(self):
        self.assertTrue(all(ticket.sla_line_ids for ticket in self.all_tickets), "the shipped policies apply")
        for name, user in self.users.items():
            with self.subTest(persona=name):
                readable = (
                    self.env["tenant.ticket"].with_user(user).search([("id", "in", self.all_tickets.ids)])
                )
                lines = self.env["tenant.ticket.sla"].with_user(user).search([])
                listed = self.portal_list(user)
                self.assertEqual(self.names(readable), self.expected[name])
                self.assertEqual(self.names(listed), self.expected[name])
                self.assertEqual(lines.sudo(), readable.sudo().sla_line_ids)
                # The field the rules search shows the same readers, ticket by ticket.
                followed = self.all_tickets.filtered(
                    lambda t, p=self.persons[name]: p in t.portal_partner_ids
                )
                self.assertEqual(self.names(followed), self.expected[name])

    def test_rules_search_the_one_household_domain(self):
        """Both portal rules are the one field under their model's path; the field's search is the
        household domain."""
        user = self.users["main"]
        context = {"user": user, "company_ids": self.env.companies.ids}
        ticket_rule = safe_eval(
            self.env.ref("tenant_relations.tenant_ticket_rule_portal").domain_force, context
        )
        line_rule = safe_eval(
            self.env.ref("tenant_relations.tenant_ticket_sla_rule_portal").domain_force, context
        )
        self.assertEqual(ticket_rule, [("portal_partner_ids", "in", user.partner_id.ids)])
        self.assertEqual(line_rule, [("ticket_id", "any", ticket_rule)])
        Ticket = self.env["tenant.ticket"]
        self.assertEqual(
            Ticket.search(ticket_rule), Ticket.search(Ticket._get_portal_reader_domain(user.partner_id.id))
        )

    def test_moving_out_ends_the_main_contacts_view_at_once(self):
        """The rule's domain is cached per user: it must not hold ids that change as people move."""
        main = self.users["main"]
        self.assertIn("member_own", self.names(self.env["tenant.ticket"].with_user(main).search([])))
        self.persons["member"].tenant_occupancy_ids.move_out_date = "2024-06-30"
        visible = self.names(self.env["tenant.ticket"].with_user(main).search([]))
        self.assertEqual(visible, {"main_own", "member_2_own"})

    def test_migration_brings_the_shipped_portal_rules_to_the_one_rule(self):
        migration = migration_script("18.0.1.6.0", "post-rules14")
        ticket_rule = self.env.ref("tenant_relations.tenant_ticket_rule_portal")
        line_rule = self.env.ref("tenant_relations.tenant_ticket_sla_rule_portal")
        for xmlid, old in migration.OLD_PORTAL_DOMAINS.items():
            self.env.ref(f"tenant_relations.{xmlid}").domain_force = old
        self.assertEqual(
            self.names(self.env["tenant.ticket"].with_user(self.users["main"]).search([])),
            self.expected["main"],
        )
        migration.migrate_rules14(self.env)
        self.assertEqual(ticket_rule.domain_force, migration.NEW_PORTAL_DOMAINS["tenant_ticket_rule_portal"])
        self.assertEqual(
            line_rule.domain_force, migration.NEW_PORTAL_DOMAINS["tenant_ticket_sla_rule_portal"]
        )
        self.test_rules_search_the_one_household_domain()
        # Run again, nothing changes; a rule someone rewrote is theirs.
        self.assertEqual(migration.migrate_rules14(self.env)["portal_rules"], [])
        ticket_rule.domain_force = "[('partner_id', '=', user.partner_id.id)]"
        migration.migrate_rules14(self.env)
        self.assertEqual(ticket_rule.domain_force, "[('partner_id', '=', user.partner_id.id)]")

    def test_migration_on_a_database_already_at_the_one_rule_changes_nothing(self):
        """The script runs again on a database that has 18.0.1.6.0's rules and owners (installed at
        18.0.1.6.0, or already migrated, should it run again from a later folder). A row's ctid
        changes with any update of it, even to the same values."""
        migration = migration_script("18.0.1.6.0", "post-rules14")
        rules = [self.env.ref(f"tenant_relations.{xmlid}") for xmlid in migration.NEW_PORTAL_DOMAINS]
        self.assertEqual(rules[0].domain_force, migration.NEW_PORTAL_DOMAINS["tenant_ticket_rule_portal"])
        self.assertEqual(rules[1].domain_force, migration.NEW_PORTAL_DOMAINS["tenant_ticket_sla_rule_portal"])

        def rows():
            self.env.flush_all()
            self.env.cr.execute(
                "SELECT ctid::text, id, domain_force FROM ir_rule WHERE id IN %s ORDER BY id",
                [tuple(rule.id for rule in rules)],
            )
            rule_rows = self.env.cr.fetchall()
            self.env.cr.execute(
                "SELECT ctid::text, module, name FROM ir_model_data WHERE name IN %s ORDER BY id",
                [migration.SURVEY_XMLIDS],
            )
            return rule_rows, self.env.cr.fetchall()

        before = rows()
        self.assertEqual(migration.migrate_rules14(self.env), {"portal_rules": [], "survey_ownership": []})
        self.assertEqual(rows(), before)
