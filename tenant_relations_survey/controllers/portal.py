# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident portal for satisfaction surveys: /my/surveys lists the user's open invitations."""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class TenantSurveyPortal(CustomerPortal):
    def _tenant_open_invitations(self):
        """The user's own open invitations. sudo: residents have no access to Odoo's survey answers
        through the ORM (they answer through the survey's pages, with their token); the domain
        names the user's own partner, so nobody else's invitation is read."""
        return request.env["survey.user_input"].sudo()._tenant_open_invitations(request.env.user.partner_id)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "tenant_survey_count" in counters:
            values["tenant_survey_count"] = len(self._tenant_open_invitations())
        return values

    @http.route("/my/surveys", type="http", auth="user", website=True)
    def portal_my_surveys(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(page_name="tenant_survey", invitations=self._tenant_open_invitations())
        return request.render("tenant_relations_survey.portal_my_surveys", values)
