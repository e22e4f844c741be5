# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dispute figures the KPI work reads: share settled before arbitration, days per level,
cases that reached a court. Each is one query over stored columns (steps, levels, proceedings)."""

from . import tenant_dispute
from . import tenant_kpi
