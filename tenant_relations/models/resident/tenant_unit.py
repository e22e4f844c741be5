# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import escape_psql


class TenantUnit(models.Model):
    """A unit (房屋/单元) of a property: a flat, shop, office, parking space or storage room."""

    _name = "tenant.unit"
    _description = "Unit"
    _inherit = ["tenant.rule.guard.mixin", "mail.thread"]
    _order = "property_id, building, floor, number"
    _rec_names_search = ["code", "number", "property_id.name"]

    property_id = fields.Many2one(
        "tenant.property", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="property_id.company_id", store=True, index=True)
    building = fields.Char(string="Building / Block")
    floor = fields.Integer()
    number = fields.Char(required=True)
    code = fields.Char(
        required=True,
        compute="_compute_code",
        store=True,
        readonly=False,
        precompute=True,
        help="Unique within the property, e.g. 3-2-1201 for building 3, entrance 2, flat 1201. "
        "Left empty, it is made of the building and the number (1-1501).",
    )
    area = fields.Float(string="Area (m²)", digits=(10, 2))
    usage = fields.Selection(
        [
            ("residence", "Residence"),
            ("shop", "Shop"),
            ("office", "Office"),
            ("parking", "Parking space"),
            ("storage", "Storage"),
        ],
        required=True,
        default="residence",
    )
    # Occupancy and works status: staff only (a resident, or a former one, reading a unit must not
    # learn whether it stands empty).
    under_renovation = fields.Boolean(tracking=True, groups="tenant_relations.group_tenant_relations_user")
    status = fields.Selection(
        [("vacant", "Vacant"), ("occupied", "Occupied"), ("renovation", "Under renovation")],
        groups="tenant_relations.group_tenant_relations_user",
        compute="_compute_status",
        store=True,
        index=True,
        help="Under renovation when flagged, otherwise occupied while someone currently lives there.",
    )
    occupancy_ids = fields.One2many("tenant.occupancy", "unit_id", string="Occupancies")
    occupant_ids = fields.Many2many(
        "res.partner", string="Current Occupants", compute="_compute_occupant_ids"
    )
    ticket_count = fields.Integer(string="Tickets", compute="_compute_ticket_count")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_property_uniq",
            "unique(property_id, code)",
            "Code: another unit of this property already has this code; give this unit another one.",
        ),
        ("area_positive", "CHECK(area >= 0)", "The area of a unit cannot be negative."),
    ]

    @api.depends("property_id.name", "code")
    def _compute_display_name(self):
        for unit in self:
            unit.display_name = f"{unit.property_id.name or ''} {unit.code or ''}".strip()

    @api.model
    def _search_display_name(self, operator, value):
        """Also find a unit by its name as displayed, "<property> <code>" (Green Lake Gardens 1-1501):
        what staff copy from a list into a sheet to import, and what a many2one shows."""
        domain = super()._search_display_name(operator, value)
        if operator in ("=", "ilike", "=ilike") and isinstance(value, str) and " " in value.strip():
            property_name, _space, code = value.strip().rpartition(" ")
            name_operator = "=ilike" if operator == "=" else operator
            domain = expression.OR(
                [
                    domain,
                    [("property_id.name", name_operator, property_name.strip()), ("code", "=ilike", code)],
                ]
            )
        return domain

    @api.depends("building", "number")
    def _compute_code(self):
        """A unit's code as staff say it, building-number (1-1501), unless one was typed.

        The code follows the building and the number in whatever order they are typed (a number
        typed before the building first gave "1501", which then stayed), and when either is
        corrected; a code typed in another shape (3-2-1201: building, entrance, flat) is kept.
        """
        for unit in self:
            if unit.number and unit._tenant_code_is_default():
                unit.code = unit._tenant_default_code()

    @api.depends("under_renovation", "occupancy_ids.is_current")
    def _compute_status(self):
        for unit in self:
            if unit.under_renovation:
                unit.status = "renovation"
            elif any(unit.occupancy_ids.mapped("is_current")):
                unit.status = "occupied"
            else:
                unit.status = "vacant"

    @api.depends("occupancy_ids.is_current", "occupancy_ids.partner_id")
    def _compute_occupant_ids(self):
        for unit in self:
            unit.occupant_ids = unit.occupancy_ids.filtered("is_current").partner_id

    def _compute_ticket_count(self):
        counts = dict(
            self.env["tenant.ticket"]._read_group([("unit_id", "in", self.ids)], ["unit_id"], ["__count"])
        )
        for unit in self:
            unit.ticket_count = counts.get(unit, 0)

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_ticket_action")
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action

    def _tenant_code_is_default(self):
        """Whether the unit's code is empty or one the system made from an earlier building or
        number: the number alone (typed before the building), or building-number where either
        part is the current one (the other one being corrected). A code of another shape was
        typed by hand."""
        self.ensure_one()
        code = (self.code or "").strip()
        building = (self.building or "").strip()
        number = (self.number or "").strip()
        if not code or code == number:
            return True
        head, dash, tail = code.rpartition("-")
        return bool(dash and "-" not in head and ((building and tail == number) or head == building))

    def _tenant_default_code(self):
        """The code of a unit left without one: building-number, or the number alone."""
        self.ensure_one()
        building = (self.building or "").strip()
        number = (self.number or "").strip()
        return f"{building}-{number}" if building else number

    @api.model
    def _tenant_find_by_code(self, value):
        """The units, among those the user may read, that a sheet or a caller means by ``value``:
        the unit's name as displayed ("翠湖花园 1-1501"), else its bare code ("1-1501"), which may
        be the code of units in several properties. Extra spaces and case do not matter; archived
        units are not found."""
        value = " ".join((value or "").split())
        if not value:
            return self.browse()
        property_name, _space, code = value.rpartition(" ")
        if property_name:
            units = self.search(
                [
                    ("property_id.name", "=ilike", escape_psql(property_name)),
                    ("code", "=ilike", escape_psql(code)),
                ]
            )
            if units:
                return units
        return self.search([("code", "=ilike", escape_psql(value))])
