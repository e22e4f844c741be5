# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

OFFICER = "tenant_relations_dispute.group_tenant_dispute_officer"


class TenantDispute(models.Model):
    """Who may read a dispute is said once, by tenant.dispute's record rules; its parts (parties,
    evidence, sessions, agreements...) follow it through ``tenant_readable``.

    Odoo evaluates a record rule's domain as superuser: a child rule ``[('dispute_id', 'any',
    [])]`` does not apply tenant.dispute's rules in its subquery (it matches every dispute). The
    search of ``tenant_readable`` does: it returns tenant.dispute's own rule domain for the user
    the rule is being evaluated for, so a child rule ``[('dispute_id.tenant_readable', '=', True)]``
    is the dispute's rules, wherever they come from (this addon's groups, the portal's, a
    customer's)."""

    _inherit = "tenant.dispute"

    # tenant.rule.guard.mixin: a write that moves a dispute (its unit, its property) must take it
    # out of, and into, properties where the user could create it. A committee member writes the
    # cases of their committee wherever they are, but creates only as staff of their properties:
    # they cannot move a case of their committee elsewhere, nor one of elsewhere into it.
    _tenant_placement_fields = ("property_id", "company_id")
    _tenant_placement_triggers = ("unit_id", "property_id", "company_id")

    name = fields.Char(tracking=True)
    property_id = fields.Many2one(tracking=True)
    description = fields.Html(tracking=True)
    level_date = fields.Date(tracking=True)
    active = fields.Boolean(tracking=True)
    tenant_readable = fields.Boolean(
        string="Readable",
        compute="_compute_tenant_readable",
        search="_search_tenant_readable",
        help="Technical: the disputes the current user may read, for the record rules of their parts.",
    )

    @api.depends_context("uid")
    def _compute_tenant_readable(self):
        # Odoo checks the rules of records at hand in Python (``filtered_domain``), reading this
        # value: it must be as true as the search, for the user and not the superuser.
        domain = self._tenant_read_rule_domain()
        readable = self.sudo().filtered_domain(domain) if domain else self
        for dispute in self:
            dispute.tenant_readable = dispute in readable

    def _search_tenant_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the readable disputes with = True or = False only."))
        domain = self._tenant_read_rule_domain() or [(1, "=", 1)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _tenant_read_rule_domain(self):
        """tenant.dispute's read rules for the user whose access is checked, as one domain.

        Rules are evaluated with the superuser flag (``_apply_ir_rules``, ``_check_access``): it is
        dropped here to get the rules of ``env.uid``. Under a real ``sudo()`` no rule is evaluated
        at all, so this is never asked for the superuser's sake."""
        return expression.normalize_domain(
            self.env["ir.rule"].sudo(False)._compute_domain(self._name, "read") or []
        )

    # Confidentiality -----------------------------------------------------------------------------

    def _tenant_check_confidential(self, vals_list):
        """Only a dispute officer marks a dispute confidential or lifts the mark: a committee member
        or a manager lifting it would show the case to every staff member of the property."""
        if self.env.su or self.env.user.has_group(OFFICER):
            return
        for vals in vals_list:
            if "confidential" not in vals:
                continue
            current = set(self.mapped("confidential")) if self else {False}
            if current != {bool(vals["confidential"])}:
                raise UserError(
                    self.env._(
                        "Only a dispute officer can mark a dispute confidential or make it public again: "
                        "ask one."
                    )
                )

    # Closed disputes ------------------------------------------------------------------------------

    @api.model
    def _tenant_closed_writable_fields(self):
        """What may change on a closed dispute: archiving. The chatter, followers and activities
        are records of their own and stay open."""
        return {"active"}

    def _tenant_check_open(self):
        """Refuse to change a closed dispute (or its parties). A dispute officer reopens it by moving
        its level back to an open one: the move is tracked, and the dispute is editable again."""
        if self.env.su and self.env.context.get("tenant_dispute_migrating"):
            return  # an upgrade completing the record of past disputes (see migrations/)
        closed = self.filtered("is_closed")
        if closed:
            raise UserError(
                self.env._(
                    "Dispute %(name)s is closed: it can be archived, and discussed in its chatter, but not "
                    "changed. A dispute officer can reopen it by moving it back to an open level.",
                    name=closed[0].name,
                )
            )

    # CRUD -----------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # The access right first: someone who may not create disputes at all (a portal user) is
        # told so, not that only an officer marks a dispute confidential.
        self.check_access("create")
        self._tenant_check_confidential(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._tenant_check_confidential([vals])
        if set(vals) - self._tenant_closed_writable_fields():
            closed = self.filtered("is_closed")
            level = self.env["tenant.dispute.level"].browse(vals.get("level_id"))
            reopening = (
                "level_id" in vals
                and not level.is_closed
                and (self.env.su or self.env.user.has_group(OFFICER))
            )
            if closed and not reopening:
                closed._tenant_check_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """A dispute is a record of what was claimed and decided: it is archived, never deleted
        (the access rights give nobody the right; this says what to do instead)."""
        raise UserError(
            self.env._("Disputes are never deleted: archive the dispute instead (Actions › Archive).")
        )
