# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models

from ..resident.tenant_occupancy import HOLDER_ROLES


class TenantProperty(models.Model):
    """The share of new residents who came from referrals (target 30 %)."""

    _inherit = "tenant.property"

    tenant_referral_share = fields.Float(
        string="Referral Share",
        compute="_compute_tenant_referral_share",
        help="Share of the new owners and tenants of the last twelve months who were referred.",
    )

    def _compute_tenant_referral_share(self):
        today = fields.Date.context_today(self)
        shares = self._referral_share(today - relativedelta(years=1), today)
        for prop in self:
            prop.tenant_referral_share = shares.get(prop.id, (0, 0, 0.0))[2]

    def _referral_share(self, date_from, date_to):
        """{property id: (new occupancies, from referrals, share 0..1)} over a move-in period.

        Two ``_read_group`` calls for all the properties in ``self``.
        """
        props = self._origin.filtered("id")
        if not props:
            return {}
        domain = [
            ("property_id", "in", props.ids),
            ("role", "in", HOLDER_ROLES),
            ("move_in_date", ">=", date_from),
            ("move_in_date", "<=", date_to),
        ]
        # sudo: counts only, for properties the user can read; a referral may be recorded
        # under another property than the one the prospect finally moved into.
        Occupancy = self.env["tenant.occupancy"].sudo()
        totals = dict(Occupancy._read_group(domain, ["property_id"], ["__count"]))
        referred = dict(
            Occupancy._read_group(
                [*domain, ("tenant_referral_ids", "!=", False)], ["property_id"], ["__count"]
            )
        )
        result = {}
        for prop in props:
            total = totals.get(prop.sudo(), 0)
            from_referrals = referred.get(prop.sudo(), 0)
            result[prop.id] = (total, from_referrals, from_referrals / total if total else 0.0)
        return result
