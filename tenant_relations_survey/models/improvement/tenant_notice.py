# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantNotice(models.Model):
    """A kind of notice of its own for the report of a finished improvement action, so that the
    portal's badge reads "You said, we did" rather than a maintenance plan."""

    _inherit = "tenant.notice"

    kind = fields.Selection(
        selection_add=[("improvement", "You said, we did")],
        ondelete={"improvement": "set default"},
    )
