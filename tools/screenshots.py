#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of the real screens for the README, taken in headless Chromium.

Against a running demo server (``make run``), this signs in as the demo's own users through HTTP
(``/web/session/authenticate``), hands their session cookie to a headless Chromium driven through
the DevTools protocol (``websocket-client``), opens each screen, waits until the page is idle and
saves a PNG in ``docs/screenshots/``: 1280x800 for the web client, 390x844 for the phone pages.

The gas call is filled in the hotline form and discarded, not saved. One call is recorded on the
demo, as the agent's form saves it: a leak reported by the demo resident (王建国), answered and
resolved by the agent; the resolved ticket, today's calls and the resident's phone show it. A
later run finds it again instead of recording another. The disputes are shot as the dispute
officer (demo / demo); the agreement is the demo's signed one, printed by the server's wkhtmltopdf
and its first page drawn by poppler's ``pdftoppm``.

    make screenshots                     # against http://localhost:8069, database tenant_relations_demo
    python3 tools/screenshots.py --url http://localhost:8239 --db tr_copy --only gas_call

It fails loudly (exit status 1, a message saying what is missing) when Chromium, websocket-client
or the server cannot be found, or when a screen does not show what it should.
"""

import argparse
import base64
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DESKTOP = (1280, 800)
PHONE = (390, 844)
# A form with its chatter beside it: Odoo puts the chatter aside from 1534 CSS pixels on; laid
# out 1600 wide and drawn at 0.8, the picture is still 1280x800.
DESKTOP_WIDE = (1600, 1000)
WIDE_SCALE = 0.8
# The firm's day, when the signed-in user has no time zone (see res.company._tenant_tz).
DEFAULT_TZ = "Asia/Shanghai"
# A PNG larger than this is reduced to a palette of 256 colours (screens have few colours).
MAX_PNG_BYTES = 250_000
STALE_REQUEST = 10  # seconds
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--lang=zh-CN",
)
# The demo's users (see tenant_relations/demo/res_users_demo.xml and the README's table).
HOTLINE = ("hotline", "hotline")
RESIDENT = ("resident", "resident")
ADMIN = ("admin", "admin")
TICKET_ACTION = "/odoo/action-tenant_relations.tenant_ticket_action"
# The call recorded for the resolved ticket, today's calls and the portal (see recorded_call),
# and its ticket id per server once recorded or found.
LEAK = {
    "name": "卫生间天花板漏水",
    "category": "漏水",
    "description": "<p>楼上卫生间往下滴水，天花板已经湿了一片。</p>",
    "reply": "您好，维修师傅 30 分钟内上门，请先用盆接水并关闭卫生间电源。",
    "resolution": "<p>楼上 1-301 卫生间进水软管老化渗漏，已更换；天花板已擦干，三天后回访确认无渗水。</p>",
}
RECORDED = {}


class ScreenshotError(Exception):
    """Something the screenshots need is missing; the message says what."""


# Server -----------------------------------------------------------------------------------------


class Server:
    """The running Odoo: JSON-RPC over HTTP, one cookie jar per signed-in user."""

    def __init__(self, url, db):
        self.url = url.rstrip("/")
        self.db = db

    def check(self):
        try:
            self._post("/web/webclient/version_info", {}, urllib.request.build_opener())
        except (urllib.error.URLError, OSError) as error:
            raise ScreenshotError(
                f"no Odoo server answers at {self.url} ({error}): start the demo with `make run` "
                "(or pass --url)"
            ) from error

    def login(self, login, password):
        """A signed-in Session of ``login``, as the login page makes it."""
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        try:
            result = self._post(
                "/web/session/authenticate", {"db": self.db, "login": login, "password": password}, opener
            )
        except ScreenshotError as error:
            raise ScreenshotError(
                f"signing in as {login} on database {self.db} failed ({error}): is it the demo that "
                "`make run` serves? (pass --db)"
            ) from error
        session_id = next((cookie.value for cookie in jar if cookie.name == "session_id"), None)
        if not session_id or not result.get("uid"):
            raise ScreenshotError(f"signing in as {login} on database {self.db} failed (is it the demo?)")
        return Session(self, opener, session_id, result["partner_id"], result.get("user_context") or {})

    def _post(self, path, params, opener):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode()
        request = urllib.request.Request(
            self.url + path, data=body, headers={"Content-Type": "application/json"}
        )
        with opener.open(request, timeout=60) as response:
            answer = json.loads(response.read())
        if answer.get("error"):
            error = answer["error"]
            message = (error.get("data") or {}).get("message") or error.get("message")
            raise ScreenshotError(f"{path}: {message}")
        return answer.get("result")


class Session:
    """A signed-in user: their cookie for Chromium, their context for the calls made here."""

    def __init__(self, server, opener, session_id, partner_id, context):
        self.server = server
        self.partner_id = partner_id
        self.opener = opener
        self.session_id = session_id
        self.context = context

    @property
    def tz(self):
        return self.context.get("tz") or DEFAULT_TZ

    def call(self, model, method, *args, **kwargs):
        """A model method called as the web client calls it: in the user's language and zone."""
        kwargs.setdefault("context", self.context)
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        return self.server._post("/web/dataset/call_kw", params, self.opener)


# Chromium ---------------------------------------------------------------------------------------


def find_chromium(path=None):
    candidates = [path] if path else [shutil.which(name) for name in CHROMIUM_NAMES]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise ScreenshotError(
        f"Chromium not found ({path or ', '.join(CHROMIUM_NAMES)}): install it "
        "(e.g. `apt-get install chromium`) or pass --chromium"
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One headless Chromium with one tab, driven through the DevTools protocol."""

    def __init__(self, executable):
        try:
            import websocket  # noqa: PLC0415 (a clear message below when it is missing)
        except ImportError as error:
            raise ScreenshotError("websocket-client is missing: pip install -r requirements.txt") from error
        self._websocket = websocket
        self.profile = tempfile.mkdtemp(prefix="tr-screenshots-")
        port = free_port()
        self.process = subprocess.Popen(
            [
                executable,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws = None
        self._id = 0
        self.inflight = {}  # request id: when it was sent
        try:
            self.ws = self._connect(port)
        except ScreenshotError:
            self.close()
            raise
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable")

    def _connect(self, port):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ScreenshotError(f"Chromium exited at start (status {self.process.returncode})")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as response:
                    pages = [t for t in json.loads(response.read()) if t.get("type") == "page"]
                if pages:
                    return self._websocket.create_connection(
                        pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
                    )
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.2)
        raise ScreenshotError("Chromium's DevTools did not answer within 30 s")

    def close(self):
        try:
            if self.ws:
                self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)

    # Protocol --------------------------------------------------------------------------------

    def send(self, method, **params):
        self._id += 1
        message_id = self._id
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise ScreenshotError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            self._event(message)

    def _event(self, message):
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            self.inflight[params["requestId"]] = time.monotonic()
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            self.inflight.pop(params["requestId"], None)
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = (details.get("exception") or {}).get("description") or details.get("text")
            print(f"  page error: {text}", file=sys.stderr)

    def _pump(self, seconds):
        """Read events for ``seconds`` (network activity is tracked from them)."""
        self.ws.settimeout(seconds)
        try:
            while True:
                self._event(json.loads(self.ws.recv()))
        except self._websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(60)

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise ScreenshotError(
                f"script failed: {result['exceptionDetails'].get('text')}: {expression[:80]}"
            )
        return result.get("result", {}).get("value")

    # Pages -----------------------------------------------------------------------------------

    def prepare(self, size, tz, session=None, base_url=None, mobile=False, scale=1):
        """Viewport, time zone and cookies for the next page: a user's session, or none."""
        width, height = size
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=scale,
            mobile=mobile,
        )
        self.send("Emulation.setTouchEmulationEnabled", enabled=mobile)
        self.send("Emulation.setTimezoneOverride", timezoneId=tz)
        self.send("Network.setExtraHTTPHeaders", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
        self.send("Network.clearBrowserCookies")
        if session:
            self.send(
                "Network.setCookie", name="session_id", value=session.session_id, url=base_url, path="/"
            )

    def open(self, url):
        self.inflight.clear()
        self.send("Page.navigate", url=url)
        self.wait_idle()

    def wait_idle(self, quiet=0.8, timeout=60):
        """Until the document is loaded, no request has been in flight for ``quiet`` seconds and
        the web client shows no loading indicator."""
        deadline = time.monotonic() + timeout
        calm_since = None
        while time.monotonic() < deadline:
            self._pump(0.2)
            ready = self.evaluate(
                "document.readyState === 'complete' && !document.querySelector("
                "'.o_loading_indicator, .o_blockUI, .o-main-components-container .o_loading')"
            )
            if ready and not self._busy():
                calm_since = calm_since or time.monotonic()
                if time.monotonic() - calm_since >= quiet:
                    return
            else:
                calm_since = None
        raise ScreenshotError(f"the page did not become idle within {timeout} s")

    def _busy(self):
        """Whether a request is in flight. The bus's shared worker loads its script in a target
        of its own, whose end the page never hears of: a request older than STALE_REQUEST is not
        waited for (the loading indicators above still are)."""
        now = time.monotonic()
        return any(now - sent < STALE_REQUEST for sent in self.inflight.values())

    def wait_for(self, selector, text=None, timeout=30):
        """The first element matching ``selector`` (holding ``text``), once it is visible."""
        finder = self._finder(selector, text)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(f"(() => {{ const el = {finder}; return !!(el && el.offsetParent); }})()"):
                return finder
            self._pump(0.2)
        what = f"{selector!r}" + (f" holding {text!r}" if text else "")
        url = self.evaluate("location.href")
        raise ScreenshotError(f"{what} did not show within {timeout} s on {url}")

    @staticmethod
    def _finder(selector, text):
        if text is None:
            return f"document.querySelector({json.dumps(selector)})"
        return (
            f"[...document.querySelectorAll({json.dumps(selector)})]"
            f".find((el) => el.textContent.includes({json.dumps(text)}))"
        )

    def click(self, selector, text=None):
        finder = self.wait_for(selector, text)
        self.evaluate(
            f"(() => {{ const el = {finder}; el.scrollIntoView({{block: 'center'}}); el.click(); }})()"
        )
        self.wait_idle(quiet=0.4)

    def fill(self, selector, value):
        """Type ``value`` into an input as a user would (the web client listens to key input)."""
        finder = self.wait_for(selector)
        self.evaluate(
            f"(() => {{ const el = {finder}; el.focus(); if (el.select) {{ el.select(); }}"
            " else { document.getSelection().selectAllChildren(el); } })()"
        )
        self.send("Input.insertText", text=value)
        self.wait_idle(quiet=0.4)

    def blur(self):
        self.evaluate("document.activeElement && document.activeElement.blur()")
        self.wait_idle(quiet=0.4)

    def scroll_into_view(self, selector, text=None):
        finder = self.wait_for(selector, text)
        self.evaluate(f"{finder}.scrollIntoView({{block: 'start'}})")
        self.wait_idle(quiet=0.3)

    def capture(self, path):
        data = base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])
        data = optimize_png(data)
        with open(path, "wb") as handle:
            handle.write(data)
        return len(data)


def optimize_png(data):
    """The PNG, reduced to 256 colours when it is larger than MAX_PNG_BYTES (Pillow comes with Odoo)."""
    if len(data) <= MAX_PNG_BYTES:
        return data
    try:
        from PIL import Image  # noqa: PLC0415 (only needed for large screens; Odoo requires it)
    except ImportError as error:
        raise ScreenshotError(
            f"a screen of {len(data) // 1024} KB needs Pillow to be made smaller: pip install Pillow"
        ) from error

    image = Image.open(io.BytesIO(data)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True
    )
    return out.getvalue() if out.tell() < len(data) else data


# The screens ------------------------------------------------------------------------------------


def shot_gas_call(browser, server, out):
    """The hotline form filled for a gas smell, before saving: category found by the caller's
    words, urgent, and the promised response and resolution times in the header."""
    session = server.login(*HOTLINE)
    browser.prepare(DESKTOP, session.tz, session, server.url)
    browser.open(f"{server.url}{TICKET_ACTION}/new")
    form = ".o_form_view"
    browser.fill(f"{form} .o_field_widget[name='name'] input", "厨房闻到很浓的燃气味")
    browser.fill(f"{form} .o_field_widget[name='partner_phone'] input", "138 0571 2301")
    browser.blur()
    browser.wait_for(f"{form} .o_field_widget[name='unit_id'] input")
    browser.fill(f"{form} .o_field_widget[name='category_id'] input", "燃气味")
    browser.click(".o-autocomplete--dropdown-item a", "燃气")
    browser.wait_for(f"{form} .o_tenant_ticket_promised_response")
    browser.fill(
        f"{form} .o_field_widget[name='description'] [contenteditable='true']",
        "进门就闻到很浓的燃气味，已开窗通风，没有开关电器。",
    )
    browser.blur()
    path = os.path.join(out, "hotline_gas_call.png")
    size = browser.capture(path)
    # Nothing is kept: the form is discarded, not saved when the page is left.
    browser.click(f"{form} .o_form_button_cancel")
    return path, size


def shot_todays_calls(browser, server, out):
    """The agent's home: today's calls, nearest deadline first (the recorded leak among them)."""
    recorded_call(server)
    session = server.login(*HOTLINE)
    browser.prepare(DESKTOP, session.tz, session, server.url)
    browser.open(f"{server.url}/odoo")
    browser.wait_for(".o_list_view .o_data_row", LEAK["name"])
    path = os.path.join(out, "hotline_todays_calls.png")
    return path, browser.capture(path)


def shot_resolved_ticket(browser, server, out):
    """The leak once resolved: how it was handled, and the chatter that tells its story (the
    acknowledgement, the agent's reply, the resolution mail to the resident)."""
    ticket_id = recorded_call(server)
    session = server.login(*HOTLINE)
    browser.prepare(DESKTOP_WIDE, session.tz, session, server.url, scale=WIDE_SCALE)
    browser.open(f"{server.url}{TICKET_ACTION}/{ticket_id}")
    browser.click(".o_form_view .o_notebook .nav-link[name='resolution']")
    browser.wait_for(".o-mail-ChatterContainer .o-mail-Message", "维修师傅")
    path = os.path.join(out, "ticket_resolved_chatter.png")
    return path, browser.capture(path)


def shot_portal_ticket(browser, server, out):
    """The resident's request on their phone: stage, times in the firm's zone, how it was
    handled, the conversation."""
    ticket_id = recorded_call(server)
    session = server.login(*RESIDENT)
    browser.prepare(PHONE, session.tz, session, server.url, mobile=True)
    browser.open(f"{server.url}/my/tickets/{ticket_id}")
    browser.wait_for(".o_tenant_ticket_resolution")
    browser.scroll_into_view("#card_header")
    path = os.path.join(out, "portal_ticket_phone.png")
    return path, browser.capture(path)


def shot_anonymous_feedback(browser, server, out):
    """The anonymous feedback box as a visitor's phone opens it from the poster's QR code."""
    session = server.login(*HOTLINE)
    properties = session.call("tenant.property", "search_read", [("code", "!=", False)], ["code"], limit=1)
    if not properties:
        raise ScreenshotError("no property with a code in the demo")
    browser.prepare(PHONE, DEFAULT_TZ, None, server.url, mobile=True)
    browser.open(f"{server.url}/feedback/{properties[0]['code']}")
    browser.wait_for("form textarea")
    path = os.path.join(out, "feedback_anonymous.png")
    return path, browser.capture(path)


def recorded_call(server):
    """The leak the resident reported by phone today, answered and resolved by the agent: its
    id. Recorded once on the demo, through the agent's own session, as her form would save it;
    found again on later runs."""
    key = (server.url, server.db)
    if key in RECORDED:
        return RECORDED[key]
    session = server.login(*HOTLINE)
    partner_id = server.login(*RESIDENT).partner_id
    found = session.call(
        "tenant.ticket",
        "search",
        [("name", "=", LEAK["name"]), ("partner_id", "=", partner_id), ("resolved_date", "!=", False)],
        limit=1,
    )
    if found:
        RECORDED[key] = found[0]
        return found[0]
    categories = session.call("tenant.ticket.category", "name_search", LEAK["category"], limit=1)
    ticket_id = session.call(
        "tenant.ticket",
        "create",
        {
            "name": LEAK["name"],
            "partner_id": partner_id,
            "channel": "hotline",
            "category_id": categories[0][0] if categories else False,
            "description": LEAK["description"],
        },
    )
    session.call(
        "tenant.ticket",
        "message_post",
        [ticket_id],
        body=LEAK["reply"],
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
    )
    stages = session.call("tenant.ticket.stage", "search", [("is_resolved", "=", True)], limit=1)
    if not stages:
        raise ScreenshotError("no resolved stage in the demo")
    session.call(
        "tenant.ticket",
        "write",
        [ticket_id],
        {"resolution_note": LEAK["resolution"], "stage_id": stages[0]},
    )
    print(f"recorded a call on the demo: ticket {ticket_id} ({LEAK['name']}), resolved")
    RECORDED[key] = ticket_id
    return ticket_id


def shot_holiday_year(browser, server, out):
    """配置 → 法定节假日: a year of the State Council's arrangement, its days off and make-up
    workdays with their festival, as the administrator corrects them."""
    session = server.login(*ADMIN)
    (year,) = session.call("tenant.holiday.year", "search_read", [("year", "=", 2026)], ["id"])
    browser.prepare(DESKTOP, session.tz, session, server.url)
    browser.open(f"{server.url}/odoo/action-tenant_relations.tenant_holiday_year_action/{year['id']}")
    browser.wait_for(".o_form_view .o_field_widget[name='day_ids'] .o_data_row", "国庆节")
    path = os.path.join(out, "holiday_year.png")
    return path, browser.capture(path)


def shot_calendar_makeup_days(browser, server, out):
    """The service desk's working hours: the make-up workdays the holidays wrote, on their own
    tab beside the weekly grid."""
    session = server.login(*ADMIN)
    (calendar,) = session.call(
        "ir.model.data",
        "search_read",
        [("module", "=", "tenant_relations"), ("name", "=", "resource_calendar_office_hours")],
        ["res_id"],
    )
    browser.prepare(DESKTOP, session.tz, session, server.url)
    browser.open(f"{server.url}/odoo/action-resource.action_resource_calendar_form/{calendar['res_id']}")
    browser.click(".o_form_view .o_notebook .nav-link[name='tenant_makeup_days']")
    browser.wait_for(".o_form_view .o_field_widget[name='tenant_holiday_attendance_ids'] .o_data_row")
    path = os.path.join(out, "calendar_makeup_days.png")
    return path, browser.capture(path)


SURVEY_CAMPAIGN_ACTION = "/odoo/action-tenant_relations_survey.tenant_survey_campaign_action"


def demo_record_id(session, xmlid):
    """The id of the demo record ``module.name``, or a clear error when the demo lacks it."""
    module, name = xmlid.split(".")
    found = session.call(
        "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"]
    )
    if not found:
        raise ScreenshotError(f"{xmlid} is not in the database: is tenant_relations_survey's demo installed?")
    return found[0]["res_id"]


def open_last_campaign(browser, server, size=DESKTOP, scale=1):
    """The last half-year's satisfaction campaign (closed, both properties), as the manager of
    翠湖花园 opens it."""
    session = server.login(*ADMIN)
    campaign_id = demo_record_id(session, "tenant_relations_survey.tenant_survey_campaign_last_demo")
    browser.prepare(size, session.tz, session, server.url, scale=scale)
    browser.open(f"{server.url}{SURVEY_CAMPAIGN_ACTION}/{campaign_id}")
    browser.wait_for(".o_form_view .o_field_widget[name='name']")


def shot_survey_campaign(browser, server, out):
    """满意度调查 → 活动: the last half-year's campaign, closed, on its Scores page: satisfaction
    against the 85 % target, and per topic and property, red below it."""
    open_last_campaign(browser, server, DESKTOP_WIDE, WIDE_SCALE)
    browser.click(".o_form_view .o_notebook .nav-link[name='scores']")
    browser.wait_for(".o_form_view .o_tenant_satisfaction_table td.text-danger")
    path = os.path.join(out, "survey-campaign.png")
    return path, browser.capture(path)


def shot_survey_scores(browser, server, out):
    """The campaign's scores per topic (rows) and property (columns), from its Satisfaction
    button: Odoo's pivot over the answer lines."""
    open_last_campaign(browser, server)
    browser.click(".o_form_view .oe_stat_button[name='action_view_scores']")
    browser.wait_for(".o_pivot table tbody tr")
    path = os.path.join(out, "survey-scores.png")
    return path, browser.capture(path)


def shot_survey_phone(browser, server, out):
    """王建国 answers this half-year's survey on his phone: from his open surveys on /my/surveys,
    Odoo's survey page, a few services rated. Nothing is submitted (the answer stays open)."""
    session = server.login(*RESIDENT)
    browser.prepare(PHONE, session.tz, session, server.url, mobile=True)
    browser.open(f"{server.url}/my/surveys")
    browser.click("a.o_tenant_survey_invitation")
    start = ".o_survey_start button[value='start']:not(.disabled)"
    if browser.evaluate(f"!!document.querySelector({json.dumps(start)})"):
        browser.click(start)
    matrix = ".o_survey_form .o_survey_question_matrix"
    browser.wait_for(matrix)
    # The survey fades its page in: wait until it is drawn before choosing.
    browser.wait_idle(quiet=1.5)
    for row, column in ((1, 2), (2, 1), (3, 1), (4, 2)):
        browser.click(f"{matrix} tbody tr:nth-child({row}) td.o_survey_matrix_btn:nth-of-type({column})")
    browser.evaluate("window.scrollTo(0, 0)")
    browser.wait_idle(quiet=1)
    path = os.path.join(out, "survey-phone.png")
    return path, browser.capture(path)


# The dispute officer (issue 18): the demo user, officer of the firm's disputes.
OFFICER = ("demo", "demo")
DISPUTE_ACTION = "/odoo/action-tenant_relations_dispute.tenant_dispute_action"
AGREEMENT_REPORT = "tenant_relations_dispute.report_dispute_agreement"
# The demo's signed agreement (the dog barking at night, closed by a mediated agreement).
SIGNED_AGREEMENT = "tenant_relations_dispute.tenant_dispute_agreement_chg_pets_demo"
PDF_DPI = 80


def shot_dispute_ladder(browser, server, out):
    """纠纷 as the dispute officer sees them: the cases of both properties on the ladder, one
    column per level (协商, 调解, 仲裁, 已结案), each with its deadline; laid out wide so that the
    four levels fit."""
    session = server.login(*OFFICER)
    browser.prepare(DESKTOP_WIDE, session.tz, session, server.url, scale=WIDE_SCALE)
    browser.open(f"{server.url}{DISPUTE_ACTION}?view_type=kanban")
    browser.wait_for(".o_kanban_view .o_kanban_group .o_kanban_record", "阳台渗漏")
    browser.wait_for(".o_kanban_view .o_kanban_group:last-child .o_kanban_record")
    path = os.path.join(out, "dispute-ladder.png")
    return path, browser.capture(path)


def shot_dispute_agreement(browser, server, out):
    """The first page of the demo's signed mediation agreement (调解协议书), as the officer prints
    it: the server's PDF, drawn by poppler's pdftoppm."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise ScreenshotError("pdftoppm not found: install poppler-utils (`make run` does)")
    # ir.model.data is the administrator's to read; the officer prints.
    agreement_id = demo_record_id(server.login(*ADMIN), SIGNED_AGREEMENT)
    session = server.login(*OFFICER)
    url = f"{server.url}/report/pdf/{AGREEMENT_REPORT}/{agreement_id}"
    with session.opener.open(url, timeout=120) as response:
        pdf = response.read()
    if not pdf.startswith(b"%PDF"):
        raise ScreenshotError(f"{url} did not give a PDF (is wkhtmltopdf installed?)")
    with tempfile.TemporaryDirectory(prefix="tr-agreement-") as tmp:
        source = os.path.join(tmp, "agreement.pdf")
        with open(source, "wb") as handle:
            handle.write(pdf)
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                str(PDF_DPI),
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                source,
                os.path.join(tmp, "page"),
            ],
            check=True,
        )
        with open(os.path.join(tmp, "page.png"), "rb") as handle:
            data = optimize_png(handle.read())
    path = os.path.join(out, "dispute-agreement.png")
    with open(path, "wb") as handle:
        handle.write(data)
    return path, len(data)


# The manager's numbers (issue 19): the manager of 云栖公寓 (demo / demo), a plain Tenant Relations
# user, in Chinese. The demo answered 云栖公寓's urgent calls late last month: its card is red.
MANAGER = ("demo", "demo")
KPI_DASHBOARD = "/odoo/action-tenant_relations.tenant_kpi_snapshot_action_dashboard"
KPI_TRENDS = "/odoo/action-tenant_relations.tenant_kpi_snapshot_action_open_trends"
STAFF_ASSESSMENT = "/odoo/action-tenant_relations.tenant_staff_assessment_action?view_type=pivot"
# The search panel's filters the dashboard is switched with (its words in Chinese, as demo sees them).
LATEST_PERIOD, LAST_MONTH = "最近周期", "上月"
# The fewest columns of a sheet drawn (the summary's: KPI, target, figure, status, previous, change).
SHEET_COLUMNS = 6


def shot_kpi_dashboard(browser, server, out):
    """关键指标看板 as the manager of 云栖公寓 opens it, switched to last month: each KPI's card per
    property coloured against its target, 云栖公寓's urgent calls in red."""
    session = server.login(*MANAGER)
    browser.prepare(DESKTOP_WIDE, session.tz, session, server.url, scale=WIDE_SCALE)
    browser.open(f"{server.url}{KPI_DASHBOARD}")
    browser.wait_for(".o_kanban_renderer .o_kanban_record", "云栖公寓")
    browser.click(".o_searchview_dropdown_toggler")
    browser.click(".o_search_bar_menu .o_menu_item", LATEST_PERIOD)
    browser.click(".o_search_bar_menu .o_menu_item", LAST_MONTH)
    browser.click(".o_searchview_dropdown_toggler")
    browser.wait_for(".o_kanban_record.o_kanban_color_1 .text-danger")
    path = os.path.join(out, "kpi-dashboard.png")
    return path, browser.capture(path)


def shot_kpi_trends(browser, server, out):
    """关键指标趋势 as the firm's Tenant Relations manager reads it: each KPI's company figure month by
    month over the last half year (Odoo's line graph; a property's staff get their properties')."""
    session = server.login(*ADMIN)
    browser.prepare(DESKTOP, session.tz, session, server.url)
    browser.open(f"{server.url}{KPI_TRENDS}")
    browser.wait_for(".o_graph_renderer canvas")
    browser.wait_idle(quiet=1.5)  # the chart animates in
    path = os.path.join(out, "kpi-trends.png")
    return path, browser.capture(path)


def shot_kpi_staff_assessment(browser, server, out):
    """员工考核 as the property's manager reads it: the staff of 云栖公寓, quarter by quarter."""
    session = server.login(*MANAGER)
    browser.prepare(DESKTOP, session.tz, session, server.url)
    browser.open(f"{server.url}{STAFF_ASSESSMENT}")
    browser.wait_for(".o_pivot table tbody tr")
    path = os.path.join(out, "kpi-staff-assessment.png")
    return path, browser.capture(path)


def shot_kpi_excel(browser, server, out):
    """The summary sheet of last month's KPI report (关键指标月报) that the manager downloads from
    报表 > 导出 Excel: the server's xlsx, read with openpyxl and drawn as a table in Chromium with its
    cells' fills, fonts and number formats (no spreadsheet program is needed)."""
    try:
        import openpyxl  # noqa: PLC0415 (only this screen needs it; a clear message below)
    except ImportError as error:
        raise ScreenshotError("openpyxl is missing: pip install -r requirements.txt") from error
    session = server.login(*MANAGER)
    wizard_id = session.call("tenant.kpi.report.wizard", "create", {"report_kind": "kpi"})
    action = session.call("tenant.kpi.report.wizard", "action_export", [wizard_id])
    with session.opener.open(f"{server.url}{action['url']}", timeout=120) as response:
        data = response.read()
    book = openpyxl.load_workbook(io.BytesIO(data))
    html = sheet_html(book.worksheets[0], f"{book.worksheets[0].title} · " + " · ".join(book.sheetnames[1:]))
    browser.prepare(DESKTOP, session.tz)
    browser.send("Page.navigate", url="data:text/html;charset=utf-8,<html></html>")
    browser.wait_idle(quiet=0.3)
    frame = browser.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
    browser.send("Page.setDocumentContent", frameId=frame, html=html)
    browser.wait_idle(quiet=0.5)
    path = os.path.join(out, "kpi-excel.png")
    return path, browser.capture(path)


def sheet_html(sheet, tabs):
    """A worksheet's used cells as an HTML table that looks like the sheet: bold headers on their
    fill, the status cells' colours, percentages and dates formatted as Excel shows them."""
    import html  # noqa: PLC0415

    columns = max(SHEET_COLUMNS, sheet.max_column)
    rows = []
    for row in sheet.iter_rows(max_col=columns):
        cells = []
        for cell in row:
            style = []
            fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
            if isinstance(fill, str) and len(fill) == 8:
                style.append(f"background:#{fill[2:]}")
            color = cell.font.color.rgb if cell.font and cell.font.color else None
            if isinstance(color, str) and len(color) == 8:
                style.append(f"color:#{color[2:]}")
            if cell.font and cell.font.bold:
                style.append("font-weight:bold")
            if cell.font and cell.font.italic:
                style.append("font-style:italic")
            if cell.font and cell.font.sz and cell.font.sz > 12:
                style.append("font-size:18px")
            cells.append(f"<td style='{';'.join(style)}'>{html.escape(cell_text(cell))}</td>")
        rows.append(f"<tr><th>{row[0].row}</th>{''.join(cells)}</tr>")
    letters = "".join(f"<th>{chr(65 + n)}</th>" for n in range(columns))
    return (
        "<html><head><meta charset='utf-8'><style>"
        "body{margin:0;font-family:'Noto Sans CJK SC',sans-serif;font-size:13px;background:#fff}"
        ".bar{background:#217346;color:#fff;padding:8px 12px;font-size:14px}"
        "table{border-collapse:collapse;margin:0}"
        "td,th{border:1px solid #d4d4d4;padding:3px 8px;white-space:nowrap;height:20px}"
        "th{background:#f3f3f3;color:#555;font-weight:normal;text-align:center}"
        "td:nth-child(2){min-width:300px}td{min-width:90px}"
        "</style></head><body>"
        f"<div class='bar'>{html.escape(tabs)}</div>"
        f"<table><tr><th></th>{letters}</tr>{''.join(rows)}</table></body></html>"
    )


def cell_text(cell):
    """A cell's value as Excel shows it under the report's number formats."""
    value = cell.value
    if value is None:
        return ""
    fmt = cell.number_format or ""
    if isinstance(value, (int, float)):
        if "%" in fmt:
            return f"{value * 100:+.1f}%" if fmt.startswith("+") and value else f"{value * 100:.1f}%"
        if fmt.startswith("+"):
            return f"{value:+.1f}" if value else "0.0"
        if fmt == "0":
            return f"{value:.0f}"
        return f"{value:.1f}"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M" if "hh" in fmt else "%Y-%m-%d")
    return str(value)


SHOTS = {
    "gas_call": shot_gas_call,
    "resolved_ticket": shot_resolved_ticket,
    "todays_calls": shot_todays_calls,
    "portal_ticket": shot_portal_ticket,
    "anonymous_feedback": shot_anonymous_feedback,
    "holiday_year": shot_holiday_year,
    "calendar_makeup_days": shot_calendar_makeup_days,
    "survey_campaign": shot_survey_campaign,
    "survey_scores": shot_survey_scores,
    "survey_phone": shot_survey_phone,
    "dispute_ladder": shot_dispute_ladder,
    "dispute_agreement": shot_dispute_agreement,
    "kpi_dashboard": shot_kpi_dashboard,
    "kpi_trends": shot_kpi_trends,
    "kpi_staff_assessment": shot_kpi_staff_assessment,
    "kpi_excel": shot_kpi_excel,
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    port = os.environ.get("TR_HTTP_PORT", "8069")  # as tools/run.sh serves it
    parser.add_argument("--url", default=os.environ.get("TR_URL", f"http://localhost:{port}"))
    parser.add_argument("--db", default=os.environ.get("TR_DB", "tenant_relations_demo"))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshots"))
    parser.add_argument("--chromium", help="the Chromium executable (default: found on PATH)")
    parser.add_argument("--only", nargs="+", choices=sorted(SHOTS), help="take these screens only")
    args = parser.parse_args(argv)
    try:
        executable = find_chromium(args.chromium)
        server = Server(args.url, args.db)
        server.check()
        server.login(*HOTLINE)  # the demo database and its users, before Chromium starts
        os.makedirs(args.out, exist_ok=True)
        browser = Browser(executable)
        try:
            for name in args.only or SHOTS:
                try:
                    path, size = SHOTS[name](browser, server, args.out)
                except ScreenshotError as error:
                    # What the page showed when it went wrong, outside the repository.
                    seen = os.path.join(tempfile.gettempdir(), f"tr-screenshot-{name}-failed.png")
                    browser.capture(seen)
                    raise ScreenshotError(f"{name}: {error} (the page as it was: {seen})") from error
                print(f"{os.path.relpath(path, ROOT)}: {size // 1024} KB")
        finally:
            browser.close()
    except ScreenshotError as error:
        print(f"screenshots: ERROR: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
