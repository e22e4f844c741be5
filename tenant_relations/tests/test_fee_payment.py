# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import TenantRelationsCase

POINTS_PARAM = "tenant_relations.loyalty_points_payment"
LOAD_FIELDS = ["unit_id", "partner_id", "period", "due_date", "paid_date", "amount"]


@tagged("post_install", "-at_install")
class TestFeePayment(TenantRelationsCase):
    """Fee payments recorded or imported; residents who paid on time earn points by themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(POINTS_PARAM, 10)
        cls.Payment = cls.env["tenant.fee.payment"]
        cls.occupy(cls.unit_a1, cls.owner)
        cls.occupy(cls.unit_b1, cls.tenant, role="tenant")
        cls.former = cls.env["res.partner"].create({"name": "Moved away"})
        cls.occupy(cls.unit_a2, cls.former, move_out="2025-01-31")
        cls.outsider = cls.env["res.partner"].create({"name": "Not a resident"})

    def pay(self, unit=None, partner=None, period="2026-10", paid="2026-10-10", due="2026-10-15", **vals):
        unit = unit or self.unit_a1
        return self.Payment.create(
            {
                "unit_id": unit.id,
                "partner_id": (partner or self.owner).id,
                "period": period,
                "due_date": due,
                "paid_date": paid,
                "amount": 350.0,
                **vals,
            }
        )

    def ledger(self, partner):
        return self.loyalty_history(partner).mapped(lambda h: (h.description, h.issued))

    def test_on_time_awards_once(self):
        payment = self.pay()
        self.assertTrue(payment.on_time)
        self.assertEqual(payment.points_awarded, 10)
        self.assertEqual(payment.property_id, self.property_a)
        self.assertEqual(payment.currency_id, self.env.company.currency_id)
        self.assertEqual(self.ledger(self.owner), [("On-time fee payment: 2026-10", 10)])
        # Later edits never award again.
        payment.write({"amount": 360.0, "note": "Receipt 0042", "period": "2026-11"})
        payment.write({"paid_date": "2026-10-10"})  # the same date again changes nothing
        self.assertEqual(len(self.ledger(self.owner)), 1)
        # The facts that earned the points are locked.
        with self.assertRefused("can no longer be changed", UserError):
            payment.paid_date = "2026-10-20"
        with self.assertRefused("can no longer be changed", UserError):
            payment.partner_id = self.tenant
        with self.assertRefused("awarded when it is recorded", UserError):
            payment.with_user(self.staff_a).points_awarded = 100
        self.assertEqual(self.owner.tenant_points, 10)

    def test_late_payment_earns_nothing_and_stays_editable(self):
        payment = self.pay(paid="2026-10-16")
        self.assertFalse(payment.on_time)
        self.assertFalse(payment.points_awarded)
        self.assertFalse(self.loyalty_history(self.owner))
        # Not awarded: a typo in the dates can still be fixed, and that awards nothing either.
        payment.paid_date = "2026-10-12"
        self.assertTrue(payment.on_time)
        self.assertFalse(self.loyalty_history(self.owner))

    def test_non_resident_earns_nothing(self):
        payment = self.pay(unit=self.unit_a2, partner=self.former)
        self.assertTrue(payment.on_time)
        self.assertFalse(payment.points_awarded)
        self.assertFalse(self.loyalty_history(self.former))
        # Someone who never lived in the unit cannot be its payer (see test_security_publish).
        with self.assertRefused("has never lived in this unit"):
            self.pay(partner=self.outsider)
        self.assertFalse(self.loyalty_history(self.outsider))

    def test_zero_points_configured_earns_nothing(self):
        self.env["ir.config_parameter"].sudo().set_param(POINTS_PARAM, 0)
        payment = self.pay()
        self.assertFalse(payment.points_awarded)
        self.assertFalse(self.loyalty_history(self.owner))

    def test_period_must_be_a_month(self):
        for period in ("2026-13", "Oct 2026", "2026-1", "202610"):
            with self.subTest(period=period), self.assertRefused("YYYY-MM"):
                self.pay(period=period)
        self.assertEqual(self.pay(period=" 2026-01 ").period, "2026-01")

    def test_one_payment_per_unit_and_month(self):
        self.pay()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.pay(partner=self.tenant, paid="2026-10-11")
        self.assertEqual(len(self.loyalty_history(self.owner | self.tenant)), 1)

    def test_payer_defaults_to_current_owner(self):
        payment = self.Payment.create(
            {
                "unit_id": self.unit_a1.id,
                "period": "2026-10",
                "due_date": "2026-10-15",
                "paid_date": "2026-10-15",
            }
        )
        self.assertEqual(payment.partner_id, self.owner)
        self.assertEqual(payment.points_awarded, 10)
        form = Form(self.Payment)
        form.unit_id = self.unit_a1
        self.assertEqual(form.partner_id, self.owner)
        form.unit_id = self.unit_a2  # only a former owner there: the payer stays
        self.assertEqual(form.partner_id, self.owner)

    def test_batch_awards_once_per_partner(self):
        residents = self.env["res.partner"].create([{"name": f"Resident {i}"} for i in range(11)])
        units = self.env["tenant.unit"].create(
            [
                {"property_id": self.property_a.id, "number": f"7{i:02}", "code": f"7-{i:02}"}
                for i in range(11)
            ]
        )
        for unit, resident in zip(units, residents, strict=True):
            self.occupy(unit, resident)
        # Five payments, two of them by the same owner: one ledger line each, with the sum.
        payments = self.Payment.create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "period": period,
                    "due_date": "2026-10-15",
                    "paid_date": "2026-10-01",
                }
                for unit, partner, period in [
                    (self.unit_a1, self.owner, "2026-09"),
                    (self.unit_a1, self.owner, "2026-10"),
                    (units[0], residents[0], "2026-10"),
                    (units[1], residents[1], "2026-10"),
                    (self.unit_b1, self.tenant, "2026-10"),
                ]
            ]
        )
        self.assertEqual(payments.mapped("points_awarded"), [10] * 5)
        lines = self.loyalty_history(self.owner | self.tenant | residents[:2])
        self.assertEqual(len(lines), 4, "one ledger line per resident")
        self.assertEqual(self.ledger(self.owner), [("On-time fee payment: 2026-09, 2026-10", 20)])
        self.assertEqual(self.owner.tenant_points, 20)
        # Each line names the payer's own months, not those of the others in the batch.
        self.assertEqual(self.ledger(self.tenant), [("On-time fee payment: 2026-10", 10)])

        def vals(batch):
            return [
                {
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "period": "2026-11",
                    "due_date": "2026-11-15",
                    "paid_date": "2026-11-01",
                }
                for unit, partner in batch
            ]

        pairs = list(zip(units, residents, strict=True))
        # Queries do not grow with the number of payments (measured: 2 and 6 cost the same; three
        # of them check that the payers live in the units and are not users of the company, one
        # more that they live, by a confirmed link, in the payment's property).
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=15):
            self.Payment.create(vals(pairs[3:5]))
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=15):
            self.Payment.create(vals(pairs[5:11]))
        self.assertEqual(set(residents[3:].mapped("tenant_points")), {10})

    def test_staff_of_other_property(self):
        payment = self.pay()
        self.assertFalse(self.Payment.with_user(self.staff_b).search([("id", "=", payment.id)]))
        with self.assertRaises(AccessError):
            payment.with_user(self.staff_b).read(["amount"])
        with self.assertRaises(AccessError):
            self.Payment.with_user(self.staff_b).create(
                {
                    "unit_id": self.unit_a1.id,
                    "partner_id": self.owner.id,
                    "period": "2026-11",
                    "due_date": "2026-11-15",
                    "paid_date": "2026-11-01",
                }
            )
        self.assertEqual(len(self.loyalty_history(self.owner)), 1)
        # Staff record their own property's payments (and the points, without loyalty rights),
        # but only managers delete them.
        mine = self.pay(unit=self.unit_b1, partner=self.tenant)
        self.assertEqual(mine.with_user(self.staff_b).points_awarded, 10)
        own = self.Payment.with_user(self.staff_b).create(
            {
                "unit_id": self.unit_b1.id,
                "partner_id": self.tenant.id,
                "period": "2026-11",
                "due_date": "2026-11-15",
                "paid_date": "2026-11-01",
            }
        )
        self.assertEqual(own.points_awarded, 10)
        self.assertEqual(self.tenant.tenant_points, 20)
        with self.assertRaises(AccessError):
            own.unlink()
        own.with_user(self.manager).unlink()

    def test_import(self):
        Payment = self.Payment.with_user(self.staff_a)
        rows = [
            ["1-1201", "王建国", "2026-09", "2026-09-15", "2026-09-15", "350"],
            ["1-1201", "王建国", "2026-10", "2026-10-15", "2026-10-20", "350"],  # late
            ["1-1201", "王建国", "Oct 2026", "2026-11-15", "2026-11-01", "350"],  # bad period
        ]
        result = Payment.load(LOAD_FIELDS, rows)
        self.assertFalse(result["ids"])
        # load() reports the batch's error first, then the row that failed on its own (the third).
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors)
        for error in errors:
            self.assertEqual(
                error["message"],
                'The period of a fee payment is a month written YYYY-MM, e.g. 2026-10, not "Oct 2026".',
            )
        self.assertEqual([e["rows"]["from"] for e in errors if e["rows"]["from"]], [2])
        self.env.invalidate_all()
        self.assertFalse(self.Payment.search([("unit_id", "=", self.unit_a1.id)]), "nothing written")
        self.assertFalse(self.loyalty_history(self.owner))
        self.assertEqual(self.owner.tenant_points, 0)

        result = Payment.load(LOAD_FIELDS, rows[:2])
        self.assertFalse(result["messages"])
        payments = self.Payment.browse(result["ids"])
        self.assertEqual(payments.mapped("on_time"), [True, False])
        self.assertEqual(payments.mapped("points_awarded"), [10, 0])
        self.assertEqual(self.ledger(self.owner), [("On-time fee payment: 2026-09", 10)])
        # The same file imported again is refused row by row, and awards nothing more.
        with mute_logger("odoo.sql_db"):
            again = Payment.load(LOAD_FIELDS, rows[:1])
        self.assertFalse(again["ids"])
        self.assertIn("already exist", again["messages"][0]["message"])
        self.assertEqual(len(self.loyalty_history(self.owner)), 1)
