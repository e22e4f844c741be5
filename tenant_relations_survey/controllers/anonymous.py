# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The link of an anonymous campaign (匿名调查): opens the answer it stands for, as the public user
whoever is signed in (``tenant_anonymous``: no device log names the resident)."""

import re

from odoo import http
from odoo.http import request

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


class TenantSurveyAnonymous(http.Controller):
    @http.route(
        "/survey/anonymous/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        tenant_anonymous=True,
    )
    def survey_anonymous(self, token, **kw):
        if not TOKEN.match(token):
            raise request.not_found()
        # sudo: the link's pool row and answer are found by the link's token alone; the visitor
        # is the public user by design.
        answer = request.env["tenant.survey.anonymous.token"].sudo()._tenant_redeem(token)
        if not answer:
            return request.render(
                "tenant_relations_survey.survey_anonymous_invalid",
                {},
                status=404,
                headers={"Cache-Control": "no-store"},
            )
        return request.redirect(answer.get_start_url(), local=True)
