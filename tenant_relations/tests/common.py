# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user


def configure_outgoing_mail(env):
    """Give the test database the sender settings every real Odoo has, so that notifications build."""
    domain = env["mail.alias.domain"].search([("name", "=", "mail.example.com")]) or env[
        "mail.alias.domain"
    ].create({"name": "mail.example.com", "default_from": "notifications"})
    env.company.alias_domain_id = domain


def portal_user(env, login, partner, **kw):
    """A portal login for an existing resident contact (their e-mail is the login's too)."""
    return new_test_user(
        env, login, groups="base.group_portal", partner_id=partner.id, email=partner.email, **kw
    )


def call_kw(http_case, model, method, *args, **kwargs):
    """Call a model method over JSON-RPC as the HttpCase's signed-in user, as a browser would."""
    return http_case.make_jsonrpc_request(
        "/web/dataset/call_kw", {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
    )


NEW_TICKET = "/odoo/action-tenant_relations.tenant_ticket_action/new"


class TourTicketMixin:
    """For an HttpCase whose tours record tickets in the browser."""

    def tour_ticket(self, tour, name, url=NEW_TICKET, **kwargs):
        """Run ``tour`` from ``url``, a blank ticket form unless told (``kwargs``: start_tour's,
        e.g. ``login``); the one ticket named ``name`` it saved."""
        self.start_tour(url, tour, **kwargs)
        ticket = self.env["tenant.ticket"].search([("name", "=", name)])
        self.assertEqual(len(ticket), 1, f"{name} recorded once")
        return ticket


class PortalCase(HttpCase):
    """A browser-facing test: mail can be built and sent from the company, without tracking noise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        configure_outgoing_mail(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.company.email = "service@greenlake.example.com"  # automatic mails are sent from it


class TenantRelationsCase(TransactionCase):
    """Two properties with their own staff, a few units and residents; no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        configure_outgoing_mail(cls.env)
        cls.manager = new_test_user(
            cls.env, "tr_manager", groups="tenant_relations.group_tenant_relations_manager"
        )
        cls.staff_a = new_test_user(
            cls.env, "tr_staff_a", groups="tenant_relations.group_tenant_relations_user"
        )
        cls.staff_b = new_test_user(
            cls.env, "tr_staff_b", groups="tenant_relations.group_tenant_relations_user"
        )
        Property = cls.env["tenant.property"]
        cls.property_a = Property.create(
            {"name": "Green Lake Gardens", "code": "GLG", "manager_id": cls.staff_a.id}
        )
        cls.property_b = Property.create(
            {"name": "Cloud Apartments", "code": "CLA", "user_ids": [cls.staff_b.id]}
        )
        Unit = cls.env["tenant.unit"]
        cls.unit_a1, cls.unit_a2 = Unit.create(
            [
                {
                    "property_id": cls.property_a.id,
                    "building": "1",
                    "floor": 12,
                    "number": "1201",
                    "code": "1-1201",
                },
                {
                    "property_id": cls.property_a.id,
                    "building": "1",
                    "floor": 12,
                    "number": "1202",
                    "code": "1-1202",
                },
            ]
        )
        cls.unit_b1 = Unit.create({"property_id": cls.property_b.id, "number": "0801", "code": "A-0801"})
        Partner = cls.env["res.partner"]
        cls.owner = Partner.create({"name": "王建国", "email": "wang@example.com"})
        cls.tenant = Partner.create({"name": "李秀英", "email": "li@example.com"})

    def loyalty_history(self, partners):
        """The points history (ledger) of these partners in the resident programme, oldest first."""
        program = self.env.ref("tenant_relations.loyalty_program_resident")
        return (
            self.env["loyalty.history"]
            .sudo()
            .search(
                [("card_id.program_id", "=", program.id), ("card_id.partner_id", "in", partners.ids)],
                order="id",
            )
        )

    @classmethod
    def property_agent(cls, login):
        """A service-desk user of property A only, whose password is their login."""
        agent = new_test_user(
            cls.env,
            login,
            password=login,
            groups="base.group_user,tenant_relations.group_tenant_relations_user",
        )
        cls.property_a.user_ids = [(4, agent.id)]
        return agent

    @classmethod
    def occupy(cls, unit, partner, role="owner", move_in="2024-01-01", move_out=False, **vals):
        return cls.env["tenant.occupancy"].create(
            {
                "unit_id": unit.id,
                "partner_id": partner.id,
                "role": role,
                "move_in_date": move_in,
                "move_out_date": move_out,
                **vals,
            }
        )

    @contextmanager
    def assertRefused(self, text, exception=ValidationError):
        """Like assertRaises (which rolls back what was written), and the message says ``text``."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))


class TicketCase(TenantRelationsCase):
    """Adds a team, the shipped stages, categories and SLA policies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.leader = new_test_user(
            cls.env, "tr_leader", groups="tenant_relations.group_tenant_relations_user"
        )
        cls.team = cls.env["tenant.team"].create(
            {
                "name": "Green Lake Service",
                "leader_id": cls.leader.id,
                "member_ids": [(6, 0, [cls.staff_a.id, cls.leader.id])],
                "property_ids": [(6, 0, [cls.property_a.id])],
            }
        )
        cls.stage_new = ref("tenant_relations.tenant_ticket_stage_new")
        cls.stage_progress = ref("tenant_relations.tenant_ticket_stage_in_progress")
        cls.stage_waiting = ref("tenant_relations.tenant_ticket_stage_waiting")
        cls.stage_resolved = ref("tenant_relations.tenant_ticket_stage_resolved")
        cls.stage_closed = ref("tenant_relations.tenant_ticket_stage_closed")
        cls.cat_leak = ref("tenant_relations.tenant_ticket_category_water_leak")
        cls.cat_noise = ref("tenant_relations.tenant_ticket_category_noise")
        cls.policy_urgent = ref("tenant_relations.tenant_sla_policy_urgent_response")
        cls.policy_normal = ref("tenant_relations.tenant_sla_policy_normal_response")
        cls.policy_general = ref("tenant_relations.tenant_sla_policy_general_complaint")
        cls.policy_complex = ref("tenant_relations.tenant_sla_policy_complex_complaint")
        cls.policy_major = ref("tenant_relations.tenant_sla_policy_major_complaint")
        cls.office_hours = ref("tenant_relations.resource_calendar_office_hours")
        cls.occupy(cls.unit_a1, cls.owner)

    @classmethod
    def ticket(cls, **vals):
        return (
            cls.env["tenant.ticket"]
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create(
                {
                    "name": "Water from the ceiling",
                    "unit_id": cls.unit_a1.id,
                    "partner_id": cls.owner.id,
                    **vals,
                }
            )
        )

    def line(self, ticket, policy):
        return ticket.sla_line_ids.filtered(lambda line: line.policy_id == policy)
