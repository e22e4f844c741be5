# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

ATTENDANCE_ROLES = [("party", "Party"), ("member", "Committee Member"), ("other", "Other")]


class TenantMediationAttendance(models.Model):
    """Who was there, as the secretary records it: an answer to the calendar invitation is not
    attendance."""

    _name = "tenant.mediation.attendance"
    _description = "Mediation Session Attendance"
    _inherit = ["tenant.dispute.closed.mixin"]
    _order = "session_id, attendance_role, id"

    session_id = fields.Many2one("tenant.mediation.session", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Person", required=True, index=True)
    attendance_role = fields.Selection(ATTENDANCE_ROLES, string="As", required=True, default="party")
    attended = fields.Boolean()

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered("attended").session_id._tenant_check_can_record()
        return lines

    def write(self, vals):
        if "attended" in vals:
            # Who attended is the secretary's record (or an officer's), checked on the sessions.
            self.session_id._tenant_check_can_record()
        return super().write(vals)

    def unlink(self):
        # A line saying someone came is the secretary's record too: not removed by anyone else.
        self.filtered("attended").session_id._tenant_check_can_record()
        return super().unlink()

    def _tenant_part_disputes(self):
        return self.session_id.dispute_id
