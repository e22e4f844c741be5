# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Loyalty: points on Odoo's loyalty cards (tenure, renewals, fee payments, staff awards), referrals of
new owners and tenants."""

from . import loyalty_history
from . import res_partner
from . import tenant_referral
from . import tenant_occupancy
from . import tenant_property
from . import tenant_fee_payment
from . import tenant_unit
