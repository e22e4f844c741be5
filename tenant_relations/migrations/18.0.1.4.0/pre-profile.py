# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.4.0 moves the sensitive profile off the contact into ``tenant.profile``: keep its values.

The new code has no such fields on ``res.partner``, and Odoo drops the columns of removed fields
once the upgrade ends. Before the models load, the values of every contact that has any are
copied to a holding table; ``post-profile.py`` makes the profiles from it, then drops the old
columns and the table.
"""

from odoo.tools import SQL
from odoo.tools.sql import column_exists, table_exists

LEGACY_TABLE = "tenant_profile_legacy"
# Old column on res_partner -> field of tenant.profile, and what counts as "has a value".
OLD_COLUMNS = {
    "tenant_household_size": ("household_size", "COALESCE(%s, 0) <> 0"),
    "tenant_emergency_contact": ("emergency_contact", "NULLIF(btrim(%s), '') IS NOT NULL"),
    "tenant_emergency_phone": ("emergency_phone", "NULLIF(btrim(%s), '') IS NOT NULL"),
    "tenant_is_elderly": ("is_elderly", "%s IS TRUE"),
    "tenant_has_disability": ("has_disability", "%s IS TRUE"),
    "tenant_has_pets": ("has_pets", "%s IS TRUE"),
    "tenant_vehicle_plates": ("vehicle_plates", "NULLIF(btrim(%s), '') IS NOT NULL"),
    "tenant_special_needs": ("special_needs", "NULLIF(btrim(%s), '') IS NOT NULL"),
    "tenant_interests": ("interests", "NULLIF(btrim(%s), '') IS NOT NULL"),
    "tenant_referred_by_id": ("referred_by_id", "%s IS NOT NULL"),
    "tenant_last_review_date": ("last_review_date", "%s IS NOT NULL"),
}


def old_columns(cr):
    """The old profile columns this database still has (all of them, unless a run was cut short)."""
    return [column for column in OLD_COLUMNS if column_exists(cr, "res_partner", column)]


def keep_old_profile_values(cr):
    columns = old_columns(cr)
    if not columns or table_exists(cr, LEGACY_TABLE):
        return
    has_value = SQL(" OR ").join(SQL(OLD_COLUMNS[column][1], SQL.identifier(column)) for column in columns)
    cr.execute(
        SQL(
            "CREATE TABLE %s AS SELECT id AS partner_id, %s FROM res_partner WHERE %s",
            SQL.identifier(LEGACY_TABLE),
            SQL(", ").join(
                SQL("%s AS %s", SQL.identifier(column), SQL.identifier(OLD_COLUMNS[column][0]))
                for column in columns
            ),
            has_value,
        )
    )


def migrate(cr, version):
    keep_old_profile_values(cr)
