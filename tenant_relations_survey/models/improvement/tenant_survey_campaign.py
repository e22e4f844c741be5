# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class TenantSurveyCampaign(models.Model):
    """A campaign's improvement actions: counted on its form, and planned from it on its weakest
    topic and property."""

    _inherit = "tenant.survey.campaign"

    improvement_action_ids = fields.One2many(
        "tenant.improvement.action", "campaign_id", string="Improvement Actions"
    )
    improvement_action_count = fields.Integer(
        string="Number of Improvement Actions", compute="_compute_improvement_action_count"
    )

    @api.depends("improvement_action_ids")
    def _compute_improvement_action_count(self):
        counts = dict(
            self.env["tenant.improvement.action"]._read_group(
                [("campaign_id", "in", self._origin.ids)], ["campaign_id"], ["__count"]
            )
        )
        for campaign in self:
            campaign.improvement_action_count = counts.get(campaign._origin, 0)

    def action_view_improvement_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tenant_relations_survey.tenant_improvement_action_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = self._get_improvement_defaults()
        action["display_name"] = self.env._("Improvement Actions of %(campaign)s", campaign=self.display_name)
        return action

    def action_plan_improvement(self):
        """A new improvement action of this campaign, on its weakest topic and property."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan an Improvement"),
            "res_model": "tenant.improvement.action",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": self._get_improvement_defaults(),
        }

    def _get_improvement_defaults(self):
        """Hook: the defaults of an action planned from the campaign: the campaign, and the topic
        and property that scored lowest below the target (the campaign's only property when
        nothing scored below it)."""
        self.ensure_one()
        defaults = {"default_campaign_id": self.id}
        target = self.env["survey.user_input"]._tenant_satisfaction_target()
        weak = [
            (row["satisfaction"], topic, prop)
            for (_cid, topic, prop), row in self._tenant_score_rows(("topic", "property")).items()
            if topic and prop and row.get("satisfaction") is not None and row["satisfaction"] < target
        ]
        if weak:
            _score, topic, prop = min(weak, key=lambda item: (item[0], item[1].id, item[2].id))
            defaults.update(default_topic_id=topic.id, default_property_id=prop.id)
        elif len(self.property_ids) == 1:
            defaults["default_property_id"] = self.property_ids.id
        return defaults
