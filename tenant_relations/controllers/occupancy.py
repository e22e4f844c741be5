# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident's consent to a link: a property that recorded them in one of its units while
another property already knows them waits for their yes (or a confirmation by staff of a property
where they live, or a manager). Shown on /my; confirmed or declined by a POST with CSRF."""

from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal import _own_occupancies, _portal_post_route


class TenantOccupancyPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:
            # The first, non-counter rendering of /my: the links awaiting the user's answer.
            values["tenant_pending_links"] = self._tenant_pending_links()
        return values

    def _tenant_pending_links(self):
        """The user's own links awaiting confirmation, read with their own rights (the portal
        rule on occupancies shows a resident their own ones only)."""
        return _own_occupancies([("state", "=", "pending")])

    @_portal_post_route(["/my/occupancy/<int:occupancy_id>/<string:answer>"])
    def portal_occupancy_answer(self, occupancy_id, answer, **kw):
        if answer not in ("confirm", "decline"):
            raise request.not_found()
        occupancy = request.env["tenant.occupancy"].browse(occupancy_id)
        # Only the person themselves answers here: the record rule shows a resident their own
        # occupancies, and the partner is checked again so that staff opening the portal answer
        # as a resident for nobody else.
        try:
            occupancy.check_access("read")
            if occupancy.partner_id != request.env.user.partner_id or occupancy.state != "pending":
                raise AccessError(request.env._("This link is not yours to answer."))
        except (AccessError, MissingError):
            raise request.not_found() from None
        if answer == "confirm":
            occupancy.action_tenant_confirm()
        else:
            occupancy.action_tenant_decline()
        return request.redirect("/my")
