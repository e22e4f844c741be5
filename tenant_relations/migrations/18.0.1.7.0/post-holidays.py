# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.7.0: China's working days (issue 15), for databases made by earlier versions.

The update loads the years of public holidays (new records of a noupdate file are created); the
shipped service-desk calendar is noupdate, so it is switched on here to follow them, as a new
database ships it. A firm's own calendars are left as they are: an administrator switches them on.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    migrate_holidays(api.Environment(cr, SUPERUSER_ID, {}))


def migrate_holidays(env):
    """Switch the shipped calendar on; whether it was switched."""
    calendar = env.ref("tenant_relations.resource_calendar_office_hours", raise_if_not_found=False)
    if not calendar or calendar.tenant_cn_holidays:
        return False
    calendar.tenant_cn_holidays = True
    _logger.info("18.0.1.7.0: %s follows mainland public holidays", calendar.name)
    return True
