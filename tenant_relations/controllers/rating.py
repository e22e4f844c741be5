# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's public rating pages, answering hostile input with 400/404 instead of a server error."""

import re

from werkzeug.exceptions import BadRequest, NotFound

from odoo import http

from odoo.addons.rating.controllers.main import Rating

# Odoo's tokens are uuid4 hex strings (rating.rating._default_access_token).
TOKEN_PATTERN = re.compile(r"[0-9a-zA-Z_-]{1,64}")
RATES = (1, 3, 5)


class TenantRating(Rating):
    """Odoo raises ValueError (HTTP 500) on a rate other than 1, 3 or 5, and PostgreSQL refuses a
    token with a NUL byte (500 again): both are a visitor's typing or probing, not our fault."""

    @http.route()
    def action_open_rating(self, token, rate, **kwargs):
        self._tenant_check_rating_request(token, rate)
        return super().action_open_rating(token, rate, **kwargs)

    @http.route()
    def action_submit_rating(self, token, rate=0, **kwargs):
        self._tenant_check_rating_request(token)
        if http.request.httprequest.method == "POST":
            try:
                rate = int(rate)
            except (TypeError, ValueError):
                raise BadRequest() from None
            self._tenant_check_rating_request(token, rate)
        return super().action_submit_rating(token, rate=rate, **kwargs)

    def _tenant_check_rating_request(self, token, rate=None):
        """404 for a token that cannot exist, 400 for a rate the page does not offer."""
        if not TOKEN_PATTERN.fullmatch(token or ""):
            raise NotFound()
        if rate is not None and rate not in RATES:
            raise BadRequest()
