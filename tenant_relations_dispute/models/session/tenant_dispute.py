# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class TenantDispute(models.Model):
    """What the mediation sessions need of a dispute: who its parties and units are, whether the
    firm is a side, its committee, and the next session for the portal."""

    _inherit = "tenant.dispute"

    next_session_id = fields.Many2one(
        "tenant.mediation.session",
        compute="_compute_next_session_id",
        store=True,
        help="The earliest session still planned: what the parties see as their next date.",
    )
    next_session_date = fields.Datetime(related="next_session_id.date_start", string="Next Session Date")

    @api.depends("session_ids.state", "session_ids.date_start")
    def _compute_next_session_id(self):
        for dispute in self:
            planned = dispute.session_ids.filtered(lambda session: session.state == "planned")
            dispute.next_session_id = planned.sorted(lambda session: (session.date_start, session.id))[:1]

    def write(self, vals):
        res = super().write(vals)
        if not {"name", "confidential", "party_ids"}.isdisjoint(vals):
            # The events show the subject and the parties, or neither when the case is confidential.
            self.session_ids.filtered(
                lambda session: session.event_id and session.state == "planned"
            )._tenant_project_event()
        return res

    def action_schedule_session(self):
        """A new session of this dispute in a form; the dispute's committee is chosen first (the
        property's, else the company's) when it has none."""
        self.ensure_one()
        if not self.committee_id:
            committee = self._tenant_default_committee()
            if not committee:
                raise UserError(
                    self.env._(
                        "No mediation committee serves %(property)s: create one (Disputes > "
                        "Mediation Committees) or choose one on the dispute, then schedule the session.",
                        property=self.property_id.display_name,
                    )
                )
            self.committee_id = committee
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Schedule Session"),
            "res_model": "tenant.mediation.session",
            "view_mode": "form",
            "target": "current",
            "context": {"default_dispute_id": self.id},
        }

    def _tenant_default_committee(self):
        """The committee of the dispute's property, else one serving its whole company."""
        self.ensure_one()
        committees = self.env["tenant.mediation.committee"].search(
            [
                ("company_id", "=", self.company_id.id),
                "|",
                ("property_id", "=", self.property_id.id),
                ("property_id", "=", False),
            ]
        )
        return committees.sorted(lambda committee: (not committee.property_id, committee.id))[:1]

    def _tenant_party_partners(self):
        """The contacts of the parties, both sides."""
        return self.party_ids.partner_id

    def _tenant_involved_units(self):
        """The units the dispute is about: its unit and the units involved."""
        return self.unit_id | self.unit_ids

    def _tenant_firm_is_party(self):
        """Whether the firm itself is a side: a party of the firm's type, or the company's contact."""
        self.ensure_one()
        firm = self.company_id.partner_id
        return any(
            party.party_type == "firm" or (firm and party.partner_id.commercial_partner_id == firm)
            for party in self.party_ids
        )
