# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix of the dispute addon: its rows and its two-step link.

Plain Python, no import: the vocabulary (operations, persona groups, policy letters, guards) is the
base's, in ``tenant_relations/tests/access_matrix_table.py``; ``test_access_matrix_dispute.py``
asserts these rows with the base's harness, and ``tools/access_matrix.py`` writes them into the
README with the base's. Adding a model of this addon to the matrix means adding its row here.
"""


def _parties(claimant, firm):
    """A dispute's ``party_ids``: ``claimant`` against ``firm``, the contact of the dispute's company."""
    return [
        (0, 0, {"partner_id": claimant.id, "role": "claimant", "party_type": "resident"}),
        (0, 0, {"partner_id": firm.id, "role": "respondent", "party_type": "firm"}),
    ]


def _disputes(m):
    """A dispute of the owner of A-1 against the firm in a unit of A, of B and of C (staff's, not
    residents')."""
    Dispute = m.env["tenant.dispute"]
    return [
        (
            Dispute.create(
                {
                    "name": f"Noise {key}",
                    "party_ids": _parties(m.partner["owner"], m.prop[key].company_id.partner_id),
                    "unit_id": m.unit[key].id,
                    "property_id": m.prop[key].id,
                }
            ),
            key,
            set(),
        )
        for key in ("A", "B", "C")
    ]


ROWS = {
    # Staff keep the disputes of their properties, managers those of their companies (confidential
    # ones and the officer's and committees' personas are another step's); nobody deletes a
    # dispute, it is archived. Residents do not see them in the back office.
    "tenant.dispute": {
        "ops": ("reads", "write", "create", "unlink", "message_post", "move"),
        "policy": {"staff": "ooo-", "manager": "ooo-"},
        "fixture": _disputes,
        "read": ["name", "description"],
        "create": lambda m, t, uid: {
            "name": "Probe",
            "party_ids": _parties(t.partner_id, t.company_id.partner_id),
            "unit_id": t.unit_id.id,
            "property_id": t.property_id.id,
        },
        "move": "unit_id",
    },
    # The ladder's rungs: one list for every company; staff read it, managers configure it.
    "tenant.dispute.level": {
        "ops": ("reads", "write", "create", "unlink"),
        "policy": {"staff": "o---", "manager": "oooo"},
        "fixture": lambda m: [
            (m.env.ref("tenant_relations_dispute.tenant_dispute_level_mediation"), "*", set())
        ],
        "read": ["name", "deadline_days"],
        "write": {"deadline_days": 30},
        "create": lambda m, t, uid: {"name": "Probe"},
    },
}

# Staff of A open a dispute in a unit of A naming a resident of B as the party: the dispute is
# theirs, the resident's profile, points, tickets and contact are not.
LINKS = {
    "dispute_party": {
        "model": "tenant.dispute",
        "how": "create",
        "values": lambda m, partner, unit: {
            "name": "Two-step dispute",
            "party_ids": _parties(partner, unit.property_id.company_id.partner_id),
            "unit_id": unit.id,
        },
        "note": "a dispute in a unit of A naming the victim as its party",
    },
    "dispute_party_seat": {
        "model": "tenant.dispute.party",
        "how": "create",
        "values": lambda m, partner, unit: {
            "dispute_id": m.env["tenant.dispute"]
            .create(
                {
                    "name": "Two-step seat",
                    "party_ids": _parties(m.partner["owner"], unit.property_id.company_id.partner_id),
                    "unit_id": unit.id,
                    "property_id": unit.property_id.id,
                }
            )
            .id,
            "partner_id": partner.id,
            "role": "respondent",
        },
        "note": "a seat in a dispute of A given to the victim",
    },
}
