#!/usr/bin/env bash
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
#
# Start Odoo on the firm's database: install the addons once, update them after.
#
#   start-odoo.sh [more Odoo options...]
#
# It asks PostgreSQL whether the database exists and which of the addons are installed
# (ir_module_module), then runs Odoo with
#   -i <addons>  for the addons not installed yet (a new or empty database): without demo data
#                unless TR_DEMO=1, with the languages of TR_LANG loaded;
#   -u <addons>  for the installed ones (TR_UPDATE=1, the default), or nothing (TR_UPDATE=0).
# Never --init on an installed addon: init mode reloads the addons' noupdate data (mail templates,
# ticket stages, Settings values) over what the firm's administrators changed.
#
# Environment:
#   TR_DB          the database (default tenant_relations); Odoo serves this one only (-d)
#   TR_ADDONS      the addons, comma-separated (default the three Tenant Relations addons)
#   TR_DEMO        1: demo data when the database is created (default 0: none)
#   TR_LANG        languages to load when the database is created, e.g. zh_CN (default none)
#   TR_UPDATE      1: update the installed addons at each start (default); 0: plain start
#   TR_WAIT        seconds to wait for PostgreSQL to answer (default 60)
#   ODOO_BIN       the command that runs Odoo (default odoo; e.g. "python3 /path/to/odoo-bin")
#   PGHOST PGPORT PGUSER PGPASSWORD  where PostgreSQL is, read by psql and by Odoo itself (libpq)
#                  when its config file sets no db_host/db_port/db_user/db_password
#   PGPASSWORD_FILE          a file (a Docker secret) holding the database password
#   ODOO_ADMIN_PASSWD_FILE   a file (a Docker secret) holding Odoo's master password: it is
#                  written into a private copy of $ODOO_RC (the committed config holds none)
# Every argument is passed on to Odoo (e.g. --stop-after-init, --http-port=8069).
set -euo pipefail

DB="${TR_DB:-tenant_relations}"
ADDONS="${TR_ADDONS:-tenant_relations,tenant_relations_survey,tenant_relations_dispute}"
read -r -a ODOO <<< "${ODOO_BIN:-odoo}"

say() { printf '[start-odoo] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# The name is also psql's connection argument: a plain name, never a connection string.
[[ "$DB" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]] || die "TR_DB=$DB is not a plain database name"

if [ -n "${PGPASSWORD_FILE:-}" ]; then
    [ -r "$PGPASSWORD_FILE" ] || die "PGPASSWORD_FILE=$PGPASSWORD_FILE is not readable"
    PGPASSWORD="$(cat "$PGPASSWORD_FILE")"
    export PGPASSWORD
fi

if [ -n "${ODOO_ADMIN_PASSWD_FILE:-}" ]; then
    [ -r "$ODOO_ADMIN_PASSWD_FILE" ] || die "ODOO_ADMIN_PASSWD_FILE=$ODOO_ADMIN_PASSWD_FILE is not readable"
    [ -r "${ODOO_RC:-}" ] || die "ODOO_ADMIN_PASSWD_FILE needs ODOO_RC, the config file to add it to"
    # A private copy of the config with the master password in its [options] section; awk reads the
    # password from the environment, so no character of it is taken as syntax.
    runtime_rc="$(mktemp "${TMPDIR:-/tmp}/odoo-XXXXXX.conf")"
    ODOO_ADMIN_PASSWD="$(cat "$ODOO_ADMIN_PASSWD_FILE")" awk '
        /^[ \t]*admin_passwd[ \t]*=/ { next }
        { print }
        /^[ \t]*\[options\][ \t]*$/ { print "admin_passwd = " ENVIRON["ODOO_ADMIN_PASSWD"] }
    ' "$ODOO_RC" > "$runtime_rc"
    export ODOO_RC="$runtime_rc"
fi

# psql runs its statements from standard input so that :'name' quotes the values it is given.
sql() {
    local db="$1"
    shift
    psql -d "$db" -XAtq -v ON_ERROR_STOP=1 "$@"
}

waited=0
until sql postgres <<< 'select 1' >/dev/null 2>&1; do
    [ "$waited" -lt "${TR_WAIT:-60}" ] || die "PostgreSQL (${PGHOST:-local socket}:${PGPORT:-5432}) did not answer within ${TR_WAIT:-60} s"
    sleep 1
    waited=$((waited + 1))
done

installed=""
exists="$(sql postgres -v db="$DB" <<< "select count(*) from pg_database where datname = :'db'")"
if [ "$exists" = 1 ] \
    && [ "$(sql "$DB" <<< "select to_regclass('public.ir_module_module') is not null")" = t ]; then
    # 'to upgrade' and 'to remove' are installed addons a previous run left marked.
    installed="$(sql "$DB" -v addons="$ADDONS" <<< "
        select string_agg(name, ',' order by name) from ir_module_module
         where name = any(string_to_array(:'addons', ','))
           and state in ('installed', 'to upgrade', 'to remove')")"
fi

to_install=()
to_update=()
IFS=',' read -r -a wanted <<< "$ADDONS"
for addon in "${wanted[@]}"; do
    if [[ ",$installed," == *",$addon,"* ]]; then
        to_update+=("$addon")
    else
        to_install+=("$addon")
    fi
done

args=(-d "$DB")
if [ "${#to_install[@]}" -gt 0 ]; then
    install="$(IFS=,; echo "${to_install[*]}")"
    say "installing $install in $DB (demo data: ${TR_DEMO:-0})"
    args+=(-i "$install")
    # Odoo loads demo data unless told not to; --without-demo=False would read as true.
    [ "${TR_DEMO:-0}" = 1 ] || args+=(--without-demo=all)
    [ -z "${TR_LANG:-}" ] || args+=("--load-language=$TR_LANG")
fi
if [ "${#to_update[@]}" -gt 0 ] && [ "${TR_UPDATE:-1}" = 1 ]; then
    update="$(IFS=,; echo "${to_update[*]}")"
    say "updating $update in $DB"
    args+=(-u "$update")
elif [ "${#to_update[@]}" -gt 0 ]; then
    say "starting $DB as it is (TR_UPDATE=0)"
fi

exec "${ODOO[@]}" "${args[@]}" "$@"
