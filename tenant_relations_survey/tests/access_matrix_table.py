# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix of the survey addon: its rows, in the base's vocabulary.

Plain Python, no import: the vocabulary (operations, persona groups, policy letters, guards) is the
base's, in ``tenant_relations/tests/access_matrix_table.py``; ``test_access_matrix_survey.py``
asserts these rows with the base's harness, and ``tools/access_matrix.py`` writes them into the
README with the base's. Its rows: the survey answers it rewards with points (a resident's
personal data), the campaigns that invite residents to answer, their invitation log and their
progress per property, the improvement actions planned from their scores, and the after-request
surveys sent when a ticket closes.
"""

ALL = ("reads", "write", "create", "unlink")


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


def _campaigns(m):
    """A campaign to property A, one to property B, one of company 2 to property C."""
    survey = m.env["survey.survey"].create({"title": "Matrix campaign survey", "access_mode": "token"})
    Campaign = m.env["tenant.survey.campaign"]
    return [
        (
            Campaign.create(
                {
                    "name": f"Matrix campaign {key}",
                    "survey_id": survey.id,
                    "date_start": "2027-03-01",
                    "date_deadline": "2027-03-20",
                    "company_id": m.prop[key].company_id.id,
                    "property_ids": [(6, 0, m.prop[key].ids)],
                }
            ),
            key,
            set(),
        )
        for key in ("A", "B", "C")
    ]


def _invitations(m):
    """Each campaign's invitation of a resident of its property, with the answer it created."""
    campaigns = {place: record for record, place, _o in m.fixture("tenant.survey.campaign")}
    rows = []
    for place, name in (("A", "owner"), ("B", "resident_b"), ("C", "resident_c")):
        campaign = campaigns[place]
        answer = m.env["survey.user_input"].create(
            {
                "survey_id": campaign.survey_id.id,
                "partner_id": m.partner[name].id,
                "tenant_campaign_id": campaign.id,
                "tenant_property_id": m.prop[place].id,
                "tenant_role": "owner",
            }
        )
        invitation = m.env["tenant.survey.invitation"].create(
            {"campaign_id": campaign.id, "partner_id": m.partner[name].id, "user_input_id": answer.id}
        )
        rows.append((invitation, place, set()))
    return rows


def _progress(m):
    """The progress rows of the invitations' campaigns, one per campaign and property."""
    invitations = m.fixture("tenant.survey.invitation")
    m.env.flush_all()
    Progress = m.env["tenant.survey.campaign.progress"]
    return [
        (Progress.search([("campaign_id", "=", invitation.campaign_id.id)]), place, set())
        for invitation, place, _o in invitations
    ]


def _ticket_surveys(m):
    """After-request surveys of company 1 and of company 2 (a kind each: one per kind and company)."""
    survey = m.env["survey.survey"].create({"title": "Matrix after-request", "access_mode": "token"})
    Config = m.env["tenant.ticket.survey"]
    first = Config.create({"name": "Matrix C1", "kind": "repair", "survey_id": survey.id})
    second = first.copy({"name": "Matrix C2", "kind": "complaint", "company_id": m.company2.id})
    return [(first, "*1", set()), (second, "*2", set())]


def _improvement_actions(m):
    """An improvement action on each campaign's property (A, B, and C of company 2), all owned by a
    user of both companies who is none of the personas (an owner reads the actions they own)."""
    groups = m.env.ref("tenant_relations.group_tenant_relations_user")
    owner = m.env["res.users"].create(
        {
            "name": "Matrix improvement owner",
            "login": "am_improvement_owner",
            "groups_id": [(6, 0, groups.ids)],
            "company_id": m.company.id,
            "company_ids": [(6, 0, (m.company | m.company2).ids)],
        }
    )
    topic = m.env.ref("tenant_relations_survey.tenant_survey_topic_cleaning")
    return [
        (
            m.env["tenant.improvement.action"].create(
                {
                    "name": f"Matrix improvement {key}",
                    "topic_id": topic.id,
                    "campaign_id": campaign.id,
                    "property_id": m.prop[key].id,
                    "owner_id": owner.id,
                    "date_deadline": "2027-06-30",
                }
            ),
            key,
            set(),
        )
        for campaign, key, _o in m.fixture("tenant.survey.campaign")
    ]


ROWS = {
    # Survey campaigns (满意度调查活动): staff read those of their properties, managers run them.
    "tenant.survey.campaign": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {"staff": "o---", "manager": "oooo"},
        "fixture": _campaigns,
        "create": lambda m, t, uid: {
            "name": "Probe",
            "survey_id": t.survey_id.id,
            "date_start": "2027-04-01",
            "date_deadline": "2027-04-20",
            "company_id": t.company_id.id,
            "property_ids": [(6, 0, t.property_ids.ids)],
        },
        "move": lambda m, prop, unit, company: {"company_id": company.id, "property_ids": [(6, 0, prop.ids)]},
        "note": "satisfaction survey campaigns",
    },
    # The invitation log is the engine's: written by the job only, read by staff of the
    # resident's property (frozen on the answer) and by managers.
    "tenant.survey.invitation": {
        "ops": ("reads_no_name", "write", "create", "unlink"),
        "policy": {"staff": "o---", "manager": "o---"},
        "fixture": _invitations,
        "read": ["partner_id", "wave"],
        "write": {"wave": "reminder"},
        "create": lambda m, t, uid: {
            "campaign_id": t.campaign_id.id,
            "partner_id": m.partner["neighbour"].id,
        },
        "note": "who a campaign invited and reminded",
    },
    "tenant.survey.campaign.progress": {
        "ops": ("reads_no_name",),
        "policy": {"staff": "o---", "manager": "o---"},
        "fixture": _progress,
        "read": ["invited_count", "answered_count"],
        "note": "a campaign's progress per property (a view)",
    },
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
    # The satisfaction topics questions score: Tenant Relations users read them (a campaign's scores
    # name them), managers keep the list. Residents never see them (the survey pages show the
    # questions, not their topics).
    "tenant.survey.topic": {
        "ops": ("reads", "write", "create", "unlink"),
        "policy": {"staff": "o---", "manager": "oooo"},
        "fixture": lambda m: [
            (m.env.ref("tenant_relations_survey.tenant_survey_topic_cleaning"), "*", set()),
        ],
        "read": ["name", "code"],
        "write": {"sequence": 15},
        "create": lambda m, t, uid: {"name": "Probe", "code": f"probe_{uid}"},
        "note": "the satisfaction topics survey questions score",
    },
    # Which survey a closed ticket's reporter gets: managers configure it, staff read it, each in
    # their companies.
    "tenant.ticket.survey": {
        "ops": (*ALL, "move"),
        "policy": {"staff": "o---", "manager": "oooo"},
        "fixture": _ticket_surveys,
        "create": lambda m, t, uid: t.copy_data({"name": "Probe", "kind": "praise"})[0],
        "move": "company_id",
        "note": "the after-request survey sent when a ticket of a kind closes",
    },
    # Improvement actions (整改措施): staff of the property read and discuss them (their owner moves
    # them through the buttons, tried in test_improvement_action.py: staff have no write access),
    # managers plan and edit them. Residents hear of them only through the notice sent when done.
    "tenant.improvement.action": {
        "ops": (*ALL, "message_post", "move"),
        "policy": {"staff": "o---", "manager": "oooo", "post": {"staff": "own"}},
        "fixture": _improvement_actions,
        "read": ["name", "state", "score", "owner_id"],
        "create": lambda m, t, uid: {
            "name": "Probe",
            "topic_id": t.topic_id.id,
            "campaign_id": t.campaign_id.id,
            "property_id": t.property_id.id,
            "owner_id": t.owner_id.id,
            "date_deadline": "2027-07-31",
        },
        "move": lambda m, prop, unit, company: {"property_id": prop.id, "campaign_id": False},
        "note": "improvement actions planned from a campaign's scores",
    },
}
