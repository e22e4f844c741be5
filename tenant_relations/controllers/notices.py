# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident portal for notices (公告): list, read, acknowledge house rules."""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal import MAX_PG_INT, _count_readable, _parse_page, _portal_post_route, _search_page

VISIBLE_STATES = ("published", "expired")


class TenantNoticePortal(CustomerPortal):
    # Home ---------------------------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "notice_count" in counters:
            # Unread notices only; the record rules limit the count to the user's own rows.
            values["notice_count"] = _count_readable(
                request.env["tenant.notice.recipient"],
                [*self._notice_recipient_domain(), ("read_date", "=", False)],
            )
        return values

    # Helpers ------------------------------------------------------------------------------------

    def _notice_recipient_domain(self):
        """The user's own recipient rows of visible notices, one per notice (the first send's:
        a reminder row is the same notice again, and reading is recorded on the first row).

        Explicit on the partner even though the portal rule says the same, so that staff who
        open the portal see the notices addressed to them, not those of their properties.
        """
        return [
            ("partner_id", "=", request.env.user.partner_id.id),
            ("notice_id.state", "in", VISIBLE_STATES),
            ("wave", "=", "first"),
        ]

    def _notice_get_recipient(self, notice_id):
        """The user's recipient row for this notice, read with their own rights, or None."""
        Recipient = request.env["tenant.notice.recipient"]
        if not 0 < notice_id <= MAX_PG_INT or not Recipient.has_access("read"):
            return None
        recipient = Recipient.search(
            [*self._notice_recipient_domain(), ("notice_id", "=", notice_id)], limit=1
        )
        return recipient or None

    # List ---------------------------------------------------------------------------------------

    @http.route(["/my/notices", "/my/notices/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_notices(self, page=1, **kw):
        page = _parse_page(page)
        values = self._prepare_portal_layout_values()
        recipients, pager = _search_page(
            request.env["tenant.notice.recipient"],
            self._notice_recipient_domain(),
            url="/my/notices",
            page=page,
            step=self._items_per_page,
            order="notice_id, id desc",
        )
        values.update(
            {
                "recipients": recipients,
                "page_name": "notice",
                "default_url": "/my/notices",
                "pager": pager,
            }
        )
        return request.render("tenant_relations.portal_my_notices", values)

    # Detail -------------------------------------------------------------------------------------

    @http.route(["/my/notices/<int:notice_id>"], type="http", auth="user", website=True)
    def portal_my_notice(self, notice_id, acknowledged=None, **kw):
        recipient = self._notice_get_recipient(notice_id)
        if recipient is None:
            return request.redirect("/my/notices")
        # sudo is safe here: the row was found with the user's own rights and for their own
        # partner, so it is theirs; the only change is the date of their first reading. Portal
        # users have no write right on recipient rows, so that nobody can forge another's.
        recipient.sudo()._mark_read()
        notice = recipient.notice_id
        # No access token on the files: a token would outlive the resident's right to read the
        # notice. They are served by portal_notice_file, which checks that right on every call.
        # sudo: the notice is the resident's (see above); only the names of its own files are read.
        attachments = notice.sudo()._get_portal_attachments()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "notice",
                "notice": notice,
                "recipient": recipient,
                "attachments": attachments,
                "acknowledged": acknowledged,
            }
        )
        return request.render("tenant_relations.portal_my_notice", values)

    @http.route(
        ["/my/notices/<int:notice_id>/files/<int:attachment_id>"], type="http", auth="user", website=True
    )
    def portal_notice_file(self, notice_id, attachment_id, download=None, **kw):
        """A file of a notice, for a resident the notice is addressed to, checked on each call."""
        recipient = self._notice_get_recipient(notice_id)
        if recipient is None or not 0 < attachment_id <= MAX_PG_INT:
            raise request.not_found()
        # sudo: the recipient row proves the notice is addressed to this user; only the notice's
        # own files (attached to it, see tenant.notice._check_attachment_ids) can be served.
        attachment_sudo = (
            recipient.notice_id.sudo()._get_portal_attachments().filtered(lambda a: a.id == attachment_id)
        )
        if not attachment_sudo:
            raise request.not_found()
        stream = request.env["ir.binary"]._get_stream_from(attachment_sudo)
        return stream.get_response(as_attachment=bool(download))

    @_portal_post_route(["/my/notices/<int:notice_id>/acknowledge"])
    def portal_acknowledge_notice(self, notice_id, **kw):
        recipient = self._notice_get_recipient(notice_id)
        if recipient is None:
            return request.redirect("/my/notices")
        if not recipient.notice_id.requires_acknowledgement or recipient.acknowledged_date:
            return request.redirect(recipient.notice_id.portal_url)
        # sudo is safe here: as above, the row is the user's own (found with their rights and
        # for their partner), the notice asks for an acknowledgement, and only its dates change.
        recipient.sudo()._mark_acknowledged()
        return request.redirect(f"{recipient.notice_id.portal_url}?acknowledged=1")
