# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

MEMBER_TYPES = [
    ("staff", "Staff"),
    ("owner", "Owner Representative"),
    ("neutral", "Neutral Member"),
]
MEMBER_ROLES = [("chair", "Chair"), ("member", "Member"), ("secretary", "Secretary")]
COMMITTEE_GROUP = "tenant_relations_dispute.group_tenant_dispute_committee"


class TenantMediationCommitteeMember(models.Model):
    """A seat on a committee for a term. External members (a lawyer, the residents' committee 居委会)
    are contacts without system access: minutes reach them by mail or PDF."""

    _name = "tenant.mediation.committee.member"
    _description = "Mediation Committee Member"
    _order = "committee_id, role, id"
    _rec_name = "partner_id"

    committee_id = fields.Many2one(
        "tenant.mediation.committee", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="committee_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        compute="_compute_partner_id",
        precompute=True,
        store=True,
        readonly=False,
    )
    user_id = fields.Many2one(
        "res.users",
        index=True,
        help="The member's login, for staff; empty for external members.",
    )
    member_type = fields.Selection(MEMBER_TYPES, required=True, default="neutral")
    role = fields.Selection(MEMBER_ROLES, required=True, default="member")
    date_start = fields.Date(string="Term Start")
    date_end = fields.Date(string="Term End")
    active = fields.Boolean(default=True)

    @api.depends("user_id")
    def _compute_partner_id(self):
        """A member with a login sits as that login's contact: one person, one seat."""
        for member in self:
            member.partner_id = member.user_id.partner_id or member.partner_id

    @api.constrains("date_start", "date_end")
    def _check_term(self):
        for member in self:
            if member.date_start and member.date_end and member.date_end < member.date_start:
                raise ValidationError(
                    self.env._(
                        "The term of %(member)s ends before it starts: check its dates.",
                        member=member.partner_id.display_name,
                    )
                )

    @api.constrains("user_id", "partner_id", "member_type")
    def _check_user(self):
        for member in self:
            if member.member_type == "staff" and not member.user_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s sits as staff: choose their user, or make them an owner "
                        "representative or a neutral member.",
                        member=member.partner_id.display_name,
                    )
                )
            if not member.user_id:
                continue
            if member.user_id.share:
                raise ValidationError(
                    self.env._(
                        "%(user)s is a portal user: an external member sits as a contact without a "
                        "login; clear the User field.",
                        user=member.user_id.display_name,
                    )
                )
            if member.partner_id != member.user_id.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not the contact of the user %(user)s: a member with a login "
                        "sits as that login's contact.",
                        member=member.partner_id.display_name,
                        user=member.user_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members._tenant_grant_committee_group()
        return members

    def write(self, vals):
        res = super().write(vals)
        if vals.get("user_id"):
            self._tenant_grant_committee_group()
        return res

    def _tenant_grant_committee_group(self):
        """Give the members' users the Committee Member group: a seat with a login is what lets them
        read their committee's cases and deliberations.

        Granted rather than refused: the officer who seats a colleague should not need a trip to
        the settings (and the rights to edit users) to make the seat work. Removing a seat leaves
        the group alone, as the user may sit on another committee: an administrator removes it.
        """
        group = self.env.ref(COMMITTEE_GROUP)
        users = self.user_id.filtered(lambda user: group not in user.groups_id)
        if users:
            # sudo: dispute officers may seat staff but not edit users; this adds the one group a
            # seat needs, to internal users only (portal users are refused by _check_user).
            users.sudo().write({"groups_id": [Command.link(group.id)]})

    def _tenant_in_term(self, day):
        """Whether the seat is held on ``day`` (an open start or end is no limit)."""
        self.ensure_one()
        return bool(
            self.active
            and (not self.date_start or self.date_start <= day)
            and (not self.date_end or day <= self.date_end)
        )

    def _tenant_conflicts(self, dispute, day):
        """Why each of these members may not sit on ``dispute`` on ``day``: {member: reason}.

        A member is conflicted who is a party (their contact, or the organisation it belongs to,
        is a party's), who lives in a unit involved on that day, or who is staff when the firm is
        a party. The dispute says who its parties and units are; the occupancies say who lives
        where, read in one search for the whole batch.
        """
        conflicts = {}
        party_partners = dispute._tenant_party_partners()
        party_entities = party_partners | party_partners.commercial_partner_id
        units = dispute._tenant_involved_units()
        firm_is_party = dispute._tenant_firm_is_party()
        occupancies = self.env["tenant.occupancy"]
        if units and self:
            # sudo: whether a member lives in a unit of the case is a fact the check must see even
            # when the unit is beyond the officer's own properties; only the unit on the dispute
            # (which the officer already reads) is named in the message.
            occupancies = (
                self.env["tenant.occupancy"]
                .sudo()
                .search(
                    [
                        ("partner_id", "in", self.partner_id.ids),
                        ("unit_id", "in", units.ids),
                        ("state", "=", "confirmed"),
                        ("move_in_date", "<=", day),
                        "|",
                        ("move_out_date", "=", False),
                        ("move_out_date", ">=", day),
                    ]
                )
            )
        for member in self:
            partner = member.partner_id
            home = occupancies.filtered(lambda occ, partner=partner: occ.partner_id == partner)[:1]
            if (partner | partner.commercial_partner_id) & party_entities:
                conflicts[member] = self.env._("they are a party to the dispute")
            elif home:
                conflicts[member] = self.env._(
                    "they live in %(unit)s, a unit involved", unit=home.unit_id.sudo().display_name
                )
            elif firm_is_party and member.member_type == "staff":
                conflicts[member] = self.env._("they are staff of the firm, which is a party")
        return conflicts
