# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Notices carry only their own files, and no file keeps a token the notice page handed out.

Before 18.0.1.4.0 a notice could link any attachment of the database, and its portal page gave
every linked file a public access token. Here each notice keeps:
- the files attached to it;
- files uploaded while it was being created (attached to no record yet): attached to it now;
- files of another notice (a duplicated notice shared them): a copy attached to it;
and loses any other file (another record's: a ticket photo, an internal document). The tokens of
every file that was linked are cleared: links already handed out stop working; the portal now
serves the files through a route that checks the resident's access on each request.
"""

import logging

from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(SQL("SELECT notice_id, attachment_id FROM tenant_notice_ir_attachment_rel ORDER BY notice_id"))
    links = cr.fetchall()
    if not links:
        return
    Notice = env["tenant.notice"].with_context(tracking_disable=True)
    by_notice = {}
    for notice_id, attachment_id in links:
        by_notice.setdefault(notice_id, []).append(attachment_id)
    dropped = 0
    for notice_id, attachment_ids in by_notice.items():
        notice = Notice.browse(notice_id)
        keep = []
        for attachment in env["ir.attachment"].browse(attachment_ids).exists():
            if attachment.res_field:
                dropped += 1
            elif attachment.res_model == notice._name and attachment.res_id == notice.id:
                keep.append(attachment.id)
            elif not attachment.res_id and attachment.res_model in (False, notice._name):
                attachment.write({"res_model": notice._name, "res_id": notice.id})
                keep.append(attachment.id)
            elif attachment.res_model == notice._name:
                keep.append(attachment.copy({"res_id": notice.id, "access_token": False}).id)
            else:
                dropped += 1
        notice.write({"attachment_ids": [Command.set(keep)]})
    all_ids = tuple({attachment_id for _notice_id, attachment_id in links})
    cr.execute(SQL("UPDATE ir_attachment SET access_token = NULL WHERE id IN %s", all_ids))
    if dropped:
        _logger.warning(
            "Notices: %s linked files that belonged to other records were removed from notices.", dropped
        )
