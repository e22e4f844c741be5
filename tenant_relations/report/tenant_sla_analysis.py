# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.ticket.tenant_ticket import CHANNELS, TICKET_KINDS
from .tenant_report_sql import SLA_OUTCOMES, firm_day, in_time_rate


class TenantSlaAnalysis(models.Model):
    """SLA compliance (SLA 达成率): one row per applied SLA line with its ticket's property, team
    and firm month. A view rather than stored copies on tenant.ticket.sla: the line is written on
    every stage change and by the escalation job, and grouping by property or team needs no
    stored duplicate to keep in step."""

    _name = "tenant.sla.analysis"
    _description = "SLA Analysis"
    _auto = False
    _order = "reported_on desc, id desc"
    _rec_name = "policy_id"

    line_id = fields.Many2one("tenant.ticket.sla", string="SLA Line", readonly=True)
    ticket_id = fields.Many2one("tenant.ticket", readonly=True)
    policy_id = fields.Many2one("tenant.sla.policy", string="SLA Policy", readonly=True)
    target = fields.Selection(
        [("first_response", "First response"), ("resolution", "Resolution"), ("stage", "Reaching a stage")],
        readonly=True,
    )
    status = fields.Selection(SLA_OUTCOMES, readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    property_id = fields.Many2one("tenant.property", readonly=True)
    team_id = fields.Many2one("tenant.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned to", readonly=True)
    kind = fields.Selection(TICKET_KINDS, readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    reported_on = fields.Date(string="Reported On (firm's day)", readonly=True)
    reported_month = fields.Date(readonly=True)
    deadline = fields.Datetime(readonly=True)
    reached_date = fields.Datetime(string="Reached", readonly=True)
    met_count = fields.Integer(string="Met", readonly=True)
    breached_count = fields.Integer(string="Breaches", readonly=True)
    compliance = fields.Float(
        string="Compliance (%)",
        readonly=True,
        aggregator="avg",
        help="Met / (met + breached): the lines still running or paused are not counted.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        day = firm_day(SQL("t.reported_date"), "cp")
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(table)s AS (
                SELECT l.id AS id,
                       l.id AS line_id,
                       l.ticket_id,
                       l.policy_id,
                       p.target,
                       l.status,
                       t.company_id,
                       t.property_id,
                       t.team_id,
                       t.user_id,
                       t.kind,
                       t.channel,
                       %(day)s AS reported_on,
                       date_trunc('month', %(day)s)::date AS reported_month,
                       l.deadline,
                       l.reached_date,
                       (l.status = 'met')::int AS met_count,
                       (l.status = 'breached')::int AS breached_count,
                       %(rate)s AS compliance
                  FROM tenant_ticket_sla l
                  JOIN tenant_sla_policy p ON p.id = l.policy_id
                  JOIN tenant_ticket t ON t.id = l.ticket_id
                  JOIN res_company c ON c.id = t.company_id
                  JOIN res_partner cp ON cp.id = c.partner_id)""",
                table=SQL.identifier(self._table),
                day=day,
                rate=in_time_rate(SQL("l.status")),
            )
        )
