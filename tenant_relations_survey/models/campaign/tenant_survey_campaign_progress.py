# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools


class TenantSurveyCampaignProgress(models.Model):
    """A campaign's live progress per property: invited, started, answered, response rate.

    Odoo does not track mail opens outside mass mailing: there is no "opened" figure. A view over
    the campaign's answers (one row per campaign and property frozen on the answer), so that the
    figures are always those of the answers, read in one query.
    """

    _name = "tenant.survey.campaign.progress"
    _description = "Survey Campaign Progress"
    _auto = False
    _order = "campaign_id, property_id"

    campaign_id = fields.Many2one("tenant.survey.campaign", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    property_id = fields.Many2one("tenant.property", readonly=True)
    invited_count = fields.Integer(string="Invited", readonly=True, aggregator="sum")
    started_count = fields.Integer(string="Started", readonly=True, aggregator="sum")
    answered_count = fields.Integer(string="Answered", readonly=True, aggregator="sum")
    response_rate = fields.Float(string="Response Rate (%)", readonly=True, aggregator="avg", digits=(16, 1))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""CREATE VIEW {self._table} AS (
                SELECT MIN(answer.id) AS id,
                       answer.tenant_campaign_id AS campaign_id,
                       campaign.company_id AS company_id,
                       answer.tenant_property_id AS property_id,
                       COUNT(*) AS invited_count,
                       COUNT(*) FILTER (WHERE answer.state IN ('in_progress', 'done')) AS started_count,
                       COUNT(*) FILTER (WHERE answer.state = 'done') AS answered_count,
                       ROUND(100.0 * COUNT(*) FILTER (WHERE answer.state = 'done') / COUNT(*), 1)
                           AS response_rate
                  FROM survey_user_input AS answer
                  JOIN tenant_survey_campaign AS campaign ON campaign.id = answer.tenant_campaign_id
              GROUP BY answer.tenant_campaign_id, campaign.company_id, answer.tenant_property_id
            )"""
        )
