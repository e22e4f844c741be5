# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, models
from odoo.tools import SQL

# A cell starting with one of these is read as a formula by spreadsheet programs (xlsxwriter
# itself writes "=…" as a live formula; Excel and LibreOffice also take +, -, @ from a CSV, and a
# leading tab or carriage return can hide them). Such text is prefixed with a single quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A phone number or a signed number ("+86 138 0000 0001", "-5") starts with + or - too, but can
# call nothing: it is left as it is, so exported phones stay usable.
PLAIN_NUMBER = re.compile(r"[+\-][\d\s().+\-/]*")
# Core models whose records hold what residents type themselves (their contact, via /my/account).
RESIDENT_TEXT_MODELS = {"res.partner"}


class Base(models.AbstractModel):
    _inherit = "base"

    def export_data(self, fields_to_export):
        """Exports of our models (and of contacts) never turn resident text into live formulas."""
        result = super().export_data(fields_to_export)
        if self._tenant_neutralize_export():
            result["datas"] = [
                [self._tenant_neutralize_cell(value) for value in row] for row in result.get("datas", [])
            ]
        return result

    def _tenant_neutralize_export(self):
        module = self._original_module or ""
        return module.startswith("tenant_relations") or self._name in RESIDENT_TEXT_MODELS

    @staticmethod
    def _tenant_neutralize_cell(value):
        if (
            isinstance(value, str)
            and value.startswith(FORMULA_PREFIXES)
            and not PLAIN_NUMBER.fullmatch(value)
        ):
            return "'" + value
        return value

    @api.model
    def _tenant_lock_batch(self, domain, order=None, limit=None):
        """The records of ``domain`` (in ``order``, at most ``limit``) that no other transaction
        holds, locked until this one ends: the batch of a scheduled action. Rows another worker
        holds are skipped, not waited for: two workers take disjoint batches.

        A lock alone does not stop a worker whose snapshot was taken before the other committed
        (Odoo's transactions are REPEATABLE READ): it still sees the rows as due, and locks them
        once they are free. The caller therefore writes, on the rows returned and in the same
        transaction as its effect, the state that takes them out of ``domain``: such a worker then
        fails to lock them ("could not serialize access due to concurrent update") and rolls back
        instead of acting twice.
        """
        query = self._search(domain, order=order, limit=limit)
        if query.is_empty():
            return self.browse()
        rows = self.env.execute_query(
            SQL("%s FOR NO KEY UPDATE OF %s SKIP LOCKED", query.select(), SQL.identifier(query.table))
        )
        return self.browse(row[0] for row in rows)
