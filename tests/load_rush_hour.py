"""Rush hour: the morning a pipe bursts. Residents flood the portal; nothing may be lost or doubled.

Why
    When a riser bursts, dozens of residents of one property report it from the portal within
    minutes, while others keep reading their requests. Every submission lands on the same service
    team. Ticket creation must not update any shared row (a team's "last assignee", a no-gap
    counter…): concurrent transactions writing one row fail to serialize, Odoo rolls them back and
    retries them after a random back-off of up to 2, 4, 8… seconds, and the fifth failure is an
    HTTP 500. This script measures that, against a real multi-worker server.

How to run
    make load                      # from the repository root, in any shell
    make load ARGS="--residents 16 --duration 30 --port 8079"

    ``make load`` runs ``tools/bench.sh load_rush_hour.py``, which finds the python that imports
    Odoo and writes the Odoo configuration (``ODOO_RC``) as ``make run`` does, in its own shell.
    Options (``--help``): ``--db`` (default tr_rush_hour), ``--port`` (default 8079; the long-polling
    port is the next one), ``--residents`` (32), ``--duration`` (60 s), ``--workers`` (4),
    ``--rebuild`` (drop the database first), ``--no-update`` (reuse it as it is), ``--keep-server``
    (leave nothing else running is the default: the server is always stopped).

What it does
    1. Builds the database as ``make run`` does (the three addons with demo data, zh_CN), or
       reuses it and updates ``tenant_relations``. It is this script's own throw-away database:
       the script gives ``--residents`` demo residents with a current unit a portal login
       (``rush-01``… with the password ``rush-hour``) and turns every service team to round robin,
       the assignment that used to write the team row on each ticket.
    2. Starts Odoo on 127.0.0.1 only, with ``--workers`` HTTP workers and no cron worker, logging
       at INFO to a file (Odoo logs each serialization retry there, see odoo/service/model.py).
    3. Each simulated resident (one thread, one ``requests.Session``) signs in, then loops for
       ``--duration`` seconds over ``/my``, ``/my/tickets`` and one of their tickets, and every
       fifth loop submits a new request through the real form (``GET /my/tickets/new`` for the
       CSRF token, then ``POST /my/tickets/new``), its title tagged with a unique marker. Each
       resident stops after ``MAX_LOOPS`` loops; every request times out after 60 s.
    4. Stops the server, then prints per route the count, p50/p95/p99/max in ms and errors; the
       5xx count; the serialization retries found in the server log; the database check that
       every accepted submission (a redirect to its new ticket) is stored exactly once and no
       submission twice; the load average of the machine.
    The server runs through odoo-bin, as in production.
    5. Exits 1 when a target is missed: submission p95 <= 3 x the p95 of the portal pages
       (GET /my, /my/tickets, /my/tickets/<id> together), 0 retries, 0 responses 5xx, every
       accepted submission stored once. It is a benchmark, not part of ``make test``.
"""

import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import requests
from odoo_process import odoo_bin

ROOT = Path(__file__).resolve().parents[1]
ADDONS = "tenant_relations,tenant_relations_survey,tenant_relations_dispute"
PASSWORD = "rush-hour"
HOST = "127.0.0.1"
SUBMIT_EVERY = 5
MAX_LOOPS = 2000
REQUEST_TIMEOUT = 60
PAGE_ROUTES = ("GET /my", "GET /my/tickets", "GET /my/tickets/<id>")
SUBMIT_ROUTE = "POST /my/tickets/new"
RETRY_RE = re.compile(
    r"odoo\.service\.model: (SERIALIZATION_FAILURE|LOCK_NOT_AVAILABLE|DEADLOCK_DETECTED), "
    r"(\d+ tries left|maximum number of tries reached)"
)
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
UNIT_RE = re.compile(r'name="unit_id"[^>]*>\s*(?:<option value="">[^<]*</option>\s*)?<option value="(\d+)"')
TICKET_RE = re.compile(r'href="/my/tickets/(\d+)[?"]')
CREATED_RE = re.compile(r"/my/tickets/(\d+)\?created=1")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--db", default="tr_rush_hour")
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument("--residents", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rebuild", action="store_true", help="drop the database and build it again")
    parser.add_argument("--no-update", action="store_true", help="reuse the database without -u")
    args = parser.parse_args()
    if not 1 <= args.residents <= 200 or not 1 <= args.duration <= 600:
        parser.error("--residents 1..200 and --duration 1..600 seconds")
    return args


def odoo_cmd(rc, db, *extra):
    return [sys.executable, "-m", "odoo", "-c", rc, "-d", db, *extra]


def server_cmd(rc, db, *extra):
    """Odoo's server as odoo-bin runs it (see odoo_process.odoo_bin: with --workers, the long-polling
    process is started by running ``sys.argv[0]`` again)."""
    return [*odoo_bin(), "-c", rc, "-d", db, *extra]


# Database -----------------------------------------------------------------------------------------


def prepare_database(args, rc):
    """Build or update the demo database, then give residents portal logins (in-process ORM)."""
    import odoo  # noqa: PLC0415 - imported after the command line is read, like tests/benchmark.py
    from odoo import SUPERUSER_ID, Command, api  # noqa: PLC0415
    from odoo.service import db as db_service  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", rc, "--log-level=warn"])
    if args.rebuild and db_service.exp_db_exist(args.db):
        print(f"dropping {args.db}", flush=True)
        db_service.exp_drop(args.db)
    if not db_service.exp_db_exist(args.db):
        print(f"building {args.db} as make run does (a few minutes)", flush=True)
        cmd = ["-i", ADDONS, "--load-language=zh_CN", "--stop-after-init", "--log-level=warn"]
        subprocess.run(odoo_cmd(rc, args.db, *cmd), check=True, cwd=ROOT)
    elif not args.no_update:
        print(f"updating tenant_relations in {args.db}", flush=True)
        cmd = ["-u", "tenant_relations", "--stop-after-init", "--log-level=warn"]
        subprocess.run(odoo_cmd(rc, args.db, *cmd), check=True, cwd=ROOT)

    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"no_reset_password": True, "tracking_disable": True})
        env["tenant.team"].search([]).write({"assignment_method": "round_robin"})
        occupancies = env["tenant.occupancy"].search([("is_current", "=", True)], order="partner_id, id")
        partners = occupancies.partner_id.filtered(lambda p: not p.is_company)[: args.residents]
        if len(partners) < args.residents:
            raise SystemExit(f"only {len(partners)} demo residents with a current unit")
        portal = env.ref("base.group_portal")
        Users = env["res.users"].with_context(active_test=False)
        logins = []
        for n, partner in enumerate(partners, 1):
            login = f"rush-{n:02d}"
            user = Users.search([("login", "=", login)]) or Users.search([("partner_id", "=", partner.id)])
            values = {"login": login, "password": PASSWORD, "active": True}
            if user:
                user.write(values)
            else:
                Users.create({**values, "partner_id": partner.id, "groups_id": [Command.set(portal.ids)]})
            logins.append(login)
        cr.commit()
    return logins


def check_database(args, accepted, tried):
    """Each accepted submission stored exactly once; no submission (accepted or not) twice."""
    import odoo  # noqa: PLC0415

    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        cr.execute(
            "SELECT substring(name from '\\[(rush-[0-9a-f]+-[0-9]+-[0-9]+)\\]'), count(*) FROM tenant_ticket "
            "WHERE name LIKE %s GROUP BY 1",
            [f"%[rush-{RUN_ID}-%"],
        )
        stored = dict(cr.fetchall())
        cr.execute(
            "SELECT count(*) FROM tenant_ticket WHERE name LIKE %s AND user_id IS NULL",
            [f"%[rush-{RUN_ID}-%"],
        )
        unassigned = cr.fetchone()[0]
    once = sum(1 for marker in accepted if stored.get(marker) == 1)
    missing = sum(1 for marker in accepted if marker not in stored)
    doubled = sum(1 for count in stored.values() if count > 1)
    unknown = sum(1 for marker in stored if marker not in tried)
    return {
        "accepted": len(accepted),
        "stored_once": once,
        "missing": missing,
        "doubled": doubled,
        "unknown": unknown,
        "stored_not_accepted": sum(1 for marker in stored if marker not in accepted and marker in tried),
        "unassigned": unassigned,
    }


# Server -------------------------------------------------------------------------------------------


def start_server(args, rc, logfile):
    cmd = server_cmd(
        rc,
        args.db,
        f"--db-filter=^{re.escape(args.db)}$",
        f"--http-interface={HOST}",
        f"--http-port={args.port}",
        f"--gevent-port={args.port + 1}",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--log-level=info",
        f"--logfile={logfile}",
        "--limit-time-real=180",
    )
    server = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True)  # its own group: stopped whole
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start (exit {server.returncode}): see {logfile}")
        try:
            if requests.get(f"http://{HOST}:{args.port}/web/login", timeout=10).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(1)
    stop_server(server)
    raise SystemExit(f"the server did not answer within 180 s: see {logfile}")


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)


# Residents ----------------------------------------------------------------------------------------

RUN_ID = uuid.uuid4().hex[:8]


class Resident(threading.Thread):
    def __init__(self, n, login, base, stop_at, stats):
        super().__init__(daemon=True)
        self.n, self.login, self.base, self.stop_at, self.stats = n, login, base, stop_at, stats
        self.session = requests.Session()
        self.submitted = 0

    def call(self, route, method, path, **kw):
        start = time.perf_counter()
        try:
            response = self.session.request(
                method, self.base + path, timeout=REQUEST_TIMEOUT, allow_redirects=False, **kw
            )
        except requests.RequestException as error:
            self.stats.record(route, time.perf_counter() - start, None, repr(error))
            return None
        elapsed = time.perf_counter() - start
        error = None if response.status_code < 400 else f"HTTP {response.status_code}"
        self.stats.record(route, elapsed, response.status_code, error)
        return response

    def sign_in(self):
        page = self.call("GET /web/login", "GET", "/web/login")
        token = CSRF_RE.search(page.text).group(1) if page is not None else ""
        response = self.call(
            "POST /web/login",
            "POST",
            "/web/login",
            data={"login": self.login, "password": PASSWORD, "csrf_token": token, "redirect": "/my"},
        )
        return response is not None and response.status_code in (302, 303)

    def submit(self, loop):
        form = self.call("GET /my/tickets/new", "GET", "/my/tickets/new")
        if form is None or form.status_code != 200:
            return
        token = CSRF_RE.search(form.text)
        unit = UNIT_RE.search(form.text)
        marker = f"rush-{RUN_ID}-{self.n}-{loop}"
        self.stats.tried.add(marker)
        response = self.call(
            SUBMIT_ROUTE,
            "POST",
            "/my/tickets/new",
            data={
                "csrf_token": token.group(1) if token else "",
                "kind": "repair",
                "name": f"水管爆裂，楼道进水 [{marker}]",
                "unit_id": unit.group(1) if unit else "",
                "category_id": "",
                "description": "The riser burst on our floor; water is coming under the door.",
            },
            files={"attachments": ("", b"", "application/octet-stream")},
        )
        if response is not None and response.status_code in (302, 303):
            if CREATED_RE.search(response.headers.get("Location", "")):
                self.stats.accepted.add(marker)

    def run(self):
        if not self.sign_in():
            self.stats.record("sign-in failed", 0.0, None, "sign-in failed")
            return
        self.call("warm-up GET /my", "GET", "/my")  # a worker's first page: not a portal page's time
        ticket_ids = []
        for loop in range(1, MAX_LOOPS + 1):
            if time.monotonic() >= self.stop_at:
                return
            self.call("GET /my", "GET", "/my")
            listing = self.call("GET /my/tickets", "GET", "/my/tickets")
            if listing is not None and listing.status_code == 200:
                ticket_ids = TICKET_RE.findall(listing.text) or ticket_ids
            if ticket_ids:
                self.call("GET /my/tickets/<id>", "GET", f"/my/tickets/{random.choice(ticket_ids)}")
            if loop % SUBMIT_EVERY == 0:
                self.submit(loop)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(list)
        self.status_5xx = 0
        self.accepted = set()
        self.tried = set()

    def record(self, route, elapsed, status, error):
        with self.lock:
            self.times[route].append(elapsed)
            if error:
                self.errors[route].append(error)
            if status and status >= 500:
                self.status_5xx += 1


def percentile(values, q):
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def report(stats, retries, check, load_before, duration):
    print(f"\n{'route':<24}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    for route in sorted(stats.times):
        values = [t * 1000 for t in stats.times[route]]
        print(
            f"{route:<24}{len(values):>7}{percentile(values, 50):>9.0f}{percentile(values, 95):>9.0f}"
            f"{percentile(values, 99):>9.0f}{max(values):>9.0f}{len(stats.errors[route]):>8}"
        )
    pages = [t * 1000 for route in PAGE_ROUTES for t in stats.times[route]]
    submits = [t * 1000 for t in stats.times[SUBMIT_ROUTE]]
    page_p95, submit_p95 = percentile(pages, 95), percentile(submits, 95)
    requests_done = sum(len(v) for v in stats.times.values())
    print(f"\nrequests {requests_done} in {duration:.0f} s ({requests_done / duration:.1f}/s)")
    print(
        f"portal pages p95 {page_p95:.0f} ms; submission p95 {submit_p95:.0f} ms "
        f"({submit_p95 / page_p95:.2f}x; target <= 3x)"
    )
    print(f"errors {sum(len(v) for v in stats.errors.values())}, responses 5xx {stats.status_5xx}")
    for route, errors in sorted(stats.errors.items()):
        if errors:
            print(f"  {route}: {sorted(set(errors))[:5]}")
    print(f"serialization retries in the server log: {sum(retries.values())} {dict(retries)}")
    print(
        "submissions: accepted {accepted}, stored once {stored_once}, missing {missing}, "
        "doubled {doubled}, stored but refused {stored_not_accepted}, unassigned {unassigned}".format(**check)
    )
    load_after = os.getloadavg()
    print(
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min; {os.cpu_count()} CPUs)"
    )
    failures = []
    if not submits:
        failures.append("no submission was made")
    elif not submit_p95 <= 3 * page_p95:
        failures.append(f"submission p95 {submit_p95:.0f} ms > 3 x portal page p95 {page_p95:.0f} ms")
    if sum(retries.values()):
        failures.append(f"{sum(retries.values())} serialization retries")
    if stats.status_5xx:
        failures.append(f"{stats.status_5xx} responses 5xx")
    if check["stored_once"] != check["accepted"] or check["doubled"]:
        failures.append("accepted submissions not stored exactly once")
    return failures


def main():
    args = parse_args()
    rc = os.environ.get("ODOO_RC")
    if not rc:
        raise SystemExit("ODOO_RC is not set: run this through `make load` (tools/bench.sh)")
    logins = prepare_database(args, rc)
    logfile = Path(tempfile.mkdtemp(prefix="tr_rush_")) / "odoo.log"
    print(f"starting {args.workers} workers on {HOST}:{args.port}, log {logfile}", flush=True)
    server = start_server(args, rc, logfile)
    try:
        load_before = os.getloadavg()
        stats = Stats()
        base = f"http://{HOST}:{args.port}"
        start = time.monotonic()
        stop_at = start + args.duration
        residents = [Resident(n, login, base, stop_at, stats) for n, login in enumerate(logins, 1)]
        print(f"{len(residents)} residents for {args.duration:.0f} s (run {RUN_ID})", flush=True)
        for resident in residents:
            resident.start()
        for resident in residents:
            resident.join(args.duration + 2 * REQUEST_TIMEOUT)
        duration = time.monotonic() - start
    finally:
        stop_server(server)
    retries = defaultdict(int)
    with open(logfile, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = RETRY_RE.search(line)
            if match:
                retries[match.group(1)] += 1
    check = check_database(args, stats.accepted, stats.tried)
    failures = report(stats, retries, check, load_before, duration)
    if failures:
        print("\nFAILED: " + "; ".join(failures))
        return 1
    print("\nall rush-hour targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
