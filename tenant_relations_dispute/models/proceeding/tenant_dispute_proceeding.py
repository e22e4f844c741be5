# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

PROCEEDING_KINDS = [("arbitration", "Arbitration"), ("court", "Court")]


class TenantDisputeProceeding(models.Model):
    """An arbitration or a court case the dispute went to: the record of what happened outside.

    Filing for arbitration puts the dispute on the arbitration rung if it is still below it, with
    a step saying so: the ladder shows where the case really is.

    Unlike the dispute's other parts, a proceeding is not frozen when the dispute is closed: a case
    closed as referred to court (or withdrawn, then taken to court) goes on outside, and its filing,
    case number, judgment and documents are recorded afterwards (the KPI counts the court cases
    filed in a period). Reopening the dispute for that would put it back on the ladder."""

    _name = "tenant.dispute.proceeding"
    _description = "Arbitration or Court Proceeding"
    _inherit = ["mail.thread"]
    _order = "filing_date desc, id desc"

    dispute_id = fields.Many2one("tenant.dispute", required=True, index=True, ondelete="cascade")
    property_id = fields.Many2one(related="dispute_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True, index=True)
    kind = fields.Selection(PROCEEDING_KINDS, required=True, default="arbitration", tracking=True)
    institution = fields.Char(required=True, tracking=True, help="e.g. 杭州仲裁委员会, or the court.")
    case_number = fields.Char(tracking=True)
    filing_date = fields.Date(tracking=True)
    award_date = fields.Date(string="Award or Judgment Date", tracking=True)
    outcome = fields.Text(tracking=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")

    @api.depends("kind", "institution", "case_number")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for proceeding in self:
            parts = [kinds.get(proceeding.kind), proceeding.institution, proceeding.case_number]
            proceeding.display_name = " · ".join(part for part in parts if part)

    @api.constrains("filing_date", "award_date", "dispute_id")
    def _check_dates(self):
        for proceeding in self:
            filed = proceeding.filing_date
            if filed and proceeding.award_date and proceeding.award_date < filed:
                raise ValidationError(
                    self.env._(
                        "The award or judgment date (%(award)s) cannot come before the filing date "
                        "(%(filed)s): correct one of them.",
                        award=proceeding.award_date,
                        filed=filed,
                    )
                )
            opened = proceeding.dispute_id.create_date
            if filed and opened and filed < opened.date():
                raise ValidationError(
                    self.env._(
                        "Dispute %(name)s was opened on %(opened)s: a proceeding cannot be filed "
                        "before it (filing date %(filed)s).",
                        name=proceeding.dispute_id.name,
                        opened=opened.date(),
                        filed=filed,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        proceedings = super().create(vals_list)
        proceedings.filtered(lambda proceeding: proceeding.kind == "arbitration")._move_to_arbitration()
        return proceedings

    def write(self, vals):
        result = super().write(vals)
        if vals.get("kind") == "arbitration":
            self._move_to_arbitration()
        return result

    def _move_to_arbitration(self):
        """Take each dispute below the arbitration level (code ``arbitration``) up to it, through
        the dispute's own escalation, which records the reason in its chatter and its new step."""
        arbitration = self.env["tenant.dispute.level"].search([("code", "=", "arbitration")], limit=1)
        if not arbitration:
            return
        for proceeding in self:
            dispute = proceeding.dispute_id
            if (dispute.level_id.sequence, dispute.level_id.id) >= (arbitration.sequence, arbitration.id):
                continue
            dispute.action_escalate(
                self.env._(
                    "Arbitration filed with %(institution)s (case %(case)s).",
                    institution=proceeding.institution,
                    case=proceeding.case_number or self.env._("number not yet known"),
                ),
                arbitration,
            )
