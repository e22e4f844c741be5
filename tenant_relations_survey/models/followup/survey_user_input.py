# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

FOLLOWUP_THRESHOLD_PARAM = "tenant_relations_survey.followup_threshold"
DEFAULT_FOLLOWUP_THRESHOLD = 60


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        result = super()._mark_done()
        self._tenant_follow_up_unhappy()
        return result

    def _tenant_follow_up_unhappy(self):
        """Plan a dissatisfaction return visit for each finished, identified answer whose resident
        is unhappy (_tenant_is_unhappy): once per answer (per ticket for a post-ticket survey,
        which a poor rating of the same ticket shares: see _tenant_followup_origin).

        As sudo: the resident who finishes the answer may not plan visits; the visit is the
        system's answer to an answer that was accepted, planned for the property's staff.
        """
        answers = self._tenant_followup_candidates().filtered(lambda answer: answer._tenant_is_unhappy())
        Visit = self.env["tenant.visit"].sudo()
        for answer in answers:
            Visit._tenant_plan_followup(
                answer.partner_id, answer._tenant_followup_origin(), answer._tenant_followup_reason()
            )
        return answers

    def _tenant_followup_candidates(self):
        """The answers that may be followed up: finished, real (not a test), of a resident known by
        name, in a campaign that is not anonymous. An addon linking answers elsewhere (a ticket)
        adds its own."""
        return self.filtered(
            lambda answer: (
                answer.state == "done"
                and not answer.test_entry
                and answer.partner_id
                and answer.tenant_campaign_id
                and not answer._tenant_is_anonymous()
            )
        )

    def _tenant_is_anonymous(self):
        """Whether the answer belongs to an anonymous campaign (no person may be followed up)."""
        self.ensure_one()
        campaign = self.tenant_campaign_id
        return bool("anonymous" in campaign._fields and campaign.anonymous)

    def _tenant_is_unhappy(self):
        """Whether the resident is unhappy: their share of satisfied scored choices
        (``tenant_satisfaction``, see models/score) is below the threshold setting. An answer with
        no scored choice is no verdict. Overridable: a firm may judge otherwise (one question, a
        topic)."""
        self.ensure_one()
        return bool(self.tenant_scored_count) and self.tenant_satisfaction < self._tenant_followup_threshold()

    def _tenant_followup_threshold(self):
        """The setting FOLLOWUP_THRESHOLD_PARAM, a percentage from 0 (never) to 100."""
        return self.env["ir.config_parameter"]._tenant_get_int_param(
            FOLLOWUP_THRESHOLD_PARAM, DEFAULT_FOLLOWUP_THRESHOLD, minimum=0, maximum=100
        )

    def _tenant_followup_origin(self):
        """The record the follow-up is about, once: the answer itself."""
        self.ensure_one()
        return self

    def _tenant_followup_reason(self):
        """Why the visit is planned, for the staff, in the firm's language."""
        self.ensure_one()
        company = self.tenant_campaign_id.company_id or self.env.company
        env = self.with_context(lang=company._tenant_lang()).env
        survey = self.tenant_campaign_id.name or self.survey_id.with_env(env).title
        return env._(
            "Unhappy survey answer: %(satisfaction)s%% satisfied in %(survey)s, below the follow-up "
            "threshold of %(threshold)s%%.",
            satisfaction=round(self.tenant_satisfaction),
            survey=survey,
            threshold=self._tenant_followup_threshold(),
        )
