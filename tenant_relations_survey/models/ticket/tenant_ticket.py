# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantTicket(models.Model):
    """A closed ticket's reporter gets the after-request survey of its kind and category, once."""

    _inherit = "tenant.ticket"

    tenant_survey_answer_ids = fields.One2many(
        "survey.user_input", "tenant_ticket_id", string="Survey Answers", readonly=True
    )
    tenant_survey_answer_count = fields.Integer(
        string="Survey Answers Count", compute="_compute_tenant_survey_answer_count"
    )

    def _compute_tenant_survey_answer_count(self):
        # sudo: a count; staff reading the ticket may not hold Odoo's Surveys rights.
        counts = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group([("tenant_ticket_id", "in", self.ids)], ["tenant_ticket_id"], ["__count"])
        )
        for ticket in self:
            ticket.tenant_survey_answer_count = counts.get(ticket, 0)

    def _on_stage_change(self, previous_stages):
        closed = self.filtered(lambda t: t.is_closed and not previous_stages.get(t).is_closed)
        # Which closing mails the survey replaces, decided for the batch at once (the base asks
        # _tenant_stage_template ticket by ticket).
        replaced = closed._tenant_rating_replaced_tickets() if closed else closed
        tickets = self.with_context(tenant_rating_replaced_ids=frozenset(replaced.ids))
        res = super(TenantTicket, tickets)._on_stage_change(previous_stages)
        if closed:
            closed._tenant_send_after_survey()
        return res

    def _tenant_stage_template(self, stage):
        """No closing rating request when the after-request survey replaces it."""
        if stage.is_closed:
            known = self.env.context.get("tenant_rating_replaced_ids")
            replaced = self.id in known if known is not None else bool(self._tenant_rating_replaced_tickets())
            if replaced:
                return self.env["mail.template"]
        return super()._tenant_stage_template(stage)

    def _tenant_rating_offered(self):
        return super()._tenant_rating_offered() and not self._tenant_rating_replaced_tickets()

    def action_view_survey_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("survey.action_survey_user_input")
        action.update(
            domain=[("tenant_ticket_id", "=", self.id)],
            context={"search_default_group_by_survey": False},
        )
        return action

    def _tenant_rating_replaced_tickets(self):
        """Those of these tickets whose reporter gets (or got) the after-request survey instead of
        the rating: by the survey sent, else by the survey that would be sent now."""
        # sudo: which survey applies and whether it was sent, for the ticket's own mails and page.
        tickets = self.sudo()
        sent = tickets.filtered("tenant_survey_answer_ids")
        replaced = sent.filtered(
            lambda t: t.tenant_survey_answer_ids[:1].tenant_ticket_survey_id.rating_mode == "instead"
        )
        configs = self.env["tenant.ticket.survey"].sudo()._tenant_for_tickets(tickets - sent)
        for ticket, config in configs.items():
            if config.rating_mode == "instead" and ticket._tenant_may_survey_reporter(config):
                replaced |= ticket
        return self.browse(replaced.ids)

    def _tenant_may_survey_reporter(self, config):
        """Whether the reporter may get ``config``'s survey: they consent to be contacted, have an
        e-mail, and the survey lets them in (open; one requiring sign-in needs their login)."""
        self.ensure_one()
        partner = self.partner_id
        survey = config.survey_id
        if not (partner and partner.tenant_notification_consent and partner.email and survey.active):
            return False
        return bool(partner.user_ids) or not survey.users_login_required

    def _tenant_send_after_survey(self):
        """Mail each closed ticket's reporter the after-request survey of the ticket, once per
        ticket (closed, reopened and closed again: no second survey).

        As sudo: the system's own mail on a close that was allowed (by staff, or by the resident
        on the portal); the answers are created in Odoo's survey app, which neither administers.
        """
        tickets = self.sudo().filtered(
            lambda t: t.is_closed and t.partner_id and not t.tenant_survey_answer_ids
        )
        if not tickets:
            return self.env["survey.user_input"]
        configs = self.env["tenant.ticket.survey"].sudo()._tenant_for_tickets(tickets)
        answers = self.env["survey.user_input"].sudo()
        by_template = {}
        for ticket, config in configs.items():
            if not ticket._tenant_may_survey_reporter(config):
                continue
            answer = config.survey_id._create_answer(
                partner=ticket.partner_id,
                check_attempts=False,
                **ticket._tenant_prepare_survey_answer_vals(config),
            )
            by_template.setdefault(config.template_id, answers.browse())
            by_template[config.template_id] |= answer
            answers |= answer
        for template, batch in by_template.items():
            template.send_mail_batch(batch.ids)
        return answers

    def _tenant_prepare_survey_answer_vals(self, config):
        """The ticket's marks on its survey answer: the ticket, the survey rule, and the property
        (so that the answer is read by that property's staff, as a campaign's)."""
        self.ensure_one()
        return {
            "tenant_ticket_id": self.id,
            "tenant_ticket_survey_id": config.id,
            "tenant_property_id": self.property_id.id,
            "tenant_building": self.unit_id.building or False,
        }
