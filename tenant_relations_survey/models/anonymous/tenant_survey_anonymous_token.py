# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import random
import secrets

from odoo import api, fields, models
from odoo.tools import SQL


def token_hash(token):
    """What the pool keeps of a link's token: its SHA-256, from which the token cannot be had."""
    return hashlib.sha256(f"pool:{token}".encode()).hexdigest()


def answer_access_token(token):
    """The access token of the answer a link opens: derived from the link's token, so that opening
    the link again resumes the same answer, and unknown to whoever holds only the pool's hash."""
    return hashlib.sha256(f"answer:{token}".encode()).hexdigest()


class TenantSurveyAnonymousToken(models.Model):
    """The pool of unused links of an anonymous campaign: one row per invited resident, holding no
    trace of whom it was sent to.

    A row keeps the hash of the link's token and what the answer will be counted under (property,
    role); the residents' invitation log (tenant.survey.invitation) says who was invited, never
    with which row. A batch's rows are written in random order at one time, and a row is deleted
    when its link is first opened: the answer then created holds no partner, e-mail, nickname or
    creator of the resident's, its times are cut to the day, and its access token is derived from
    the link's token (see ``answer_access_token``), so that no stored value leads from a person to
    an answer. The invitation mail that carried the token is deleted once sent, and also when
    sending failed.
    """

    _name = "tenant.survey.anonymous.token"
    _description = "Anonymous Survey Link"
    _log_access = False

    campaign_id = fields.Many2one("tenant.survey.campaign", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    token_hash = fields.Char(required=True)
    property_id = fields.Many2one("tenant.property", ondelete="set null")
    role = fields.Selection([("owner", "Owner"), ("tenant", "Tenant"), ("resident", "Household Member")])

    _sql_constraints = [("token_hash_uniq", "UNIQUE (token_hash)", "A link's token is unique.")]

    @api.model
    def _tenant_issue(self, campaign, placements):
        """New links for ``placements`` (one occupancy or None per resident): returns the tokens,
        in the order of ``placements``, and stores the pool rows in another order."""
        tokens = [secrets.token_urlsafe(32) for _placement in placements]
        rows = [
            {
                "campaign_id": campaign.id,
                "token_hash": token_hash(token),
                "property_id": placement.property_id.id if placement else False,
                "role": placement.role if placement else False,
            }
            for token, placement in zip(tokens, placements, strict=True)
        ]
        random.SystemRandom().shuffle(rows)
        self.create(rows)
        return tokens

    @api.model
    def _tenant_redeem(self, token):
        """The answer the link ``token`` opens: created on its first opening (the pool row is
        deleted then), the same one after; an empty recordset for a link that is not (or no
        longer) valid. Runs as the public user (see the controller)."""
        # sudo: the visitor is the public user; the link's token is the only key, and it opens the
        # one answer derived from it.
        Answer = self.env["survey.user_input"].sudo()
        answer = Answer.search([("access_token", "=", answer_access_token(token))], limit=1)
        if answer:
            return answer
        # Lock the row: two clicks at once open one answer, the second finds it.
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM tenant_survey_anonymous_token WHERE token_hash = %s FOR UPDATE",
                token_hash(token),
            )
        )
        row = self.browse(rows[0][0]) if rows else self.browse()
        if not row:
            return Answer.search([("access_token", "=", answer_access_token(token))], limit=1)
        campaign = row.campaign_id
        if campaign.state != "running":
            return Answer
        answer = campaign._tenant_create_anonymous_answer(
            row.property_id, row.role, answer_access_token(token)
        )
        row.unlink()
        return answer
