# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROLE_FIELDS = {"owner": "for_owners", "tenant": "for_tenants", "resident": "for_residents"}


class TenantAudienceMixin(models.AbstractModel):
    """Whom a mailing to residents (a notice, a greeting campaign) addresses, by role and property.

    An audience belongs to one company, whose residents it reaches; the inheriting model holds
    ``property_ids`` (a relation table of its own).
    """

    _name = "tenant.audience.mixin"
    _description = "Resident Audience"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    for_owners = fields.Boolean(string="Owners", default=True)
    for_tenants = fields.Boolean(string="Tenants", default=True)
    for_residents = fields.Boolean(string="Household Members", default=True)

    @api.constrains("company_id", "property_ids")
    def _check_property_company(self):
        for record in self:
            if record.property_ids.company_id - record.company_id:
                raise ValidationError(
                    self.env._(
                        "%(record)s can only address properties of %(company)s.",
                        record=record.display_name,
                        company=record.company_id.name,
                    )
                )

    def _get_audience_roles(self):
        """The occupancy roles addressed: owner, tenant, resident."""
        self.ensure_one()
        return [role for role, field in ROLE_FIELDS.items() if self[field]]

    def _get_audience_properties(self):
        """The properties addressed; empty: every property of the company."""
        self.ensure_one()
        return self.property_ids

    def _get_audience_domain(self):
        """Current occupancies addressed; override to narrow or widen the audience."""
        self.ensure_one()
        domain = [
            ("is_current", "=", True),
            ("company_id", "=", self.company_id.id),
            ("role", "in", self._get_audience_roles()),
        ]
        properties = self._get_audience_properties()
        if properties:
            domain.append(("property_id", "in", properties.ids))
        return domain
