# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class TenantRuleGuardMixin(models.AbstractModel):
    """Record rules hold after a change, not only before it.

    Odoo checks the record rules of a write on the records as they were: staff of one property
    could write a unit, an occupancy or a ticket of theirs over to another property (or another
    company) and so place it, and whoever it brings along, out of their own reach and into a
    neighbour's. Every model bound to a property or a company inherits this mixin first, so that
    the rules are checked again on the records as they are after the change: a change that takes
    a record out of what the user may write raises AccessError, and the transaction rolls back.

    Odoo's own ``create`` already ends with the ``create`` rules on the new records; they are
    checked again here once every override below has run, for the same reason as writes. One
    evaluation of the rules per batch (``check_access`` filters the batch with one domain), and
    nothing under sudo: the system's own bookkeeping is trusted.
    """

    _name = "tenant.rule.guard.mixin"
    _description = "Record Rules Re-checked After a Change"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.check_access("create")
        return records

    def write(self, vals):
        res = super().write(vals)
        self.check_access("write")
        return res
