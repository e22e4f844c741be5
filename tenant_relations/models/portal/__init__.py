# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The residents' portal: a ticket as the resident sees it and writes to it, posting rules for
residents, and the portal's routes' helpers."""

from . import tenant_ticket
from . import mail_thread
from . import ir_http
