# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PortalWizardUser(models.TransientModel):
    """Granting, re-sending or revoking a resident's portal access is guarded as their e-mail is.

    The invitation is a sign-up link mailed to the contact's e-mail (which the wizard may also
    change): whoever may not change a resident's contact details may not send them their login.
    """

    _inherit = "portal.wizard.user"

    def action_grant_access(self):
        self.partner_id._tenant_check_contact_write()
        return super().action_grant_access()

    def action_invite_again(self):
        self.partner_id._tenant_check_contact_write()
        return super().action_invite_again()

    def action_revoke_access(self):
        self.partner_id._tenant_check_contact_write()
        return super().action_revoke_access()
