# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Links do not open the past: the rules that follow occupancies follow current, confirmed ones.

Existing occupancies were made before links needed confirming: the new ``state`` column is filled
with its default (confirmed) by the ORM, and ``active`` with True. The rules are ``noupdate``:
bring the shipped ones up to date unless someone rewrote them.
"""

from odoo import SUPERUSER_ID, api

NOW = "'|', ('is_current', '=', True), ('move_out_date', '=', False)"
OWN = "('partner_id', '=', user.partner_id.id)"
STAFF = "'|', ('property_id.manager_id', '=', user.id), ('property_id.user_ids', 'in', user.id)"
CONFIRMED = "('state', '=', 'confirmed'), ('active', '=', True)"
DOMAINS = {
    "tenant_unit_rule_portal": (
        f"[('occupancy_ids', 'any', [{OWN}, {NOW}])]",
        f"[('occupancy_ids', 'any', [{OWN}, {CONFIRMED}, {NOW}])]",
    ),
    "tenant_property_rule_portal": (
        f"[('unit_ids.occupancy_ids', 'any', [{OWN}, {NOW}])]",
        f"[('unit_ids.occupancy_ids', 'any', [{OWN}, {CONFIRMED}, {NOW}])]",
    ),
    "tenant_profile_rule_user": (
        f"[('partner_id.tenant_occupancy_ids', 'any', [{STAFF}, {NOW}])]",
        f"[('partner_id.tenant_occupancy_ids', 'any', [{STAFF}, ('is_current', '=', True)])]",
    ),
}


def _normalize(domain):
    """The domain without its layout: the shipped XML spreads it over several lines."""
    return "".join((domain or "").split())


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    # The occupancies that were current are still current: is_current now also reads the state
    # and the archive flag, both just filled with their defaults (confirmed, active).
    for xmlid, (old, new) in DOMAINS.items():
        rule = env.ref(f"tenant_relations.{xmlid}", raise_if_not_found=False)
        if rule and _normalize(rule.domain_force) == _normalize(old):
            rule.domain_force = new
