# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .tenant_report_sql import firm_day


class TenantComplaintTrend(models.Model):
    """Complaints per property, category and firm quarter against the quarter before: one row per
    (property, category, quarter) holding both counts, so that the change is a plain sum at any
    grouping (a property's total change is the sum of its categories'). A quarter with no
    complaint left after a quarter with some still has its row (0 against n)."""

    _name = "tenant.complaint.trend"
    _description = "Complaint Trend"
    _auto = False
    _order = "quarter desc, property_id, category_id"

    company_id = fields.Many2one("res.company", readonly=True)
    property_id = fields.Many2one("tenant.property", readonly=True)
    category_id = fields.Many2one("tenant.ticket.category", readonly=True)
    quarter = fields.Date(readonly=True)
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    previous_count = fields.Integer(string="Previous Quarter", readonly=True)
    change = fields.Integer(readonly=True, help="Complaints less those of the quarter before.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(table)s AS (
                WITH complaint AS (
                    SELECT t.company_id, t.property_id, t.category_id,
                           date_trunc('quarter', %(day)s)::date AS quarter
                      FROM tenant_ticket t
                      JOIN res_company c ON c.id = t.company_id
                      JOIN res_partner cp ON cp.id = c.partner_id
                     WHERE t.kind = 'complaint'
                ), counted AS (
                    SELECT company_id, property_id, category_id, quarter, 1 AS this_quarter, 0 AS before
                      FROM complaint
                     UNION ALL
                    SELECT company_id, property_id, category_id, (quarter + interval '3 months')::date, 0, 1
                      FROM complaint
                )
                SELECT row_number() OVER (
                           ORDER BY quarter, company_id, property_id NULLS FIRST, category_id NULLS FIRST
                       ) AS id,
                       company_id,
                       property_id,
                       category_id,
                       quarter,
                       sum(this_quarter) AS complaint_count,
                       sum(before) AS previous_count,
                       sum(this_quarter) - sum(before) AS change
                  FROM counted
              GROUP BY company_id, property_id, category_id, quarter)""",
                table=SQL.identifier(self._table),
                day=firm_day(SQL("t.reported_date"), "cp"),
            )
        )
