# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property-fee payments (物业费缴纳记录), recorded by staff or imported, earning on-time points."""

import re
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PERIOD_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# The facts that decided an award: once points were given they stay as they were.
AWARD_LOCKED_FIELDS = ("unit_id", "partner_id", "due_date", "paid_date")


def _on_time_description(months):
    """The ledger reason of on-time payments for these months, in the language of an environment."""
    return lambda env: env._("On-time fee payment: %(periods)s", periods=months)


class TenantFeePayment(models.Model):
    """One property-fee payment of a unit for one month.

    Payers who are current residents and paid by the due date earn the "payment" earning rule
    points once, when the payment is recorded (by hand or by import). Later edits never award
    again; so that the ledger keeps matching the payment, the unit, payer and dates of a payment
    that earned points can no longer be changed (read-only in the views, refused on write).
    """

    _name = "tenant.fee.payment"
    _description = "Fee Payment"
    _inherit = ["tenant.rule.guard.mixin"]
    _order = "period desc, id desc"

    unit_id = fields.Many2one("tenant.unit", required=True, index=True, ondelete="restrict")
    property_id = fields.Many2one(related="unit_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Payer",
        required=True,
        index=True,
        ondelete="restrict",
        help="Left empty on import: the current owner of the unit.",
    )
    period = fields.Char(required=True, help="The month the fee is for, written YYYY-MM, e.g. 2026-10.")
    due_date = fields.Date(required=True)
    paid_date = fields.Date(required=True)
    amount = fields.Monetary()
    on_time = fields.Boolean(compute="_compute_on_time", store=True, help="Paid on or before the due date.")
    points_awarded = fields.Float(
        readonly=True,
        copy=False,
        digits=(16, 2),
        help="Loyalty points this payment earned when it was recorded.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "unit_period_uniq",
            "unique(unit_id, period)",
            "A fee payment is already recorded for this unit and month.",
        ),
    ]

    @api.depends("unit_id.display_name", "period")
    def _compute_display_name(self):
        for payment in self:
            payment.display_name = f"{payment.unit_id.display_name or ''} {payment.period or ''}".strip()

    @api.depends("paid_date", "due_date")
    def _compute_on_time(self):
        for payment in self:
            payment.on_time = bool(
                payment.paid_date and payment.due_date and payment.paid_date <= payment.due_date
            )

    @api.constrains("period")
    def _check_period(self):
        for payment in self:
            if not PERIOD_PATTERN.match(payment.period or ""):
                raise ValidationError(
                    self.env._(
                        "The period of a fee payment is a month written YYYY-MM, "
                        'e.g. 2026-10, not "%(period)s".',
                        period=payment.period,
                    )
                )

    @api.constrains("unit_id", "partner_id")
    def _check_payer(self):
        """The payer lives or lived in the unit: a payment never ties a unit to a stranger, nor to
        a resident of another property (who would earn its points)."""
        # sudo: the occupancies of the unit decide whether the payer may be named, whoever
        # records it; nothing of them is shown.
        occupants = set(
            self.env["tenant.occupancy"]
            .sudo()
            ._read_group(
                # Confirmed links only: a link awaiting confirmation is no occupant yet.
                [
                    ("unit_id", "in", self.unit_id.ids),
                    ("partner_id", "in", self.partner_id.ids),
                    ("state", "=", "confirmed"),
                ],
                ["unit_id", "partner_id"],
            )
        )
        for payment in self:
            if (payment.unit_id, payment.partner_id) not in occupants:
                # The unit is not named: it may be one the user cannot read.
                raise ValidationError(
                    self.env._(
                        "%(payer)s has never lived in this unit: the payer of a fee payment is a "
                        "current or former occupant of the unit.",
                        payer=payment.partner_id.display_name,
                    )
                )

    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        # An onchange rather than a stored compute: a compute depending on the occupancies would
        # rewrite the payer of past payments whenever someone moves in or out.
        payers = self._default_payers(self.unit_id)
        for payment in self:
            payment.partner_id = payers.get(payment.unit_id) or payment.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._prepare_create_vals(vals) for vals in vals_list]
        missing = [vals for vals in vals_list if vals.get("unit_id") and not vals.get("partner_id")]
        if missing:
            units = self.env["tenant.unit"].browse({vals["unit_id"] for vals in missing})
            payers = self._default_payers(units)
            for vals in missing:
                payer = payers.get(units.browse(vals["unit_id"]))
                if payer:
                    vals["partner_id"] = payer.id
        payments = super().create(vals_list)
        payments._tenant_award_on_time_points()
        return payments

    def write(self, vals):
        if "points_awarded" in vals and not self.env.su:
            raise UserError(self.env._("The points of a fee payment are awarded when it is recorded."))
        if "period" in vals:
            vals = {**vals, "period": (vals["period"] or "").strip()}
        self._check_award_lock(vals)
        return super().write(vals)

    # Helpers ----------------------------------------------------------------------------------

    @api.model
    def _prepare_create_vals(self, vals):
        """Copy of ``vals`` fit to create: the period trimmed, awarded points left to the award."""
        vals = dict(vals)
        if not self.env.su:
            vals.pop("points_awarded", None)
        if isinstance(vals.get("period"), str):
            vals["period"] = vals["period"].strip()
        return vals

    @api.model
    def _default_payers(self, units):
        """{unit: partner}: the current owner of each unit (the main contact first), if any."""
        payers = {}
        for unit in units:
            owners = unit.occupancy_ids.filtered(lambda o: o.is_current and o.role == "owner")
            owner = owners.sorted(lambda o: not o.is_main_contact)[:1].partner_id
            if owner:
                payers[unit] = owner
        return payers

    def _check_award_lock(self, vals):
        locked = [fname for fname in AWARD_LOCKED_FIELDS if fname in vals]
        if not locked:
            return
        for payment in self.filtered("points_awarded"):
            for fname in locked:
                field = self._fields[fname]
                value = field.convert_to_record(field.convert_to_cache(vals[fname], payment), payment)
                if value != payment[fname]:
                    raise UserError(
                        self.env._(
                            "The fee payment of %(payment)s already earned %(points)s points for "
                            "%(payer)s: its %(field)s can no longer be changed.",
                            payment=payment.display_name,
                            points=payment.points_awarded,
                            payer=payment.partner_id.display_name,
                            field=field._description_string(self.env),
                        )
                    )

    def _tenant_points_candidates(self):
        """Payments that earn points: on time, not yet rewarded, paid by a current resident of the
        payment's property (a current, confirmed occupancy there: living in another property of
        the firm earns nothing here) who is not a user of the company (staff never earn by
        recording their own payments)."""
        candidates = self.filtered(lambda p: p.on_time and not p.points_awarded and p.partner_id)
        if not candidates:
            return candidates
        # sudo: whether the payer lives in the property decides eligibility only.
        residents = set(
            self.env["tenant.occupancy"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", candidates.partner_id.ids),
                    ("property_id", "in", candidates.unit_id.property_id.ids),
                    ("is_current", "=", True),
                ],
                ["partner_id", "property_id"],
            )
        )
        internal = self.env["res.partner"]._tenant_internal_partner_ids(candidates.partner_id.ids)
        return candidates.filtered(
            lambda p: (
                p.partner_id.id not in internal and (p.partner_id, p.unit_id.sudo().property_id) in residents
            )
        )

    def _tenant_award_on_time_points(self):
        """Give the "payment" earning-rule points, in one award for the whole batch."""
        eligible = self._tenant_points_candidates()
        if not eligible:
            return
        periods = defaultdict(set)
        for payment in eligible:
            periods[payment.partner_id.id].add(payment.period)
        # Each payer's line names their own months only.
        descriptions = {
            partner_id: _on_time_description(", ".join(sorted(months)))
            for partner_id, months in periods.items()
        }
        # _tenant_award_points writes the loyalty cards and ledger with sudo itself, so staff
        # without loyalty rights can record payments.
        points = self.env["res.partner"]._tenant_award_rule(
            "payment", [payment.partner_id.id for payment in eligible], descriptions
        )
        if points:
            # sudo: users may not write the awarded points (see write()); only the award does.
            eligible.sudo().write({"points_awarded": points})
