# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A server with workers (prefork, how Odoo runs in production) keeps its long-polling process.

With ``--workers`` Odoo's master forks the HTTP and cron workers and starts the long-polling
(gevent) process that serves ``/websocket``; when that process dies the master starts another one
the next second. It used to die at once here: gevent loads its plugins through pkg_resources, which
with setuptools older than 75.8.2 does not find zope.interface's metadata (see SETUPTOOLS_SPEC in
tools/lib.sh). The test starts such a server on a throw-away database (base only, ~20 s), watches
the master's gevent children for ``WATCH`` seconds and opens a websocket on the long-polling port.
"""

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests
import websocket
from odoo_process import dropdb, odoo_bin, throwaway_db_name

WATCH = 8.0
HOST = "127.0.0.1"


def gevent_children(master):
    """PIDs of the processes the master started as ``<python> <script> gevent ...``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # gone meanwhile
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master and argv[2:3] == [b"gevent"]:
            found.add(int(entry.name))
    return found


def wait_for_login_page(server, port, log):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, (
            f"the server stopped (exit {server.returncode}):\n{log.read_text()[-3000:]}"
        )
        try:
            if requests.get(f"http://{HOST}:{port}/web/login", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    pytest.fail(f"no answer on port {port} within 90 s:\n{log.read_text()[-3000:]}")


def test_the_long_polling_process_of_a_prefork_server_stays_up(rc, tmp_path):
    db = throwaway_db_name("prefork")
    port = int(os.environ.get("TR_TEST_HTTP_PORT", "8169"))
    gevent_port = port + 1
    common = ["-c", rc, "-d", db, f"--data-dir={tmp_path}"]
    log = tmp_path / "odoo.log"
    dropdb(rc, db)
    server = None
    try:
        subprocess.run(
            [
                *odoo_bin(),
                *common,
                "-i",
                "base",
                "--without-demo=all",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        with log.open("w") as out:
            server = subprocess.Popen(
                [
                    *odoo_bin(),
                    *common,
                    f"--db-filter=^{re.escape(db)}$",
                    "--workers=2",
                    "--max-cron-threads=1",
                    f"--http-interface={HOST}",
                    f"--http-port={port}",
                    f"--gevent-port={gevent_port}",
                    "--log-level=info",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped whole
            )
        wait_for_login_page(server, port, log)

        seen = set()
        started = time.monotonic()
        while time.monotonic() - started < WATCH:
            seen |= gevent_children(server.pid)
            time.sleep(0.2)
        alive = gevent_children(server.pid)
        text = log.read_text()
        assert len(seen) == 1 and alive == seen, (
            f"long-polling processes seen in {WATCH:.0f} s: {sorted(seen)}, "
            f"alive at the end: {sorted(alive)}; log:\n{text[-3000:]}"
        )
        ws = websocket.create_connection(f"ws://{HOST}:{gevent_port}/websocket", timeout=10)
        status = ws.getstatus()
        ws.close()
        assert status == 101, f"the long-polling port answered a websocket upgrade with {status}"
        text = log.read_text()
        started_lines = re.findall(
            r" (\d+) INFO \S+ odoo\.service\.server: Evented Service \(longpolling\)", text
        )
        assert started_lines == [str(pid) for pid in seen]
        assert "Traceback" not in text, text[-3000:]
    finally:
        if server and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(10)
        dropdb(rc, db)
