# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantSurveyInvitation(models.Model):
    """One resident invited (or reminded) by one wave of a survey campaign: the engine's log.

    Its row exists once the resident has the wave, so that a rerun, a second worker or the run
    after a crash never invites or reminds them twice (see tenant.campaign.mixin).
    """

    _name = "tenant.survey.invitation"
    _description = "Survey Campaign Invitation"
    _inherit = ["tenant.campaign.log.mixin"]
    _order = "id desc"
    _campaign_field = "campaign_id"

    campaign_id = fields.Many2one(
        "tenant.survey.campaign", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    user_input_id = fields.Many2one(
        "survey.user_input", string="Answer", readonly=True, index="btree_not_null"
    )
    answer_state = fields.Selection(related="user_input_id.state", string="Answer Status")

    _sql_constraints = [
        (
            "campaign_partner_wave_uniq",
            "UNIQUE (campaign_id, partner_id, wave)",
            "A resident has each wave of a campaign once.",
        ),
    ]
