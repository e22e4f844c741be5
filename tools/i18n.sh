#!/usr/bin/env bash
# Re-export each addon's .pot from a scratch database and merge new terms into
# i18n/zh_CN.po (existing translations are kept; new terms arrive untranslated).
source "$(dirname "$0")/lib.sh"
setup_all
DB=tr_i18n
dropdb --if-exists "$DB"
"$PY" -m odoo -c "$ODOO_RC" -d "$DB" -i "$ADDONS" --without-demo=all --stop-after-init --log-level=warn
for addon in ${ADDONS//,/ }; do
    mkdir -p "$ROOT/$addon/i18n"
    "$PY" -m odoo -c "$ODOO_RC" -d "$DB" --i18n-export="$ROOT/$addon/i18n/$addon.pot" \
        --modules="$addon" --stop-after-init --log-level=warn
    "$PY" - "$ROOT/$addon/i18n/$addon.pot" "$ROOT/$addon/i18n/zh_CN.po" <<'PYEOF'
import os, sys
import polib
pot_path, po_path = sys.argv[1:]
pot = polib.pofile(pot_path)
old = {e.msgid: e.msgstr for e in polib.pofile(po_path)} if os.path.exists(po_path) else {}
po = polib.pofile(pot_path)
po.metadata.update({"Language": "zh_CN", "Content-Type": "text/plain; charset=UTF-8"})
for entry in po:
    entry.msgstr = old.get(entry.msgid, "")
po.save(po_path)
missing = sum(1 for e in po if not e.msgstr)
print(f"{po_path}: {len(po)} terms, {missing} untranslated")
PYEOF
done
dropdb --if-exists "$DB"
