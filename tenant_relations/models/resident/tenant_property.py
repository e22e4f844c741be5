# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class TenantProperty(models.Model):
    """A managed property (物业项目): a residential community, an apartment or office building."""

    _name = "tenant.property"
    _description = "Property"
    _inherit = ["tenant.rule.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("residential", "Residential community"),
            ("apartment", "Apartment building"),
            ("commercial", "Commercial / office building"),
            ("mixed", "Mixed use"),
        ],
        required=True,
        default="residential",
        tracking=True,
    )
    street = fields.Char()
    city = fields.Char()
    zip = fields.Char()
    country_id = fields.Many2one("res.country")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    hotline = fields.Char(
        string="24-hour Hotline",
        help="The number residents call in an emergency, day and night; shown on the portal's request "
        "form. Without it the company's phone is shown.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Property Manager",
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
        help="Manager responsible for this property; sees it and its units.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "tenant_property_user_rel",
        "property_id",
        "user_id",
        string="Staff",
        domain=[("share", "=", False)],
        help="Staff assigned to this property; they see it and its units.",
    )
    delivery_date = fields.Date(
        help="Date the units were handed over to their owners (交房日期).",
    )
    unit_ids = fields.One2many("tenant.unit", "property_id", string="Units")
    unit_count = fields.Integer(compute="_compute_counts")
    resident_count = fields.Integer(compute="_compute_counts")
    ticket_count = fields.Integer(string="Tickets", compute="_compute_ticket_count")
    # Back-office notes: staff only. Residents may read their own property (its name, its hotline),
    # never what the firm writes about it.
    note = fields.Html(groups="tenant_relations.group_tenant_relations_user")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The property code must be unique within a company.",
        ),
    ]

    @api.depends("unit_ids")
    def _compute_counts(self):
        units = dict(
            self.env["tenant.unit"]._read_group(
                [("property_id", "in", self.ids)], ["property_id"], ["__count"]
            )
        )
        residents = dict(
            self.env["tenant.occupancy"]._read_group(
                [("property_id", "in", self.ids), ("is_current", "=", True)],
                ["property_id"],
                ["partner_id:count_distinct"],
            )
        )
        for prop in self:
            prop.unit_count = units.get(prop, 0)
            prop.resident_count = residents.get(prop, 0)

    def _compute_ticket_count(self):
        counts = dict(
            self.env["tenant.ticket"]._read_group(
                [("property_id", "in", self.ids)], ["property_id"], ["__count"]
            )
        )
        for prop in self:
            prop.ticket_count = counts.get(prop, 0)

    def action_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_unit_action")
        action["domain"] = [("property_id", "=", self.id)]
        action["context"] = {"default_property_id": self.id}
        return action

    def action_add_unit(self):
        """A new unit of this property, in a dialog over its form: how its staff and manager add
        units, to whom the property's form, and so its units tab, is read-only (only Tenant
        Relations managers may edit a property). The unit's own rights decide whether it is saved."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Unit"),
            "res_model": "tenant.unit",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_property_id": self.id},
        }

    def action_view_residents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_occupancy_action")
        action["domain"] = [("property_id", "=", self.id)]
        action["context"] = {"search_default_current": 1}
        return action

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_ticket_action")
        action["domain"] = [("property_id", "=", self.id)]
        action["context"] = {"default_property_id": self.id}
        return action

    def _emergency_hotline(self):
        """The number to call in an emergency: the property's hotline, else the company's phone."""
        self.ensure_one()
        return self.hotline or self.company_id.phone or False
