# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The KPI measure ``satisfaction`` (满意度), on hand-made answers (the firm in Shanghai, UTC+8;
each answer scores three choices: cleaning, security, overall; ✓ = satisfied or better):

    answer      property  finished (UTC)      Shanghai            cleaning security overall
    a1          A         10 Mar 02:00        10 Mar 10:00        ✓        ✗        ✓
    a2          A         31 Mar 15:30        31 Mar 23:30        ✓        ✓        ✗
    b1          B         5 Mar 04:00         5 Mar 12:00         ✗        ✗        ✗
    april       A         31 Mar 16:30        1 Apr 00:30         ✓        ✓        ✓
    february    B         28 Feb 15:00        28 Feb 23:00        ✓        ✓        ✓

Not counted: an unfinished answer and a test entry in March, all ✗.
March: property A 4 / 6, property B 0 / 3, company 4 / 9 = 44.4 %. April: A 3 / 3. January: nothing.
"""

from datetime import date, datetime

from odoo.tests import tagged

from ..models.score.survey_user_input import SATISFACTION_TARGET_PARAM
from .common import SurveyScoreCase

ROW_KEYS = {"level", "property_id", "team_id", "user_id", "numerator", "denominator", "value"}


@tagged("post_install", "-at_install")
class TestSatisfactionKpi(SurveyScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.kpi = cls.env.ref("tenant_relations_survey.tenant_kpi_satisfaction")
        A, B, V, S, D = cls.property_a, cls.property_b, cls.very, cls.satisfied, cls.dissatisfied

        def answer(prop, cleaning, security, overall, finished, **kw):
            record = cls.answer(prop, "owner", cleaning, security, overall, **kw)
            record.end_datetime = finished
            return record

        cls.a1 = answer(A, V, D, cls.yes, datetime(2026, 3, 10, 2, 0))
        cls.a2 = answer(A, S, S, cls.no, datetime(2026, 3, 31, 15, 30))
        cls.b1 = answer(B, D, D, cls.no, datetime(2026, 3, 5, 4, 0))
        cls.april = answer(A, V, V, cls.yes, datetime(2026, 3, 31, 16, 30))
        cls.february = answer(B, V, S, cls.yes, datetime(2026, 2, 28, 15, 0))
        answer(A, D, D, cls.no, datetime(2026, 3, 12), done=False)
        answer(B, D, D, cls.no, datetime(2026, 3, 12), test_entry=True)

    def bounds(self, day):
        """The UTC bounds of the month holding ``day``, cut at the firm's midnights."""
        return self.company._tenant_period_bounds(day, self.kpi.period)[2:]

    def figures(self, day, kpi=None):
        rows = (kpi or self.kpi)._tenant_measure(self.company, *self.bounds(day))
        return {(row["level"], row["property_id"]): row for row in rows}

    def set_target(self, percent):
        self.env["ir.config_parameter"].sudo().set_param(SATISFACTION_TARGET_PARAM, str(percent))

    def test_shipped_kpi(self):
        self.assertEqual(
            (self.kpi.measure, self.kpi.unit, self.kpi.direction, self.kpi.period, self.kpi.warning_band),
            ("satisfaction", "percent", "higher", "month", 5),
        )
        self.assertTrue(self.kpi.target_from_settings)
        self.assertFalse(self.env["tenant.kpi"].new({"measure": "urgent_response"}).target_from_settings)

    def test_month_per_property_and_company(self):
        rows = self.figures(date(2026, 3, 15))
        self.assertEqual(
            {key: (row["numerator"], row["denominator"]) for key, row in rows.items()},
            {
                ("company", None): (4.0, 9.0),
                ("property", self.property_a.id): (4.0, 6.0),
                ("property", self.property_b.id): (0.0, 3.0),
            },
        )
        self.assertAlmostEqual(rows["company", None]["value"], 100 * 4 / 9)
        self.assertAlmostEqual(rows["property", self.property_a.id]["value"], 100 * 4 / 6)
        self.assertEqual(rows["property", self.property_b.id]["value"], 0.0, "answers, none satisfied")

    def test_month_cut_at_the_firms_midnight(self):
        """a2, finished at 23:30 in Shanghai on 31 March (15:30 UTC), is March's; the answer finished
        at 00:30 on 1 April (16:30 UTC on 31 March) is April's; 23:00 on 28 February is February's."""
        start, end = self.bounds(date(2026, 3, 1))
        self.assertEqual((str(start), str(end)), ("2026-02-28 16:00:00", "2026-03-31 16:00:00"))
        april = self.figures(date(2026, 4, 1))
        self.assertEqual(set(april), {("company", None), ("property", self.property_a.id)})
        self.assertEqual(april["company", None]["value"], 100.0)
        february = self.figures(date(2026, 2, 1))
        self.assertEqual(february["company", None]["denominator"], 3.0)

    def test_the_users_time_zone_changes_nothing(self):
        kpi = self.kpi.with_context(tz="America/New_York")
        self.assertEqual(self.figures(date(2026, 3, 15), kpi), self.figures(date(2026, 3, 15)))

    def test_same_definition_as_the_survey_scores(self):
        """The survey scores cut a period in the user's time zone: for a user in the firm's zone, the
        month is the same and so is the figure."""
        [score] = (
            self.env["survey.user_input"]
            .with_context(tz="Asia/Shanghai")
            ._tenant_satisfaction(date(2026, 3, 1), date(2026, 3, 31))
        )
        company = self.figures(date(2026, 3, 1))["company", None]
        self.assertEqual(
            (score["satisfied"], score["scored"]), (company["numerator"], company["denominator"])
        )
        self.assertAlmostEqual(score["satisfaction"], company["value"])

    def test_empty_month_has_no_value(self):
        rows = self.kpi._tenant_measure(self.company, *self.bounds(date(2026, 1, 1)))
        self.assertEqual(
            rows,
            [
                {
                    "level": "company",
                    "property_id": None,
                    "team_id": None,
                    "user_id": None,
                    "numerator": 0.0,
                    "denominator": 0.0,
                    "value": None,
                }
            ],
        )
        self.assertEqual(self.kpi._tenant_status(rows[0]["value"]), "no_data")

    def test_target_follows_the_survey_setting(self):
        """44.4 % in March: off the default target (85 %, band 5), near 48 %, on 40 %."""
        value = self.figures(date(2026, 3, 1))["company", None]["value"]
        self.assertEqual(self.kpi._tenant_target(), 85)
        self.assertEqual(self.kpi._tenant_status(value), "bad")
        self.set_target(48)
        self.assertEqual(self.kpi._tenant_target(), 48)
        self.assertEqual(self.kpi._tenant_status(value), "warning")
        self.set_target(40)
        self.assertEqual(self.kpi._tenant_status(value), "good")

    def test_rows_follow_the_snapshot_contract(self):
        rows = self.kpi._tenant_measure(self.company, *self.bounds(date(2026, 3, 1)))
        for row in rows:
            self.assertEqual(set(row), ROW_KEYS)
            self.assertIn(row["level"], ("company", "property"), "answers have no team")
            self.assertIsNone(row["team_id"])
            self.assertIsNone(row["user_id"])
            self.assertIsInstance(row["numerator"], float)
            self.assertIsInstance(row["denominator"], float)
        self.assertEqual([row["level"] for row in rows].count("company"), 1)

    def test_drill_gives_the_scored_lines(self):
        model, domain = self.kpi._tenant_drill(self.company, *self.bounds(date(2026, 3, 1)))
        self.assertEqual(model, "survey.user_input.line")
        lines = self.env[model].search(domain)
        self.assertEqual(lines.user_input_id, self.a1 | self.a2 | self.b1)
        self.assertEqual(len(lines), 9)

    def test_one_query(self):
        bounds = self.bounds(date(2026, 3, 1))
        self.kpi._tenant_measure(self.company, *bounds)
        with self.assertQueryCount(1):
            self.kpi._tenant_measure(self.company, *bounds)
