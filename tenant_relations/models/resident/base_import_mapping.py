# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

# The addons whose data may ship import mappings (the residents' import templates' columns).
SHIPPING_MODULES = "tenant_relations%"


class BaseImportMapping(models.Model):
    """Odoo remembers which field each column of an imported sheet went to, for every user of the
    database. The mappings Tenant Relations ships (data/base_import_mapping_data.xml) are the
    firm's: only its managers and the administrators change or delete them (the record rules
    ``base_import_mapping_rule_user`` and ``base_import_mapping_rule_manager``); every employee
    keeps those they made, as in Odoo."""

    _inherit = "base_import.mapping"

    tenant_shipped = fields.Boolean(
        string="Shipped by Tenant Relations",
        compute="_compute_tenant_shipped",
        search="_search_tenant_shipped",
        help="A column of the residents' import templates: only Tenant Relations managers change it.",
    )

    def _compute_tenant_shipped(self):
        # sudo: which records an addon defines is no secret; employees cannot read ir.model.data.
        shipped = set(
            self.env["ir.model.data"]
            .sudo()
            .search([*self._get_tenant_shipped_domain(), ("res_id", "in", self.ids)])
            .mapped("res_id")
        )
        for mapping in self:
            mapping.tenant_shipped = mapping.id in shipped

    def _search_tenant_shipped(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        # sudo: which records an addon defines is no secret, and the rules ask it for every user.
        shipped = self.env["ir.model.data"].sudo()._search(self._get_tenant_shipped_domain())
        inside = (operator == "=") == value
        return [("id", "in" if inside else "not in", shipped.subselect("res_id"))]

    @api.model
    def _get_tenant_shipped_domain(self):
        """The XML ids (ir.model.data) by which our addons' data define import mappings."""
        return [("model", "=", self._name), ("module", "=like", SHIPPING_MODULES), ("res_id", "!=", False)]

    @api.model_create_multi
    def create(self, vals_list):
        """A new mapping of a column we ship would win over ours: Odoo suggests, for a column, the
        newest of its mappings. Only those who may change the shipped mapping may add another;
        an import by anyone else goes through without remembering that column, as ``write``."""
        if self.env.su:
            return super().create(vals_list)
        locked = self._tenant_locked_columns(vals_list)
        allowed = [vals for vals in vals_list if self._tenant_column_key(vals) not in locked]
        if len(allowed) < len(vals_list) and not self.env.context.get("tenant_import_remember_mapping"):
            raise AccessError(
                self.env._(
                    "Only Tenant Relations managers can change how the columns of the residents' import "
                    "templates are read."
                )
            )
        return super().create(allowed) if allowed else self.browse()

    @api.model
    def _tenant_column_key(self, vals):
        """A mapping's column as Odoo looks it up: per model, in lower case."""
        return (vals.get("res_model"), (vals.get("column_name") or "").lower())

    @api.model
    def _tenant_locked_columns(self, vals_list):
        """The (model, column) pairs among ``vals_list`` whose shipped mapping the user may not change."""
        keys = {self._tenant_column_key(vals) for vals in vals_list}
        shipped = self.search(
            [("tenant_shipped", "=", True), ("res_model", "in", list({model for model, _column in keys}))]
        )
        locked = shipped - shipped._filtered_access("write")
        return {(m.res_model, m.column_name.lower()) for m in locked} & keys

    def write(self, vals):
        # After an import, Odoo remembers the field each column went to, as the importing user.
        # One who may not change a shipped mapping imports with their own choice, which is not
        # remembered for that column (the import itself is not refused for it).
        if self.env.context.get("tenant_import_remember_mapping") and not self.env.su:
            writable = self._filtered_access("write")
            return super(BaseImportMapping, writable).write(vals) if writable else True
        return super().write(vals)
