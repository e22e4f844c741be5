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

    def review_activities(self, profiles=None):
        domain = [("res_model", "=", "tenant.profile"), ("activity_type_id", "=", self.activity_type.id)]
        if profiles is not None:
            domain.append(("res_id", "in", profiles.ids))
        return self.env["mail.activity"].search(domain)

    def profiles(self, partners):
        return self.env["tenant.profile"].search([("partner_id", "in", partners.ids)])

    @freeze_time("2025-06-15")
    def test_due_profiles_in_batches_without_duplicates(self):
        Profile = self.env["tenant.profile"]
        profiles = Profile.create([{"partner_id": partner.id} for partner in self.residents[:3]])
        profiles[:2].last_review_date = "2025-05-01"  # reviewed recently: not due
        profiles[2].last_review_date = "2025-03-15"  # exactly three months ago: due
        self.assertEqual(Profile.search([("id", "in", profiles.ids), ("review_due", "=", True)]), profiles[2])
        self.assertEqual(
            Profile.search([("id", "in", profiles.ids), ("review_due", "=", False)]), profiles[:2]
        )
        first = Profile._cron_plan_profile_reviews(batch_size=3)
        second = Profile._cron_plan_profile_reviews(batch_size=3)
        third = Profile._cron_plan_profile_reviews(batch_size=3)
        self.assertEqual(len(first), 3)
        self.assertFalse(first & second)
        # Residents without a profile got an empty one, due at once.
        all_profiles = self.profiles(self.residents)
        self.assertEqual(all_profiles.partner_id, self.residents)
        self.assertFalse(third & all_profiles)
        due = all_profiles - profiles[:2]
        activities = self.review_activities(all_profiles)
        self.assertEqual(len(activities), 5)
        self.assertEqual(set(activities.mapped("res_id")), set(due.ids))
        # The manager of the property where they live gets the activity.
        self.assertEqual(activities.user_id, self.staff_a)

    @freeze_time("2025-06-15")
    def test_marking_reviewed_closes_activity_and_resets_due(self):
        self.env["tenant.profile"]._cron_plan_profile_reviews()
        profile = self.profiles(self.residents[0])
        self.assertTrue(self.review_activities(profile))
        profile.with_user(self.staff_a).action_mark_reviewed()
        self.assertFalse(self.review_activities(profile))
        self.assertFalse(profile.review_due)
        self.assertEqual(str(profile.next_review_date), "2025-09-15")

    @freeze_time("2025-06-15")
    def test_interval_is_a_setting(self):
        profile = self.env["tenant.profile"].create(
            {"partner_id": self.residents[0].id, "last_review_date": "2025-02-01"}
        )
        settings = self.env["res.config.settings"].create({"tenant_review_interval_months": 6})
        settings.execute()
        self.assertFalse(profile.review_due)
        self.assertEqual(str(profile.next_review_date), "2025-08-01")

    def test_interval_bounds(self):
        with self.assertRefused("between 1 and 24"):
            self.env["res.config.settings"].create({"tenant_review_interval_months": 0})

    def test_former_residents_not_reviewed(self):
        self.residents.tenant_occupancy_ids.write({"move_out_date": "2024-02-01"})
        self.env["tenant.profile"]._cron_plan_profile_reviews()
        self.assertFalse(self.profiles(self.residents))
        self.assertFalse(self.review_activities())

    @users("__system__")
    @warmup
    def test_batch_query_count_2(self):
        """One batch costs a fixed number of queries, whatever its size (see the next test).

        26: one is the documents' names of the activities, written in their assignees' language
        (one UPDATE per language, see mail.activity._tenant_create_for_assignees); one the day the
        review was planned, written on the profiles with their activities (what stops a second
        worker, see _cron_plan_profile_reviews).
        """
        with freeze_time("2025-06-15"), self.assertQueryCount(__system__=26):
            self.env["tenant.profile"]._cron_plan_profile_reviews(batch_size=2)

    @users("__system__")
    @warmup
    def test_batch_query_count_7(self):
        with freeze_time("2025-06-15"), self.assertQueryCount(__system__=26):
            self.env["tenant.profile"]._cron_plan_profile_reviews(batch_size=7)
