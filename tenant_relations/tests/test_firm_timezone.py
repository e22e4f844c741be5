# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The firm's time zone (res.company._tenant_tz): one rule for the firm's day."""

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import SQL

from .common import TenantRelationsCase, portal_user


@tagged("post_install", "-at_install")
class TestFirmTimezone(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupy(cls.unit_a1, cls.owner)
        cls.resident = portal_user(cls.env, "tr_tz_resident", cls.owner, tz="Asia/Shanghai")

    def test_firm_tz_is_the_company_contacts_else_china(self):
        company = self.env.company
        company.partner_id.tz = False
        self.assertEqual(company.with_user(self.resident)._tenant_tz(), "Asia/Shanghai")
        company.partner_id.tz = "Asia/Urumqi"
        self.assertEqual(company.with_user(self.resident)._tenant_tz(), "Asia/Urumqi")

    def test_referral_day_ignores_the_residents_time_zone(self):
        """Ten referrals at 17:50 in Shanghai; twenty minutes later a resident who switched to
        UTC+14 (where it is past midnight) still has ten counted today: the day is the firm's."""
        self.env.company.partner_id.tz = False  # the firm's day: Asia/Shanghai, UTC+8
        Referral = self.env["tenant.referral"].with_user(self.resident)
        # The portal files them as sudo too (TenantLoyaltyPortal.portal_my_referrals_submit).
        referrals = self.env["tenant.referral"].create(
            [
                {"name": f"Friend {i}", "email": f"friend{i}@example.com", "referrer_id": self.owner.id}
                for i in range(10)
            ]
        )
        referrals.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE tenant_referral SET create_date = %s WHERE id IN %s",
                "2026-03-10 09:50:00",
                tuple(referrals.ids),
            )
        )
        with freeze_time("2026-03-10 10:10:00"):
            # 23:50 and 00:10 in Kiritimati: the resident's own midnight lies in between.
            self.resident.tz = "Pacific/Kiritimati"
            self.assertEqual(
                Referral.with_context(tz="Pacific/Kiritimati")._count_referrals_today(self.owner), 10
            )
            self.resident.tz = "America/Los_Angeles"
            self.assertEqual(
                Referral.with_context(tz="America/Los_Angeles")._count_referrals_today(self.owner), 10
            )
        with freeze_time("2026-03-10 16:01:00"):
            # 00:01 in Shanghai the next day: the firm's new day starts with none.
            self.assertEqual(Referral._count_referrals_today(self.owner), 0)
