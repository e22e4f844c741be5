# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the dispute addon's tests share: a dispute needs its two sides from its first save."""

from odoo import Command


def parties(claimants, respondents, respondent_type=None):
    """``party_ids`` commands for a new dispute: each partner of ``claimants`` a claimant, each of
    ``respondents`` a respondent. The party type is computed (the company's own contact is the
    firm, anyone else a resident) unless ``respondent_type`` says otherwise ("contractor")."""
    return [
        *(Command.create({"partner_id": p.id, "role": "claimant"}) for p in claimants),
        *(
            Command.create(
                {"partner_id": p.id, "role": "respondent"}
                | ({"party_type": respondent_type} if respondent_type else {})
            )
            for p in respondents
        ),
    ]
