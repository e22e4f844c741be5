# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    def execute_import(self, fields, columns, options, dryrun=False):
        """Odoo's import; the columns' fields it then remembers (base_import.mapping) are written
        only where the user may: a shipped mapping a user may not change does not refuse the
        import (see base_import.mapping.write). An import of the mappings themselves is refused
        where the user may not write, as any other write."""
        if self.res_model == "base_import.mapping":
            return super().execute_import(fields, columns, options, dryrun=dryrun)
        return super(BaseImportImport, self.with_context(tenant_import_remember_mapping=True)).execute_import(
            fields, columns, options, dryrun=dryrun
        )
