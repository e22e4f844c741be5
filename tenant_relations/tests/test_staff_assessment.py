# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import TicketCase
from .test_analysis import rate, set_sla, shanghai


@tagged("post_install", "-at_install")
class TestStaffAssessment(TicketCase):
    """员工考核: each figure against a hand count, per staff member, property and firm quarter,
    and who may read whose figures (the staff member, the property's manager, TR managers)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        # Two agents serving property A (whose manager is staff_a); staff_b serves property B.
        cls.agent = cls.property_agent("tr_agent_one")
        cls.colleague = cls.property_agent("tr_agent_two")
        ticket = cls.ticket
        # Q1 2025 at the firm (the first ticket is 31 December 2024 in UTC).
        cls.t1 = ticket(name="A1", reported_date=shanghai(2025, 1, 1, 0, 30), user_id=cls.agent.id)
        cls.t2 = ticket(name="A2", reported_date=shanghai(2025, 3, 31, 23, 30), user_id=cls.agent.id)
        # Q2 2025 (00:30 on 1 April at the firm).
        cls.t3 = ticket(name="A3", reported_date=shanghai(2025, 4, 1, 0, 30), user_id=cls.agent.id)
        cls.t4 = ticket(name="C1", reported_date=shanghai(2025, 2, 1, 9, 0), user_id=cls.colleague.id)
        cls.t5 = ticket(
            name="B1",
            reported_date=shanghai(2025, 2, 1, 9, 0),
            unit_id=cls.unit_b1.id,
            user_id=cls.staff_b.id,
        )
        set_sla(cls.t1, (cls.policy_normal, "met"), (cls.policy_general, "met"))
        set_sla(cls.t2, (cls.policy_normal, "breached"), (cls.policy_general, "running"))
        set_sla(cls.t3, (cls.policy_normal, "met"))
        set_sla(cls.t4, (cls.policy_normal, "breached"))
        rate(cls.t1, 5)
        rate(cls.t2, 3)
        rate(cls.t4, 1)
        cls.t2.sudo().overdue_explanation = "The plumber's parts came late."
        cls.t1.sudo().overdue_explanation = "  "  # blank: not an explanation
        Visit = cls.env["tenant.visit"]
        done = {"state": "done", "outcome": "reached", "partner_id": cls.owner.id, "unit_id": cls.unit_a1.id}
        Visit.create(
            [
                {**done, "user_id": cls.agent.id, "planned_date": "2025-02-01", "visit_date": "2025-02-01"},
                {**done, "user_id": cls.agent.id, "planned_date": "2025-03-31", "visit_date": "2025-03-31"},
                {**done, "user_id": cls.agent.id, "planned_date": "2025-04-01", "visit_date": "2025-04-01"},
                # Planned, not done: not counted.
                {
                    "partner_id": cls.owner.id,
                    "unit_id": cls.unit_a1.id,
                    "user_id": cls.agent.id,
                    "planned_date": "2025-02-02",
                },
            ]
        )
        cls.Assessment = cls.env["tenant.staff.assessment"]

    def figures(self, rows):
        """``{(login, property code, quarter): figures}``, a share without a decided line (or an
        average without a rating) as None: no data, which a record reads as 0."""
        return {
            (row.user_id.login, row.property_id.code, row.quarter.strftime("%Y-%m")): (
                row.ticket_count,
                row.response_rate if row.response_decided else None,
                row.resolution_rate if row.resolution_decided else None,
                row.rating_avg if row.rated_count else None,
                row.visit_count,
                row.explanation_count,
            )
            for row in rows
        }

    def test_figures_per_staff_property_and_quarter(self):
        self.maxDiff = None
        self.assertEqual(
            self.figures(self.Assessment.search([])),
            {
                # Q1: two tickets; first responses met 1 of 2; resolutions met 1 of 1 decided
                # (the other still running); ratings 5 and 3; visits on 1 Feb and 31 Mar; one
                # explanation written (a blank one is none).
                ("tr_agent_one", "GLG", "2025-01"): (2, 50.0, 100.0, 4.0, 2, 1),
                ("tr_agent_one", "GLG", "2025-04"): (1, 100.0, None, None, 1, 0),
                ("tr_agent_two", "GLG", "2025-01"): (1, 0.0, None, 1.0, 0, 0),
                ("tr_staff_b", "CLA", "2025-01"): (1, None, None, None, 0, 0),
            },
        )

    def test_a_share_over_a_group_is_weighted_by_its_lines(self):
        """Over the agent's half year, first responses met 2 of 3 (66.7 %), not the average of
        the quarters' 50 % and 100 % (75 %)."""
        ((user, tickets, response, rating, visits),) = self.Assessment._read_group(
            [("user_id", "=", self.agent.id)],
            ["user_id"],
            ["ticket_count:sum", "response_rate:avg", "rating_avg:avg", "visit_count:sum"],
        )
        self.assertEqual((user, tickets, visits), (self.agent, 3, 3))
        self.assertAlmostEqual(response, 200 / 3)
        self.assertEqual(rating, 4.0)

    def test_each_persona_reads_whose_figures_they_may(self):
        keys = {
            self.agent: {("tr_agent_one", "GLG", "2025-01"), ("tr_agent_one", "GLG", "2025-04")},
            self.colleague: {("tr_agent_two", "GLG", "2025-01")},
            # The property's manager: every row of property A, none of B.
            self.staff_a: {
                ("tr_agent_one", "GLG", "2025-01"),
                ("tr_agent_one", "GLG", "2025-04"),
                ("tr_agent_two", "GLG", "2025-01"),
            },
            self.staff_b: {("tr_staff_b", "CLA", "2025-01")},
        }
        everyone = set().union(*keys.values())
        keys[self.manager] = everyone
        for user, expected in keys.items():
            as_user = self.Assessment.with_user(user)
            self.assertEqual(set(self.figures(as_user.search([]))), expected, user.login)
            counted = as_user._read_group([], ["user_id"], ["ticket_count:sum"])
            self.assertEqual(
                {u.login for u, __ in counted}, {login for login, __, __ in expected}, user.login
            )
        # The colleague serves the same property: still none of the agent's figures.
        self.assertFalse(self.Assessment.with_user(self.colleague).search([("user_id", "=", self.agent.id)]))

    def test_export_for_the_performance_review_holds_only_readable_rows(self):
        review = self.env.ref("tenant_relations.tenant_staff_assessment_export_review")
        columns = review.export_fields.mapped("name")
        self.assertIn("response_rate", columns)
        export = self.env.ref("base.group_allow_export")
        (self.agent | self.manager).write({"groups_id": [Command.link(export.id)]})
        as_agent = self.Assessment.with_user(self.agent)
        lines = as_agent.search([], order="quarter").export_data(columns)["datas"]
        self.assertEqual([line[1] for line in lines], [self.agent.name] * 2)
        self.assertEqual([line[3] for line in lines], [2, 1])
        as_manager = self.Assessment.with_user(self.manager)
        self.assertEqual(len(as_manager.search([]).export_data(columns)["datas"]), 4)

    def test_quarter_is_the_firms(self):
        rows = self.Assessment.search([("user_id", "=", self.agent.id)], order="quarter")
        self.assertEqual(rows.mapped("quarter"), [date(2025, 1, 1), date(2025, 4, 1)])
        for row in rows:
            first, __, __, __ = self.env.company._tenant_period_bounds(row.quarter, "quarter")
            self.assertEqual(first, row.quarter)
