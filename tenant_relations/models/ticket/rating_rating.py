# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class RatingRating(models.Model):
    _inherit = "rating.rating"

    # The token rates without signing in (/rate/<token>, a public route), in the name of the person
    # asked: staff read ratings of their properties, never their tokens. Odoo's own rating code
    # reads it as sudo (_rating_get_access_token, the /rate controller).
    access_token = fields.Char(groups="base.group_system")
    # The rated ticket as a real relation, so that record rules can follow it to the ticket's
    # property and team: Odoo lets every employee read every rating (and its comment) otherwise.
    tenant_ticket_id = fields.Many2one(
        "tenant.ticket",
        string="Rated Ticket",
        compute="_compute_tenant_ticket_id",
        store=True,
        index="btree_not_null",
    )

    @api.depends("res_model", "res_id")
    def _compute_tenant_ticket_id(self):
        for rating in self:
            rating.tenant_ticket_id = rating.res_id if rating.res_model == "tenant.ticket" else False
