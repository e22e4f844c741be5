# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date

from freezegun import freeze_time

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from ..controllers.loyalty import REFERRALS_PER_DAY
from .common import TenantRelationsCase, configure_outgoing_mail


class LoyaltyCase(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env.ref("tenant_relations.loyalty_program_resident")
        cls.env["ir.config_parameter"].sudo().set_param("tenant_relations.loyalty_points_referral", 200)
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_b1, cls.tenant, role="tenant")

    def cards(self, partners):
        return (
            self.env["loyalty.card"]
            .sudo()
            .search([("program_id", "=", self.program.id), ("partner_id", "in", partners.ids)])
        )


@tagged("post_install", "-at_install")
class TestLoyaltyPoints(LoyaltyCase):
    def test_award_in_batch(self):
        Partner = self.env["res.partner"]
        Partner._tenant_award_points({self.owner.id: 100, self.tenant.id: 50}, "Lease renewal")
        cards = self.cards(self.owner | self.tenant)
        self.assertEqual(len(cards), 2, "one card per resident")
        self.assertEqual(self.owner.tenant_points, 100)
        self.assertEqual(self.tenant.tenant_points, 50)
        # A second award reuses the card and adds one ledger line.
        Partner._tenant_award_points({self.owner.id: 20}, "Community event")
        self.assertEqual(len(self.cards(self.owner | self.tenant)), 2)
        owner_card = cards.filtered(lambda c: c.partner_id == self.owner)
        self.assertEqual(sorted(owner_card.history_ids.mapped("issued")), [20, 100])
        self.owner.invalidate_recordset(["tenant_points"])
        self.assertEqual(self.owner.tenant_points, 120)

    def test_award_queries_do_not_grow(self):
        Partner = self.env["res.partner"]
        many = Partner.create([{"name": f"Resident {i}"} for i in range(10)])
        few = Partner.create([{"name": f"Other {i}"} for i in range(2)])
        Partner._tenant_award_points(dict.fromkeys(few.ids, 5), "warm-up")
        self.env.invalidate_all()
        # as for the 2 of the warm-up; one of them finds the company's users, who earn nothing
        with self.assertQueryCount(__system__=8):
            Partner._tenant_award_points(dict.fromkeys(many.ids, 5), "batch")
        self.assertEqual(len(self.cards(many)), 10)

    def test_redeem_never_below_zero(self):
        self.env["res.partner"]._tenant_award_points({self.owner.id: 30}, "Survey")
        with self.assertRaises(UserError):
            self.owner._tenant_redeem_points(31, "Too much")
        card = self.cards(self.owner)
        self.assertEqual(card.points, 30)
        self.assertEqual(len(card.history_ids), 1, "nothing written on a refused redemption")
        self.owner._tenant_redeem_points(30, "Parking fee")
        self.assertEqual(card.points, 0)
        with self.assertRaises(UserError):
            self.tenant._tenant_redeem_points(1, "No card at all")
        self.assertFalse(self.cards(self.tenant))

    def test_wizard(self):
        self.env["ir.config_parameter"].sudo().set_param("tenant_relations.loyalty_points_renewal", 80)
        Wizard = self.env["tenant.points.wizard"].with_user(self.staff_a)
        with Form(Wizard.with_context(default_partner_id=self.owner.id)) as form:
            form.reason = "renewal"
            self.assertEqual(form.points, 80)
        form.record.action_confirm()
        self.assertEqual(self.cards(self.owner).points, 80)
        # Redeeming is a manager's act (see test_security_publish).
        wizard = Wizard.with_user(self.manager).create(
            {"partner_id": self.owner.id, "operation": "redeem", "points": 81}
        )
        with self.assertRefused("has only 80", UserError):
            wizard.action_confirm()
        self.assertEqual(len(self.cards(self.owner).history_ids), 1)

    def test_portal_user_cannot_call_wizard(self):
        portal = new_test_user(
            self.env, "tr_loy_portal", groups="base.group_portal", partner_id=self.owner.id
        )
        with self.assertRaises(AccessError):
            self.env["tenant.points.wizard"].with_user(portal).create(
                {"partner_id": self.owner.id, "points": 1000}
            )


@tagged("post_install", "-at_install")
class TestReferral(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner.phone = "+86 138 0000 0001"
        cls.tenant.phone = "138-0000-0002"
        cls.Referral = cls.env["tenant.referral"]

    def refer(self, **vals):
        return self.Referral.create({"name": "赵磊", "referrer_id": self.owner.id, **vals})

    def test_self_referral_refused(self):
        with self.assertRefused("cannot refer yourself"):
            self.refer(email="WANG@example.com ")
        with self.assertRefused("cannot refer yourself"):
            self.refer(phone="13800000001")

    def test_existing_resident_flagged_not_refused(self):
        """Refusing would tell the referrer who lives here: the referral is recorded, flagged for staff."""
        by_email = self.refer(email="li@example.com")
        by_phone = self.refer(phone="138 0000 0002")
        self.assertTrue(by_email.resident_match)
        self.assertTrue(by_phone.resident_match)
        with self.assertRefused("phone number"):
            self.refer()
        # A former resident may be referred again.
        former = self.env["res.partner"].create({"name": "Former", "email": "former@example.com"})
        self.occupy(self.unit_a2, former, move_in="2020-01-01", move_out="2021-01-01")
        self.assertFalse(self.refer(email="former@example.com").resident_match)

    def test_conversion_awards_once(self):
        referral = self.refer(email="zhao@example.com", property_id=self.property_a.id)
        other = self.Referral.create(
            {"name": "赵磊", "referrer_id": self.tenant.id, "phone": "139 1111 2222"}
        )
        newcomer = self.env["res.partner"].create(
            {"name": "赵磊", "email": "Zhao@Example.com", "phone": "13911112222"}
        )
        occupancy = self.occupy(self.unit_a2, newcomer, role="tenant", move_in="2025-01-01")
        self.assertEqual(referral.state, "converted")
        self.assertEqual(referral.converted_partner_id, newcomer)
        self.assertEqual(referral.converted_occupancy_id, occupancy)
        self.assertTrue(referral.points_awarded)
        self.assertEqual(other.state, "lost", "the earliest referral wins; nobody is paid twice")
        self.assertEqual(self.cards(self.owner).points, 200)
        self.assertFalse(self.cards(self.tenant))
        # A second occupancy and a rerun give nothing more.
        self.occupy(self.unit_b1, newcomer, role="owner", move_in="2025-02-01")
        (referral | other)._tenant_award_referral_points()
        self.Referral._tenant_convert_for_occupancies(occupancy)
        self.assertEqual(self.cards(self.owner).points, 200)
        self.assertEqual(len(self.cards(self.owner).history_ids), 1)

    def test_household_member_does_not_convert(self):
        referral = self.refer(email="kid@example.com")
        kid = self.env["res.partner"].create({"name": "Kid", "email": "kid@example.com"})
        self.occupy(self.unit_a1, kid, role="resident")
        self.assertEqual(referral.state, "new")

    @freeze_time("2025-06-30")
    def test_referral_share(self):
        self.refer(email="a@example.com")
        first = self.env["res.partner"].create({"name": "A", "email": "a@example.com"})
        second = self.env["res.partner"].create({"name": "B", "email": "b@example.com"})
        self.occupy(self.unit_a2, first, move_in="2025-03-01")
        self.occupy(self.unit_a2, second, move_in="2025-04-01")
        self.occupy(self.unit_b1, second, move_in="2025-04-01")
        shares = (self.property_a | self.property_b)._referral_share(date(2025, 1, 1), date(2025, 6, 30))
        self.assertEqual(shares[self.property_a.id], (2, 1, 0.5))
        self.assertEqual(shares[self.property_b.id], (1, 0, 0.0))
        self.assertEqual(self.property_a.tenant_referral_share, 0.5)

    def test_staff_see_referrals_of_their_properties(self):
        ref_a = self.refer(email="x@example.com", property_id=self.property_a.id)
        ref_b = self.refer(email="y@example.com", property_id=self.property_b.id)
        visible = self.Referral.with_user(self.staff_a).search([("id", "in", (ref_a | ref_b).ids)])
        self.assertEqual(visible, ref_a)
        with self.assertRaises(AccessError):
            ref_b.with_user(self.staff_a).read(["name"])


@tagged("post_install", "-at_install")
class TestLoyaltyPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        configure_outgoing_mail(cls.env)
        Partner = cls.env["res.partner"]
        cls.alice = Partner.create({"name": "Alice Resident", "email": "alice@example.com"})
        cls.bob = Partner.create({"name": "Bob Resident", "email": "bob@example.com"})
        cls.alice_user = new_test_user(
            cls.env, "tr_alice", password="tr_alice_pw1", groups="base.group_portal", partner_id=cls.alice.id
        )
        cls.bob_user = new_test_user(
            cls.env, "tr_bob", password="tr_bob_pw12", groups="base.group_portal", partner_id=cls.bob.id
        )
        Partner._tenant_award_points({cls.alice.id: 120, cls.bob.id: 987}, "Lease renewal")
        Referral = cls.env["tenant.referral"]
        cls.bob_referral = Referral.create(
            {"name": "Secret Prospect", "email": "secret@example.com", "referrer_id": cls.bob.id}
        )
        cls.alice_referral = Referral.create(
            {"name": "Alice Friend", "email": "friend@example.com", "referrer_id": cls.alice.id}
        )

    def test_points_page_shows_only_own(self):
        self.authenticate("tr_alice", "tr_alice_pw1")
        page = self.url_open("/my/points").text
        # Bob's balance as a figure of the page, not inside a token or an asset hash of it.
        figures = set(re.findall(r">\s*(\d+)\s*<", page))
        self.assertIn("120", figures)
        self.assertIn("Lease renewal", page)
        self.assertNotIn("987", figures)

    def test_referrals_page_and_form(self):
        self.authenticate("tr_alice", "tr_alice_pw1")
        page = self.url_open("/my/referrals").text
        self.assertIn("Alice Friend", page)
        self.assertNotIn("Secret Prospect", page)
        response = self.url_open(
            "/my/referrals",
            data={
                "name": "New Friend",
                "phone": "139 0000 9999",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        new = self.env["tenant.referral"].search([("name", "=", "New Friend")])
        self.assertEqual(new.referrer_id, self.alice)
        # Self-referral refused with a message, nothing created.
        response = self.url_open(
            "/my/referrals",
            data={"name": "Me", "email": self.alice.email, "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("cannot refer yourself", response.text)
        self.assertFalse(self.env["tenant.referral"].search([("name", "=", "Me")]))

    def test_referral_form_does_not_tell_who_lives_here(self):
        """Naming a current resident gets the same thank-you and the same row as anyone else; only
        staff see the difference."""
        prop = self.env["tenant.property"].create({"name": "Green Lake Gardens", "code": "GLG"})
        unit = self.env["tenant.unit"].create({"property_id": prop.id, "number": "0801", "code": "A-0801"})
        self.env["tenant.occupancy"].create({"unit_id": unit.id, "partner_id": self.bob.id})
        # new_test_user gave both logins the same test e-mail: Bob gets his own.
        self.bob.email = "bob.neighbour@example.com"
        self.authenticate("tr_alice", "tr_alice_pw1")
        for name, contact in (
            ("Neighbour", {"email": self.bob.email}),
            ("Stranger", {"email": "s@example.com"}),
        ):
            response = self.url_open(
                "/my/referrals",
                data={"name": name, **contact, "csrf_token": http.Request.csrf_token(self)},
            )
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.url.endswith("/my/referrals?success=1"), name)
            self.assertNotIn("already lives", response.text)
            self.assertIn(name, response.text, "listed among the referrer's referrals")
        recorded = self.env["tenant.referral"].search([("name", "in", ("Neighbour", "Stranger"))])
        self.assertEqual(len(recorded), 2)
        self.assertEqual(set(recorded.mapped("state")), {"new"})
        self.assertEqual(recorded.filtered("resident_match").name, "Neighbour")

    def test_referral_form_limits_and_bad_property(self):
        self.authenticate("tr_alice", "tr_alice_pw1")
        for value in ("²", "9" * 30, "-3", "abc"):
            response = self.url_open(
                "/my/referrals",
                data={
                    "name": "Bad property",
                    "email": "bad@example.com",
                    "property_id": value,
                    "csrf_token": http.Request.csrf_token(self),
                },
            )
            self.assertEqual(response.status_code, 200, value)
            self.assertIn("Choose a property from the list", response.text)
        self.assertFalse(self.env["tenant.referral"].search([("name", "=", "Bad property")]))
        # The day's limit counts the referrals recorded today (in the database, not the session).
        statuses = []
        for i in range(REFERRALS_PER_DAY + 1):
            response = self.url_open(
                "/my/referrals",
                data={
                    "name": f"Friend {i}",
                    "email": f"f{i}@example.com",
                    "csrf_token": http.Request.csrf_token(self),
                },
            )
            statuses.append("many referrals today" in response.text)
        # Alice's referral of setUpClass was filed today too.
        self.assertEqual(statuses, [False] * (REFERRALS_PER_DAY - 1) + [True] * 2)
        self.assertEqual(
            self.env["tenant.referral"].search_count([("name", "=like", "Friend %")]), REFERRALS_PER_DAY - 1
        )

    def test_portal_record_rules(self):
        Referral = self.env["tenant.referral"].with_user(self.alice_user)
        self.assertEqual(Referral.search([]), self.alice_referral)
        with self.assertRaises(AccessError):
            self.bob_referral.with_user(self.alice_user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["loyalty.card"].with_user(self.alice_user).search([])
        with self.assertRaises(AccessError):
            Referral.create({"name": "X", "email": "x@example.com", "referrer_id": self.alice.id})
