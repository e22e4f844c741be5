# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.4.0: the portal is by invitation, and staff no longer see strangers' requests without a
property; for databases made by earlier versions."""

from odoo import SUPERUSER_ID, api

STAFF_TICKET_RULE = "tenant_relations.tenant_ticket_rule_user"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    # Only while auth_signup's own 'b2c' was never edited: an administrator's choice is kept.
    env["res.config.settings"]._tenant_close_self_signup()
    # The rule is noupdate data: bring its domain to the one of the data file.
    rule = env.ref(STAFF_TICKET_RULE, raise_if_not_found=False)
    if rule:
        rule.domain_force = STAFF_TICKET_DOMAIN


STAFF_TICKET_DOMAIN = """['|', '|', '|', '|',
                '&', ('property_id', '=', False), ('channel', 'not in', ('portal', 'email')),
                ('property_id.manager_id', '=', user.id),
                ('property_id.user_ids', 'in', user.id),
                ('team_id.member_ids', 'in', user.id),
                ('user_id', '=', user.id)]"""
