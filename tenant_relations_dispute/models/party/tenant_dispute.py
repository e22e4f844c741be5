# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class TenantDispute(models.Model):
    """A dispute is between parties: at least one claimant (申请人) and one respondent (被申请人).

    ``partner_id`` is kept for the lists, searches, reports and code that knew one resident per
    dispute: it is now the first claimant, computed, never written."""

    _inherit = "tenant.dispute"

    partner_id = fields.Many2one(
        string="Claimant",
        compute="_compute_partner_id",
        store=True,
        readonly=True,
        help="The first claimant: the parties themselves are on the Parties tab.",
    )
    party_ids = fields.One2many(tracking=True)
    party_count = fields.Integer(compute="_compute_party_count")
    claimant_ids = fields.Many2many(
        "res.partner", string="Claimants", compute="_compute_sides", search="_search_claimant_ids"
    )
    respondent_ids = fields.Many2many(
        "res.partner", string="Respondents", compute="_compute_sides", search="_search_respondent_ids"
    )
    unit_ids = fields.Many2many(
        compute="_compute_unit_ids",
        store=True,
        readonly=False,
        tracking=True,
        help="Every unit the dispute is about; the main unit is one of them.",
    )

    @api.depends("party_ids.role", "party_ids.partner_id")
    def _compute_partner_id(self):
        for dispute in self:
            claimants = dispute.party_ids.filtered(lambda party: party.role == "claimant")
            dispute.partner_id = claimants.sorted("id")[:1].partner_id

    @api.depends("party_ids")
    def _compute_party_count(self):
        for dispute in self:
            dispute.party_count = len(dispute.party_ids)

    @api.depends("party_ids.role", "party_ids.partner_id")
    def _compute_sides(self):
        for dispute in self:
            parties = dispute.party_ids
            dispute.claimant_ids = parties.filtered(lambda p: p.role == "claimant").partner_id
            dispute.respondent_ids = parties.filtered(lambda p: p.role == "respondent").partner_id

    def _search_claimant_ids(self, operator, value):
        return [("party_ids", "any", [("role", "=", "claimant"), ("partner_id", operator, value)])]

    def _search_respondent_ids(self, operator, value):
        return [("party_ids", "any", [("role", "=", "respondent"), ("partner_id", operator, value)])]

    @api.depends("unit_id")
    def _compute_unit_ids(self):
        for dispute in self:
            dispute.unit_ids |= dispute.unit_id

    @api.constrains("unit_id", "unit_ids")
    def _check_main_unit_involved(self):
        for dispute in self:
            if dispute.unit_id and dispute.unit_id not in dispute.unit_ids:
                raise ValidationError(
                    self.env._(
                        "The main unit %(unit)s of dispute %(name)s is one of its units involved: "
                        "keep it there, or choose another main unit.",
                        unit=dispute.unit_id.display_name,
                        name=dispute.name,
                    )
                )

    @api.constrains("party_ids")
    def _check_parties(self):
        """Both sides must be there, from the first save to the last change of the parties."""
        for dispute in self:
            roles = set(dispute.party_ids.mapped("role"))
            if not dispute.party_ids:
                raise ValidationError(
                    self.env._(
                        "A dispute without parties cannot be saved: add the claimant and the respondent "
                        "of %(name)s on the Parties tab.",
                        name=dispute.name,
                    )
                )
            missing = [
                label
                for role, label in (
                    ("claimant", self.env._("a claimant")),
                    ("respondent", self.env._("a respondent")),
                )
                if role not in roles
            ]
            if missing:
                raise ValidationError(
                    self.env._(
                        "Dispute %(name)s needs %(missing)s: a dispute has at least one claimant and one "
                        "respondent.",
                        name=dispute.name,
                        missing=self.env._(" and ").join(missing),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._tenant_keep_main_unit(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._tenant_keep_main_unit(vals)
        return super().write(vals)

    @api.model
    def _tenant_keep_main_unit(self, vals):
        """A main unit written with the units involved joins them (the compute alone would not run
        when both are given)."""
        if vals.get("unit_id") and "unit_ids" in vals:
            vals["unit_ids"] = [*vals["unit_ids"], Command.link(vals["unit_id"])]

    def action_open_parties(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Parties"),
            "res_model": "tenant.dispute.party",
            "view_mode": "list,form",
            "domain": [("dispute_id", "=", self.id)],
            "context": {"default_dispute_id": self.id},
        }
