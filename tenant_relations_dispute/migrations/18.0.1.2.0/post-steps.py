# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: disputes keep their steps on the ladder (tenant.dispute.step).

A dispute from before has no history to recover: it gets one open step on its current level, from
the day it entered it (``level_date``, else the day it was created). Disputes that already have a
step are left alone, so running this twice changes nothing.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        INSERT INTO tenant_dispute_step
               (dispute_id, property_id, company_id, level_id, date_start, days,
                create_uid, create_date, write_uid, write_date)
        SELECT d.id, d.property_id, d.company_id, d.level_id,
               COALESCE(d.level_date, d.create_date::date, CURRENT_DATE), 0,
               1, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC'
          FROM tenant_dispute d
         WHERE d.level_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM tenant_dispute_step s WHERE s.dispute_id = d.id)
        """
    )
