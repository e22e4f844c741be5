# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import BadRequest

from odoo import api, models
from odoo.http import request

# The Python packages of our addons (tenant_relations, tenant_relations_survey, …): their routes
# get the input check below.
OUR_MODULES_PREFIX = "odoo.addons.tenant_relations"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """Portal pages load the JavaScript translations of these modules only (web and portal by
        default). The portal conversation of a ticket is Odoo's mail chatter: without ``mail`` its
        texts ("The conversation is empty.", "now"…) stay in English for a Chinese resident."""
        return [*super()._get_translation_frontend_modules_name(), "mail", "tenant_relations"]

    def get_frontend_session_info(self):
        """The time zone the portal's scripts write dates in (``tenant_tz``, see portal_locale.js).

        The conversation of a request is written by the browser, in the phone's own zone by
        default, while the page around it is written by the server in the reader's zone
        (res.partner._tenant_tz): the same page showed a message of 07:30 in Shanghai as sent the
        day before its request. Both now follow the reader's zone, else the firm's.
        """
        session_info = super().get_frontend_session_info()
        session_info["tenant_tz"] = self.env.user.partner_id._tenant_tz()
        return session_info

    @classmethod
    def _authenticate(cls, endpoint):
        """Routes marked ``tenant_anonymous=True`` (the anonymous feedback box) run as the public
        user without looking at the session's login at all.

        Checking a signed-in session is what makes Odoo write a ``res.device.log`` row (user,
        time, address) and log ``User N inserts device log``: next to the time of an anonymous
        submission, that row would name its sender. The session itself is left as it is (the
        resident stays signed in for the rest of the site); only this request ignores it.
        """
        if endpoint.routing.get("tenant_anonymous"):
            request.env = api.Environment(request.env.cr, None, request.session.context)
            cls._auth_method_public()
            return None
        return super()._authenticate(endpoint)

    @classmethod
    def _pre_dispatch(cls, rule, args):
        cls._tenant_reject_nul_bytes(rule, args)
        cls._tenant_reject_unexpected_files(rule)
        return super()._pre_dispatch(rule, args)

    @classmethod
    def _tenant_reject_unexpected_files(cls, rule):
        """HTTP 400 for an uploaded file in a field of our routes that does not take files.

        Odoo passes uploads to the controller among the form's text fields: a file sent as the
        title of a request would reach ``post["name"].strip()`` and end as an HTTP 500. A route
        names the fields that take files in its ``tenant_files`` routing key (none by default).
        """
        endpoint = rule.endpoint
        if not (endpoint.__module__ or "").startswith(OUR_MODULES_PREFIX):
            return
        if endpoint.routing.get("type") != "http":
            return
        allowed = set(endpoint.routing.get("tenant_files") or ())
        unexpected = sorted(set(request.httprequest.files) - allowed)
        if unexpected:
            raise BadRequest(
                request.env._("This form does not take a file in %(field)s.", field=", ".join(unexpected))
            )

    @classmethod
    def _tenant_reject_nul_bytes(cls, rule, args):
        """HTTP 400 for a NUL byte anywhere in the path, query, form fields or uploaded file names
        of our routes.

        PostgreSQL cannot store or compare a string holding NUL (psycopg raises ValueError): left to
        the controllers, such input ends as an HTTP 500 wherever it meets a search or a create (an
        uploaded file's name becomes its attachment's name). One check here covers every route of
        our addons, present and future; the contents of uploaded files are binary and are not
        looked at.
        """
        endpoint = rule.endpoint
        if not (endpoint.__module__ or "").startswith(OUR_MODULES_PREFIX):
            return
        if endpoint.routing.get("type") != "http":
            return
        httprequest = request.httprequest
        values = [httprequest.path, *(value for _key, value in httprequest.args.items(multi=True))]
        values += [value for value in args.values() if isinstance(value, str)]
        if httprequest.method in ("POST", "PUT", "PATCH"):
            values += [value for _key, value in httprequest.form.items(multi=True)]
            values += [upload.filename for _key, upload in httprequest.files.items(multi=True)]
        if any("\x00" in value for value in values if isinstance(value, str)):
            raise BadRequest(request.env._("The request holds a character that is not allowed (NUL)."))
