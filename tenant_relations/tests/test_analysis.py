# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import TicketCase, portal_user


def set_sla(ticket, *lines):
    """Replace the ticket's SLA lines by ``lines``, each ``(policy, status)``: the analysis reads
    the outcome, whatever engine decided it."""
    # sudo: the engine's lines are the system's; the test sets the outcomes it hand-computes.
    ticket.sla_line_ids.sudo().unlink()
    start = ticket.reported_date
    ticket.env["tenant.ticket.sla"].sudo().create(
        [
            {
                "ticket_id": ticket.id,
                "policy_id": policy.id,
                "start_date": start,
                "deadline": start + timedelta(hours=2),
                "warning_date": start + timedelta(hours=1),
                "status": status,
            }
            for policy, status in lines
        ]
    )


def rate(ticket, value):
    """The resident's rating (1, 3 or 5) of ``ticket``, consumed as the rating page leaves it."""
    # sudo: a rating is written by the resident's token page, not by staff.
    ticket.env["rating.rating"].sudo().create(
        {
            "res_model_id": ticket.env["ir.model"]._get_id("tenant.ticket"),
            "res_id": ticket.id,
            "rating": value,
            "consumed": True,
        }
    )


def shanghai(*args):
    """A naive UTC datetime for a wall-clock time in Shanghai (UTC+8, no daylight saving)."""
    return datetime(*args) - timedelta(hours=8)


@tagged("post_install", "-at_install")
class TestAnalysis(TicketCase):
    """Ticket analysis (工单分析), SLA compliance and complaint analysis (投诉分析) against
    hand-computed figures, months and quarters cut at the firm's midnight (Asia/Shanghai)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.team_b = cls.env["tenant.team"].create(
            {"name": "Cloud Service", "property_ids": [cls.property_b.id]}
        )
        # 23:30 on 31 January at the firm: January. 00:30 on 1 February at the firm is still
        # 31 January in UTC: February.
        cls.t1 = cls.ticket(
            name="Jan 31 late", reported_date=shanghai(2025, 1, 31, 23, 30), user_id=cls.staff_a.id
        )
        cls.t2 = cls.ticket(
            name="Feb 1 early", reported_date=shanghai(2025, 2, 1, 0, 30), unit_id=cls.unit_a2.id
        )
        cls.t3 = cls.ticket(
            name="Cloud leak",
            reported_date=shanghai(2025, 2, 10, 10, 0),
            unit_id=cls.unit_b1.id,
            partner_id=False,
        )
        # The moments first (the engine stamps their durations), then the durations this test
        # reads, written over the engine's: the views must read what is stored.
        cls.t1.sudo().write(
            {
                "first_response_date": shanghai(2025, 1, 31, 23, 30) + timedelta(minutes=30),
                "resolved_date": shanghai(2025, 2, 1, 9, 30),
            }
        )
        cls.t2.sudo().write(
            {"first_response_date": shanghai(2025, 2, 1, 2, 0), "resolved_date": shanghai(2025, 2, 1, 20, 30)}
        )
        cls.t3.sudo().write({"first_response_date": shanghai(2025, 2, 10, 10, 10)})
        cls.t1.sudo().write(
            {
                "response_minutes": 30,
                "response_working_minutes": 20,
                "resolution_minutes": 600,
                "resolution_working_minutes": 300,
                "waiting_minutes": 60,
                "reopen_count": 1,
            }
        )
        cls.t2.sudo().write(
            {
                "response_minutes": 90,
                "response_working_minutes": 60,
                "resolution_minutes": 1200,
                "resolution_working_minutes": 800,
            }
        )
        cls.t3.sudo().write(
            {
                "response_minutes": 10,
                "response_working_minutes": 10,
            }
        )
        set_sla(cls.t1, (cls.policy_normal, "met"), (cls.policy_general, "breached"))
        set_sla(cls.t2, (cls.policy_normal, "breached"), (cls.policy_general, "running"))
        set_sla(cls.t3, (cls.policy_normal, "met"), (cls.policy_general, "paused"))
        rate(cls.t1, 5)
        rate(cls.t3, 1)
        cls.Analysis = cls.env["tenant.ticket.analysis"]
        cls.Sla = cls.env["tenant.sla.analysis"]
        cls.ours = [("ticket_id", "in", (cls.t1 | cls.t2 | cls.t3).ids)]

    def row(self, ticket):
        return self.Analysis.search([("ticket_id", "=", ticket.id)])

    # Firm's month ---------------------------------------------------------------------------

    def test_month_is_cut_at_the_firms_midnight_whoever_reads(self):
        far_away = self.env(user=self.manager.id, context={"tz": "America/New_York"})
        self.manager.tz = "America/New_York"
        rows = far_away["tenant.ticket.analysis"].search(self.ours)
        months = {row.ticket_id: row.reported_month for row in rows}
        self.assertEqual(months[self.t1], date(2025, 1, 1), "23:30 on the 31st at the firm is January")
        self.assertEqual(months[self.t2], date(2025, 2, 1), "00:30 on the 1st at the firm is February")
        # The same cut as the one helper every KPI uses.
        for ticket in (self.t1, self.t2):
            __, __, utc_start, utc_end = self.env.company._tenant_period_bounds(months[ticket])
            self.assertTrue(utc_start <= ticket.reported_date < utc_end)
        groups = far_away["tenant.ticket.analysis"]._read_group(self.ours, ["reported_on:month"], ["__count"])
        self.assertEqual(
            [(day.strftime("%Y-%m"), count) for day, count in groups], [("2025-01", 1), ("2025-02", 2)]
        )

    # Ticket analysis ------------------------------------------------------------------------

    def test_one_row_per_ticket_with_its_dimensions(self):
        row = self.row(self.t1)
        self.assertEqual(len(row), 1)
        self.assertEqual(
            (row.property_id, row.building, row.unit_id, row.team_id, row.user_id),
            (self.property_a, "1", self.unit_a1, self.t1.team_id, self.staff_a),
        )
        self.assertEqual(
            (row.kind, row.urgency, row.channel, row.stage_id),
            ("repair", self.t1.urgency, "hotline", self.t1.stage_id),
        )
        self.assertFalse(row.is_closed)
        self.assertEqual((row.reopen_count, row.is_reopened), (1, True))
        self.assertEqual((row.response_status, row.resolution_status), ("met", "breached"))
        self.assertTrue(row.sla_breached)
        self.assertEqual(row.rating, 5)
        self.assertEqual(
            (self.row(self.t2).response_status, self.row(self.t2).resolution_status), ("breached", "running")
        )
        self.assertEqual(self.row(self.t3).resolution_status, "paused")
        self.assertFalse(self.row(self.t3).sla_breached, "a paused line breaches nothing")
        self.assertFalse(self.row(self.t2).rating, "not rated: no rating, not a zero")

    def test_figures_per_property_equal_hand_computed(self):
        fields = [
            "response_minutes:avg",
            "response_working_minutes:avg",
            "resolution_working_minutes:avg",
            "response_in_time_rate:avg",
            "resolution_in_time_rate:avg",
            "rating:avg",
            "reopen_count:sum",
            "__count",
        ]
        groups = {
            prop: values for prop, *values in self.Analysis._read_group(self.ours, ["property_id"], fields)
        }
        # Property A: t1 and t2. Response 30/90 min (20/60 working), resolution 300/800 working;
        # first response met then breached (50 %); resolution breached then running (0 % of one
        # decided); one rating, 5.
        self.assertEqual(groups[self.property_a], [60.0, 40.0, 550.0, 50.0, 0.0, 5.0, 1, 2])
        # Property B: t3 alone, first response met, resolution paused (undecided), rated 1; no
        # resolution time nor resolution share: no data (False), never a 0.
        self.assertEqual(groups[self.property_b], [10.0, 10.0, False, 100.0, False, 1.0, 0, 1])
        (total,) = self.Analysis._read_group(self.ours, [], ["rating:avg", "response_in_time_rate:avg"])
        self.assertEqual(total, (3.0, 200 / 3), "ratings (5, 1) and first responses met 2 of 3")

    # SLA compliance -------------------------------------------------------------------------

    def test_sla_compliance_per_policy_and_breaches_per_team_and_month(self):
        ours = [("ticket_id", "in", (self.t1 | self.t2 | self.t3).ids)]
        share = dict(self.Sla._read_group(ours, ["policy_id"], ["compliance:avg"]))
        self.assertAlmostEqual(share[self.policy_normal], 200 / 3, msg="met 2 of 3 decided")
        self.assertEqual(share[self.policy_general], 0.0, "1 breached, running and paused not decided")
        breaches = self.Sla._read_group(
            [*ours, ("breached_count", ">", 0)], ["team_id", "reported_on:month"], ["breached_count:sum"]
        )
        self.assertEqual(
            [(team, month.strftime("%Y-%m"), n) for team, month, n in breaches],
            [(self.t1.team_id, "2025-01", 1), (self.t2.team_id, "2025-02", 1)],
        )
        self.assertEqual(self.Sla.search_count([*ours, ("status", "=", "paused")]), 1)
        self.assertEqual(self.Sla.search_count([*ours, ("status", "=", "running")]), 1)

    # Access ---------------------------------------------------------------------------------

    def test_staff_see_the_rows_of_the_tickets_they_read_only(self):
        """The analysis rule is the ticket rule: a staff member reads the rows of exactly the
        tickets they read, in search, read_group and export."""
        agent = self.property_agent("tr_agent_analysis")  # serves property A only
        agent.groups_id += self.env.ref("base.group_allow_export")
        for user in (agent, self.staff_b):
            tickets = self.env["tenant.ticket"].with_user(user).search([("id", "in", self.ours[0][2])])
            for model in ("tenant.ticket.analysis", "tenant.sla.analysis", "tenant.complaint.analysis"):
                rows = (
                    self.env[model]
                    .with_user(user)
                    .search([("ticket_id", "in", (self.t1 | self.t2 | self.t3).ids)])
                )
                self.assertLessEqual(rows.ticket_id, tickets, f"{model} as {user.login}")
            rows = self.Analysis.with_user(user).search(self.ours)
            self.assertEqual(rows.ticket_id, tickets)
        as_agent = self.Analysis.with_user(agent)
        self.assertEqual(as_agent.search(self.ours).ticket_id, self.t1 | self.t2)
        self.assertFalse(as_agent.search([*self.ours, ("property_id", "=", self.property_b.id)]))
        groups = as_agent._read_group(self.ours, ["property_id"], ["__count"])
        self.assertEqual(groups, [(self.property_a, 2)])
        exported = as_agent.search(self.ours).export_data(["ticket_id/id", "property_id"])["datas"]
        self.assertEqual({line[1] for line in exported}, {self.property_a.display_name})
        as_agent_sla = self.Sla.with_user(agent)
        self.assertEqual(
            as_agent_sla._read_group(self.ours, ["property_id"], ["__count"]), [(self.property_a, 4)]
        )
        self.assertEqual(self.Analysis.with_user(self.staff_b).search(self.ours).ticket_id, self.t3)
        self.assertEqual(self.Analysis.with_user(self.manager).search_count(self.ours), 3)

    def test_portal_users_read_no_analysis(self):
        portal = portal_user(self.env, "tr_portal_analysis", self.owner)
        for model in (
            "tenant.ticket.analysis",
            "tenant.sla.analysis",
            "tenant.complaint.analysis",
            "tenant.complaint.trend",
            "tenant.staff.assessment",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(portal).search([])

    def test_other_company_rows_are_not_read(self):
        other = self.env["res.company"].create({"name": "Other Firm"})
        prop = self.env["tenant.property"].create(
            {"name": "Far Gardens", "code": "FAR", "company_id": other.id, "manager_id": self.manager.id}
        )
        unit = self.env["tenant.unit"].create({"property_id": prop.id, "number": "1", "code": "F-1"})
        far = self.ticket(name="Far", unit_id=unit.id, partner_id=False, kind="complaint")
        self.assertEqual(far.company_id, other)
        for model in ("tenant.ticket.analysis", "tenant.complaint.analysis"):
            as_manager = (
                self.env[model].with_user(self.manager).with_context(allowed_company_ids=self.env.company.ids)
            )
            self.assertFalse(as_manager.search([("ticket_id", "=", far.id)]), model)


@tagged("post_install", "-at_install")
class TestComplaintAnalysis(TicketCase):
    """Complaints (投诉分析): recurring within 90 firm days and not at 91, quarters cut at the
    firm's midnight, the change against the previous quarter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"

        def complaint(when, unit, category, name):
            return cls.ticket(
                name=name,
                kind="complaint",
                reported_date=when,
                unit_id=unit.id,
                category_id=category.id,
                partner_id=False,
            )

        # 00:30 on 1 January 2025 at the firm: 31 December 2024 in UTC, Q4 for a UTC clock.
        cls.c1 = complaint(shanghai(2025, 1, 1, 0, 30), cls.unit_a1, cls.cat_noise, "Noise 1")
        # 90 firm days later (1 April), late at night (91 days after c1 in UTC): the same unit.
        cls.c2 = complaint(shanghai(2025, 4, 1, 23, 0), cls.unit_a1, cls.cat_leak, "Leak at the same flat")
        # 91 firm days after c1, the same category at the same property, another flat: not recurring.
        cls.c3 = complaint(shanghai(2025, 4, 2, 8, 0), cls.unit_a2, cls.cat_noise, "Noise 2")
        # Another property, same category, a day later: not recurring either.
        cls.c4 = complaint(shanghai(2025, 4, 3, 8, 0), cls.unit_b1, cls.cat_noise, "Noise at Cloud")
        # The same category at property A again within 90 days of c3: recurring by category.
        cls.c5 = complaint(shanghai(2025, 5, 2, 8, 0), cls.unit_a1, cls.cat_noise, "Noise 3")
        cls.ours = [("ticket_id", "in", (cls.c1 | cls.c2 | cls.c3 | cls.c4 | cls.c5).ids)]
        cls.Complaint = cls.env["tenant.complaint.analysis"]
        cls.Trend = cls.env["tenant.complaint.trend"]

    def flags(self, ticket):
        row = self.Complaint.search([("ticket_id", "=", ticket.id)])
        return row.is_recurring, row.recurring_unit, row.recurring_category

    def test_recurring_within_90_days_not_at_91(self):
        self.assertEqual(self.flags(self.c1), (False, False, False), "the first complaint")
        self.assertEqual(self.flags(self.c2), (True, True, False), "same flat, 90 firm days later")
        self.assertEqual(self.flags(self.c3), (False, False, False), "same category, 91 firm days later")
        self.assertEqual(self.flags(self.c4), (False, False, False), "another property")
        # c5: same flat as c2 (31 days) and same category at the property as c3 (30 days).
        self.assertEqual(self.flags(self.c5), (True, True, True))
        self.assertEqual(self.Complaint.search_count(self.ours), 5, "only complaints, one row each")

    def test_months_and_quarters_of_the_firm(self):
        row = self.Complaint.search([("ticket_id", "=", self.c1.id)])
        self.assertEqual((row.reported_month, row.reported_quarter), (date(2025, 1, 1), date(2025, 1, 1)))
        self.assertEqual(
            (row.property_id, row.building, row.category_id), (self.property_a, "1", self.cat_noise)
        )
        quarters = self.Complaint._read_group(self.ours, ["reported_on:quarter"], ["__count"])
        self.assertEqual([(q.strftime("%Y-%m"), n) for q, n in quarters], [("2025-01", 1), ("2025-04", 4)])

    def test_most_frequent_recurring_issues_per_property(self):
        groups = self.Complaint._read_group(
            [*self.ours, ("is_recurring", "=", True)],
            ["property_id", "category_id"],
            ["__count"],
            order="__count desc",
        )
        self.assertCountEqual(
            groups, [(self.property_a, self.cat_leak, 1), (self.property_a, self.cat_noise, 1)]
        )
        self.c5.copy({"name": "Noise 4", "reported_date": shanghai(2025, 5, 3, 8, 0)})
        top = self.Complaint._read_group(
            [("is_recurring", "=", True)], ["property_id", "category_id"], ["__count"], order="__count desc"
        )
        self.assertEqual(top[0], (self.property_a, self.cat_noise, 2), "the most frequent first")

    def test_change_against_the_previous_quarter(self):
        props = [("property_id", "in", (self.property_a | self.property_b).ids)]
        rows = self.Trend._read_group(
            props,
            ["property_id", "quarter:quarter"],
            ["complaint_count:sum", "previous_count:sum", "change:sum"],
        )
        figures = [(p.code, q.strftime("%Y-%m"), n, before, change) for p, q, n, before, change in rows]
        self.assertCountEqual(
            figures,
            [
                # Property A: Q1 one (c1); Q2 three (c2, c3, c5) against one; Q3 none against three.
                ("GLG", "2025-01", 1, 0, 1),
                ("GLG", "2025-04", 3, 1, 2),
                ("GLG", "2025-07", 0, 3, -3),
                ("CLA", "2025-04", 1, 0, 1),
                ("CLA", "2025-07", 0, 1, -1),
            ],
        )
        noise = self.Trend.search(
            [*props, ("category_id", "=", self.cat_noise.id), ("property_id", "=", self.property_a.id)]
        )
        self.assertEqual(
            [(r.quarter, r.complaint_count, r.previous_count, r.change) for r in noise.sorted("quarter")],
            [(date(2025, 1, 1), 1, 0, 1), (date(2025, 4, 1), 2, 1, 1), (date(2025, 7, 1), 0, 2, -2)],
        )

    def test_staff_of_one_property_read_no_complaint_of_another(self):
        agent = self.property_agent("tr_agent_complaints")
        agent.groups_id += self.env.ref("base.group_allow_export")
        as_agent = self.Complaint.with_user(agent)
        self.assertEqual(as_agent.search(self.ours).ticket_id, self.c1 | self.c2 | self.c3 | self.c5)
        self.assertEqual(
            as_agent._read_group(self.ours, ["property_id"], ["__count"]), [(self.property_a, 4)]
        )
        exported = as_agent.search(self.ours).export_data(["property_id"])["datas"]
        self.assertEqual({line[0] for line in exported}, {self.property_a.display_name})
        trend = self.Trend.with_user(agent)
        self.assertEqual(set(trend.search([]).property_id), {self.property_a})
        self.assertEqual(
            set(trend.with_user(self.manager).search([]).property_id), {self.property_a, self.property_b}
        )
