# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.6.0: the greeting log and the notice recipients become the campaign engine's logs
(issue 14), with every row, date, sent flag and reading they hold.

- Each row gets its wave: the first send, the only one earlier versions had. (The ORM fills the
  new column with its default during the update; rows it left empty are filled here.)
- "Once per campaign and person" becomes "once per campaign, person and wave", so that a
  reminder can be logged beside the first send. The constraint keeps its name, hence its XML id;
  the ORM redefines it during the update, this makes sure of it.
- The notice mail job's partial index now starts with the notice (the job takes one notice's
  batch at a time); the old one, on the id alone, goes.

Campaigns keep their states: the engine maps its phases onto the states the notices and greeting
campaigns always had (published, expired, done). Idempotent: run again, it finds nothing to do.
"""

import logging

from odoo.tools import SQL
from odoo.tools.sql import add_constraint, drop_constraint, drop_index

_logger = logging.getLogger(__name__)

# Log table -> (its unique constraint, the definition its model declares, which the ORM compares
# with on each update).
LOGS = {
    "tenant_greeting_log": (
        "tenant_greeting_log_campaign_partner_unique",
        "UNIQUE(campaign_id, partner_id, wave)",
    ),
    "tenant_notice_recipient": (
        "tenant_notice_recipient_notice_partner_uniq",
        "unique(notice_id, partner_id, wave)",
    ),
}
OLD_PENDING_INDEX = "tenant_notice_recipient_mail_pending_idx"


def migrate(cr, version):
    done = migrate_engine(cr)
    _logger.info("Campaign logs in the engine's shape: %s", done)


def migrate_engine(cr):
    """Every step; returns what each changed, per table (for the log and the tests)."""
    done = {}
    for table, (constraint, definition) in LOGS.items():
        cr.execute(SQL("UPDATE %s SET wave = 'first' WHERE wave IS NULL", SQL.identifier(table)))
        waves = cr.rowcount
        cr.execute(SQL("ALTER TABLE %s ALTER COLUMN wave SET NOT NULL", SQL.identifier(table)))
        cr.execute(
            SQL(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conname = %s AND conrelid = %s::regclass",
                constraint,
                table,
            )
        )
        row = cr.fetchone()
        replaced = not row or "wave" not in row[0]
        if replaced:
            if row:
                drop_constraint(cr, table, constraint)
            add_constraint(cr, table, constraint, definition)
        done[table] = {"waves": waves, "constraint": replaced}
    cr.execute(SQL("SELECT 1 FROM pg_indexes WHERE indexname = %s", OLD_PENDING_INDEX))
    if cr.fetchone():
        drop_index(cr, OLD_PENDING_INDEX, "tenant_notice_recipient")
        done["tenant_notice_recipient"]["old_index"] = True
    return done
