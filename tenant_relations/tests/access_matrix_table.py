# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix: who may do what to which records, as the product intends it.

Plain Python on purpose (no Odoo import): ``test_access_matrix.py`` asserts every cell against a
real database, and ``tools/access_matrix.py`` writes the same table into the README.

A cell is ``(persona, model, operation)`` and its verdict one of:

- ``"allow"``: the persona reaches the records of others too (e.g. a shared catalogue);
- ``"own"``: only the records in the persona's scope (their properties for staff, their companies
  for managers, their own or their household's for residents), never another's;
- ``"deny"``: nothing at all (an AccessError, or nothing found).

For ``create`` the scope is where the new record is placed (a unit of one's own property, a ticket
of one's own unit). ``move`` writes an own record's property, unit or company to one outside the
persona's scope: it is refused to everyone, managers included (their scope is their companies).

``KNOWN_GAPS`` lists the cells that do not yet behave as ``EXPECTED`` says, each with the finding
of issue 9 that covers it and the verdict seen today. The test asserts that a gap is still a gap:
once a fix lands it fails and asks for the cell to be removed from ``KNOWN_GAPS``.
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
# tenant_relations_dispute defines no group of its own (no dispute officer): its records follow
# the Tenant Relations groups, so there is no separate persona for it.

READ_OPS = ("read", "search_read", "read_group", "name_search", "export_data")
# award and redeem: points given to or taken from a resident through the points wizard (the only
# way staff change a balance; the wizard is callable over RPC with any resident and any number).
OPERATIONS = (*READ_OPS, "write", "create", "unlink", "message_post", "move", "award", "redeem")

RESIDENTS = ("owner", "tenant", "member", "main_contact")
STAFF = ("staff_a", "staff_a_c2")

# Models and the operations that apply to each (message_post: mail threads only; move: records
# tied to a property, unit or company).
MAIL = ("message_post",)
# Fields that some readers of a record must not see are tried on their own (``model#what``), with
# the operations that read field values.
FIELD_READ_OPS = ("read", "search_read", "export_data")
# Models without a name to search by (name_search is no operation of theirs, for anybody).
NO_NAME_READ_OPS = ("read", "search_read", "read_group", "export_data")
MOVE = ("move",)
MODELS = {
    "tenant.property": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "tenant.property#note": FIELD_READ_OPS,
    "tenant.unit": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "tenant.unit#status": FIELD_READ_OPS,
    "tenant.occupancy": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "tenant.ticket": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "tenant.ticket#access_token": FIELD_READ_OPS,
    # message_post addressed to a contact who does not follow the ticket (a resident of B).
    "tenant.ticket#recipients": MAIL,
    "tenant.ticket.sla": (*NO_NAME_READ_OPS, "write", "create", "unlink"),
    "tenant.ticket.stage": (*READ_OPS, "write", "create", "unlink"),
    "tenant.ticket.category": (*READ_OPS, "write", "create", "unlink"),
    "tenant.ticket.tag": (*READ_OPS, "write", "create", "unlink"),
    "tenant.sla.policy": (*READ_OPS, "write", "create", "unlink", *MOVE),
    "tenant.team": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "tenant.visit": (*NO_NAME_READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "tenant.notice": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    # write: link a file to one's own notice (which publishing hands out to residents).
    "tenant.notice#attachment": ("write",),
    "tenant.notice.recipient": (*READ_OPS, "write", "create", "unlink"),
    "tenant.referral": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "tenant.greeting.campaign": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "tenant.greeting.log": (*READ_OPS, "write", "create", "unlink"),
    "tenant.fee.payment": (*NO_NAME_READ_OPS, "write", "create", "unlink", *MOVE),
    # create: a payment of a unit of A naming as payer a resident of A, of B, of C.
    "tenant.fee.payment#payer": ("create",),
    # create: a notice to every property of the company (all_properties).
    "tenant.notice#all_properties": ("create",),
    "tenant.dispute": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "tenant.profile": (*READ_OPS, "write", "create", "unlink", *MAIL, *MOVE),
    "ir.attachment#ticket": (*READ_OPS, "write", "create", "unlink"),
    "ir.attachment#notice": (*READ_OPS, "write", "unlink"),
    "mail.message#ticket": (*READ_OPS, "write", "create", "unlink"),
    "rating.rating#ticket": (*READ_OPS, "write", "create", "unlink"),
    "loyalty.card": (*READ_OPS, "write", "create", "unlink"),
    "loyalty.history": (*NO_NAME_READ_OPS, "write", "create", "unlink"),
    "event.registration": (*READ_OPS, "write", "create", "unlink"),
    "loyalty.points": ("award", "redeem"),
}

# What the lines that are not plain models try (the README prints these notes).
MODEL_NOTES = {
    "tenant.property#note": "the property's back-office note only",
    "tenant.unit#status": "the unit's occupancy and works status only",
    "tenant.ticket#access_token": "the ticket's access token only",
    "tenant.ticket#recipients": "a message posted on a ticket addressed to a resident of B (who does "
    "not follow it): allowed when it went through and addresses them",
    "tenant.notice#attachment": "write: a file linked to one's own notice (publishing hands it out)",
    "tenant.fee.payment#payer": "create: a payment of a unit of A naming a payer of A, B or C",
    "tenant.notice#all_properties": "create: a notice to every property of the company",
    "tenant.profile": "the resident's sensitive profile (health, vehicles, emergency contacts)",
    "ir.attachment#ticket": "files on tickets",
    "ir.attachment#notice": "statements linked to notices",
    "mail.message#ticket": "messages on tickets",
    "rating.rating#ticket": "ratings of tickets",
    "loyalty.points": "award · redeem through the points wizard (the persona itself is tried too)",
}

# The intended policy, one line per model: persona -> read, write, create, unlink verdicts as four
# letters (o = own, a = allow, - = deny). Personas left out deny everything. ``post`` gives the
# message_post verdicts where they differ from write.
_POLICY = {
    "tenant.property": {
        **dict.fromkeys(RESIDENTS, "o---"),
        **dict.fromkeys(STAFF, "o---"),
        "manager": "oooo",
    },
    # Back-office notes on a property and a unit's occupancy and works status: staff only.
    "tenant.property#note": {**dict.fromkeys(STAFF, "o---"), "manager": "o---"},
    "tenant.unit#status": {**dict.fromkeys(STAFF, "o---"), "manager": "o---"},
    "tenant.unit": {
        **dict.fromkeys(RESIDENTS, "o---"),
        **dict.fromkeys(STAFF, "ooo-"),
        "manager": "oooo",
    },
    # Staff do not delete an occupancy (it is the history of who lived where, and what their
    # rights were): they end it or archive it. Managers may delete a mistaken one.
    "tenant.occupancy": {
        **dict.fromkeys((*RESIDENTS, "former"), "o---"),
        **dict.fromkeys(STAFF, "ooo-"),
        "manager": "oooo",
    },
    "tenant.ticket": {
        **dict.fromkeys((*RESIDENTS, "former"), "o---"),
        **dict.fromkeys(STAFF, "ooo-"),
        "manager": "oooo",
        # Residents write in their own requests' conversation (the portal chatter does it).
        "post": dict.fromkeys((*RESIDENTS, "former"), "own"),
    },
    # A ticket's access token is read by nobody through the ORM, not even staff or managers: the
    # reporter receives it in their own mails and page (see the route case ticket_page:token).
    "tenant.ticket#access_token": {},
    # Residents address their messages to the ticket's followers only: the system mails nobody
    # else for them. Staff address the people of their own properties, never a resident of
    # another property (refused, or the resident is not among the message's recipients);
    # managers anyone of their companies.
    "tenant.ticket#recipients": {
        **dict.fromkeys(STAFF, "----"),
        "manager": "----",
        "post": {"manager": "own"},
    },
    "tenant.ticket.sla": {
        **dict.fromkeys((*RESIDENTS, "former"), "o---"),
        **dict.fromkeys(STAFF, "o---"),
        "manager": "oooo",
    },
    "tenant.ticket.stage": {
        **dict.fromkeys((*RESIDENTS, "former", "signup"), "o---"),
        **dict.fromkeys(STAFF, "o---"),
        "manager": "oooo",
    },
    "tenant.ticket.category": {
        **dict.fromkeys((*RESIDENTS, "former", "signup"), "o---"),
        **dict.fromkeys(STAFF, "o---"),
        "manager": "oooo",
    },
    "tenant.ticket.tag": {**dict.fromkeys(STAFF, "ooo-"), "manager": "oooo"},
    "tenant.sla.policy": {**dict.fromkeys(STAFF, "o---"), "manager": "oooo"},
    "tenant.team": {**dict.fromkeys(STAFF, "o---"), "manager": "oooo"},
    "tenant.visit": {**dict.fromkeys(STAFF, "ooo-"), "manager": "oooo"},
    "tenant.notice": {
        **dict.fromkeys((*RESIDENTS, "former"), "o---"),
        **dict.fromkeys(STAFF, "ooo-"),
        "manager": "oooo",
    },
    # A notice hands out only files attached to it, never a ticket's photo or another's file.
    "tenant.notice#attachment": {**dict.fromkeys(STAFF, "-o--"), "manager": "-o--"},
    "tenant.notice.recipient": {
        **dict.fromkeys((*RESIDENTS, "former"), "o---"),
        **dict.fromkeys(STAFF, "ooo-"),
        "manager": "oooo",
    },
    "tenant.referral": {
        **dict.fromkeys((*RESIDENTS, "former", "signup"), "o---"),
        **dict.fromkeys(STAFF, "ooo-"),
        "manager": "oooo",
    },
    "tenant.greeting.campaign": {**dict.fromkeys(STAFF, "o---"), "manager": "oooo"},
    # The payer of a unit's fee lives in the unit's property.
    "tenant.fee.payment#payer": {**dict.fromkeys(STAFF, "--o-"), "manager": "--o-"},
    # Only managers address a notice to every property of their company.
    "tenant.notice#all_properties": {"manager": "--o-"},
    "tenant.greeting.log": {**dict.fromkeys(STAFF, "o---"), "manager": "oooo"},
    "tenant.fee.payment": {**dict.fromkeys(STAFF, "ooo-"), "manager": "oooo"},
    "tenant.dispute": {**dict.fromkeys(STAFF, "ooo-"), "manager": "oooo"},
    # The sensitive profile (health, plates, emergency contacts) is a record of its own: staff
    # keep those of the people who live in their properties now, managers those of their
    # companies (former residents' too); no resident and no other employee reads one.
    "tenant.profile": {**dict.fromkeys(STAFF, "ooo-"), "manager": "oooo"},
    # Residents download their requests' files through the portal route, which serves the
    # reporter's own uploads only (route cases ticket_file:*); nothing through the ORM.
    "ir.attachment#ticket": {
        **dict.fromkeys(STAFF, "oooo"),
        "manager": "oooo",
    },
    # Messages of the tickets one may read; one edits one's own (the owner wrote the comment).
    # Statements attached to notices: residents download them from their notice page (with the
    # links it makes for them), not through the ORM.
    "ir.attachment#notice": {**dict.fromkeys(STAFF, "oo-o"), "manager": "oo-o"},
    "mail.message#ticket": {
        **dict.fromkeys(("tenant", "member", "former", "main_contact"), "o---"),
        "owner": "oo--",
        **dict.fromkeys(STAFF, "oooo"),
        "manager": "oooo",
    },
    "rating.rating#ticket": {**dict.fromkeys(STAFF, "o---"), "manager": "o---"},
    # Points: staff award them to the current residents of their properties (never to themselves,
    # never to another property's); only managers redeem, for their companies' residents.
    "loyalty.points": {
        "ops": {
            "award": {**dict.fromkeys(STAFF, "own"), "manager": "own"},
            "redeem": {"manager": "own"},
        }
    },
    # Cards and their ledger: staff read those of their properties' current residents (the Points
    # menu), managers those of their companies' residents; nobody writes them over RPC (points
    # move through the wizard and the earning rules only); residents see their own on /my/points.
    # Event registrations belong to Odoo's Events app: no Tenant Relations right on them.
    "loyalty.card": {**dict.fromkeys(STAFF, "o---"), "manager": "o---"},
    "loyalty.history": {**dict.fromkeys(STAFF, "o---"), "manager": "o---"},
}

_LETTER = {"o": "own", "a": "allow", "-": "deny"}
NO_EXPORT = ("anonymous", "signup", *RESIDENTS, "former")


def _expand():
    expected = {}
    for model, ops in MODELS.items():
        policy = _POLICY.get(model, {})
        for persona in PERSONAS:
            read, write, create, unlink = (_LETTER[c] for c in policy.get(persona, "----"))
            by_op = {"write": write, "create": create, "unlink": unlink, "move": "deny"}
            by_op["message_post"] = policy.get("post", {}).get(persona, write)
            for op, verdicts in policy.get("ops", {}).items():
                by_op[op] = verdicts.get(persona, "deny")
            for op in ops:
                expected[(persona, model, op)] = read if op in READ_OPS else by_op[op]
                if op == "export_data" and (persona in NO_EXPORT or model == "mail.message#ticket"):
                    # Odoo lets only employees of the "Access to export feature" group export,
                    # and only administrators export messages.
                    expected[(persona, model, op)] = "deny"
    return expected


EXPECTED = _expand()

# Cells that still leak (or are still refused) today: cell -> (finding of issue 9, verdict seen),
# e.g. ``("staff_a", "tenant.visit", "create"): ("finding 2", "allow")``; "new: ..." for a gap none
# of the eight findings names. Empty: the 18 gaps the matrix found first (findings 2 and 8, staff
# editing ratings) are fixed.
KNOWN_GAPS = {}

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
    allowed = {
        "anonymous": {"ticket_page:token", "ticket_file:token", "feedback:property", "rate:token"},
        "signup": {
            "ticket_page:token",
            "ticket_file:token",
            "points:own",
            "referrals:own",
            "feedback:property",
            "rate:token",
        },
        "owner": {
            "ticket_page:own",
            "ticket_page:token",
            # Signed in, the owner reads their own ticket with their rights, whatever the token.
            "ticket_page:no_token",
            "ticket_page:wrong_token",
            "ticket_page:stale_token",
            "ticket_page:other_token",
            "ticket_file:own",
            "ticket_file:token",
            "ticket_file:no_token",
            "ticket_file:wrong_token",
            "ticket_file:stale_token",
            "notice_page:own",
            "points:own",
            "referrals:own",
            "feedback:property",
            "rate:token",
        },
        "member": {
            "ticket_page:own",
            "ticket_page:token",
            "ticket_file:own",
            "ticket_file:token",
            "notice_page:own",
            "points:own",
            "referrals:own",
            "feedback:property",
            "rate:token",
        },
        # A former resident keeps their own request (token or signed in), and nothing new.
        "former": {
            "ticket_page:own",
            "ticket_page:token",
            "ticket_file:own",
            "ticket_file:token",
            "points:own",
            "referrals:own",
            "feedback:property",
            "rate:token",
        },
        "main_contact": {
            "ticket_page:own",
            "ticket_page:household",
            "ticket_page:token",
            # The owner's ticket: same household, read with the main contact's rights.
            "ticket_page:no_token",
            "ticket_page:wrong_token",
            "ticket_page:stale_token",
            "ticket_page:other_token",
            "ticket_file:own",
            "ticket_file:token",
            "ticket_file:no_token",
            "ticket_file:wrong_token",
            "ticket_file:stale_token",
            "notice_page:own",
            "points:own",
            "referrals:own",
            "feedback:property",
            "rate:token",
        },
        # Staff of A read A's requests on the portal page with their own rights.
        "staff_a": {
            "ticket_page:own",
            "ticket_page:household",
            "ticket_page:earlier_occupant",
            "ticket_page:neighbour",
            "ticket_page:no_token",
            "ticket_page:token",
            "ticket_page:wrong_token",
            "ticket_page:stale_token",
            "ticket_page:other_token",
            "ticket_file:own",
            "ticket_file:neighbour",
            "ticket_file:no_token",
            "ticket_file:token",
            "ticket_file:wrong_token",
            "ticket_file:stale_token",
            "feedback:property",
            "rate:token",
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
# ``LINKS``: link name -> model, how it is made ("create" the record, or "subscribe" the victim
# to an own ticket) and optionally the ``steps`` tried after it (default: all ``LINK_STEPS``). The
# values come from the test's ``_link_values(model, partner, unit)`` hook, so that an addon's test
# class adds its own link (tenant_relations_dispute: a dispute party).
LINKS = {
    "occupancy": {"model": "tenant.occupancy", "how": "create"},
    "fee_payer": {"model": "tenant.fee.payment", "how": "create"},
    "event_registration": {"model": "event.registration", "how": "create"},
    "follower": {"model": "mail.followers", "how": "subscribe"},
    "referral": {"model": "tenant.referral", "how": "create"},
    "ticket_reporter": {"model": "tenant.ticket", "how": "create"},
    "visit": {"model": "tenant.visit", "how": "create"},
    "notice_recipient": {"model": "tenant.notice.recipient", "how": "create"},
}
LINK_NOTES = {
    "occupancy": "an occupancy of the victim in a unit of A",
    "fee_payer": "a fee payment of a unit of A naming the victim as payer",
    "event_registration": "the victim registered to an event of A",
    "follower": "the victim made a follower of a ticket of A",
    "referral": "a referral to A naming the victim as referrer",
    "ticket_reporter": "a ticket of a unit of A reported in the victim's name",
    "visit": "a return visit of the victim in a unit of A",
    "notice_recipient": "the victim added to the recipients of a notice of A",
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
LINK_EXPECTED = {
    (persona, link, step): "deny" for persona in LINK_PERSONAS for link in LINKS for step in LINK_STEPS
}

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
    return {
        (persona, case): "allow" if case in allowed[persona] else "deny"
        for persona in WIZARD_PERSONAS
        for case in WIZARD_CASES
    }


WIZARD_EXPECTED = _wizard_expected()

# A portal resident calls message_post on their own ticket over JSON-RPC with one argument forged:
# the message is refused, or posted as a plain comment by the resident themselves.
FORGED_POST = ("email_from", "author_id", "message_type", "subtype_xmlid")
FORGED_POST_PERSONAS = ("owner",)

# Gaps of the two-step section that a fix elsewhere closes: case -> what is seen today. The test
# asserts that a gap is still a gap, and asks for its removal once it is not.
TWO_STEP_KNOWN_GAPS = {}
