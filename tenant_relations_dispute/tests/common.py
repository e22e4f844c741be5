# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the dispute addon's tests share: a dispute needs its two sides from its first save."""

from odoo import Command


def parties(claimants, respondents, respondent_type="resident"):
    """``party_ids`` commands for a new dispute: each partner of ``claimants`` a claimant (as a
    resident), each of ``respondents`` a respondent (as ``respondent_type``: "firm" for the
    company's own contact, "contractor")."""
    return [
        *(Command.create({"partner_id": p.id, "role": "claimant", "party_type": "resident"}) for p in claimants),
        *(
            Command.create({"partner_id": p.id, "role": "respondent", "party_type": respondent_type})
            for p in respondents
        ),
    ]
