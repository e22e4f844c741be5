#!/usr/bin/env bash
# Command one: set everything up and serve Odoo with the three addons and demo data.
# TR_DB names the demo database (default tenant_relations_demo); TR_REBUILD=1 drops it first.
source "$(dirname "$0")/lib.sh"
setup_all
install_report_tools
DB="${TR_DB:-tenant_relations_demo}"
if [ "${TR_REBUILD:-0}" = 1 ]; then
    say "dropping database $DB"
    dropdb --if-exists "$DB"
    rm -rf "$LOCAL/data/filestore/$DB"
fi
if [ "$(psql -d postgres -XAtqc "select 1 from pg_database where datname = '$DB'")" != 1 ]; then
    say "creating database $DB with the three addons and demo data (a few minutes)"
    create_demo_db "$DB" || { dropdb --if-exists "$DB"; die "installing the addons failed"; }
else
    say "reusing database $DB (make rebuild-db to start afresh)"
    "$PY" -m odoo -c "$ODOO_RC" -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn
fi
[ "${TR_NO_SERVE:-0}" = 1 ] && exit 0
say "serving http://localhost:${TR_HTTP_PORT:-8069} — log in as admin / admin (Ctrl-C to stop)"
exec "$PY" -m odoo -c "$ODOO_RC" -d "$DB" --db-filter="^$DB\$" --http-port="${TR_HTTP_PORT:-8069}"
