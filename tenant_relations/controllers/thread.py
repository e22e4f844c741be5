# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.mail.controllers import thread


class ThreadController(thread.ThreadController):
    def _prepare_post_data(self, post_data, thread, **kwargs):
        """Residents and visitors post comments, nothing else.

        Odoo's /mail/message/post keeps the parameters of ``_get_allowed_message_post_params``,
        which include ``message_type`` and ``subtype_xmlid``, and posts as sudo: a resident could
        store a "notification" among the company's own, which ``message_post``'s guard (see
        models/portal/mail_thread.py) does not see under sudo. Their type and subtype are set here.
        """
        post_data = super()._prepare_post_data(post_data, thread, **kwargs)
        if not request.env.user._is_internal():
            post_data["message_type"] = "comment"
            post_data["subtype_xmlid"] = "mail.mt_comment"
        return post_data
