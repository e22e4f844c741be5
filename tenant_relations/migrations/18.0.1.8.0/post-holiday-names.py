# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.8.0: the days off and make-up days that 18.0.1.7.0 wrote into the calendars were named in
English whatever the firm's language; they are named in it now (issue 15)."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    migrate_holiday_names(api.Environment(cr, SUPERUSER_ID, {}))


def migrate_holiday_names(env):
    """Name the holidays of every following calendar in its firm's language."""
    env["resource.calendar"]._tenant_name_holidays()
    _logger.info("18.0.1.8.0: public holidays named in each firm's language")
    return True
