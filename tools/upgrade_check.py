#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Upgrade a database of an earlier version with this checkout and prove that nothing was lost.

    make upgrade-check ARGS="--db my_copy"         # or: python3 tools/upgrade_check.py --db my_copy

1. Snapshots the database (psycopg2, through the standard PG* variables, else the db_* options of
   the Odoo config): every system parameter (ir_config_parameter key and value), every column of
   every company (res_company: the settings our addons keep there, and the rest), the state of
   every campaign with the rows of its log per wave and how many of them were sent and read,
   every XML id of the three addons (module, name, model, res_id) and their installed versions.
2. Updates the three addons in one run: ``python -m odoo -c <odoo.conf> -d <db> -u <addons>
   --stop-after-init``, with the config ``tools/lib.sh`` writes for this checkout (as ``make run``)
   unless ``--odoo-conf`` names one.
3. Snapshots again and compares: a parameter or company value lost or changed, a campaign whose
   state changed or whose log lost (or gained) rows, an XML id lost or pointing elsewhere, an ERROR
   in Odoo's log, or an addon whose installed version is not its manifest's is a difference. It
   prints a summary and exits 1 on any difference (0 when all is kept).

Run it on a copy (``createdb -T <template> <copy>``, and copy the template's filestore beside it
under this checkout's ``.local/data/filestore/<copy>`` if its attachments matter): the update
cannot be undone. The snapshots are kept as JSON in ``.local/upgrade-check/``.
"""

import argparse
import ast
import configparser
import datetime
import decimal
import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ("tenant_relations", "tenant_relations_survey", "tenant_relations_dispute")

# Campaign table -> (its log table, the log's column naming the campaign). The models are
# tenant.notice / tenant.notice.recipient and tenant.greeting.campaign / tenant.greeting.log
# (tenant_relations/models/); both logs are tenant.campaign.log.mixin since 18.0.1.6.0.
CAMPAIGNS = {
    "tenant_notice": ("tenant_notice_recipient", "notice_id"),
    "tenant_greeting_campaign": ("tenant_greeting_log", "campaign_id"),
}
# Before 18.0.1.6.0 a log had no wave: every row was the first send (post-engine.py says so).
DEFAULT_WAVE = "first"
# Columns of a log row counted per wave where the table has them: sent, queued, read, greeted on.
LOG_FACTS = ("sent", "mail_pending", "read_date", "acknowledged_date", "sent_date")

# Company columns an update may rewrite by itself: not settings.
COMPANY_VOLATILE = {"write_date", "write_uid"}

# XML ids that a release removes or hands to another of our addons on purpose, with the reason.
# "moved": the same record under another module's name (same model and res_id); "removed": gone.
EXPECTED_XMLID_CHANGES = {
    "tenant_relations.field_res_config_settings__tenant_points_survey": (
        "moved",
        "tenant_relations_survey",
        "18.0.1.6.0 post-rules14.py: the survey addon owns its points setting (issue 14)",
    ),
    "tenant_relations.selection__tenant_points_wizard__reason__survey": (
        "moved",
        "tenant_relations_survey",
        "18.0.1.6.0 post-rules14.py: the survey addon owns its points reason (issue 14)",
    ),
}

# Lines of Odoo's log that fail the check.
LOG_ERROR = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


def connect(db, conf=None):
    """A connection to ``db``: through the PG* variables, else the Odoo config's db_* options."""
    import psycopg2  # noqa: PLC0415 (the --help of this tool needs no database driver)

    options = {}
    if conf:
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(conf)
        section = parser["options"] if parser.has_section("options") else {}
        for key in ("host", "port", "user", "password"):
            value = section.get(f"db_{key}")
            if value and value != "False" and not os.environ.get(f"PG{key.upper()}"):
                options[key] = value
    return psycopg2.connect(dbname=db, **options)


def jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | decimal.Decimal):
        return str(value)
    if isinstance(value, memoryview | bytes):
        return f"<{len(value)} bytes>"
    return value


def columns(cr, table):
    """{column: data type} of ``table``, empty when there is no such table."""
    cr.execute(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = %s",
        (table,),
    )
    return dict(cr.fetchall())


def snapshot(db, conf=None):
    """What the upgrade must keep, as plain JSON-able data."""
    with connect(db, conf) as conn, conn.cursor() as cr:
        cr.execute("SELECT key, value FROM ir_config_parameter")
        params = dict(cr.fetchall())

        cr.execute("SELECT * FROM res_company ORDER BY id")
        names = [d.name for d in cr.description]
        company = {}
        for row in cr.fetchall():
            values = {name: jsonable(value) for name, value in zip(names, row, strict=True)}
            company[str(values["id"])] = values
        # The company columns our addons define (ir.model.fields rows named by our XML ids).
        cr.execute(
            """SELECT DISTINCT f.name FROM ir_model_fields f
                 JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
                WHERE f.model = 'res.company' AND d.module IN %s""",
            (ADDONS,),
        )
        company_ours = sorted(name for (name,) in cr.fetchall())

        campaigns = {}
        for table, (log_table, link) in CAMPAIGNS.items():
            if not columns(cr, table):
                continue
            log_columns = columns(cr, log_table)
            wave = "wave" if "wave" in log_columns else f"'{DEFAULT_WAVE}'"
            facts = [fact for fact in LOG_FACTS if fact in log_columns]
            counts = ", ".join(
                f"count(*) FILTER (WHERE {fact} IS TRUE)"
                if log_columns[fact] == "boolean"
                else f"count({fact})"
                for fact in facts
            )
            cr.execute(f"SELECT id, state FROM {table} ORDER BY id")
            rows = {str(id_): {"state": state, "logs": {}} for id_, state in cr.fetchall()}
            cr.execute(
                f"SELECT {link}, coalesce({wave}, '{DEFAULT_WAVE}'), count(*){', ' if counts else ''}{counts}"
                f" FROM {log_table} GROUP BY 1, 2"
            )
            for campaign_id, wave_name, count, *filled in cr.fetchall():
                entry = rows.setdefault(str(campaign_id), {"state": None, "logs": {}})
                entry["logs"][wave_name] = {"rows": count, **dict(zip(facts, filled, strict=True))}
            campaigns[table] = rows

        cr.execute(
            "SELECT module, name, model, res_id FROM ir_model_data WHERE module IN %s",
            (ADDONS,),
        )
        xmlids = {f"{module}.{name}": [model, res_id] for module, name, model, res_id in cr.fetchall()}

        cr.execute(
            "SELECT name, state, latest_version FROM ir_module_module WHERE name IN %s",
            (ADDONS,),
        )
        modules = {name: {"state": state, "version": version} for name, state, version in cr.fetchall()}
    return {
        "params": params,
        "company": company,
        "company_ours": company_ours,
        "campaigns": campaigns,
        "xmlids": xmlids,
        "modules": modules,
    }


def manifest_versions(root=ROOT):
    return {
        addon: ast.literal_eval((root / addon / "__manifest__.py").read_text(encoding="utf-8"))["version"]
        for addon in ADDONS
    }


def compare(before, after, manifests, expected=None):
    """The differences between two snapshots, as sentences; empty when the upgrade kept it all."""
    expected = EXPECTED_XMLID_CHANGES if expected is None else expected
    found = []

    for key, value in sorted(before["params"].items()):
        now = after["params"].get(key)
        if key not in after["params"]:
            found.append(f"setting lost: ir_config_parameter {key!r} (was {value!r})")
        elif now != value:
            found.append(f"setting changed: ir_config_parameter {key!r}: {value!r} -> {now!r}")

    ours = set(before.get("company_ours", ())) | set(after.get("company_ours", ()))
    for company_id, values in sorted(before["company"].items()):
        now = after["company"].get(company_id)
        if now is None:
            found.append(f"company lost: res_company id {company_id}")
            continue
        for column, value in sorted(values.items()):
            if column in COMPANY_VOLATILE:
                continue
            what = f"{'setting' if column in ours else 'company value'} res_company[{company_id}].{column}"
            if column not in now:
                found.append(f"{what} lost (was {value!r})")
            elif now[column] != value:
                found.append(f"{what} changed: {value!r} -> {now[column]!r}")

    for table, rows in sorted(before["campaigns"].items()):
        now_rows = after["campaigns"].get(table, {})
        for campaign_id, entry in sorted(rows.items(), key=lambda item: int(item[0])):
            now, where = now_rows.get(campaign_id), f"{table} id {campaign_id}"
            if now is None:
                found.append(f"campaign lost: {where} (state {entry['state']!r})")
                continue
            if now["state"] != entry["state"]:
                found.append(f"campaign state changed: {where}: {entry['state']!r} -> {now['state']!r}")
            for wave in sorted(set(entry["logs"]) | set(now["logs"])):
                old, new = entry["logs"].get(wave, {"rows": 0}), now["logs"].get(wave, {})
                # A fact the old log did not record (a column the upgrade added) is not compared.
                for fact, count in sorted(old.items()):
                    if new.get(fact, 0) != count:
                        change = f"{fact}: {count} -> {new.get(fact, 0)}"
                        found.append(f"campaign log changed: {where}, wave {wave!r}, {change}")

    for xmlid, (model, res_id) in sorted(before["xmlids"].items()):
        now = after["xmlids"].get(xmlid)
        if now == [model, res_id]:
            continue
        change = expected.get(xmlid)
        if change and change[0] == "moved" and now is None:
            moved = f"{change[1]}.{xmlid.split('.', 1)[1]}"
            if after["xmlids"].get(moved) == [model, res_id]:
                continue
            found.append(f"XML id {xmlid} was to move ({change[2]}): {moved} misses {model}({res_id})")
        elif change and change[0] == "removed" and now is None:
            continue
        elif now is None:
            found.append(f"XML id lost: {xmlid} ({model}, id {res_id})")
        else:
            found.append(f"XML id changed: {xmlid}: {model}({res_id}) -> {now[0]}({now[1]})")

    for addon, version in sorted(manifests.items()):
        module = after["modules"].get(addon)
        if not module or module["state"] != "installed":
            found.append(f"addon {addon} is not installed after the update ({module and module['state']})")
        elif module["version"] != version:
            found.append(f"addon {addon}: installed version {module['version']}, manifest {version}")
    return found


def odoo_config(args):
    """(python, odoo.conf): the arguments', else those tools/lib.sh sets up for this checkout."""
    if args.odoo_conf:
        return args.python or sys.executable, args.odoo_conf
    out = subprocess.run(
        ["bash", "-c", 'source tools/lib.sh && setup_all >&2 && printf "%s\\n%s\\n" "$PY" "$ODOO_RC"'],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    return args.python or out[-3], out[-2]


def update(db, python, conf, log_path):
    """Update the three addons in one run; (exit code, Odoo's ERROR and CRITICAL log lines)."""
    command = [python, "-m", "odoo", "-c", conf, "-d", db, "-u", ",".join(ADDONS), "--stop-after-init"]
    print(f"updating: {' '.join(command)} (log: {log_path})", flush=True)
    with open(log_path, "w", encoding="utf-8") as log:
        code = subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False).returncode
    errors = [line.rstrip() for line in open(log_path, encoding="utf-8") if LOG_ERROR.match(line)]
    return code, errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the database to upgrade (a copy: updated in place)")
    parser.add_argument("--odoo-conf", help="Odoo config file (default: the one tools/lib.sh writes)")
    parser.add_argument("--python", help="the python that runs Odoo (default: this one with --odoo-conf)")
    args = parser.parse_args(argv)

    out_dir = ROOT / ".local" / "upgrade-check"
    out_dir.mkdir(parents=True, exist_ok=True)
    python, conf = odoo_config(args)
    before = snapshot(args.db, conf)
    (out_dir / f"{args.db}-before.json").write_text(json.dumps(before, indent=1, sort_keys=True))
    code, errors = update(args.db, python, conf, out_dir / f"{args.db}-update.log")
    after = snapshot(args.db, conf)
    (out_dir / f"{args.db}-after.json").write_text(json.dumps(after, indent=1, sort_keys=True))

    manifests = manifest_versions()
    found = compare(before, after, manifests)
    if code:
        found.append(f"the update exited with {code}")
    found += [f"Odoo logged: {line}" for line in errors]

    versions = ", ".join(
        f"{addon} {(before['modules'].get(addon) or {}).get('version')}"
        f" -> {(after['modules'].get(addon) or {}).get('version')}"
        for addon in ADDONS
    )
    logs = sum(
        wave["rows"]
        for rows in before["campaigns"].values()
        for entry in rows.values()
        for wave in entry["logs"].values()
    )
    print(f"upgrade check of {args.db}: {versions}")
    print(
        f"compared {len(before['params'])} parameters, {len(before['company'])} companies "
        f"({len(before['company_ours'])} columns of our addons), "
        f"{sum(len(rows) for rows in before['campaigns'].values())} campaigns with {logs} log rows, "
        f"{len(before['xmlids'])} XML ids"
    )
    for xmlid, (kind, target, reason) in sorted(EXPECTED_XMLID_CHANGES.items()):
        if xmlid in before["xmlids"] and xmlid not in after["xmlids"]:
            print(f"expected: {xmlid} {kind} {'to ' + target if kind == 'moved' else ''} — {reason}")
    for line in found:
        print(f"DIFFERENCE: {line}")
    print(f"{len(found)} difference{'s' if len(found) > 1 else ''}" if found else "everything kept")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
