"""Benchmark of the two SLA hot paths of tenant_relations: ticket creation and escalation.

Why
    Every ticket gets its SLA lines in ``create()``, and the escalation cron scans the SLA
    lines every five minutes. Both must stay cheap as a firm grows: creating tickets with
    the shipped SLA policies active should cost at most ~1.3 times creating them with no
    policy at all, and a scan should cost the same number of queries whether the table holds
    10,000 or 100,000 lines, as long as the number of lines due is the same.

How to run
    source tools/lib.sh && setup_all      # sets ODOO_RC (and PY, the python with Odoo)
    python3 tests/benchmark.py            # or "$PY tests/benchmark.py"

    Options: ``--tickets N`` (default 10000), ``--lines N`` (default 100000),
    ``--due N`` (default 1% of --lines). Run with ``--help`` for the details.

What it does
    1. Creates a throw-away database ``tr_bench_<pid>`` with tenant_relations installed
       without demo data (``odoo -i tenant_relations --without-demo=all``).
    2. Opens it in this process and, in one transaction that is never committed:

       a) creates N tickets in batches of 500 with the shipped SLA policies active, N more
          with every policy archived, and N with the policies active but without the chatter
          note that "notify the manager at once" posts per ticket (what that note costs);
          the three set-ups take turns batch by batch. Prints tickets/s, queries/ticket and
          the slow-down factor;
       b) replaces the SLA lines by L/10, then L, synthetic running lines of which the same
          D are due (half past their deadline, half past their warning only), spread over
          the table, runs ``_cron_escalate()`` until it finds nothing, and prints time and
          queries, then the cost of a run that finds nothing.

    3. Prints the machine, then drops the database, whatever happened.

    At the default scale it takes about 2.5 minutes on 2 cores, database creation included.

Reading the figures
    "queries/due" is the price of acting on one due line (a chatter note and its
    notifications); "idle run" is a scan that finds nothing, the price paid every five
    minutes: it should stay at 2 queries and a few milliseconds whatever the table size.
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import odoo
from odoo.service import db as db_service
from odoo.tools import SQL

BATCH = 500
ESCALATION_BATCH = 500
CREATE_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "tenant_ticket_no_acknowledgement": True,
}
# (kind, category xml id, complaint grade): urgent and normal categories and the three
# complaint grades, so that several shipped policies (some on office hours) match.
TICKET_MIX = [
    ("repair", "water_leak", False),
    ("repair", "lift", False),
    ("repair", "power_cut", False),
    ("complaint", "noise", "general"),
    ("complaint", "building_crack", "complex"),
    ("complaint", "lift_failure", "major"),
    ("feedback", "cleaning", False),
    ("inquiry", "fees", False),
]


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus (nproc)": os.cpu_count(),
        "cpu model": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def create_database(rc, db):
    print(f"Creating database {db} (tenant_relations, no demo data)...", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            rc,
            "-d",
            db,
            "-i",
            "tenant_relations",
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)


class Meter:
    """Wall time and SQL queries of a block of code on one cursor."""

    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        self.queries = self.cr.sql_log_count
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started
        self.queries = self.cr.sql_log_count - self.queries


def table(title, header, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    for n, row in enumerate([header, *rows]):
        print("  " + "  ".join(str(cell).rjust(width) for cell, width in zip(row, widths, strict=True)))
        if n == 0:
            print("  " + "  ".join("-" * width for width in widths))


# a) Ticket creation -------------------------------------------------------------------------


def bench_create(env, count):
    """Create ``count`` tickets in each of three set-ups, batch by batch in turn.

    The set-ups take turns batch after batch, so that the growth of the tables and any drift
    of the machine weigh the same on each.
    """
    ref = env.ref
    prop = env["tenant.property"].create(
        {"name": "Bench Gardens", "code": "BENCH", "manager_id": ref("base.user_admin").id}
    )
    unit = env["tenant.unit"].create({"property_id": prop.id, "number": "101", "code": "1-101"})
    partner = env["res.partner"].create({"name": "Bench Resident", "email": "resident@example.com"})
    mix = [
        {
            "kind": kind,
            "category_id": ref(f"tenant_relations.tenant_ticket_category_{category}").id,
            "complaint_grade": grade,
            "unit_id": unit.id,
            "partner_id": partner.id,
        }
        for kind, category, grade in TICKET_MIX
    ]
    Ticket = env["tenant.ticket"].with_context(**CREATE_CONTEXT)
    policies = env["tenant.sla.policy"].search([])
    notifying = policies.filtered("notify_manager_at_start")
    setups = {
        "policies active": {"active": True, "notify": True},
        "policies archived": {"active": False, "notify": True},
        # Diagnosis: the same policies without the chatter note that the policies telling
        # the manager at once post on each ticket they match (a message and its e-mail).
        "active, no note at start": {"active": True, "notify": False},
    }
    meters = {label: [0.0, 0] for label in setups}
    lines = 0

    def batch(label, start, size):
        setup = setups[label]
        policies.write({"active": setup["active"]})
        notifying.write({"notify_manager_at_start": setup["notify"]})
        env.flush_all()
        env.invalidate_all()
        with Meter(env.cr) as meter:
            Ticket.create(
                [{"name": f"{label} ticket {start + i}", **mix[(start + i) % len(mix)]} for i in range(size)]
            )
            env.flush_all()
        return meter

    for label in setups:  # warm-up: fills the registry's caches; not measured
        batch(label, 0, BATCH)
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        for label in setups:
            before = env["tenant.ticket.sla"].search_count([])
            meter = batch(label, start, size)
            meters[label][0] += meter.seconds
            meters[label][1] += meter.queries
            if label == "policies active":
                lines += env["tenant.ticket.sla"].search_count([]) - before
    policies.write({"active": True})
    notifying.write({"notify_manager_at_start": True})

    rows = [
        (label, count, f"{seconds:.1f}", f"{count / seconds:.0f}", queries, f"{queries / count:.2f}")
        for label, (seconds, queries) in meters.items()
    ]
    table(
        f"a) create {count} tickets per set-up in batches of {BATCH}, set-ups taking turns "
        f"({len(policies)} policies shipped; {lines} SLA lines made in the active set-up)",
        ("set-up", "tickets", "seconds", "tickets/s", "queries", "queries/ticket"),
        rows,
    )
    archived = meters["policies archived"][0]
    ratio = meters["policies active"][0] / archived
    verdict = "OK" if ratio <= 1.3 else "ABOVE TARGET"
    print(f"  slow-down with policies = {ratio:.2f} (target <= 1.3: {verdict})")
    print(
        f"  slow-down without the notes at start ({', '.join(notifying.mapped('name')) or 'none'})"
        f" = {meters['active, no note at start'][0] / archived:.2f}"
    )
    return ratio


# b) Escalation scan -------------------------------------------------------------------------


def insert_sla_lines(env, total, due):
    """Replace every SLA line by ``total`` running lines, ``due`` of them due now.

    Due lines are spread evenly over the table (one every ``total // due``) and belong to
    distinct tickets; half are past their deadline, half only past their warning. The other
    lines fall due tomorrow or later.
    """
    cr = env.cr
    now = env.cr.now().replace(tzinfo=None)
    step = total // due
    cr.execute(SQL("DELETE FROM tenant_ticket_sla"))
    cr.execute(
        SQL(
            """
            WITH tickets AS (SELECT array_agg(id ORDER BY id) AS ids FROM tenant_ticket),
                 policies AS (SELECT array_agg(id ORDER BY id) AS ids FROM tenant_sla_policy WHERE active)
            INSERT INTO tenant_ticket_sla (
                ticket_id, policy_id, company_id, start_date, deadline, warning_date,
                status, warned, breach_handled, create_uid, write_uid, create_date, write_date
            )
            SELECT
                tickets.ids[1 + mod(
                    CASE WHEN mod(n, %(step)s) = 0 THEN n / %(step)s ELSE n END,
                    cardinality(tickets.ids)
                )],
                policies.ids[1 + mod(n, cardinality(policies.ids))],
                %(company)s,
                %(start)s,
                CASE WHEN mod(n, %(step)s) = 0 AND mod(n / %(step)s, 2) = 0 THEN %(past)s
                     ELSE %(later)s + n * INTERVAL '1 second' END,
                CASE WHEN mod(n, %(step)s) = 0 THEN %(past)s
                     ELSE %(tomorrow)s + n * INTERVAL '1 second' END,
                'running', FALSE, FALSE, %(uid)s, %(uid)s, %(now)s, %(now)s
            FROM generate_series(0, %(last)s) AS n, tickets, policies
            """,
            step=step,
            company=env.company.id,
            start=now - timedelta(days=1),
            past=now - timedelta(minutes=5),
            tomorrow=now + timedelta(days=1),
            later=now + timedelta(days=2),
            uid=env.uid,
            now=now,
            last=total - 1,
        )
    )
    cr.execute(SQL("ANALYZE tenant_ticket_sla"))
    env.invalidate_all()
    cr.execute(
        SQL(
            "SELECT count(*) FILTER (WHERE deadline <= %s), count(*) FILTER (WHERE warning_date <= %s)"
            " FROM tenant_ticket_sla",
            now,
            now,
        )
    )
    return cr.fetchone()


def bench_escalation(env, sizes, due):
    Sla = env["tenant.ticket.sla"]
    cr = env.cr
    rows = []
    results = {}
    for total in sizes:
        env.flush_all()  # what the ORM wrote before must survive the rollback below
        cr.execute(SQL("SAVEPOINT bench_escalation"))
        past_deadline, past_warning = insert_sla_lines(env, total, due)
        calls = 0
        with Meter(cr) as meter:
            while True:
                calls += 1
                breached, warned = Sla._cron_escalate(batch_size=ESCALATION_BATCH)
                if not breached and not warned:
                    break
            env.flush_all()
        # A run that finds nothing: the cost paid every five minutes.
        with Meter(cr) as idle:
            for _n in range(10):
                Sla._cron_escalate(batch_size=ESCALATION_BATCH)
        cr.execute(
            SQL(
                "SELECT count(*) FILTER (WHERE status = 'breached'), count(*) FILTER (WHERE warned)"
                " FROM tenant_ticket_sla"
            )
        )
        breached_count, warned_count = cr.fetchone()
        results[total] = meter.queries
        rows.append(
            (
                total,
                f"{past_deadline}/{past_warning - past_deadline}",
                f"{breached_count}/{warned_count - breached_count}",
                calls,
                f"{meter.seconds:.1f}",
                meter.queries,
                f"{meter.queries / due:.1f}",
                f"{idle.seconds / 10 * 1000:.1f}",
                idle.queries // 10,
            )
        )
        cr.execute(SQL("ROLLBACK TO SAVEPOINT bench_escalation"))
        env.invalidate_all()
    table(
        f"b) escalation scan: _cron_escalate(batch_size={ESCALATION_BATCH}) until nothing is due",
        (
            "lines",
            "due brch/warn",
            "done brch/warn",
            "cron calls",
            "seconds",
            "queries",
            "queries/due",
            "idle run ms",
            "idle queries",
        ),
        rows,
    )
    small, large = min(sizes), max(sizes)
    ratio = results[large] / results[small]
    print(f"  queries at {large} lines / queries at {small} lines = {ratio:.2f} (same {due} due lines)")
    return ratio


# Main ---------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tickets", type=int, default=10_000, help="tickets per creation set-up")
    parser.add_argument("--lines", type=int, default=100_000, help="SLA lines of the large scan")
    parser.add_argument("--due", type=int, help="due lines in both scans (default: 1%% of --lines)")
    args = parser.parse_args()
    due = args.due or max(args.lines // 100, 2)
    sizes = (args.lines // 10, args.lines)

    rc = os.environ.get("ODOO_RC")
    if not rc:
        sys.exit("ODOO_RC is not set: run `source tools/lib.sh && setup_all` first.")
    db = f"tr_bench_{os.getpid()}"

    print("Machine")
    for key, value in machine().items():
        print(f"  {key}: {value}")
    print(
        f"Scale: {args.tickets} tickets per creation set-up; escalation over {sizes[0]} and "
        f"{sizes[1]} SLA lines with {due} due in each",
        flush=True,
    )

    odoo.tools.config.parse_config(["-c", rc, "-d", db, "--log-level=warn"])
    odoo.netsvc.init_logger()
    try:
        create_database(rc, db)
        registry = odoo.modules.registry.Registry(db)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            cr.execute(SQL("SHOW server_version"))
            print(f"  postgresql: {cr.fetchone()[0]}; odoo: {odoo.release.version}")
            started = time.perf_counter()
            bench_create(env, args.tickets)
            bench_escalation(env, sizes, due)
            print(f"\nBenchmarks took {time.perf_counter() - started:.0f} s")
            cr.rollback()
    finally:
        print(f"Dropping database {db}")
        try:
            db_service.exp_drop(db)
        except Exception as error:  # report it, never hide the benchmark's own error
            print(f"  could not drop {db}: {error}")


if __name__ == "__main__":
    main()
