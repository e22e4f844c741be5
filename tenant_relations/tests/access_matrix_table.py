# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix of the base addon: who may do what to which records, as the product intends it.

Plain Python on purpose (no Odoo import at module level): ``test_access_matrix.py`` asserts every
cell against a real database through the harness of ``access_matrix_case.py``, and
``tools/access_matrix.py`` writes the same table, with the rows of the other addons'
``tests/access_matrix_table.py``, into the README.

A cell is ``(persona, model, operation)`` and its verdict one of:

- ``"allow"``: the persona reaches the records of others too (e.g. a shared catalogue);
- ``"own"``: only the records in the persona's scope (their properties for staff, their companies
  for managers, their own or their household's for residents), never another's;
- ``"deny"``: nothing at all (refused by the row's guard, or nothing found).

For ``create`` the scope is where the new record is placed (a unit of one's own property, a ticket
of one's own unit). ``move`` writes an own record's property, unit or company to one outside the
persona's scope: it is refused to everyone, managers included (their scope is their companies).

**One row per model, and everything about the model in it.** ``ROWS`` maps a model (or
``model#what`` for a part of it tried on its own) to a dict:

- ``ops``: the operations that apply (``"reads"`` stands for every read operation,
  ``"reads_no_name"`` for those of a model without a name to search by, ``"field_reads"`` for
  those that read field values);
- ``policy``: persona (or a group of ``PERSONA_GROUPS``, or a tuple of them) -> four letters for
  read, write, create, unlink (``o`` own, ``a`` allow, ``-`` deny); personas left out deny
  everything. ``post`` gives the message_post verdicts where they differ from write, ``ops`` the
  verdicts of other operations (award, redeem);
- ``guards``: what must stop a refused cell, where it is not Odoo's access control (``AccessError``,
  or nothing found for a search): op or ``(op, persona)`` -> ``"ValidationError: <text in the
  message>"``... A refusal by anything else fails the cell, so that a cell cannot pass on an
  unrelated error;
- ``fixture(m)``: the records tried, as ``(record, place, residents entitled to it)``, where ``m``
  is the test class (its ``env``, its properties ``prop``, units ``unit``, people ``partner``,
  tickets ``tickets``, and ``m.fixture(other_row)``); a string reuses another row's records;
- ``read`` (fields read), ``write`` (values, or ``write(m, penv, record)``), ``create(m, template,
  uid)`` (values of a new record placed like ``template``), ``move`` (the field written to move a
  record away, or ``move(m, prop, unit, company)``), ``group_by``, ``post_to``;
- ``note``: what the README says the line tries; ``gaps``: ``(persona, op)`` -> ``(finding,
  verdict seen)`` for a cell that does not behave as the policy says yet (the test asserts that a
  gap is still a gap, and asks for its removal once fixed).

An addon adds its models in its own ``tests/access_matrix_table.py`` (``ROWS``, and ``LINKS`` for
the two-step section) with the same vocabulary as plain strings, and its own test class on
``AccessMatrixCase``: nothing here changes.

An addon whose rows need people the base does not have (a dispute officer, a party to a case) adds
them as ``EXTRA_PERSONAS`` in its table: name -> ``label``, ``groups`` (as ``new_test_user`` takes
them), and optionally ``company_ids`` (``[1]``, ``[1, 2]``: the user's companies), ``properties``
(the properties, "A", "B" or "C", where the user is assigned staff), ``unit`` (the unit, "A",
"A2", "B" or "C", where they live: an occupancy is made), ``scope`` (the places of its rows'
fixtures in the persona's scope, as ``SCOPE`` in the harness; residents' default otherwise),
``portal`` (True: a portal user, who never exports) and ``move_to`` (the property, "B" or "C",
where its ``move`` cells try to put a record: outside its scope). The harness makes them for that
addon's test class only, after the base's, and its cells run for the base's personas and these;
the base's matrix and its README columns do not change. Its ``LINKS`` may name ``personas`` (who
makes the link, default ``LINK_PERSONAS``) and ``checks`` (second steps of its own: name ->
``check(m, penv, victim)``, true when it went through; a refusal counts as not).
"""

PERSONAS = (
    "anonymous",  # a visitor who is not signed in (Odoo's public user)
    "signup",  # a self-registered portal user: no occupancy anywhere
    "owner",  # owner of unit A-1, not its main contact
    "tenant",  # tenant of unit A-1
    "member",  # household member of unit A-1
    "former",  # lived in unit A-1, moved out
    "main_contact",  # owner of unit A-1 and the household's main contact
    "staff_a",  # User: assigned properties, staff of property A (company 1)
    "staff_a_c2",  # the same group, in companies 1 and 2, staff of A and of C (multi-company)
    "internal",  # an employee with no Tenant Relations rights
    "manager",  # Tenant Relations manager of company 1
)
PERSONA_LABELS = {
    "anonymous": "visitor, not signed in",
    "signup": "self-registered portal user, no unit",
    "owner": "owner of unit A-1",
    "tenant": "tenant of A-1",
    "member": "household member of A-1",
    "former": "moved out of A-1",
    "main_contact": "owner and main contact of A-1",
    "staff_a": "staff of property A",
    "staff_a_c2": "staff of A (company 1) and of C (company 2)",
    "internal": "employee without Tenant Relations rights",
    "manager": "Tenant Relations manager of company 1",
}
# An addon with groups or people of its own (tenant_relations_dispute: its officer, committee
# members and parties) declares them as ``EXTRA_PERSONAS`` in its table (see above): they take part
# in that addon's matrix only.

READ_OPS = ("read", "search_read", "read_group", "name_search", "export_data")
SEARCH_OPS = ("search_read", "read_group", "name_search")
# award and redeem: points given to or taken from a resident through the points wizard (the only
# way staff change a balance; the wizard is callable over RPC with any resident and any number).
OPERATIONS = (*READ_OPS, "write", "create", "unlink", "message_post", "move", "award", "redeem")
# Fields that some readers of a record must not see are tried on their own (``model#what``), with
# the operations that read field values. Models without a name to search by: no name_search.
FIELD_READ_OPS = ("read", "search_read", "export_data")
NO_NAME_READ_OPS = ("read", "search_read", "read_group", "export_data")
OP_GROUPS = {"reads": READ_OPS, "reads_no_name": NO_NAME_READ_OPS, "field_reads": FIELD_READ_OPS}

RESIDENTS = ("owner", "tenant", "member", "main_contact")
STAFF = ("staff_a", "staff_a_c2")
PERSONA_GROUPS = {"residents": RESIDENTS, "staff": STAFF}

# What stops a refused cell when its row names nothing else: Odoo's access control (an ACL or a
# record rule), or, for a search, nothing found ("NotFound"). "NotAddressed": a message that went
# out, but not to whom it was addressed.
DEFAULT_GUARDS = {
    **dict.fromkeys(OPERATIONS, ("AccessError",)),
    **dict.fromkeys(SEARCH_OPS, ("AccessError", "NotFound")),
}

# Odoo lets only employees of the "Access to export feature" group export (it says so before it
# looks at the records), and only administrators export messages.
NO_EXPORT = ("anonymous", "signup", *RESIDENTS, "former")
NO_EXPORT_MODELS = ("mail.message#ticket",)
EXPORT_RIGHT_GUARD = "UserError: You don't have the rights to export data"

_LETTER = {"o": "own", "a": "allow", "-": "deny"}


def _personas(key):
    keys = key if isinstance(key, tuple) else (key,)
    return [p for k in keys for p in PERSONA_GROUPS.get(k, (k,))]


def _by_persona(mapping):
    """{persona or group or tuple: value} -> {persona: value}."""
    return {persona: value for key, value in mapping.items() for persona in _personas(key)}


def row_ops(row):
    """The operations of a row, groups spelled out."""
    return tuple(op for name in row["ops"] for op in OP_GROUPS.get(name, (name,)))


def expand(rows, personas=PERSONAS, no_export=()):
    """{(persona, model, op): verdict} for every cell of ``rows``, for ``personas`` (the base's, and
    an addon's ``EXTRA_PERSONAS``; those of ``no_export`` never export, like residents)."""
    expected = {}
    for model, row in rows.items():
        policy = row.get("policy", {})
        letters = _by_persona({k: v for k, v in policy.items() if k not in ("post", "ops")})
        post = _by_persona(policy.get("post", {}))
        other = {op: _by_persona(verdicts) for op, verdicts in policy.get("ops", {}).items()}
        for persona in personas:
            read, write, create, unlink = (_LETTER[c] for c in letters.get(persona, "----"))
            by_op = {"write": write, "create": create, "unlink": unlink, "move": "deny"}
            by_op["message_post"] = post.get(persona, write)
            for op, verdicts in other.items():
                by_op[op] = verdicts.get(persona, "deny")
            for op in row_ops(row):
                expected[(persona, model, op)] = read if op in READ_OPS else by_op[op]
                no_export_persona = persona in NO_EXPORT or persona in no_export
                if op == "export_data" and (no_export_persona or model in NO_EXPORT_MODELS):
                    expected[(persona, model, op)] = "deny"
    return expected


def known_gaps(rows):
    """{(persona, model, op): (finding, verdict seen)} from the rows' ``gaps``."""
    return {
        (persona, model, op): gap
        for model, row in rows.items()
        for (persona, op), gap in row.get("gaps", {}).items()
    }


def guards(row, op, persona, no_export=()):
    """What may stop a refused cell of ``row``: names of exceptions, each with an optional
    ``": text"`` that its message must hold. The row's ``guards`` by ``(op, persona)``, then by
    ``(op, group)``, then by ``op``; else the default (``no_export``: extra personas who, like
    residents, may not export at all)."""
    named = row.get("guards", {})
    keys = [(op, persona)]
    keys += [(op, group) for group, members in PERSONA_GROUPS.items() if persona in members]
    keys.append(op)
    found = next((named[key] for key in keys if key in named), None)
    if found is None:
        no_export_persona = persona in NO_EXPORT or persona in no_export
        found = EXPORT_RIGHT_GUARD if op == "export_data" and no_export_persona else DEFAULT_GUARDS[op]
    return found if isinstance(found, tuple) else (found,)


# Fixtures of the base's rows -----------------------------------------------------------------------
# Each takes the test class ``m`` once its world is built (see ``AccessMatrixCase._build_world``):
# properties A, B (company 1) and C (company 2), units A, A2, B, C, the personas' users and
# partners, their occupancies ``occ`` and tickets ``tickets``.


def _properties(m):
    return [(m.prop["A"], "A", m.household), (m.prop["B"], "B", set()), (m.prop["C"], "C", set())]


def _units(m):
    return [
        (m.unit["A"], "A", m.household),
        (m.unit["A2"], "A", set()),
        (m.unit["B"], "B", set()),
        (m.unit["C"], "C", set()),
    ]


def _occupancies(m):
    return [(m.occ[name], "A", {name}) for name in (*RESIDENTS, "former")] + [
        (m.occ["neighbour"], "A", set()),
        (m.occ["B"], "B", set()),
        (m.occ["C"], "C", set()),
    ]


def _tickets(m):
    return [(m.tickets[name], "A", owners) for name, owners in m.ticket_owners.items()] + [
        (m.tickets["neighbour"], "A", set()),
        (m.tickets["B"], "B", set()),
        (m.tickets["C"], "C", set()),
    ]


def _ticket_tokens(m):
    # The token is the reporter's only, not their household's.
    return [
        (record, place, {name for name in owners if record.partner_id == m.partner[name]})
        for record, place, owners in m.fixture("tenant.ticket")
    ]


def _sla_lines(m):
    return [
        (line, place, owners)
        for record, place, owners in m.fixture("tenant.ticket")
        for line in record.sla_line_ids[:1]
    ]


def _sla_policies(m):
    policy = m.env.ref("tenant_relations.tenant_sla_policy_urgent_response")
    return [
        (policy, "*", set()),
        (policy.copy({"name": "Matrix policy C1", "company_id": m.company.id}), "*1", set()),
        (policy.copy({"name": "Matrix policy C2", "company_id": m.company2.id}), "*2", set()),
    ]


def _teams(m):
    Team = m.env["tenant.team"]
    return [
        (
            Team.create({"name": "Matrix team 1", "property_ids": [m.Command.set(m.prop["A"].ids)]}),
            "*1",
            set(),
        ),
        (Team.create({"name": "Matrix team 2", "company_id": m.company2.id}), "*2", set()),
    ]


def _visits(m):
    Visit = m.env["tenant.visit"]
    return [
        (Visit.create({"partner_id": m.partner["owner"].id, "unit_id": m.unit[key].id}), key, set())
        for key in ("A", "B", "C")
    ]


def _notices(m):
    """A published notice per property, each with a statement linked to it (and one more attached
    to notice A but not linked yet)."""
    m.notices = {}
    for key in ("A", "B", "C"):
        m.notices[key] = m.env["tenant.notice"].create(
            {
                "name": f"Water cut {key}",
                "property_ids": [m.Command.set(m.prop[key].ids)],
                "company_id": m.prop[key].company_id.id,
            }
        )
        m.notices[key].action_publish()
    m.statements = {}
    for key in ("A", "B", "C", "A-extra"):
        notice = m.notices[key[:1]]
        m.statements[key] = m.env["ir.attachment"].create(
            {
                "name": f"statement-{key}.pdf",
                "raw": b"%PDF matrix",
                "res_model": "tenant.notice",
                "res_id": notice.id,
            }
        )
        if key != "A-extra":
            notice.attachment_ids = [m.Command.link(m.statements[key].id)]
    recipients = m.notices["A"].recipient_ids.partner_id
    return [
        (m.notices["A"], "A", {name for name in m.household if recipients & m.partner[name]}),
        (m.notices["B"], "B", set()),
        (m.notices["C"], "C", set()),
    ]


def _notice_files(m):
    # Files one might link to notice A: its own, and (never in anybody's scope: a notice hands out
    # its own files only) a quote on a ticket of A and the photos of B and C.
    m.fixture("tenant.notice")
    m.fixture("ir.attachment#ticket")
    return [
        (m.statements["A-extra"], "A", set()),
        (m.files["quote"], "A-ticket", set()),
        (m.files["B"], "B-ticket", set()),
        (m.files["C"], "C-ticket", set()),
    ]


def _link_to_notice_a(m, penv, record):
    notice = penv["tenant.notice"].browse(m.notices["A"].id)
    notice.write({"attachment_ids": [m.Command.link(record.id)]})


def _notice_recipients(m):
    m.fixture("tenant.notice")
    return [
        (row, key, {name for name in PERSONAS if m.partner[name] == row.partner_id})
        for key in ("A", "B", "C")
        for row in m.notices[key].recipient_ids
    ]


def _referrals(m):
    Referral = m.env["tenant.referral"]
    m.referrals = {
        name: Referral.create(
            {
                "name": f"Prospect of {name}",
                "email": f"prospect-{name}@example.com",
                "referrer_id": m.partner[name].id,
                "property_id": m.prop["A"].id,
            }
        )
        for name in ("signup", "owner", "member", "former", "main_contact")
    }
    for key, name in (("B", "resident_b"), ("C", "resident_c")):
        m.referrals[key] = Referral.create(
            {
                "name": f"Prospect of {key}",
                "email": f"prospect-{key.lower()}@example.com",
                "referrer_id": m.partner[name].id,
                "property_id": m.prop[key].id,
            }
        )
    return [
        (m.referrals[name], "A", {name}) for name in ("signup", "owner", "member", "former", "main_contact")
    ] + [(m.referrals["B"], "B", set()), (m.referrals["C"], "C", set())]


def _greeting_campaigns(m):
    template = m.env.ref("tenant_relations.mail_template_greeting_spring_festival")
    Campaign = m.env["tenant.greeting.campaign"]
    return [
        (
            Campaign.create(
                {"name": "Matrix greeting 1", "send_date": "2027-02-01", "template_id": template.id}
            ),
            "*1",
            set(),
        ),
        (
            Campaign.create(
                {
                    "name": "Matrix greeting 2",
                    "send_date": "2027-02-01",
                    "template_id": template.id,
                    "company_id": m.company2.id,
                }
            ),
            "*2",
            set(),
        ),
    ]


def _greeting_logs(m):
    campaigns = {place: record for record, place, _o in m.fixture("tenant.greeting.campaign")}
    Log = m.env["tenant.greeting.log"]
    return [
        (Log.create({"campaign_id": campaigns[place].id, "partner_id": m.partner[name].id}), place, set())
        for place, name in (("*1", "owner"), ("*2", "resident_c"))
    ]


def _fee_payments(m):
    # Paid late, so that they earn no points: a payment that earned points locks its unit and
    # payer (a UserError), and a move must be stopped by the rules alone.
    Fee = m.env["tenant.fee.payment"]
    return [
        (
            Fee.create(
                {
                    "unit_id": m.unit[key].id,
                    "partner_id": m.partner[payer].id,
                    "period": "2026-01",
                    "due_date": "2026-01-31",
                    "paid_date": "2026-02-15",
                    "amount": 300,
                }
            ),
            key,
            set(),
        )
        for key, payer in (("A", "owner"), ("B", "resident_b"), ("C", "resident_c"))
    ]


def _payers(m):
    # Payers for a payment of unit A-1: its owner, and (nobody's to name) residents of B and C.
    return [
        (m.partner["owner"], "A", set()),
        (m.partner["resident_b"], "B-payer", set()),
        (m.partner["resident_c"], "C-payer", set()),
    ]


def _profiles(m):
    Profile = m.env["tenant.profile"]

    def profile(name):
        return Profile.create(
            {
                "partner_id": m.partner[name].id,
                "special_needs": "Insulin in the fridge",
                "vehicle_plates": "沪A12345",
                "has_disability": True,
            }
        )

    return [
        (profile("owner"), "A", {"owner"}),
        (profile("neighbour"), "A", set()),
        (profile("former"), "A-former", {"former"}),
        (profile("resident_b"), "B", set()),
        (profile("resident_c"), "C", set()),
    ]


def _profile_create(m, t, uid):
    place = m.place_of[("tenant.profile", t.id)]
    return {"partner_id": m.partner[f"spare_{place}"].id, "special_needs": "probe"}


def _ticket_files(m):
    """The owner's photo on their ticket, a quote staff put on it, photos of B and C."""
    Attachment = m.env["ir.attachment"]
    u, tickets = m.users, m.tickets

    def attach(ticket, user, name):
        values = {"name": name, "raw": b"\x89PNG matrix", "res_model": "tenant.ticket", "res_id": ticket.id}
        return Attachment.with_user(user).sudo().create(values)

    m.files = {
        "owner": attach(tickets["owner"], u["owner"], "photo-owner.png"),
        "member": attach(tickets["member"], u["member"], "photo-member.png"),
        "former": attach(tickets["former"], u["former"], "photo-former.png"),
        "main_contact": attach(tickets["main_contact"], u["main_contact"], "photo-main.png"),
        "quote": attach(tickets["owner"], u["staff_a"], "quote.pdf"),
        "neighbour": attach(tickets["neighbour"], m.neighbour_user, "photo-neighbour.png"),
        "B": attach(tickets["B"], m.staff_b, "photo-b.png"),
        "C": attach(tickets["C"], m.env.user, "photo-c.png"),
    }
    return [
        (m.files["owner"], "A", m.ticket_owners["owner"]),
        (m.files["quote"], "A", set()),
        (m.files["neighbour"], "A", set()),
        (m.files["B"], "B", set()),
        (m.files["C"], "C", set()),
    ]


def _notice_statements(m):
    m.fixture("tenant.notice")
    return [(m.statements[key], key, set()) for key in ("A", "B", "C")]


def _ticket_messages(m):
    tickets = m.tickets
    comment = (
        tickets["owner"]
        .with_user(m.users["owner"])
        .sudo()
        .message_post(body="It drips on the bed", message_type="comment", subtype_xmlid="mail.mt_comment")
    )
    note = tickets["owner"].message_post(
        body="Internal: plumber is slow", message_type="comment", subtype_xmlid="mail.mt_note"
    )
    return [
        (comment, "A", m.ticket_owners["owner"]),
        (note, "A", set()),
        (tickets["B"].message_post(body="B comment", subtype_xmlid="mail.mt_comment"), "B", set()),
        (tickets["C"].message_post(body="C comment", subtype_xmlid="mail.mt_comment"), "C", set()),
    ]


def _ratings(m):
    ticket_model = m.env["ir.model"]._get_id("tenant.ticket")
    m.ratings = {
        key: m.env["rating.rating"].create(
            {
                "res_model_id": ticket_model,
                "res_id": m.tickets[key].id,
                "partner_id": m.tickets[key].partner_id.id,
                "rated_partner_id": m.env.user.partner_id.id,
            }
        )
        for key in ("owner", "B", "C")
    }
    return [(m.ratings[key], "A" if key == "owner" else key, set()) for key in m.ratings]


def _loyalty_cards(m):
    program = m.env.ref("tenant_relations.loyalty_program_resident")
    Card = m.env["loyalty.card"].with_context(loyalty_no_mail=True)
    m.balances = {
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
    m.fixture("tenant.fee.payment")
    m.cards = {}
    for name, points in m.balances.items():
        partner = m.partner[name]
        card = partner._tenant_loyalty_cards()[:1] or Card.create(
            {"program_id": program.id, "partner_id": partner.id}
        )
        card.points = points
        m.cards[name] = card
    return [
        (m.cards["owner"], "A", set()),
        (m.cards["neighbour"], "A", set()),
        (m.cards["resident_b"], "B", set()),
        (m.cards["resident_c"], "C", set()),
    ]


def _loyalty_history(m):
    m.fixture("loyalty.card")
    History = m.env["loyalty.history"]
    return [
        (History.create({"card_id": m.cards[name].id, "issued": 10, "description": "Matrix"}), key, set())
        for name, key in (("owner", "A"), ("resident_b", "B"), ("resident_c", "C"))
    ]


def _event_registrations(m):
    rows = []
    for key, name in (("A", "owner"), ("B", "resident_b"), ("C", "resident_c")):
        event = m.env["event.event"].create(
            {
                "name": f"Matrix BBQ {key}",
                "date_begin": "2030-05-01 08:00:00",
                "date_end": "2030-05-01 12:00:00",
                "company_id": m.prop[key].company_id.id,
                "tenant_property_ids": [m.Command.set(m.prop[key].ids)],
            }
        )
        registration = m.env["event.registration"].create(
            {"event_id": event.id, "partner_id": m.partner[name].id}
        )
        rows.append((registration, key, set()))
    return rows


def _points_targets(m):
    # Points go to people: a current resident of A, of B, of C (the persona itself is tried too).
    return [
        (m.partner["owner"], "A", set()),
        (m.partner["resident_b"], "B", set()),
        (m.partner["resident_c"], "C", set()),
    ]


def _move_fee_payment(m, prop, unit, company):
    # With a payer who lives in the target unit and a month it has no payment for: the payment's
    # own checks (payer, one payment a month) are met, and only the rules can stop the move.
    payer = next(occupancy.partner_id for occupancy in m.occ.values() if occupancy.unit_id == unit)
    return {"unit_id": unit.id, "partner_id": payer.id, "period": "2031-09"}


def _move_notice(m, prop, unit, company):
    return {"property_ids": [m.Command.set(prop.ids)], "company_id": prop.company_id.id}


# The rows -------------------------------------------------------------------------------------------
# The README prints them in this order; a row's fixture may build another's first (m.fixture).
ALL = ("reads", "write", "create", "unlink")

ROWS = {
    "tenant.property": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {"residents": "o---", "staff": "o---", "manager": "oooo"},
        "fixture": _properties,
        "read": ["name", "hotline"],
        "create": lambda m, t, uid: {"name": "Probe", "code": "PRB", "company_id": t.company_id.id},
        "move": "company_id",
    },
    # Back-office notes on a property and a unit's occupancy and works status: staff only.
    "tenant.property#note": {
        "ops": ("field_reads",),
        "policy": {"staff": "o---", "manager": "o---"},
        "fixture": "tenant.property",
        "read": ["note"],
        "note": "the property's back-office note only",
    },
    "tenant.unit": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {"residents": "o---", "staff": "ooo-", "manager": "oooo"},
        "fixture": _units,
        "read": ["code", "number"],
        "write": {"building": "9"},
        "create": lambda m, t, uid: {"property_id": t.property_id.id, "number": "999", "code": "PRB-999"},
        "move": "property_id",
    },
    "tenant.unit#status": {
        "ops": ("field_reads",),
        "policy": {"staff": "o---", "manager": "o---"},
        "fixture": "tenant.unit",
        "read": ["status", "under_renovation"],
        "note": "the unit's occupancy and works status only",
    },
    # Staff do not delete an occupancy (it is the history of who lived where, and what their
    # rights were): they end it or archive it. Managers may delete a mistaken one.
    "tenant.occupancy": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {("residents", "former"): "o---", "staff": "ooo-", "manager": "oooo"},
        "fixture": _occupancies,
        # Odoo's rights let staff delete (the rules keep them to their properties), and the
        # occupancy says why it refuses: "archive it instead".
        "guards": {("unlink", "staff"): ("AccessError", "UserError: Occupancies are not deleted")},
        "read": ["partner_id", "role", "move_out_date"],
        "write": {"lease_end": "2030-12-31"},
        "create": lambda m, t, uid: {
            "unit_id": t.unit_id.id,
            "partner_id": t.partner_id.id,
            "role": "resident",
            "move_in_date": "2025-01-01",
        },
    },
    "tenant.ticket": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {
            ("residents", "former"): "o---",
            "staff": "ooo-",
            "manager": "oooo",
            # Residents write in their own requests' conversation (the portal chatter does it).
            "post": {("residents", "former"): "own"},
        },
        "fixture": _tickets,
        "read": ["name", "description", "partner_id"],
        # Assigned to oneself, as an attacker would: the rule lets staff see their own.
        "create": lambda m, t, uid: {
            "name": "Probe",
            "unit_id": t.unit_id.id,
            "partner_id": t.partner_id.id,
            "user_id": uid,
        },
    },
    # A ticket's access token is read by nobody through the ORM, not even staff or managers: the
    # reporter receives it in their own mails and page (see the route case ticket_page:token).
    "tenant.ticket#access_token": {
        "ops": ("field_reads",),
        "policy": {},
        "fixture": _ticket_tokens,
        "read": ["access_token"],
        "note": "the ticket's access token only",
    },
    # Residents address their messages to the ticket's followers only: the system mails nobody
    # else for them. Staff address the people of their own properties, never a resident of
    # another property (refused, or the resident is not among the message's recipients);
    # managers anyone of their companies.
    "tenant.ticket#recipients": {
        "ops": ("message_post",),
        "policy": {"staff": "----", "manager": "----", "post": {"manager": "own"}},
        "fixture": "tenant.ticket",
        "post_to": "resident_b",
        "guards": {"message_post": ("AccessError", "NotAddressed")},
        "note": "a message posted on a ticket addressed to a resident of B (who does not follow it): "
        "allowed when it went through and addresses them",
    },
    "tenant.ticket.sla": {
        "ops": ("reads_no_name", "write", "create", "unlink"),
        "policy": {("residents", "former"): "o---", "staff": "o---", "manager": "oooo"},
        "fixture": _sla_lines,
        "read": ["deadline"],
        "write": {"warning_date": "2030-01-01 00:00:00"},
        "create": lambda m, t, uid: {
            "ticket_id": t.ticket_id.id,
            "policy_id": t.policy_id.id,
            "start_date": t.start_date,
            "deadline": t.deadline,
            "warning_date": t.warning_date,
        },
    },
    "tenant.ticket.stage": {
        "ops": ALL,
        "policy": {("residents", "former", "signup"): "o---", "staff": "o---", "manager": "oooo"},
        "fixture": lambda m: [(m.env.ref("tenant_relations.tenant_ticket_stage_new"), "*", set())],
        "create": lambda m, t, uid: {"name": "Probe"},
    },
    "tenant.ticket.category": {
        "ops": ALL,
        "policy": {("residents", "former", "signup"): "o---", "staff": "o---", "manager": "oooo"},
        "fixture": lambda m: [(m.env.ref("tenant_relations.tenant_ticket_category_water_leak"), "*", set())],
        "create": lambda m, t, uid: {"name": "Probe"},
    },
    "tenant.ticket.tag": {
        "ops": ALL,
        "policy": {"staff": "ooo-", "manager": "oooo"},
        "fixture": lambda m: [(m.env["tenant.ticket.tag"].create({"name": "Matrix tag"}), "*", set())],
        "create": lambda m, t, uid: {"name": "Probe"},
    },
    # China's public holidays: every employee's calendars read them, managers load and correct them.
    "tenant.holiday.year": {
        "ops": ALL,
        "policy": {("staff", "internal"): "o---", "manager": "oooo"},
        "fixture": lambda m: [(m.env.ref("tenant_relations.holiday_year_2026"), "*", set())],
        "read": ["year"],
        "write": {"year": 2026},
        "create": lambda m, t, uid: {"year": 2090},
    },
    "tenant.holiday.day": {
        "ops": ALL,
        "policy": {("staff", "internal"): "o---", "manager": "oooo"},
        "fixture": lambda m: [(m.env.ref("tenant_relations.holiday_day_20261001"), "*", set())],
        "read": ["date", "kind"],
        "write": {"festival": "other"},
        "create": lambda m, t, uid: {"year_id": t.year_id.id, "date": "2026-12-31"},
    },
    "tenant.sla.policy": {
        "ops": (*ALL, "move"),
        "policy": {"staff": "o---", "manager": "oooo"},
        "fixture": _sla_policies,
        "create": lambda m, t, uid: t.copy_data({"name": "Probe"})[0],
        "move": "company_id",
    },
    "tenant.team": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {"staff": "o---", "manager": "oooo"},
        "fixture": _teams,
        "create": lambda m, t, uid: {"name": "Probe", "company_id": t.company_id.id},
        "move": "company_id",
    },
    "tenant.visit": {
        "ops": ("reads_no_name", "write", "create", "unlink", "message_post", "move"),
        "policy": {"staff": "ooo-", "manager": "oooo"},
        "fixture": _visits,
        "read": ["partner_id", "outcome"],
        "write": {"planned_date": "2030-01-01"},
        "create": lambda m, t, uid: {"partner_id": t.partner_id.id, "unit_id": t.unit_id.id, "user_id": uid},
    },
    "tenant.notice": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {("residents", "former"): "o---", "staff": "ooo-", "manager": "oooo"},
        "fixture": _notices,
        "read": ["name", "body"],
        "create": lambda m, t, uid: {
            "name": "Probe",
            "property_ids": [m.Command.set(t.property_ids.ids)],
            "company_id": t.company_id.id,
        },
        "move": _move_notice,
    },
    # A notice hands out only files attached to it, never a ticket's photo or another's file.
    "tenant.notice#attachment": {
        "ops": ("write",),
        "policy": {"staff": "-o--", "manager": "-o--"},
        "fixture": _notice_files,
        # Files the persona may read but that are not the notice's own: the notice's constraint.
        "guards": {"write": ("AccessError", "ValidationError: can only carry files uploaded to it")},
        "write": _link_to_notice_a,
        "note": "write: a file linked to one's own notice (publishing hands it out)",
    },
    "tenant.notice.recipient": {
        "ops": ALL,
        "policy": {("residents", "former"): "o---", "staff": "ooo-", "manager": "oooo"},
        "fixture": _notice_recipients,
        "read": ["partner_id"],
        "write": {"sent": True},
        "create": lambda m, t, uid: {"notice_id": t.notice_id.id, "partner_id": m.partner["neighbour"].id},
    },
    "tenant.referral": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {("residents", "former", "signup"): "o---", "staff": "ooo-", "manager": "oooo"},
        "fixture": _referrals,
        "read": ["name", "phone", "email"],
        "write": {"note": "probe"},
        "create": lambda m, t, uid: {
            "name": "Probe",
            "email": "probe@example.com",
            "referrer_id": t.referrer_id.id,
            "property_id": t.property_id.id,
        },
        "move": "property_id",
    },
    "tenant.greeting.campaign": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {"staff": "o---", "manager": "oooo"},
        "fixture": _greeting_campaigns,
        "create": lambda m, t, uid: {
            "name": "Probe",
            "send_date": "2027-01-01",
            "template_id": t.template_id.id,
            "company_id": t.company_id.id,
        },
        "move": "company_id",
    },
    "tenant.greeting.log": {
        "ops": ALL,
        "policy": {"staff": "o---", "manager": "oooo"},
        "fixture": _greeting_logs,
        "read": ["partner_id"],
        "write": {"sent_date": "2026-01-01"},
        "create": lambda m, t, uid: {
            "campaign_id": t.campaign_id.id,
            "partner_id": m.partner["neighbour"].id,
        },
    },
    "tenant.fee.payment": {
        "ops": ("reads_no_name", "write", "create", "unlink", "move"),
        "policy": {"staff": "ooo-", "manager": "oooo"},
        "fixture": _fee_payments,
        "read": ["amount", "partner_id"],
        "write": {"note": "probe"},
        "create": lambda m, t, uid: {
            "unit_id": t.unit_id.id,
            "partner_id": t.partner_id.id,
            "period": "2031-01",
            "due_date": "2031-01-31",
            "paid_date": "2031-01-15",
        },
        "move": _move_fee_payment,
    },
    # The payer of a unit's fee lives in the unit's property.
    "tenant.fee.payment#payer": {
        "ops": ("create",),
        "policy": {"staff": "--o-", "manager": "--o-"},
        "fixture": _payers,
        # The payer's unit is checked by the payment itself (any user, any way of creating it).
        "guards": {"create": ("AccessError", "ValidationError: has never lived in this unit")},
        "create": lambda m, t, uid: {
            "unit_id": m.unit["A"].id,
            "partner_id": t.id,
            "period": "2031-02",
            "due_date": "2031-02-28",
            "paid_date": "2031-02-15",
        },
        "note": "create: a payment of a unit of A naming a payer of A, B or C",
    },
    # Only managers address a notice to every property of their company.
    "tenant.notice#all_properties": {
        "ops": ("create",),
        "policy": {"manager": "--o-"},
        "fixture": lambda m: [(m.fixture("tenant.notice")[0][0], "A", set())],
        "create": lambda m, t, uid: {"name": "Probe", "all_properties": True, "company_id": t.company_id.id},
        "note": "create: a notice to every property of the company",
    },
    # The sensitive profile (health, plates, emergency contacts) is a record of its own: staff
    # keep those of the people who live in their properties now, managers those of their
    # companies (former residents' too); no resident and no other employee reads one.
    "tenant.profile": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {"staff": "ooo-", "manager": "oooo"},
        "fixture": _profiles,
        "read": ["special_needs", "vehicle_plates", "emergency_phone", "has_disability"],
        "write": {"special_needs": "probe"},
        "create": _profile_create,
        "move": "company_id",
        "group_by": ["has_disability"],
        "note": "the resident's sensitive profile (health, vehicles, emergency contacts)",
    },
    # Residents download their requests' files through the portal route, which serves the
    # reporter's own uploads only (route cases ticket_file:*); nothing through the ORM.
    "ir.attachment#ticket": {
        "ops": ALL,
        "policy": {"staff": "oooo", "manager": "oooo"},
        "fixture": _ticket_files,
        "read": ["name", "datas"],
        "write": {"name": "probe.txt"},
        "create": lambda m, t, uid: {
            "name": "probe.txt",
            "raw": b"probe",
            "res_model": t.res_model,
            "res_id": t.res_id,
        },
        "note": "files on tickets",
    },
    # Statements attached to notices: residents download them from their notice page (with the
    # links it makes for them), not through the ORM.
    "ir.attachment#notice": {
        "ops": ("reads", "write", "unlink"),
        "policy": {"staff": "oo-o", "manager": "oo-o"},
        "fixture": _notice_statements,
        "read": ["name", "datas"],
        "note": "statements linked to notices",
    },
    # Messages of the tickets one may read; one edits one's own (the owner wrote the comment).
    "mail.message#ticket": {
        "ops": ALL,
        "policy": {
            ("tenant", "member", "former", "main_contact"): "o---",
            "owner": "oo--",
            "staff": "oooo",
            "manager": "oooo",
        },
        "fixture": _ticket_messages,
        "guards": {"export_data": "AccessError: Only administrators are allowed to export"},
        "read": ["body"],
        "write": {"body": "probe"},
        "create": lambda m, t, uid: {
            "model": t.model,
            "res_id": t.res_id,
            "body": "probe",
            "message_type": "comment",
        },
        "note": "messages on tickets",
    },
    "rating.rating#ticket": {
        "ops": ALL,
        "policy": {"staff": "o---", "manager": "o---"},
        "fixture": _ratings,
        "read": ["rating", "feedback"],
        "write": {"feedback": "probe"},
        "create": lambda m, t, uid: {
            "res_model_id": t.res_model_id.id,
            "res_id": t.res_id,
            "partner_id": t.partner_id.id,
        },
        "note": "ratings of tickets",
    },
    # Cards and their ledger: staff read those of their properties' current residents (the Points
    # menu), managers those of their companies' residents; nobody writes them over RPC (points
    # move through the wizard and the earning rules only); residents see their own on /my/points.
    "loyalty.card": {
        "ops": ALL,
        "policy": {"staff": "o---", "manager": "o---"},
        "fixture": _loyalty_cards,
        "read": ["points", "partner_id"],
        "write": {"points": 1000000},
        "create": lambda m, t, uid: {
            "program_id": t.program_id.id,
            "partner_id": t.partner_id.id,
            "points": 1000000,
        },
    },
    "loyalty.history": {
        "ops": ("reads_no_name", "write", "create", "unlink"),
        "policy": {"staff": "o---", "manager": "o---"},
        "fixture": _loyalty_history,
        "read": ["issued", "description"],
        "write": {"issued": 1000000},
        "create": lambda m, t, uid: {"card_id": t.card_id.id, "issued": 1000000, "description": "probe"},
    },
    # Event registrations belong to Odoo's Events app: no Tenant Relations right on them.
    "event.registration": {
        "ops": ALL,
        "policy": {},
        "fixture": _event_registrations,
        "read": ["partner_id", "email"],
        "create": lambda m, t, uid: {"event_id": t.event_id.id, "partner_id": t.partner_id.id},
    },
    # Points: staff award them to the current residents of their properties (never to themselves,
    # never to another property's); only managers redeem, for their companies' residents.
    "loyalty.points": {
        "ops": ("award", "redeem"),
        "policy": {"ops": {"award": {"staff": "own", "manager": "own"}, "redeem": {"manager": "own"}}},
        "fixture": _points_targets,
        # The persona itself, a user of the company, is refused by the wizard: points are for
        # residents.
        "guards": dict.fromkeys(
            ("award", "redeem"),
            ("AccessError", "UserError: is a user of the company: points are for residents"),
        ),
        "note": "award · redeem through the points wizard (the persona itself is tried too)",
    },
}


# Analysis views (report/, issue 19): read-only to staff (the rows of the tickets they read) and
# managers (their companies), nothing to residents.
def _analysis_rows(model):
    def fixture(m):
        return [(m.env[model].browse(t.id), place, set()) for t, place, __ in m.fixture("tenant.ticket")]

    return fixture


def _sla_analysis_rows(m):
    return [(m.env["tenant.sla.analysis"].browse(line.id), place, set()) for line, place, __ in _sla_lines(m)]


def _complaints(m):
    """A complaint in each of A, B and C: assigned to staff_a in A, to the manager elsewhere."""
    Ticket = m.env["tenant.ticket"].with_context(tenant_ticket_no_acknowledgement=True)
    users = {"A": m.users["staff_a"], "B": m.users["manager"], "C": m.users["manager"]}
    return [
        (
            Ticket.create(
                {
                    "name": f"Matrix complaint {p}",
                    "kind": "complaint",
                    "unit_id": m.unit[p].id,
                    "user_id": users[p].id,
                }
            ),
            p,
            set(),
        )
        for p in ("A", "B", "C")
    ]


def _complaint_rows(m):
    return [
        (m.env["tenant.complaint.analysis"].browse(t.id), p, o)
        for t, p, o in m.fixture("tenant.complaint.trend#src")
    ]


def _trend_rows(m):
    Trend = m.env["tenant.complaint.trend"]
    return [
        (Trend.search([("property_id", "=", t.property_id.id)], limit=1), p, o)
        for t, p, o in m.fixture("tenant.complaint.trend#src")
    ]


def _assessment_rows(m):
    Assessment = m.env["tenant.staff.assessment"]
    return [
        (
            Assessment.search(
                [("property_id", "=", t.property_id.id), ("user_id", "=", t.user_id.id)], limit=1
            ),
            p,
            o,
        )
        for t, p, o in m.fixture("tenant.complaint.trend#src")
    ]


_REPORT_OPS = ("reads_no_name", "write", "create", "unlink")
_REPORT_POLICY = {"staff": "o---", "manager": "o---"}
ROWS.update(
    {
        "tenant.ticket.analysis": {
            "ops": _REPORT_OPS,
            "policy": _REPORT_POLICY,
            "fixture": _analysis_rows("tenant.ticket.analysis"),
            "read": ["property_id", "response_minutes"],
            "write": {"building": "probe"},
            "create": lambda m, t, uid: {"building": "probe"},
        },
        "tenant.sla.analysis": {
            "ops": _REPORT_OPS,
            "policy": _REPORT_POLICY,
            "fixture": _sla_analysis_rows,
            "read": ["policy_id", "status"],
            "write": {"status": "met"},
            "create": lambda m, t, uid: {"status": "met"},
        },
        "tenant.complaint.trend#src": {
            "ops": (),
            "policy": {},
            "fixture": _complaints,
            "note": "the complaints the analysis rows below are made of",
        },
        "tenant.complaint.analysis": {
            "ops": _REPORT_OPS,
            "policy": _REPORT_POLICY,
            "fixture": _complaint_rows,
            "read": ["category_id", "is_recurring"],
            "write": {"building": "probe"},
            "create": lambda m, t, uid: {"building": "probe"},
        },
        "tenant.complaint.trend": {
            "ops": _REPORT_OPS,
            "policy": _REPORT_POLICY,
            "fixture": _trend_rows,
            "read": ["complaint_count"],
            "write": {"change": 1},
            "create": lambda m, t, uid: {"change": 1},
        },
        # 员工考核: a staff member's own figures; another staff member of the same property
        # (staff_a_c2 serves A too) reads none of them.
        "tenant.staff.assessment": {
            "ops": _REPORT_OPS,
            "policy": {"staff_a": "o---", "staff_a_c2": "----", "manager": "o---"},
            "fixture": _assessment_rows,
            "read": ["ticket_count", "response_rate"],
            "write": {"ticket_count": 1},
            "create": lambda m, t, uid: {"ticket_count": 1},
            "note": "the rows of staff_a (A) and of the manager (B, C)",
        },
    }
)


# KPIs and their stored figures (issue 19) ----------------------------------------------------------
def _kpis(m):
    Kpi = m.env["tenant.kpi"]
    values = {"measure": "resolution_rate", "target": 90}
    return [
        (Kpi.create({**values, "name": "Matrix KPI, every firm"}), "*", set()),
        (Kpi.create({**values, "name": "Matrix KPI 1", "company_id": m.company.id}), "*1", set()),
        (Kpi.create({**values, "name": "Matrix KPI 2", "company_id": m.company2.id}), "*2", set()),
    ]


def _kpi_snapshots(m):
    """A month's figures at every level: the firms' totals, properties A, B, C, a team row of A,
    and the staff rows of staff_a and staff_a_c2 (in A, and staff_a's over every property). The
    places of the staff and company rows are nobody's: who reads them is in their ``owners``."""
    kpi = m.fixture("tenant.kpi")[0][0]
    Snapshot = m.env["tenant.kpi.snapshot"]
    staff_a, staff_c2 = m.users["staff_a"], m.users["staff_a_c2"]

    def snapshot(company, level, prop=None, user=None):
        return Snapshot.create(
            {
                "kpi_id": kpi.id,
                "company_id": company.id,
                "level": level,
                "property_id": prop.id if prop else False,
                "user_id": user.id if user else False,
                "period": "month",
                "period_start": "2026-03-01",
                "period_end": "2026-04-01",
                "numerator": 9,
                "denominator": 10,
                "value": 90.0,
                "has_data": True,
                "target": 90.0,
                "status": "good",
            }
        )

    return [
        (snapshot(m.company, "property", m.prop["A"]), "A", set()),
        (snapshot(m.company, "team", m.prop["A"]), "A", set()),
        (snapshot(m.company, "property", m.prop["B"]), "B", set()),
        (snapshot(m.company2, "property", m.prop["C"]), "C", set()),
        (snapshot(m.company, "company"), "firm-1", {"manager"}),
        (snapshot(m.company2, "company"), "firm-2", set()),
        (snapshot(m.company, "staff", m.prop["A"], staff_a), "A-staff", {"staff_a", "manager"}),
        (snapshot(m.company, "staff", m.prop["A"], staff_c2), "A-staff", {"staff_a_c2", "manager"}),
        (snapshot(m.company, "staff", None, staff_a), "firm-1-staff", {"staff_a", "manager"}),
    ]


ROWS.update(
    {
        # Everyone of the staff reads what is measured and its target; managers define them.
        "tenant.kpi": {
            "ops": ALL,
            "policy": {"staff": "o---", "manager": "oooo"},
            "fixture": _kpis,
            "read": ["name", "target"],
            "write": {"target": 80},
            "create": lambda m, t, uid: {
                "name": "Probe",
                "measure": t.measure,
                "target": 50,
                "company_id": t.company_id.id,
            },
        },
        # Staff read their properties' figures (property and team rows) and their own staff rows,
        # never a colleague's (员工考核) nor the firm's totals; managers read and correct all of
        # their companies'. The scheduled job writes them (as superuser): nobody else but managers.
        "tenant.kpi.snapshot": {
            "ops": ("reads_no_name", "write", "create", "unlink"),
            "policy": {"staff": "o---", "manager": "oooo"},
            "fixture": _kpi_snapshots,
            "read": ["value", "numerator", "denominator", "user_id"],
            "write": {"value": 1.0},
            "create": lambda m, t, uid: {
                "kpi_id": t.kpi_id.id,
                "company_id": t.company_id.id,
                "level": t.level,
                "property_id": t.property_id.id,
                "user_id": t.user_id.id,
                "period": "month",
                "period_start": "2026-02-01",
                "period_end": "2026-03-01",
            },
            "group_by": ["user_id"],
            "note": "the stored figures at every level: firm, property A, B, C, a team of A, the "
            "staff rows of staff_a and staff_a_c2 (a property's manager, who reads its staff rows, "
            "and the wizards' files: tests/test_security_kpi.py)",
        },
    }
)

EXPECTED = expand(ROWS)
KNOWN_GAPS = known_gaps(ROWS)
# Empty: the 18 gaps the matrix found first (findings 2 and 8, staff editing ratings) are fixed.
# A row's ``gaps`` names a cell that still leaks, e.g. ``{("staff_a", "create"): ("finding 2",
# "allow")}``; "new: ..." for a gap none of the eight findings of issue 9 names.


# Portal and public routes, tried through HTTP: (persona, route case) -> "allow" | "deny".
ROUTE_CASES = (
    "ticket_page:own",  # /my/tickets/<id> of a ticket the persona reported
    "ticket_page:household",  # the household member's ticket (main contact: allowed)
    "ticket_page:earlier_occupant",  # the ticket of someone who moved out of the unit
    "ticket_page:neighbour",  # a ticket of another unit of the same property
    "ticket_page:no_token",  # the owner's ticket without a token
    "ticket_page:token",  # the owner's ticket with its current token
    "ticket_page:former_token",  # the former resident's ticket with its token: still the reporter's
    "ticket_page:wrong_token",  # a made-up token
    "ticket_page:stale_token",  # the ticket's token before it was renewed
    "ticket_page:other_token",  # the token of another ticket
    "ticket_file:own",  # /my/tickets/<id>/files/<att> of the persona's own request
    "ticket_file:neighbour",
    "ticket_file:no_token",
    "ticket_file:token",
    "ticket_file:wrong_token",
    "ticket_file:stale_token",
    "ticket_file:internal",  # a file staff put on the owner's ticket (a quote): never on the portal
    "notice_page:own",  # /my/notices/<id> addressed to the persona
    "notice_page:foreign",  # a notice of property B
    "notice_file:foreign",  # /web/content/<id> of a statement of B's notice, without its token
    "points:own",  # /my/points shows the persona's own balance
    "points:foreign",  # ... and never another resident's
    "referrals:own",  # /my/referrals lists the referrals the persona made
    "referrals:foreign",  # ... and never another's
    "feedback:property",  # /feedback/<code>: the anonymous box is open to anyone
    "feedback:unknown",  # an unknown property code
    "rate:token",  # /rate/<token>/<score> with the rating's token
    "rate:wrong_token",
    "signup:page",  # /web/signup: the portal is by invitation, self-registration is off
)
ROUTE_PERSONAS = ("anonymous", "signup", "owner", "member", "former", "main_contact", "staff_a")


def _route_expected():
    # Anybody: the feedback box, a rating and a request's page and files with its token.
    anybody = {"ticket_page:token", "ticket_file:token", "feedback:property", "rate:token"}
    # Signed in, anybody has their own points and referrals too.
    signed_in = anybody | {"points:own", "referrals:own"}
    # A reporter reads their own request and its files.
    reporter = {"ticket_page:own", "ticket_file:own"}
    # Signed in, whoever may read the owner's ticket reads it with their own rights, whatever the
    # token (none, made up, stale or another's).
    owners_ticket = {
        *(f"ticket_page:{token}" for token in ("no_token", "wrong_token", "stale_token", "other_token")),
        *(f"ticket_file:{token}" for token in ("no_token", "wrong_token", "stale_token")),
    }
    resident = signed_in | reporter | {"notice_page:own"}
    allowed = {
        "anonymous": anybody,
        "signup": signed_in,
        "owner": resident | owners_ticket,
        "member": resident,
        # A former resident keeps their own request (token or signed in), and nothing new.
        "former": signed_in | reporter,
        # The main contact reads the household's requests (the owner's among them).
        "main_contact": resident | owners_ticket | {"ticket_page:household"},
        # Staff of A read A's requests on the portal page with their own rights.
        "staff_a": anybody
        | reporter
        | owners_ticket
        | {
            "ticket_page:household",
            "ticket_page:earlier_occupant",
            "ticket_page:neighbour",
            "ticket_file:neighbour",
        },
    }
    # A token link is the reporter's: it keeps working after they moved out, whoever opens it.
    for cases in allowed.values():
        cases.add("ticket_page:former_token")
    return {
        (persona, case): "allow" if case in allowed[persona] else "deny"
        for persona in ROUTE_PERSONAS
        for case in ROUTE_CASES
    }


ROUTE_EXPECTED = _route_expected()
ROUTE_KNOWN_GAPS = {}


# Two-step attacks (issue 12) ---------------------------------------------------------------------
# One step is allowed (link a person to one's own property: an occupancy in one's unit, a payment
# naming them as payer, a follower on one's ticket...), and the second tries to reach through the
# link what belonged to another property before it. Each link is tried by each persona of
# ``LINK_PERSONAS`` with a victim outside the persona's scope (a resident of B; of C for the
# manager), whether the link itself is refused or not: what counts is the second step.
#
# ``LINKS``: link name -> the model, how the link is made ("create" a record with ``values(m,
# partner, unit)``, "subscribe" the victim to an own ticket, or "import" the row ``values`` with
# the residents' import), what the README says of it, and optionally the ``steps`` tried after it
# (default: all ``LINK_STEPS``). An addon adds its own links in its
# ``tests/access_matrix_table.py`` (tenant_relations_dispute: a dispute party).
# ``user_id`` in the values is the persona itself (assigned to oneself, as an attacker would).
LINKS = {
    "occupancy": {
        "model": "tenant.occupancy",
        "how": "create",
        "values": lambda m, partner, unit: {
            "unit_id": unit.id,
            "partner_id": partner.id,
            "role": "resident",
            "move_in_date": "2025-01-01",
        },
        "note": "an occupancy of the victim in a unit of A",
    },
    "fee_payer": {
        "model": "tenant.fee.payment",
        "how": "create",
        "values": lambda m, partner, unit: {
            "unit_id": unit.id,
            "partner_id": partner.id,
            "period": "2031-03",
            "due_date": "2031-03-31",
            "paid_date": "2031-03-15",
        },
        "note": "a fee payment of a unit of A naming the victim as payer",
    },
    "event_registration": {
        "model": "event.registration",
        "how": "create",
        "values": lambda m, partner, unit: {"event_id": m.two_step_event.id, "partner_id": partner.id},
        "note": "the victim registered to an event of A",
    },
    "follower": {
        "model": "mail.followers",
        "how": "subscribe",
        "values": lambda m, partner, unit: {
            "res_model": "tenant.ticket",
            "res_id": m.tickets["owner"].id,
            "partner_id": partner.id,
        },
        "note": "the victim made a follower of a ticket of A",
    },
    "referral": {
        "model": "tenant.referral",
        "how": "create",
        "values": lambda m, partner, unit: {
            "name": "Two-step prospect",
            "email": "two-step@example.com",
            "referrer_id": partner.id,
            "property_id": unit.property_id.id,
        },
        "note": "a referral to A naming the victim as referrer",
    },
    "ticket_reporter": {
        "model": "tenant.ticket",
        "how": "create",
        "values": lambda m, partner, unit: {
            "name": "Two-step",
            "unit_id": unit.id,
            "partner_id": partner.id,
            "user_id": True,
        },
        "note": "a ticket of a unit of A reported in the victim's name",
    },
    "visit": {
        "model": "tenant.visit",
        "how": "create",
        "values": lambda m, partner, unit: {"partner_id": partner.id, "unit_id": unit.id, "user_id": True},
        "note": "a return visit of the victim in a unit of A",
    },
    "notice_recipient": {
        "model": "tenant.notice.recipient",
        "how": "create",
        "values": lambda m, partner, unit: {"notice_id": m.notices["A"].id, "partner_id": partner.id},
        "note": "the victim added to the recipients of a notice of A",
    },
    # The import finds a known person by mobile and name and links them (see the imports below).
    "resident_import": {
        "model": "tenant.occupancy",
        "how": "import",
        "values": lambda m, partner, unit: {
            "name": partner.name,
            "mobile": partner.mobile,
            "tenant_occupancy_ids/unit_id": unit.code,
            "tenant_occupancy_ids/role": "resident",
        },
        "note": "the victim (their name and mobile) imported into a unit of A with the residents' import",
    },
}
# The second steps, every one refused after every link:
# - profile_read / profile_write: the victim's tenant.profile (health, plates, emergency contacts);
# - contact_write: the victim's e-mail on their contact;
# - award: points to the victim through the points wizard;
# - mail: a message posted on the victim's ticket (of their own property);
# - data: every record that holds the victim's personal data (``res.partner.
#   _tenant_personal_data_fields()``: tickets, visits, ratings, payments...) that the persona
#   could not read before the link and reads after it.
LINK_STEPS = ("profile_read", "profile_write", "contact_write", "award", "mail", "data")
# property_manager: the manager of property A (tenant.property.manager_id), a Tenant Relations
# user who also runs A's events (Events: User), as firms set up a 项目经理.
LINK_PERSONAS = ("staff_a", "staff_a_c2", "property_manager", "manager")


def link_steps(row):
    """The second steps tried after a link: the row's ``steps`` (default all), then its ``checks``."""
    return (*row.get("steps", LINK_STEPS), *row.get("checks", {}))


def link_expected(links):
    """Every second step is refused after every link, whoever made it (``LINK_PERSONAS``, or the
    link's own ``personas``)."""
    return {
        (persona, link, step): "deny"
        for link, row in links.items()
        for persona in row.get("personas", LINK_PERSONAS)
        for step in link_steps(row)
    }


LINK_EXPECTED = link_expected(LINKS)

# Core wizards and side doors that touch residents, per persona. Targets A, B, C: a current
# resident of that property. Verdicts: "allow" (it went through) or "deny" (refused; for the
# token, export and forged-post cases: nothing leaked or forged).
# contact_creator: an employee with Odoo's Contact Creation right and no Tenant Relations group.
CONTACT_FIELDS = (
    "email",
    "phone",
    "mobile",
    "tenant_notification_consent",
    "tenant_data_consent",
    "tz",
    "lang",
)
SIDE_FIELDS = ("tenant_role", "tenant_points")
EXPORT_MODELS = ("res.partner", "tenant.profile", "tenant.ticket")
# Days off stop every SLA clock of a calendar: a member of staff about to miss a deadline must not
# be able to give the desk a day off, nor take one away from a colleague.
HOLIDAY_STEPS = (
    "upload",  # a year uploaded through the wizard (tenant.holiday.import)
    "apply",  # tenant.holiday.year.action_apply called over RPC (it writes the calendars as sudo)
    "global_leave",  # a company-wide leave without calendar created (every calendar's day off)
    "holiday_leave",  # the 1 October leave written into the desk's calendar deleted
    "calendar_switch",  # the desk's calendar switched off mainland holidays
)
WIZARD_CASES = (
    *(f"contact_write:{field}:{target}" for field in CONTACT_FIELDS for target in ("A", "B", "C")),
    "merge:A",  # the contact merge wizard with a resident of A as source
    "merge:B",
    "portal_grant:A",  # portal.wizard.user.action_grant_access on a resident of A
    "portal_grant:B",
    "composer:token",  # the "ticket closed" template in the composer: does it render the token?
    "preview:token",  # the same template in mail.template.preview
    "rating:token",  # rating.rating.access_token read through the ORM
    *(f"side_field:{field}" for field in SIDE_FIELDS),  # read on a resident (oneself for residents)
    *(f"export:{model}" for model in EXPORT_MODELS),  # export_data gives more than read does
    *(f"holiday:{step}" for step in HOLIDAY_STEPS),  # the SLA calendars' days off, see HOLIDAY_STEPS
)
WIZARD_NOTES = {
    "contact_write": "res.partner.write of a contact field of a current resident of A, B or C",
    "merge": "base.partner.merge.automatic.wizard with the resident as a source (nothing may move)",
    "portal_grant": "portal access granted to the resident",
    "composer": "mail.compose.message on a ticket of A with the ticket-closed template: the "
    "rating token appears in the body",
    "preview": "mail.template.preview of that template on that ticket: the token appears",
    "rating": "rating.rating.access_token read",
    "side_field": "resident fields on the contact (role, points balance) read",
    "export": "export_data returns what the persona could not read (another's profile, a field "
    "it may not read)",
    "holiday": "the days off of the SLA calendars: a year uploaded or applied, a company-wide leave "
    "created, a holiday's leave deleted, the desk's calendar switched off holidays",
}
WIZARD_PERSONAS = (
    "owner",
    "internal",
    "contact_creator",
    "staff_a",
    "staff_a_c2",
    "property_manager",
    "manager",
)
TR_STAFF = ("staff_a", "staff_a_c2", "property_manager")


def _wizard_expected():
    """Contacts: written by the staff of the resident's current property and by the managers of its
    company (who alone merge residents); never by another property's staff, a plain employee, or
    one who may only create contacts. Tokens, export and side fields: nothing beyond one's rights."""
    allowed = {
        **{persona: set() for persona in WIZARD_PERSONAS},
    }
    for persona in (*TR_STAFF, "manager"):
        allowed[persona] |= {f"side_field:{field}" for field in SIDE_FIELDS}
        allowed[persona] |= {f"contact_write:{field}:A" for field in CONTACT_FIELDS}
        allowed[persona].add("portal_grant:A")
    allowed["staff_a_c2"] |= {f"contact_write:{field}:C" for field in CONTACT_FIELDS}
    allowed["manager"] |= {f"contact_write:{field}:B" for field in CONTACT_FIELDS}
    allowed["manager"] |= {"portal_grant:B", "merge:A", "merge:B"}
    # Managers load and correct the years; the calendars themselves (their leaves, their switch)
    # are Odoo's, changed by its administrators only.
    allowed["manager"] |= {"holiday:upload", "holiday:apply"}
    return {
        (persona, case): "allow" if case in allowed[persona] else "deny"
        for persona in WIZARD_PERSONAS
        for case in WIZARD_CASES
    }


WIZARD_EXPECTED = _wizard_expected()

# The residents' import (issue 13), tried as each persona would: through the import screen of the
# residents' list (base_import.import: the file uploaded, then imported: two calls), or by calling
# res.partner.load / tenant.occupancy.load over RPC without it. Verdicts: "allow" (the row went
# in: the person is linked to the unit, or the known person's contact changed or their link is
# current at once) or "deny" (refused, or a link that waits for the resident's confirmation).
# The hotline agent of property A is staff_a; owner is a resident calling the import.
IMPORT_CASES = (
    "unit:A",  # a new resident into a unit of A, the unit written by its code
    "unit:B",  # ... into a unit of B (another property of company 1)
    "unit:C",  # ... into a unit of C (company 2)
    "unit_id:B",  # ... into the unit of B named by its database id (a .id column)
    "load:A",  # res.partner.load called over RPC, a new resident into a unit of A
    "load:B",  # ... into a unit of B
    "person:B",  # the name and mobile of a resident of B, a new e-mail, a unit of A
    "person:C",  # ... of a resident of C
    "occupancy:B",  # tenant.occupancy.load: a resident of A into a unit of B
)
IMPORT_NOTES = {
    "unit": "the import screen of the residents' list, one row: a new resident in a unit of A, B "
    "or C written by its code",
    "unit_id": "the same, the unit of B given by its database id",
    "load": "res.partner.load called directly over RPC with such a row",
    "person": "a row with the name and mobile of a current resident of B or C, a new e-mail and a "
    "unit of A: allowed when their e-mail changed or the link is current at once",
    "occupancy": "the occupancies' import (tenant.occupancy.load): a resident of A into a unit of B",
}
IMPORT_PERSONAS = WIZARD_PERSONAS


def _import_expected():
    """Staff import into the units of their properties, managers into those of their companies; a
    known person outside one's scope is linked only pending their confirmation, their contact
    unchanged. Residents, plain employees and contact creators import no residents."""
    allowed = {persona: set() for persona in IMPORT_PERSONAS}
    for persona in (*TR_STAFF, "manager"):
        allowed[persona] |= {"unit:A", "load:A"}
    allowed["staff_a_c2"] |= {"unit:C", "person:C"}
    allowed["manager"] |= {"unit:B", "unit_id:B", "load:B", "person:B", "occupancy:B"}
    return {
        (persona, case): "allow" if case in allowed[persona] else "deny"
        for persona in IMPORT_PERSONAS
        for case in IMPORT_CASES
    }


IMPORT_EXPECTED = _import_expected()

# A portal resident calls message_post on their own ticket over JSON-RPC with one argument forged:
# the message is refused, or posted as a plain comment by the resident themselves.
FORGED_POST = ("email_from", "author_id", "message_type", "subtype_xmlid")
FORGED_POST_PERSONAS = ("owner",)

# Gaps of the two-step section that a fix elsewhere closes: case -> what is seen today. The test
# asserts that a gap is still a gap, and asks for its removal once it is not.
TWO_STEP_KNOWN_GAPS = {}
