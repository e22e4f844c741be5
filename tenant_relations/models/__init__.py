# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import tenant_property
from . import tenant_unit
from . import tenant_occupancy
from . import res_partner
from . import res_config_settings
