# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the top-level tests and scripts that start Odoo share: the command that runs it, and the
PostgreSQL server of the project's Odoo config (``ODOO_RC``, written by ``tools/lib.sh``)."""

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

PG_VARS = {"db_host": "PGHOST", "db_port": "PGPORT", "db_user": "PGUSER", "db_password": "PGPASSWORD"}


def odoo_bin():
    """The command that runs Odoo's server as ``odoo-bin`` does.

    With ``--workers`` Odoo starts its long-polling process by running ``sys.argv[0]`` again with
    ``gevent`` before the options: it must be a script, which ``python -m odoo`` (a package's
    ``__main__.py``) is not. A source tree has ``odoo-bin`` beside the package; an installed Odoo has
    the ``odoo`` script beside its python.
    """
    spec = importlib.util.find_spec("odoo")
    if spec and spec.origin:
        script = Path(spec.origin).resolve().parents[1] / "odoo-bin"
        if script.is_file():
            return [sys.executable, str(script)]
    installed = shutil.which("odoo", path=str(Path(sys.executable).parent))
    if installed:
        return [installed]
    raise RuntimeError(f"neither odoo-bin nor an odoo script found for {sys.executable}")


def pg_env(rc):
    """The PG* variables of the database settings in the Odoo config ``rc`` (as ``tools/lib.sh``
    reads a user's config), over those of this process: psql, dropdb and libpq all use them."""
    parser = configparser.RawConfigParser()
    parser.read(rc)
    env = {var: os.environ[var] for var in PG_VARS.values() if var in os.environ}
    if parser.has_section("options"):
        for key, var in PG_VARS.items():
            value = parser.get("options", key, fallback="False")
            if value not in ("", "False"):
                env[var] = value
    return env


def connect_kwargs(rc, db):
    """psycopg2.connect() arguments for the database ``db`` of the server of ``rc``."""
    names = {"PGHOST": "host", "PGPORT": "port", "PGUSER": "user", "PGPASSWORD": "password"}
    return {"dbname": db, **{names[var]: value for var, value in pg_env(rc).items()}}


def dropdb(rc, db):
    subprocess.run(["dropdb", "--if-exists", db], env={**os.environ, **pg_env(rc)}, check=False)


def throwaway_db_name(what):
    """A database name of this run: ``TR_TEST_DB_PREFIX`` (default ``tr_test_``), what, the pid."""
    return f"{os.environ.get('TR_TEST_DB_PREFIX', 'tr_test_')}{what}_{os.getpid()}"
