# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access-matrix harness: every persona, every operation, on the rows an addon declares.

Each addon's matrix is a test class on ``AccessMatrixCase`` that names its own
``tests/access_matrix_table.py`` (``matrix_table``): its rows (``ROWS``) and its two-step links
(``LINKS``, if it has any) are those the class checks, for the base's personas and the table's
``EXTRA_PERSONAS`` (made for that class only). The harness builds one
world for all of them (properties A and B of company 1, C of company 2, the personas, their units,
occupancies and tickets), then the fixtures of the base's rows and of the class's rows, each tagged
with the place it belongs to and the residents entitled to it. A cell tries the operation on the
records of the persona's scope and on every other one, as the persona itself (``with_user``, never
superuser), and compares what happened with the table; a refusal must come from the guard the row
expects (Odoo's access control unless the row names another), so that a cell cannot pass on an
unrelated error. Writes run in a savepoint that is rolled back, so that one set of data serves
every cell.

The test methods are made per class from its rows (``test_<operation>`` for each operation they
have, ``test_two_step_links`` when it has links), because Odoo runs only the methods a test class
defines itself: a class checks its own rows, never the base's again. The base's own class
(``test_access_matrix.py``) adds the portal routes and the wizards; ``tenant_relations_survey``
and ``tenant_relations_dispute`` have theirs in their ``tests/``.
"""

from contextlib import contextmanager

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from . import access_matrix_table as table
from .common import PortalCase


class _NotAddressed(Exception):
    """A message went out, but not to the contact it was addressed to (counts as refused)."""


class _Rollback(Exception):
    """Raised inside a savepoint so that whatever the cell did is undone."""


REFUSED = (AccessError, MissingError, UserError, ValidationError, _NotAddressed)


class Refusal:
    """What stopped an operation: falsy (it did not go through), and says by what.

    ``error`` is the exception, or None when nothing was found (a search, an empty export).
    """

    __slots__ = ("error",)

    def __init__(self, error=None):
        self.error = error

    def __bool__(self):
        return False

    @property
    def name(self):
        if self.error is None:
            return "NotFound"
        if isinstance(self.error, _NotAddressed):
            return "NotAddressed"
        return type(self.error).__name__

    def matches(self, guard):
        """``guard`` is an exception name with an optional ``": text"`` its message must hold;
        the name is matched exactly (an AccessError is no UserError here)."""
        name, _sep, text = guard.partition(":")
        return self.name == name.strip() and text.strip() in str(self.error or "")

    def __repr__(self):
        message = str(self.error or "").strip().splitlines()[:1]
        return f"{self.name}({message[0][:160] if message else ''})"


# Which tagged places are in each persona's scope (besides the records whose residents include
# the persona): "*" global catalogue, "*1"/"*2" catalogue of company 1/2, "A"/"B"/"C" a property,
# "A-former" the profile of someone who moved out of A (managers only), "A-ticket"/"B-ticket"/
# "C-ticket" ticket files, which no notice may hand out (in nobody's scope).
SCOPE = {
    "staff_a": {"A", "*", "*1"},
    "staff_a_c2": {"A", "C", "*", "*1", "*2"},
    "manager": {"A", "B", "*", "*1", "A-former"},
    "internal": {"*", "*1"},
}
RESIDENT_SCOPE = {"*", "*1"}
OUR_ADDONS_PREFIX = "tenant_relations"


def _operation_test(op):
    def test(self):
        self.check_operation(op)

    test.__name__ = f"test_{op}"
    test.__doc__ = f"Every persona's {op} on every row of this addon's matrix, as its table says."
    return test


class AccessMatrixCase(PortalCase):
    """The harness (it runs no test itself). A subclass sets ``matrix_table``, its addon's
    ``tests/access_matrix_table`` module: its addon (``matrix_addon``), the rows it checks
    (``rows``) and its two-step links (``links``) follow. The base's rows are always built too,
    since the two-step section needs their records (profiles, tickets, notices)."""

    Command = Command  # for the rows' fixtures, which import nothing from Odoo
    matrix_table = None
    matrix_addon = "tenant_relations"
    rows = {}
    links = {}
    extra_personas = {}
    personas = table.PERSONAS

    def __init_subclass__(cls, **kwargs):
        result = super().__init_subclass__(**kwargs)
        own_table = cls.__dict__.get("matrix_table")
        if own_table is not None:
            # odoo.addons.<addon>.tests.access_matrix_table
            cls.matrix_addon = own_table.__name__.split(".")[2]
            cls.rows = own_table.ROWS
            cls.links = getattr(own_table, "LINKS", {})
            cls.extra_personas = getattr(own_table, "EXTRA_PERSONAS", {})
            cls.personas = (*table.PERSONAS, *cls.extra_personas)
        ops = {op for row in cls.rows.values() for op in table.row_ops(row)}
        tests = {f"test_{op}": _operation_test(op) for op in table.OPERATIONS if op in ops}
        tests["test_every_model_is_in_the_matrix"] = AccessMatrixCase.check_every_model_is_in_the_matrix
        tests["test_two_step_links_cover_personal_data"] = AccessMatrixCase.check_links_cover_personal_data
        if cls.links:
            tests["test_two_step_links"] = AccessMatrixCase.check_two_step_links
        for name, test in tests.items():
            if name not in cls.__dict__:
                setattr(cls, name, test)
        return result

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_world()
        cls.all_rows = {**table.ROWS, **cls.rows}
        cls.no_export = tuple(name for name, spec in cls.extra_personas.items() if spec.get("portal"))
        cls.scope = {
            **SCOPE,
            **{name: set(spec["scope"]) for name, spec in cls.extra_personas.items() if "scope" in spec},
        }
        cls.expected = table.expand(cls.rows, cls.personas, cls.no_export)
        cls.known_gaps = table.known_gaps(cls.rows)
        cls.fx = {}
        for model in cls.all_rows:
            cls.fixture(model)
        # Nobody follows the records: a message posted in a cell notifies no one (and stays fast).
        models = {model.split("#")[0] for model in cls.fx}
        cls.env["mail.followers"].search([("res_model", "in", list(models))]).unlink()
        cls.place_of = {
            (model, record.id): place for model, rows in cls.fx.items() for record, place, _o in rows
        }
        cls._two_step_fixture()
        cls.env.flush_all()

    @classmethod
    def fixture(cls, model):
        """The records of a row, built once (a row's fixture may ask for another's first)."""
        if model not in cls.fx:
            build = cls.all_rows[model]["fixture"]
            cls.fx[model] = cls.fixture(build) if isinstance(build, str) else build(cls)
        return cls.fx[model]

    @classmethod
    def _build_world(cls):
        """Companies, the personas, properties A, B, C, their units, residents, occupancies and
        tickets: what every row's fixture and every route and two-step case stands on."""
        env = cls.env
        cls.company = env.company
        cls.company2 = env["res.company"].create({"name": "Second Property Firm"})
        # A firm nobody here works for: where staff of both companies try to move a record.
        cls.company3 = env["res.company"].create({"name": "Third Property Firm"})
        # Employees may export (Odoo's "Access to export feature") and create contacts ("Contact
        # Creation"), as Odoo sets up every new user by default and a firm keeps them.
        staff_group = (
            "tenant_relations.group_tenant_relations_user,base.group_allow_export,base.group_partner_manager"
        )
        cls.users = {
            "anonymous": env.ref("base.public_user"),
            "signup": new_test_user(env, "am_signup", groups="base.group_portal"),
            "owner": new_test_user(env, "am_owner", groups="base.group_portal"),
            "tenant": new_test_user(env, "am_tenant", groups="base.group_portal"),
            "member": new_test_user(env, "am_member", groups="base.group_portal"),
            "former": new_test_user(env, "am_former", groups="base.group_portal"),
            "main_contact": new_test_user(env, "am_main", groups="base.group_portal"),
            "staff_a": new_test_user(env, "am_staff_a", groups=staff_group),
            "staff_a_c2": new_test_user(
                env,
                "am_staff_a_c2",
                groups=staff_group,
                company_id=cls.company2.id,
                company_ids=[Command.set([cls.company.id, cls.company2.id])],
            ),
            "internal": new_test_user(env, "am_internal", groups="base.group_user,base.group_allow_export"),
            "manager": new_test_user(
                env,
                "am_manager",
                groups="tenant_relations.group_tenant_relations_manager,base.group_allow_export,"
                "base.group_partner_manager",
            ),
        }
        cls.staff_b = new_test_user(env, "am_staff_b", groups=staff_group)
        u = cls.users
        # The visitor's contact has an e-mail, so that a message they post is stopped by the access
        # rights, not before them by Odoo's "configure the sender's email address".
        u["anonymous"].partner_id.email = "visitor@matrix.example.com"
        Property = env["tenant.property"]
        cls.prop = {
            "A": Property.create(
                {
                    "name": "Matrix A",
                    "code": "MXA",
                    "user_ids": [Command.set([u["staff_a"].id, u["staff_a_c2"].id])],
                }
            ),
            "B": Property.create(
                {"name": "Matrix B", "code": "MXB", "user_ids": [Command.set([cls.staff_b.id])]}
            ),
            "C": Property.create(
                {
                    "name": "Matrix C",
                    "code": "MXC",
                    "company_id": cls.company2.id,
                    "user_ids": [Command.set([u["staff_a_c2"].id])],
                }
            ),
        }
        Unit = env["tenant.unit"]
        cls.unit = {
            "A": Unit.create({"property_id": cls.prop["A"].id, "number": "101", "code": "A-101"}),
            "A2": Unit.create({"property_id": cls.prop["A"].id, "number": "102", "code": "A-102"}),
            "B": Unit.create({"property_id": cls.prop["B"].id, "number": "201", "code": "B-201"}),
            "C": Unit.create({"property_id": cls.prop["C"].id, "number": "301", "code": "C-301"}),
        }
        Partner = env["res.partner"]
        partner = {name: user.partner_id for name, user in u.items()}
        # The neighbour signs in too (their files are a reporter's files), but is no persona.
        cls.neighbour_user = new_test_user(env, "am_neighbour", groups="base.group_portal")
        partner["neighbour"] = cls.neighbour_user.partner_id
        partner["resident_b"] = Partner.create({"name": "Resident B-201"})
        partner["resident_c"] = Partner.create({"name": "Resident C-301", "company_id": cls.company2.id})
        # People who live in A, B and C and have no profile yet: the create cells make theirs.
        for key in ("A", "B", "C", "A-former"):
            partner[f"spare_{key}"] = Partner.create({"name": f"No profile yet {key}"})
        cls.partner = partner
        Occupancy = env["tenant.occupancy"]
        occ = {}
        for name, role, vals in (
            ("owner", "owner", {}),
            ("tenant", "tenant", {}),
            ("member", "resident", {}),
            ("former", "owner", {"move_out_date": "2024-06-30"}),
            ("main_contact", "owner", {"is_main_contact": True}),
        ):
            occ[name] = Occupancy.create(
                {
                    "unit_id": cls.unit["A"].id,
                    "partner_id": partner[name].id,
                    "role": role,
                    "move_in_date": "2023-01-01",
                    **vals,
                }
            )
        occ["neighbour"] = Occupancy.create(
            {"unit_id": cls.unit["A2"].id, "partner_id": partner["neighbour"].id}
        )
        occ["B"] = Occupancy.create({"unit_id": cls.unit["B"].id, "partner_id": partner["resident_b"].id})
        occ["C"] = Occupancy.create({"unit_id": cls.unit["C"].id, "partner_id": partner["resident_c"].id})
        for key in ("A", "B", "C"):
            Occupancy.create({"unit_id": cls.unit[key].id, "partner_id": partner[f"spare_{key}"].id})
        Occupancy.create(
            {
                "unit_id": cls.unit["A2"].id,
                "partner_id": partner["spare_A-former"].id,
                "move_in_date": "2020-01-01",
                "move_out_date": "2021-01-01",
            }
        )
        cls.occ = occ
        Ticket = env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True)
        category = env.ref("tenant_relations.tenant_ticket_category_water_leak")

        def ticket(unit, reporter, name):
            return Ticket.create(
                {"name": name, "unit_id": unit.id, "partner_id": reporter.id, "category_id": category.id}
            )

        tickets = {
            name: ticket(cls.unit["A"], partner[name], f"Leak reported by {name}")
            for name in ("owner", "tenant", "member", "former", "main_contact")
        }
        tickets["neighbour"] = ticket(cls.unit["A2"], partner["neighbour"], "Leak of the neighbour")
        tickets["B"] = ticket(cls.unit["B"], partner["resident_b"], "Leak in B")
        tickets["C"] = ticket(cls.unit["C"], partner["resident_c"], "Leak in C")
        cls.tickets = tickets
        cls.household = set(table.RESIDENTS)
        # A household's requests are their reporter's and the main contact's; a former resident's
        # their own.
        cls.ticket_owners = {name: {name, "main_contact"} for name in table.RESIDENTS}
        cls.ticket_owners["former"] = {"former"}
        cls._build_extra_personas()

    @classmethod
    def _build_extra_personas(cls):
        """The users of the table's ``EXTRA_PERSONAS``: their groups and companies, the properties
        they are staff of, the unit they live in. What ties them to the rows' records (a seat on a
        committee, a side in a case) is the rows' fixtures' business."""
        for name, spec in cls.extra_personas.items():
            companies = [(cls.company, cls.company2)[index - 1] for index in spec.get("company_ids", [1])]
            user = new_test_user(
                cls.env,
                f"am_x_{name}",
                groups=spec["groups"],
                company_id=companies[0].id,
                company_ids=[Command.set([company.id for company in companies])],
            )
            cls.users[name] = user
            cls.partner[name] = user.partner_id
            for key in spec.get("properties", ()):
                cls.prop[key].user_ids = [Command.link(user.id)]
            if spec.get("unit"):
                cls.env["tenant.occupancy"].create(
                    {
                        "unit_id": cls.unit[spec["unit"]].id,
                        "partner_id": user.partner_id.id,
                        "move_in_date": "2023-01-01",
                    }
                )

    # Helpers ------------------------------------------------------------------------------------

    def persona_env(self, persona):
        user = self.users[persona]
        context = dict(self.env.context, tenant_ticket_no_acknowledgement=True)
        # Every company the user belongs to is active: switching companies is a click, not a
        # boundary. The boundary is the user's companies (and, inside them, their properties).
        context["allowed_company_ids"] = user.company_ids.ids or [self.company.id]
        penv = self.env(user=user, context=context, su=False)
        self.assertFalse(penv.su)
        return penv

    def split(self, persona, model):
        """The fixture records of ``model`` in the persona's scope, and those outside it."""
        places = self.scope.get(persona, RESIDENT_SCOPE)
        own, foreign = [], []
        for record, place, owners in self.fx[model]:
            (own if persona in owners or place in places else foreign).append(record)
        return own, foreign

    def as_persona(self, penv, model, records):
        real = model.split("#")[0]
        return penv[real].browse([r.id for r in records])

    @mute_logger("odoo.sql_db")
    def attempt(self, fn):
        """True when ``fn`` went through (and was flushed), else the ``Refusal``; undone.

        A database constraint (a unit still has tickets, a row exists already) stops the
        operation after every access check passed: it counts as allowed.
        """
        try:
            with self.env.cr.savepoint():
                fn()
                self.env.flush_all()
                raise _Rollback
        except (_Rollback, IntegrityError):
            return True
        except REFUSED as error:
            return Refusal(error)
        finally:
            self.env.invalidate_all()

    def try_read(self, fn):
        """Like ``attempt`` for what only reads (no savepoint needed); ``fn`` returning False
        counts as nothing found."""
        try:
            return True if fn() is not False else Refusal()
        except REFUSED as error:
            return Refusal(error)
        finally:
            self.env.invalidate_all()

    def verdict(self, own_ok, foreign_ok, has_own, expected):
        """Fold what happened on the own and foreign records into one verdict word."""
        if any(foreign_ok):
            return "allow"
        if not has_own:
            # Nothing in scope to try: "own" and "deny" look the same, both are met.
            return expected if expected in ("own", "deny") else "deny"
        if all(own_ok):
            return "own"
        return "deny" if not any(own_ok) else "partial"

    # Operations ---------------------------------------------------------------------------------

    def row(self, model):
        return self.all_rows[model]

    def fields_of(self, model):
        return self.row(model).get("read", ["name"])

    def op_read(self, penv, model, records):
        def go(record):
            return self.as_persona(penv, model, [record]).read(self.fields_of(model))

        return [self.try_read(lambda r=record: go(r)) for record in records]

    def found(self, penv, model, record, how):
        """True when the search finds ``record``, else the ``Refusal`` (NotFound, or the error)."""
        recordset = self.as_persona(penv, model, [record])
        domain = [("id", "in", recordset.ids)]
        fields = self.fields_of(model)

        def search():
            if how == "search_read":
                return bool(recordset.search_read(domain, fields))
            if how == "read_group":
                groupby = self.row(model).get("group_by", [])
                rows = recordset.read_group(domain, ["__count"], groupby)
                counts = [row.get("__count", 0) for row in rows]
                counts += [row.get(f"{name}_count", 0) for row in rows for name in groupby]
                return bool(sum(counts))
            if how == "name_search":
                return bool(recordset.name_search("", domain, limit=None))
            raise AssertionError(how)

        return self.try_read(search)

    def op_search(self, how):
        def run(penv, model, records):
            return [self.found(penv, model, r, how) for r in records]

        return run

    def op_export(self, penv, model, records):
        def go(record):
            rows = self.as_persona(penv, model, [record]).export_data(self.fields_of(model))["datas"]
            return bool(rows)  # nothing exported counts as nothing found

        return [self.try_read(lambda r=record: go(r)) for record in records]

    def op_write(self, penv, model, records):
        write = self.row(model).get("write", {"name": "Probe"})
        if callable(write):
            return [self.attempt(lambda r=record: write(self, penv, r)) for record in records]
        return [
            self.attempt(lambda r=record: self.as_persona(penv, model, [r]).write(write))
            for record in records
        ]

    def op_unlink(self, penv, model, records):
        return [
            self.attempt(lambda r=record: self.as_persona(penv, model, [r]).unlink()) for record in records
        ]

    def op_message_post(self, penv, model, records):
        # To a contact who follows nothing here (``post_to``), else to the followers.
        addressee = self.row(model).get("post_to")
        extra = {"partner_ids": self.partner[addressee].ids} if addressee else {}

        def go(record):
            message = self.as_persona(penv, model, [record]).message_post(
                body="Probe", message_type="comment", subtype_xmlid="mail.mt_comment", **extra
            )
            if addressee and self.partner[addressee] not in message.sudo().partner_ids:
                # Posted, but not to the addressee: what the policy asks (as a refusal would).
                raise _NotAddressed

        return [self.attempt(lambda r=record: go(r)) for record in records]

    def op_points(self, operation):
        def run(penv, model, partners):
            def go(partner):
                wizard = penv["tenant.points.wizard"].create(
                    {"partner_id": partner.id, "operation": operation, "reason": "manual", "points": 50}
                )
                wizard.action_confirm()

            return [self.attempt(lambda p=partner: go(p)) for partner in partners]

        return run

    def op_create(self, penv, model, records):
        real = model.split("#")[0]
        create = self.row(model)["create"]

        def go(record):
            penv[real].create(create(self, record.sudo(), penv.uid))

        return [self.attempt(lambda r=record: go(r)) for record in records]

    def move_vals(self, persona, model):
        """Values that move a record of ``model`` to a place outside the persona's scope: to B (C
        for the manager), to company 2 (a third firm for the staff of both companies)."""
        spec = self.extra_personas.get(persona, {})
        target = spec.get("move_to") or ("C" if persona == "manager" else "B")
        prop, unit = self.prop[target], self.unit[target]
        company = self.company3 if persona == "staff_a_c2" else self.company2
        move = self.row(model).get("move", "unit_id")
        if callable(move):
            return move(self, prop, unit, company)
        return {move: {"company_id": company, "property_id": prop, "unit_id": unit}[move].id}

    def op_move(self, persona, penv, model, record):
        vals = self.move_vals(persona, model)
        return [self.attempt(lambda: self.as_persona(penv, model, [record]).write(vals))]

    # The checker --------------------------------------------------------------------------------

    def observe(self, persona, model, op):
        """(verdict, refusals by something else than the row's guard)."""
        penv = self.persona_env(persona)
        own, foreign = self.split(persona, model)
        expected = self.expected[(persona, model, op)]
        if op == "move":
            if not own:
                self.detail = "nothing of its own to move"
                return "deny", []
            moved = self.op_move(persona, penv, model, own[0])
            self.detail = f"moving {own[:1]}"
            return ("allow" if any(moved) else "deny"), self.wrong_guards(model, op, persona, moved)
        runner = {
            "read": self.op_read,
            "search_read": self.op_search("search_read"),
            "read_group": self.op_search("read_group"),
            "name_search": self.op_search("name_search"),
            "export_data": self.op_export,
            "write": self.op_write,
            "unlink": self.op_unlink,
            "message_post": self.op_message_post,
            "create": self.op_create,
            "award": self.op_points("award"),
            "redeem": self.op_points("redeem"),
        }[op]
        if op in ("award", "redeem"):
            foreign = [*foreign, penv.user.partner_id]  # oneself, never
        if op == "create":
            # Create once in the scope and once outside it, each placed like a fixture record.
            own, foreign = own[:1], foreign[:1] + foreign[-1:] if len(foreign) > 1 else foreign
        own_ok = runner(penv, model, own) if own else []
        foreign_ok = runner(penv, model, foreign)
        went = [r.id for r, ok in zip(foreign, foreign_ok, strict=True) if ok]
        refused = [r.id for r, ok in zip(own, own_ok, strict=True) if not ok]
        self.detail = f"went through on others' {went}, refused on own {refused}"
        # The refusals the policy asks for: on others' records unless allowed, on one's own too
        # when denied. Each must come from the row's guard.
        meant = list(foreign_ok) if expected != "allow" else []
        meant += own_ok if expected == "deny" else []
        wrong = self.wrong_guards(model, op, persona, meant)
        return self.verdict(own_ok, foreign_ok, bool(own), expected), wrong

    def wrong_guards(self, model, op, persona, outcomes):
        allowed = table.guards(self.row(model), op, persona, self.no_export)
        return [
            outcome
            for outcome in outcomes
            if not outcome and not any(outcome.matches(guard) for guard in allowed)
        ]

    def check_operation(self, op):
        for model, row in self.rows.items():
            if op not in table.row_ops(row):
                continue
            for persona in self.personas:
                cell = (persona, model, op)
                with self.subTest(persona=persona, model=model, op=op):
                    seen, wrong = self.observe(persona, model, op)
                    if cell in self.known_gaps:
                        finding, gap = self.known_gaps[cell]
                        self.assertEqual(
                            seen,
                            gap,
                            f"{cell}: known gap ({finding}) now gives {seen!r}; expected once fixed: "
                            f"{self.expected[cell]!r}. Remove the cell from the row's gaps if it is fixed.",
                        )
                        continue
                    self.assertEqual(
                        seen,
                        self.expected[cell],
                        f"{cell}: {seen!r}, the policy says {self.expected[cell]!r} ({self.detail})",
                    )
                    self.assertFalse(
                        wrong,
                        f"{cell}: refused by {wrong}, but the row expects "
                        f"{' or '.join(table.guards(row, op, persona, self.no_export))}",
                    )

    def _owner_addon(self, model):
        """The addon whose matrix answers for ``model``: ours that defines it, else the base."""
        module = self.env[model]._original_module
        return module if module.startswith(OUR_ADDONS_PREFIX) else "tenant_relations"

    def check_every_model_is_in_the_matrix(self):
        """A model added to this addon gets its row in this addon's access_matrix_table.py."""
        defined = self.env["ir.model.data"].search(
            [("module", "=", self.matrix_addon), ("model", "=", "ir.model")]
        )
        covered = {model.split("#")[0] for model in self.rows}
        for model in self.env["ir.model"].browse(defined.mapped("res_id")):
            records = self.env[model.model]
            if records._original_module != self.matrix_addon:
                continue  # a core model we extend: listed by hand (profile, files, ratings...)
            if records._abstract or records._transient:
                continue  # wizards hold no data (the points wizard is the loyalty.points line)
            with self.subTest(model=model.model):
                self.assertIn(model.model, covered, "add the model's row to access_matrix_table.py")

    # Two-step attacks (issue 12) ----------------------------------------------------------------

    @classmethod
    def _two_step_fixture(cls):
        """The extra personas, a victim's visit in B, contacts with e-mails, marked profiles."""
        env = cls.env
        cls.users["contact_creator"] = new_test_user(
            env,
            "am_contact_creator",
            groups="base.group_user,base.group_partner_manager,base.group_allow_export",
        )
        cls.users["property_manager"] = new_test_user(
            env,
            "am_property_manager",
            groups="tenant_relations.group_tenant_relations_user,base.group_allow_export,"
            "base.group_partner_manager,event.group_event_user",
        )
        cls.prop["A"].manager_id = cls.users["property_manager"]
        partner = cls.partner
        for key in ("spare_A", "resident_b", "resident_c"):
            partner[key].email = f"{key.lower()}@matrix.example.com"
        # A mobile each, by which the residents' import knows a person (with their name).
        for key, number in (("resident_b", "+86 139 0000 0202"), ("resident_c", "+86 139 0000 0303")):
            partner[key].mobile = number
        # The contact merge keeps a duplicate with the same e-mail as the resident (Odoo refuses to
        # merge contacts with different e-mails to anybody but the administrator).
        cls.duplicates = {
            key: env["res.partner"].create({"name": f"Duplicate of {key}", "email": partner[name].email})
            for key, name in (("A", "spare_A"), ("B", "resident_b"))
        }
        cls.victim_visit = env["tenant.visit"].create(
            {"partner_id": partner["resident_b"].id, "unit_id": cls.unit["B"].id}
        )
        # Each profile's note is its own: an export that hands one out is caught by its mark.
        cls.profile_marks = {}
        for profile, _place, _owners in cls.fx["tenant.profile"]:
            profile.special_needs = cls.profile_marks[profile.id] = f"needs-mark-{profile.id}"
        cls.two_step_event = env["event.event"].create(
            {
                "name": "Matrix two-step BBQ A",
                "date_begin": "2030-06-01 08:00:00",
                "date_end": "2030-06-01 12:00:00",
                "tenant_property_ids": [Command.set(cls.prop["A"].ids)],
            }
        )
        cls.closed_template = env.ref("tenant_relations.mail_template_ticket_closed")
        env["mail.followers"].search(
            [
                ("res_model", "in", ["tenant.visit", "event.event"]),
                ("res_id", "in", [cls.victim_visit.id, cls.two_step_event.id]),
            ]
        ).unlink()

    @contextmanager
    def undone(self):
        """Run the block in a savepoint that is always rolled back: what it did is undone, what it
        read (assigned to variables) stays."""
        try:
            with self.env.cr.savepoint():
                yield
                raise _Rollback
        except _Rollback:
            return
        finally:
            self.env.invalidate_all()

    @mute_logger("odoo.sql_db")
    def attempt_keep(self, fn):
        """Like ``attempt``, but what ``fn`` did is kept (for the steps that follow)."""
        try:
            with self.env.cr.savepoint():
                fn()
                self.env.flush_all()
            return True
        except (IntegrityError, *REFUSED):
            return False
        finally:
            self.env.invalidate_all()

    def check_two_step_links(self):
        """Linking a resident of another property to one's own opens nothing of theirs."""
        expected = table.link_expected(self.links)
        for link, row in self.links.items():
            for persona in row.get("personas", table.LINK_PERSONAS):
                seen = self.observe_link(persona, link)
                for step in table.link_steps(row):
                    with self.subTest(persona=persona, link=link, step=step):
                        verdict = "allow" if seen.get(step) else "deny"
                        self.assertEqual(
                            verdict,
                            expected[(persona, link, step)],
                            f"{persona}: after the link {link} (made: {self.link_made}), {step} "
                            f"went through: {seen.get(step)}",
                        )

    def check_links_cover_personal_data(self):
        """Every model of this addon holding a resident's data that can place them in a unit or
        property has its link row (core models are the base's)."""
        linked = {row["model"] for row in self.links.values()}
        for model, _field in self._personal_data_fields():
            fields = self.env[model]._fields
            if not ({"unit_id", "property_id", "property_ids"} & set(fields)):
                continue  # holds data, places nobody anywhere (the profile, a card, a rating)
            if self._owner_addon(model) != self.matrix_addon:
                continue  # another addon's model: its own matrix adds the link row
            with self.subTest(model=model):
                self.assertIn(model, linked, f"add a two-step link row for {model}")

    def _personal_data_fields(self):
        """(model, partner field) of every model that holds a resident's data: the product's
        registry, which each addon extends."""
        return list(self.env["res.partner"]._tenant_personal_data_fields())

    def _two_step_victim(self, persona):
        """A resident outside the persona's scope: of B (same company), of C for the manager."""
        key = "resident_c" if persona == "manager" else "resident_b"
        ticket = self.tickets["C" if persona == "manager" else "B"]
        profile = next(p for p, _place, _o in self.fx["tenant.profile"] if p.partner_id == self.partner[key])
        return self.partner[key], ticket, profile

    def _make_link(self, penv, link, partner, unit):
        row = self.links[link]
        if row["how"] == "call":
            # A link made some other way than a plain create (the row's ``make``).
            row["make"](self, penv, partner, unit)
            return
        vals = row["values"](self, partner, unit)
        if "user_id" in vals:
            vals["user_id"] = penv.uid  # assigned to oneself, as an attacker would
        if row["how"] == "subscribe":
            penv[vals["res_model"]].browse(vals["res_id"]).message_subscribe(partner_ids=[vals["partner_id"]])
        elif row["how"] == "import":
            # One row of the residents' import (res.partner.load, as the import screen calls it).
            Partner = penv["res.partner"].with_context(import_file=True)
            result = Partner.load(list(vals), [list(vals.values())])
            if not result["ids"]:
                raise UserError(str(result["messages"]))
        else:
            penv[row["model"]].create(vals)

    def _readable(self, penv, model, field, partner):
        try:
            return set(penv[model].with_context(active_test=False).search([(field, "=", partner.id)]).ids)
        except REFUSED:
            return set()
        finally:
            self.env.invalidate_all()

    def _second_steps(self, penv, victim, ticket, profile):
        """Each second step -> True when it went through."""
        profile_fields = self.all_rows["tenant.profile"]["read"]
        steps = {
            "profile_read": lambda: self.try_read(
                lambda: penv["tenant.profile"].browse(profile.id).read(profile_fields)
            ),
            "profile_write": lambda: self.attempt(
                lambda: penv["tenant.profile"].browse(profile.id).write({"special_needs": "probe"})
            ),
            "contact_write": lambda: self.attempt(
                lambda: penv["res.partner"].browse(victim.id).write({"email": "probe@evil.example.com"})
            ),
            "award": lambda: self.attempt(
                lambda: (
                    penv["tenant.points.wizard"]
                    .create({"partner_id": victim.id, "operation": "award", "reason": "manual", "points": 50})
                    .action_confirm()
                )
            ),
            "mail": lambda: self.attempt(
                lambda: (
                    penv["tenant.ticket"]
                    .browse(ticket.id)
                    .message_post(body="Probe", message_type="comment", subtype_xmlid="mail.mt_comment")
                )
            ),
        }
        return {step: bool(run()) for step, run in steps.items()}

    def _own_check(self, check, penv, victim):
        """A link row's own second step, undone: True when it went through (``check`` returned
        something true), False when it found nothing or was refused."""
        results = []
        ok = self.attempt(lambda: results.append(bool(check(self, penv, victim))))
        return bool(ok) and all(results)

    def observe_link(self, persona, link):
        """{step: detail or ''}: the second steps that went through after the link was tried."""
        penv = self.persona_env(persona)
        victim, ticket, profile = self._two_step_victim(persona)
        unit = self.unit["A"]
        data_fields = self._personal_data_fields()
        seen = {}
        self.link_made = None
        with self.undone():
            existing, before = {}, {}
            for model, field in data_fields:
                existing[model, field] = set(
                    self.env[model].with_context(active_test=False).search([(field, "=", victim.id)]).ids
                )
                before[model, field] = self._readable(penv, model, field, victim)
            linked = self.attempt_keep(lambda: self._make_link(penv, link, victim, unit))
            went = self._second_steps(penv, victim, ticket, profile)
            seen = {step: "went through" if ok else "" for step, ok in went.items()}
            for step, check in self.links[link].get("checks", {}).items():
                seen[step] = "went through" if self._own_check(check, penv, victim) else ""
            leaked = []
            for model, field in data_fields:
                after = self._readable(penv, model, field, victim)
                new = (after & existing[model, field]) - before[model, field]
                if new:
                    leaked.append(f"{model} {sorted(new)}")
            seen["data"] = ", ".join(leaked)
            self.link_made = linked
        return seen
