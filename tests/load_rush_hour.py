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
    make load ARGS="--residents 16 --duration 40 --restart-db-at 15"   # the fault run

    ``make load`` runs ``tools/bench.sh load_rush_hour.py``, which finds the python that imports
    Odoo and writes the Odoo configuration (``ODOO_RC``) as ``make run`` does, in its own shell.
    Options (``--help``): ``--db`` (default tr_rush_hour), ``--port`` (default 8079; the long-polling
    port is the next one), ``--residents`` (32), ``--duration`` (60 s), ``--workers`` (4),
    ``--rebuild`` (drop the database first), ``--no-update`` (reuse it as it is), ``--keep-server``
    (leave nothing else running is the default: the server is always stopped),
    ``--submit-every`` (a submission every N loops, 5), ``--restart-db-at`` (seconds; see Fault run),
    ``--cluster-port`` (5499).

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
       fifth loop (``--submit-every``) submits a new request through the real form
       (``GET /my/tickets/new`` for the CSRF token, then ``POST /my/tickets/new``), its title
       tagged with a unique marker. Each resident stops after ``MAX_LOOPS`` loops; every request
       times out after 60 s.
    4. Stops the server, then prints per route the count, p50/p95/p99/max in ms and errors; the
       5xx count; the serialization retries found in the server log; the database check that
       every accepted submission (a redirect to its new ticket) is stored exactly once and no
       submission twice; the load average of the machine.
    The server runs through odoo-bin, as in production.
    5. Exits 1 when a target is missed: submission p95 <= 3 x the p95 of the portal pages
       (GET /my, /my/tickets, /my/tickets/<id> together), 0 retries, 0 responses 5xx, every
       accepted submission stored once. It is a benchmark, not part of ``make test``.

Fault run: PostgreSQL restarted in the rush hour (``--restart-db-at SECONDS``)
    Restarting the project's PostgreSQL would cut every other session's connections, so this run
    brings a throw-away cluster of its own: ``initdb`` into a temporary folder (as the ``postgres``
    system user when run as root: initdb refuses root), role ``odoo``, listening on 127.0.0.1:
    ``--cluster-port`` only, with a database built there and an Odoo configuration and data folder
    of its own. The run's clock starts once every resident is signed in with a first page loaded
    (so that the outage hits the rush hour, not a cold server's sign-ins); ``SECONDS`` later,
    ``pg_ctl restart -m fast`` stops PostgreSQL (every connection cut, the transactions in flight
    rolled back) and starts it again, and the residents go on for the rest of ``--duration``.
    Then it prints how long the database was down; the requests that failed while it was down
    (a 5xx, a 404 when Odoo serves a request without its database, a refused connection) and
    after; the slowest failed request; how soon the server served again; the residents signed out
    (Odoo logs out the session of a request that finds no database: they sign in again, as a
    person would) and the database check. Targets: every accepted submission stored exactly once,
    none doubled; no request hangs until its timeout; the server serves again (submissions accepted
    after the restart) and fails no request started 5 s after the database is back. The cluster is
    stopped and removed at the end.
"""

import argparse
import configparser
import glob
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
import uuid
from collections import defaultdict
from pathlib import Path

import requests
from odoo_process import odoo_bin

ROOT = Path(__file__).resolve().parents[1]
ADDONS = "tenant_relations,tenant_relations_survey,tenant_relations_dispute"
PASSWORD = "rush-hour"
HOST = "127.0.0.1"
SUBMIT_EVERY = 5  # the default of --submit-every
MAX_LOOPS = 2000
REQUEST_TIMEOUT = 60
PAGE_ROUTES = ("GET /my", "GET /my/tickets", "GET /my/tickets/<id>")
SUBMIT_ROUTE = "POST /my/tickets/new"
FORM_ROUTE = "GET /my/tickets/new"
RETRY_RE = re.compile(
    r"odoo\.service\.model: (SERIALIZATION_FAILURE|LOCK_NOT_AVAILABLE|DEADLOCK_DETECTED), "
    r"(\d+ tries left|maximum number of tries reached)"
)
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
UNIT_RE = re.compile(r'name="unit_id"[^>]*>\s*(?:<option value="">[^<]*</option>\s*)?<option value="(\d+)"')
TICKET_RE = re.compile(r'href="/my/tickets/(\d+)[?"]')
CREATED_RE = re.compile(r"/my/tickets/(\d+)\?created=1")
# After a failed request a resident waits this long before the next click, as a person would.
PAUSE_AFTER_ERROR = 1.0
# How long the restart may take (pg_ctl's own wait), and how long the fault run gives the server
# after it before a failure counts as one the server should not have had.
RESTART_TIMEOUT = 60
RECOVERY_GRACE = 5.0
# The fault run waits at most this long for every resident to sign in before its clock starts.
WARM_UP_TIMEOUT = 300
# The restart waits at most SUBMISSION_WAIT for a submission sent SUBMISSION_SERVED ago or more (past
# the server's queue, in its transaction) and not answered yet.
SUBMISSION_WAIT = 10.0
SUBMISSION_SERVED = 1.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--db", default="tr_rush_hour")
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument("--residents", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rebuild", action="store_true", help="drop the database and build it again")
    parser.add_argument("--no-update", action="store_true", help="reuse the database without -u")
    parser.add_argument(
        "--submit-every",
        type=int,
        default=SUBMIT_EVERY,
        metavar="N",
        help="each resident submits a request every N loops (default %(default)s)",
    )
    parser.add_argument(
        "--restart-db-at",
        type=float,
        metavar="SECONDS",
        help="restart PostgreSQL this many seconds after every resident is signed in (pg_ctl restart "
        "-m fast), on a "
        "throw-away cluster of the run's own, never the project's",
    )
    parser.add_argument(
        "--cluster-port", type=int, default=5499, help="the throw-away cluster's port (127.0.0.1 only)"
    )
    args = parser.parse_args()
    if not 1 <= args.residents <= 200 or not 1 <= args.duration <= 600:
        parser.error("--residents 1..200 and --duration 1..600 seconds")
    if args.restart_db_at is not None and not 0 < args.restart_db_at < args.duration:
        parser.error("--restart-db-at must fall within --duration")
    if not 1 <= args.submit_every <= 100:
        parser.error("--submit-every 1..100")
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


# Throw-away PostgreSQL (the fault run) -------------------------------------------------------------


class ThrowAwayCluster:
    """A PostgreSQL cluster of this run's own, restarted in the rush hour: see the module's doc."""

    def __init__(self, port):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]))
        if found:
            self.bin = Path(found[-1])
        else:
            self.bin = Path(subprocess.check_output(["pg_config", "--bindir"], text=True).strip())
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="tr_rush_pg_"))
        self.data = self.root / "pgdata"
        # initdb and the server refuse to run as root: as root, the cluster belongs to postgres.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, tool, *args, timeout=RESTART_TIMEOUT + 30):
        # From / : the postgres user may not enter the caller's folder.
        command = [*self.as_owner, str(self.bin / tool), *args]
        subprocess.run(command, check=True, cwd="/", timeout=timeout, stdout=subprocess.DEVNULL)

    def start(self):
        with socket.socket() as probe:
            if probe.connect_ex((HOST, self.port)) == 0:
                raise SystemExit(f"something already listens on {HOST}:{self.port}: choose --cluster-port")
        if self.as_owner:
            shutil.chown(self.root, "postgres", "postgres")
        print(f"creating a throw-away PostgreSQL cluster in {self.data} on {HOST}:{self.port}", flush=True)
        self.run("initdb", "-D", str(self.data), "-U", "odoo", "--auth=trust", "-E", "UTF8", "--no-locale")
        options = f"-p {self.port} -k {self.data} -c listen_addresses={HOST}"
        self.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-o", options, "start"
        )

    def restart(self):
        """Stop (every connection cut) and start again; returns (began, back) as monotonic times."""
        began = time.monotonic()
        log = str(self.root / "server.log")
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            log,
            "-m",
            "fast",
            "-w",
            "-t",
            str(RESTART_TIMEOUT),
            "restart",
        )
        return began, time.monotonic()

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def cluster_rc(rc, cluster):
    """The project's Odoo configuration, pointed at the throw-away cluster, with a data folder (the
    database's filestore, the sessions) of its own."""
    config = configparser.ConfigParser(interpolation=None)
    config.read(rc)
    config["options"].update(
        db_host=HOST,
        db_port=str(cluster.port),
        db_user="odoo",
        db_password="False",
        data_dir=str(cluster.root / "odoo-data"),
    )
    path = cluster.root / "odoo.conf"
    with open(path, "w", encoding="utf-8") as file:
        config.write(file)
    return str(path)


class Restarter(threading.Thread):
    """Restarts the cluster ``at`` seconds after ``start``, at a moment a submission is being
    served (waiting at most SUBMISSION_WAIT for one): the cut must catch a ticket in the making,
    not only pages. Keeps when PostgreSQL went down and came back."""

    def __init__(self, cluster, start, at, stats):
        super().__init__(daemon=True)
        self.cluster, self.run_start, self.start_at, self.stats = cluster, start, start + at, stats
        self.began = self.back = None
        self.error = None
        self.cut_submissions = 0

    def run(self):
        time.sleep(max(self.start_at - time.monotonic(), 0))
        deadline = time.monotonic() + SUBMISSION_WAIT
        while time.monotonic() < deadline and not self.stats.submitting_for(SUBMISSION_SERVED):
            time.sleep(0.05)
        self.cut_submissions = self.stats.submitting_for(SUBMISSION_SERVED)
        print(
            f"restarting PostgreSQL (pg_ctl restart -m fast), {self.cut_submissions} submissions in flight",
            flush=True,
        )
        try:
            self.began, self.back = self.cluster.restart()
        except (subprocess.SubprocessError, OSError) as error:
            self.error = error
        else:
            print(f"PostgreSQL is back after {self.back - self.began:.1f} s", flush=True)


# Residents ----------------------------------------------------------------------------------------

RUN_ID = uuid.uuid4().hex[:8]


class Resident(threading.Thread):
    def __init__(self, n, login, base, clock, stats, ready=None):
        super().__init__(daemon=True)
        self.n, self.login, self.base, self.clock, self.stats = n, login, base, clock, stats
        self.ready = ready
        self.session = requests.Session()
        self.submitted = 0
        self.signed_out = False

    @property
    def stop_at(self):
        return self.clock.stop_at

    def call(self, route, method, path, **kw):
        started = time.monotonic()
        try:
            response = self.session.request(
                method, self.base + path, timeout=REQUEST_TIMEOUT, allow_redirects=False, **kw
            )
        except requests.RequestException as error:
            self.stats.record(route, started, time.monotonic() - started, None, repr(error))
            time.sleep(PAUSE_AFTER_ERROR)
            return None
        elapsed = time.monotonic() - started
        error = None if response.status_code < 400 else f"HTTP {response.status_code}"
        self.stats.record(route, started, elapsed, response.status_code, error)
        if error:
            time.sleep(PAUSE_AFTER_ERROR)
        elif response.is_redirect and "/web/login" in response.headers["Location"] and path != "/web/login":
            self.signed_out = True  # the session was logged out: the page sends to the login form
        return response

    def sign_in(self):
        page = self.call("GET /web/login", "GET", "/web/login")
        token = CSRF_RE.search(page.text) if page is not None else None
        token = token.group(1) if token else ""
        response = self.call(
            "POST /web/login",
            "POST",
            "/web/login",
            data={"login": self.login, "password": PASSWORD, "csrf_token": token, "redirect": "/my"},
        )
        return response is not None and response.status_code in (302, 303)

    def sign_in_until_done(self):
        """Sign in, and try again after a failure (the database is down) until the run ends."""
        while time.monotonic() < self.stop_at:
            if self.sign_in():
                self.signed_out = False
                return True
            time.sleep(PAUSE_AFTER_ERROR)
        return False

    def sign_in_again(self):
        """Signed out (by a request that found no database): sign in again, as a person would."""
        with self.stats.lock:
            self.stats.signed_in_again += 1
        return self.sign_in_until_done()

    def submit(self, loop):
        form = self.call(FORM_ROUTE, "GET", "/my/tickets/new")
        if form is None or form.status_code != 200:
            return
        token = CSRF_RE.search(form.text)
        unit = UNIT_RE.search(form.text)
        marker = f"rush-{RUN_ID}-{self.n}-{loop}"
        self.stats.tried.add(marker)
        started = time.monotonic()
        with self.stats.lock:
            self.stats.submitting[marker] = started
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
        with self.stats.lock:
            del self.stats.submitting[marker]
        if response is not None and response.status_code in (302, 303):
            if CREATED_RE.search(response.headers.get("Location", "")):
                self.stats.accepted[marker] = started

    def run(self):
        signed_in = self.sign_in_until_done()
        if signed_in:
            self.call("warm-up GET /my", "GET", "/my")  # a worker's first page: not a portal page's time
        if self.ready:
            # The fault run's clock starts once every resident is signed in with a page loaded.
            try:
                self.ready.wait()
            except threading.BrokenBarrierError:
                pass
        if not signed_in:
            self.stats.record("sign-in failed", time.monotonic(), 0.0, None, "sign-in failed")
            return
        ticket_ids = []
        for loop in range(1, MAX_LOOPS + 1):
            if time.monotonic() >= self.stop_at:
                return
            if self.signed_out and not self.sign_in_again():
                return
            self.call("GET /my", "GET", "/my")
            listing = self.call("GET /my/tickets", "GET", "/my/tickets")
            if listing is not None and listing.status_code == 200:
                ticket_ids = TICKET_RE.findall(listing.text) or ticket_ids
            if ticket_ids:
                self.call("GET /my/tickets/<id>", "GET", f"/my/tickets/{random.choice(ticket_ids)}")
            if loop % self.clock.submit_every == 0:
                self.submit(loop)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(list)
        self.status_5xx = 0
        self.accepted = {}  # marker: when its submission was sent (monotonic)
        self.tried = set()
        self.requests = []  # (started, elapsed, route, status, error), for the fault run
        self.signed_in_again = 0
        self.submitting = {}  # marker: when it was sent, while no answer came

    def submitting_for(self, seconds):
        """How many submissions were sent at least ``seconds`` ago and are not answered yet."""
        now = time.monotonic()
        with self.lock:
            return sum(1 for started in self.submitting.values() if now - started >= seconds)

    def record(self, route, started, elapsed, status, error):
        with self.lock:
            self.times[route].append(elapsed)
            self.requests.append((started, elapsed, route, status, error))
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


def report(stats, retries, check, load_before, duration, restarter=None):
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
    if restarter:
        # An outage skews the times and makes 5xx on purpose: the fault run has targets of its own.
        failures += report_restart(stats, restarter, check)
    elif not submits:
        failures.append("no submission was made")
    elif not submit_p95 <= 3 * page_p95:
        failures.append(f"submission p95 {submit_p95:.0f} ms > 3 x portal page p95 {page_p95:.0f} ms")
    if not restarter and sum(retries.values()):
        failures.append(f"{sum(retries.values())} serialization retries")
    if not restarter and stats.status_5xx:
        failures.append(f"{stats.status_5xx} responses 5xx")
    if check["stored_once"] != check["accepted"] or check["doubled"]:
        failures.append("accepted submissions not stored exactly once")
    return failures


def report_restart(stats, restarter, check):
    """The fault run's figures and targets: see the module's doc."""
    if restarter.back is None:
        print(f"\nPostgreSQL was not restarted: {restarter.error or 'the run ended first'}")
        return ["PostgreSQL was not restarted"]
    began, back = restarter.began, restarter.back
    settled = back + RECOVERY_GRACE
    failed = [
        (start, elapsed, route, error) for start, elapsed, route, _status, error in stats.requests if error
    ]
    before = [r for r in failed if r[0] + r[1] < began]
    after = [r for r in failed if r[0] >= settled]
    during = [r for r in failed if r not in before and r not in after]
    served = [
        start + elapsed
        for start, elapsed, _route, _status, error in stats.requests
        if not error and start >= back
    ]
    accepted_after = [marker for marker, start in stats.accepted.items() if start >= back]
    slowest = max((r[1] for r in failed), default=0.0)
    timed_out = [r for r in failed if "Timeout" in r[3]]
    kinds = defaultdict(int)
    for _start, _elapsed, _route, error in during:
        kinds[error if error.startswith("HTTP") else error.split("(", 1)[0]] += 1
    print(
        f"\nPostgreSQL restarted {began - restarter.run_start:.1f} s after every resident was signed in "
        "(pg_ctl restart -m fast): "
        f"down {back - began:.1f} s"
    )
    print(
        f"failed requests: {len(during)} while it was down or within {RECOVERY_GRACE:.0f} s of its return "
        f"({', '.join(f'{kind} {count}' for kind, count in sorted(kinds.items())) or 'none'}), "
        f"{len(before)} before, {len(after)} after"
    )
    print(f"slowest failed request {slowest:.2f} s (timeout {REQUEST_TIMEOUT} s), timed out {len(timed_out)}")
    first = f"{min(served) - back:.2f} s" if served else "never"
    print(
        f"served again {first} after PostgreSQL was back: {len(served)} requests answered and "
        f"{len(accepted_after)} submissions accepted after the restart"
    )
    print(
        f"submissions: {restarter.cut_submissions} in flight at the cut; "
        f"{sum(1 for r in failed if r[2] == SUBMIT_ROUTE)} failed (none counted as accepted), "
        f"{sum(1 for r in failed if r[2] == FORM_ROUTE)} not sent (their form failed), "
        f"{check['stored_not_accepted']} stored but refused"
    )
    print(f"residents signed out by the outage and signed in again: {stats.signed_in_again}")
    failures = []
    if timed_out or slowest >= REQUEST_TIMEOUT:
        failures.append("a request hung until its timeout")
    if before:
        failures.append(f"{len(before)} requests failed before the restart")
    if after:
        failures.append(f"{len(after)} requests failed once PostgreSQL was back")
    if not accepted_after:
        failures.append("no submission accepted after the restart")
    return failures


def main():
    args = parse_args()
    rc = os.environ.get("ODOO_RC")
    if not rc:
        raise SystemExit("ODOO_RC is not set: run this through `make load` (tools/bench.sh)")
    cluster = ThrowAwayCluster(args.cluster_port) if args.restart_db_at is not None else None
    try:
        if cluster:
            cluster.start()
            rc = cluster_rc(rc, cluster)
        return rush_hour(args, rc, cluster)
    finally:
        if cluster:
            cluster.remove()


def rush_hour(args, rc, cluster):
    logins = prepare_database(args, rc)
    logfile = Path(tempfile.mkdtemp(prefix="tr_rush_")) / "odoo.log"
    print(f"starting {args.workers} workers on {HOST}:{args.port}, log {logfile}", flush=True)
    server = start_server(args, rc, logfile)
    restarter = None
    try:
        load_before = os.getloadavg()
        stats = Stats()
        base = f"http://{HOST}:{args.port}"
        start = time.monotonic()
        clock = types.SimpleNamespace(stop_at=start + args.duration, submit_every=args.submit_every)
        ready = None
        if cluster:
            ready = threading.Barrier(len(logins) + 1)
            clock.stop_at = start + WARM_UP_TIMEOUT + args.duration  # set again once all are ready
        residents = [Resident(n, login, base, clock, stats, ready) for n, login in enumerate(logins, 1)]
        print(f"{len(residents)} residents for {args.duration:.0f} s (run {RUN_ID})", flush=True)
        for resident in residents:
            resident.start()
        if cluster:
            try:
                ready.wait(WARM_UP_TIMEOUT)
            except threading.BrokenBarrierError:
                print("not every resident could sign in: the clock starts anyway", flush=True)
            warm = time.monotonic()
            print(
                f"every resident signed in, a page loaded: {warm - start:.0f} s; the clock starts", flush=True
            )
            clock.stop_at = warm + args.duration
            restarter = Restarter(cluster, warm, args.restart_db_at, stats)
            restarter.start()
        for resident in residents:
            resident.join(max(clock.stop_at - time.monotonic(), 0) + 2 * REQUEST_TIMEOUT)
        if restarter:
            restarter.join(RESTART_TIMEOUT + 30)
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
    failures = report(stats, retries, check, load_before, duration, restarter)
    if failures:
        print("\nFAILED: " + "; ".join(failures))
        return 1
    print("\nall fault-run targets met" if restarter else "\nall rush-hour targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
