# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix of issue 9: every persona, every model, every operation, every portal route.

The verdicts are in ``access_matrix_table.py`` (plain Python, also written into the README by
``tools/access_matrix.py``). Each model has records in several places: property A (the personas'
own), property B (same company, other staff) and property C (company 2), each tagged with the
property it belongs to and the residents entitled to it. A cell tries the operation on the records
of the persona's scope and on every other one, as the persona itself (``with_user``, never
superuser), and compares what happened with the table. Writes run in a savepoint that is rolled
back, so that one set of data serves every cell.
"""

import json
import uuid
from contextlib import contextmanager

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .access_matrix_table import (
    EXPECTED,
    FORGED_POST,
    FORGED_POST_PERSONAS,
    KNOWN_GAPS,
    LINK_EXPECTED,
    LINK_PERSONAS,
    LINK_STEPS,
    LINKS,
    MODELS,
    PERSONAS,
    ROUTE_CASES,
    ROUTE_EXPECTED,
    ROUTE_KNOWN_GAPS,
    ROUTE_PERSONAS,
    TWO_STEP_KNOWN_GAPS,
    WIZARD_CASES,
    WIZARD_EXPECTED,
    WIZARD_PERSONAS,
)
from .common import PortalCase


class _NotAddressed(Exception):
    """A message went out, but not to the contact it was addressed to (counts as refused)."""


REFUSED = (AccessError, MissingError, UserError, ValidationError, _NotAddressed)

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

PROFILE_FIELDS = ["special_needs", "vehicle_plates", "emergency_phone", "has_disability"]
READ_FIELDS = {
    "tenant.property": ["name", "hotline"],
    "tenant.property#note": ["note"],
    "tenant.unit": ["code", "number"],
    "tenant.unit#status": ["status", "under_renovation"],
    "tenant.occupancy": ["partner_id", "role", "move_out_date"],
    "tenant.ticket": ["name", "description", "partner_id"],
    "tenant.ticket#access_token": ["access_token"],
    "tenant.ticket.sla": ["deadline"],
    "tenant.visit": ["partner_id", "outcome"],
    "tenant.notice": ["name", "body"],
    "tenant.notice.recipient": ["partner_id"],
    "tenant.referral": ["name", "phone", "email"],
    "tenant.greeting.log": ["partner_id"],
    "tenant.fee.payment": ["amount", "partner_id"],
    "tenant.dispute": ["name", "description"],
    "tenant.profile": PROFILE_FIELDS,
    "ir.attachment#ticket": ["name", "datas"],
    "mail.message#ticket": ["body"],
    "rating.rating#ticket": ["rating", "feedback"],
    "loyalty.card": ["points", "partner_id"],
    "loyalty.history": ["issued", "description"],
    "event.registration": ["partner_id", "email"],
}
WRITE_VALS = {
    "tenant.property": {"name": "Probe"},
    "tenant.unit": {"building": "9"},
    "tenant.occupancy": {"lease_end": "2030-12-31"},
    "tenant.ticket": {"name": "Probe"},
    "tenant.ticket.sla": {"warning_date": "2030-01-01 00:00:00"},
    "tenant.visit": {"planned_date": "2030-01-01"},
    "tenant.notice": {"name": "Probe"},
    "tenant.notice.recipient": {"sent": True},
    "tenant.referral": {"note": "probe"},
    "tenant.greeting.log": {"sent_date": "2026-01-01"},
    "tenant.fee.payment": {"note": "probe"},
    "tenant.profile": {"special_needs": "probe"},
    "ir.attachment#ticket": {"name": "probe.txt"},
    "mail.message#ticket": {"body": "probe"},
    "rating.rating#ticket": {"feedback": "probe"},
    "loyalty.card": {"points": 1000000},
    "loyalty.history": {"issued": 1000000},
    "event.registration": {"name": "Probe"},
}


class _Rollback(Exception):
    """Raised inside a savepoint so that whatever the cell did is undone."""


@tagged("post_install", "-at_install", "tr_access_matrix")
class TestAccessMatrix(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        cls.company2 = env["res.company"].create({"name": "Second Property Firm"})
        # A firm nobody here works for: where staff of both companies try to move a property.
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
        staff_b = new_test_user(env, "am_staff_b", groups=staff_group)
        u = cls.users
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
                {"name": "Matrix B", "code": "MXB", "user_ids": [Command.set([staff_b.id])]}
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
        household = {"owner", "tenant", "member", "main_contact"}

        # Fixture records per model: (record, place, residents entitled to it).
        fx = {}
        fx["tenant.property"] = [
            (cls.prop["A"], "A", household),
            (cls.prop["B"], "B", set()),
            (cls.prop["C"], "C", set()),
        ]
        fx["tenant.unit"] = [
            (cls.unit["A"], "A", household),
            (cls.unit["A2"], "A", set()),
            (cls.unit["B"], "B", set()),
            (cls.unit["C"], "C", set()),
        ]
        fx["tenant.occupancy"] = [(occ[name], "A", {name}) for name in (*household, "former")] + [
            (occ["neighbour"], "A", set()),
            (occ["B"], "B", set()),
            (occ["C"], "C", set()),
        ]
        ticket_owners = {
            name: {name, "main_contact"} for name in ("owner", "tenant", "member", "main_contact")
        }
        ticket_owners["former"] = {"former"}
        ticket_fx = [(tickets[name], "A", owners) for name, owners in ticket_owners.items()] + [
            (tickets["neighbour"], "A", set()),
            (tickets["B"], "B", set()),
            (tickets["C"], "C", set()),
        ]
        fx["tenant.ticket"] = ticket_fx
        fx["tenant.ticket#recipients"] = ticket_fx
        fx["tenant.ticket#access_token"] = [
            (record, place, {name for name in owners if record.partner_id == partner[name]})
            for record, place, owners in ticket_fx
        ]
        fx["tenant.ticket.sla"] = [
            (line, place, owners) for record, place, owners in ticket_fx for line in record.sla_line_ids[:1]
        ]
        fx["tenant.ticket.stage"] = [(env.ref("tenant_relations.tenant_ticket_stage_new"), "*", set())]
        fx["tenant.ticket.category"] = [(category, "*", set())]
        fx["tenant.ticket.tag"] = [(env["tenant.ticket.tag"].create({"name": "Matrix tag"}), "*", set())]
        policy = env.ref("tenant_relations.tenant_sla_policy_urgent_response")
        fx["tenant.sla.policy"] = [
            (policy, "*", set()),
            (policy.copy({"name": "Matrix policy C1", "company_id": cls.company.id}), "*1", set()),
            (policy.copy({"name": "Matrix policy C2", "company_id": cls.company2.id}), "*2", set()),
        ]
        Team = env["tenant.team"]
        fx["tenant.team"] = [
            (
                Team.create({"name": "Matrix team 1", "property_ids": [Command.set(cls.prop["A"].ids)]}),
                "*1",
                set(),
            ),
            (Team.create({"name": "Matrix team 2", "company_id": cls.company2.id}), "*2", set()),
        ]
        Visit = env["tenant.visit"]
        fx["tenant.visit"] = [
            (Visit.create({"partner_id": partner["owner"].id, "unit_id": cls.unit[key].id}), key, set())
            for key in ("A", "B", "C")
        ]
        Notice = env["tenant.notice"]
        notices = {}
        for key in ("A", "B", "C"):
            notices[key] = Notice.create(
                {
                    "name": f"Water cut {key}",
                    "property_ids": [Command.set(cls.prop[key].ids)],
                    "company_id": cls.prop[key].company_id.id,
                }
            )
            notices[key].action_publish()
        cls.notices = notices
        fx["tenant.notice"] = [
            (
                notices["A"],
                "A",
                {name for name in household if notices["A"].recipient_ids.partner_id & partner[name]},
            ),
            (notices["B"], "B", set()),
            (notices["C"], "C", set()),
        ]
        fx["tenant.notice.recipient"] = [
            (row, key, {name for name in PERSONAS if partner[name] == row.partner_id})
            for key in ("A", "B", "C")
            for row in notices[key].recipient_ids
        ]
        Referral = env["tenant.referral"]
        cls.referrals = {
            name: Referral.create(
                {
                    "name": f"Prospect of {name}",
                    "email": f"prospect-{name}@example.com",
                    "referrer_id": partner[name].id,
                    "property_id": cls.prop["A"].id,
                }
            )
            for name in ("signup", "owner", "member", "former", "main_contact")
        }
        cls.referrals["B"] = Referral.create(
            {
                "name": "Prospect of B",
                "email": "prospect-b@example.com",
                "referrer_id": partner["resident_b"].id,
                "property_id": cls.prop["B"].id,
            }
        )
        cls.referrals["C"] = Referral.create(
            {
                "name": "Prospect of C",
                "email": "prospect-c@example.com",
                "referrer_id": partner["resident_c"].id,
                "property_id": cls.prop["C"].id,
            }
        )
        fx["tenant.referral"] = [
            (cls.referrals[name], "A", {name})
            for name in ("signup", "owner", "member", "former", "main_contact")
        ] + [(cls.referrals["B"], "B", set()), (cls.referrals["C"], "C", set())]
        template = env.ref("tenant_relations.mail_template_greeting_spring_festival")
        Campaign = env["tenant.greeting.campaign"]
        campaigns = {
            "*1": Campaign.create(
                {"name": "Matrix greeting 1", "send_date": "2027-02-01", "template_id": template.id}
            ),
            "*2": Campaign.create(
                {
                    "name": "Matrix greeting 2",
                    "send_date": "2027-02-01",
                    "template_id": template.id,
                    "company_id": cls.company2.id,
                }
            ),
        }
        fx["tenant.greeting.campaign"] = [(record, key, set()) for key, record in campaigns.items()]
        Log = env["tenant.greeting.log"]
        fx["tenant.greeting.log"] = [
            (Log.create({"campaign_id": campaigns["*1"].id, "partner_id": partner["owner"].id}), "*1", set()),
            (
                Log.create({"campaign_id": campaigns["*2"].id, "partner_id": partner["resident_c"].id}),
                "*2",
                set(),
            ),
        ]
        Fee = env["tenant.fee.payment"]
        fx["tenant.fee.payment"] = [
            (
                Fee.create(
                    {
                        "unit_id": cls.unit[key].id,
                        "partner_id": payer.id,
                        "period": "2026-01",
                        "due_date": "2026-01-31",
                        "paid_date": "2026-01-15",
                        "amount": 300,
                    }
                ),
                key,
                set(),
            )
            for key, payer in (
                ("A", partner["owner"]),
                ("B", partner["resident_b"]),
                ("C", partner["resident_c"]),
            )
        ]
        Dispute = env["tenant.dispute"]
        fx["tenant.dispute"] = [
            (
                Dispute.create(
                    {
                        "name": f"Noise {key}",
                        "partner_id": partner["owner"].id,
                        "unit_id": cls.unit[key].id,
                        "property_id": cls.prop[key].id,
                    }
                ),
                key,
                set(),
            )
            for key in ("A", "B", "C")
        ]
        Profile = env["tenant.profile"]

        def profile(name):
            return Profile.create(
                {
                    "partner_id": partner[name].id,
                    "special_needs": "Insulin in the fridge",
                    "vehicle_plates": "沪A12345",
                    "has_disability": True,
                }
            )

        fx["tenant.profile"] = [
            (profile("owner"), "A", {"owner"}),
            (profile("neighbour"), "A", set()),
            (profile("former"), "A-former", {"former"}),
            (profile("resident_b"), "B", set()),
            (profile("resident_c"), "C", set()),
        ]
        # Files: the owner's photo on their ticket, a quote staff put on it, photos of B and C.
        Attachment = env["ir.attachment"]

        def attach(ticket_rec, user, name):
            return (
                Attachment.with_user(user)
                .sudo()
                .create(
                    {
                        "name": name,
                        "raw": b"\x89PNG matrix",
                        "res_model": "tenant.ticket",
                        "res_id": ticket_rec.id,
                    }
                )
            )

        cls.files = {
            "owner": attach(tickets["owner"], u["owner"], "photo-owner.png"),
            "member": attach(tickets["member"], u["member"], "photo-member.png"),
            "former": attach(tickets["former"], u["former"], "photo-former.png"),
            "main_contact": attach(tickets["main_contact"], u["main_contact"], "photo-main.png"),
            "quote": attach(tickets["owner"], u["staff_a"], "quote.pdf"),
            "neighbour": attach(tickets["neighbour"], cls.neighbour_user, "photo-neighbour.png"),
            "B": attach(tickets["B"], staff_b, "photo-b.png"),
            "C": attach(tickets["C"], env.user, "photo-c.png"),
        }
        fx["ir.attachment#ticket"] = [
            (cls.files["owner"], "A", ticket_owners["owner"]),
            (cls.files["quote"], "A", set()),
            (cls.files["neighbour"], "A", set()),
            (cls.files["B"], "B", set()),
            (cls.files["C"], "C", set()),
        ]
        # Statements: one linked to each notice, one more attached to notice A but not linked yet.
        statements = {}
        for key in ("A", "B", "C", "A-extra"):
            notice = notices[key[:1]]
            statements[key] = Attachment.create(
                {
                    "name": f"statement-{key}.pdf",
                    "raw": b"%PDF matrix",
                    "res_model": "tenant.notice",
                    "res_id": notice.id,
                }
            )
            if key != "A-extra":
                notice.attachment_ids = [Command.link(statements[key].id)]
        cls.statements = statements
        fx["ir.attachment#notice"] = [(statements[key], key, set()) for key in ("A", "B", "C")]
        # Files one might link to notice A: its own, and (never in anybody's scope: a notice hands
        # out its own files only) a quote on a ticket of A and the photos of B and C.
        fx["tenant.notice#attachment"] = [
            (statements["A-extra"], "A", set()),
            (cls.files["quote"], "A-ticket", set()),
            (cls.files["B"], "B-ticket", set()),
            (cls.files["C"], "C-ticket", set()),
        ]
        comment = (
            tickets["owner"]
            .with_user(u["owner"])
            .sudo()
            .message_post(body="It drips on the bed", message_type="comment", subtype_xmlid="mail.mt_comment")
        )
        note = tickets["owner"].message_post(
            body="Internal: plumber is slow", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        fx["mail.message#ticket"] = [
            (comment, "A", ticket_owners["owner"]),
            (note, "A", set()),
            (tickets["B"].message_post(body="B comment", subtype_xmlid="mail.mt_comment"), "B", set()),
            (tickets["C"].message_post(body="C comment", subtype_xmlid="mail.mt_comment"), "C", set()),
        ]
        ticket_model = env["ir.model"]._get_id("tenant.ticket")
        Rating = env["rating.rating"]
        cls.ratings = {
            key: Rating.create(
                {
                    "res_model_id": ticket_model,
                    "res_id": tickets[key].id,
                    "partner_id": tickets[key].partner_id.id,
                    "rated_partner_id": env.user.partner_id.id,
                }
            )
            for key in ("owner", "B", "C")
        }
        fx["rating.rating#ticket"] = [
            (cls.ratings[key], key if key != "owner" else "A", set()) for key in cls.ratings
        ]
        program = env.ref("tenant_relations.loyalty_program_resident")
        Card = env["loyalty.card"].with_context(loyalty_no_mail=True)
        cls.balances = {
            "signup": 517,
            "owner": 613,
            "member": 724,
            "former": 835,
            "main_contact": 946,
            "neighbour": 981,
            "resident_b": 872,
            "resident_c": 763,
        }
        # Fee payments may have given some of them a card already: take it, or make one.
        cards = {}
        for name, points in cls.balances.items():
            card = partner[name]._tenant_loyalty_cards()[:1] or Card.create(
                {"program_id": program.id, "partner_id": partner[name].id}
            )
            card.points = points
            cards[name] = card
        fx["loyalty.card"] = [
            (cards["owner"], "A", set()),
            (cards["neighbour"], "A", set()),
            (cards["resident_b"], "B", set()),
            (cards["resident_c"], "C", set()),
        ]
        History = env["loyalty.history"]
        fx["loyalty.history"] = [
            (History.create({"card_id": cards[name].id, "issued": 10, "description": "Matrix"}), key, set())
            for name, key in (("owner", "A"), ("resident_b", "B"), ("resident_c", "C"))
        ]
        Event = env["event.event"]
        Registration = env["event.registration"]
        fx["event.registration"] = []
        for key, name in (("A", "owner"), ("B", "resident_b"), ("C", "resident_c")):
            event = Event.create(
                {
                    "name": f"Matrix BBQ {key}",
                    "date_begin": "2030-05-01 08:00:00",
                    "date_end": "2030-05-01 12:00:00",
                    "company_id": cls.prop[key].company_id.id,
                    "tenant_property_ids": [Command.set(cls.prop[key].ids)],
                }
            )
            fx["event.registration"].append(
                (Registration.create({"event_id": event.id, "partner_id": partner[name].id}), key, set())
            )
        # Points go to people: a current resident of A, of B, of C (the persona itself is tried too).
        fx["loyalty.points"] = [
            (partner["owner"], "A", set()),
            (partner["resident_b"], "B", set()),
            (partner["resident_c"], "C", set()),
        ]
        # Payers for a payment of unit A-1: its owner, and (nobody's to name) residents of B and C.
        fx["tenant.fee.payment#payer"] = [
            (partner["owner"], "A", set()),
            (partner["resident_b"], "B-payer", set()),
            (partner["resident_c"], "C-payer", set()),
        ]
        fx["tenant.notice#all_properties"] = [(notices["A"], "A", set())]
        fx["tenant.property#note"] = fx["tenant.property"]
        fx["tenant.unit#status"] = fx["tenant.unit"]
        cls.fx = fx
        # Nobody follows the records: a message posted in a cell notifies no one (and stays fast).
        models = {model.split("#")[0] for model in fx}
        env["mail.followers"].search([("res_model", "in", list(models))]).unlink()
        cls.place_of = {(model, record.id): place for model, rows in fx.items() for record, place, _o in rows}
        cls.stale_tokens = {}
        cls.feedback_code = cls.prop["A"].code
        cls.staff_b = staff_b
        cls._two_step_fixture()
        env.flush_all()

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
        places = SCOPE.get(persona, RESIDENT_SCOPE)
        own, foreign = [], []
        for record, place, owners in self.fx[model]:
            (own if persona in owners or place in places else foreign).append(record)
        return own, foreign

    def as_persona(self, penv, model, records):
        real = model.split("#")[0]
        return penv[real].browse([r.id for r in records])

    @mute_logger("odoo.sql_db")
    def attempt(self, fn):
        """True when ``fn`` went through (and was flushed), False when it was refused; undone.

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
        except REFUSED:
            return False
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

    def fields_of(self, model):
        return READ_FIELDS.get(model, ["name"])

    def try_read(self, fn):
        """Like ``attempt`` for what only reads (no savepoint needed); ``fn`` may return False."""
        try:
            return fn() is not False
        except REFUSED:
            return False
        finally:
            self.env.invalidate_all()

    def op_read(self, penv, model, records):
        def go(record):
            return self.as_persona(penv, model, [record]).read(self.fields_of(model))

        return [self.try_read(lambda r=record: go(r)) for record in records]

    def found_ids(self, penv, model, records, how):
        recordset = self.as_persona(penv, model, records)
        domain = [("id", "in", recordset.ids)]
        fields = self.fields_of(model)
        try:
            if how == "search_read":
                return {row["id"] for row in recordset.search_read(domain, fields)}
            if how == "read_group":
                groupby = ["has_disability"] if model == "tenant.profile" else []
                rows = recordset.read_group(domain, ["__count"], groupby)
                total = sum(row.get("__count", row.get("has_disability_count", 0)) for row in rows)
                return set(recordset.ids) if total else set()
            if how == "name_search":
                return {rid for rid, _name in recordset.name_search("", domain, limit=None)}
        except REFUSED:
            return set()
        finally:
            self.env.invalidate_all()
        raise AssertionError(how)

    def op_search(self, how):
        def run(penv, model, records):
            return [r.id in self.found_ids(penv, model, [r], how) for r in records]

        return run

    def op_export(self, penv, model, records):
        def go(record):
            rows = self.as_persona(penv, model, [record]).export_data(self.fields_of(model))["datas"]
            return bool(rows)  # nothing exported counts as refused

        return [self.try_read(lambda r=record: go(r)) for record in records]

    def op_write(self, penv, model, records):
        if model == "tenant.notice#attachment":
            notice = penv["tenant.notice"].browse(self.notices["A"].id)
            return [
                self.attempt(lambda r=record: notice.write({"attachment_ids": [Command.link(r.id)]}))
                for record in records
            ]
        vals = WRITE_VALS.get(model, {"name": "Probe"})
        return [
            self.attempt(lambda r=record: self.as_persona(penv, model, [r]).write(vals)) for record in records
        ]

    def op_unlink(self, penv, model, records):
        return [
            self.attempt(lambda r=record: self.as_persona(penv, model, [r]).unlink()) for record in records
        ]

    def op_message_post(self, penv, model, records):
        # To a contact who follows nothing here, for the #recipients line; else to the followers.
        recipients = model == "tenant.ticket#recipients"
        extra = {"partner_ids": self.partner["resident_b"].ids} if recipients else {}

        def go(record):
            message = self.as_persona(penv, model, [record]).message_post(
                body="Probe", message_type="comment", subtype_xmlid="mail.mt_comment", **extra
            )
            if recipients and self.partner["resident_b"] not in message.sudo().partner_ids:
                # Posted, but not to the resident of B: what the policy asks (as a refusal would).
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

    def create_vals(self, model, template, persona_uid=None):
        t = template.sudo()
        match model:
            case "tenant.property":
                return {"name": "Probe", "code": "PRB", "company_id": t.company_id.id}
            case "tenant.unit":
                return {"property_id": t.property_id.id, "number": "999", "code": "PRB-999"}
            case "tenant.occupancy":
                return {
                    "unit_id": t.unit_id.id,
                    "partner_id": t.partner_id.id,
                    "role": "resident",
                    "move_in_date": "2025-01-01",
                }
            case "tenant.ticket":
                # Assigned to oneself, as an attacker would: the rule lets staff see their own.
                return {
                    "name": "Probe",
                    "unit_id": t.unit_id.id,
                    "partner_id": t.partner_id.id,
                    "user_id": persona_uid,
                }
            case "tenant.ticket.sla":
                return {
                    "ticket_id": t.ticket_id.id,
                    "policy_id": t.policy_id.id,
                    "start_date": t.start_date,
                    "deadline": t.deadline,
                    "warning_date": t.warning_date,
                }
            case "tenant.ticket.stage" | "tenant.ticket.category" | "tenant.ticket.tag":
                return {"name": "Probe"}
            case "tenant.sla.policy":
                return t.copy_data({"name": "Probe"})[0]
            case "tenant.team":
                return {"name": "Probe", "company_id": t.company_id.id}
            case "tenant.visit":
                return {"partner_id": t.partner_id.id, "unit_id": t.unit_id.id, "user_id": persona_uid}
            case "tenant.notice":
                return {
                    "name": "Probe",
                    "property_ids": [Command.set(t.property_ids.ids)],
                    "company_id": t.company_id.id,
                }
            case "tenant.notice.recipient":
                return {"notice_id": t.notice_id.id, "partner_id": self.partner["neighbour"].id}
            case "tenant.referral":
                return {
                    "name": "Probe",
                    "email": "probe@example.com",
                    "referrer_id": t.referrer_id.id,
                    "property_id": t.property_id.id,
                }
            case "tenant.greeting.campaign":
                return {
                    "name": "Probe",
                    "send_date": "2027-01-01",
                    "template_id": t.template_id.id,
                    "company_id": t.company_id.id,
                }
            case "tenant.greeting.log":
                return {"campaign_id": t.campaign_id.id, "partner_id": self.partner["neighbour"].id}
            case "tenant.fee.payment":
                return {
                    "unit_id": t.unit_id.id,
                    "partner_id": t.partner_id.id,
                    "period": "2031-01",
                    "due_date": "2031-01-31",
                    "paid_date": "2031-01-15",
                }
            case "tenant.fee.payment#payer":
                return {
                    "unit_id": self.unit["A"].id,
                    "partner_id": t.id,
                    "period": "2031-02",
                    "due_date": "2031-02-28",
                    "paid_date": "2031-02-15",
                }
            case "tenant.notice#all_properties":
                return {"name": "Probe", "all_properties": True, "company_id": t.company_id.id}
            case "tenant.dispute":
                return {
                    "name": "Probe",
                    "partner_id": t.partner_id.id,
                    "unit_id": t.unit_id.id,
                    "property_id": t.property_id.id,
                }
            case "tenant.profile":
                place = self.place_of[(model, t.id)]
                return {"partner_id": self.partner[f"spare_{place}"].id, "special_needs": "probe"}
            case "ir.attachment#ticket":
                return {"name": "probe.txt", "raw": b"probe", "res_model": t.res_model, "res_id": t.res_id}
            case "mail.message#ticket":
                return {"model": t.model, "res_id": t.res_id, "body": "probe", "message_type": "comment"}
            case "rating.rating#ticket":
                return {"res_model_id": t.res_model_id.id, "res_id": t.res_id, "partner_id": t.partner_id.id}
            case "loyalty.card":
                return {"program_id": t.program_id.id, "partner_id": t.partner_id.id, "points": 1000000}
            case "loyalty.history":
                return {"card_id": t.card_id.id, "issued": 1000000, "description": "probe"}
            case "event.registration":
                return {"event_id": t.event_id.id, "partner_id": t.partner_id.id}
        raise AssertionError(model)

    def op_create(self, penv, model, records):
        real = model.split("#")[0]

        def go(record):
            penv[real].create(self.create_vals(model, record, penv.uid))

        return [self.attempt(lambda r=record: go(r)) for record in records]

    def move_vals(self, persona, model, record):
        """Values that move ``record`` to a place outside the persona's scope."""
        target = "C" if persona == "manager" else "B"
        prop, unit = self.prop[target], self.unit[target]
        company = self.company if persona == "staff_a_c2" else self.company2
        if persona == "staff_a_c2" and model in ("tenant.property", "tenant.profile"):
            company = self.company3
        match model:
            case (
                "tenant.property"
                | "tenant.greeting.campaign"
                | "tenant.team"
                | "tenant.sla.policy"
                | "tenant.profile"
            ):
                return {"company_id": company.id}
            case "tenant.unit" | "tenant.referral":
                return {"property_id": prop.id}
            case "tenant.notice":
                return {"property_ids": [Command.set(prop.ids)], "company_id": prop.company_id.id}
            case _:
                return {"unit_id": unit.id}

    def op_move(self, persona, penv, model, own):
        if not own:
            return [False]
        record = own[0]
        vals = self.move_vals(persona, model, record)
        return [self.attempt(lambda: self.as_persona(penv, model, [record]).write(vals))]

    # The checker --------------------------------------------------------------------------------

    def observe(self, persona, model, op):
        penv = self.persona_env(persona)
        own, foreign = self.split(persona, model)
        expected = EXPECTED[(persona, model, op)]
        if op == "move":
            moved = self.op_move(persona, penv, model, own)
            self.detail = f"moving {own[:1]}"
            return "allow" if any(moved) else "deny"
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
        return self.verdict(own_ok, foreign_ok, bool(own), expected)

    def check_operation(self, op):
        for model, ops in MODELS.items():
            if op not in ops:
                continue
            for persona in PERSONAS:
                cell = (persona, model, op)
                with self.subTest(persona=persona, model=model, op=op):
                    seen = self.observe(persona, model, op)
                    if cell in KNOWN_GAPS:
                        finding, gap = KNOWN_GAPS[cell]
                        self.assertEqual(
                            seen,
                            gap,
                            f"{cell}: known gap ({finding}) now gives {seen!r}; expected once fixed: "
                            f"{EXPECTED[cell]!r}. Remove the cell from KNOWN_GAPS if it is fixed.",
                        )
                    else:
                        self.assertEqual(
                            seen,
                            EXPECTED[cell],
                            f"{cell}: {seen!r}, the policy says {EXPECTED[cell]!r} ({self.detail})",
                        )

    def test_every_model_is_in_the_matrix(self):
        """A model added to one of the three addons must get its line in the table."""
        addons = ("tenant_relations", "tenant_relations_survey", "tenant_relations_dispute")
        defined = self.env["ir.model.data"].search([("module", "in", addons), ("model", "=", "ir.model")])
        covered = {model.split("#")[0] for model in MODELS}
        for model in self.env["ir.model"].browse(defined.mapped("res_id")):
            records = self.env[model.model]
            if records._original_module not in addons:
                continue  # a core model we extend: listed by hand (profile, files, ratings...)
            if records._abstract or records._transient:
                continue  # wizards hold no data (the points wizard is the loyalty.points line)
            with self.subTest(model=model.model):
                self.assertIn(model.model, covered, "add the model's cells to access_matrix_table.py")

    def test_read(self):
        self.check_operation("read")

    def test_search_read(self):
        self.check_operation("search_read")

    def test_read_group(self):
        self.check_operation("read_group")

    def test_name_search(self):
        self.check_operation("name_search")

    def test_export_data(self):
        self.check_operation("export_data")

    def test_write(self):
        self.check_operation("write")

    def test_create(self):
        self.check_operation("create")

    def test_unlink(self):
        self.check_operation("unlink")

    def test_message_post(self):
        self.check_operation("message_post")

    def test_move(self):
        self.check_operation("move")

    def test_award(self):
        self.check_operation("award")

    def test_redeem(self):
        self.check_operation("redeem")

    # Routes -------------------------------------------------------------------------------------

    def route_request(self, persona, case):
        """The URL for a route case as this persona, and how to tell that it was served."""
        t = self.tickets
        own_key = persona if persona in t else "owner"
        own_ticket = t[own_key]
        owner_ticket = t["owner"]
        kind, variant = case.split(":")
        if kind in ("ticket_page", "ticket_file"):
            token = None
            # The household case is the member's request (the tenant's, for the member); the
            # earlier occupant's is the former resident's (the owner's, for the former resident).
            target = {
                "own": own_ticket,
                "household": t["tenant" if persona == "member" else "member"],
                "earlier_occupant": t["owner" if persona == "former" else "former"],
                "neighbour": t["neighbour"],
            }.get(variant, owner_ticket)
            if variant == "token":
                token = owner_ticket.access_token
            elif variant == "former_token":
                target = t["former"]
                token = target.sudo().access_token
            elif variant == "wrong_token":
                token = str(uuid.uuid4())
            elif variant == "stale_token":
                token = self.stale_token
            elif variant == "other_token":
                token = t["B"].access_token
            if kind == "ticket_page":
                url = target.access_url
                served = target.name
            else:
                file = {
                    "own": self.files.get(own_key, self.files["owner"]),
                    "neighbour": self.files["neighbour"],
                    "internal": self.files["quote"],
                }.get(variant, self.files["owner"])
                target = file.sudo().res_id
                url = f"/my/tickets/{target}/files/{file.id}?download=1"
                served = "PNG matrix"
            if token:
                url += ("&" if "?" in url else "?") + f"access_token={token}"
            return url, served
        if kind == "notice_page":
            notice = self.notices["A" if variant == "own" else "B"]
            return f"/my/notices/{notice.id}", notice.name
        if kind == "notice_file":
            return f"/web/content/{self.statements['B'].id}?download=1", "%PDF matrix"
        if kind == "points":
            name = persona if variant == "own" else "neighbour"
            return "/my/points", str(self.balances.get(name, "\x00never"))
        if kind == "referrals":
            referral = self.referrals.get(persona) if variant == "own" else self.referrals["B"]
            return "/my/referrals", referral.name if referral else "\x00never"
        if kind == "feedback":
            code = self.feedback_code if variant == "property" else "NO-SUCH-CODE"
            return f"/feedback/{code}", "<form"
        if kind == "signup":
            return "/web/signup", 'name="login"'
        if kind == "rate":
            token = self.ratings["owner"].access_token if variant == "token" else "not-a-token"
            return f"/rate/{token}/5", "Matrix"
        raise AssertionError(case)

    def test_routes(self):
        # The owner's ticket had a token before this one: the old one must be dead.
        owner_ticket = self.tickets["owner"]
        self.stale_token = owner_ticket.access_token
        owner_ticket.access_token = str(uuid.uuid4())
        self.env.flush_all()
        for persona in ROUTE_PERSONAS:
            if persona == "anonymous":
                self.authenticate(None, None)
            else:
                login = self.users[persona].login
                self.authenticate(login, login)
            for case in ROUTE_CASES:
                cell = (persona, case)
                with self.subTest(persona=persona, case=case):
                    url, served = self.route_request(persona, case)
                    res = self.url_open(url, allow_redirects=False)
                    body = (
                        res.text
                        if res.status_code == 200 and "text" in res.headers.get("Content-Type", "")
                        else ""
                    )
                    if case.startswith("notice_file:"):
                        ok = res.status_code == 200 and res.content.startswith(b"%PDF")
                    elif case.startswith("rate:"):
                        ok = res.status_code == 200
                    elif "ticket_file" in case:
                        ok = res.status_code == 200 and res.content.startswith(b"\x89PNG")
                    else:
                        ok = res.status_code == 200 and served in body
                    seen = "allow" if ok else "deny"
                    if cell in ROUTE_KNOWN_GAPS:
                        finding, gap = ROUTE_KNOWN_GAPS[cell]
                        self.assertEqual(
                            seen, gap, f"{cell}: known gap ({finding}) now gives {seen!r}: move it"
                        )
                    else:
                        self.assertEqual(seen, ROUTE_EXPECTED[cell], f"{cell} {url}: HTTP {res.status_code}")

    # Two-step attacks (issue 12) ----------------------------------------------------------------
    # Hooks for an addon's test class (a subclass that declares the test methods it runs, since
    # Odoo runs only the methods a class defines itself): ``two_step_links`` (add a row),
    # ``_two_step_fixture`` (add records), ``_link_values`` (the values of a new link), and
    # ``_personal_data_fields`` (the fallback list of models holding a resident's data).

    two_step_links = LINKS

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

    def _personal_data_fields(self):
        """(model, partner field) of every model that holds a resident's data.

        The product's registry ``res.partner._tenant_personal_data_fields()`` when it exists, else
        the models this test knows (an addon's subclass adds its own).
        """
        Partner = self.env["res.partner"]
        if hasattr(Partner, "_tenant_personal_data_fields"):
            return list(Partner._tenant_personal_data_fields())
        return [
            ("tenant.profile", "partner_id"),
            ("tenant.occupancy", "partner_id"),
            ("tenant.ticket", "partner_id"),
            ("tenant.visit", "partner_id"),
            ("tenant.fee.payment", "partner_id"),
            ("tenant.referral", "referrer_id"),
            ("tenant.notice.recipient", "partner_id"),
            ("tenant.greeting.log", "partner_id"),
            ("rating.rating", "partner_id"),
            ("loyalty.card", "partner_id"),
            ("event.registration", "partner_id"),
        ]

    def _two_step_victim(self, persona):
        """A resident outside the persona's scope: of B (same company), of C for the manager."""
        key = "resident_c" if persona == "manager" else "resident_b"
        ticket = self.tickets["C" if persona == "manager" else "B"]
        profile = next(p for p, _place, _o in self.fx["tenant.profile"] if p.partner_id == self.partner[key])
        return self.partner[key], ticket, profile

    def _link_values(self, model, partner, unit):
        """The values of a record of ``model`` that links ``partner`` to ``unit`` (of the persona's
        property); None when this test does not know the model (an addon's subclass does)."""
        match model:
            case "tenant.occupancy":
                return {
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "role": "resident",
                    "move_in_date": "2025-01-01",
                }
            case "tenant.fee.payment":
                return {
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "period": "2031-03",
                    "due_date": "2031-03-31",
                    "paid_date": "2031-03-15",
                }
            case "event.registration":
                return {"event_id": self.two_step_event.id, "partner_id": partner.id}
            case "mail.followers":
                return {
                    "res_model": "tenant.ticket",
                    "res_id": self.tickets["owner"].id,
                    "partner_id": partner.id,
                }
            case "tenant.referral":
                return {
                    "name": "Two-step prospect",
                    "email": "two-step@example.com",
                    "referrer_id": partner.id,
                    "property_id": unit.property_id.id,
                }
            case "tenant.ticket":
                return {
                    "name": "Two-step",
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "user_id": self.env.uid,
                }
            case "tenant.visit":
                return {"partner_id": partner.id, "unit_id": unit.id, "user_id": self.env.uid}
            case "tenant.notice.recipient":
                return {"notice_id": self.notices["A"].id, "partner_id": partner.id}
        return None

    def _make_link(self, penv, link, partner, unit):
        row = self.two_step_links[link]
        vals = self._link_values(row["model"], partner, unit)
        self.assertIsNotNone(vals, f"no _link_values for {row['model']} (link {link})")
        if "user_id" in vals:
            vals["user_id"] = penv.uid  # assigned to oneself, as an attacker would
        if row["how"] == "subscribe":
            penv[vals["res_model"]].browse(vals["res_id"]).message_subscribe(partner_ids=[vals["partner_id"]])
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
        steps = {
            "profile_read": lambda: self.try_read(
                lambda: penv["tenant.profile"].browse(profile.id).read(PROFILE_FIELDS)
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
        return {step: run() for step, run in steps.items()}

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
            leaked = []
            for model, field in data_fields:
                after = self._readable(penv, model, field, victim)
                new = (after & existing[model, field]) - before[model, field]
                if new:
                    leaked.append(f"{model} {sorted(new)}")
            seen["data"] = ", ".join(leaked)
            self.link_made = linked
        return seen

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

    def test_two_step_links(self):
        """Linking a resident of another property to one's own opens nothing of theirs."""
        self.check_two_step_links(list(self.two_step_links))

    def check_two_step_links(self, links):
        for persona in LINK_PERSONAS:
            for link in links:
                seen = self.observe_link(persona, link)
                for step in self.two_step_links[link].get("steps", LINK_STEPS):
                    with self.subTest(persona=persona, link=link, step=step):
                        verdict = "allow" if seen.get(step) else "deny"
                        self.assertEqual(
                            verdict,
                            LINK_EXPECTED.get((persona, link, step), "deny"),
                            f"{persona}: after the link {link} (made: {self.link_made}), {step} "
                            f"went through: {seen.get(step)}",
                        )

    def test_two_step_links_cover_personal_data(self):
        """Every model holding a resident's data that can place them in a unit or property has its
        link cell (a new model of the registry asks for its ``LINKS`` row and ``_link_values``)."""
        linked = {row["model"] for row in self.two_step_links.values()}
        for model, _field in self._personal_data_fields():
            fields = self.env[model]._fields
            if not ({"unit_id", "property_id", "property_ids"} & set(fields)):
                continue  # holds data, places nobody anywhere (the profile, a card, a rating)
            if model.startswith("tenant.") and self.env[model]._original_module != "tenant_relations":
                continue  # another addon's model: its own harness adds the link row (see dispute)
            with self.subTest(model=model):
                self.assertIn(model, linked, f"add a two-step link row for {model}")

    def test_two_step_personal_data_registry(self):
        """The product lists the models that hold a resident's data (links, merge, export use it)."""
        exists = hasattr(self.env["res.partner"], "_tenant_personal_data_fields")
        if "personal_data_registry" in TWO_STEP_KNOWN_GAPS:
            self.assertFalse(
                exists,
                "res.partner._tenant_personal_data_fields() exists now: remove "
                "'personal_data_registry' from TWO_STEP_KNOWN_GAPS",
            )
            return
        self.assertTrue(exists)
        pairs = self.env["res.partner"]._tenant_personal_data_fields()
        models = {model for model, _field in pairs}
        self.assertTrue({"tenant.profile", "tenant.occupancy", "tenant.ticket"} <= models, pairs)
        for model, field in pairs:
            with self.subTest(model=model, field=field):
                self.assertEqual(self.env[model]._fields[field].comodel_name, "res.partner")

    # Wizards and side doors, per persona ---------------------------------------------------------

    def _contact_target(self, key):
        return self.partner[{"A": "spare_A", "B": "resident_b", "C": "resident_c"}[key]]

    def _contact_value(self, partner, field):
        match field:
            case "email":
                return "changed@evil.example.com"
            case "phone" | "mobile":
                return "+86 21 5555 0199"
            case "tenant_notification_consent" | "tenant_data_consent":
                return not partner[field]
            case "tz":
                return "Europe/Paris" if partner.tz != "Europe/Paris" else "Asia/Shanghai"
            case "lang":
                return False if partner.lang else "en_US"
        raise AssertionError(field)

    def _rendered_token(self, ticket, text):
        tokens = (
            self.env["rating.rating"]
            .sudo()
            .search([("res_model", "=", "tenant.ticket"), ("res_id", "=", ticket.id)])
            .mapped("access_token")
        )
        return any(token and token in str(text or "") for token in tokens)

    def _leaks_in_export(self, penv, model, fields, ids):
        """What an export gives beyond the persona's reads: marks of profiles it cannot read, and
        values of fields it may not read."""
        records = penv[model].search([("id", "in", ids)])
        rows = records.export_data(fields)["datas"]
        readable = self._readable_ids(penv, "tenant.profile", list(self.profile_marks))
        marks = [mark for pid, mark in self.profile_marks.items() if pid not in readable]
        leaks = [cell for row in rows for cell in row if any(mark in str(cell) for mark in marks)]
        for index, path in enumerate(fields):
            *relations, last = path.split("/")

            def read_path(relations=relations, last=last):
                related = records
                for name in relations:
                    related = related.mapped(name)
                return related.read([last])

            if self.try_read(read_path):
                continue
            if any(row[index] not in (False, "", None, 0) for row in rows):
                leaks.append(f"{path} (not readable)")
        return leaks

    def _readable_ids(self, penv, model, ids):
        try:
            return set(penv[model].search([("id", "in", ids)]).ids)
        except REFUSED:
            return set()

    def _export_case(self, penv, model):
        fields = {
            "res.partner": [
                "name",
                "email",
                "tenant_profile_ids/special_needs",
                "tenant_points",
                "tenant_role",
            ],
            "tenant.profile": ["partner_id/name", "special_needs", "partner_id/tenant_points"],
            "tenant.ticket": [
                "name",
                "partner_id/tenant_profile_ids/special_needs",
                "partner_id/tenant_points",
            ],
        }[model]
        ids = {
            "res.partner": [p.id for p in self.partner.values()],
            "tenant.profile": list(self.profile_marks),
            "tenant.ticket": [t.id for t in self.tickets.values()],
        }[model]
        try:
            self.detail = self._leaks_in_export(penv, model, fields, ids)
        except REFUSED:
            self.detail = []
        finally:
            self.env.invalidate_all()
        return bool(self.detail)

    def observe_wizard(self, persona, case):
        """True when the case went through (for tokens and exports: when something leaked)."""
        penv = self.persona_env(persona)
        kind, _sep, rest = case.partition(":")
        self.detail = ""
        owner_ticket = self.tickets["owner"]
        match kind:
            case "contact_write":
                field, key = rest.split(":")
                target = self._contact_target(key)
                value = self._contact_value(target, field)
                return self.attempt(lambda: penv["res.partner"].browse(target.id).write({field: value}))
            case "merge":
                return self._attempt_merge(penv, rest)
            case "portal_grant":
                target = self._contact_target(rest)

                def grant():
                    wizard = penv["portal.wizard"].create({"partner_ids": [Command.set(target.ids)]})
                    wizard.user_ids.filtered(lambda line: line.partner_id == target).action_grant_access()

                return self.attempt(grant)
            case "composer" | "preview":
                leaked = []

                def render():
                    if kind == "composer":
                        composer = (
                            penv["mail.compose.message"]
                            .with_context(
                                default_model="tenant.ticket",
                                default_res_ids=owner_ticket.ids,
                                default_composition_mode="comment",
                            )
                            .create({"template_id": self.closed_template.id})
                        )
                        text = composer.body
                    else:
                        preview = penv["mail.template.preview"].create(
                            {
                                "mail_template_id": self.closed_template.id,
                                "resource_ref": f"tenant.ticket,{owner_ticket.id}",
                            }
                        )
                        text = preview.body_html
                    leaked.append(self._rendered_token(owner_ticket, text))

                self.attempt(render)
                return any(leaked)
            case "rating":
                rating = self.ratings["owner"]
                token = rating.sudo().access_token
                got = []

                def read():
                    rows = penv["rating.rating"].search_read([("id", "=", rating.id)], ["access_token"])
                    rows += penv["rating.rating"].browse(rating.id).read(["access_token"])
                    got.extend(row.get("access_token") for row in rows)

                self.try_read(read)
                return token in got
            case "side_field":
                target = penv.user.partner_id if persona == "owner" else self._contact_target("A")
                return self.try_read(lambda: penv["res.partner"].browse(target.id).read([rest]))
            case "export":
                return self._export_case(penv, rest)
        raise AssertionError(case)

    def _attempt_merge(self, penv, key):
        """The merge wizard with the resident of ``key`` as a source: True when it went through or
        anything of theirs moved to the duplicate."""
        victim, duplicate = self._contact_target(key), self.duplicates[key]
        data_fields = self._personal_data_fields()

        def holdings(partner):
            return {
                (model, field): set(
                    self.env[model]
                    .sudo()
                    .with_context(active_test=False)
                    .search([(field, "=", partner.id)])
                    .ids
                )
                for model, field in data_fields
            }

        before = holdings(victim)

        def merge():
            wizard = penv["base.partner.merge.automatic.wizard"].create(
                {"partner_ids": [Command.set([duplicate.id, victim.id])], "dst_partner_id": duplicate.id}
            )
            wizard.action_merge()

        with self.undone():
            went = self.attempt_keep(merge)
            after = holdings(duplicate)
            moved = [
                f"{key[0]} {sorted(ids & after[key])}" for key, ids in before.items() if ids & after[key]
            ]
        self.detail = ", ".join(moved)
        return went or bool(moved)

    def test_two_step_wizards(self):
        """Contact writes, the merge and portal wizards, templates, rating tokens, side fields and
        exports, per persona."""
        for persona in WIZARD_PERSONAS:
            for case in WIZARD_CASES:
                with self.subTest(persona=persona, case=case):
                    seen = "allow" if self.observe_wizard(persona, case) else "deny"
                    self.assertEqual(
                        seen,
                        WIZARD_EXPECTED[(persona, case)],
                        f"{persona} / {case}: {seen!r} ({self.detail})",
                    )

    def test_two_step_forged_post(self):
        """A resident posting on their own ticket over RPC cannot pass as someone else or post an
        internal note: refused, or a plain comment by themselves."""
        ticket = self.tickets["owner"]
        staff_partner = self.users["staff_a"].partner_id
        forged = {
            "email_from": "Boss <boss@evil.example.com>",
            "author_id": staff_partner.id,
            "message_type": "notification",
            "subtype_xmlid": "mail.mt_note",
        }
        comment = self.env.ref("mail.mt_comment")
        for persona in FORGED_POST_PERSONAS:
            user = self.users[persona]
            self.authenticate(user.login, user.login)
            for argument in FORGED_POST:
                with self.subTest(persona=persona, argument=argument):
                    marker = f"forged-{argument}-{persona}"
                    kwargs = {
                        "body": marker,
                        "message_type": "comment",
                        "subtype_xmlid": "mail.mt_comment",
                        argument: forged[argument],
                    }
                    self.url_open(
                        "/web/dataset/call_kw",
                        data=json.dumps(
                            {
                                "jsonrpc": "2.0",
                                "method": "call",
                                "params": {
                                    "model": "tenant.ticket",
                                    "method": "message_post",
                                    "args": [ticket.ids],
                                    "kwargs": kwargs,
                                },
                            }
                        ),
                        headers={"Content-Type": "application/json"},
                    )
                    self.env.invalidate_all()
                    messages = (
                        self.env["mail.message"]
                        .sudo()
                        .search(
                            [
                                ("model", "=", "tenant.ticket"),
                                ("res_id", "=", ticket.id),
                                ("body", "ilike", marker),
                            ]
                        )
                    )
                    for message in messages:
                        self.assertEqual(message.author_id, user.partner_id, f"{argument}: author forged")
                        self.assertNotIn(
                            "evil.example.com", message.email_from or "", f"{argument}: sender forged"
                        )
                        self.assertEqual(message.message_type, "comment", f"{argument}: type forged")
                        self.assertEqual(
                            message.subtype_id, comment, f"{argument}: internal note by a resident"
                        )
