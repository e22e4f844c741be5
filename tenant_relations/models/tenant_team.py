# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast

from odoo import fields, models


class TenantTeam(models.Model):
    """A service team: who handles tickets of which properties, with its own e-mail alias."""

    _name = "tenant.team"
    _description = "Service Team"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    leader_id = fields.Many2one("res.users", string="Team Leader", domain=[("share", "=", False)])
    member_ids = fields.Many2many(
        "res.users",
        "tenant_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
    )
    property_ids = fields.Many2many("tenant.property", string="Properties Served")
    assignment_method = fields.Selection(
        [("manual", "Manual"), ("round_robin", "Round robin"), ("balanced", "Fewest open tickets")],
        required=True,
        default="manual",
        help="How new tickets are given to members; members on time off are skipped.",
    )
    last_assigned_user_id = fields.Many2one("res.users", readonly=True)
    color = fields.Integer()

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("tenant.ticket")
        if self.id:
            defaults = ast.literal_eval(self.alias_defaults or "{}")
            defaults.update({"team_id": self.id, "channel": "email"})
            values["alias_defaults"] = defaults
        return values

    def _available_members(self):
        """Members not on time off now (resource leaves, as recorded by Time Off or by hand)."""
        self.ensure_one()
        now = fields.Datetime.now()
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("resource_id.user_id", "in", self.member_ids.ids),
                ("date_from", "<=", now),
                ("date_to", ">=", now),
            ]
        )
        return self.member_ids - leaves.resource_id.user_id

    def _pick_assignees(self, count):
        """``count`` users for new tickets, by the team's method; empty when manual or nobody is in."""
        self.ensure_one()
        members = self._available_members().sorted("id")
        if self.assignment_method == "manual" or not members:
            return [self.env["res.users"]] * count
        if self.assignment_method == "round_robin":
            ids = members.ids
            last = self.last_assigned_user_id.id
            start = next((i for i, uid in enumerate(ids) if uid > last), 0) if last else 0
            picked = [members.browse(ids[(start + n) % len(ids)]) for n in range(count)]
        else:
            open_counts = dict(
                self.env["tenant.ticket"]._read_group(
                    [("user_id", "in", members.ids), ("is_closed", "=", False)], ["user_id"], ["__count"]
                )
            )
            load = {user: open_counts.get(user, 0) for user in members}
            picked = []
            for _n in range(count):
                user = min(members, key=lambda u: (load[u], u.id))
                load[user] += 1
                picked.append(user)
        self.last_assigned_user_id = picked[-1]
        return picked
