# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The satisfaction KPI (满意度): the survey measure of the base addon's KPI registry, held to the
survey settings' own target."""

from . import tenant_kpi
from . import tenant_kpi_snapshot
