# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TenantDisputeLevel(models.Model):
    """A rung of the dispute ladder. Records, not a selection: a firm may add its own rung (e.g. the
    residents' committee's mediation, 居委会调解, before its own committee) and set each deadline."""

    _name = "tenant.dispute.level"
    _description = "Dispute Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(
        help="A technical name that does not change with the label (negotiation, mediation...).",
    )
    deadline_days = fields.Integer(
        string="Deadline (days)",
        help="Calendar days a dispute may stay at this level, counted from the day after it entered "
        "it; a last day that is a day off rolls forward to the next working day. 0: no deadline.",
    )
    is_closed = fields.Boolean(string="Closed", help="A dispute at this level is over: it needs an outcome.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A level's code is used once."),
        ("deadline_days_positive", "CHECK(deadline_days >= 0)", "A deadline cannot be negative."),
    ]
