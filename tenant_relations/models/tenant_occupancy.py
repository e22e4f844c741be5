# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TenantOccupancy(models.Model):
    """Who holds or lives in a unit, in which role, and from when to when."""

    _name = "tenant.occupancy"
    _description = "Occupancy"
    _inherit = ["tenant.rule.guard.mixin", "mail.thread"]
    _order = "move_in_date desc, id desc"
    _rec_name = "partner_id"

    unit_id = fields.Many2one("tenant.unit", required=True, index=True, ondelete="cascade", tracking=True)
    property_id = fields.Many2one(related="unit_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="cascade", tracking=True
    )
    role = fields.Selection(
        [("owner", "Owner"), ("tenant", "Tenant"), ("resident", "Household member")],
        required=True,
        default="owner",
        tracking=True,
    )
    move_in_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    move_out_date = fields.Date(tracking=True, index=True)
    lease_start = fields.Date()
    lease_end = fields.Date(tracking=True)
    is_main_contact = fields.Boolean(string="Main Contact", help="Speaks for the household of this unit.")
    is_current = fields.Boolean(
        string="Current",
        compute="_compute_is_current",
        store=True,
        index=True,
        help="Moved in and not yet moved out. Refreshed daily by a scheduled action.",
    )

    @api.depends("move_in_date", "move_out_date")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for occ in self:
            occ.is_current = bool(
                occ.move_in_date
                and occ.move_in_date <= today
                and (not occ.move_out_date or occ.move_out_date >= today)
            )

    @api.constrains("move_in_date", "move_out_date", "lease_start", "lease_end")
    def _check_dates(self):
        for occ in self:
            if occ.move_out_date and occ.move_in_date and occ.move_out_date < occ.move_in_date:
                raise ValidationError(
                    self.env._(
                        "%(person)s cannot move out of %(unit)s (%(move_out)s) "
                        "before moving in (%(move_in)s).",
                        person=occ.partner_id.display_name,
                        unit=occ.unit_id.display_name,
                        move_out=occ.move_out_date,
                        move_in=occ.move_in_date,
                    )
                )
            if occ.lease_end and occ.lease_start and occ.lease_end < occ.lease_start:
                raise ValidationError(
                    self.env._(
                        "The lease of %(person)s on %(unit)s ends before it starts.",
                        person=occ.partner_id.display_name,
                        unit=occ.unit_id.display_name,
                    )
                )

    @api.constrains("unit_id", "role", "move_in_date", "move_out_date", "lease_start", "lease_end")
    def _check_tenant_lease_overlap(self):
        """Two tenants cannot lease the same unit over the same period."""
        leases = self.filtered(lambda o: o.role == "tenant")
        if not leases:
            return
        others = self.search([("unit_id", "in", leases.unit_id.ids), ("role", "=", "tenant")])
        for occ in leases:
            start, end = occ._lease_period()
            for other in others:
                if other == occ or other.unit_id != occ.unit_id:
                    continue
                other_start, other_end = other._lease_period()
                if start <= other_end and other_start <= end:
                    raise ValidationError(
                        self.env._(
                            "%(unit)s is already leased to %(other)s from %(start)s to %(end)s: "
                            "the lease of %(person)s overlaps it.",
                            unit=occ.unit_id.display_name,
                            other=other.partner_id.display_name,
                            start=other_start,
                            end=other.lease_end or other.move_out_date or self.env._("open end"),
                            person=occ.partner_id.display_name,
                        )
                    )

    def _lease_period(self):
        """The period a tenant holds the unit: the lease, else the stay; open ends are unbounded."""
        self.ensure_one()
        start = self.lease_start or self.move_in_date or date.min
        end = self.lease_end or self.move_out_date or date.max
        return start, end

    def _cron_refresh_current(self):
        """Recompute ``is_current`` for occupancies whose move-in or move-out date was crossed."""
        today = fields.Date.context_today(self)
        stale = self.search(
            [
                "|",
                "&",
                ("is_current", "=", False),
                "&",
                ("move_in_date", "<=", today),
                "|",
                ("move_out_date", "=", False),
                ("move_out_date", ">=", today),
                "&",
                ("is_current", "=", True),
                "|",
                ("move_in_date", ">", today),
                ("move_out_date", "<", today),
            ]
        )
        if stale:
            self.env.add_to_compute(self._fields["is_current"], stale)
            stale._recompute_recordset(["is_current"])
        return stale
