# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""docker/start-odoo.sh installs the addons once and updates them after.

Odoo's ``--init`` on an installed addon reloads its noupdate data: every restart of a container that
starts with ``--init`` put a firm's edited mail template, ticket stage order and Settings values back
to what the addon ships. The start script asks PostgreSQL which addons are installed and runs Odoo
with ``-i`` for the others only. The first test runs the script twice against the project's
PostgreSQL with this machine's Odoo (a throw-away database, no demo data, dropped at the end); the
others check each decision with a stand-in for Odoo that prints what it was given.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from odoo_process import connect_kwargs, dropdb, odoo_bin, pg_env, throwaway_db_name

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "docker" / "start-odoo.sh"
ADDONS = ["tenant_relations", "tenant_relations_survey", "tenant_relations_dispute"]
# Variables of the script that the caller's environment must not decide for these tests.
SCRIPT_VARS = ("TR_DB", "TR_ADDONS", "TR_DEMO", "TR_LANG", "TR_UPDATE", "TR_WAIT", "ODOO_BIN")
SCRIPT_VARS += ("PGPASSWORD_FILE", "ODOO_ADMIN_PASSWD_FILE")

TEMPLATE = "mail_template_ticket_acknowledgement"
STAGE = "tenant_ticket_stage_new"
REVIEW_INTERVAL = "tenant_relations.review_interval_months"
ACTION = "tenant_ticket_action"


def script_env(rc, **values):
    env = {key: value for key, value in os.environ.items() if key not in SCRIPT_VARS}
    return {**env, **pg_env(rc), **values}


def run_script(env, *args):
    return subprocess.run(
        [str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=900, check=False
    )


def res_id(cr, model, name, module="tenant_relations"):
    cr.execute(
        "SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s AND model = %s",
        (module, name, model),
    )
    return cr.fetchone()[0]


def read_edited(cr):
    """The subject of the acknowledgement, the sequence of the New stage, the review interval and
    the name of the Tickets action (data that is not noupdate)."""
    cr.execute(
        "SELECT subject->>'en_US' FROM mail_template WHERE id = %s", (res_id(cr, "mail.template", TEMPLATE),)
    )
    subject = cr.fetchone()[0]
    cr.execute(
        "SELECT sequence FROM tenant_ticket_stage WHERE id = %s", (res_id(cr, "tenant.ticket.stage", STAGE),)
    )
    sequence = cr.fetchone()[0]
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", (REVIEW_INTERVAL,))
    interval = cr.fetchone()[0]
    cr.execute(
        "SELECT name->>'en_US' FROM ir_act_window WHERE id = %s",
        (res_id(cr, "ir.actions.act_window", ACTION),),
    )
    action = cr.fetchone()[0]
    return {"subject": subject, "sequence": sequence, "interval": interval, "action": action}


def test_a_second_start_updates_and_keeps_what_the_administrator_changed(rc, tmp_path):
    db = throwaway_db_name("start")
    env = script_env(rc, TR_DB=db, ODOO_BIN=" ".join(odoo_bin()))
    port = os.environ.get("TR_TEST_HTTP_PORT", "8169")
    odoo_args = [
        "-c",
        rc,
        "--stop-after-init",
        "--log-level=warn",
        f"--data-dir={tmp_path}",
        f"--http-port={port}",
    ]
    dropdb(rc, db)
    try:
        first = run_script(env, *odoo_args)
        assert first.returncode == 0, first.stderr[-3000:]
        assert f"installing {','.join(ADDONS)} in {db} (demo data: 0)" in first.stderr
        with psycopg2.connect(**connect_kwargs(rc, db)) as conn, conn.cursor() as cr:
            cr.execute(
                "SELECT name, state, demo FROM ir_module_module WHERE name = ANY(%s) ORDER BY name", (ADDONS,)
            )
            assert cr.fetchall() == [(name, "installed", False) for name in sorted(ADDONS)]
            shipped = read_edited(cr)
            assert shipped["interval"] == "3" and shipped["sequence"] == 1
            # What an administrator does in the web client: a new subject, New moved after the
            # other stages, a review every six months; and a change that the update must undo.
            edited = {"subject": "Request {{ object.number }} received", "sequence": 99, "interval": "6"}
            cr.execute(
                "UPDATE mail_template SET subject = jsonb_build_object('en_US', %s) WHERE id = %s",
                (edited["subject"], res_id(cr, "mail.template", TEMPLATE)),
            )
            cr.execute(
                "UPDATE tenant_ticket_stage SET sequence = %s WHERE id = %s",
                (edited["sequence"], res_id(cr, "tenant.ticket.stage", STAGE)),
            )
            cr.execute(
                "UPDATE ir_config_parameter SET value = %s WHERE key = %s",
                (edited["interval"], REVIEW_INTERVAL),
            )
            cr.execute(
                'UPDATE ir_act_window SET name = \'{"en_US": "Renamed"}\' WHERE id = %s',
                (res_id(cr, "ir.actions.act_window", ACTION),),
            )
        conn.close()

        second = run_script(env, *odoo_args)
        assert second.returncode == 0, second.stderr[-3000:]
        with psycopg2.connect(**connect_kwargs(rc, db)) as conn, conn.cursor() as cr:
            after = read_edited(cr)
        conn.close()
        # The update ran (the action's name is the addon's again) and kept the three edits.
        assert after == {**edited, "action": shipped["action"]}
        assert f"updating {','.join(ADDONS)} in {db}" in second.stderr
        assert "installing" not in second.stderr
    finally:
        dropdb(rc, db)


# The script's decisions, with a stand-in for Odoo ----------------------------------------------

FAKE_ODOO = """import json, os, sys
rc = os.environ.get("ODOO_RC")
print(json.dumps({
    "args": sys.argv[1:],
    "rc": open(rc).read() if rc and os.path.exists(rc) else None,
    "pgpassword": os.environ.get("PGPASSWORD"),
}))
"""


@pytest.fixture
def fake_odoo(tmp_path):
    script = tmp_path / "fake_odoo.py"
    script.write_text(FAKE_ODOO, encoding="utf-8")
    return f"{sys.executable} {script}"


def decide(rc, fake_odoo, db, *args, **values):
    """What the script gives Odoo, and what it says."""
    done = run_script(script_env(rc, TR_DB=db, ODOO_BIN=fake_odoo, **values), *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


@pytest.fixture
def module_table(rc):
    """A database whose ir_module_module says what ``states`` tells, and nothing else."""
    db = throwaway_db_name("start_states")
    dropdb(rc, db)
    subprocess.run(["createdb", db], env={**os.environ, **pg_env(rc)}, check=True)

    def states(**by_name):
        with psycopg2.connect(**connect_kwargs(rc, db)) as conn, conn.cursor() as cr:
            cr.execute("CREATE TABLE IF NOT EXISTS ir_module_module (name varchar, state varchar)")
            cr.execute("DELETE FROM ir_module_module")
            for name, state in by_name.items():
                cr.execute("INSERT INTO ir_module_module VALUES (%s, %s)", (name, state))
        conn.close()
        return db

    yield states
    dropdb(rc, db)


def test_a_new_database_is_created_without_demo_unless_asked(rc, fake_odoo):
    db = throwaway_db_name("start_absent")
    dropdb(rc, db)
    given, said = decide(rc, fake_odoo, db, "--stop-after-init")
    assert given["args"] == ["-d", db, "-i", ",".join(ADDONS), "--without-demo=all", "--stop-after-init"]
    assert "demo data: 0" in said
    given, said = decide(rc, fake_odoo, db, TR_DEMO="1", TR_LANG="zh_CN")
    assert given["args"] == ["-d", db, "-i", ",".join(ADDONS), "--load-language=zh_CN"]
    assert "demo data: 1" in said


def test_an_empty_database_is_initialised(rc, fake_odoo, module_table):
    db = module_table()
    given, _said = decide(rc, fake_odoo, db)
    assert given["args"] == ["-d", db, "-i", ",".join(ADDONS), "--without-demo=all"]


def test_installed_addons_are_updated_and_missing_ones_installed(rc, fake_odoo, module_table):
    db = module_table(
        base="installed",
        tenant_relations="installed",
        tenant_relations_survey="to upgrade",
        tenant_relations_dispute="uninstalled",
    )
    given, said = decide(rc, fake_odoo, db, "--workers=4", TR_LANG="zh_CN")
    assert given["args"] == [
        "-d",
        db,
        *("-i", "tenant_relations_dispute", "--without-demo=all", "--load-language=zh_CN"),
        *("-u", "tenant_relations,tenant_relations_survey"),
        "--workers=4",
    ]
    assert "updating tenant_relations,tenant_relations_survey" in said
    db = module_table(**dict.fromkeys(ADDONS, "installed"))
    given, _said = decide(rc, fake_odoo, db, TR_UPDATE="0")
    assert given["args"] == ["-d", db]


def test_secrets_come_from_files_and_the_master_password_only_into_a_private_copy(rc, fake_odoo, tmp_path):
    conf = tmp_path / "odoo.conf"
    committed = "[options]\nproxy_mode = True\nadmin_passwd = left-over\n\n[queue]\nchannels = root:2\n"
    conf.write_text(committed, encoding="utf-8")
    (tmp_path / "admin").write_text("s3cret =%$'\"\n", encoding="utf-8")
    # The server's own password when it asks for one (else any: the file is what is checked).
    secret = pg_env(rc).get("PGPASSWORD") or "db-secret"
    (tmp_path / "db").write_text(f"{secret}\n", encoding="utf-8")
    db = throwaway_db_name("start_absent")
    given, _said = decide(
        rc,
        fake_odoo,
        db,
        ODOO_RC=str(conf),
        ODOO_ADMIN_PASSWD_FILE=str(tmp_path / "admin"),
        PGPASSWORD_FILE=str(tmp_path / "db"),
        PGPASSWORD="",
    )
    assert given["rc"] == (
        "[options]\nadmin_passwd = s3cret =%$'\"\nproxy_mode = True\n\n[queue]\nchannels = root:2\n"
    )
    assert conf.read_text(encoding="utf-8") == committed
    assert given["pgpassword"] == secret


def test_it_stops_when_postgresql_does_not_answer(rc, fake_odoo):
    done = run_script(
        script_env(rc, TR_DB="any", ODOO_BIN=fake_odoo, PGHOST="127.0.0.1", PGPORT="9", TR_WAIT="1")
    )
    assert done.returncode == 1
    assert "did not answer within 1 s" in done.stderr
    assert not done.stdout
