# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Community events on Odoo's Events: registrations by residents, points for attending, and the
feedback tickets an event leaves."""

from . import event_event
from . import event_registration
from . import tenant_ticket
