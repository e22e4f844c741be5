# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

PARTY_ROLES = [("claimant", "Claimant"), ("respondent", "Respondent")]
PARTY_TYPES = [("resident", "Resident"), ("firm", "The Firm"), ("contractor", "Contractor")]


class TenantDisputeParty(models.Model):
    """One side's seat in a dispute, with its own chatter: what a party says and files here is read
    by the staff handling the case and by that party, never by the other side.

    Who may read a party follows who may read its dispute (see ``tenant.dispute.tenant_readable``
    and ``security/tenant_relations_dispute_security.xml``)."""

    _name = "tenant.dispute.party"
    _description = "Dispute Party"
    _inherit = ["mail.thread"]
    _order = "dispute_id, role, id"
    _rec_name = "partner_id"

    dispute_id = fields.Many2one("tenant.dispute", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Party", required=True, index=True, tracking=True)
    role = fields.Selection(PARTY_ROLES, required=True, default="claimant", tracking=True)
    party_type = fields.Selection(
        PARTY_TYPES,
        compute="_compute_party_type",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="The Firm is the company's own contact; it is set by itself when the company is the party.",
    )
    property_id = fields.Many2one(related="dispute_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True, index=True)
    evidence_ids = fields.One2many("tenant.dispute.evidence", "party_id")
    evidence_count = fields.Integer(compute="_compute_evidence_count")

    @api.depends("partner_id", "dispute_id.company_id")
    def _compute_party_type(self):
        for party in self:
            if party.partner_id and party.partner_id == party._tenant_firm_partner():
                party.party_type = "firm"
            elif party.party_type == "firm" or not party.party_type:
                party.party_type = "resident"

    def _compute_evidence_count(self):
        counts = dict(
            self.env["tenant.dispute.evidence"]._read_group(
                [("party_id", "in", self.ids)], ["party_id"], ["__count"]
            )
        )
        for party in self:
            party.evidence_count = counts.get(party._origin, 0)

    @api.constrains("partner_id", "role", "dispute_id")
    def _check_one_seat(self):
        """A person sits on one side of a dispute, once."""
        for dispute in self.dispute_id:
            seen = {}
            for party in dispute.party_ids:
                other = seen.setdefault(party.partner_id, party)
                if other == party:
                    continue
                if other.role != party.role:
                    raise ValidationError(
                        self.env._(
                            "%(partner)s cannot be both claimant and respondent in dispute %(dispute)s: "
                            "the sides of a dispute are different people.",
                            partner=party.partner_id.display_name,
                            dispute=dispute.name,
                        )
                    )
                raise ValidationError(
                    self.env._(
                        "%(partner)s is already a party to dispute %(dispute)s.",
                        partner=party.partner_id.display_name,
                        dispute=dispute.name,
                    )
                )

    @api.constrains("party_type", "partner_id", "dispute_id")
    def _check_firm(self):
        """The Firm is the company's own contact, and the company's own contact is The Firm: the
        rules on conflicted staff and on the firm as a party read this type."""
        for party in self:
            is_firm = party.partner_id == party._tenant_firm_partner()
            if party.party_type == "firm" and not is_firm:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not the firm: the party type The Firm is for %(company)s's own "
                        "contact. Choose Resident or Contractor.",
                        partner=party.partner_id.display_name,
                        company=party.dispute_id.company_id.name,
                    )
                )
            if is_firm and party.party_type != "firm":
                raise ValidationError(
                    self.env._(
                        "%(partner)s is the firm itself: its party type is The Firm.",
                        partner=party.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        parties = super().create(vals_list)
        # A saved dispute always has a claimant and a respondent (``_check_parties``): a dispute
        # whose only parties are these is being created with them, at whatever level it starts.
        # sudo: only counts the other parties, whom the user may not read.
        others = self.sudo().search(
            [("dispute_id", "in", parties.dispute_id.ids), ("id", "not in", parties.ids)]
        )
        parties.dispute_id.filtered(lambda dispute: dispute in others.dispute_id)._tenant_check_open()
        return parties

    def write(self, vals):
        disputes = self.dispute_id
        self.dispute_id._tenant_check_open()
        res = super().write(vals)
        if "dispute_id" in vals:
            self.dispute_id._tenant_check_open()
        if {"role", "dispute_id"} & vals.keys():
            # A party moved to the other side (or to another dispute) may leave one side empty.
            (disputes | self.dispute_id)._check_parties()
        return res

    def unlink(self):
        disputes = self.dispute_id
        disputes._tenant_check_open()
        res = super().unlink()
        disputes.exists()._check_parties()
        return res

    def action_open_thread(self):
        """The party's own form: its chatter is that party's thread, its evidence beside it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _tenant_firm_partner(self):
        """The firm as a party: the contact of the dispute's company (the current one before the
        dispute has a company)."""
        self.ensure_one()
        return (self.dispute_id.company_id or self.env.company).partner_id
