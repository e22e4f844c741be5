# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident portal for community events and owner meetings: list and register."""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal import MAX_PG_INT, _own_occupancies, _portal_post_route


class TenantEventPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "tenant_event_count" in counters:
            values["tenant_event_count"] = len(self._tenant_events())
        return values

    # Helpers ------------------------------------------------------------------------------------

    def _tenant_event_property_ids(self):
        """The properties where the user currently lives, from their own occupancies."""
        return _own_occupancies([("is_current", "=", True)]).property_id.ids

    def _tenant_events(self):
        """Upcoming events of the user's properties, as sudo records.

        sudo is safe here: portal users have no access to event.event, and the set of properties
        was computed from the user's own occupancies above, so only events addressed to one of
        their properties are read; the templates show nothing but date, place and seats.
        """
        property_ids = self._tenant_event_property_ids()
        Event = request.env["event.event"].sudo()
        if not property_ids:
            return Event
        return Event.search(Event._get_tenant_portal_domain(property_ids), order="date_begin, id")

    def _tenant_registered_event_ids(self, events):
        # sudo, as above: only the user's own partner's registrations on their events are read.
        registrations = (
            request.env["event.registration"]
            .sudo()
            .search(
                [
                    ("event_id", "in", events.ids),
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        return set(registrations.event_id.ids)

    # Routes -------------------------------------------------------------------------------------

    @http.route(["/my/events"], type="http", auth="user", website=True)
    def portal_my_tenant_events(self, registered=None, refused=None, **kw):
        events = self._tenant_events()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "tenant_event",
                "tenant_events": events,
                "registered_event_ids": self._tenant_registered_event_ids(events),
                "registered": registered,
                "refused": refused,
            }
        )
        return request.render("tenant_relations.portal_my_tenant_events", values)

    @_portal_post_route(["/my/events/<int:event_id>/register"])
    def portal_tenant_event_register(self, event_id, **kw):
        if not 0 < event_id <= MAX_PG_INT:
            return request.redirect("/my/events")
        events = self._tenant_events()
        event = events.filtered(lambda e: e.id == event_id)
        # Only an event of one of the user's properties, still open with seats left.
        if not event or not event.event_registrations_open:
            return request.redirect("/my/events?refused=1")
        if event.id in self._tenant_registered_event_ids(event):
            return request.redirect("/my/events?registered=1")
        partner = request.env.user.partner_id
        # sudo is safe: the event was checked above to be one of the user's own, open and with
        # seats; the registration is made for the user's own partner only.
        request.env["event.registration"].sudo().create(
            {
                "event_id": event.id,
                "partner_id": partner.id,
                "name": partner.name,
                "email": partner.email,
                "phone": partner.phone,
            }
        )
        return request.redirect("/my/events?registered=1")
