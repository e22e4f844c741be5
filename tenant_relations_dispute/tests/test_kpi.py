# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The KPI measure ``dispute_settled`` (仲裁前化解率), on a hand-made history in 2026 (the firm in
Shanghai; the KPI is quarterly):

=====  ========  =============================================================  ===================
case   property  ladder (dates of each level change)                             outcome
=====  ========  =============================================================  ===================
A      A         negotiation 5 Jan → mediation 15 Jan → closed 4 Feb              mediated agreement
B      A         negotiation 10 Jan → mediation 20 Jan → arbitration 1 Feb        arbitral award
                 → closed 20 Feb
C      B         negotiation 5 Jan → closed 31 Mar (the quarter's last day)       withdrawn
D      A         negotiation 5 Jan → closed 1 Apr (the next quarter's first day)  settled
E      A         negotiation 5 Jan → closed 15 Feb                                referred to court
G      A         negotiation 2 Jan → closed 10 Mar, then archived                 settled
F      A         negotiation 5 Jan → mediation 16 Feb (still open)                —
=====  ========  =============================================================  ===================

First quarter: closed A, B, C, E, G; settled before arbitration A, C, G (B reached arbitration, E
court): company 3 / 5 = 60 %; property A: A, G of A, B, E, G = 2 / 4 = 50 %; property B: 1 / 1.
Second quarter: D alone, 1 / 1. Fourth quarter of 2025: nothing closed.
"""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase

from .common import parties

ROW_KEYS = {"level", "property_id", "team_id", "user_id", "numerator", "denominator", "value"}


@tagged("post_install", "-at_install")
class TestDisputeSettledKpi(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.kpi = ref("tenant_relations_dispute.tenant_kpi_dispute_settled")
        mediation = ref("tenant_relations_dispute.tenant_dispute_level_mediation")
        arbitration = ref("tenant_relations_dispute.tenant_dispute_level_arbitration")
        closed = ref("tenant_relations_dispute.tenant_dispute_level_closed")
        firm = cls.company.partner_id

        def dispute(name, day, prop):
            with freeze_time(day):
                return cls.env["tenant.dispute"].create(
                    {"name": name, "property_id": prop.id, "party_ids": parties(cls.tenant, firm)}
                )

        def move(record, day, level, **vals):
            with freeze_time(day):
                record.write({"level_id": level.id, **vals})

        A, B = cls.property_a, cls.property_b
        cls.a = dispute("A", "2026-01-05", A)
        move(cls.a, "2026-01-15", mediation)
        move(cls.a, "2026-02-04", closed, outcome="mediated")
        cls.b = dispute("B", "2026-01-10", A)
        move(cls.b, "2026-01-20", mediation)
        move(cls.b, "2026-02-01", arbitration)
        move(cls.b, "2026-02-20", closed, outcome="award")
        cls.c = dispute("C", "2026-01-05", B)
        move(cls.c, "2026-03-31", closed, outcome="withdrawn")
        cls.d = dispute("D", "2026-01-05", A)
        move(cls.d, "2026-04-01", closed, outcome="settled")
        cls.e = dispute("E", "2026-01-05", A)
        move(cls.e, "2026-02-15", closed, outcome="court")
        cls.g = dispute("G", "2026-01-02", A)
        move(cls.g, "2026-03-10", closed, outcome="settled")
        cls.g.active = False
        cls.f = dispute("F", "2026-01-05", A)
        move(cls.f, "2026-02-16", mediation)

    def bounds(self, day):
        """The UTC bounds of the KPI's period holding ``day``, cut at the firm's midnights."""
        return self.company._tenant_period_bounds(day, self.kpi.period)[2:]

    def figures(self, day):
        rows = self.kpi._tenant_measure(self.company, *self.bounds(day))
        return {(row["level"], row["property_id"]): row for row in rows}

    def test_shipped_kpi(self):
        self.assertEqual(
            (self.kpi.measure, self.kpi.unit, self.kpi.direction, self.kpi.period),
            ("dispute_settled", "percent", "higher", "quarter"),
        )
        self.assertEqual((self.kpi.target, self.kpi.warning_band), (70, 10))

    def test_quarter_per_property_and_company(self):
        rows = self.figures(date(2026, 2, 10))
        self.assertEqual(
            {key: (row["numerator"], row["denominator"]) for key, row in rows.items()},
            {
                ("company", None): (3.0, 5.0),
                ("property", self.property_a.id): (2.0, 4.0),
                ("property", self.property_b.id): (1.0, 1.0),
            },
        )
        self.assertEqual(rows["company", None]["value"], 60.0)
        self.assertEqual(rows["property", self.property_a.id]["value"], 50.0)
        self.assertEqual(rows["property", self.property_b.id]["value"], 100.0)

    def test_period_cut_at_the_firms_midnight(self):
        """The quarter starts at 1 January 00:00 in Shanghai (31 December 16:00 UTC): C, closed on
        31 March, is in the first quarter, D, closed on 1 April, in the second alone."""
        start, end = self.bounds(date(2026, 3, 31))
        self.assertEqual((str(start), str(end)), ("2025-12-31 16:00:00", "2026-03-31 16:00:00"))
        self.assertIn(("property", self.property_b.id), self.figures(date(2026, 3, 31)))
        rows = self.figures(date(2026, 4, 1))
        self.assertEqual(set(rows), {("company", None), ("property", self.property_a.id)})
        self.assertEqual(rows["company", None]["value"], 100.0)

    def test_empty_quarter_has_no_value(self):
        rows = self.kpi._tenant_measure(self.company, *self.bounds(date(2025, 11, 1)))
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

    def test_rows_follow_the_snapshot_contract(self):
        rows = self.kpi._tenant_measure(self.company, *self.bounds(date(2026, 2, 10)))
        for row in rows:
            self.assertEqual(set(row), ROW_KEYS)
            self.assertIn(row["level"], ("company", "property"), "disputes have no team")
            self.assertIsNone(row["team_id"])
            self.assertIsNone(row["user_id"])
            self.assertIsInstance(row["numerator"], float)
            self.assertIsInstance(row["denominator"], float)
        self.assertEqual([row["level"] for row in rows].count("company"), 1)

    def test_status_against_target_and_band(self):
        rows = self.figures(date(2026, 2, 10))
        status = {key: self.kpi._tenant_status(row["value"]) for key, row in rows.items()}
        self.assertEqual(status["company", None], "warning", "60 % is within 10 of 70 %")
        self.assertEqual(status["property", self.property_a.id], "bad", "50 %")
        self.assertEqual(status["property", self.property_b.id], "good", "100 %")

    def test_same_definition_as_the_dispute_figure(self):
        share = self.env["tenant.dispute"]._tenant_kpi_settled_before_arbitration(
            date(2026, 1, 1), date(2026, 3, 31)
        )
        self.assertAlmostEqual(share * 100, self.figures(date(2026, 1, 1))["company", None]["value"])
        self.assertAlmostEqual(share, 0.6)

    def test_drill_gives_the_disputes_behind_the_figure(self):
        model, domain = self.kpi._tenant_drill(self.company, *self.bounds(date(2026, 2, 10)))
        self.assertEqual(model, "tenant.dispute")
        self.assertEqual(self.env[model].search(domain), self.a | self.b | self.c | self.e | self.g)

    def test_one_query(self):
        bounds = self.bounds(date(2026, 2, 10))
        self.kpi._tenant_measure(self.company, *bounds)
        with self.assertQueryCount(1):
            self.kpi._tenant_measure(self.company, *bounds)
