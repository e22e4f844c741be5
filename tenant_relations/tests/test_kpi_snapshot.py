# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from .common import TicketCase

MARCH = date(2025, 3, 15)
# 10:00 in Shanghai on 10 March 2025, as naive UTC.
REPORTED = datetime(2025, 3, 10, 2, 0)


class KpiCase(TicketCase):
    """An urgent-response KPI (90 % within 30 minutes, band 5, per staff member too) and, in March
    2025, five urgent tickets:

    ========  ========  ========  ==========  ========
    property  team      staff     answered    in time
    ========  ========  ========  ==========  ========
    A         team      staff_a   10 min      yes
    A         team      leader    45 min      no
    A         none      staff_a   20 min      yes
    A         none      none      never       no
    B         none      staff_b   5 min       yes
    ========  ========  ========  ==========  ========

    Company 3/5 = 60 %; A 2/4 = 50 % (its team 1/2, no team 1/2); B 1/1 = 100 %.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.Snapshot = cls.env["tenant.kpi.snapshot"]
        cls.kpi = cls.env["tenant.kpi"].create(
            {
                "name": "Urgent items answered within 30 minutes",
                "measure": "urgent_response",
                "target": 90,
                "warning_band": 5,
                "threshold_minutes": 30,
                "scope": "staff",
                "company_id": cls.company.id,
            }
        )
        cls.occupy(cls.unit_b1, cls.tenant)
        cls.t_in_time = cls.urgent(10, cls.team, cls.staff_a)
        cls.t_late = cls.urgent(45, cls.team, cls.leader)
        cls.t_no_team = cls.urgent(20, False, cls.staff_a)
        cls.t_unanswered = cls.urgent(None, False, False)
        cls.t_b = cls.urgent(5, False, cls.staff_b, unit=cls.unit_b1, partner=cls.tenant)

    @classmethod
    def urgent(cls, minutes, team, user, unit=None, partner=None):
        """An urgent ticket reported at REPORTED and first answered ``minutes`` later (None: not yet)."""
        ticket = cls.ticket(
            urgency="urgent",
            reported_date=REPORTED,
            unit_id=(unit or cls.unit_a1).id,
            partner_id=(partner or cls.owner).id,
            user_id=user and user.id,
        )
        ticket.team_id = team
        if minutes is not None:
            ticket.write(
                {"first_response_date": REPORTED + timedelta(minutes=minutes), "response_minutes": minutes}
            )
        return ticket

    def compute(self, day=MARCH, kpis=None):
        return self.Snapshot._tenant_compute(kpis or self.kpi, self.company, day)

    def rows(self, **keys):
        """The March snapshots of the KPI at ``keys`` (level, property_id, team_id, user_id: a
        missing key is empty), as {(level, property, team, user): snapshot}."""
        snapshots = self.Snapshot.search(
            [("kpi_id", "=", self.kpi.id), ("period_start", "=", date(2025, 3, 1))]
        )
        return {(s.level, s.property_id, s.team_id, s.user_id): s for s in snapshots}

    def row(self, level, prop=None, team=None, user=None):
        Property, Team, Users = self.env["tenant.property"], self.env["tenant.team"], self.env["res.users"]
        return self.rows()[(level, prop or Property, team or Team, user or Users)]


@tagged("post_install", "-at_install")
class TestKpiSnapshot(KpiCase):
    def test_rows_of_every_level_with_hand_computed_figures(self):
        self.compute()
        A, B, team, none = self.property_a, self.property_b, self.team, self.env["tenant.team"]
        expected = {
            ("company", None, None, None): (3, 5, 60.0),
            ("property", A, None, None): (2, 4, 50.0),
            ("property", B, None, None): (1, 1, 100.0),
            ("team", A, team, None): (1, 2, 50.0),
            ("team", A, none, None): (1, 2, 50.0),
            ("team", B, none, None): (1, 1, 100.0),
            ("staff", A, None, self.staff_a): (2, 2, 100.0),
            ("staff", A, None, self.leader): (0, 1, 0.0),
            ("staff", A, None, None): (0, 1, 0.0),
            ("staff", B, None, self.staff_b): (1, 1, 100.0),
            ("staff", None, None, self.staff_a): (2, 2, 100.0),
            ("staff", None, None, self.leader): (0, 1, 0.0),
            ("staff", None, None, None): (0, 1, 0.0),
            ("staff", None, None, self.staff_b): (1, 1, 100.0),
        }
        self.assertEqual(len(self.rows()), len(expected))
        for (level, prop, team_, user), figures in expected.items():
            snapshot = self.row(level, prop, team_, user)
            self.assertEqual(
                (snapshot.numerator, snapshot.denominator, snapshot.value),
                figures,
                (level, prop, team_, user),
            )
        company = self.row("company")
        self.assertEqual(
            (company.period, company.period_start, company.period_end),
            ("month", date(2025, 3, 1), date(2025, 4, 1)),
        )
        self.assertEqual((company.target, company.status, company.has_data), (90.0, "bad", True))
        self.assertEqual(self.row("property", B).status, "good")
        self.assertTrue(company.is_latest)
        self.assertEqual(company.value_display, "60 %")

    def test_rerun_replaces_never_duplicates_with_an_empty_team(self):
        self.compute()
        count = len(self.rows())
        no_team, total = self.row("team", self.property_a), self.row("property", self.property_a)
        self.assertNotEqual(
            no_team, total, "the tickets without a team and the property's total are two rows"
        )
        self.assertEqual((no_team.denominator, total.denominator), (2, 4))

        self.compute()
        self.assertEqual(len(self.rows()), count, "a rerun writes the same rows again")
        self.assertEqual(self.row("team", self.property_a), no_team, "updated in place")

        # The unanswered ticket is answered in 12 minutes: the rows are replaced, not added.
        self.t_unanswered.write(
            {"first_response_date": REPORTED + timedelta(minutes=12), "response_minutes": 12.0}
        )
        self.compute()
        self.assertEqual(len(self.rows()), count)
        self.assertEqual(self.row("team", self.property_a).value, 100.0)
        self.assertEqual(self.row("property", self.property_a).value, 75.0)
        self.assertEqual(self.row("company").value, 80.0)

    def test_rows_a_measure_no_longer_returns_are_deleted(self):
        self.compute()
        self.t_late.unlink()
        self.compute()
        keys = self.rows()
        self.assertNotIn(("staff", self.property_a, self.env["tenant.team"], self.leader), keys)
        self.assertEqual(self.row("team", self.property_a, self.team).value, 100.0)
        self.assertEqual(len(keys), 12)

    def test_a_month_without_tickets_says_no_data(self):
        self.compute()
        self.compute(date(2025, 4, 10))
        april = self.Snapshot.search([("kpi_id", "=", self.kpi.id), ("period_start", "=", date(2025, 4, 1))])
        # The company's row, and every property's: each shows its card, "No data".
        self.assertEqual(sorted(april.mapped("level")), ["company", "property", "property"])
        self.assertEqual(
            april.filtered(lambda s: s.level == "property").property_id, self.property_a | self.property_b
        )
        for snapshot in april:
            self.assertEqual(
                (snapshot.has_data, snapshot.status, snapshot.denominator), (False, "no_data", 0.0)
            )
            self.assertEqual(snapshot.value_display, "No data")
            self.assertTrue(snapshot.is_latest)
        self.assertFalse(self.row("company").is_latest, "April is the latest period now")

    def test_month_cut_at_the_firms_midnight(self):
        # 1 April 2025 at 00:30 in Shanghai is still 31 March in UTC: an April ticket.
        self.urgent(10, self.team, self.staff_a).reported_date = datetime(2025, 3, 31, 16, 30)
        self.compute()
        self.assertEqual(self.row("company").denominator, 5)

    def test_recompute_wizard_replaces_and_refuses_a_future_period(self):
        self.compute()
        count = len(self.rows())
        wizard = self.env["tenant.kpi.recompute"].with_user(self.manager).create({"day": MARCH})
        action = wizard.action_recompute()
        self.assertEqual(len(self.rows()), count)
        self.assertEqual(action["res_model"], "tenant.kpi.snapshot")
        self.assertIn(self.row("company"), self.Snapshot.search(action["domain"]))

        next_month = self.company._tenant_today().replace(day=1) + timedelta(days=32)
        with self.assertRefused("has not begun yet", UserError):
            self.env["tenant.kpi.recompute"].with_user(self.manager).create({"day": next_month})

    def test_recompute_wizard_from_the_kpi_list(self):
        form = Form(
            self.env["tenant.kpi.recompute"].with_context(active_model="tenant.kpi", active_ids=self.kpi.ids)
        )
        self.assertEqual(form.kpi_ids[:], self.kpi)

    def test_scheduled_job_computes_this_month_and_the_previous_one(self):
        # 00:30 on 1 April in Shanghai: the firm's today is April, March is the previous month.
        with freeze_time("2025-03-31 16:30:00"):
            self.Snapshot._cron_compute_snapshots()
        starts = set(self.Snapshot.search([("kpi_id", "=", self.kpi.id)]).mapped("period_start"))
        self.assertEqual(starts, {date(2025, 3, 1), date(2025, 4, 1)})
        self.assertEqual(self.row("company").value, 60.0)

    # Drilling down ---------------------------------------------------------------------------

    def drilled(self, snapshot):
        action = snapshot.action_view_records()
        self.assertEqual(action["res_model"], "tenant.ticket")
        return self.env["tenant.ticket"].search(action["domain"])

    def test_view_records_returns_exactly_the_tickets_behind_a_figure(self):
        self.compute()
        everything = self.t_in_time | self.t_late | self.t_no_team | self.t_unanswered | self.t_b
        self.assertEqual(self.drilled(self.row("company")), everything)
        self.assertEqual(self.drilled(self.row("property", self.property_a)), everything - self.t_b)
        self.assertEqual(self.drilled(self.row("team", self.property_a)), self.t_no_team | self.t_unanswered)
        self.assertEqual(
            self.drilled(self.row("team", self.property_a, self.team)), self.t_in_time | self.t_late
        )
        self.assertEqual(
            self.drilled(self.row("staff", self.property_a, user=self.staff_a)),
            self.t_in_time | self.t_no_team,
        )
        self.assertEqual(self.drilled(self.row("staff", user=self.staff_b)), self.t_b)
        self.assertEqual(self.drilled(self.row("staff", self.property_a)), self.t_unanswered)

    # Who reads what -------------------------------------------------------------------------

    def visible(self, user):
        Snapshot = self.Snapshot.with_user(user)
        return {
            (s.level, s.property_id, s.team_id, s.user_id)
            for s in Snapshot.search([("kpi_id", "=", self.kpi.id)])
        }

    def test_a_property_user_sees_only_their_propertys_figures(self):
        self.compute()
        agent = self.property_agent("kpi_agent_a")
        no_team, no_user = self.env["tenant.team"], self.env["res.users"]
        A = self.property_a
        self.assertEqual(
            self.visible(agent),
            {
                ("property", A, no_team, no_user),
                ("team", A, self.team, no_user),
                ("team", A, no_team, no_user),
                ("staff", A, no_team, no_user),
            },
            "A's figures (its unassigned tickets too), no company total, no staff member's, nothing of B",
        )

    def test_staff_see_their_own_staff_rows_not_their_colleagues(self):
        self.compute()
        no_team, no_prop = self.env["tenant.team"], self.env["tenant.property"]
        # The leader serves no property (only the team): their own figures and nothing else.
        self.assertEqual(
            self.visible(self.leader),
            {("staff", self.property_a, no_team, self.leader), ("staff", no_prop, no_team, self.leader)},
        )
        seen_by_b = self.visible(self.staff_b)
        self.assertIn(("staff", no_prop, no_team, self.staff_b), seen_by_b)
        self.assertNotIn(("staff", no_prop, no_team, self.staff_a), seen_by_b)
        self.assertFalse({key for key in seen_by_b if key[0] == "company"})

    def test_managers_see_the_company_totals(self):
        self.compute()
        self.assertEqual(len(self.visible(self.manager)), 14)

    def test_dashboard_opens_for_a_property_user(self):
        self.compute()
        agent = self.property_agent("kpi_agent_dash")
        action = (
            self.env["ir.actions.act_window"]
            .with_user(agent)
            ._for_xml_id("tenant_relations.tenant_kpi_snapshot_action_dashboard")
        )
        self.assertEqual(action["res_model"], "tenant.kpi.snapshot")
        Snapshot = self.Snapshot.with_user(agent)
        domain = [("is_latest", "=", True), ("level", "in", ("company", "property"))]
        groups = Snapshot._read_group(domain, ["kpi_id", "property_id", "status"], ["__count"])
        self.assertEqual(groups, [(self.kpi, self.property_a, "bad", 1)], "A's card, not the company's")

    def test_dashboard_and_kpi_screens_load(self):
        agent = self.property_agent("kpi_agent_views")
        views = self.Snapshot.with_user(agent).get_views(
            [(False, kind) for kind in ("kanban", "graph", "pivot", "list", "form", "search")]
        )
        kanban = views["views"]["kanban"]["arch"]
        self.assertIn("action_view_records", kanban)
        self.assertIn('highlight_color="color"', kanban)
        self.assertIn("off_target", views["views"]["search"]["arch"])
        kpi_views = (
            self.env["tenant.kpi"].with_user(self.manager).get_views([(False, "list"), (False, "form")])
        )
        self.assertIn("warning_band", kpi_views["views"]["form"]["arch"])
        menus = self.env["ir.ui.menu"].with_user(agent)._visible_menu_ids()
        self.assertIn(self.env.ref("tenant_relations.tenant_kpi_snapshot_menu_dashboard").id, menus)
        self.assertNotIn(self.env.ref("tenant_relations.tenant_kpi_menu").id, menus, "managers define KPIs")


@tagged("post_install", "-at_install")
class TestKpiDashboardTour(KpiCase, HttpCase):
    def test_a_property_manager_drills_from_a_red_card_to_its_tickets(self):
        self.compute()
        self.staff_a.password = "tr_staff_a"
        self.start_tour("/odoo", "tenant_relations_kpi_dashboard_tour", login="tr_staff_a")
