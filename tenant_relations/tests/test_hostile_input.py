# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile input on every route of our addons: never an HTTP 500.

The routes are read from the routing map (every endpoint defined in a ``tenant_relations*``
package), so a new route is probed without touching this file. Each is called as an anonymous
visitor and as a signed-in resident, by GET and by POST with a valid CSRF token, with NUL bytes,
huge values, wrong types (text for ids, negative and out-of-range numbers, repeated keys, files
where text is expected) in its path, query and form fields. The answers are counted; any 5xx fails.
"""

import inspect
import logging
import re

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PortalCase, no_ack_tickets, portal_resident, property_unit

_logger = logging.getLogger(__name__)

OUR_MODULES_PREFIX = "odoo.addons.tenant_relations"
# The names of the fields our forms send (QWeb templates) and of the query parameters we read.
FORM_FIELDS = (
    "name",
    "text",
    "kind",
    "category_id",
    "unit_id",
    "property_id",
    "email",
    "phone",
    "description",
    "urgent",
    "code",
    "company",
    "access_token",
    "confirm",
    "download",
    "thumbnail",
    "success",
    "registered",
    "refused",
    "sortby",
    "filterby",
    "page",
    "rating",
    "feedback",
)
HUGE = "9" * (1024 * 1024)  # 1 MB
QUERY_VALUES = (
    "\x00",
    "-1",
    "0",
    "2147483648",
    "99999999999999999999",
    "abc",
    "1.5",
    "²",
    "١",
    " ",
    "[1, 2]",
)
# Huge values go into a few fields only (each request stays a few MB), on the route's own path.
HUGE_FIELDS = ("name", "text", "description", "code", "unit_id")
PATH_VALUES = {
    "int": ("0", "2147483648", "99999999999999999999"),
    "string": ("%00", "x" * 5000, "..%2F..", "GLG%00"),
}
CONVERTER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


@tagged("post_install", "-at_install")
class TestHostileInput(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.unit = property_unit(env, "HGD", "H-101", "101", name="Hostile Gardens")
        cls.property = cls.unit.property_id
        cls.resident_user = portal_resident(
            env, "tr_hostile", cls.unit, "Hostile Resident", "hostile@example.com", password="tr_hostile_pw"
        )
        cls.resident = cls.resident_user.partner_id
        cls.ticket = no_ack_tickets(env).create(
            {"name": "Lift", "unit_id": cls.unit.id, "partner_id": cls.resident.id, "channel": "portal"}
        )

    def our_rules(self):
        """(rule, methods) of every route defined by our addons, from the live routing map."""
        rules = []
        for rule in self.env["ir.http"].routing_map().iter_rules():
            endpoint = rule.endpoint
            if (endpoint.__module__ or "").startswith(OUR_MODULES_PREFIX):
                rules.append((rule, sorted(rule.methods or {"GET", "POST"})))
        return rules

    def paths(self, rule):
        """Concrete paths for a rule: its variables filled with real ids, then hostile values."""
        real = {"int": str(self.ticket.id), "string": self.property.code}
        variables = CONVERTER.findall(rule.rule)
        base = CONVERTER.sub(lambda m: real.get(m[1] or "string", "1"), rule.rule)
        paths = [base]
        for index, (converter, _name) in enumerate(variables):
            for value in PATH_VALUES.get(converter or "string", ()):
                counter = iter(range(len(variables)))
                paths.append(
                    CONVERTER.sub(
                        lambda m, v=value, c=counter, i=index: (
                            v if next(c) == i else real.get(m[1] or "string", "1")
                        ),
                        rule.rule,
                    )
                )
        return paths

    def field_names(self, rule):
        signature = inspect.signature(rule.endpoint.original_endpoint)
        names = {
            name
            for name, param in signature.parameters.items()
            if name != "self" and param.kind not in (param.VAR_KEYWORD, param.VAR_POSITIONAL)
        }
        names -= {name for _converter, name in CONVERTER.findall(rule.rule)}
        return sorted(names | set(FORM_FIELDS))

    def probe(self, results, method, path, **kw):
        with mute_logger("odoo.http", "werkzeug", "odoo.addons.base.models.ir_http"):
            response = self.opener.request(
                method, self.base_url() + path, allow_redirects=False, timeout=60, **kw
            )
        results.append((response.status_code, method, path[:120], str(kw.get("data", ""))[:120]))

    def probe_rule(self, results, rule, methods):
        fields = self.field_names(rule)
        for index, path in enumerate(self.paths(rule)):
            for method in methods:
                if method == "GET":
                    self.probe(results, "GET", path)
                    for value in QUERY_VALUES:
                        self.probe(results, "GET", path, params=dict.fromkeys(fields, value))
                    # Repeated keys: a list where one value is expected.
                    self.probe(results, "GET", path, params=[(f, v) for f in fields for v in ("1", "x")])
                    if index == 0:
                        self.probe(results, "GET", path, params={"name": HUGE[:8000]})
                elif method == "POST":
                    csrf = http.Request.csrf_token(self)
                    for value in QUERY_VALUES:
                        self.probe(
                            results, "POST", path, data={**dict.fromkeys(fields, value), "csrf_token": csrf}
                        )
                    data = [("csrf_token", csrf), *((f, v) for f in fields for v in ("1", "x"))]
                    self.probe(results, "POST", path, data=data)
                    if index:
                        continue
                    for huge in (HUGE, "\x00" + HUGE[1:]):
                        self.probe(
                            results,
                            "POST",
                            path,
                            data={**dict.fromkeys(HUGE_FIELDS, huge), "csrf_token": csrf},
                        )
                    # Files where text is expected, and a file whose name holds a NUL byte.
                    files = [(field, ("a.png", b"\x89PNG", "image/png")) for field in fields]
                    self.probe(results, "POST", path, data={"csrf_token": csrf}, files=files)
                    files = [("attachments", ("a\x00.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"))]
                    data = {
                        "csrf_token": csrf,
                        "name": "Leak",
                        "kind": "repair",
                        "unit_id": str(self.unit.id),
                    }
                    response = self.post_raw_multipart(path, data, files)
                    results.append((response.status_code, "POST", path[:120], "NUL in a file name"))

    def test_no_server_error_on_hostile_input(self):
        rules = self.our_rules()
        self.assertGreaterEqual(len(rules), 15, "every route of our addons is probed")
        results = []
        for persona in (None, "tr_hostile"):
            self.authenticate(persona, persona and "tr_hostile_pw")
            for rule, methods in rules:
                self.probe_rule(results, rule, methods)
        errors = [result for result in results if result[0] >= 500]
        _logger.info("hostile input: %s requests, %s server errors", len(results), len(errors))
        self.assertFalse(errors, "\n".join(map(str, errors[:50])))

    def post_raw_multipart(self, path, fields, files):
        """POST a multipart form built by hand: ``requests`` escapes control characters in file
        names (``%00``), a hostile client does not."""
        boundary = "tenantHostileBoundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in fields.items()
        ]
        parts += [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {mimetype}\r\n\r\n".encode()
            + content
            + b"\r\n"
            for name, (filename, content, mimetype) in files
        ]
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        with mute_logger("odoo.http", "werkzeug"):
            return self.opener.post(self.base_url() + path, data=body, headers=headers, allow_redirects=False)

    def test_nul_in_an_uploaded_file_name_is_refused(self):
        self.authenticate("tr_hostile", "tr_hostile_pw")
        before = self.env["tenant.ticket"].search_count([])
        fields = {
            "csrf_token": http.Request.csrf_token(self),
            "name": "Leak",
            "kind": "repair",
            "unit_id": str(self.unit.id),
        }
        for name in ("photo\x00.pdf", "\x00"):
            response = self.post_raw_multipart(
                "/my/tickets/new", fields, [("attachments", (name, b"%PDF-1.4\n%%EOF\n", "application/pdf"))]
            )
            self.assertEqual(response.status_code, 400, repr(name))
        self.assertEqual(self.env["tenant.ticket"].search_count([]), before)

    def test_file_in_a_text_field_is_refused(self):
        self.authenticate("tr_hostile", "tr_hostile_pw")
        with mute_logger("odoo.http", "werkzeug"):
            response = self.url_open(
                "/my/tickets/new",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "kind": "repair",
                    "unit_id": str(self.unit.id),
                },
                files=[("name", ("a.png", b"\x89PNG", "image/png"))],
            )
        self.assertEqual(response.status_code, 400)
