# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A former resident no longer reads the unit and property they moved out of, and staff file
tickets and plan visits only for their own properties (their follow-up rules no longer apply to
creation). The rules are ``noupdate``: bring the shipped ones up to date unless someone rewrote
them."""

from odoo import SUPERUSER_ID, api

OLD_DOMAINS = {
    "tenant_unit_rule_portal": "[('occupancy_ids.partner_id', '=', user.partner_id.id)]",
    "tenant_property_rule_portal": "[('unit_ids.occupancy_ids.partner_id', '=', user.partner_id.id)]",
}
NOW = (
    "[('partner_id', '=', user.partner_id.id), '|', ('is_current', '=', True), ('move_out_date', '=', False)]"
)
NEW_DOMAINS = {
    "tenant_unit_rule_portal": f"[('occupancy_ids', 'any', {NOW})]",
    "tenant_property_rule_portal": f"[('unit_ids.occupancy_ids', 'any', {NOW})]",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, old in OLD_DOMAINS.items():
        rule = env.ref(f"tenant_relations.{xmlid}", raise_if_not_found=False)
        if rule and rule.domain_force == old:
            rule.domain_force = NEW_DOMAINS[xmlid]
    for xmlid in ("tenant_ticket_rule_user", "tenant_visit_rule_user"):
        rule = env.ref(f"tenant_relations.{xmlid}", raise_if_not_found=False)
        if rule:
            rule.perm_create = False
