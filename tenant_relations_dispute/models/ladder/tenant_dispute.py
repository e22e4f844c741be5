# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# The context key through which whoever moves a dispute says why (action_escalate, a proceeding).
STEP_REASON_KEY = "tenant_dispute_step_reason"


class TenantDispute(models.Model):
    """Each stay of a dispute on a level is a step: one opens on creation and on every level change,
    the one it leaves closes that day. The system writes them, people only read them."""

    _inherit = "tenant.dispute"

    @api.model_create_multi
    def create(self, vals_list):
        disputes = super().create(vals_list)
        disputes._tenant_open_steps()
        return disputes

    def write(self, vals):
        if "level_id" not in vals:
            return super().write(vals)
        moving = self.filtered(lambda dispute: dispute.level_id.id != vals["level_id"])
        if moving and moving != self:
            # Split first, as the dispute's own write does, so each part opens its steps once.
            return (self - moving).write(vals) and moving.write(vals)
        result = super().write(vals)
        if moving:
            moving._tenant_open_steps()
        return result

    def _tenant_open_steps(self):
        """Close the open step of each dispute and open one at its current level, from its
        ``level_date``, with the reason passed in the context under ``STEP_REASON_KEY``."""
        Step = self.env["tenant.dispute.step"]
        # sudo: steps are the system's record of the ladder; users may read them but never write
        # them, and the caller has just been allowed to create or move these disputes.
        open_steps = Step.sudo().search([("dispute_id", "in", self.ids), ("date_end", "=", False)])
        today = fields.Date.context_today(self)
        reason = self.env.context.get(STEP_REASON_KEY) or False
        for step in open_steps:
            step.date_end = max(step.dispute_id.level_date or today, step.date_start)
        Step.sudo().create(
            [
                {
                    "dispute_id": dispute.id,
                    "level_id": dispute.level_id.id,
                    "date_start": dispute.level_date or today,
                    "reason": reason,
                }
                for dispute in self
            ]
        )
