# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# The waves of a campaign: the first send, then reminders to those who had it.
CAMPAIGN_WAVES = [("first", "First send"), ("reminder", "Reminder")]


class TenantCampaignLogMixin(models.AbstractModel):
    """One person reached by one wave of a campaign: the campaign engine's memory.

    A row exists once the person has the wave, so that a rerun, a second worker or the run after
    a crash never gives it to them again (see ``tenant.campaign.mixin``). The inheriting model
    names its many2one to the campaign in ``_campaign_field`` and declares a unique constraint on
    (that field, partner_id, wave): the engine fills the log with ``INSERT … ON CONFLICT DO
    NOTHING``, which relies on it.
    """

    _name = "tenant.campaign.log.mixin"
    _description = "Campaign Log"

    # The many2one to the campaign, e.g. "campaign_id".
    _campaign_field = None

    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    wave = fields.Selection(CAMPAIGN_WAVES, required=True, default="first", readonly=True)
