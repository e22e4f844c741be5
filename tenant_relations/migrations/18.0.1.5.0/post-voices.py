# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.5.0: the closing mail renders the reporter's rating link for the system's own mail only
(``_tenant_rating_url``), not for whoever renders the template; for databases made by earlier
versions, whose template is noupdate data."""

import json
import re

OLD_TOKEN_LINE = re.compile(
    r"[ \t]*<t t-set=\"access_token\" t-value=\"object\._rating_get_access_token\(\)\"\s*/>\n?"
)
OLD_LINK = re.compile(r"t-attf-href=\"/rate/\{\{ ?access_token ?\}\}/(\d)\"")
NEW_LINK = r't-att-href="object._tenant_rating_url(\1)"'


def _rewrite(body):
    """The body with the old rating links replaced; unchanged if a firm rewrote them otherwise."""
    if not body or not OLD_TOKEN_LINE.search(body):
        return body
    return OLD_LINK.sub(NEW_LINK, OLD_TOKEN_LINE.sub("", body))


def migrate(cr, version):
    cr.execute(
        """
        SELECT t.id, t.body_html
          FROM mail_template t
          JOIN ir_model_data d ON d.model = 'mail.template' AND d.res_id = t.id
         WHERE d.module = 'tenant_relations' AND d.name = 'mail_template_ticket_closed'
        """
    )
    for template_id, bodies in cr.fetchall():
        # Every language of the translated body: each holds the same QWeb expressions.
        new_bodies = {lang: _rewrite(body) for lang, body in (bodies or {}).items()}
        if new_bodies != bodies:
            cr.execute(
                "UPDATE mail_template SET body_html = %s::jsonb WHERE id = %s",
                (json.dumps(new_bodies), template_id),
            )
