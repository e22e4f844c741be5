# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Links do not open the past (issue 12, finding 1).

A property that records a person another property already knows gets a link awaiting
confirmation: nothing of what the other property recorded (the resident profile), no portal and
no points follow from it until staff of the other property, a Tenant Relations manager or the
person confirms it. Never the property being linked to.
"""

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from .common import (
    PortalCase,
    TenantRelationsCase,
    call_kw,
    community_event,
    migration_script,
    portal_user,
    staff_user,
)


class LinkCase(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A resident of property B, with a profile only B's staff read.
        cls.stranger = cls.env["res.partner"].create({"name": "赵敏", "email": "zhao@example.com"})
        cls.occupy(cls.unit_b1, cls.stranger)
        cls.profile = cls.env["tenant.profile"].create(
            {"partner_id": cls.stranger.id, "special_needs": "wheelchair", "vehicle_plates": "沪A12345"}
        )
        cls.today = fields.Date.context_today(cls.env["tenant.occupancy"])

    def link_as_a(self, partner=None, **vals):
        """Staff of property A record ``partner`` (the stranger) in a unit of A, moving in today."""
        return (
            self.env["tenant.occupancy"]
            .with_user(self.staff_a)
            .create(
                {
                    "unit_id": self.unit_a1.id,
                    "partner_id": (partner or self.stranger).id,
                    "role": "resident",
                    "move_in_date": self.today,
                    **vals,
                }
            )
        )

    def log_of(self, partner):
        return self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", partner.id)], order="id"
        )


@tagged("post_install", "-at_install")
class TestOccupancyLinks(LinkCase):
    def test_link_to_another_propertys_resident_opens_no_profile(self):
        link = self.link_as_a()
        Profile = self.env["tenant.profile"].with_user(self.staff_a)
        self.assertFalse(Profile.search([("partner_id", "=", self.stranger.id)]))
        with self.assertRaises(AccessError):
            self.profile.with_user(self.staff_a).read(["special_needs"])
        with self.assertRaises(AccessError):
            self.profile.with_user(self.staff_a).write({"special_needs": "none"})
        self.assertNotIn(self.unit_a1, self.stranger.tenant_unit_ids)
        self.assertFalse(link.is_current, "a link awaiting confirmation is not current")
        self.assertEqual(link.state, "pending")

    def test_linking_property_cannot_force_a_link_current(self):
        """Found by the red team on the demo: ``is_current`` is stored and computed; written
        directly it opened the profile, points and the contact of a pending link."""
        link = self.link_as_a()
        with self.assertRaises(AccessError):
            link.with_user(self.staff_a).write({"is_current": True})
        with self.assertRaises(AccessError):
            self.link_as_a(unit_id=self.unit_a2.id, is_current=True)
        link.invalidate_recordset()
        self.assertFalse(link.is_current)
        with self.assertRaises(AccessError):
            self.profile.with_user(self.staff_a).read(["special_needs"])

    def test_link_about_to_move_in_opens_no_profile_either(self):
        self.link_as_a(move_in_date="2099-01-01")
        with self.assertRaises(AccessError):
            self.profile.with_user(self.staff_a).read(["special_needs"])

    def test_linking_property_cannot_confirm_its_own_link(self):
        link = self.link_as_a()
        with self.assertRaises(AccessError):
            link.with_user(self.staff_a).action_tenant_confirm()
        with self.assertRaises(AccessError):
            link.with_user(self.staff_a).write({"state": "confirmed"})
        forced = self.link_as_a(unit_id=self.unit_a2.id, state="confirmed")
        self.assertEqual(forced.state, "pending", "the state is never taken from the caller")
        self.assertEqual(link.state, "pending")

    def test_person_new_to_the_firm_is_linked_at_once(self):
        newcomer = self.env["res.partner"].create({"name": "New Person"})
        link = self.link_as_a(newcomer)
        self.assertEqual(link.state, "confirmed")
        self.assertTrue(link.is_current)

    def test_staff_of_the_persons_property_confirm(self):
        link = self.link_as_a()
        link.with_user(self.staff_b).action_tenant_confirm()
        self.assertEqual(link.state, "confirmed")
        self.assertTrue(link.is_current)
        self.assertEqual(self.profile.with_user(self.staff_a).special_needs, "wheelchair")

    def test_manager_confirms_and_links_at_once(self):
        link = self.link_as_a()
        link.with_user(self.manager).action_tenant_confirm()
        self.assertEqual(link.state, "confirmed")
        by_manager = (
            self.env["tenant.occupancy"]
            .with_user(self.manager)
            .create({"unit_id": self.unit_a2.id, "partner_id": self.stranger.id, "role": "resident"})
        )
        self.assertEqual(by_manager.state, "confirmed", "company-level managers link at once")

    def test_moving_a_link_to_another_person_needs_confirming_again(self):
        newcomer = self.env["res.partner"].create({"name": "New Person"})
        link = self.link_as_a(newcomer)
        link.with_user(self.staff_a).write({"partner_id": self.stranger.id})
        self.assertEqual(link.state, "pending")
        self.assertFalse(link.is_current)

    def test_declined_link_is_archived(self):
        link = self.link_as_a()
        with self.assertRaises(AccessError):
            link.with_user(self.staff_a).action_tenant_decline()
        link.with_user(self.staff_b).action_tenant_decline()
        self.assertFalse(link.active)
        self.assertEqual(link.state, "pending")

    def test_staff_archive_not_delete_and_the_life_of_a_link_is_logged(self):
        link = self.link_as_a()
        with self.assertRaises(UserError):
            link.with_user(self.staff_a).unlink()
        link.with_user(self.staff_b).action_tenant_confirm()
        link.with_user(self.staff_a).write({"move_out_date": self.today})
        link.with_user(self.staff_a).action_archive()
        self.assertTrue(link.exists())
        bodies = self.log_of(self.stranger).mapped("body")
        text = " ".join(bodies)
        for expected in (
            "Recorded as Household member",
            "awaits confirmation",
            "confirmed",
            "Moves out",
            "archived",
        ):
            self.assertIn(expected, text)
        authors = self.log_of(self.stranger).author_id
        self.assertIn(self.staff_a.partner_id, authors, "the log says who linked")
        self.assertIn(self.staff_b.partner_id, authors, "and who confirmed")
        # Managers may still delete.
        link.with_user(self.manager).unlink()


@tagged("post_install", "-at_install")
class TestLinkPoints(LinkCase):
    def award(self, user, partner, points):
        wizard = (
            self.env["tenant.points.wizard"]
            .with_user(user)
            .create({"partner_id": partner.id, "operation": "award", "reason": "manual", "points": points})
        )
        return wizard.action_confirm()

    def test_pending_link_earns_no_points(self):
        self.link_as_a()
        with self.assertRaises(AccessError):
            self.award(self.staff_a, self.stranger, 10000)
        self.assertFalse(self.loyalty_history(self.stranger))

    def test_event_of_the_linking_property_pays_no_pending_link(self):
        self.env["ir.config_parameter"].set_param("tenant_relations.loyalty_points_event", 20)
        self.link_as_a()
        event = community_event(self.env, "Garden Party", self.property_a)
        registration = self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": self.stranger.id}
        )
        desk = new_test_user(self.env, "links_desk", groups="event.group_event_registration_desk")
        registration.with_user(desk).action_set_done()
        self.assertFalse(registration.tenant_points_awarded)
        self.assertFalse(self.loyalty_history(self.stranger))

    def test_points_are_whole(self):
        self.occupy(self.unit_a1, self.owner)
        with self.assertRaises(ValidationError):
            self.award(self.staff_a, self.owner, 0.001)
        with self.assertRaises(ValidationError):
            self.env["res.partner"]._tenant_award_points({self.owner.id: 2.5}, "x")
        self.assertFalse(self.loyalty_history(self.owner))

    def test_manual_points_have_a_monthly_limit_per_staff_member(self):
        self.occupy(self.unit_a1, self.owner)
        self.occupy(self.unit_a2, self.tenant, role="tenant")
        self.award(self.staff_a, self.owner, 10000)
        self.award(self.staff_a, self.tenant, 10000)
        with self.assertRaises(UserError):
            self.award(self.staff_a, self.owner, 1)
        self.assertEqual(sum(self.loyalty_history(self.owner | self.tenant).mapped("issued")), 20000)
        # Another staff member has their own allowance; earning rules are not counted.
        self.occupy(self.unit_b1, self.owner)
        self.award(self.staff_b, self.owner, 100)
        self.env["ir.config_parameter"].set_param(
            "tenant_relations.loyalty_points_staff_monthly_limit", "20001"
        )
        self.award(self.staff_a, self.owner, 1)

    def test_limit_setting_is_for_settings_administrators(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.manager).create(
                {"tenant_points_staff_monthly_limit": 10**9}
            )

    def test_fee_payment_on_a_pending_link_earns_nothing(self):
        self.link_as_a()
        with self.assertRaises(ValidationError):
            self.env["tenant.fee.payment"].with_user(self.staff_a).create(
                {
                    "unit_id": self.unit_a1.id,
                    "partner_id": self.stranger.id,
                    "period": "2026-10",
                    "due_date": "2026-10-15",
                    "paid_date": "2026-10-10",
                }
            )
        self.assertFalse(self.loyalty_history(self.stranger))

    def test_fee_payment_earns_for_residents_of_the_payments_property_only(self):
        # A former occupant of A who now lives in B: a payment recorded on their old unit in A
        # gives A's points to no resident of A.
        self.occupy(self.unit_a2, self.stranger, move_in="2020-01-01", move_out="2021-01-01")
        payment = (
            self.env["tenant.fee.payment"]
            .with_user(self.staff_a)
            .create(
                {
                    "unit_id": self.unit_a2.id,
                    "partner_id": self.stranger.id,
                    "period": "2026-10",
                    "due_date": "2026-10-15",
                    "paid_date": "2026-10-10",
                }
            )
        )
        self.assertFalse(payment.points_awarded)
        self.assertFalse(self.loyalty_history(self.stranger))

    def test_renewal_of_a_pending_link_earns_nothing(self):
        link = self.link_as_a(role="tenant", lease_start=self.today, lease_end="2027-01-01")
        link.with_user(self.staff_a).write({"lease_end": "2030-01-01"})
        self.assertFalse(self.loyalty_history(self.stranger))

    def test_referral_filed_by_staff_pays_no_resident_of_another_property(self):
        referral = (
            self.env["tenant.referral"]
            .with_user(self.staff_a)
            .create(
                {
                    "name": "Friend",
                    "referrer_id": self.stranger.id,
                    "email": "friend@example.com",
                    "property_id": self.property_a.id,
                }
            )
        )
        friend = self.env["res.partner"].create({"name": "Friend", "email": "friend@example.com"})
        self.link_as_a(friend, role="owner")
        self.assertEqual(referral.sudo().state, "converted")
        self.assertFalse(self.loyalty_history(self.stranger))

    def test_pending_link_converts_no_referral_until_confirmed(self):
        # A former resident of B (no current home: a referral naming them is no resident match).
        former = self.env["res.partner"].create({"name": "Former", "email": "former@example.com"})
        self.occupy(self.unit_b1, former, role="tenant", move_in="2020-01-01", move_out="2021-01-01")
        referral = self.env["tenant.referral"].create(
            {"name": "Former", "referrer_id": self.owner.id, "email": "former@example.com"}
        )
        self.occupy(self.unit_a2, self.owner)
        link = self.link_as_a(former, role="owner")
        self.assertEqual(link.state, "pending")
        self.assertEqual(referral.state, "new")
        link.with_user(self.staff_b).action_tenant_confirm()
        self.assertEqual(referral.state, "converted")


@tagged("post_install", "-at_install")
class TestLinkMigration(LinkCase):
    def test_shipped_rules_are_brought_up_to_date(self):
        module = migration_script("18.0.1.5.0", "post-links")
        for xmlid, (old, new) in module.DOMAINS.items():
            rule = self.env.ref(f"tenant_relations.{xmlid}")
            self.assertEqual(module._normalize(rule.domain_force), module._normalize(new), xmlid)
            rule.domain_force = old
        custom = self.env.ref("tenant_relations.tenant_profile_rule_user")
        custom.domain_force = "[(1, '=', 1)]"
        module.migrate(self.env.cr, "18.0.1.4.0")
        self.assertEqual(custom.domain_force, "[(1, '=', 1)]", "a rewritten rule is left alone")
        for xmlid, (_old, new) in module.DOMAINS.items():
            if xmlid != "tenant_profile_rule_user":
                rule = self.env.ref(f"tenant_relations.{xmlid}")
                self.assertEqual(module._normalize(rule.domain_force), module._normalize(new), xmlid)


@tagged("post_install", "-at_install")
class TestLinkPortal(PortalCase):
    """The resident answers over real HTTP; the linking property cannot confirm over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_a = staff_user(cls.env, "links_staff_a")
        Property = cls.env["tenant.property"]
        prop_a = Property.create({"name": "A", "code": "LKA", "manager_id": cls.staff_a.id})
        prop_b = Property.create({"name": "B", "code": "LKB"})
        cls.unit_a = cls.env["tenant.unit"].create(
            {"property_id": prop_a.id, "number": "101", "code": "LKA-101"}
        )
        unit_b = cls.env["tenant.unit"].create({"property_id": prop_b.id, "number": "201", "code": "LKB-201"})
        cls.resident = cls.env["res.partner"].create({"name": "Resident B", "email": "rb@example.com"})
        cls.env["tenant.occupancy"].create({"unit_id": unit_b.id, "partner_id": cls.resident.id})
        cls.resident_user = portal_user(cls.env, "links_resident", cls.resident)

    def make_link(self):
        return (
            self.env["tenant.occupancy"]
            .with_user(self.staff_a)
            .create({"unit_id": self.unit_a.id, "partner_id": self.resident.id, "role": "resident"})
        )

    def test_linking_manager_cannot_confirm_over_rpc(self):
        link = self.make_link()
        self.authenticate("links_staff_a", "links_staff_a")
        for method, args in (
            ("write", [[link.id], {"state": "confirmed"}]),
            ("action_tenant_confirm", [[link.id]]),
        ):
            with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
                call_kw(self, "tenant.occupancy", method, *args)
        link.invalidate_recordset()
        self.assertEqual(link.state, "pending")

    def test_resident_confirms_in_the_portal(self):
        link = self.make_link()
        self.authenticate("links_resident", "links_resident")
        page = self.url_open("/my")
        self.assertIn("o_tenant_pending_links", page.text)
        self.assertIn("LKA-101", page.text)
        response = self.url_open(
            f"/my/occupancy/{link.id}/confirm", data={"csrf_token": http.Request.csrf_token(self)}
        )
        self.assertEqual(response.status_code, 200)
        link.invalidate_recordset()
        self.assertEqual(link.state, "confirmed")
        self.assertTrue(link.is_current)

    def test_resident_declines_and_nobody_else_answers(self):
        link = self.make_link()
        other = self.env["res.partner"].create({"name": "Other", "email": "other@example.com"})
        portal_user(self.env, "links_other", other)
        self.authenticate("links_other", "links_other")
        response = self.url_open(
            f"/my/occupancy/{link.id}/confirm", data={"csrf_token": http.Request.csrf_token(self)}
        )
        self.assertEqual(response.status_code, 404)
        self.authenticate("links_resident", "links_resident")
        response = self.url_open(
            f"/my/occupancy/{link.id}/decline", data={"csrf_token": http.Request.csrf_token(self)}
        )
        self.assertEqual(response.status_code, 200)
        link.invalidate_recordset()
        self.assertFalse(link.active)
        self.assertFalse(link.is_current)
