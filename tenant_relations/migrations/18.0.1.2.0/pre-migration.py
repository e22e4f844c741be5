# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The portal rules of tickets and their SLA lines no longer open earlier occupants' tickets.

They are ``noupdate`` data, which an update never rewrites: remove the old ones, whose household
branch let the unit's new main contact read every earlier occupant's tickets, so that this update
creates them again from the XML with the corrected domain.
"""

from odoo.tools import SQL

RULES = ("tenant_ticket_rule_portal", "tenant_ticket_sla_rule_portal")


def migrate(cr, version):
    cr.execute(
        SQL(
            "DELETE FROM ir_model_data WHERE module = %s AND name IN %s AND model = %s RETURNING res_id",
            "tenant_relations",
            RULES,
            "ir.rule",
        )
    )
    rule_ids = tuple(row[0] for row in cr.fetchall())
    if rule_ids:
        cr.execute(SQL("DELETE FROM ir_rule WHERE id IN %s", rule_ids))
