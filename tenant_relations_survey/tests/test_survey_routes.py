# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The survey routes as each persona meets them, over HTTP: who is served which invitation.

Rows: (persona, case) -> "allow" (the survey form is served with the answer's token, or the page
lists the invitation) or "deny". The personas: a visitor who is not signed in, the invited owner,
another invited resident of the same property, staff of the property.
"""

from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.tenant_relations.tests.common import (
    configure_outgoing_mail,
    portal_resident,
    property_units,
    staff_user,
)

from .test_survey_campaign import CampaignMixin

PERSONAS = ("anonymous", "owner", "neighbour", "staff")
CASES = (
    "my_surveys:own",  # /my/surveys lists the persona's own open invitation
    "my_surveys:foreign",  # ... and never another resident's
    "link:own",  # the owner's link (/survey/start/<survey>?answer_token=<owner's>)
    "link:foreign",  # the neighbour's link, opened by the persona
    "link:closed",  # the owner's link to a campaign that has closed
)
# A link is a bearer token signed out (Odoo's rule); signed in, only its resident is served.
ROUTE_EXPECTED = {
    ("anonymous", "link:own"): "allow",
    ("anonymous", "link:foreign"): "allow",
    ("owner", "my_surveys:own"): "allow",
    ("owner", "link:own"): "allow",
    ("neighbour", "my_surveys:own"): "allow",
    ("neighbour", "link:own"): "allow",
}


@tagged("post_install", "-at_install")
class TestSurveyRoutes(CampaignMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        configure_outgoing_mail(cls.env)
        unit_1, unit_2 = property_units(cls.env, "RTS", "Route Gardens", ("1", "1", "R-1"), ("1", "2", "R-2"))
        prop = unit_1.property_id
        cls.users = {
            "owner": portal_resident(cls.env, "tr_rts_owner", unit_1, "Route Owner", "rts.owner@example.com"),
            "neighbour": portal_resident(
                cls.env, "tr_rts_neighbour", unit_2, "Route Neighbour", "rts.neighbour@example.com"
            ),
            "staff": staff_user(cls.env, "tr_rts_staff"),
        }
        prop.user_ids = [(4, cls.users["staff"].id)]
        (cls.users["owner"] | cls.users["neighbour"]).partner_id.tenant_notification_consent = True
        cls.survey = cls.make_survey(cls.env, "Route satisfaction")
        cls.survey.access_mode = "token"
        today = date.today()
        cls.campaigns = {}
        for key, deadline in (("open", today + timedelta(days=30)), ("closed", today + timedelta(days=1))):
            campaign = cls.campaign(
                cls.env,
                cls.survey,
                start=today,
                deadline=deadline,
                property_ids=[(6, 0, prop.ids)],
                name=f"Route campaign {key}",
                recurrence_months=0,
            )
            campaign.action_schedule()
            campaign._campaign_start()
            campaign._campaign_send_batch(50)
            cls.campaigns[key] = campaign
        cls.campaigns["closed"]._campaign_close()

    def answer(self, persona, key="open"):
        partner = self.users[persona].partner_id
        return self.campaigns[key].answer_ids.filtered(lambda a: a.partner_id == partner)

    def request(self, persona, case):
        """(url, what the page holds when it serves the case)."""
        kind, variant = case.split(":")
        if kind == "my_surveys":
            other = "neighbour" if persona != "neighbour" else "owner"
            answer = self.answer(persona if variant == "own" and persona in self.users else other)
            if variant == "own" and persona not in ("owner", "neighbour"):
                return "/my/surveys", "\x00never"
            return "/my/surveys", answer.access_token
        owner_of_link = "neighbour" if variant == "foreign" else "owner"
        if variant == "own" and persona == "neighbour":
            owner_of_link = "neighbour"
        if variant == "foreign" and persona == "neighbour":
            owner_of_link = "owner"
        answer = self.answer(owner_of_link, "closed" if variant == "closed" else "open")
        url = f"/survey/start/{self.survey.access_token}?answer_token={answer.access_token}"
        return url, f'data-answer-token="{answer.access_token}"'

    def test_routes(self):
        for persona in PERSONAS:
            if persona == "anonymous":
                self.authenticate(None, None)
            else:
                login = self.users[persona].login
                self.authenticate(login, login)
            for case in CASES:
                with self.subTest(persona=persona, case=case):
                    url, served = self.request(persona, case)
                    res = self.url_open(url)
                    seen = "allow" if res.status_code == 200 and served in res.text else "deny"
                    self.assertEqual(
                        seen, ROUTE_EXPECTED.get((persona, case), "deny"), f"{url}: {res.status_code}"
                    )
