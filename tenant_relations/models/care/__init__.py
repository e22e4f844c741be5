# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Keeping in touch: return visits after a ticket, notices to residents, and holiday greetings."""

from . import tenant_visit
from . import tenant_notice
from . import tenant_notice_recipient
from . import tenant_greeting_campaign
from . import tenant_greeting_log
