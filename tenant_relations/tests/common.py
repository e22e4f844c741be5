# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from contextlib import contextmanager
from datetime import timedelta

from PIL import Image

from odoo import Command, fields, http
from odoo.exceptions import ValidationError
from odoo.modules.migration import load_script
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user

STAFF = "tenant_relations.group_tenant_relations_user"
MANAGER = "tenant_relations.group_tenant_relations_manager"
# The import screen's options for a plain UTF-8 CSV file with a header row.
CSV_IMPORT_OPTIONS = {
    "has_headers": True,
    "separator": ",",
    "quoting": '"',
    "encoding": "utf-8",
    "date_format": "%Y-%m-%d",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
}


def configure_outgoing_mail(env):
    """Give the test database the sender settings every real Odoo has, so that notifications build."""
    domain = env["mail.alias.domain"].search([("name", "=", "mail.example.com")]) or env[
        "mail.alias.domain"
    ].create({"name": "mail.example.com", "default_from": "notifications"})
    env.company.alias_domain_id = domain


def load_chinese(env, modules=("tenant_relations",), overwrite=True):
    """Activate Simplified Chinese with the ``modules``' translations: a test database has English
    alone, and the firms and residents these addons serve read Chinese."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"]._load_module_terms(list(modules), ["zh_CN"], overwrite=overwrite)


def portal_user(env, login, partner, **kw):
    """A portal login for an existing resident contact (their e-mail is the login's too).

    Odoo's ``new_test_user`` would otherwise write a made-up address over the contact's own.
    """
    return new_test_user(
        env, login, groups="base.group_portal", partner_id=partner.id, email=partner.email, **kw
    )


def staff_user(env, login, groups=STAFF, company=None, **kw):
    """An internal user with Tenant Relations rights (property staff unless ``groups`` says more).

    Which properties they serve is the property's business (``user_ids``, ``manager_id``). With
    a ``company``, they work for that company alone.
    """
    if company:
        kw.update(company_id=company.id, company_ids=[Command.set(company.ids)])
    return new_test_user(env, login, groups=groups, **kw)


def allow_contact_creation(users):
    """Odoo's Contact Creation right, which internal users have by default but ``new_test_user``'s
    do not: importing residents takes it, and the rules are then what refuses."""
    users.write({"groups_id": [Command.link(users.env.ref("base.group_partner_manager").id)]})


def occupy(env, unit, partner, role="owner", move_in="2024-01-01", move_out=False, **vals):
    """The partner lives in the unit from ``move_in``: what every access rule of a resident follows."""
    return env["tenant.occupancy"].create(
        {
            "unit_id": unit.id,
            "partner_id": partner.id,
            "role": role,
            "move_in_date": move_in,
            "move_out_date": move_out,
            **vals,
        }
    )


def property_units(env, code, name, *units, **vals):
    """A property (``vals`` are its own: staff, manager...) and its units, each given as
    ``(building, number, code)``. Returns the units; their ``property_id`` is the property."""
    prop = env["tenant.property"].create({"name": name, "code": code, **vals})
    return env["tenant.unit"].create(
        [{"property_id": prop.id, "building": b, "number": n, "code": c} for b, n, c in units]
    )


def property_unit(env, code, unit_code, number="1201", name="Green Lake Gardens", building=False, **vals):
    """A property with one unit, for a test that needs a place to live and nothing more.

    Returns the unit; its ``property_id`` is the property (``vals`` are the property's).
    """
    return property_units(env, code, name, (building, number, unit_code), **vals)


def resident(env, unit, name, email=False, role="owner", **occupancy):
    """A contact who lives in ``unit`` (since 2024 unless ``occupancy`` says otherwise, as for
    :func:`occupy`). Returns the contact."""
    partner = env["res.partner"].create({"name": name, "email": email})
    occupy(env, unit, partner, role=role, **occupancy)
    return partner


def portal_resident(
    env, login, unit, name, email=False, role="owner", main_contact=False, password=False, **occupancy
):
    """A contact living in ``unit`` with their own portal login, in one call: whom most portal
    tests act as. ``occupancy`` as for :func:`occupy`; ``password`` if the test signs in with
    one of its own. Returns the portal user; ``.partner_id`` is the contact."""
    partner = resident(env, unit, name, email, role, is_main_contact=main_contact, **occupancy)
    return portal_user(env, login, partner, **({"password": password} if password else {}))


def lettered_homes(env, code, name, units, login, email, main_contact=False):
    """A property with ``units`` (``(building, number, code)`` each) and a :func:`portal_resident`
    in each: "Resident A" in the first, with the login ``login + "a"`` and the e-mail
    ``email + "a@example.com"``, "Resident B" in the second... For tests of what one resident may
    see of another's. Returns (the units, the portal users)."""
    homes = property_units(env, code, name, *units)
    users = []
    for x, unit in zip("abcdefgh", homes, strict=False):
        person, mail = f"Resident {x.upper()}", f"{email}{x}@example.com"
        users.append(portal_resident(env, f"{login}{x}", unit, person, mail, main_contact=main_contact))
    return homes, users


def portal_main_contact(env, login, unit, name, email=False, role="owner", **occupancy):
    """A :func:`portal_resident` who speaks for the unit's household: they follow its requests."""
    return portal_resident(env, login, unit, name, email, role, main_contact=True, **occupancy)


def portal_member(env, login, unit, name, email=False):
    """A household member with a portal login: lives in ``unit`` since 2024, not its main contact."""
    return portal_resident(env, login, unit, name, email, role="resident")


def community_event(env, name, properties=None, start=None, **vals):
    """A two-hour event of ``properties`` (none: a company event, no property's), begun an hour
    ago unless ``start`` says otherwise: under way, so that attendance can be marked."""
    start = start or fields.Datetime.now() - timedelta(hours=1)
    if properties:
        vals["tenant_property_ids"] = [Command.set(properties.ids)]
    return env["event.event"].create(
        {"name": name, "date_begin": start, "date_end": start + timedelta(hours=2), **vals}
    )


def no_ack_tickets(env):
    """The ticket model without the acknowledgement mail, for tickets a test sets up beforehand.

    The mail is tested where it matters; elsewhere it would be noise in the mails a test reads.
    """
    return env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True)


def migration_script(version, name):
    """tenant_relations/migrations/<version>/<name>.py as a module, to call its migrate() in a test.

    Odoo runs these scripts only while upgrading from an older version, never on the fresh
    test database: a test loads the script and calls it on data made to look old.
    """
    module_name = f"tenant_relations_{version}_{name}".replace(".", "_").replace("-", "_")
    return load_script(f"tenant_relations/migrations/{version}/{name}.py", module_name)


def png(color="blue"):
    """A 4×4 PNG of one colour: the smallest picture that image fields and uploads accept."""
    data = io.BytesIO()
    Image.new("RGB", (4, 4), color).save(data, format="PNG")
    return data.getvalue()


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

    def login(self, user):
        """Sign in as a test user whose password is their login (``new_test_user``'s default for a
        login of 8 characters or more)."""
        self.authenticate(user.login, user.login)

    def page_as(self, user, url):
        """The page at ``url`` as ``user``, signed in, sees it; it must open (200)."""
        self.login(user)
        res = self.url_open(url)
        self.assertEqual(res.status_code, 200, url)
        return res.text

    def close_on_portal(self, ticket_url, confirm=True):
        """Press "Close request" on the request's page as the signed-in user; the redirect is returned
        unfollowed. ``confirm=False`` is the first press, before the page asks "Close this request?"."""
        data = {"csrf_token": http.Request.csrf_token(self), **({"confirm": "1"} if confirm else {})}
        return self.url_open(f"{ticket_url}/close", data=data, allow_redirects=False)


class TenantRelationsCase(TransactionCase):
    """Two properties with their own staff, a few units and residents; no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        configure_outgoing_mail(cls.env)
        cls.manager = staff_user(cls.env, "tr_manager", groups=MANAGER)
        cls.staff_a = staff_user(cls.env, "tr_staff_a")
        cls.staff_b = staff_user(cls.env, "tr_staff_b")
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
        return occupy(cls.env, unit, partner, role=role, move_in=move_in, move_out=move_out, **vals)

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
        cls.leader = staff_user(cls.env, "tr_leader")
        cls.team = cls.env["tenant.team"].create(
            {
                "name": "Green Lake Service",
                "leader_id": cls.leader.id,
                "member_ids": [(6, 0, [cls.staff_a.id, cls.leader.id])],
                "property_ids": [(6, 0, [cls.property_a.id])],
            }
        )
        stages = ("new", "in_progress", "waiting", "resolved", "closed")
        cls.stage_new, cls.stage_progress, cls.stage_waiting, cls.stage_resolved, cls.stage_closed = (
            ref(f"tenant_relations.tenant_ticket_stage_{stage}") for stage in stages
        )
        cls.cat_leak = ref("tenant_relations.tenant_ticket_category_water_leak")
        cls.cat_noise = ref("tenant_relations.tenant_ticket_category_noise")
        policy = "tenant_relations.tenant_sla_policy_"
        cls.policy_urgent, cls.policy_normal = (ref(f"{policy}{k}_response") for k in ("urgent", "normal"))
        cls.policy_general, cls.policy_complex, cls.policy_major = (
            ref(f"{policy}{size}_complaint") for size in ("general", "complex", "major")
        )
        cls.office_hours = ref("tenant_relations.resource_calendar_office_hours")
        cls.occupy(cls.unit_a1, cls.owner)

    @classmethod
    def ticket(cls, **vals):
        return no_ack_tickets(cls.env).create(
            {"name": "Water from the ceiling", "unit_id": cls.unit_a1.id, "partner_id": cls.owner.id, **vals}
        )

    def ticket_form(self, user=None, name=None, phone=None):
        """The new-ticket form as an agent (``staff_a`` unless told) opens it, with the request's
        ``name`` and then the caller's ``phone`` typed in when given: the number finds the caller."""
        form = Form(no_ack_tickets(self.env).with_user(user or self.staff_a))
        if name:
            form.name = name
        if phone:
            form.partner_phone = phone
        return form

    def line(self, ticket, policy):
        return ticket.sla_line_ids.filtered(lambda line: line.policy_id == policy)
