# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.6.0, one source per rule (issue 14), for databases made by earlier versions, whose
shipped ``noupdate`` data is not loaded again:

- the portal record rules of tickets and of their SLA lines search ``portal_partner_ids``, whose
  search applies the one household rule (tenant.ticket._get_portal_reader_domain), instead of each
  spelling the rule out; a rule someone rewrote is theirs and is left alone;
- the survey addon owns its earning rule: the settings field and the points wizard's "survey"
  reason, which the base addon defined before, go to tenant_relations_survey under the same
  records, so that the update removes neither. The points parameter keeps its key and value, and
  the ledger lines keep their text. Without the survey addon installed, the update removes both,
  as it removes anything an addon no longer defines.

Each step is idempotent: run again, it finds nothing left to do.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# The portal rules as 18.0.1.2.0 to 18.0.1.5.0 shipped them (compared without their line breaks),
# and as they are now.
_MAIN_CONTACT = (
    "[('partner_id', '=', user.partner_id.id), ('is_main_contact', '=', True), ('is_current', '=', True)]"
)
_HOUSEHOLD = f"[('is_current', '=', True), ('unit_id.occupancy_ids', 'any', {_MAIN_CONTACT})]"
OLD_PORTAL_DOMAINS = {
    "tenant_ticket_rule_portal": "['|', ('partner_id', '=', user.partner_id.id), '&', "
    f"('unit_id.occupancy_ids', 'any', {_MAIN_CONTACT}), "
    f"('partner_id.tenant_occupancy_ids', 'any', {_HOUSEHOLD})]",
    "tenant_ticket_sla_rule_portal": "['|', ('ticket_id.partner_id', '=', user.partner_id.id), '&', "
    f"('ticket_id.unit_id.occupancy_ids', 'any', {_MAIN_CONTACT}), "
    f"('ticket_id.partner_id.tenant_occupancy_ids', 'any', {_HOUSEHOLD})]",
}
_READERS = "('portal_partner_ids', 'in', user.partner_id.ids)"
NEW_PORTAL_DOMAINS = {
    "tenant_ticket_rule_portal": f"[{_READERS}]",
    "tenant_ticket_sla_rule_portal": f"[('ticket_id', 'any', [{_READERS}])]",
}


# The records the base addon defined for the survey addon before 18.0.1.6.0 (ir.model.data names).
SURVEY_XMLIDS = (
    "field_res_config_settings__tenant_points_survey",
    "selection__tenant_points_wizard__reason__survey",
)


def migrate(cr, version):
    migrate_rules14(api.Environment(cr, SUPERUSER_ID, {}))


def migrate_rules14(env):
    """Every step, in order; returns what each changed (for the log and the tests)."""
    done = {"portal_rules": _portal_rules(env), "survey_ownership": _survey_ownership(env)}
    _logger.info("18.0.1.6.0 one source per rule: %s", done)
    return done


def _normalized(domain):
    return " ".join((domain or "").split())


def _portal_rules(env):
    """The shipped portal rules of tickets and SLA lines, brought to the one household rule."""
    changed = []
    for xmlid, old in OLD_PORTAL_DOMAINS.items():
        rule = env.ref(f"tenant_relations.{xmlid}", raise_if_not_found=False)
        if rule and _normalized(rule.domain_force) == _normalized(old):
            rule.domain_force = NEW_PORTAL_DOMAINS[xmlid]
            changed.append(xmlid)
    return changed


def _survey_ownership(env):
    """The survey addon's records, named by the base addon, renamed to the survey addon's."""
    survey = env["ir.module.module"].search(
        [("name", "=", "tenant_relations_survey"), ("state", "in", ("installed", "to upgrade"))]
    )
    if not survey:
        return []
    env.cr.execute(
        SQL(
            """UPDATE ir_model_data imd SET module = 'tenant_relations_survey'
                WHERE imd.module = 'tenant_relations' AND imd.name IN %s
                  AND NOT EXISTS (SELECT 1 FROM ir_model_data own
                                   WHERE own.module = 'tenant_relations_survey' AND own.name = imd.name)
            RETURNING imd.name""",
            SURVEY_XMLIDS,
        )
    )
    moved = sorted(name for (name,) in env.cr.fetchall())
    if moved:
        # env.ref reads ir.model.data through the registry's cache and the records' own.
        env["ir.model.data"].invalidate_model(["module"])
        env.registry.clear_cache()
    return moved
