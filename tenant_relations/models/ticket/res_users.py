# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

HOME_ACTION = "tenant_relations.tenant_ticket_action_today"
STAFF_GROUP = "tenant_relations.group_tenant_relations_user"


class ResUsers(models.Model):
    """Staff land on today's calls after signing in, not in Discuss."""

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._tenant_set_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "groups_id" in vals:
            self._tenant_set_home_action()
        return res

    def _tenant_set_home_action(self):
        """Give Tenant Relations staff without a home action the list of today's calls.

        Odoo has no home action per group: it is set on the user when they become staff, and
        never replaces a home action chosen for them (an administrator's choice stays).
        """
        action = self.env.ref(HOME_ACTION, raise_if_not_found=False)
        if not action:
            return
        staff = self.filtered(
            lambda user: not user.action_id and not user.share and user.has_group(STAFF_GROUP)
        )
        if staff:
            staff.write({"action_id": action.id})
