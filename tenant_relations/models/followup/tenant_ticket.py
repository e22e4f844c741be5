# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.rating.models.rating_data import RATING_LIMIT_MIN, RATING_LIMIT_OK

LOW_RATING_FOLLOWUP_PARAM = "tenant_relations.low_rating_followup"
LOW_RATING_FOLLOWUPS = [
    ("visit", "Plan a dissatisfaction return visit"),
    ("reopen", "Reopen the ticket"),
    ("none", "Nothing"),
]
DEFAULT_LOW_RATING_FOLLOWUP = "visit"


class TenantTicket(models.Model):
    _inherit = "tenant.ticket"

    low_rating_followup_date = fields.Datetime(
        string="Poor Rating Followed Up On",
        readonly=True,
        copy=False,
        help="When the reporter's poor rating of the closed ticket opened its follow-up (a return "
        "visit or the ticket reopened): once per ticket, however often it is rated again.",
    )

    def rating_apply(
        self, rate, token=None, rating=None, feedback=None, subtype_xmlid=None, notify_delay_send=False
    ):
        """Odoo's three faces rate 1, 3 or 5: a 1 (dissatisfied) on a closed ticket opens its
        follow-up, once (see _tenant_follow_up_low_rating)."""
        rating = super().rating_apply(
            rate,
            token=token,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        if RATING_LIMIT_MIN <= rating.rating < RATING_LIMIT_OK and rating.res_model == self._name:
            self.browse(rating.res_id)._tenant_follow_up_low_rating(rating)
        return rating

    def _tenant_follow_up_low_rating(self, rating):
        """Open the follow-up of the firm's setting for this poorly rated ticket, unless the ticket
        is not closed (a rating of work still going on is no verdict) or was followed up already.

        Runs as sudo: the follow-up is the system's answer to a rating that was accepted (the
        rating route checked the reporter's token); the reporter, who rated, may neither plan a
        visit nor move the ticket. Returns the visit planned or the ticket reopened, if any.
        """
        self.ensure_one()
        mode = self._tenant_low_rating_followup_mode()
        if mode == "none" or not self.is_closed or self.low_rating_followup_date:
            return None
        ticket = self.sudo()
        partner = rating.partner_id or ticket.partner_id
        reason = ticket._tenant_low_rating_reason(rating)
        if mode == "reopen":
            result = ticket._action_reopen(reason)
        else:
            result = self.env["tenant.visit"].sudo()._tenant_plan_followup(partner, ticket, reason)
        if result:
            ticket.low_rating_followup_date = fields.Datetime.now()
        return result

    def _tenant_low_rating_followup_mode(self):
        """The setting LOW_RATING_FOLLOWUP_PARAM: visit, reopen or none (visit when unset)."""
        # sudo: a global setting; only which follow-up to open comes out, to whoever rates.
        mode = self.env["ir.config_parameter"].sudo().get_param(LOW_RATING_FOLLOWUP_PARAM)
        return mode if mode in dict(LOW_RATING_FOLLOWUPS) else DEFAULT_LOW_RATING_FOLLOWUP

    def _tenant_low_rating_reason(self, rating):
        """Why the follow-up was opened, for the staff: in the firm's language, as the rater is
        the resident. Without the rating's comment: the rating page stores a placeholder first and
        the resident's words only when they submit them, after the follow-up is opened; the
        ticket's conversation shows them."""
        self.ensure_one()
        return self.with_context(lang=self.company_id._tenant_lang()).env._(
            "Dissatisfied rating (%(rate)s/5) of the closed ticket %(ticket)s: the resident's "
            "comment, if any, is in the ticket's conversation.",
            rate=int(rating.rating),
            ticket=self.display_name,
        )
