# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .tenant_report_sql import firm_day, last_ratings, sla_outcomes

# Shares shown by the view: (numerator column, denominator column, scale). Grouped (a staff
# member's year, a property's quarter), each is recomputed from the summed counts, never averaged
# from the rows' shares.
RATIOS = {
    "response_rate": ("response_met", "response_decided", 100.0),
    "resolution_rate": ("resolution_met", "resolution_decided", 100.0),
    "rating_avg": ("rating_sum", "rated_count", 1.0),
}


class TenantStaffAssessment(models.Model):
    """Staff assessment (员工考核): per staff member, property and firm quarter, the figures the
    quarterly performance review is paid by: tickets handled (assigned to them, by the quarter
    they were reported in), the shares of first responses and resolutions within SLA (SLA lines
    met among those decided), the average of the residents' last ratings (1, 3, 5), the return
    visits they did (by visit date) and the overdue explanations written on their tickets.

    Seen by Tenant Relations managers, by the property's manager for that property, and by the
    staff member for their own rows (record rules), never by colleagues."""

    _name = "tenant.staff.assessment"
    _description = "Staff Assessment"
    _auto = False
    _order = "quarter desc, user_id, property_id"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", string="Staff Member", readonly=True)
    property_id = fields.Many2one("tenant.property", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    quarter = fields.Date(readonly=True)
    ticket_count = fields.Integer(string="Tickets Handled", readonly=True)
    response_met = fields.Integer(string="First Responses Met", readonly=True)
    response_decided = fields.Integer(string="First Responses Decided", readonly=True)
    response_rate = fields.Float(
        string="Answered within SLA (%)",
        readonly=True,
        aggregator="avg",
        help="First-response SLA lines met among those met or breached.",
    )
    resolution_met = fields.Integer(string="Resolutions Met", readonly=True)
    resolution_decided = fields.Integer(string="Resolutions Decided", readonly=True)
    resolution_rate = fields.Float(
        string="Solved within SLA (%)",
        readonly=True,
        aggregator="avg",
        help="Resolution SLA lines met among those met or breached.",
    )
    rated_count = fields.Integer(string="Rated Tickets", readonly=True)
    rating_sum = fields.Float(string="Rating Points", readonly=True)
    rating_avg = fields.Float(
        string="Average Rating",
        readonly=True,
        aggregator="avg",
        help="The average of the residents' last rating of each ticket (1, 3 or 5).",
    )
    visit_count = fields.Integer(string="Return Visits Done", readonly=True)
    explanation_count = fields.Integer(string="Overdue Explanations", readonly=True)

    def _read_group_select(self, aggregate_spec, query):
        """A share over a group is its summed numerator over its summed denominator: the plain
        average of the rows' shares would weigh a property with one ticket as one with a hundred."""
        fname, __, func = aggregate_spec.partition(":")
        if func == "avg" and fname in RATIOS:
            numerator, denominator, scale = RATIOS[fname]
            # Reading the counts checks the same access as reading the share would.
            num = self._field_to_sql(self._table, numerator, query)
            den = self._field_to_sql(self._table, denominator, query)
            return SQL("%s * SUM(%s) / NULLIF(SUM(%s), 0)", scale, num, den)
        return super()._read_group_select(aggregate_spec, query)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        quarter = SQL("date_trunc('quarter', %s)::date", firm_day(SQL("t.reported_date"), "cp"))
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(table)s AS (
                WITH fact AS (
                    SELECT t.user_id, t.property_id, t.company_id, %(quarter)s AS quarter,
                           1 AS ticket_count,
                           COALESCE(sla.response_met, 0) AS response_met,
                           COALESCE(sla.response_decided, 0) AS response_decided,
                           COALESCE(sla.resolution_met, 0) AS resolution_met,
                           COALESCE(sla.resolution_decided, 0) AS resolution_decided,
                           (rt.rating IS NOT NULL)::int AS rated_count,
                           COALESCE(rt.rating, 0) AS rating_sum,
                           0 AS visit_count,
                           (COALESCE(btrim(t.overdue_explanation), '') <> '')::int AS explanation_count
                      FROM tenant_ticket t
                      JOIN res_company c ON c.id = t.company_id
                      JOIN res_partner cp ON cp.id = c.partner_id
                 LEFT JOIN %(sla)s sla ON sla.ticket_id = t.id
                 LEFT JOIN %(ratings)s rt ON rt.ticket_id = t.id
                     WHERE t.user_id IS NOT NULL
                     UNION ALL
                    SELECT v.user_id, v.property_id, v.company_id,
                           date_trunc('quarter', COALESCE(v.visit_date, v.planned_date))::date,
                           0, 0, 0, 0, 0, 0, 0, 1, 0
                      FROM tenant_visit v
                     WHERE v.state = 'done' AND v.user_id IS NOT NULL
                )
                SELECT row_number() OVER (
                           ORDER BY quarter, user_id, property_id NULLS FIRST, company_id
                       ) AS id,
                       user_id,
                       property_id,
                       company_id,
                       quarter,
                       sum(ticket_count) AS ticket_count,
                       sum(response_met) AS response_met,
                       sum(response_decided) AS response_decided,
                       100.0 * sum(response_met) / NULLIF(sum(response_decided), 0) AS response_rate,
                       sum(resolution_met) AS resolution_met,
                       sum(resolution_decided) AS resolution_decided,
                       100.0 * sum(resolution_met) / NULLIF(sum(resolution_decided), 0) AS resolution_rate,
                       sum(rated_count) AS rated_count,
                       sum(rating_sum) AS rating_sum,
                       sum(rating_sum) / NULLIF(sum(rated_count), 0) AS rating_avg,
                       sum(visit_count) AS visit_count,
                       sum(explanation_count) AS explanation_count
                  FROM fact
              GROUP BY user_id, property_id, company_id, quarter)""",
                table=SQL.identifier(self._table),
                quarter=quarter,
                sla=sla_outcomes(),
                ratings=last_ratings(),
            )
        )
