# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import tenant_event_feedback_wizard
from . import tenant_points_wizard
from . import base_partner_merge_automatic_wizard
from . import portal_wizard_user
from . import base_import_import
from . import tenant_holiday_import
from . import tenant_kpi_report_wizard
from . import tenant_kpi_recompute
