# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models


class TenantSurveyCampaign(models.Model):
    """A campaign's scores: overall, per topic and property, the change from the previous
    campaign, and the target. When it closes, each property below the target (overall or on a
    topic) gives its manager one activity on the campaign."""

    _inherit = "tenant.survey.campaign"

    satisfaction = fields.Float(string="Satisfaction (%)", compute="_compute_satisfaction", digits=(16, 1))
    satisfaction_answer_count = fields.Integer(string="Scored Answers", compute="_compute_satisfaction")
    satisfaction_change = fields.Float(
        string="Change (points)",
        compute="_compute_satisfaction",
        digits=(16, 1),
        help="Satisfaction now minus that of the previous campaign, in percentage points.",
    )
    has_satisfaction_change = fields.Boolean(compute="_compute_satisfaction")
    satisfaction_target = fields.Integer(string="Target (%)", compute="_compute_satisfaction")
    satisfaction_below_target = fields.Boolean(string="Below Target", compute="_compute_satisfaction")
    satisfaction_table = fields.Html(
        string="Satisfaction per Topic and Property", compute="_compute_satisfaction_table", sanitize=False
    )
    target_alerted_property_ids = fields.Many2many(
        "tenant.property",
        "tenant_survey_campaign_alerted_property_rel",
        "campaign_id",
        "property_id",
        string="Properties Alerted",
        readonly=True,
        copy=False,
        help="Properties whose manager was given an activity because they scored below the target.",
    )

    # Computes -----------------------------------------------------------------------------------

    @api.depends("answer_ids.state", "previous_campaign_id")
    def _compute_satisfaction(self):
        target = self.env["survey.user_input"]._tenant_satisfaction_target()
        campaigns = self._origin | self._origin.previous_campaign_id
        scores = campaigns._tenant_score_rows(())
        for campaign in self:
            own = scores.get((campaign._origin.id,), {})
            before = scores.get((campaign._origin.previous_campaign_id.id,), {})
            value = own.get("satisfaction")
            campaign.satisfaction = value or 0.0
            campaign.satisfaction_answer_count = own.get("answers", 0)
            campaign.satisfaction_target = target
            campaign.satisfaction_below_target = value is not None and value < target
            previous = before.get("satisfaction")
            campaign.has_satisfaction_change = value is not None and previous is not None
            campaign.satisfaction_change = value - previous if campaign.has_satisfaction_change else 0.0

    @api.depends("answer_ids.state")
    @api.depends_context("lang")
    def _compute_satisfaction_table(self):
        """Rows: topics; columns: properties, then all of them; red below the target."""
        campaigns = self._origin
        target = self.env["survey.user_input"]._tenant_satisfaction_target()
        cells = campaigns._tenant_score_rows(("topic", "property"))
        by_topic = campaigns._tenant_score_rows(("topic",))
        by_property = campaigns._tenant_score_rows(("property",))
        overall = campaigns._tenant_score_rows(())
        for campaign in self:
            cid = campaign._origin.id
            topics = (
                self.env["tenant.survey.topic"]
                .browse(sorted({key[1].id for key in by_topic if key[0] == cid and key[1]}))
                .sorted()
            )
            properties = (
                self.env["tenant.property"]
                .browse(sorted({key[1].id for key in by_property if key[0] == cid and key[1]}))
                .sorted("name")
            )
            if not topics:
                campaign.satisfaction_table = False
                continue
            head = Markup("").join(
                Markup("<th class='text-end'>%s</th>") % prop.display_name for prop in properties
            )
            body = Markup("")
            for topic in topics:
                row = Markup("").join(
                    _score_cell(cells.get((cid, topic, prop)), target) for prop in properties
                )
                body += Markup("<tr><th>%s</th>%s%s</tr>") % (
                    topic.display_name,
                    row,
                    _score_cell(by_topic.get((cid, topic)), target, bold=True),
                )
            total = Markup("").join(
                _score_cell(by_property.get((cid, prop)), target, bold=True) for prop in properties
            )
            body += Markup("<tr class='border-top'><th>%s</th>%s%s</tr>") % (
                self.env._("Overall"),
                total,
                _score_cell(overall.get((cid,)), target, bold=True),
            )
            campaign.satisfaction_table = Markup(
                "<table class='table table-sm o_tenant_satisfaction_table'>"
                "<thead><tr><th>%s</th>%s<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (self.env._("Topic"), head, self.env._("All Properties"), body)

    # Campaign engine ----------------------------------------------------------------------------

    def _campaign_on_close(self):
        """Closed: besides closing the answers, tell the managers of properties below target."""
        result = super()._campaign_on_close()
        self._tenant_alert_below_target()
        return result

    # Actions ------------------------------------------------------------------------------------

    def action_view_scores(self):
        """The campaign's scored lines in a pivot (rows: topics, columns: properties) and a graph."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tenant_relations_survey.survey_user_input_line_action_scores"
        )
        action["domain"] = [
            *self.env["survey.user_input.line"]._get_tenant_scored_domain(),
            ("tenant_campaign_id", "=", self.id),
        ]
        action["display_name"] = self.env._("Scores of %(campaign)s", campaign=self.display_name)
        return action

    # Private ------------------------------------------------------------------------------------

    def _get_tenant_score_min_answers(self):
        """Hook: a group (a property, a topic of a property) with fewer answers shows no score.
        None here; an anonymous campaign asks for more."""
        self.ensure_one()
        return 0

    def _tenant_score_rows(self, groupby):
        """The campaigns' figures grouped by campaign then ``groupby`` (see
        ``survey.user_input._tenant_satisfaction``), keyed by (campaign id, *group values), each
        campaign's minimum of answers applied."""
        if not self:
            return {}
        # sudo: the campaign's figures, aggregates of its answers, are shown to whoever may read
        # the campaign (as its progress is); no answer nor resident comes out.
        rows = (
            self.env["survey.user_input"]
            .sudo()
            ._tenant_satisfaction(campaign=self, groupby=("campaign", *groupby))
        )
        minimum = {campaign.id: campaign._get_tenant_score_min_answers() for campaign in self}
        scores = {}
        for row in rows:
            campaign = row.pop("campaign")
            if row["answers"] < minimum.get(campaign.id, 0):
                row.update(satisfaction=None, satisfied=None)
            key = (campaign.id, *(_key(row[name]) for name in groupby))
            scores[key] = row
        return scores

    def _tenant_alert_below_target(self):
        """One 'KPI off target' activity (the KPIs' own type) for the manager of each property that
        scored below the target, overall or on a topic, listing its weak topics; a property once
        alerted for a campaign is not again (a rerun of the close, a second worker). A property
        without manager gives no activity."""
        target = self.env["survey.user_input"]._tenant_satisfaction_target()
        by_property = self._tenant_score_rows(("property",))
        by_topic = self._tenant_score_rows(("property", "topic"))
        for campaign in self:
            weak = {}
            for (cid, prop, topic), row in by_topic.items():
                if cid == campaign.id and prop and topic and _below(row, target):
                    weak.setdefault(prop, []).append((topic, row["satisfaction"]))
            low = {
                prop: row
                for (cid, prop), row in by_property.items()
                if cid == campaign.id and prop and (_below(row, target) or prop in weak)
            }
            todo = [
                prop
                for prop in low
                if prop not in campaign.target_alerted_property_ids and prop.sudo().manager_id
            ]
            for prop in todo:
                campaign._tenant_schedule_target_activity(prop, low[prop], weak.get(prop, []), target)
            if todo:
                campaign.target_alerted_property_ids = [fields.Command.link(prop.id) for prop in todo]

    def _tenant_schedule_target_activity(self, prop, figures, weak_topics, target):
        """The To-Do for ``prop``'s manager, written in the manager's language."""
        self.ensure_one()
        # sudo: the manager is read to address the activity, whoever closes the campaign.
        manager = prop.sudo().manager_id
        campaign = self.with_context(lang=manager.lang or self.env.lang)
        env = campaign.env
        lines = Markup("").join(
            Markup("<li>%s: %s %%</li>") % (topic.with_env(env).display_name, round(value, 1))
            for topic, value in sorted(weak_topics, key=lambda item: item[1])
        )
        note = Markup("<p>%s</p>") % env._(
            "Satisfaction at %(property)s in %(campaign)s: %(score)s %% (target %(target)s %%).",
            property=prop.with_env(env).display_name,
            campaign=campaign.display_name,
            score=round(figures["satisfaction"] or 0.0, 1),
            target=target,
        )
        if lines:
            note += Markup("<p>%s</p><ul>%s</ul>") % (env._("Topics below the target:"), lines)
        # The base addon's 'KPI off target' type: a low score is the same alert as any KPI off its
        # target (one type for the managers to filter on, not one per addon).
        campaign.activity_schedule(
            "tenant_relations.mail_activity_type_kpi_alert",
            user_id=manager.id,
            summary=env._(
                "Satisfaction below target at %(property)s", property=prop.with_env(env).display_name
            ),
            note=note,
        )


def _below(row, target):
    return row.get("satisfaction") is not None and row["satisfaction"] < target


def _key(value):
    """A group value as a dictionary key: records as they are (hashable), False for none."""
    return value or False


def _score_cell(row, target, bold=False):
    """A cell of the scores table: the percentage, red below the target, a dash when none."""
    value = (row or {}).get("satisfaction")
    if value is None:
        return Markup("<td class='text-end text-muted'>—</td>")
    classes = "text-end" + (" text-danger" if value < target else "") + (" fw-bold" if bold else "")
    return Markup("<td class='%s'>%s %%</td>") % (classes, f"{value:.1f}")
