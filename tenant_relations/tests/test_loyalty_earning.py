# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import load_chinese
from .test_loyalty import LoyaltyCase

TENURE_PARAM = "tenant_relations.loyalty_points_tenure_year"
RENEWAL_PARAM = "tenant_relations.loyalty_points_renewal"


@tagged("post_install", "-at_install")
class TestLoyaltyEarning(LoyaltyCase):
    """Points earned without anyone awarding them: full years of tenancy and lease renewals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Param = cls.env["ir.config_parameter"].sudo()
        Param.set_param(TENURE_PARAM, 50)
        Param.set_param(RENEWAL_PARAM, 100)
        cls.Occupancy = cls.env["tenant.occupancy"]

    def ledger(self, partner):
        return self.loyalty_history(partner).mapped(lambda h: (h.description, h.issued))

    def moves_in(self, name, move_in, next_anniversary, role="owner", msg=None):
        """A new resident of 1-1202 from ``move_in``, whose next full year of tenancy falls on
        ``next_anniversary`` (checked): returns (their contact, their occupancy)."""
        resident = self.env["res.partner"].create({"name": name})
        occupancy = self.occupy(self.unit_a2, resident, role=role, move_in=move_in)
        self.assertEqual(occupancy.tenant_next_anniversary, next_anniversary, msg)
        return resident, occupancy

    @freeze_time("2026-03-10")
    def test_each_full_year_once(self):
        resident, occupancy = self.moves_in("Zhao Lei", "2026-03-10", date(2027, 3, 10))
        self.Occupancy._cron_award_tenure_points()
        self.assertFalse(self.ledger(resident), "no full year yet")
        with freeze_time("2027-03-10"):
            self.Occupancy._cron_award_tenure_points()
            self.Occupancy._cron_award_tenure_points()
        self.assertEqual(self.ledger(resident), [("Full year of tenancy", 50)], "once, however often it runs")
        self.assertEqual(occupancy.tenant_next_anniversary, date(2028, 3, 10))
        with freeze_time("2028-03-12"):  # the cron did not run for two days: still caught up
            self.Occupancy._cron_award_tenure_points()
        self.assertEqual(resident.tenant_points, 100)

    @freeze_time("2026-03-10")
    def test_ledger_in_each_residents_language(self):
        """The job runs in no one's language: each resident reads the reason in their own."""
        load_chinese(self.env, overwrite=False)
        chinese = self.env["res.partner"].create({"name": "周敏", "lang": "zh_CN"})
        english = self.env["res.partner"].create({"name": "Jane Doe", "lang": "en_US"})
        with freeze_time("2026-03-01"):
            self.occupy(self.unit_a1, chinese, role="tenant", move_in="2025-03-10")
            self.occupy(self.unit_a2, english, role="tenant", move_in="2025-03-10")
        self.Occupancy.with_context(lang="en_US")._cron_award_tenure_points()
        self.assertEqual(self.ledger(chinese), [("租住满一年", 50)])
        self.assertEqual(self.ledger(english), [("Full year of tenancy", 50)])

    @freeze_time("2026-03-10")
    def test_years_before_recording_earn_nothing(self):
        resident, _occupancy = self.moves_in("Sun Li", "2019-06-01", date(2026, 6, 1))
        self.Occupancy._cron_award_tenure_points()
        self.assertFalse(self.ledger(resident), "seven years of history are not paid out at once")

    @freeze_time("2026-03-10")
    def test_recorded_on_the_anniversary_or_recomputed_earns_once(self):
        resident, occupancy = self.moves_in(
            "Wu Fang", "2023-03-10", date(2027, 3, 10), role="tenant", msg="recorded on the day"
        )
        with freeze_time("2027-03-10"):
            self.Occupancy._cron_award_tenure_points()
            occupancy.role = "owner"  # a same-day correction recomputes the anniversary
            self.Occupancy._cron_award_tenure_points()
        self.assertEqual(self.ledger(resident), [("Full year of tenancy", 50)])

    def test_leap_day_anniversary_comes_back(self):
        resident = self.env["res.partner"].create({"name": "Zheng Hui"})
        with freeze_time("2024-02-29"):
            occupancy = self.occupy(self.unit_a2, resident, move_in="2024-02-29")
        self.assertEqual(occupancy.tenant_next_anniversary, date(2025, 2, 28))
        for day in ("2025-02-28", "2026-02-28", "2027-02-28"):
            with freeze_time(day):
                self.Occupancy._cron_award_tenure_points()
        self.assertEqual(occupancy.tenant_next_anniversary, date(2028, 2, 29))
        self.assertEqual(resident.tenant_points, 150)

    @freeze_time("2026-03-10")
    def test_household_members_and_former_residents_earn_nothing(self):
        member = self.env["res.partner"].create({"name": "Household member"})
        former = self.env["res.partner"].create({"name": "Moved out"})
        member_occ = self.occupy(self.unit_a1, member, role="resident", move_in="2025-03-10")
        self.assertFalse(member_occ.tenant_next_anniversary)
        self.occupy(self.unit_a2, former, move_in="2025-03-01", move_out="2026-03-01")
        with freeze_time("2027-03-10"):
            self.Occupancy._cron_award_tenure_points()
        self.assertFalse(self.ledger(member) + self.ledger(former))

    @freeze_time("2026-03-10")
    def test_zero_points_moves_on_without_backlog(self):
        self.env["ir.config_parameter"].sudo().set_param(TENURE_PARAM, 0)
        resident = self.env["res.partner"].create({"name": "Qian Hao"})
        with freeze_time("2026-03-01"):
            occupancy = self.occupy(self.unit_a2, resident, move_in="2025-03-10")
        self.assertEqual(occupancy.tenant_next_anniversary, date(2026, 3, 10))
        self.Occupancy._cron_award_tenure_points()
        self.assertFalse(self.ledger(resident))
        self.assertEqual(occupancy.tenant_next_anniversary, date(2027, 3, 10))

    @freeze_time("2026-03-10")
    def test_cron_batches_and_reports_progress(self):
        residents = self.env["res.partner"].create([{"name": f"Resident {i}"} for i in range(5)])
        units = self.env["tenant.unit"].create(
            [{"property_id": self.property_a.id, "number": f"9{i}", "code": f"9-{i}"} for i in range(5)]
        )
        with freeze_time("2026-03-01"):
            for unit, resident in zip(units, residents, strict=True):
                self.occupy(unit, resident, move_in="2025-03-10")
        first = self.Occupancy._cron_award_tenure_points(batch_size=3)
        second = self.Occupancy._cron_award_tenure_points(batch_size=3)
        self.assertEqual((len(first), len(second)), (3, 2))
        self.assertEqual(set(residents.mapped("tenant_points")), {50})

    def test_renewal_earns_once_per_extension(self):
        occupancy = self.occupy(
            self.unit_a2,
            self.tenant,
            role="tenant",
            lease_start="2025-01-01",
            lease_end="2025-12-31",
        )
        self.assertFalse(self.ledger(self.tenant), "a first lease is no renewal")
        occupancy.lease_end = "2026-12-31"
        self.assertEqual(self.ledger(self.tenant), [("Lease renewal", 100)])
        occupancy.lease_end = "2026-06-30"  # a correction back...
        occupancy.lease_end = "2026-12-31"  # ...and forth earns nothing more
        self.assertEqual(len(self.ledger(self.tenant)), 1)
        occupancy.lease_end = "2027-12-31"
        self.assertEqual(self.tenant.tenant_points, 200)

    def test_renewal_by_staff_without_loyalty_rights(self):
        occupancy = self.occupy(
            self.unit_a2, self.tenant, role="tenant", lease_start="2025-01-01", lease_end="2025-12-31"
        )
        occupancy.with_user(self.staff_a).lease_end = "2026-12-31"
        self.assertEqual(self.tenant.tenant_points, 100)
        self.assertEqual(occupancy.tenant_rewarded_lease_end, date(2026, 12, 31))
