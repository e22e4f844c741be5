# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: a dispute is between parties (tenant.dispute.party).

Until 18.0.1.1.0 a dispute named one resident (``partner_id``) and was, implicitly, between that
resident and the firm: the resident becomes the claimant and the firm (the contact of the
dispute's company) the respondent. ``partner_id`` is now computed as the first claimant, which is
the same contact. The main unit joins the units involved.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
    Dispute = env["tenant.dispute"].with_context(active_test=False)
    cr.execute(
        """
        SELECT d.id, d.partner_id
          FROM tenant_dispute d
         WHERE d.partner_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM tenant_dispute_party p WHERE p.dispute_id = d.id)
        """
    )
    residents = dict(cr.fetchall())
    disputes = Dispute.browse(list(residents))
    Party = env["tenant.dispute.party"]
    values = []
    for dispute in disputes:
        firm = dispute.company_id.partner_id
        values.append({"dispute_id": dispute.id, "partner_id": residents[dispute.id], "role": "claimant"})
        if firm and firm.id != residents[dispute.id]:
            values.append(
                {"dispute_id": dispute.id, "partner_id": firm.id, "role": "respondent", "party_type": "firm"}
            )
    # Party.create checks that the dispute is open: a closed dispute gets its parties too, as the
    # record of who it was between, so the check is skipped here (the data is the past's).
    Party.with_context(tenant_dispute_migrating=True).create(values)
    units = Dispute._fields["unit_ids"]
    cr.execute(
        SQL(
            """
            INSERT INTO %(table)s (%(dispute)s, %(unit)s)
            SELECT id, unit_id FROM tenant_dispute WHERE unit_id IS NOT NULL
            ON CONFLICT DO NOTHING
            """,
            table=SQL.identifier(units.relation),
            dispute=SQL.identifier(units.column1),
            unit=SQL.identifier(units.column2),
        )
    )
    Dispute.invalidate_model(["unit_ids"])
    env.flush_all()
