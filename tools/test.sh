#!/usr/bin/env bash
# Command two: everything that can fail, on a throw-away database; ends with
# "N passed, N failed, N skipped" and exits non-zero on any failure or skip.
source "$(dirname "$0")/lib.sh"
setup_all
# Without Chromium or websocket-client Odoo skips browser tours silently: make sure both exist.
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null || apt_install chromium
"$PY" -c 'import websocket' 2>/dev/null || "$PY" -m pip install -q websocket-client
# tests/test_docker.py has nginx check the production profile's config (nginx -t), else it skips.
command -v nginx >/dev/null || apt_install nginx
# The agreement PDF test renders with wkhtmltopdf and a CJK font and reads the PDF with poppler.
install_report_tools
# Linters run from the python found above ("$PY -m ruff"), never from whatever PATH holds; their
# versions are pinned in requirements.txt, which setup_all installed.
exec "$PY" "$ROOT/tools/run_tests.py" "$@"
