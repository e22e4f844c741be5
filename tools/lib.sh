#!/usr/bin/env bash
# Shared set-up steps for `make run` and `make test`: find Odoo 18.0, find or start
# PostgreSQL, write the Odoo config. Sourced, never run on its own.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
ADDONS="tenant_relations,tenant_relations_survey,tenant_relations_dispute"
ODOO_RELEASE_URL="${ODOO_RELEASE_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
mkdir -p "$LOCAL"
# runuser, initdb's owner switch, lives in /usr/sbin: a root shell with a minimal PATH (cron, env -i)
# lacks it.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac

say() { printf '\033[1m[tenant-relations]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[tenant-relations] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
    is_root || die "missing system packages: $* (install them, e.g. 'sudo apt-get install $*')"
    command -v apt-get >/dev/null || die "missing system packages: $* (no apt-get here: install them by hand)"
    say "installing Debian packages: $*"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The mediation agreement's PDF (tenant_relations_dispute) is rendered by wkhtmltopdf with a CJK font,
# and its test reads the PDF back with poppler's pdftotext and pdffonts. Debian's wkhtmltopdf is not
# the patched-Qt build: Odoo's report header and footer do not render with it (the agreement is laid
# out without them; the odoo:18.0 image of docker/ has the patched build). Odoo looks for wkhtmltopdf
# when it starts: install it before the server does.
install_report_tools() {
    local missing=()
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    { command -v pdftotext && command -v pdffonts; } >/dev/null || missing+=(poppler-utils)
    # Not `fc-list | grep -q`: grep leaving early makes the pipe fail under pipefail.
    case "$(fc-list : family 2>/dev/null)" in *"Noto Sans CJK"*) ;; *) missing+=(fonts-noto-cjk) ;; esac
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

imports_odoo18() {
    "$1" -c 'import odoo.release as r, sys; sys.exit(r.serie != "18.0")' 2>/dev/null
}

# The setuptools that Odoo's Python 3.11 requirements need, at build time and at run time:
# - old packages of the list import pkg_resources in their setup.py, and are built without build
#   isolation against this one (an isolated build takes the newest setuptools, which has none);
# - gevent 22.10.2 (Odoo's pin for Python 3.11) loads its plugins through pkg_resources when the
#   long-polling process of a server with --workers starts, which checks that gevent's
#   requirements are installed. zope.interface and zope.event, which Odoo does not pin, now ship
#   wheels whose metadata folder has the standardised name (zope_interface-8.7.dist-info);
#   pkg_resources finds those from setuptools 75.8.2 on, and older ones report zope.interface
#   missing: the long-polling process then dies at start and is spawned again every second.
# - from 80.9 importing pkg_resources warns with a UserWarning, which Odoo does not silence (it
#   silences the DeprecationWarning of the earlier ones), and from 82 pkg_resources is gone.
SETUPTOOLS_SPEC='setuptools>=75.8.2,<80.9'

# Install Odoo's Python requirements with the two mends Python 3.11 needs: SETUPTOOLS_SPEC without
# build isolation (see above), and cbor2 5.4.6 (5.4.2 no longer builds).
install_odoo_source() {
    local py="$1" src="$2"
    [ -f "$src/requirements.txt" ] && [ -f "$src/odoo/release.py" ] || die "$src is not an Odoo source tree"
    command -v pg_config >/dev/null || apt_install libpq-dev
    [ -f /usr/include/ldap.h ] || apt_install libldap2-dev libsasl2-dev
    "$py" -m pip install -q "$SETUPTOOLS_SPEC" wheel
    sed 's/^cbor2==5\.4\.2.*/cbor2==5.4.6/' "$src/requirements.txt" > "$LOCAL/odoo-requirements.txt"
    "$py" -m pip install -q --no-build-isolation -r "$LOCAL/odoo-requirements.txt"
    "$py" -m pip install -q --no-build-isolation --no-deps -e "$src"
}

# Sets PY to a python that imports Odoo 18.0: the active one, the project's .venv,
# a source tree named by ODOO_SRC, or Odoo's official 18.0 source release.
find_odoo() {
    PY="${PYTHON:-python3}"
    if imports_odoo18 "$PY"; then return; fi
    if imports_odoo18 "$ROOT/.venv/bin/python"; then PY="$ROOT/.venv/bin/python"; return; fi
    local src="${ODOO_SRC:-}"
    if [ -z "$src" ]; then
        say "no Odoo 18.0 importable by $PY and ODOO_SRC unset: fetching Odoo's official 18.0 source release"
        src="$LOCAL/odoo-src"
        if [ ! -f "$src/odoo/release.py" ]; then
            mkdir -p "$src"
            curl -fsSL --max-time 600 "$ODOO_RELEASE_URL" | tar -xz -C "$src" --strip-components=1 \
                || { rm -rf "$src"; die "Odoo 18.0 not found. Provide one of: a python3 that imports odoo 18.0 (PYTHON=...), ODOO_SRC=/path/to/odoo-18.0-source, or network access to $ODOO_RELEASE_URL"; }
        fi
    fi
    say "installing Odoo 18.0 from $src into $ROOT/.venv"
    [ -x "$ROOT/.venv/bin/python" ] || "$PY" -m venv "$ROOT/.venv"
    PY="$ROOT/.venv/bin/python"
    install_odoo_source "$PY" "$src"
    imports_odoo18 "$PY" || die "installing Odoo from $src did not give an importable odoo 18.0"
}

# What the long-polling process of a server with --workers does first (odoo/_monkeypatches/evented.py).
gevent_patches() {
    "$PY" -c 'import gevent.monkey; gevent.monkey.patch_all()' 2>/dev/null
}

# A python set up before SETUPTOOLS_SPEC (an older .venv, a python3 with Odoo installed by hand with
# setuptools<70) gets the setuptools that reads gevent's requirements; nothing else is changed.
mend_gevent() {
    gevent_patches && return
    say "gevent cannot load its plugins (pkg_resources does not find zope.interface): installing $SETUPTOOLS_SPEC"
    "$PY" -m pip install -q "$SETUPTOOLS_SPEC"
    gevent_patches || die "gevent still fails to start: run $PY -c 'import gevent.monkey; gevent.monkey.patch_all()' to see why"
}

# The lines of requirements.txt pinned with == whose package is missing or at another version.
unmet_pins() {
    "$PY" - "$ROOT/requirements.txt" <<'PYEOF'
import re, sys
from importlib.metadata import PackageNotFoundError, version
for line in open(sys.argv[1]):
    pin = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s#;]+)", line)
    if not pin:
        continue
    try:
        installed = version(pin[1])
    except PackageNotFoundError:
        installed = None
    if installed != pin[2]:
        print(f"{pin[1]}=={pin[2]} (installed: {installed or 'none'})")
PYEOF
}

install_requirements() {
    local unmet
    unmet="$(unmet_pins)"
    if [ -n "$unmet" ] || ! "$PY" -c 'import xlsxwriter, babel, phonenumbers, psycopg2, freezegun, websocket, yaml' 2>/dev/null; then
        [ -z "$unmet" ] || say "pinned in requirements.txt: ${unmet//$'\n'/, }"
        say "installing requirements.txt"
        "$PY" -m pip install -q -r "$ROOT/requirements.txt"
    fi
}

pg_answers() { psql -d postgres -XAtqc 'select current_user' 2>/dev/null; }

# PostgreSQL: the one the user configured (PG* variables), else a local one we can
# use as a role other than postgres, else a project-local cluster in .local/pgdata.
find_postgres() {
    local user
    if [ -n "${ODOO_CONF:-}" ]; then
        # Take the database settings of the user's own Odoo config file as PG* variables.
        eval "$("$PY" - "$ODOO_CONF" <<'PYEOF'
import configparser, shlex, sys
c = configparser.ConfigParser(); c.read(sys.argv[1])
o = c["options"] if c.has_section("options") else {}
for key, var in (("db_host", "PGHOST"), ("db_port", "PGPORT"), ("db_user", "PGUSER"), ("db_password", "PGPASSWORD")):
    v = o.get(key)
    if v and v != "False":
        print(f"export {var}={shlex.quote(v)}")
PYEOF
)"
    fi
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
        user="$(pg_answers)" || die "PostgreSQL configured by PG* variables does not answer"
        [ "$user" != postgres ] || die "Odoo refuses the 'postgres' role: set PGUSER to another role"
        return
    fi
    if command -v psql >/dev/null && user="$(pg_answers)" && [ -n "$user" ] && [ "$user" != postgres ]; then
        return
    fi
    start_local_cluster
}

start_local_cluster() {
    local bin data="$LOCAL/pgdata" port="${TR_PGPORT:-5433}" run=()
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    if [ -z "$bin" ]; then apt_install postgresql; bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"; fi
    # initdb refuses to run as root: as root, the cluster belongs to Debian's postgres user.
    if is_root; then
        id postgres >/dev/null 2>&1 || die "no 'postgres' system user to own the local cluster"
        run=(runuser -u postgres --)
        # The postgres user must reach the folder; a checkout in a private (0700) folder
        # keeps its cluster under PostgreSQL's own home instead, one per checkout.
        if ! (cd / && runuser -u postgres -- test -x "$LOCAL"); then
            data="/var/lib/postgresql/tenant-relations/$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
            mkdir -p "$(dirname "$data")" && chown postgres: "$(dirname "$data")"
        fi
    fi
    export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=odoo
    if pg_answers >/dev/null; then return; fi
    if [ ! -f "$data/PG_VERSION" ]; then
        say "creating a project-local PostgreSQL cluster in $data"
        mkdir -p "$data"
        if is_root; then chown postgres: "$data"; chmod 700 "$data"; fi
        (cd / && "${run[@]}" "$bin/initdb" -D "$data" -U odoo --auth=trust -E UTF8 --no-locale >/dev/null) \
            || die "initdb failed (does user postgres reach $data?)"
    fi
    say "starting PostgreSQL on 127.0.0.1:$port"
    (cd / && "${run[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null) \
        || die "PostgreSQL did not start: see $data/server.log"
}

write_odoo_conf() {
    local odoo_addons
    odoo_addons="$("$PY" -c 'import odoo.addons, os; print(",".join(p for p in odoo.addons.__path__))')"
    local root_addons
    root_addons="$("$PY" -c 'import odoo, os; p = os.path.join(os.path.dirname(odoo.__file__), "..", "addons"); print(os.path.abspath(p) if os.path.isdir(p) else "")')"
    ODOO_RC="$LOCAL/odoo.conf"
    {
        echo "[options]"
        echo "addons_path = $ROOT${root_addons:+,$root_addons},$odoo_addons"
        echo "data_dir = $LOCAL/data"
        echo "db_host = ${PGHOST:-False}"
        echo "db_port = ${PGPORT:-False}"
        echo "db_user = ${PGUSER:-False}"
        echo "db_password = ${PGPASSWORD:-False}"
        echo "http_interface = ${TR_HTTP_INTERFACE:-127.0.0.1}"
    } > "$ODOO_RC"
    export ODOO_RC
}

# The demo database exactly as `make run` builds it; `make test` runs the journey suite on one
# made by this same function, so that the tests meet the product as a new user does.
create_demo_db() {
    "$PY" -m odoo -c "$ODOO_RC" -d "$1" -i "$ADDONS" --load-language=zh_CN \
        --stop-after-init --log-level=warn
}

setup_all() {
    find_odoo
    mend_gevent
    install_requirements
    find_postgres
    write_odoo_conf
}
