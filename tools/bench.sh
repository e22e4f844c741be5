#!/usr/bin/env bash
# `make bench` and `make load`: run a script of the top-level tests/ (benchmark.py,
# load_rush_hour.py) with the python that imports Odoo and the Odoo configuration that
# setup_all finds or makes, as `make run` does. It runs in this script's own shell: nothing
# (set -euo pipefail, PY, ODOO_RC) is left in the user's shell.
source "$(dirname "$0")/lib.sh"
setup_all
script="${1:?usage: tools/bench.sh benchmark.py|load_rush_hour.py [options]}"
shift
exec "$PY" "$ROOT/tests/$script" "$@"
