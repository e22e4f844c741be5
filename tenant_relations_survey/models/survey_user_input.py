# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.tenant_relations.models.resident.tenant_occupancy import CURRENT_CONTACT_ROLES


class SurveyUserInput(models.Model):
    """A resident who completes a survey earns the "survey" points, once per survey (once per campaign
    for a campaign's answers)."""

    _inherit = "survey.user_input"

    tenant_points_awarded = fields.Boolean(
        string="Loyalty Points Awarded",
        readonly=True,
        copy=False,
        help="This answer earned its author the points for answering a survey.",
    )

    def _mark_done(self):
        result = super()._mark_done()
        self._tenant_award_survey_points()
        return result

    def _tenant_award_survey_points(self):
        Partner = self.env["res.partner"]
        points = Partner._tenant_rule_points("survey")
        # sudo: the author (often a portal user) may not read resident roles (Tenant Relations
        # users only); only whether each author lives here now is used, to decide on their points.
        residents = self.partner_id.sudo().filtered(
            lambda partner: partner.tenant_role in CURRENT_CONTACT_ROLES
        )
        candidates = self.filtered(
            lambda i: not i.tenant_points_awarded and not i.test_entry and i.partner_id in residents
        )
        if not points or not candidates:
            return
        # Answering the same survey again earns nothing more; a campaign's answers earn per campaign,
        # so that a recurring campaign on the same survey earns again each time.
        in_campaign = candidates.filtered("tenant_campaign_id")
        to_award = Partner._tenant_first_unrewarded(in_campaign, "tenant_campaign_id")
        to_award |= Partner._tenant_first_unrewarded(candidates - in_campaign, "survey_id")
        if not to_award:
            return
        Partner._tenant_award_rule(
            "survey", [answer.partner_id.id for answer in to_award], lambda env: env._("Answered a survey")
        )
        # sudo: the author may not write the flag; it only records the points just awarded.
        to_award.sudo().write({"tenant_points_awarded": True})
