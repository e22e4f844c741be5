# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models


class EventRegistration(models.Model):
    """Residents earn loyalty points (忠诚度计划) for attending community events."""

    _inherit = "event.registration"

    tenant_points_awarded = fields.Boolean(
        string="Attendance Points Awarded",
        readonly=True,
        copy=False,
        help="The attendee already earned the event points for this registration: "
        "marking attendance again gives nothing more.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        # Registrations can be created directly as attended (e.g. imports, walk-ins at the desk).
        registrations.filtered(lambda reg: reg.state == "done")._tenant_award_attendance_points()
        return registrations

    def write(self, vals):
        res = super().write(vals)
        # Attendance is marked by writing the state (action_set_done, the barcode scanner,
        # the attendee list): award after the write so a refused write awards nothing.
        if vals.get("state") == "done":
            self._tenant_award_attendance_points()
        return res

    def _tenant_attendance_points_candidates(self):
        """Attended registrations of property events not yet rewarded; override to narrow."""
        return self.filtered(
            lambda reg: (
                reg.state == "done"
                and not reg.tenant_points_awarded
                and reg.partner_id
                and reg.event_id.tenant_property_ids
            )
        )

    def _tenant_award_attendance_points(self):
        """Give the "event" earning-rule points once per event to attendees who live here.

        One residency query for the whole batch and at most one award per event.
        """
        points = self.env["res.partner"]._tenant_rule_points("event")
        if not points:
            return
        # sudo: registration-desk users mark attendance without any Tenant Relations rights;
        # reading the events' properties and whether the attendees currently live in a unit
        # only decides eligibility here and is never shown to them.
        candidates = self.sudo()._tenant_attendance_points_candidates()
        if not candidates:
            return
        # Residents of the event's own properties only: an event of one property cannot reward
        # the residents of another (whoever runs the registration desk).
        groups = (
            self.env["tenant.occupancy"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", candidates.partner_id.ids),
                    ("property_id", "in", candidates.event_id.tenant_property_ids.ids),
                    ("is_current", "=", True),
                ],
                ["partner_id", "property_id"],
            )
        )
        residents = set(groups)
        # Company users earn no points (_tenant_award_points skips them): their registrations
        # are not flagged as rewarded either.
        internal = set(self.env["res.partner"]._tenant_internal_partner_ids(candidates.partner_id.ids))
        eligible = candidates.filtered(
            lambda reg: (
                reg.partner_id.id not in internal
                and any((reg.partner_id, prop) in residents for prop in reg.event_id.tenant_property_ids)
            )
        )
        if not eligible:
            return
        # Once per event and attendee: a resident who books seats for family members (several
        # registrations under their name) earns the points of one attendance.
        Partner = self.env["res.partner"]
        by_event = defaultdict(dict)
        for registration in Partner._tenant_first_unrewarded(eligible, "event_id"):
            by_event[registration.event_id][registration.partner_id.id] = points
        for event, partner_points in by_event.items():
            # _tenant_award_points writes the loyalty cards and ledger with sudo itself, so
            # users without loyalty rights can mark attendance.
            Partner._tenant_award_points(
                partner_points, lambda env, event=event: env._("Attended: %(event)s", event=event.name)
            )
        # ``eligible`` is sudo (see above): the flag is readonly in the interface and only
        # records that the points were given, whoever marked the attendance.
        eligible.write({"tenant_points_awarded": True})
