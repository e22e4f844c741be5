# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Fields of the chatter and the activities: a closed dispute's parts are still discussed.
THREAD_PREFIXES = ("message_", "activity_")


class TenantDisputeClosedMixin(models.AbstractModel):
    """A part of a dispute (session, attendance, evidence, agreement, acceptance) is
    frozen with its dispute: once the dispute is closed, no part is added, changed or removed, as
    the dispute itself is not (``tenant.dispute._tenant_check_open``). Their chatter and activities
    stay open, as the dispute's do; a part that lives on after the case (an agreement's
    fulfilment) says which of its fields may still change. Proceedings are not frozen: they go on
    outside, after the case is closed (see tenant.dispute.proceeding)."""

    _name = "tenant.dispute.closed.mixin"
    _description = "Part of a Dispute, Frozen Once the Dispute Is Closed"

    def _tenant_part_disputes(self):
        """The disputes these records belong to (a hook: a part of a part reaches it through its
        parent)."""
        return self.mapped("dispute_id")

    def _tenant_closed_writable_fields(self):
        """The fields of these records that may still change once their dispute is closed."""
        return set()

    def _tenant_check_part_open(self, vals=None):
        """Refuse the change when a dispute of these records is closed; ``vals``: what a write
        changes (None for a creation or a deletion)."""
        if vals is not None:
            changed = {name for name in vals if not name.startswith(THREAD_PREFIXES)}
            if not changed - self._tenant_closed_writable_fields():
                return
        self._tenant_part_disputes()._tenant_check_open()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._tenant_check_part_open()
        return records

    def write(self, vals):
        self._tenant_check_part_open(vals)
        return super().write(vals)

    def unlink(self):
        self._tenant_check_part_open()
        return super().unlink()
