# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    """An after-request survey's answer belongs to the ticket it asks about."""

    _inherit = "survey.user_input"

    tenant_ticket_id = fields.Many2one(
        "tenant.ticket",
        string="Ticket",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
        help="The closed ticket this answer is about (an after-request survey).",
    )
    tenant_ticket_survey_id = fields.Many2one(
        "tenant.ticket.survey",
        string="After-Request Survey",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )

    _sql_constraints = [
        # Once per ticket, even when two closes of the same ticket race.
        ("tenant_ticket_uniq", "UNIQUE (tenant_ticket_id)", "A ticket's survey is sent once."),
    ]

    def _tenant_followup_candidates(self):
        """Finished answers about a ticket are followed up too (their reporter is known)."""
        about_tickets = self.filtered(
            lambda answer: (
                answer.state == "done"
                and not answer.test_entry
                and answer.partner_id
                and answer.tenant_ticket_id
            )
        )
        return super()._tenant_followup_candidates() | about_tickets

    def _tenant_followup_origin(self):
        """The ticket: one follow-up per ticket, whether a poor rating or a poor answer asks first."""
        self.ensure_one()
        return self.tenant_ticket_id or super()._tenant_followup_origin()

    def _tenant_followup_reason(self):
        reason = super()._tenant_followup_reason()
        if not self.tenant_ticket_id:
            return reason
        company = self.tenant_ticket_id.company_id
        env = self.with_context(lang=company._tenant_lang()).env
        return env._(
            "%(reason)s Ticket: %(ticket)s.", reason=reason, ticket=self.tenant_ticket_id.display_name
        )
