# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""KPIs (关键指标): the figures the firm is managed by, their definitions, their monthly snapshots."""

from . import res_company
from . import tenant_ticket
from . import tenant_ticket_sla
from . import tenant_kpi
from . import tenant_kpi_snapshot
from . import resource_calendar
from . import tenant_kpi_xlsx
from . import tenant_kpi_report_mail
