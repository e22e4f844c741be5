# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The anonymous feedback box writes no device log, in a real browser (Chromium).

Odoo writes a ``res.device.log`` row (user, time, address) on any database-bound request that
carries a signed-in session whose last trace is over an hour old: the feedback pages themselves
ignore the session (``tenant_anonymous``), and they must load nothing else from the database either
(no /web/assets bundle, no /logo.png, no favicon), or the row would land in the second of the
"anonymous" message.
"""

import json
import logging
import time
from urllib.parse import urlsplit

from odoo.http import root
from odoo.tests import tagged
from odoo.tools._vendor.useragents import UserAgent

from ..controllers.feedback import client_counter
from .common import PortalCase, portal_resident, property_unit

# Fill the form, send it as the page would, show the answer in place (so that the thank-you page
# loads its own files too), then report every file the browser fetched.
SUBMIT_IN_BROWSER = """
(async () => {
    const form = document.querySelector("form.o_tenant_feedback_form");
    form.querySelector("[name=name]").value = "Lobby lights";
    form.querySelector("[name=text]").value = "The lobby is dark at night.";
    const seen = performance.getEntriesByType("resource").map((entry) => entry.name);
    const response = await fetch(form.action, { method: "POST", body: new FormData(form) });
    const html = await response.text();
    if (!html.includes("o_tenant_feedback_code")) {
        console.error("no thank-you page: " + response.status);
        return;
    }
    document.open();
    document.write(html);
    document.close();
    while (document.readyState !== "complete") {
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    seen.push(...performance.getEntriesByType("resource").map((entry) => entry.name));
    console.log("resources: " + JSON.stringify(seen));
    console.log("test successful");
})();
"""


@tagged("post_install", "-at_install")
class TestFeedbackDeviceLog(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        unit = property_unit(env, "DVG", "D-1", "1", name="Device Gardens")
        cls.property = unit.property_id
        # browser_js signs in with the login as password (new_test_user's default).
        cls.resident_user = portal_resident(
            env, "tr_dvl_resident", unit, "Device Resident", "device@example.com"
        )

    def setUp(self):
        super().setUp()
        client_counter.reset()
        self.addCleanup(client_counter.reset)

    def authenticate(self, user, password, browser=None):
        """Sign in as Odoo does, with a device seen two hours ago: its trace in the session and its
        row in the device log are over an hour old, so the next database-bound request of this
        browser with the session writes a new row."""
        session = super().authenticate(user, password, browser=browser)
        if browser and user:
            agent = UserAgent(browser._websocket_request("Browser.getVersion")["userAgent"])
            then = int(time.time()) - 2 * 3600
            trace = {
                "platform": agent.platform,
                "browser": agent.browser,
                "ip_address": "127.0.0.1",
                "first_activity": then - 3600,
                "last_activity": then,
            }
            session._trace = [trace]
            root.session_store.save(session)
            self.env["res.device.log"].sudo().create(
                {
                    "session_identifier": session.sid[:42],
                    "user_id": session.uid,
                    "platform": agent.platform,
                    "browser": agent.browser,
                    "ip_address": "127.0.0.1",
                    "first_activity": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(then - 3600)),
                    "last_activity": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(then)),
                }
            )
        return session

    def device_logs(self):
        return self.env["res.device.log"].sudo().search([("user_id", "=", self.resident_user.id)])

    def test_feedback_in_chromium_writes_no_device_log(self):
        # The browser's console is logged under the test's logger (…browser): collect it.
        messages = []
        collector = logging.Handler(logging.INFO)
        collector.emit = lambda record: messages.append(record.getMessage())
        browser_logger = self._logger.getChild("browser")
        browser_logger.addHandler(collector)
        self.addCleanup(browser_logger.removeHandler, collector)
        self.browser_js(
            "/feedback/DVG",
            SUBMIT_IN_BROWSER,
            ready="document.readyState === 'complete'",
            login="tr_dvl_resident",
        )
        self.assertEqual(
            self.env["tenant.ticket"].search_count([("property_id", "=", self.property.id)]),
            1,
            "the feedback was sent",
        )
        self.assertEqual(len(self.device_logs()), 1, "only the row of two hours ago: no new device log")
        reports = [message for message in messages if message.startswith("resources: ")]
        self.assertEqual(len(reports), 1)
        urls = json.loads(reports[0].removeprefix("resources: "))
        self.assertTrue(any("/tenant_relations/static/src/css/feedback_page.css" in url for url in urls))
        # Only this module's static files (served without the database), inline data, and the
        # box's own pages (which ignore the session, see ir.http._authenticate).
        bound = [
            url
            for url in urls
            if not url.startswith("data:")
            and not urlsplit(url).path.startswith(("/tenant_relations/static/", "/feedback/"))
        ]
        self.assertFalse(bound, "files loaded from the database")

    def test_a_signed_in_page_does_write_one(self):
        """The control: the same browser and session on a page of the rest of the site is logged."""
        self.browser_js("/my", "console.log('test successful')", login="tr_dvl_resident")
        self.assertEqual(len(self.device_logs()), 2)
