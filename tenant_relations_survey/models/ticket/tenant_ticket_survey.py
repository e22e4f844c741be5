# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.tenant_relations.models.ticket.tenant_ticket import TICKET_KINDS

RATING_MODES = [("besides", "Besides the rating"), ("instead", "Instead of the rating")]


class TenantTicketSurvey(models.Model):
    """Which short survey a closed ticket's reporter gets: per kind of ticket (a repair, a
    complaint…) and, optionally, per category (and its sub-categories), the most specific first."""

    _name = "tenant.ticket.survey"
    _description = "After-Request Survey"
    # The company rule holds after a change too: a manager cannot move one to another company.
    _inherit = ["tenant.rule.guard.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(TICKET_KINDS, string="Ticket Kind", required=True, default="repair")
    category_id = fields.Many2one(
        "tenant.ticket.category",
        index="btree_not_null",
        ondelete="cascade",
        help="Only tickets of this category or one of its sub-categories; empty: every ticket of the kind.",
    )
    survey_id = fields.Many2one("survey.survey", required=True, ondelete="restrict")
    # Staff read which survey is sent without Odoo's Surveys rights (a related field reads as sudo).
    survey_title = fields.Char(related="survey_id.title", string="Survey Title")
    rating_mode = fields.Selection(
        RATING_MODES,
        string="Rating",
        required=True,
        default="besides",
        help="Besides the rating: the reporter gets the closing mail with its rating links and the "
        "survey. Instead of the rating: the survey replaces the closing mail and the rating on the "
        "portal (for reporters who get the survey).",
    )
    template_id = fields.Many2one(
        "mail.template",
        string="Invitation Mail",
        required=True,
        domain=[("model", "=", "survey.user_input")],
        default=lambda self: self.env.ref(
            "tenant_relations_survey.mail_template_ticket_survey", raise_if_not_found=False
        ),
        help="Sent to the reporter in their language, with the link to their answer.",
    )
    answer_ids = fields.One2many("survey.user_input", "tenant_ticket_survey_id", string="Answers")
    answer_count = fields.Integer(compute="_compute_answer_counts")
    answered_count = fields.Integer(string="Answered", compute="_compute_answer_counts")

    def _compute_answer_counts(self):
        # sudo: counts only; the answers themselves are read in Odoo's Surveys app by its users.
        groups = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("tenant_ticket_survey_id", "in", self.ids)],
                ["tenant_ticket_survey_id", "state"],
                ["__count"],
            )
        )
        sent, done = {}, {}
        for config, state, count in groups:
            sent[config.id] = sent.get(config.id, 0) + count
            if state == "done":
                done[config.id] = count
        for config in self:
            config.answer_count = sent.get(config.id, 0)
            config.answered_count = done.get(config.id, 0)

    @api.constrains("kind", "category_id", "company_id", "active")
    def _check_one_per_kind_and_category(self):
        """One active survey per kind and category in a company: which survey a ticket gets must
        not depend on the order the records were made in."""
        for config in self.filtered("active"):
            clash = self.search_count(
                [
                    ("id", "!=", config.id),
                    ("company_id", "=", config.company_id.id),
                    ("kind", "=", config.kind),
                    ("category_id", "=", config.category_id.id),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(name)s: another after-request survey already covers these tickets (same "
                        "kind and category); archive it first.",
                        name=config.name,
                    )
                )

    def action_view_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("survey.action_survey_user_input")
        action.update(
            domain=[("tenant_ticket_survey_id", "=", self.id)],
            context={"search_default_group_by_survey": False},
        )
        return action

    @api.model
    def _tenant_for_tickets(self, tickets):
        """The survey of each ticket (a dict ticket → record; tickets without one left out): of
        the ticket's company and kind, for its category or the nearest parent category that has
        one, else the kind's survey without category. One search for the whole batch."""
        if not tickets:
            return {}
        configs = self.search(
            [("company_id", "in", tickets.company_id.ids), ("kind", "in", list(set(tickets.mapped("kind"))))]
        )
        by_key = {(c.company_id.id, c.kind, c.category_id.id): c for c in configs}
        result = {}
        for ticket in tickets:
            # The category and its parents, nearest first (parent_path is "root/…/own/").
            chain = [int(x) for x in (ticket.category_id.parent_path or "").split("/") if x][::-1]
            for category_id in (*chain, False):
                config = by_key.get((ticket.company_id.id, ticket.kind, category_id))
                if config:
                    result[ticket] = config
                    break
        return result
