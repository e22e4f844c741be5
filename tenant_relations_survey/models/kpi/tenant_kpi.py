# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class TenantKpi(models.Model):
    """The survey measure of the KPI registry: ``satisfaction`` (满意度), the share of the scored
    choices of residents' answers finished in the period that mean satisfied or better.

    Its target is the survey settings' satisfaction target (survey.user_input.
    _tenant_satisfaction_target), read by _tenant_target: the KPI record keeps no copy of it that
    could drift. Answers have no team: the rows are the property's and the company's."""

    _inherit = "tenant.kpi"

    measure = fields.Selection(
        selection_add=[("satisfaction", "Satisfaction")], ondelete={"satisfaction": "cascade"}
    )
    target_from_settings = fields.Boolean(
        string="From the survey settings",
        compute="_compute_target_from_settings",
        help="The target is the satisfaction target of the survey settings, not this record's.",
    )

    @api.depends("measure")
    def _compute_target_from_settings(self):
        for kpi in self:
            kpi.target_from_settings = kpi.measure == "satisfaction"

    def _tenant_target(self):
        if self.measure == "satisfaction":
            return self.env["survey.user_input"]._tenant_satisfaction_target()
        return super()._tenant_target()

    def _tenant_satisfaction_line_domain(self, company, date_from, date_to):
        """The answer lines a satisfaction figure counts: the scored lines of the survey scores
        (survey.user_input.line._get_tenant_scored_domain, as survey.user_input._tenant_satisfaction)
        of answers finished in ``[date_from, date_to)`` (UTC, the firm's midnights) on a property of
        ``company`` (an answer's company is its property's)."""
        return [
            *self.env["survey.user_input.line"]._get_tenant_scored_domain(),
            ("tenant_date_done", ">=", date_from),
            ("tenant_date_done", "<", date_to),
            ("tenant_property_id.company_id", "=", company.id),
        ]

    def _tenant_measure_satisfaction(self, company, date_from, date_to):
        """Satisfied choices out of scored choices, in percent, per property and for the company,
        in one query (a matrix answer counts once per row, as in the survey scores)."""
        self.ensure_one()
        # sudo: the job's figures over every answer of the company; the snapshot's rules decide who
        # reads them.
        Line = self.env["survey.user_input.line"].sudo()
        query = Line._search(self._tenant_satisfaction_line_domain(company, date_from, date_to))
        inner = query.select(
            SQL(
                "%s AS property_id, NULL::int AS team_id, NULL::int AS user_id, %s = 1 AS satisfied",
                SQL.identifier(query.table, "tenant_property_id"),
                SQL.identifier(query.table, "tenant_satisfied"),
            )
        )
        return self._tenant_rows_from(inner, self._tenant_ratio(SQL("r.satisfied")))

    def _tenant_drill_satisfaction(self, company, date_from, date_to):
        """The scored answer lines behind the figure."""
        return "survey.user_input.line", self._tenant_satisfaction_line_domain(company, date_from, date_to)
