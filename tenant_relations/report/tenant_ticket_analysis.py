# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.ticket.tenant_ticket import CHANNELS, COMPLAINT_GRADES, TICKET_KINDS, URGENCIES
from .tenant_report_sql import SLA_OUTCOMES, firm_day, in_time_rate, last_ratings, sla_outcomes


class TenantTicketAnalysis(models.Model):
    """Ticket analysis (工单分析): one row per ticket, over stored columns only (as project's
    report.project.task.user), so that managers pivot durations, SLA outcomes and ratings without
    building reports. The durations are the ones the SLA engine stored on the ticket (SQL cannot
    count working time); the month is the firm's (its time zone), never the reader's."""

    _name = "tenant.ticket.analysis"
    _description = "Ticket Analysis"
    _auto = False
    _order = "reported_on desc, id desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one("tenant.ticket", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    property_id = fields.Many2one("tenant.property", readonly=True)
    building = fields.Char(string="Building / Block", readonly=True)
    unit_id = fields.Many2one("tenant.unit", readonly=True)
    team_id = fields.Many2one("tenant.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned to", readonly=True)
    kind = fields.Selection(TICKET_KINDS, readonly=True)
    category_id = fields.Many2one("tenant.ticket.category", readonly=True)
    urgency = fields.Selection(URGENCIES, readonly=True)
    complaint_grade = fields.Selection(COMPLAINT_GRADES, readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    stage_id = fields.Many2one("tenant.ticket.stage", readonly=True)
    is_closed = fields.Boolean(readonly=True)
    reported_on = fields.Date(string="Reported On (firm's day)", readonly=True)
    reported_month = fields.Date(readonly=True)
    response_minutes = fields.Float(string="Response Time (min)", readonly=True, aggregator="avg")
    response_working_minutes = fields.Float(
        string="Response Time (working min)", readonly=True, aggregator="avg"
    )
    resolution_minutes = fields.Float(string="Resolution Time (min)", readonly=True, aggregator="avg")
    resolution_working_minutes = fields.Float(
        string="Resolution Time (working min)", readonly=True, aggregator="avg"
    )
    waiting_minutes = fields.Float(string="Waiting Time (min)", readonly=True, aggregator="avg")
    reopen_count = fields.Integer(string="Reopenings", readonly=True)
    is_reopened = fields.Boolean(string="Reopened", readonly=True)
    sla_breached = fields.Boolean(string="SLA Breached", readonly=True)
    response_status = fields.Selection(SLA_OUTCOMES, string="First Response SLA", readonly=True)
    resolution_status = fields.Selection(SLA_OUTCOMES, string="Resolution SLA", readonly=True)
    response_in_time_rate = fields.Float(
        string="First Response In Time (%)",
        readonly=True,
        aggregator="avg",
        help="Among the tickets whose first-response target is decided, the share met.",
    )
    resolution_in_time_rate = fields.Float(
        string="Resolved In Time (%)",
        readonly=True,
        aggregator="avg",
        help="Among the tickets whose resolution target is decided, the share met.",
    )
    rating = fields.Float(
        readonly=True,
        aggregator="avg",
        help="The resident's last rating (1, 3 or 5); empty when not rated.",
    )

    def _select(self):
        day = firm_day(SQL("t.reported_date"), "cp")
        return SQL(
            """t.id AS id,
               t.id AS ticket_id,
               t.company_id,
               t.property_id,
               u.building,
               t.unit_id,
               t.team_id,
               t.user_id,
               t.kind,
               t.category_id,
               t.urgency,
               t.complaint_grade,
               t.channel,
               t.stage_id,
               t.is_closed,
               %(day)s AS reported_on,
               date_trunc('month', %(day)s)::date AS reported_month,
               -- A duration only once its moment happened: an unanswered or reopened ticket's
               -- zero would pull the averages down.
               CASE WHEN t.first_response_date IS NOT NULL THEN t.response_minutes END AS response_minutes,
               CASE WHEN t.first_response_date IS NOT NULL THEN t.response_working_minutes END
                   AS response_working_minutes,
               CASE WHEN t.resolved_date IS NOT NULL THEN t.resolution_minutes END AS resolution_minutes,
               CASE WHEN t.resolved_date IS NOT NULL THEN t.resolution_working_minutes END
                   AS resolution_working_minutes,
               t.waiting_minutes,
               COALESCE(t.reopen_count, 0) AS reopen_count,
               COALESCE(t.reopen_count, 0) > 0 AS is_reopened,
               COALESCE(sla.breached, FALSE) AS sla_breached,
               sla.response_status,
               sla.resolution_status,
               %(response_rate)s AS response_in_time_rate,
               %(resolution_rate)s AS resolution_in_time_rate,
               rt.rating""",
            day=day,
            response_rate=in_time_rate(SQL("sla.response_status")),
            resolution_rate=in_time_rate(SQL("sla.resolution_status")),
        )

    def _from(self):
        return SQL(
            """tenant_ticket t
               JOIN res_company c ON c.id = t.company_id
               JOIN res_partner cp ON cp.id = c.partner_id
          LEFT JOIN tenant_unit u ON u.id = t.unit_id
          LEFT JOIN LATERAL %s sla ON TRUE
          LEFT JOIN LATERAL %s rt ON TRUE""",
            sla_outcomes(SQL("t.id")),
            last_ratings(SQL("t.id")),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s)",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
            )
        )
