# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """Portal pages load the JavaScript translations of these modules only (web and portal by
        default). The portal conversation of a ticket is Odoo's mail chatter: without ``mail`` its
        texts ("The conversation is empty.", "now"…) stay in English for a Chinese resident."""
        return [*super()._get_translation_frontend_modules_name(), "mail", "tenant_relations"]
