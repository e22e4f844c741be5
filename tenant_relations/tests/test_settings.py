# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each numeric setting has one reader: a value that is no number gives its default and a warning,
once per process for each key and bad value."""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from ..models import ir_config_parameter
from .common import TicketCase

LOGGER = "odoo.addons.tenant_relations.models.ir_config_parameter"


@tagged("post_install", "-at_install")
class TestSettingsReaders(TicketCase):
    def setUp(self):
        super().setUp()
        self.fresh_process()

    def fresh_process(self):
        """Forget the warnings already given, as a newly started worker would."""
        self.patch(ir_config_parameter, "_WARNED", set())

    def set(self, key, value):
        self.env["ir.config_parameter"].set_param(key, value)

    @freeze_time("2026-03-02 10:00:00")
    def test_non_numeric_follow_up_days_plan_the_call_at_the_default(self):
        """A hand-edited "three" used to break the closing of every ticket (int("three"))."""
        self.set("tenant_relations.followup_days", "three")
        ticket = self.ticket(category_id=self.cat_noise.id)
        with self.assertLogs(LOGGER, "WARNING") as logs:
            ticket.stage_id = self.stage_closed
        self.assertIn("tenant_relations.followup_days", logs.output[0])
        visit = self.env["tenant.visit"].search([("ticket_id", "=", ticket.id)])
        self.assertEqual(str(visit.planned_date), "2026-03-05")

    @freeze_time("2025-06-15")
    def test_non_numeric_review_interval_reviews_quarterly(self):
        """A hand-edited "quarterly" used to break every profile's review date and the review job."""
        self.set("tenant_relations.review_interval_months", "quarterly")
        profile = self.env["tenant.profile"].create(
            {"partner_id": self.owner.id, "last_review_date": "2025-02-01"}
        )
        with self.assertLogs(LOGGER, "WARNING"):
            self.assertEqual(str(profile.next_review_date), "2025-05-01")
        self.assertTrue(profile.review_due)
        self.fresh_process()  # the job runs in the cron worker, which warns for itself
        with self.assertLogs(LOGGER, "WARNING"):
            self.env["tenant.profile"]._cron_plan_profile_reviews()
        self.assertTrue(profile.activity_ids)

    def test_every_numeric_setting_survives_a_value_that_is_no_number(self):
        Visit = self.env["tenant.visit"]
        Partner = self.env["res.partner"]
        readers = [
            (
                "review_interval_months",
                lambda: self.env["tenant.profile"]._review_interval(),
                relativedelta(months=3),
            ),
            ("visit_move_in_months", lambda: Visit._months("tenant_relations.visit_move_in_months"), 1),
            ("visit_owner_months", lambda: Visit._months("tenant_relations.visit_owner_months"), 6),
            ("visit_tenant_months", lambda: Visit._months("tenant_relations.visit_tenant_months"), 3),
            ("followup_days", Visit._followup_days, 3),
            ("loyalty_points_staff_monthly_limit", Partner._tenant_staff_monthly_limit, 20000),
            ("feedback_property_limit", self.env["tenant.ticket"]._anonymous_property_limit, 30),
            ("loyalty_points_renewal", lambda: Partner._tenant_rule_points("renewal"), 100.0),
            ("loyalty_points_tenure_year", lambda: Partner._tenant_rule_points("tenure"), 50.0),
            ("loyalty_points_payment", lambda: Partner._tenant_rule_points("payment"), 10.0),
            ("loyalty_points_event", lambda: Partner._tenant_rule_points("event"), 20.0),
            ("loyalty_points_referral", lambda: Partner._tenant_rule_points("referral"), 200.0),
        ]
        for value in ("abc", "五", "1e999", "nan"):
            for key, read, default in readers:
                with self.subTest(key=key, value=value):
                    self.set(f"tenant_relations.{key}", value)
                    with self.assertLogs(LOGGER, "WARNING") as logs:
                        self.assertEqual(read(), default)
                    self.assertIn(f"tenant_relations.{key}", logs.output[0])

    def test_a_bad_value_is_reported_once_per_process(self):
        """A bad value read by every request used to fill the log with one line per read."""
        Params = self.env["ir.config_parameter"]
        key = "tenant_relations.test_number"
        self.set(key, "abc")
        with self.assertLogs(LOGGER, "WARNING") as logs:
            self.assertEqual(Params._tenant_get_int_param(key, 3), 3)
            self.assertEqual(Params._tenant_get_int_param(key, 3), 3)
        self.assertEqual(len(logs.output), 1)
        self.assertIn("'abc'", logs.output[0])
        with self.assertNoLogs(LOGGER, "WARNING"):
            self.assertEqual(Params._tenant_get_int_param(key, 3), 3)
        # Another bad value, or the same one under another key, is news: it is reported once too.
        self.set(key, "xyz")
        self.set("tenant_relations.test_other", "abc")
        with self.assertLogs(LOGGER, "WARNING") as logs:
            for _read in range(2):
                Params._tenant_get_int_param(key, 3)
                Params._tenant_get_int_param("tenant_relations.test_other", 3)
        self.assertEqual(len(logs.output), 2)
        self.assertIn("'xyz'", logs.output[0])
        self.assertIn("tenant_relations.test_other", logs.output[1])

    def test_reader_cuts_decimals_and_keeps_bounds(self):
        Params = self.env["ir.config_parameter"]
        for value, expected in (("10.5", 10), (" 7 ", 7), ("-4", 0), ("99", 60), (False, 3)):
            with self.subTest(value=value):
                self.set("tenant_relations.test_number", value)
                self.assertEqual(
                    Params._tenant_get_int_param("tenant_relations.test_number", 3, 0, 60), expected
                )
        # Months of the planner stay within a year, whatever the parameter says.
        self.set("tenant_relations.visit_owner_months", "48")
        self.assertEqual(self.env["tenant.visit"]._months("tenant_relations.visit_owner_months"), 12)
