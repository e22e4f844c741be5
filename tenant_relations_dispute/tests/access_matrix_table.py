# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix of the dispute addon: its rows and its two-step link.

Plain Python, no import: the vocabulary (operations, persona groups, policy letters, guards) is the
base's, in ``tenant_relations/tests/access_matrix_table.py``; ``test_access_matrix_dispute.py``
asserts these rows with the base's harness, and ``tools/access_matrix.py`` writes them into the
README with the base's. Adding a model of this addon to the matrix means adding its row here.
"""


def _disputes(m):
    """A dispute with the owner of A-1 in a unit of A, of B and of C (staff's, not residents')."""
    Dispute = m.env["tenant.dispute"]
    return [
        (
            Dispute.create(
                {
                    "name": f"Noise {key}",
                    "partner_id": m.partner["owner"].id,
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
    # No group of its own (no dispute officer): disputes follow the Tenant Relations groups. Staff
    # keep those of their properties and do not delete them (the ladder is a record); managers
    # those of their companies. Residents do not see them in the back office.
    "tenant.dispute": {
        "ops": ("reads", "write", "create", "unlink", "message_post", "move"),
        "policy": {"staff": "ooo-", "manager": "oooo"},
        "fixture": _disputes,
        "read": ["name", "description"],
        "create": lambda m, t, uid: {
            "name": "Probe",
            "partner_id": t.partner_id.id,
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
            "partner_id": partner.id,
            "unit_id": unit.id,
        },
        "note": "a dispute in a unit of A naming the victim as its party",
    },
}
