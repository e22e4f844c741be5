# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.9.0: the ticket durations the KPIs read (issue 19), filled for the tickets that existed.

Calendar minutes by SQL; working minutes on each company's service-desk hours, one working-time
pass per calendar and batch (tenant.ticket._tenant_restamp_working_minutes). The time earlier
tickets spent waiting and their reopenings were never recorded: they count as none.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

BATCH_SIZE = 20000


def migrate(cr, version):
    migrate_durations(api.Environment(cr, SUPERUSER_ID, {}))


def migrate_durations(env, batch_size=BATCH_SIZE):
    """Fill response and resolution durations of existing tickets; returns how many got working
    minutes. Safe to run twice: it recomputes the same figures."""
    cr = env.cr
    env.flush_all()
    cr.execute(
        SQL(
            """UPDATE tenant_ticket
                  SET response_minutes = CASE WHEN first_response_date IS NULL THEN 0
                          ELSE GREATEST(EXTRACT(EPOCH FROM first_response_date - reported_date) / 60, 0) END,
                      resolution_minutes = CASE WHEN resolved_date IS NULL THEN 0
                          ELSE GREATEST(EXTRACT(EPOCH FROM resolved_date - reported_date) / 60
                                        - COALESCE(waiting_minutes, 0), 0) END,
                      waiting_minutes = COALESCE(waiting_minutes, 0),
                      waiting_working_minutes = COALESCE(waiting_working_minutes, 0),
                      reopen_count = COALESCE(reopen_count, 0)
                WHERE first_response_date IS NOT NULL OR resolved_date IS NOT NULL
                   OR response_minutes IS NULL"""
        )
    )
    cr.execute(
        SQL(
            """SELECT id FROM tenant_ticket
                WHERE first_response_date IS NOT NULL OR resolved_date IS NOT NULL ORDER BY id"""
        )
    )
    ids = [row[0] for row in cr.fetchall()]
    Ticket = env["tenant.ticket"]
    done = 0
    for start in range(0, len(ids), batch_size):
        done += Ticket._tenant_restamp_working_minutes(ids[start : start + batch_size])
    env["tenant.ticket"].invalidate_model()
    _logger.info("18.0.1.9.0: durations of %s tickets filled", done)
    return done
