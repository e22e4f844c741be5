# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The staff rule on applied SLA lines follows the staff ticket rule through the ticket: the lines
of portal and e-mail tickets without a property are no longer open to every staff member. The
rules are ``noupdate``: bring the shipped one up to date unless someone rewrote it."""

from odoo import SUPERUSER_ID, api

OLD_DOMAIN = """['|', '|', '|', '|',
                ('ticket_id.property_id', '=', False),
                ('ticket_id.property_id.manager_id', '=', user.id),
                ('ticket_id.property_id.user_ids', 'in', user.id),
                ('ticket_id.team_id.member_ids', 'in', user.id),
                ('ticket_id.user_id', '=', user.id)]"""
NEW_DOMAIN = """[('ticket_id', 'any', ['|', '|', '|', '|',
                '&', ('property_id', '=', False), ('channel', 'not in', ('portal', 'email')),
                ('property_id.manager_id', '=', user.id),
                ('property_id.user_ids', 'in', user.id),
                ('team_id.member_ids', 'in', user.id),
                ('user_id', '=', user.id)])]"""


def _normalized(domain):
    return " ".join(domain.split())


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("tenant_relations.tenant_ticket_sla_rule_user", raise_if_not_found=False)
    if rule and _normalized(rule.domain_force) == _normalized(OLD_DOMAIN):
        rule.domain_force = NEW_DOMAIN
