# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast

from odoo import api, fields, models
from odoo.tools import SQL


class TenantTeam(models.Model):
    """A service team: who handles tickets of which properties, with its own e-mail alias."""

    _name = "tenant.team"
    _description = "Service Team"
    _inherit = ["tenant.rule.guard.mixin", "mail.alias.mixin", "mail.thread"]
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
    color = fields.Integer()

    def init(self):
        # Teams made before the rotation counters existed (or loaded without the ORM) get theirs.
        self.env.cr.execute(SQL("SELECT id FROM %s", SQL.identifier(self._table)))
        self.browse(row[0] for row in self.env.cr.fetchall())._create_assignment_sequences()

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams._create_assignment_sequences()
        return teams

    def unlink(self):
        sequences = [team._assignment_sequence() for team in self]
        res = super().unlink()
        for name in sequences:
            self.env.cr.execute(SQL("DROP SEQUENCE IF EXISTS %s", SQL.identifier(name)))
        return res

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
        """``count`` users for new tickets, by the team's method; empty when manual or nobody is in.

        Nothing shared is written: concurrent intakes for one team (a burst pipe, dozens of portal
        submissions at once) must not update one row, or all but one would fail to serialize and be
        retried. Round robin turns a PostgreSQL sequence of the team, which hands out distinct
        numbers to concurrent transactions without locking. A turn derived from the tickets table
        under a lock would not do: Odoo's transactions read a snapshot taken at their first query,
        so the second of two concurrent intakes would not see the first one's ticket. Balanced
        assignment only reads the open tickets (two intakes at the same instant may both go to the
        least loaded member; the next one sees them).
        """
        self.ensure_one()
        members = self._available_members().sorted("id")
        if self.assignment_method == "manual" or not members:
            return [self.env["res.users"]] * count
        if self.assignment_method == "round_robin":
            return [members[turn % len(members)] for turn in self._next_assignment_turns(count)]
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
        return picked

    def _assignment_sequence(self):
        """The name of the team's rotation counter."""
        self.ensure_one()
        return f"{self._table}_assign_{self.id}"

    def _create_assignment_sequences(self):
        """One rotation counter per team: a sequence, like ir.sequence's 'standard' numbering."""
        for team in self:
            self.env.cr.execute(
                SQL("CREATE SEQUENCE IF NOT EXISTS %s", SQL.identifier(team._assignment_sequence()))
            )

    def _next_assignment_turns(self, count):
        """``count`` turns of the team's rotation, in one query; never the same twice."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", self._assignment_sequence(), count)
        )
        return [row[0] for row in self.env.cr.fetchall()]
