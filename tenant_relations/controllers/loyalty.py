# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident portal for loyalty points and referrals: /my/points, /my/referrals."""

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal import _count_readable, _parse_id, _portal_post_route

MAX_FIELD_LENGTH = 200
REFERRALS_PER_DAY = 10


class TenantLoyaltyPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "referral_count" in counters:
            # The user's own rights: the portal record rule keeps only the referrals they made.
            values["referral_count"] = _count_readable(
                request.env["tenant.referral"], [("referrer_id", "=", request.env.user.partner_id.id)]
            )
        return values

    def _loyalty_own_card(self):
        """The user's own resident card, read as sudo.

        Portal users have no access right on loyalty cards at all; the search is filtered on
        the user's own partner and on the resident programme, so nothing of another resident
        can come out of it.
        """
        partner = request.env.user.partner_id
        return partner._tenant_loyalty_cards()[:1]

    @http.route(["/my/points"], type="http", auth="user", website=True)
    def portal_my_points(self, **kw):
        card = self._loyalty_own_card()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "points",
                "card": card,
                "balance": card.points if card else 0.0,
                "history": card.history_ids.sorted("id", reverse=True) if card else [],
                "point_name": card.point_name if card else request.env._("Points"),
            }
        )
        return request.render("tenant_relations.portal_my_points", values)

    def _referral_page_values(self, form=None, error=None, success=False):
        partner = request.env.user.partner_id
        # The user's own rights: the portal record rule shows only the referrals they made.
        referrals = request.env["tenant.referral"].search([("referrer_id", "=", partner.id)])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "referrals",
                "referrals": referrals,
                "form": form or {},
                "error": error,
                "success": success,
                # Property list: read with the user's rights (only their own properties).
                "properties": request.env["tenant.property"].search([]),
            }
        )
        return values

    def _referral_rate_allows(self):
        """At most REFERRALS_PER_DAY referrals a day per referrer, counted in the database from the
        referrals they filed today: signing in again does not reset it."""
        partner = request.env.user.partner_id
        return request.env["tenant.referral"]._count_referrals_today(partner) < REFERRALS_PER_DAY

    @http.route(["/my/referrals"], type="http", auth="user", methods=["GET"], website=True)
    def portal_my_referrals(self, success=None, **kw):
        return request.render(
            "tenant_relations.portal_my_referrals", self._referral_page_values(success=bool(success))
        )

    @_portal_post_route(["/my/referrals"])
    def portal_my_referrals_submit(self, **post):
        form = {
            key: (post.get(key) or "").strip()[:MAX_FIELD_LENGTH]
            for key in ("name", "phone", "email", "property_id")
        }
        error = None
        if not self._referral_rate_allows():
            error = request.env._(
                "You have sent many referrals today. Please try again tomorrow, or call the service desk."
            )
        elif not form["name"]:
            error = request.env._("Give the name of the person you are referring.")
        elif not form["phone"] and not form["email"]:
            error = request.env._("Give a phone number or an e-mail address so we can reach them.")
        property_id = False
        if not error and form["property_id"]:
            try:
                requested = _parse_id(form["property_id"])
            except ValueError:
                requested = None
            if not requested:
                error = request.env._("Choose a property from the list.")
            else:
                # Only a property the user may read (their own) can be named.
                property_id = request.env["tenant.property"].search([("id", "=", requested)]).id or False
        if not error:
            try:
                # sudo is safe here: portal users have no create right on referrals on purpose;
                # the referrer is forced to the user's own partner, the fields are whitelisted
                # above, and the model constraints (self-referral) still run. A current resident's
                # contact is recorded like any other and only flagged for staff (resident_match),
                # so that the answer and the referrer's list look the same either way.
                # The savepoint drops the refused row: the request itself is not rolled back.
                with request.env.cr.savepoint():
                    request.env["tenant.referral"].sudo().create(
                        {
                            "name": form["name"],
                            "phone": form["phone"] or False,
                            "email": form["email"] or False,
                            "property_id": property_id,
                            "referrer_id": request.env.user.partner_id.id,
                        }
                    )
            except ValidationError as exc:
                error = exc.args[0]
        if error:
            return request.render(
                "tenant_relations.portal_my_referrals", self._referral_page_values(form=form, error=error)
            )
        return request.redirect("/my/referrals?success=1")
