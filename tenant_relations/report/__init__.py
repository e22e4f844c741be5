# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import tenant_report_sql
from . import tenant_ticket_analysis
from . import tenant_sla_analysis
from . import tenant_complaint_analysis
from . import tenant_complaint_trend
from . import tenant_staff_assessment
