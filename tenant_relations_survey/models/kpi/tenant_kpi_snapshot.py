# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class TenantKpiSnapshot(models.Model):
    """A property's low satisfaction is told to its manager once a period, not twice."""

    _inherit = "tenant.kpi.snapshot"

    def _tenant_alert_off_target(self):
        """A survey campaign that closed in the period and gave a property's manager its 'KPI off
        target' activity (the campaign's own, listing the weak topics) stands for the satisfaction
        KPI's alert of that property and period: the row is marked alerted, no second activity."""
        rows = self.filtered(
            lambda row: (
                row.measure == "satisfaction"
                and row.level == "property"
                and row.status == "bad"
                and not row.alerted
            )
        )
        if rows:
            # sudo: the job's bookkeeping; the campaigns' alerts are read whoever triggered it.
            campaigns = (
                self.env["tenant.survey.campaign"]
                .sudo()
                .search(
                    [
                        ("state", "=", "closed"),
                        ("target_alerted_property_ids", "in", rows.property_id.ids),
                        ("date_deadline", ">=", min(rows.mapped("period_start"))),
                        ("date_deadline", "<", max(rows.mapped("period_end"))),
                    ]
                )
            )
            told = rows.filtered(
                lambda row: any(
                    row.property_id in campaign.target_alerted_property_ids
                    and row.period_start <= campaign.date_deadline < row.period_end
                    for campaign in campaigns
                )
            )
            told.sudo().alerted = True
        return super()._tenant_alert_off_target()
