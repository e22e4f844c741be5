# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


def path_in_language(env, lang, path):
    """``path`` behind the language prefix of ``lang`` (/zh_CN/survey/...), as Odoo's routing
    serves a page in a language. With one language there is no prefix to give; a prefix of the
    default language is redirected to the plain path by Odoo's routing."""
    Lang = env["res.lang"]
    if lang and len(Lang._get_active_by("code")) > 1:
        url_code = Lang._get_data(code=lang).url_code
        if url_code:
            return f"/{url_code}{path}"
    return path


class SurveyUserInput(models.Model):
    """An invitation of a campaign is an answer of Odoo's survey app, tied to its campaign.

    The resident's property, building and role are frozen on the answer when it is sent: a later
    move (or a role changed) does not move the answer to another property's score.
    """

    _inherit = "survey.user_input"

    tenant_campaign_id = fields.Many2one(
        "tenant.survey.campaign",
        string="Campaign",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        copy=False,
    )
    tenant_property_id = fields.Many2one(
        "tenant.property", string="Property", index="btree_not_null", readonly=True, copy=False
    )
    tenant_building = fields.Char(string="Building", readonly=True, copy=False)
    tenant_role = fields.Selection(
        [("owner", "Owner"), ("tenant", "Tenant"), ("resident", "Household Member")],
        string="Role",
        readonly=True,
        copy=False,
    )

    _sql_constraints = [
        # One invitation per resident and campaign: a rerun, a second worker or a reminder
        # reuses the answer, never makes another.
        (
            "tenant_campaign_partner_uniq",
            "UNIQUE (tenant_campaign_id, partner_id)",
            "A resident is invited to a campaign once.",
        ),
    ]

    def _tenant_check_campaign_open(self):
        """A closed campaign takes no more answers (its scores are final)."""
        closed = self.filtered(lambda answer: answer.tenant_campaign_id.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "The survey campaign %(campaign)s is closed: it takes no more answers.",
                    campaign=closed[0].tenant_campaign_id.name,
                )
            )

    def _save_lines(self, question, answer, comment=None, overwrite_existing=True):
        self._tenant_check_campaign_open()
        return super()._save_lines(question, answer, comment=comment, overwrite_existing=overwrite_existing)

    def _mark_done(self):
        self._tenant_check_campaign_open()
        return super()._mark_done()

    def _tenant_invitation_url(self):
        """The answer's link, in its resident's language (a language prefix, as Odoo's portal
        links carry one), so that the survey opens in the language the mail is written in."""
        self.ensure_one()
        return path_in_language(self.env, self.partner_id.lang, self.get_start_url())

    @api.model
    def _tenant_open_invitations(self, partner):
        """The open invitations of ``partner``: answers of running campaigns not finished."""
        return self.search(
            [
                ("partner_id", "=", partner.id),
                ("tenant_campaign_id.state", "=", "running"),
                ("state", "!=", "done"),
            ]
        )
