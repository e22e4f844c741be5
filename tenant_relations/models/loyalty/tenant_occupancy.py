# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Occupancies earn loyalty points by themselves (each full year of tenancy, each lease renewal), and
a new owner or tenant converts the open referral that named them."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..resident.tenant_occupancy import HOLDER_ROLES


class TenantOccupancy(models.Model):
    _inherit = "tenant.occupancy"

    tenant_next_anniversary = fields.Date(
        string="Next Tenure Anniversary",
        compute="_compute_tenant_next_anniversary",
        store=True,
        precompute=True,  # the day it is recorded decides, not the day it is flushed
        index=True,
        copy=False,
        help="The day the next full year in this unit earns loyalty points. Years completed before "
        "the occupancy was recorded earn nothing.",
    )
    tenant_referral_ids = fields.One2many(
        "tenant.referral", "converted_occupancy_id", string="Converted Referrals", readonly=True
    )
    tenant_rewarded_lease_end = fields.Date(
        string="Renewal Rewarded Until",
        readonly=True,
        copy=False,
        help="Lease end of the last renewal that earned points: moving the end back and forth "
        "earns nothing more.",
    )

    @api.depends("move_in_date", "role")
    def _compute_tenant_next_anniversary(self):
        today = fields.Date.context_today(self)
        for occupancy in self:
            move_in = occupancy.move_in_date
            if not move_in or occupancy.role not in HOLDER_ROLES:
                occupancy.tenant_next_anniversary = False
                continue
            years = max(relativedelta(today, move_in).years, 0)
            anniversary = move_in + relativedelta(years=years)
            if anniversary <= today:
                # Reached today or before being recorded (or recomputed): the next one earns.
                anniversary = move_in + relativedelta(years=years + 1)
            occupancy.tenant_next_anniversary = anniversary

    @api.model_create_multi
    def create(self, vals_list):
        occupancies = super().create(vals_list)
        self.env["tenant.referral"]._tenant_convert_for_occupancies(occupancies)
        return occupancies

    def write(self, vals):
        renewed = self._tenant_renewed_by(vals.get("lease_end")) if vals.get("lease_end") else self.browse()
        result = super().write(vals)
        renewed._tenant_award_renewal()
        return result

    def _tenant_renewed_by(self, lease_end):
        """The leases this new end extends beyond both their current end and the last rewarded one."""
        lease_end = fields.Date.to_date(lease_end)
        return self.filtered(
            lambda o: (
                o.role in HOLDER_ROLES
                and o.is_current  # a pending link earns nothing (see tenant.occupancy.state)
                and o.lease_end
                and lease_end > o.lease_end
                and (not o.tenant_rewarded_lease_end or lease_end > o.tenant_rewarded_lease_end)
            )
        )

    def _tenant_award_renewal(self):
        Partner = self.env["res.partner"]
        if not self or not Partner._tenant_award_rule(
            "renewal",
            [occupancy.partner_id.id for occupancy in self],
            Partner._tenant_rule_description("renewal"),
        ):
            return
        # The renewals are recorded whoever extended the lease: staff with occupancy rights.
        for lease_end, occupancies in self.grouped("lease_end").items():
            occupancies.sudo().write({"tenant_rewarded_lease_end": lease_end})

    @api.model
    def _cron_award_tenure_points(self, batch_size=1000):
        """Award the points of each full year of tenancy reached, ``batch_size`` occupancies a run.

        The points and the next anniversary are written in one transaction: a batch cut short
        leaves neither, and the next run takes it again. Two runs at once take disjoint
        occupancies (_tenant_lock_batch); a run that read them before the other committed fails
        to lock them, their anniversary having moved on, and rolls back: a year earns once.
        """
        today = fields.Date.context_today(self)
        domain = [
            ("is_current", "=", True),
            ("role", "in", HOLDER_ROLES),
            ("tenant_next_anniversary", "<=", today),
        ]
        due = self._tenant_lock_batch(domain, order="tenant_next_anniversary, id", limit=batch_size)
        if not due:
            return due
        Partner = self.env["res.partner"]
        Partner._tenant_award_rule(
            "tenure",
            [occupancy.partner_id.id for occupancy in due],
            Partner._tenant_rule_description("tenure"),
        )
        # Zero points configured: the anniversaries still move on, so that turning the rule on
        # later awards no backlog.
        # Counted from the move-in, not from the last anniversary: 29 February comes back.
        next_dates = defaultdict(list)
        for occupancy in due:
            move_in, anniversary = occupancy.move_in_date, occupancy.tenant_next_anniversary
            next_date = move_in + relativedelta(years=anniversary.year - move_in.year + 1)
            next_dates[next_date].append(occupancy.id)
        for next_date, ids in next_dates.items():
            self.browse(ids).write({"tenant_next_anniversary": next_date})
        remaining = self.search_count(domain) if len(due) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
        return due
