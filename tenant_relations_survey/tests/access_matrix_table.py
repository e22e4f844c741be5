# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix of the survey addon: its rows, in the base's vocabulary.

Plain Python, no import: the vocabulary (operations, persona groups, policy letters, guards) is the
base's, in ``tenant_relations/tests/access_matrix_table.py``; ``test_access_matrix_survey.py``
asserts these rows with the base's harness, and ``tools/access_matrix.py`` writes them into the
README with the base's. The addon defines no model of its own: its rows are the survey answers it
rewards with points, which it registers as a resident's personal data.
"""


def _answers(m):
    """A satisfaction survey answered by the owner of A-1 and by a resident of B and of C."""
    survey = m.env["survey.survey"].create(
        {"title": "Matrix satisfaction", "access_mode": "public", "users_login_required": False}
    )
    Answer = m.env["survey.user_input"]
    return [
        (Answer.create({"survey_id": survey.id, "partner_id": m.partner[name].id}), key, residents)
        for key, name, residents in (
            ("A", "owner", {"owner"}),
            ("B", "resident_b", set()),
            ("C", "resident_c", set()),
        )
    ]


def _ticket_surveys(m):
    """After-request surveys of company 1 and of company 2 (a kind each: one per kind and company)."""
    survey = m.env["survey.survey"].create({"title": "Matrix after-request", "access_mode": "token"})
    Config = m.env["tenant.ticket.survey"]
    first = Config.create({"name": "Matrix C1", "kind": "repair", "survey_id": survey.id})
    second = first.copy({"name": "Matrix C2", "kind": "complaint", "company_id": m.company2.id})
    return [(first, "*1", set()), (second, "*2", set())]


ROWS = {
    # A resident's answers are read in Odoo's Surveys app by its own users only (Surveys: User or
    # Administrator, which no persona here has): no Tenant Relations group opens them, and a
    # resident answers through the survey's own pages (with its token), never through the ORM.
    "survey.user_input": {
        "ops": ("reads", "write", "create", "unlink", "message_post"),
        "policy": {},
        "fixture": _answers,
        "read": ["partner_id", "state", "tenant_points_awarded"],
        "write": {"state": "done"},
        "create": lambda m, t, uid: {"survey_id": t.survey_id.id, "partner_id": t.partner_id.id},
        "note": "a resident's answers to a satisfaction survey",
    },
    # The flag that says an answer earned its points: set by the system only (a cleared flag
    # would pay the points again, a forged one would withhold them).
    "survey.user_input#points_awarded": {
        "ops": ("write",),
        "policy": {},
        "fixture": "survey.user_input",
        "write": {"tenant_points_awarded": True},
        "note": "write: the flag that an answer earned its survey points",
    },
    # Which survey a closed ticket's reporter gets: managers configure it, staff read it, each in
    # their companies.
    "tenant.ticket.survey": {
        "ops": ("reads", "write", "create", "unlink", "move"),
        "policy": {"staff": "o---", "manager": "oooo"},
        "fixture": _ticket_surveys,
        "create": lambda m, t, uid: t.copy_data({"name": "Probe", "kind": "praise"})[0],
        "move": "company_id",
        "note": "the after-request survey sent when a ticket of a kind closes",
    },
}
