# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.ticket.tenant_ticket import CHANNELS, COMPLAINT_GRADES
from .tenant_report_sql import firm_day

# A complaint recurs when another one came from the same unit, or in the same category at the same
# property, within this many days before it (firm days: at 90 it recurs, at 91 it does not).
RECURRENCE_DAYS = 90


class TenantComplaintAnalysis(models.Model):
    """Complaint analysis (投诉分析): one row per complaint, by cause (category), property, building,
    firm month and quarter, flagged recurring (重复投诉) when the same unit, or the same category at
    the same property, complained within the previous 90 days: the quarterly review's list of the
    most frequent recurring issues per property is this view filtered on the flag."""

    _name = "tenant.complaint.analysis"
    _description = "Complaint Analysis"
    _auto = False
    _order = "reported_on desc, id desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one("tenant.ticket", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    property_id = fields.Many2one("tenant.property", readonly=True)
    building = fields.Char(string="Building / Block", readonly=True)
    unit_id = fields.Many2one("tenant.unit", readonly=True)
    category_id = fields.Many2one("tenant.ticket.category", readonly=True)
    complaint_grade = fields.Selection(COMPLAINT_GRADES, readonly=True)
    team_id = fields.Many2one("tenant.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned to", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    is_closed = fields.Boolean(readonly=True)
    reported_on = fields.Date(string="Reported On (firm's day)", readonly=True)
    reported_month = fields.Date(readonly=True)
    reported_quarter = fields.Date(readonly=True)
    is_recurring = fields.Boolean(
        string="Recurring",
        readonly=True,
        help="Another complaint from the same unit, or in the same category at the same property, "
        "within the previous 90 days.",
    )
    recurring_unit = fields.Boolean(string="Recurring at the Unit", readonly=True)
    recurring_category = fields.Boolean(string="Recurring in the Category", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)

        def earlier(same):
            """Another complaint, before this one and at most RECURRENCE_DAYS firm days earlier,
            that ``same`` ties to it: read from the ticket table through its unit and property
            indexes, a window of a few more UTC days bounding the firm-day test."""
            return SQL(
                """EXISTS (SELECT 1 FROM tenant_ticket e
                            WHERE e.kind = 'complaint'
                              AND %s
                              AND (e.reported_date, e.id) < (k.reported_date, k.id)
                              AND e.reported_date >= k.reported_date - make_interval(days => %s)
                              AND %s >= k.day - %s)""",
                same,
                RECURRENCE_DAYS + 2,
                firm_day(SQL("e.reported_date"), "k"),
                RECURRENCE_DAYS,
            )

        recurring_unit = earlier(SQL("e.unit_id = k.unit_id"))
        recurring_category = earlier(SQL("e.category_id = k.category_id AND e.property_id = k.property_id"))
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(table)s AS (
                WITH complaint AS (
                    SELECT t.id, t.reported_date, t.company_id, t.property_id, t.unit_id, t.category_id,
                           t.complaint_grade, t.team_id, t.user_id, t.channel, t.is_closed,
                           cp.tz, %(day)s AS day
                      FROM tenant_ticket t
                      JOIN res_company c ON c.id = t.company_id
                      JOIN res_partner cp ON cp.id = c.partner_id
                     WHERE t.kind = 'complaint'
                ), flagged AS (
                    SELECT k.*, %(by_unit)s AS recurring_unit, %(by_category)s AS recurring_category
                      FROM complaint k
                )
                SELECT k.id AS id,
                       k.id AS ticket_id,
                       k.company_id,
                       k.property_id,
                       u.building,
                       k.unit_id,
                       k.category_id,
                       k.complaint_grade,
                       k.team_id,
                       k.user_id,
                       k.channel,
                       k.is_closed,
                       k.day AS reported_on,
                       date_trunc('month', k.day)::date AS reported_month,
                       date_trunc('quarter', k.day)::date AS reported_quarter,
                       k.recurring_unit OR k.recurring_category AS is_recurring,
                       k.recurring_unit,
                       k.recurring_category
                  FROM flagged k
             LEFT JOIN tenant_unit u ON u.id = k.unit_id)""",
                table=SQL.identifier(self._table),
                day=firm_day(SQL("t.reported_date"), "cp"),
                by_unit=recurring_unit,
                by_category=recurring_category,
            )
        )
