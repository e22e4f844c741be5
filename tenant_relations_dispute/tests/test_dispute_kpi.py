# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dispute figures for the KPI work, on a hand-made history in February 2026:

=====  ==========  ===========================================================  ==================
case   property    ladder (dates of each level change)                           outcome
=====  ==========  ===========================================================  ==================
A      A           negotiation 5 Jan → mediation 15 Jan → closed 4 Feb            mediated agreement
B      A           negotiation 10 Jan → mediation 20 Jan → arbitration 1 Feb     arbitral award
                   → closed 20 Feb
C      B           negotiation 5 Jan → closed 10 Feb                             withdrawn
D      A           negotiation 5 Jan → closed 5 Mar                              settled
E      A           negotiation 5 Jan → closed 15 Feb                             referred to court
F      A           negotiation 5 Jan → mediation 16 Feb (still open)             —
=====  ==========  ===========================================================  ==================

Closed in February: A, B, C, E. Settled before arbitration: A and C (B went to arbitration, E to
court): 2 of 4; on property A alone, A of A, B, E: 1 of 3.
Steps ended in February: B mediation 12 days, A mediation 20, B arbitration 19, C negotiation 36,
E negotiation 41, F negotiation 42: negotiation (36 + 41 + 42) / 3 = 39.67, mediation 16,
arbitration 19; on property A: negotiation 41.5, mediation 16, arbitration 19.
Court filings: E on 14 and 20 February, C on 11 February, D on 6 March.
"""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase


@tagged("post_install", "-at_install")
class TestDisputeKpi(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.negotiation = ref("tenant_relations_dispute.tenant_dispute_level_negotiation")
        cls.mediation = ref("tenant_relations_dispute.tenant_dispute_level_mediation")
        cls.arbitration = ref("tenant_relations_dispute.tenant_dispute_level_arbitration")
        cls.closed = ref("tenant_relations_dispute.tenant_dispute_level_closed")
        Dispute = cls.env["tenant.dispute"]

        def dispute(name, day, prop):
            with freeze_time(day):
                record = Dispute.create(
                    {
                        "name": name,
                        "property_id": prop.id,
                        "party_ids": [
                            Command.create(
                                {"partner_id": cls.tenant.id, "role": "claimant", "party_type": "resident"}
                            ),
                            Command.create(
                                {
                                    "partner_id": cls.env.company.partner_id.id,
                                    "role": "respondent",
                                    "party_type": "firm",
                                }
                            ),
                        ],
                    }
                )
            # Opened that day (the test cursor's clock may have been read before the freeze).
            cls.env.flush_all()
            cls.env.cr.execute("UPDATE tenant_dispute SET create_date = %s WHERE id = %s", (day, record.id))
            record.invalidate_recordset(["create_date"])
            return record

        def move(record, day, level, **vals):
            with freeze_time(day):
                record.write({"level_id": level.id, **vals})

        cls.a = dispute("A", "2026-01-05", cls.property_a)
        move(cls.a, "2026-01-15", cls.mediation)
        move(cls.a, "2026-02-04", cls.closed, outcome="mediated")
        cls.b = dispute("B", "2026-01-10", cls.property_a)
        move(cls.b, "2026-01-20", cls.mediation)
        move(cls.b, "2026-02-01", cls.arbitration)
        move(cls.b, "2026-02-20", cls.closed, outcome="award")
        cls.c = dispute("C", "2026-01-05", cls.property_b)
        move(cls.c, "2026-02-10", cls.closed, outcome="withdrawn")
        cls.d = dispute("D", "2026-01-05", cls.property_a)
        move(cls.d, "2026-03-05", cls.closed, outcome="settled")
        cls.e = dispute("E", "2026-01-05", cls.property_a)
        move(cls.e, "2026-02-15", cls.closed, outcome="court")
        cls.f = dispute("F", "2026-01-05", cls.property_a)
        move(cls.f, "2026-02-16", cls.mediation)
        court = [
            (cls.e, "2026-02-14"),
            (cls.e, "2026-02-20"),
            (cls.c, "2026-02-11"),
            (cls.d, "2026-03-06"),
        ]
        cls.env["tenant.dispute.proceeding"].create(
            [
                {
                    "dispute_id": record.id,
                    "kind": "court",
                    "institution": "西湖区人民法院",
                    "filing_date": day,
                }
                for record, day in court
            ]
        )
        cls.feb = (date(2026, 2, 1), date(2026, 2, 28))

    def test_share_settled_before_arbitration(self):
        Dispute = self.env["tenant.dispute"]
        self.assertEqual(Dispute._tenant_kpi_settled_before_arbitration(*self.feb), 0.5)
        self.assertAlmostEqual(
            Dispute._tenant_kpi_settled_before_arbitration(*self.feb, property=self.property_a), 1 / 3
        )
        self.assertEqual(
            Dispute._tenant_kpi_settled_before_arbitration(date(2026, 3, 1), date(2026, 3, 31)), 1.0
        )
        self.assertEqual(
            Dispute._tenant_kpi_settled_before_arbitration(date(2026, 1, 1), date(2026, 1, 31)),
            0.0,
            "nothing closed in January",
        )

    def test_an_archived_dispute_still_counts(self):
        self.c.active = False
        self.assertEqual(self.env["tenant.dispute"]._tenant_kpi_settled_before_arbitration(*self.feb), 0.5)

    def test_days_per_level(self):
        Dispute = self.env["tenant.dispute"]
        figures = Dispute._tenant_kpi_days_per_level(*self.feb)
        self.assertEqual(set(figures), {self.negotiation, self.mediation, self.arbitration})
        self.assertAlmostEqual(figures[self.negotiation], (36 + 41 + 42) / 3)
        self.assertEqual(figures[self.mediation], 16)
        self.assertEqual(figures[self.arbitration], 19)
        on_a = Dispute._tenant_kpi_days_per_level(*self.feb, property=self.property_a)
        self.assertEqual(on_a, {self.negotiation: 41.5, self.mediation: 16, self.arbitration: 19})

    def test_court_cases(self):
        Dispute = self.env["tenant.dispute"]
        self.assertEqual(Dispute._tenant_kpi_court_cases(*self.feb), 2, "E once, and C")
        self.assertEqual(Dispute._tenant_kpi_court_cases(*self.feb, property=self.property_a), 1)
        self.assertEqual(Dispute._tenant_kpi_court_cases(date(2026, 3, 1), date(2026, 3, 31)), 1)

    def test_each_figure_is_one_query(self):
        Dispute = self.env["tenant.dispute"]
        self.env.flush_all()
        # Warm the record rules' and levels' caches, as a dashboard's second call would be.
        Dispute._tenant_kpi_settled_before_arbitration(*self.feb)
        Dispute._tenant_kpi_days_per_level(*self.feb)
        Dispute._tenant_kpi_court_cases(*self.feb)
        with self.assertQueryCount(1):
            Dispute._tenant_kpi_settled_before_arbitration(*self.feb, property=self.property_a)
        with self.assertQueryCount(1):
            Dispute._tenant_kpi_days_per_level(*self.feb, property=self.property_a)
        with self.assertQueryCount(1):
            Dispute._tenant_kpi_court_cases(*self.feb, property=self.property_a)
