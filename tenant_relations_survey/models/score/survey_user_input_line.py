# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SurveyUserInputLine(models.Model):
    """An answer line stores what the satisfaction scores group by and count.

    Scores are one ``_read_group`` over lines: each line holds its topic (the matrix row's, else the
    question's), whether it is scored (a suggested answer on a question or row with a topic), whether
    its answer means satisfied (0/1, summed by the database), and stored copies of its answer's
    campaign, property, role and finishing time, so that no figure joins back to the answers for
    anything but their state.
    """

    _inherit = "survey.user_input.line"

    tenant_topic_id = fields.Many2one(
        "tenant.survey.topic",
        string="Satisfaction Topic",
        compute="_compute_tenant_topic_id",
        store=True,
        index="btree_not_null",
    )
    tenant_scored = fields.Boolean(
        string="Scored",
        compute="_compute_tenant_scored",
        store=True,
        help="A suggested answer on a question or matrix row that has a satisfaction topic.",
    )
    tenant_satisfied = fields.Integer(
        string="Satisfied",
        compute="_compute_tenant_scored",
        store=True,
        aggregator="sum",
        help="1 if the chosen answer means satisfied or better, else 0 (summed in the scores).",
    )
    tenant_satisfaction = fields.Float(
        string="Satisfaction (%)",
        compute="_compute_tenant_scored",
        store=True,
        digits=(16, 1),
        aggregator="avg",
        help="100 if the chosen answer means satisfied or better, else 0: its average over lines is the "
        "satisfaction in percent (what the pivot and graph show).",
    )
    tenant_campaign_id = fields.Many2one(
        related="user_input_id.tenant_campaign_id", store=True, index="btree_not_null", string="Campaign"
    )
    tenant_property_id = fields.Many2one(
        related="user_input_id.tenant_property_id", store=True, index="btree_not_null", string="Property"
    )
    tenant_role = fields.Selection(related="user_input_id.tenant_role", store=True, string="Role")
    tenant_date_done = fields.Datetime(
        related="user_input_id.end_datetime", store=True, index="btree_not_null", string="Answered On"
    )

    @api.depends("matrix_row_id.tenant_topic_id", "question_id.tenant_topic_id")
    def _compute_tenant_topic_id(self):
        for line in self:
            line.tenant_topic_id = line.matrix_row_id.tenant_topic_id or line.question_id.tenant_topic_id

    @api.depends("tenant_topic_id", "answer_type", "skipped", "suggested_answer_id.tenant_satisfied")
    def _compute_tenant_scored(self):
        for line in self:
            scored = bool(
                line.tenant_topic_id
                and not line.skipped
                and line.answer_type == "suggestion"
                and line.suggested_answer_id
            )
            line.tenant_scored = scored
            line.tenant_satisfied = int(scored and line.suggested_answer_id.tenant_satisfied)
            line.tenant_satisfaction = 100.0 * line.tenant_satisfied

    @api.model
    def _get_tenant_scored_domain(self):
        """The lines that count in a score: scored lines of finished answers by residents (not the
        test entries staff make while writing a survey). The one place this is said: scores, the
        campaign's pivot and graph all read through it."""
        return [
            ("tenant_scored", "=", True),
            ("user_input_id.state", "=", "done"),
            ("user_input_id.test_entry", "=", False),
        ]
