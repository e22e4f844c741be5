# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The anonymous feedback box: a property's box and the anonymous tickets it files."""

from . import tenant_property
from . import tenant_ticket
