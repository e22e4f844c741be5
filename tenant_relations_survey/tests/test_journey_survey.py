# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The survey journey (issue 17), on the demo database as ``make run`` builds it (see the base's
journey_case.py): 王建国 (resident / resident) answers this half-year's 业主满意度调查 of 翠湖花园 on
his phone, in Chromium through Odoo's survey pages, from his open invitations on /my/surveys; then
the demo manager (demo / demo, staff of 翠湖花园) sees the campaign's figures move.

Expected figures, by hand from the demo answers (demo/survey_user_input_demo.xml): before him, 6
answers of 11 scored choices each, 7 of them not satisfied (cleaning 2, parking 2, repairs, fee
transparency, facilities): 59 / 66. He is satisfied with everything he is asked: 70 / 77.
"""

from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.journey_case import JourneyCase

FIGURES = [
    "answered_count",
    "invited_count",
    "satisfaction",
    "satisfaction_change",
    "satisfaction_below_target",
]


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class TestJourneySurvey(JourneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env.ref("tenant_relations_survey.tenant_survey_campaign_this_demo")
        cls.last_campaign = cls.env.ref("tenant_relations_survey.tenant_survey_campaign_last_demo")
        cls.invitation = cls.env.ref("tenant_relations_survey.survey_user_input_this_wang_jianguo_demo")
        cls.manager = cls.env.ref("base.user_demo")

    def manager_reads_campaign(self):
        """The campaign's figures as the demo manager reads them, over JSON-RPC."""
        self.authenticate("demo", "demo")
        (figures,) = self.rpc("tenant.survey.campaign", "read", self.campaign.ids, FIGURES)
        self.logout()
        return figures

    def test_resident_answers_on_a_phone_and_the_manager_sees_the_score_move(self):
        self.assertEqual(self.campaign.state, "running")
        self.assertEqual(self.campaign.previous_campaign_id, self.last_campaign)
        self.assertEqual(self.invitation.partner_id, self.resident)
        self.assertNotEqual(self.invitation.state, "done", "his invitation is open")
        self.assertIn(self.manager, self.chg.user_ids, "the demo manager is staff of 翠湖花园")

        before = self.manager_reads_campaign()
        self.assertEqual(before["answered_count"], 6)
        self.assertEqual(before["invited_count"], 25)
        self.assertAlmostEqual(before["satisfaction"], round(100 * 59 / 66, 1), places=1)

        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour("/my/surveys", "tenant_relations_survey_journey_resident_tour", login="resident")

        self.invitation.invalidate_recordset()
        self.assertEqual(self.invitation.state, "done")
        lines = self.invitation.user_input_line_ids
        self.assertEqual(len(lines.filtered("tenant_scored")), 11, "9 services, the channels, overall")
        self.assertEqual(sum(lines.mapped("tenant_satisfied")), 11)
        self.assertEqual(set(lines.mapped("tenant_property_id")), {self.chg})
        self.assertIn("地下车库的照明希望再亮一些。", lines.mapped("value_text_box"))

        after = self.manager_reads_campaign()
        self.assertEqual(after["answered_count"], 7)
        self.assertEqual(after["invited_count"], 25, "his invitation answered, not another one")
        self.assertAlmostEqual(after["satisfaction"], round(100 * 70 / 77, 1), places=1)
        self.assertGreater(after["satisfaction"], before["satisfaction"])
        self.assertAlmostEqual(
            after["satisfaction_change"] - before["satisfaction_change"],
            after["satisfaction"] - before["satisfaction"],
            places=1,
        )
        self.assertFalse(after["satisfaction_below_target"])

        # Answered: no survey waits for him any more.
        self.authenticate("resident", "resident")
        page = self.url_open("/my/surveys").text
        self.assertNotIn("o_tenant_survey_invitation", page)
