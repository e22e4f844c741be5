# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Outcomes reached outside the firm's own ladder: they do not count as settled before arbitration.
OUTSIDE_OUTCOMES = ("award", "court")


class TenantDispute(models.Model):
    """Figures over a date range (both days included) and, optionally, one property.

    They read the steps the system writes on each level change, so a level renamed or a rung added
    by the firm changes nothing: the arbitration rung is the level whose code is ``arbitration``.
    Each runs one query under the caller's access rules (a user counts what they may read)."""

    _inherit = "tenant.dispute"

    @api.model
    def _tenant_kpi_property_domain(self, property=None):
        return [("property_id", "=", property.id)] if property else []

    @api.model
    def _tenant_kpi_settled_before_arbitration(self, date_from, date_to, property=None):
        """Share (0.0 to 1.0) of the disputes closed in the range (both days included) that were
        settled before arbitration; 0.0 when none closed. The definition is
        _tenant_kpi_settled_query's, shared with the KPI measure ``dispute_settled``."""
        next_day = fields.Date.to_date(date_to) + relativedelta(days=1)
        query, settled = self._tenant_kpi_settled_query(
            date_from, next_day, self._tenant_kpi_property_domain(property)
        )
        [(total, settled_count)] = self.env.execute_query(
            query.select(SQL("COUNT(*)"), SQL("COUNT(*) FILTER (WHERE %s)", settled))
        )
        return settled_count / total if total else 0.0

    @api.model
    def _tenant_kpi_closed_domain(self, first_day, next_day):
        """The disputes closed in ``[first_day, next_day)`` (dates, the firm's days): at a closed
        level (``is_closed``), whose open step on that level started in the range."""
        return [
            ("level_id.is_closed", "=", True),
            (
                "step_ids",
                "any",
                [
                    ("level_id.is_closed", "=", True),
                    ("date_end", "=", False),
                    ("date_start", ">=", first_day),
                    ("date_start", "<", next_day),
                ],
            ),
        ]

    @api.model
    def _tenant_kpi_settled_query(self, first_day, next_day, domain=()):
        """The one definition of "settled before arbitration" (仲裁前化解), for the figure above and
        the KPI measure: ``(query, settled)``, the query of the disputes closed in
        ``[first_day, next_day)`` (_tenant_kpi_closed_domain) and ``domain``, archived ones
        included, under the caller's access rules, and the SQL condition true of a dispute settled
        before arbitration: never a step on the level of code ``arbitration``, and an outcome
        neither ``award`` (arbitral award) nor ``court`` (referred to court). The caller counts
        with it as it groups."""
        closed_domain = [*self._tenant_kpi_closed_domain(first_day, next_day), *domain]
        query = self.with_context(active_test=False)._search(closed_domain)
        table = SQL.identifier(query.table)
        settled = SQL(
            """(COALESCE(%(table)s.outcome, '') NOT IN %(outside)s
                AND NOT EXISTS (
                    SELECT 1
                      FROM tenant_dispute_step s
                      JOIN tenant_dispute_level l ON l.id = s.level_id
                     WHERE s.dispute_id = %(table)s.id AND l.code = 'arbitration'
                ))""",
            table=table,
            outside=OUTSIDE_OUTCOMES,
        )
        # The raw EXISTS reads steps and levels, which the query's own metadata does not flush.
        self.env["tenant.dispute.step"].flush_model(["dispute_id", "level_id"])
        self.env["tenant.dispute.level"].flush_model(["code"])
        return query, settled

    @api.model
    def _tenant_kpi_days_per_level(self, date_from, date_to, property=None):
        """Average calendar days spent per level, over the steps that ended (left the level)
        between ``date_from`` and ``date_to``: ``{level record: average days (float)}``.

        A step's days are its ``date_end`` minus its ``date_start``; levels without an ended step
        in the range are absent. Steps of archived disputes count."""
        domain = [
            ("date_end", ">=", date_from),
            ("date_end", "<=", date_to),
            *self._tenant_kpi_property_domain(property),
        ]
        groups = self.env["tenant.dispute.step"]._read_group(domain, ["level_id"], ["days:avg"])
        return dict(groups)

    @api.model
    def _tenant_kpi_court_cases(self, date_from, date_to, property=None):
        """Number of disputes with at least one proceeding of kind ``court`` whose ``filing_date``
        is between ``date_from`` and ``date_to`` (a dispute with two such filings counts once).
        Archived disputes count."""
        domain = [
            (
                "proceeding_ids",
                "any",
                [
                    ("kind", "=", "court"),
                    ("filing_date", ">=", date_from),
                    ("filing_date", "<=", date_to),
                ],
            ),
            *self._tenant_kpi_property_domain(property),
        ]
        return self.with_context(active_test=False).search_count(domain)
