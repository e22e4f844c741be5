# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

STATUSES = [("no_data", "No data"), ("good", "On target"), ("warning", "Near target"), ("bad", "Off target")]


class TenantKpiSnapshot(models.Model):
    """A KPI's figure for one period, property, team (or staff member), stored by a scheduled job so
    that trends survive archived records and changed policies.

    One row per (KPI, period start, company, level, property, team, staff member), empty keys included:
    a unique index over the COALESCEd keys, written by an upsert, so a period recomputed replaces
    its rows.
    """

    _name = "tenant.kpi.snapshot"
    _description = "KPI Snapshot"
    _order = "period_start desc, kpi_id, property_id, team_id, user_id"

    kpi_id = fields.Many2one("tenant.kpi", required=True, index=True, ondelete="cascade")
    measure = fields.Selection(related="kpi_id.measure", store=True)
    unit = fields.Selection(related="kpi_id.unit")
    company_id = fields.Many2one("res.company", required=True, index=True)
    level = fields.Selection(
        [("company", "Company"), ("property", "Property"), ("team", "Team"), ("staff", "Staff member")],
        required=True,
        help="What the row totals: the company, a property, a team of a property (an empty team: the "
        "tickets without a team), or a staff member (of a property, or of all of them).",
    )
    property_id = fields.Many2one("tenant.property", index=True, ondelete="cascade")
    team_id = fields.Many2one("tenant.team", index="btree_not_null", ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Staff Member", index="btree_not_null", ondelete="cascade")
    period = fields.Selection([("month", "Month"), ("quarter", "Quarter")], required=True)
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True, help="The first day after the period.")
    numerator = fields.Float(help="What counts (e.g. tickets answered in time).")
    denominator = fields.Float(help="Out of how many (e.g. urgent tickets).")
    value = fields.Float(
        aggregator="avg", help="The figure in the KPI's unit; meaningless when there is no data."
    )
    has_data = fields.Boolean()
    target = fields.Float(aggregator="avg", help="The KPI's target when the figure was computed.")
    status = fields.Selection(STATUSES, required=True, default="no_data")
    computed_on = fields.Datetime()
    alerted = fields.Boolean(help="The manager was told that this figure misses its target.")
