# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

SESSION_MODEL = "tenant.mediation.session"


class CalendarEvent(models.Model):
    """A session's calendar event is read by whoever reads the session, its organiser and its
    attendees; nobody else.

    Odoo hides a private event's fields when it is read, not when it is searched, and any employee
    may search events and attendees: without a rule, staff who cannot read a dispute could learn who
    attends its sessions, or guess its video link one ``search_count`` at a time. The global rules of
    ``security/calendar_rules.xml`` use ``tenant_session_readable``, whose search is the sessions' own
    record rules for the user being checked (rule domains are evaluated as superuser, hence the
    ``sudo(False)``), as ``tenant.dispute.tenant_readable`` does for the dispute's parts."""

    _inherit = "calendar.event"

    tenant_session_readable = fields.Boolean(
        string="Session Readable",
        compute="_compute_tenant_session_readable",
        search="_search_tenant_session_readable",
        help="Technical: not a mediation session's event, or one the current user may see.",
    )

    @api.depends_context("uid")
    def _compute_tenant_session_readable(self):
        # Odoo checks the rules of records at hand in Python, reading this value: as true as the search.
        readable = self.sudo().filtered_domain(self._tenant_session_readable_domain())
        for event in self:
            event.tenant_session_readable = event in readable

    def _search_tenant_session_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the readable events with = True or = False only."))
        domain = self._tenant_session_readable_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _tenant_session_readable_domain(self):
        user = self.env.user
        # An employee without access to sessions reads none (searching them would raise).
        readable = self.env["ir.model.access"].sudo(False).check(SESSION_MODEL, "read", raise_exception=False)
        sessions = self.env[SESSION_MODEL].sudo(False)._search([]) if readable else []
        return [
            "|",
            "|",
            ("res_model", "!=", SESSION_MODEL),
            ("res_id", "in", sessions),
            "|",
            ("user_id", "=", user.id),
            ("partner_ids", "in", user.partner_id.ids),
        ]
