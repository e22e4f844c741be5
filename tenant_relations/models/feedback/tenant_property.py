# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import quote, urlencode

from odoo import models


class TenantProperty(models.Model):
    """The anonymous feedback box (匿名反馈箱) of a property: its public address and poster."""

    _inherit = "tenant.property"

    def _feedback_path(self):
        """The public path of the feedback box, without the host.

        Codes are unique per company only: when another company uses the same code, the path
        names the company so that the box is never ambiguous.
        """
        self.ensure_one()
        path = f"/feedback/{quote(self.code, safe='')}"
        # sudo: only whether the code is shared is read, to build an unambiguous link.
        shared = (
            self.sudo()
            .with_context(active_test=False)
            .search_count([("code", "=", self.code), ("id", "!=", self.id)], limit=1)
        )
        if shared:
            path += "?" + urlencode({"company": self.company_id.id})
        return path

    def _feedback_url(self):
        self.ensure_one()
        return self.get_base_url() + self._feedback_path()

    def action_open_feedback_poster(self):
        """The printable poster with the QR code of the feedback box."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/feedback/{quote(self.code, safe='')}/poster?{urlencode({'property_id': self.id})}",
            "target": "new",
        }
