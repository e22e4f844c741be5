# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service levels: SLA policies, a ticket's SLA lines with their deadlines and pauses, and the
service-desk calendar they run on."""

from . import tenant_sla_policy
from . import tenant_ticket_sla
from . import resource_calendar
