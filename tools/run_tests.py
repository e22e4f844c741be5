"""Run every check of the project and print one summary line.

Called by ``tools/test.sh`` (``make test``) once Odoo, PostgreSQL and the config
file (``ODOO_RC``) are in place. Each check is counted: every Odoo test, every
pytest test of the top-level ``tests/``, and ruff and pylint-odoo as one check
each. A skipped test is reported and makes the run fail, because Odoo skips
browser tours silently when Chromium is missing.

The Odoo tests run on two throw-away databases at once: the three addons
together (``odoo``), and ``tenant_relations`` alone (``base``), which proves
that the base addon depends on neither of the others, its tests included. The
two runs use separate HTTP ports; their counts add up in the summary line.
Steps can be chosen on the command line: ``run_tests.py lint pytest odoo base
journey`` (all by default).
"""

import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ["tenant_relations", "tenant_relations_survey", "tenant_relations_dispute"]
PY = sys.executable

RE_SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
RE_SKIPPED = re.compile(r" odoo\.tests\.result: skipped ")
RE_ERROR = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
# The test server's werkzeug logs an idle keep-alive socket that Chromium opened and never used as
# an ERROR when it times out: no request was served or failed, so it is not counted.
RE_IDLE_SOCKET = re.compile(r" werkzeug: .* Request timed out: TimeoutError\('timed out'\) - - -$")
# assertQueryCount only logs when fewer queries ran than pinned: a loose pin proves nothing.
RE_LOOSE_PIN = re.compile(r"Query count less than expected .*")
RE_PYTEST = re.compile(r"^=*\s*(\d+ \w+.*) in [\d.]+s", re.MULTILINE)


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.problems = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.problems.append(f"{name}: {detail}".strip())


def run(cmd, log_path=None, **kw):
    print("$", " ".join(cmd), flush=True)
    if log_path:
        with open(log_path, "w") as log:
            proc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, text=True, **kw)
        with open(log_path) as log:
            return proc.returncode, log.read()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return proc.returncode, proc.stdout + proc.stderr


def odoo_cmd(db, *args, port=None):
    port = port or os.environ.get("TR_TEST_HTTP_PORT", "8169")
    return [
        PY,
        "-m",
        "odoo",
        "-c",
        os.environ["ODOO_RC"],
        "-d",
        db,
        *args,
        "--stop-after-init",
        "--log-level=info",
        "--http-port",
        str(port),
    ]


def odoo_tests(tally, steps):
    """Every unit, access and tour test, on throw-away databases without demo: the three addons
    together ("odoo"), and the base addon alone with its own tests ("base"), both at once.

    The base-alone run is what keeps ``tenant_relations`` free of the other addons: a base test
    that needs a model, a field or a record of theirs fails there (such a test belongs to that
    addon). It runs beside the full run rather than after it, so that it costs little wall time.
    """
    runs = []
    if "odoo" in steps:
        db = f"tr_test_{os.getpid()}"
        tags = ",".join(f"/{a}" for a in ADDONS)
        cmd = odoo_cmd(db, "-i", ",".join(ADDONS), "--without-demo=all", "--test-tags", tags)
        runs.append(("odoo", db, cmd, os.path.join(ROOT, ".local", "odoo-test.log")))
    if "base" in steps:
        db = f"tr_test_base_{os.getpid()}"
        base = ADDONS[0]
        port = (
            os.environ.get("TR_TEST_BASE_HTTP_PORT") or int(os.environ.get("TR_TEST_HTTP_PORT", "8169")) + 1
        )
        cmd = odoo_cmd(db, "-i", base, "--without-demo=all", "--test-tags", f"/{base}", port=port)
        runs.append(("odoo-base-alone", db, cmd, os.path.join(ROOT, ".local", "odoo-base-test.log")))
    started = []
    try:
        started = [(db, start_odoo(name, cmd, log_path)) for name, db, cmd, log_path in runs]
        for _db, run_ in started:
            finish_odoo(tally, run_)
    finally:
        for db, run_ in started:
            if run_["proc"].poll() is None:  # interrupted: a dropped database needs its server gone
                run_["proc"].kill()
                run_["proc"].wait()
            subprocess.run(["dropdb", "--if-exists", db], check=False)


def journey_tests(tally):
    """The out-of-the-box journey (tag tr_journey) on a demo database built as `make run` builds it."""
    db = f"tr_journey_{os.getpid()}"
    started = time.time()
    try:
        code, out = run(
            ["bash", "-c", 'source "$1/tools/lib.sh" && setup_all && create_demo_db "$2"', "_", ROOT, db],
            os.path.join(ROOT, ".local", "journey-db.log"),
        )
        print(f"journey database ({db}) built as make run builds it: {time.time() - started:.0f}s")
        if code:
            tally.check(
                "journey-db", False, f"building the demo database failed (exit {code}):\n{out[-3000:]}"
            )
            return
        cmd = odoo_cmd(db, "--test-tags", "tr_journey")
        run_odoo(tally, "journey", cmd, os.path.join(ROOT, ".local", "journey-test.log"))
    finally:
        subprocess.run(["dropdb", "--if-exists", db], check=False)


def start_odoo(name, cmd, log_path):
    """Start an Odoo run in the background, its output to ``log_path``."""
    print("$", " ".join(cmd), flush=True)
    log = open(log_path, "w")  # closed by finish_odoo
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, text=True)
    return {"name": name, "proc": proc, "log": log, "log_path": log_path, "started": time.time()}


def finish_odoo(tally, started):
    """Wait for a run of ``start_odoo`` and count what it logged."""
    code = started["proc"].wait()
    started["log"].close()
    with open(started["log_path"]) as log:
        out = log.read()
    name = started["name"]
    print(f"{name} tests: {time.time() - started['started']:.0f}s, log in {started['log_path']}")
    count_odoo(tally, name, code, out)


def run_odoo(tally, name, cmd, log_path):
    finish_odoo(tally, start_odoo(name, cmd, log_path))


def count_odoo(tally, name, code, out):
    matches = RE_SUMMARY.findall(out)
    skipped = len(RE_SKIPPED.findall(out))
    errors = [line for line in out.splitlines() if RE_ERROR.match(line) and not RE_IDLE_SOCKET.search(line)]
    for line in errors[:40]:
        print("  ", line[:300])
    if not matches:
        tally.check(name, False, f"no test summary (exit {code}): install failed?")
        return
    failed, errored, total = (sum(int(m[i]) for m in matches) for i in range(3))
    if not total:
        tally.check(name, False, "no test ran")
        return
    bad = failed + errored
    tally.passed += total - bad - skipped
    tally.failed += bad
    tally.skipped += skipped
    if bad:
        tally.problems.append(f"{name}: {failed} failed, {errored} error(s)")
    if code or (errors and not bad):
        # Errors logged outside any test (a failed install, a broken view) still fail the run.
        tally.check(f"{name}-log", False, f"exit {code}, {len(errors)} error line(s) in the log")
    if skipped:
        tally.problems.append(f"{name}: {skipped} test(s) skipped — is Chromium installed?")
    loose = RE_LOOSE_PIN.findall(out)
    for line in loose:
        print("  ", line[:300])
    tally.check(
        f"{name} query-pins", not loose, f"{len(loose)} assertQueryCount pin(s) above what runs: lower them"
    )


def pytest_tests(tally):
    code, out = run(
        [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", os.path.join(ROOT, "tests")], cwd=ROOT
    )
    print(out[-3000:])
    m = RE_PYTEST.findall(out)
    counts = dict.fromkeys(("passed", "failed", "skipped", "error", "errors"), 0)
    for part in (m[-1] if m else "").split(","):
        bits = part.strip().split(" ")
        if len(bits) == 2 and bits[1] in counts and bits[0].isdigit():
            counts[bits[1]] += int(bits[0])
    tally.passed += counts["passed"]
    tally.failed += counts["failed"] + counts["error"] + counts["errors"]
    tally.skipped += counts["skipped"]
    if code not in (0, 5) and not (counts["failed"] or counts["error"] or counts["errors"]):
        tally.check("pytest", False, f"exit {code}")
    elif counts["failed"] or counts["error"] or counts["errors"]:
        tally.problems.append("pytest: failures")


def lint(tally):
    paths = [*ADDONS, "tests", "tools"]
    code, out = run([PY, "-m", "ruff", "check", *paths], cwd=ROOT)
    tally.check("ruff check", code == 0, out[-2000:])
    code, out = run([PY, "-m", "ruff", "format", "--check", *paths], cwd=ROOT)
    tally.check("ruff format", code == 0, out[-2000:])
    code, out = run([PY, "-m", "pylint", "--rcfile", os.path.join(ROOT, ".pylintrc"), *ADDONS], cwd=ROOT)
    tally.check("pylint-odoo", code == 0, out[-4000:])


def main():
    tally = Tally()
    only = set(sys.argv[1:]) or {"odoo", "base", "journey", "pytest", "lint"}
    if "lint" in only:
        lint(tally)
    if "pytest" in only:
        pytest_tests(tally)
    if only & {"odoo", "base"}:
        odoo_tests(tally, only)
    if "journey" in only:
        journey_tests(tally)
    for problem in tally.problems:
        print("FAILED", problem)
    print(f"{tally.passed} passed, {tally.failed} failed, {tally.skipped} skipped")
    sys.exit(1 if tally.failed or tally.skipped else 0)


if __name__ == "__main__":
    main()
