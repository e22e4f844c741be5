# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class TenantKpiRecompute(models.TransientModel):
    """Recompute the snapshots of a month or quarter now (after a correction, a policy change, a
    late import), for some KPIs or all: the period's rows are replaced, never duplicated, and an
    alert already given for it is not given again."""

    _name = "tenant.kpi.recompute"
    _description = "Recompute KPI Snapshots"

    kpi_ids = fields.Many2many(
        "tenant.kpi",
        string="KPIs",
        default=lambda self: self._default_kpi_ids(),
        help="Empty: every active KPI of the company.",
    )
    day = fields.Date(
        string="Period of",
        required=True,
        default=lambda self: self.env.company._tenant_today(),
        help="Any day of the month (or quarter, for a quarterly KPI) to recompute.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.model
    def _default_kpi_ids(self):
        """The KPIs selected in the list the wizard is opened from, if any."""
        if self.env.context.get("active_model") == "tenant.kpi":
            return self.env["tenant.kpi"].browse(self.env.context.get("active_ids") or [])
        return self.env["tenant.kpi"]

    @api.constrains("day", "company_id")
    def _check_day(self):
        for wizard in self:
            company = wizard.company_id
            first = company._tenant_period_bounds(wizard.day, "month")[0]
            if first > company._tenant_today():
                raise UserError(
                    self.env._(
                        "The period of %(day)s has not begun yet: choose a day of this month or of an "
                        "earlier one.",
                        day=wizard.day,
                    )
                )

    def action_recompute(self):
        self.ensure_one()
        kpis = self.kpi_ids or self.env["tenant.kpi"].search(
            [("company_id", "in", (self.company_id.id, False))]
        )
        self._check_day()
        self.env["tenant.kpi.snapshot"]._tenant_compute(kpis, self.company_id, self.day)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tenant_relations.tenant_kpi_snapshot_action_dashboard"
        )
        action["context"] = {"search_default_latest": 0}
        action["domain"] = [
            ("kpi_id", "in", kpis.ids),
            ("company_id", "=", self.company_id.id),
            ("period_start", "<=", self.day),
            ("period_end", ">", self.day),
        ]
        action["view_mode"] = "list,kanban,pivot,graph"
        action["views"] = [(False, "list"), (False, "kanban"), (False, "pivot"), (False, "graph")]
        return action
