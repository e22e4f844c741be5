# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class TenantDisputeParty(models.Model):
    _inherit = "tenant.dispute.party"

    # A party writes in its own thread from the portal (Odoo's portal chatter) with read access
    # only: portal users have no write right on their party (they would change their role), and
    # the portal record rule lets them read their own party row alone, so the other side's thread
    # stays out of reach.
    _mail_post_access = "read"
