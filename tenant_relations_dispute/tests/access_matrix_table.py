# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix of the dispute addon: its personas, its rows, its two-step links, its routes.

Plain Python, no import: the vocabulary (operations, persona groups, policy letters, guards) is the
base's, in ``tenant_relations/tests/access_matrix_table.py``; ``test_access_matrix_dispute.py``
asserts these rows with the base's harness, and ``tools/access_matrix.py`` writes them into the
README with the base's. Adding a model of this addon to the matrix means adding its row here.

The policy (issue 18): a dispute officer sees every dispute of their companies, confidential ones
included; Tenant Relations managers and staff the non-confidential ones of their companies and
properties; a committee member, besides, the cases of the committees they sit on, confidential ones
included (never another committee's). Nobody deletes a dispute (it is archived); only an officer
marks one confidential. The sides, the evidence, the steps, the sessions and their attendance, the
agreement and its acceptances and the proceedings follow their dispute; within it, steps are
written by the system only (as the dispute moves), sessions and attendance by committee members
and officers (who attended: the secretary's or an officer's record), and only an officer deletes
a side or a piece of evidence; committees are read by the company's staff and written by
officers. On the portal a party reads (never writes) its disputes, its own side, its own evidence
and the other side's shared evidence, and the agreements to sign; never the other side's private
evidence or thread, the sessions, the steps or the committees. A resident who is no party sees
nothing of it.

Places of the fixtures: ``A`` and ``B`` (non-confidential disputes of property A and B, B's heard by
committee A), ``A-secret`` (confidential, committee A), ``B-secret`` (confidential, the other
committee), ``C`` (company 2); ``*1``/``*2`` the committees of company 1/2, ``*`` the levels.
"""

STAFF_GROUPS = "base.group_allow_export,base.group_partner_manager"
COMPANY_1 = ("*", "*1")
EXTRA_PERSONAS = {
    "officer": {
        "label": "dispute officer of company 1 (staff of A)",
        "groups": f"tenant_relations_dispute.group_tenant_dispute_officer,{STAFF_GROUPS}",
        "properties": ("A",),
        "scope": {"A", "A-secret", "B", "B-secret", *COMPANY_1},
        "move_to": "C",
    },
    "committee_a": {
        "label": "staff of A sitting on committee A (cases A-secret and B)",
        "groups": f"tenant_relations_dispute.group_tenant_dispute_committee,{STAFF_GROUPS}",
        "properties": ("A",),
        "scope": {"A", "A-secret", "B", *COMPANY_1},
        "move_to": "C",
    },
    "committee_other": {
        "label": "staff of A sitting on another committee (case B-secret)",
        "groups": f"tenant_relations_dispute.group_tenant_dispute_committee,{STAFF_GROUPS}",
        "properties": ("A",),
        "scope": {"A", "B-secret", *COMPANY_1},
        "move_to": "C",
    },
    "claimant": {
        "label": "portal resident of A-102, claimant in dispute A",
        "groups": "base.group_portal",
        "unit": "A2",
        "portal": True,
    },
    "respondent": {
        "label": "portal resident of A-101, respondent in dispute A",
        "groups": "base.group_portal",
        "unit": "A",
        "portal": True,
    },
    "stranger": {
        "label": "portal resident of A-102, party to no dispute",
        "groups": "base.group_portal",
        "unit": "A2",
        "portal": True,
    },
}

OFFICER = "officer"
MEMBERS = ("committee_a", "committee_other")
PARTIES = ("claimant", "respondent")
# Everyone who handles cases in the back office, each within their scope.
CASE_STAFF = ("staff", "manager", OFFICER, *MEMBERS)
# ... who only read the ladder's and the committees' records.
READERS = ("staff", "manager", *MEMBERS)
# Who handles the committee's sessions: its members and the officers, not plain staff.
COMMITTEE = (OFFICER, *MEMBERS)


def _committees(m):
    """Committee A and another committee of company 1, one of company 2; a staff member each."""
    Committee = m.env["tenant.mediation.committee"]
    m.committees = {}
    for key, company, member in (
        ("A", m.company, "committee_a"),
        ("other", m.company, "committee_other"),
        ("C", m.company2, None),
    ):
        members = [m.Command.create({"partner_id": m.partner["spare_A-former"].id, "member_type": "neutral"})]
        if member:
            members.append(
                m.Command.create(
                    {
                        "partner_id": m.partner[member].id,
                        "user_id": m.users[member].id,
                        "member_type": "staff",
                        "role": "chair",
                    }
                )
            )
        m.committees[key] = Committee.create(
            {"name": f"Matrix committee {key}", "company_id": company.id, "member_ids": members}
        )
    return [
        (m.committees["A"], "*1", set()),
        (m.committees["other"], "*1", set()),
        (m.committees["C"], "*2", set()),
    ]


def _committee_members(m):
    return [
        (member, place, set())
        for committee, place, _owners in m.fixture("tenant.mediation.committee")
        for member in committee.member_ids
    ]


# place -> (unit key, confidential, committee key, claimant, respondent)
DISPUTES = {
    "A": ("A", False, "A", "claimant", "respondent"),
    "A-secret": ("A", True, "A", "spare_A", "neighbour"),
    "B": ("B", False, "A", "resident_b", "spare_B"),
    "B-secret": ("B", True, "other", "spare_B", "resident_b"),
    "C": ("C", False, "C", "resident_c", "spare_C"),
}


def _disputes(m):
    """The five disputes of the places above, each with its claimant and respondent."""
    m.fixture("tenant.mediation.committee")
    m.probe_partner = m.env["res.partner"].create({"name": "Matrix probe party"})
    m.disputes = {}
    for place, (unit, confidential, committee, claimant, respondent) in DISPUTES.items():
        m.disputes[place] = m.env["tenant.dispute"].create(
            {
                "name": f"Matrix noise {place}",
                "unit_id": m.unit[unit].id,
                "property_id": m.prop[unit].id,
                "confidential": confidential,
                "committee_id": committee and m.committees[committee].id,
                "party_ids": [
                    m.Command.create({"partner_id": m.partner[claimant].id, "role": "claimant"}),
                    m.Command.create({"partner_id": m.partner[respondent].id, "role": "respondent"}),
                ],
            }
        )
    return [
        (dispute, place, set(PARTIES) if place == "A" else set()) for place, dispute in m.disputes.items()
    ]


def _side(m, place, role):
    return m.disputes[place].party_ids.filtered(lambda party: party.role == role)


def _parties(m):
    """Each side of each dispute: a party reads its own side only."""
    m.fixture("tenant.dispute")
    rows = []
    for place, dispute in m.disputes.items():
        for party in dispute.party_ids:
            owners = {name for name in PARTIES if m.partner[name] == party.partner_id}
            rows.append((party, place, owners))
    # A note on each side's own thread of A: never the other side's to read.
    for role in PARTIES:
        _side(m, "A", role).message_post(body=f"Matrix {role}'s own note", message_type="comment")
    return rows


def _evidence(m):
    """In dispute A, a private and a shared piece of each side; elsewhere the claimant's, shared."""
    m.fixture("tenant.dispute.party")
    Evidence = m.env["tenant.dispute.evidence"]
    m.evidence = {}
    rows = []
    for place in DISPUTES:
        for role, persona in (("claimant", "claimant"), ("respondent", "respondent")):
            for shared in (False, True):
                if place != "A" and (role == "respondent" or not shared):
                    continue
                key = f"{place}:{role}:{'shared' if shared else 'private'}"
                m.evidence[key] = Evidence.create(
                    {
                        "party_id": _side(m, place, role).id,
                        "name": f"Matrix evidence {key}",
                        "shared": shared,
                    }
                )
                owners = (set(PARTIES) if shared else {persona}) if place == "A" else set()
                rows.append((m.evidence[key], place, owners))
    return rows


def _per_dispute(build, owners=frozenset()):
    """A fixture with one record per dispute, made by ``build(m, dispute)``; the parties of A are
    entitled to A's when ``owners`` says so."""

    def fixture(m):
        m.fixture("tenant.dispute")
        return [
            (build(m, dispute), place, set(owners) if place == "A" else set())
            for place, dispute in m.disputes.items()
        ]

    return fixture


def _step(m, dispute):
    return m.env["tenant.dispute.step"].create(
        {"dispute_id": dispute.id, "level_id": dispute.level_id.id, "date_start": "2030-01-02"}
    )


def _session(m, dispute):
    return m.env["tenant.mediation.session"].create(
        {
            "dispute_id": dispute.id,
            "date_start": "2031-02-01 10:00:00",
            "location": "Matrix meeting room",
            "deliberation": f"<p>Matrix deliberation {dispute.name}</p>",
            "attendance_ids": [
                m.Command.create({"partner_id": party.partner_id.id, "attendance_role": "party"})
                for party in dispute.party_ids
            ],
        }
    )


def _attendances(m):
    return [
        (attendance, place, set())
        for session, place, _owners in m.fixture("tenant.mediation.session")
        for attendance in session.attendance_ids
    ]


def _agreement(m, dispute):
    """Sent for signature: a draft is the staff's work, which the parties do not read."""
    agreement = m.env["tenant.dispute.agreement"].create(
        {
            "dispute_id": dispute.id,
            "terms": f"<p>Matrix terms {dispute.name}</p>",
            "acceptance_ids": [m.Command.create({"party_id": party.id}) for party in dispute.party_ids],
        }
    )
    agreement.action_send_for_signature()
    return agreement


def _acceptances(m):
    return [
        (acceptance, place, set(owners))
        for agreement, place, owners in m.fixture("tenant.dispute.agreement")
        for acceptance in agreement.acceptance_ids
    ]


def _proceeding(m, dispute):
    return m.env["tenant.dispute.proceeding"].create(
        {"dispute_id": dispute.id, "institution": "Matrix arbitration commission", "case_number": "M-1"}
    )


ALL = ("reads", "write", "create", "unlink")
NO_NAME = ("reads_no_name", "write", "create", "unlink")

ROWS = {
    # Back office: each within their scope (see the module's docstring); nobody deletes a dispute.
    # Parties read theirs on the portal.
    "tenant.dispute": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {CASE_STAFF: "ooo-", PARTIES: "o---"},
        # A probe placed like a confidential dispute is confidential: only an officer marks one so.
        "guards": {
            "create": ("AccessError", "UserError: Only a dispute officer can mark a dispute confidential")
        },
        "fixture": _disputes,
        "read": ["name", "description"],
        "create": lambda m, t, uid: {
            "name": "Probe",
            "unit_id": t.unit_id.id,
            "property_id": t.property_id.id,
            "confidential": t.confidential,
            "committee_id": t.committee_id.id,
            "party_ids": [
                m.Command.create({"partner_id": party.partner_id.id, "role": party.role})
                for party in t.party_ids
            ],
        },
        "move": "unit_id",
        "note": "the disputes of A (one confidential), of B (one confidential) and of C",
    },
    # The ladder's rungs: one list for every company; staff read it, managers configure it.
    "tenant.dispute.level": {
        "ops": ALL,
        "policy": {(*READERS, OFFICER): "o---", "manager": "oooo"},
        "fixture": lambda m: [
            (m.env.ref("tenant_relations_dispute.tenant_dispute_level_mediation"), "*", set())
        ],
        "read": ["name", "deadline_days"],
        "write": {"deadline_days": 30},
        "create": lambda m, t, uid: {"name": "Probe"},
    },
    # A side and its own thread: a party reads and posts on its own side only. Only an officer
    # deletes a side (its thread and evidence go with it), and never the last one of a side: each
    # side of these disputes is its last, so the officer's deletions are refused by that check.
    "tenant.dispute.party": {
        "ops": (*ALL, "message_post"),
        "policy": {CASE_STAFF: "ooo-", PARTIES: "o---", "post": {PARTIES: "own"}},
        "guards": {
            ("unlink", OFFICER): (
                "AccessError",
                "ValidationError: a dispute has at least one claimant and one respondent",
            )
        },
        "fixture": _parties,
        "read": ["partner_id", "role"],
        "write": {"party_type": "resident"},
        "create": lambda m, t, uid: {
            "dispute_id": t.dispute_id.id,
            "partner_id": m.probe_partner.id,
            "role": "respondent",
        },
        "note": "each side of each dispute, with its own thread",
    },
    # A party reads its own evidence and the other side's shared pieces; it adds its own through
    # the portal route (below), never through the ORM. Only an officer deletes a piece (one filed
    # by mistake, or that must not be kept).
    "tenant.dispute.evidence": {
        "ops": ALL,
        "policy": {READERS: "ooo-", OFFICER: "oooo", PARTIES: "o---"},
        "fixture": _evidence,
        "read": ["name", "description"],
        "create": lambda m, t, uid: {"party_id": t.party_id.id, "name": "Probe", "shared": t.shared},
        "note": "the evidence of each side of A, private and shared; the claimant's shared piece elsewhere",
    },
    # The ladder's history: written by the system only, as the dispute moves (an officer moves
    # it); nobody writes a step by hand.
    "tenant.dispute.step": {
        "ops": NO_NAME,
        "policy": {(*READERS, OFFICER): "o---"},
        "fixture": _per_dispute(_step),
        "read": ["date_start", "reason"],
        "write": {"reason": "Probe"},
        "create": lambda m, t, uid: {
            "dispute_id": t.dispute_id.id,
            "level_id": t.level_id.id,
            "date_start": "2031-01-01",
        },
    },
    # Sessions are the committee's: its members and the officers plan and write them; plain staff
    # and managers read them.
    "tenant.mediation.session": {
        "ops": (*NO_NAME, "message_post"),
        "policy": {("staff", "manager"): "o---", COMMITTEE: "ooo-"},
        "fixture": _per_dispute(_session),
        "read": ["date_start", "location", "minutes"],
        "write": {"location": "Probe"},
        "create": lambda m, t, uid: {"dispute_id": t.dispute_id.id, "date_start": "2031-03-01 10:00:00"},
    },
    # The committee's deliberations: its members' and officers', not plain staff's nor managers'.
    "tenant.mediation.session#deliberation": {
        "ops": ("field_reads",),
        "policy": {(OFFICER, *MEMBERS): "o---"},
        "fixture": "tenant.mediation.session",
        "read": ["date_start", "deliberation"],
        "note": "a session's deliberations read",
    },
    # Who attended is recorded by the committee's secretary or an officer (the members here are
    # chairs: they list people and remove lines, but do not tick who came); the lines follow their
    # session's members, so they are deleted too (a line ticked attended only by the recorders).
    "tenant.mediation.attendance": {
        "ops": NO_NAME,
        "policy": {("staff", "manager"): "o---", OFFICER: "oooo", MEMBERS: "o-oo"},
        "fixture": _attendances,
        "read": ["partner_id", "attended"],
        "write": {"attended": True},
        "create": lambda m, t, uid: {
            "session_id": t.session_id.id,
            "partner_id": m.probe_partner.id,
            "attendance_role": "other",
        },
    },
    # The parties read the agreement of their dispute and every acceptance of it (who signed).
    "tenant.dispute.agreement": {
        "ops": (*ALL, "message_post"),
        "policy": {CASE_STAFF: "ooo-", PARTIES: "o---"},
        "fixture": _per_dispute(_agreement, PARTIES),
        "read": ["name", "terms"],
        "write": {"fulfilment_due": "2031-06-30"},
        "create": lambda m, t, uid: {"dispute_id": t.dispute_id.id, "terms": "<p>Probe</p>"},
    },
    "tenant.dispute.acceptance": {
        "ops": NO_NAME,
        # Nobody writes an acceptance: its signature is recorded by _tenant_sign alone.
        "policy": {CASE_STAFF: "o-o-", PARTIES: "o---"},
        "fixture": _acceptances,
        "read": ["partner_id", "signed_by"],
        "write": {"signed_by": "Probe"},
        "create": lambda m, t, uid: {"agreement_id": t.agreement_id.id, "party_id": t.party_id.id},
    },
    "tenant.dispute.proceeding": {
        "ops": (*NO_NAME, "message_post"),
        "policy": {CASE_STAFF: "ooo-"},
        "fixture": _per_dispute(_proceeding),
        "read": ["institution", "case_number"],
        "write": {"case_number": "Probe"},
        "create": lambda m, t, uid: {"dispute_id": t.dispute_id.id, "institution": "Probe"},
    },
    # Committees and their seats: read by the company's staff, set up by its officers.
    "tenant.mediation.committee": {
        "ops": ALL,
        "policy": {READERS: "o---", OFFICER: "ooo-"},
        "fixture": _committees,
        "read": ["name", "quorum"],
        "write": {"quorum": 2},
        "create": lambda m, t, uid: {"name": "Probe", "company_id": t.company_id.id},
        "note": "committee A and another of company 1, one of company 2",
    },
    "tenant.mediation.committee.member": {
        "ops": ALL,
        "policy": {READERS: "o---", OFFICER: "ooo-"},
        "fixture": _committee_members,
        "read": ["partner_id", "role"],
        "write": {"role": "secretary"},
        "create": lambda m, t, uid: {"committee_id": t.committee_id.id, "partner_id": m.probe_partner.id},
    },
}


# Two-step links ----------------------------------------------------------------------------------
LINK_STAFF = ("staff_a", "staff_a_c2", "property_manager", "manager", OFFICER, "committee_a")


def _seat_oneself(m, penv, partner, unit):
    """A committee member gives themselves a seat on the other committee."""
    penv["tenant.mediation.committee.member"].create(
        {
            "committee_id": m.committees["other"].id,
            "partner_id": penv.user.partner_id.id,
            "user_id": penv.uid,
            "member_type": "staff",
        }
    )


def _evidence_on_other_side(m, penv, partner, unit):
    """The claimant files a piece on the respondent's side of dispute A."""
    penv["tenant.dispute.evidence"].create(
        {"party_id": _side(m, "A", "respondent").id, "name": "Forged", "shared": True}
    )


def _reads_other_private(m, penv, victim):
    return penv["tenant.dispute.evidence"].browse(m.evidence["A:respondent:private"].id).read(["name"])


def _reads_other_thread(m, penv, victim):
    return penv["mail.message"].search(
        [("model", "=", "tenant.dispute.party"), ("res_id", "=", _side(m, "A", "respondent").id)]
    )


LINKS = {
    # Staff of A open a dispute of A naming a resident of B as respondent: the dispute is theirs,
    # the resident's profile, points, tickets and contact are not.
    "dispute_party": {
        "model": "tenant.dispute",
        "how": "create",
        "values": lambda m, partner, unit: {
            "name": "Two-step dispute",
            "unit_id": unit.id,
            "party_ids": [
                m.Command.create({"partner_id": m.partner["claimant"].id, "role": "claimant"}),
                m.Command.create({"partner_id": partner.id, "role": "respondent"}),
            ],
        },
        "personas": LINK_STAFF,
        "note": "a dispute in a unit of A naming the victim as its respondent",
    },
    "dispute_side": {
        "model": "tenant.dispute.party",
        "how": "create",
        "values": lambda m, partner, unit: {
            "dispute_id": m.disputes["A"].id,
            "partner_id": partner.id,
            "role": "respondent",
        },
        "personas": LINK_STAFF,
        "note": "the victim added as a side to dispute A",
    },
    "committee_seat": {
        "model": "tenant.mediation.committee.member",
        "how": "create",
        "values": lambda m, partner, unit: {
            "committee_id": m.committees["A"].id,
            "partner_id": partner.id,
            "member_type": "neutral",
        },
        "personas": ("staff_a", "manager", OFFICER, "committee_a"),
        "note": "the victim given a seat on committee A",
    },
    # Then: the other committee's confidential case read.
    "own_seat_elsewhere": {
        "model": "tenant.mediation.committee.member",
        "how": "call",
        "make": _seat_oneself,
        "steps": (),
        "checks": {
            "other_case": lambda m, penv, victim: (
                penv["tenant.dispute"].browse(m.disputes["B-secret"].id).read(["name"])
            ),
        },
        "personas": ("committee_a", "staff_a"),
        "note": "a member of committee A seats themselves on the other committee, then reads its "
        "confidential case (`other_case`)",
    },
    # Then: the respondent's private evidence and own thread read.
    "evidence_other_side": {
        "model": "tenant.dispute.evidence",
        "how": "call",
        "make": _evidence_on_other_side,
        "steps": (),
        "checks": {"other_private": _reads_other_private, "other_thread": _reads_other_thread},
        "personas": ("claimant",),
        "note": "the claimant files evidence on the respondent's side of dispute A, then reads "
        "the respondent's private evidence (`other_private`) and thread (`other_thread`)",
    },
}


# Portal routes -----------------------------------------------------------------------------------
# Tried over HTTP by ``test_access_matrix_dispute.py`` as each of ``ROUTE_PERSONAS``: ``allow``
# served (the page shows what the case names, the POST changed what it names), ``deny`` refused
# or nothing shown. A route the branch does not have yet is skipped, not passed. The agreements of
# the fixtures await signatures, so that signing is tried for real.
ROUTE_PERSONAS = ("anonymous", "signup", "tenant", "stranger", "claimant", "respondent", "staff_a")
ROUTE_CASES = (
    "list",  # /my/disputes lists dispute A
    "page",  # /my/disputes/<A> shows A
    "page_other",  # /my/disputes/<B-secret>: a dispute of others
    "other_private",  # A's page shows the other side's private evidence
    "other_thread",  # A's page shows the respondent's own thread (the claimant's for the respondent)
    "deliberation",  # A's page shows the committee's deliberations
    "pdf",  # GET /my/disputes/<A>/agreement/<A's>/pdf: the agreement printed
    "pdf_other",  # GET /my/disputes/<A>/agreement/<B-secret's>/pdf: another dispute's agreement
    "evidence",  # POST /my/disputes/<A>/evidence (multipart, a photo): a piece on one's own side
    "share_other",  # POST /my/disputes/<A>/evidence/<the other side's private>/share
    "sign",  # POST /my/disputes/<A>/agreement/<A's>/sign (JSON name, signature): one's own acceptance
    "sign_other",  # POST .../agreement/<B-secret's>/sign: another dispute's agreement signed
    "sign_mismatch",  # POST /my/disputes/<A>/agreement/<B-secret's>/sign: ids that do not match
    "evidence_other",  # POST /my/disputes/<B-secret>/evidence: evidence filed on another's case
    "evidence_forged",  # POST /my/disputes/<A>/evidence naming the other side: lands on its side
)
ROUTE_NOTES = {
    "list": "`/my/disputes` lists dispute A",
    "page": "`/my/disputes/<id>` shows dispute A",
    "page_other": "the page of a dispute the persona is no party to",
    "other_private": "A's page shows the other side's private evidence",
    "other_thread": "A's page shows the other side's own thread",
    "deliberation": "A's page shows the committee's deliberations",
    "pdf": "the agreement of A printed (`/my/disputes/<id>/agreement/<id>/pdf`)",
    "pdf_other": "the PDF route with A's id and another dispute's agreement",
    "evidence": "the evidence route (multipart POST, with a photo) files a piece on one's own side of A",
    "share_other": "the share route shares the other side's private evidence of A",
    "sign": "the sign route (JSON) signs one's own acceptance of A's agreement",
    "sign_other": "the sign route (JSON) signs an acceptance of a dispute the persona is no party to",
    "sign_mismatch": "the sign route with A's id and another dispute's agreement",
    "evidence_other": "the evidence route (POST) files a piece on a dispute the persona is no party to",
    "evidence_forged": "the evidence route on A, naming the other side's record, files on the other side",
}


def _route_expected():
    allowed = {persona: set() for persona in ROUTE_PERSONAS}
    for persona in PARTIES:
        allowed[persona] |= {"list", "page", "pdf", "evidence", "sign"}
    return {
        (persona, case): "allow" if case in allowed[persona] else "deny"
        for persona in ROUTE_PERSONAS
        for case in ROUTE_CASES
    }


ROUTE_EXPECTED = _route_expected()
