# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Callers are found by Odoo's ``phone_sanitized`` (E.164) since 18.0.1.5.0, which replaces our
``tenant_phone_digits``. On a database where ``phonenumbers`` was missing, phone_validation stored
each number there as it was typed ("138 0000 9999"); and a contact without a country was read in
the country of whoever saved it, not of its company. Compute it again for every contact with a
number (or a stale sanitized one), in batches so that memory stays flat on a large database.

The demo's owner in Singapore gets the +86 of their Chinese mobile, unless someone changed it."""

from odoo import SUPERUSER_ID, api

BATCH_SIZE = 2000
DEMO_OWNER_ABROAD = "tenant_relations.res_partner_xue_kai_demo"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    owner_abroad = env.ref(DEMO_OWNER_ABROAD, raise_if_not_found=False)
    if owner_abroad and owner_abroad.mobile == "139 5818 4114":
        owner_abroad.mobile = "+86 139 5818 4114"
        owner_abroad.flush_recordset(["mobile", "phone_sanitized"])
    cr.execute(
        """SELECT id FROM res_partner
            WHERE phone IS NOT NULL OR mobile IS NOT NULL OR phone_sanitized IS NOT NULL
            ORDER BY id"""
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    Partner = env["res.partner"].with_context(active_test=False)
    field = Partner._fields["phone_sanitized"]
    for start in range(0, len(partner_ids), BATCH_SIZE):
        partners = Partner.browse(partner_ids[start : start + BATCH_SIZE])
        env.add_to_compute(field, partners)
        partners.flush_recordset(["phone_sanitized"])
        env.invalidate_all()
