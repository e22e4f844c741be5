# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Data and schema the 18.0.1.3.0 code relies on, for databases made by earlier versions."""

import uuid

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.misc import file_open

TOKEN_BATCH = 10000


def drop_team_last_assigned_user(cr):
    """Round robin no longer writes the team's last assignee (a hot row at rush hour): the column
    is left over, and its foreign key would still lock the team row against user deletions."""
    cr.execute(SQL("ALTER TABLE tenant_team DROP COLUMN IF EXISTS last_assigned_user_id"))


def fill_ticket_access_tokens(cr):
    """New tickets get their portal token at creation; older ones get it here, so that opening a
    ticket's portal page never writes. Tokens as Odoo makes them (uuid4, from a secure source)."""
    while True:
        cr.execute(
            SQL("SELECT id FROM tenant_ticket WHERE access_token IS NULL ORDER BY id LIMIT %s", TOKEN_BATCH)
        )
        ids = [row[0] for row in cr.fetchall()]
        if not ids:
            return
        cr.execute(
            SQL(
                "UPDATE tenant_ticket AS t SET access_token = v.token "
                "FROM unnest(%s::int[], %s::varchar[]) AS v(id, token) WHERE t.id = v.id",
                ids,
                [str(uuid.uuid4()) for _id in ids],
            )
        )


def fill_category_keywords(cr):
    """Shipped categories are ``noupdate``: give the ones a database already has their keywords,
    read from the data file (the single source), unless someone wrote keywords of their own."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    with file_open("tenant_relations/data/tenant_ticket_category_data.xml", "rb") as data:
        records = etree.parse(data).getroot().iterfind(".//record[@model='tenant.ticket.category']")
        keywords = {rec.get("id"): rec.findtext("field[@name='keywords']") for rec in records}
    for xmlid, words in keywords.items():
        category = env.ref(f"tenant_relations.{xmlid}", raise_if_not_found=False)
        if words and category and not category.keywords:
            category.keywords = words


def reset_acknowledgement_template(cr):
    """The acknowledgement gives the promised times in the resident's time zone, and names it.
    The template is ``noupdate``: reload it from the data file (with its translations), unless
    someone rewrote it without the old promised-time fields."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("tenant_relations.mail_template_ticket_acknowledgement", raise_if_not_found=False)
    if template and "object.promised_re" in (template.with_context(lang="en_US").body_html or ""):
        template.reset_template()


def set_automatic_mail_sender(cr):
    """Automatic mails name their sender (the company's), or Odoo refuses to post them for staff.
    The templates are ``noupdate``: give the sender to those that have none or the old one."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    sender = "{{ object.company_id._tenant_mail_sender() }}"
    old_senders = {
        False,
        "",
        "{{ (object.company_id.email_formatted or user.email_formatted) }}",
        "{{ (user.company_id.email_formatted or user.email_formatted) }}",
    }
    for xmlid, email_from in (
        ("mail_template_ticket_acknowledgement", sender),
        ("mail_template_ticket_closed", sender),
        ("mail_template_notice", sender),
        (
            "mail_template_greeting_spring_festival",
            "{{ (object.company_id or user.company_id)._tenant_mail_sender() }}",
        ),
    ):
        template = env.ref(f"tenant_relations.{xmlid}", raise_if_not_found=False)
        if template and template.email_from in old_senders:
            template.email_from = email_from


def migrate(cr, version):
    drop_team_last_assigned_user(cr)
    fill_ticket_access_tokens(cr)
    fill_category_keywords(cr)
    reset_acknowledgement_template(cr)
    set_automatic_mail_sender(cr)
