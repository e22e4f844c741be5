# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

FOLLOWUP_KIND = "followup"


class TenantVisit(models.Model):
    _inherit = "tenant.visit"

    kind = fields.Selection(
        selection_add=[(FOLLOWUP_KIND, "Dissatisfaction follow-up")],
        ondelete={FOLLOWUP_KIND: "set default"},
    )
    followup_reason = fields.Text(
        string="Why Follow Up",
        readonly=True,
        copy=False,
        help="What made the resident unhappy: a poor rating of a ticket, a poor survey answer.",
    )

    @api.model
    def _tenant_plan_followup(self, partner, origin, reason):
        """Plan one dissatisfaction return visit (不满意回访) to ``partner`` about ``origin`` (the
        record that showed the resident unhappy: a rated ticket, a survey answer), noting ``reason``.

        Idempotent per origin record: a second call for the same record returns the visit already
        planned (the unique ``reason_key`` also holds against two concurrent calls). Planned for
        today, on the calendar of the staff in charge of the resident's property. Returns the
        visit, or no record without a resident to visit. Callers decide whether a follow-up is due;
        the visit is created with the caller's rights (sudo it when the caller is the resident).
        """
        if not partner:
            return self.browse()
        origin.ensure_one()
        key = self._tenant_followup_key(origin)
        visit = self.search([("kind", "=", FOLLOWUP_KIND), ("reason_key", "=", key)], limit=1)
        if visit:
            return visit
        return self._create_planned([self._prepare_followup_vals(partner, origin, reason)])

    @api.model
    def _tenant_followup_key(self, origin):
        return f"{FOLLOWUP_KIND}:{origin._name},{origin.id}"

    @api.model
    def _prepare_followup_vals(self, partner, origin, reason):
        """The values of the follow-up visit; an addon knowing ``origin`` better may add to them."""
        ticket = origin if origin._name == "tenant.ticket" else self.env["tenant.ticket"]
        unit = ticket.unit_id
        if not unit and len(partner.tenant_unit_ids) == 1:
            unit = partner.tenant_unit_ids
        property_ = ticket.property_id or unit.property_id
        user = (
            property_.manager_id or ticket.team_id.leader_id or self._responsible_users(property_)[property_]
        )
        return {
            "kind": FOLLOWUP_KIND,
            "partner_id": partner.id,
            "unit_id": unit.id,
            "ticket_id": ticket.id,
            "user_id": user.id,
            "planned_date": fields.Date.context_today(self),
            "channel": self._preferred_channel(partner),
            "followup_reason": reason,
            "reason_key": self._tenant_followup_key(origin),
        }

    @api.model
    def _get_reopening_kinds(self):
        """A follow-up of a poorly rated ticket checks on it too: still unsatisfied, it reopens."""
        return (*super()._get_reopening_kinds(), FOLLOWUP_KIND)
