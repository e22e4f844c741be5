# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TenantKpiReportWizard(models.TransientModel):
    """导出 Excel: the monthly KPI report, or the tickets or SLA lines of a month, as an xlsx file.

    The file is written as the user who asks (tenant.kpi.xlsx): their record rules decide which
    properties, tickets and figures it holds, their language its headers. It is kept as an
    attachment of the wizard (readable by whoever may read the wizard: its creator alone, by the
    rule tenant_kpi_report_wizard_rule_creator, since Odoo 18 has no implicit one on transient
    records) and downloaded from /web/content; Odoo deletes it with the wizard.
    """

    _name = "tenant.kpi.report.wizard"
    _description = "Export KPI Report to Excel"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    month = fields.Date(
        required=True,
        default=lambda self: self.env["tenant.kpi.xlsx"]._tenant_previous_month(self.env.company),
        help="Any day of the month: the month is cut at the firm's midnight.",
    )
    report_kind = fields.Selection(
        [
            ("kpi", "Monthly KPI report"),
            ("tickets", "Tickets of the month"),
            ("sla", "SLA lines of the month"),
        ],
        string="Report",
        required=True,
        default="kpi",
    )
    property_ids = fields.Many2many(
        "tenant.property", string="Properties", help="Empty: every property you may see."
    )

    @api.constrains("month")
    def _check_month(self):
        for wizard in self:
            first = wizard.company_id._tenant_period_bounds(wizard.month)[0]
            if first > wizard.company_id._tenant_today():
                raise UserError(
                    self.env._(
                        "The month %(month)s has not begun yet: choose this month or an earlier one.",
                        month=first.strftime("%Y-%m"),
                    )
                )

    def action_export(self):
        """Write the file and download it."""
        self.ensure_one()
        name, data = self.env["tenant.kpi.xlsx"]._tenant_report(
            self.report_kind, self.company_id, self.month, self.property_ids
        )
        attachment = self.env["ir.attachment"].create(
            {"name": name, "raw": data, "res_model": self._name, "res_id": self.id, "mimetype": XLSX_MIMETYPE}
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
