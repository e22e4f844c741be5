# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import fields, models
from odoo.tools import SQL


class TenantKpi(models.Model):
    """The dispute measure of the KPI registry: ``dispute_settled`` (仲裁前化解率), the share of the
    disputes closed in the period that were settled before arbitration.

    Disputes have no team: the rows are the property's and the company's (see the base's contract,
    tenant.kpi), whatever the KPI's scope."""

    _inherit = "tenant.kpi"

    measure = fields.Selection(
        selection_add=[("dispute_settled", "Disputes settled before arbitration")],
        ondelete={"dispute_settled": "cascade"},
    )

    def _tenant_measure_dispute_settled(self, company, date_from, date_to):
        """Disputes of ``company`` closed in the period (the steps' dates are the firm's days: the
        UTC bounds are turned back into them), settled before arbitration, in percent: the
        definition of tenant.dispute._tenant_kpi_settled_query, grouped by property in one query."""
        self.ensure_one()
        first_day, next_day = self._tenant_firm_days(company, date_from, date_to)
        # sudo: the job's figures over every dispute of the company; the snapshot's rules decide who
        # reads them.
        Dispute = self.env["tenant.dispute"].sudo()
        query, settled = Dispute._tenant_kpi_settled_query(
            first_day, next_day, [("company_id", "=", company.id)]
        )
        inner = query.select(
            SQL(
                "%s AS property_id, NULL::int AS team_id, NULL::int AS user_id, %s AS settled",
                SQL.identifier(query.table, "property_id"),
                settled,
            )
        )
        return self._tenant_rows_from(inner, self._tenant_ratio(SQL("r.settled")))

    def _tenant_drill_dispute_settled(self, company, date_from, date_to):
        """The disputes closed in the period, archived ones included (they count in the figure)."""
        first_day, next_day = self._tenant_firm_days(company, date_from, date_to)
        return "tenant.dispute", [
            ("company_id", "=", company.id),
            ("active", "in", [True, False]),
            *self.env["tenant.dispute"]._tenant_kpi_closed_domain(first_day, next_day),
        ]

    def _tenant_firm_days(self, company, date_from, date_to):
        """The firm's days that the UTC bounds of a period stand for (the steps store days)."""
        tz = pytz.timezone(company._tenant_tz())
        return tuple(pytz.utc.localize(bound).astimezone(tz).date() for bound in (date_from, date_to))
