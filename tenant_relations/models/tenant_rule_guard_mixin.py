# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError


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

    # Where a record is placed (its property first, then its company), and the fields whose
    # change can move it (those fields and their sources). A record moved by a write must come
    # from, and end, where the user could have created it: staff who may follow a ticket placed
    # elsewhere (its assignee, its team) must not take it out of that property, nor bring one
    # into a property not theirs.
    _tenant_placement_fields = ()
    _tenant_placement_triggers = ()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._tenant_check_computed_values(vals)
        records = super().create(vals_list)
        records.check_access("create")
        return records

    def write(self, vals):
        self._tenant_check_computed_values(vals)
        placed = None
        if self._tenant_placement_triggers and not vals.keys().isdisjoint(self._tenant_placement_triggers):
            placed = {record.id: record._tenant_placement() for record in self}
            # Where the user could have created them, before the change: a move takes a record
            # out of one place and into another, and both must be the user's. A record not yet
            # placed (an e-mail request without a unit) may be placed by whoever works on it.
            placeable = set(self._filtered_access("create").ids)
        res = super().write(vals)
        self.check_access("write")
        if placed is not None:
            moved = self.filtered(lambda record: placed[record.id] != record._tenant_placement())
            if any(placed[record.id][0] and record.id not in placeable for record in moved):
                raise AccessError(
                    self.env._("You can move a record only out of, and into, the properties you work for.")
                )
            moved.check_access("create")
        return res

    def _tenant_placement(self):
        self.ensure_one()
        return tuple(self[name].id for name in self._tenant_placement_fields)

    @api.model
    def _tenant_check_computed_values(self, vals):
        """Refuse a value for a field the system computes and nobody may set (AccessError).

        Odoo stores what ``write`` is given even for a computed field without inverse, until its
        sources change: an occupancy written ``is_current`` while it awaits confirmation would
        open the resident's profile, points and contact to the property that made the link. The
        system's own bookkeeping (sudo) recomputes them and is trusted.
        """
        if self.env.su:
            return
        forced = [
            name
            for name in vals
            if (field := self._fields.get(name)) is not None
            and field.compute
            and not field.inverse
            and field.readonly
            and not field.related
        ]
        if forced:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s are computed by the system and cannot be set.",
                    fields=", ".join(self._fields[name]._description_string(self.env) for name in forced),
                    model=self._description,
                )
            )
