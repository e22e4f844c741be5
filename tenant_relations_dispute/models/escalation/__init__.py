# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A complaint escalated to a dispute in one click, linked both ways."""

from . import tenant_ticket
from . import tenant_dispute
