# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.5.0: the demo hotline agent lands on today's calls (demo users are noupdate data), for
databases made by earlier versions with the demo data. Other users keep the home they have: new
staff get it when they become staff (res_users.py)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    agent = env.ref("tenant_relations.user_hotline_demo", raise_if_not_found=False)
    action = env.ref("tenant_relations.tenant_ticket_action_today", raise_if_not_found=False)
    if agent and action and not agent.action_id:
        agent.action_id = action.id
