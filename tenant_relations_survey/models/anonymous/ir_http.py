# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from urllib.parse import parse_qs, urlsplit

from odoo import api, models
from odoo.http import request

# Odoo's survey pages (optionally behind a language prefix), and the files they load.
SURVEY_PATH = re.compile(r"^(?:/[a-z]{2,3}(?:_[A-Za-z]{2,4})?(?:@\w+)?)?/survey/")
PAGE_RESOURCE_PATH = re.compile(r"^/(?:web|website)/")


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate(cls, endpoint):
        """The pages of an anonymous campaign's answer, and the files they load, run as the public
        user whoever is signed in: the answer is saved by nobody's account, and checking the
        session would write a device log (user, time, address) beside the answer."""
        if cls._tenant_is_anonymous_survey_request():
            request.env = api.Environment(request.env.cr, None, request.session.context)
            cls._auth_method_public()
            return None
        return super()._authenticate(endpoint)

    @classmethod
    def _tenant_is_anonymous_survey_request(cls):
        httprequest = request.httprequest
        path = httprequest.path
        if SURVEY_PATH.match(path):
            tokens = [*path.split("/")[2:], *httprequest.args.getlist("answer_token")]
        elif PAGE_RESOURCE_PATH.match(path) and httprequest.referrer:
            referrer = urlsplit(httprequest.referrer)
            if not SURVEY_PATH.match(referrer.path):
                return False
            tokens = [*referrer.path.split("/")[2:], *parse_qs(referrer.query).get("answer_token", [])]
        else:
            return False
        # sudo: before authentication, whoever asks; only whether the token is an anonymous
        # answer's is read, and that is all the request learns.
        return request.env["survey.user_input"].sudo()._tenant_is_anonymous_token(tokens)
