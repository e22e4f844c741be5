# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The messages kept on tickets lose the reporter's tokens.

Before 18.0.1.4.0 the acknowledgement kept the reporter's document link (with its token) and the
closing mail its rating links in the ticket's conversation, which staff and the household's main
contact read. They are rewritten as new messages are (tenant.ticket._strip_reporter_tokens): rating
links lead to the request page, document links lose their token. The mails already sent to the
reporter keep working: the tokens themselves are not changed.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    messages = env["mail.message"].search(
        [
            ("model", "=", "tenant.ticket"),
            "|",
            ("body", "ilike", "access_token="),
            ("body", "ilike", "/rate/"),
        ]
    )
    by_ticket = messages.grouped("res_id")
    changed = 0
    for ticket in env["tenant.ticket"].browse(list(by_ticket)).exists():
        for message in by_ticket[ticket.id]:
            body = ticket._strip_reporter_tokens(message.body)
            if body != message.body:
                message.body = body
                changed += 1
    _logger.info("Ticket messages without the reporter's tokens: %s rewritten", changed)
