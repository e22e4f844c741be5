# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import tagged, users, warmup

from .common import TenantRelationsCase


@tagged("post_install", "-at_install")
class TestProfileReview(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref("tenant_relations.mail_activity_type_profile_review")
        cls.residents = cls.env["res.partner"].create([{"name": f"Resident {i}"} for i in range(7)])
        units = cls.env["tenant.unit"].create(
            [
                {"property_id": cls.property_a.id, "number": f"2{i:02d}", "code": f"2-{i:02d}"}
                for i in range(7)
            ]
        )
        cls.env["tenant.occupancy"].create(
            [
                {"unit_id": unit.id, "partner_id": partner.id, "move_in_date": "2024-01-01"}
                for unit, partner in zip(units, cls.residents, strict=True)
            ]
        )

    def review_activities(self, partners=None):
        domain = [("res_model", "=", "res.partner"), ("activity_type_id", "=", self.activity_type.id)]
        if partners is not None:
            domain.append(("res_id", "in", partners.ids))
        return self.env["mail.activity"].search(domain)

    @freeze_time("2025-06-15")
    def test_due_profiles_in_batches_without_duplicates(self):
        self.residents[:2].tenant_last_review_date = "2025-05-01"  # reviewed recently: not due
        self.residents[2].tenant_last_review_date = "2025-03-15"  # exactly three months ago: due
        Partner = self.env["res.partner"]
        due = self.residents[2:]
        self.assertEqual(
            Partner.search([("id", "in", self.residents.ids), ("tenant_review_due", "=", True)]), due
        )
        self.assertEqual(
            Partner.search([("id", "in", self.residents.ids), ("tenant_review_due", "=", False)]),
            self.residents[:2],
        )
        first = Partner._cron_plan_profile_reviews(batch_size=3)
        second = Partner._cron_plan_profile_reviews(batch_size=3)
        third = Partner._cron_plan_profile_reviews(batch_size=3)
        self.assertEqual(len(first), 3)
        self.assertFalse(first & second)
        self.assertFalse(third & self.residents)
        activities = self.review_activities(self.residents)
        self.assertEqual(len(activities), 5)
        self.assertEqual(set(activities.mapped("res_id")), set(due.ids))
        # The manager of the property where they live gets the activity.
        self.assertEqual(activities.user_id, self.staff_a)

    @freeze_time("2025-06-15")
    def test_marking_reviewed_closes_activity_and_resets_due(self):
        self.env["res.partner"]._cron_plan_profile_reviews()
        resident = self.residents[0]
        self.assertTrue(self.review_activities(resident))
        resident.action_tenant_mark_reviewed()
        self.assertFalse(self.review_activities(resident))
        self.assertFalse(resident.tenant_review_due)
        self.assertEqual(str(resident.tenant_next_review_date), "2025-09-15")

    @freeze_time("2025-06-15")
    def test_interval_is_a_setting(self):
        self.residents.tenant_last_review_date = "2025-02-01"
        settings = self.env["res.config.settings"].create({"tenant_review_interval_months": 6})
        settings.execute()
        self.assertFalse(self.residents[0].tenant_review_due)
        self.assertEqual(str(self.residents[0].tenant_next_review_date), "2025-08-01")

    def test_interval_bounds(self):
        with self.assertRefused("between 1 and 24"):
            self.env["res.config.settings"].create({"tenant_review_interval_months": 0})

    def test_former_residents_not_reviewed(self):
        self.residents.tenant_occupancy_ids.write({"move_out_date": "2024-02-01"})
        self.env["res.partner"]._cron_plan_profile_reviews()
        self.assertFalse(self.review_activities(self.residents))

    @users("__system__")
    @warmup
    def test_batch_query_count_2(self):
        """One batch costs a fixed number of queries, whatever its size (see the next test)."""
        with freeze_time("2025-06-15"), self.assertQueryCount(__system__=21):
            self.env["res.partner"]._cron_plan_profile_reviews(batch_size=2)

    @users("__system__")
    @warmup
    def test_batch_query_count_7(self):
        with freeze_time("2025-06-15"), self.assertQueryCount(__system__=21):
            self.env["res.partner"]._cron_plan_profile_reviews(batch_size=7)
