# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: the dispute's level selection becomes a record of the ladder (tenant.dispute.level).

The old ``level`` column is still in the table when this runs (Odoo drops the columns of removed
fields only at the end of the whole update): each dispute takes the shipped level of the same code,
the first level when its value is unknown. The new required column could not be made NOT NULL
while it was empty: it is now.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version or not column_exists(cr, "tenant_dispute", "level"):
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Level = env["tenant.dispute.level"].with_context(active_test=False)
    levels = Level.search([])
    if not levels:
        return
    cr.execute(
        """
        UPDATE tenant_dispute d
           SET level_id = COALESCE(
                   (SELECT l.id FROM tenant_dispute_level l WHERE l.code = d.level LIMIT 1), %s
               )
         WHERE d.level_id IS NULL
        """,
        (levels[0].id,),
    )
    cr.execute("ALTER TABLE tenant_dispute ALTER COLUMN level_id SET NOT NULL")
    Dispute = env["tenant.dispute"].with_context(active_test=False)
    Dispute.invalidate_model(["level_id"])
    disputes = Dispute.search([])
    env.add_to_compute(Dispute._fields["level_deadline"], disputes)
    env.flush_all()
