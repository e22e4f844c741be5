# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantPointsWizard(models.TransientModel):
    _inherit = "tenant.points.wizard"

    # The survey earning rule, offered where staff award points by a rule. Uninstalling the addon
    # takes the reason away: a wizard left open with it falls back to "Other (manual)". Nothing
    # else stores the reason: a ledger line keeps its description as text, so no line is lost.
    reason = fields.Selection(
        selection_add=[("survey", "Answered a survey"), ("event",)],
        ondelete={"survey": "set default"},
    )
