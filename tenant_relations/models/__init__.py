# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import tenant_property
from . import tenant_property_feedback
from . import tenant_unit
from . import tenant_occupancy
from . import res_partner
from . import res_config_settings
from . import tenant_sla_policy
from . import tenant_ticket_stage
from . import tenant_ticket_category
from . import tenant_ticket_tag
from . import tenant_team
from . import tenant_ticket
from . import tenant_ticket_anonymous
from . import tenant_ticket_sla
from . import tenant_visit
from . import tenant_notice
from . import tenant_notice_recipient
