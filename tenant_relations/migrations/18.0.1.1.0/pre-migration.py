# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The notice e-mail template is now rendered on the notice (once per language), not per recipient.

It is ``noupdate`` data, which an update never rewrites: remove the old one, written for recipient
rows, so that this update creates the new one from the XML (its translations come with it).
"""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(
        SQL(
            "DELETE FROM ir_model_data WHERE module = %s AND name = %s AND model = %s RETURNING res_id",
            "tenant_relations",
            "mail_template_notice",
            "mail.template",
        )
    )
    template_ids = tuple(row[0] for row in cr.fetchall())
    if template_ids:
        cr.execute(SQL("DELETE FROM mail_template WHERE id IN %s", template_ids))
