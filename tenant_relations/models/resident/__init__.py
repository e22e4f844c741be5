# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Residents and where they live: properties, units, occupancies (owner, tenant, resident) and the
resident's profile, on Odoo's contacts, and the column mappings of the residents' import."""

from . import tenant_property
from . import tenant_unit
from . import tenant_occupancy
from . import res_partner
from . import tenant_profile
from . import base_import_mapping
