# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dispute journey (issue 18), on the demo database as ``make run`` builds it (see the base's
journey_case.py): the dispute officer (demo / demo) opens 王建国's complaint about the air
conditioner dripping on his balcony and, in Chromium, escalates it to a dispute and schedules a
mediation session of 翠湖花园's committee; then, as the web client would, records the agreement,
sends it for signature, records the firm's signature on paper and prints the PDF; 王建国 (resident /
resident) signs it in the portal, in Chromium, with Odoo's portal signature.
"""

import json
from datetime import timedelta
from urllib.parse import quote

from odoo import fields
from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.journey_case import JourneyCase

from .test_dispute_agreement import closed_port

DISPUTE = "tenant_relations_dispute.%s"
REPORT = "tenant_relations_dispute.report_dispute_agreement"
TERMS = (
    "<ol><li>物业于 3 日内联系 1栋 301 业主，重新固定空调外机冷凝水管并接入阳台地漏。</li>"
    "<li>物业承担申请人阳台晾晒衣物的清洗费用 200 元。</li>"
    "<li>申请人不再就此事另行投诉。</li></ol>"
)


@tagged("-standard", "tr_journey", "post_install", "-at_install")
class TestJourneyDispute(JourneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls.env.ref(DISPUTE % "tenant_ticket_chg_aircon_drip_demo")
        cls.committee = cls.env.ref(DISPUTE % "tenant_mediation_committee_chg_demo")
        cls.officer = cls.env.ref("base.user_demo")
        cls.party_user = cls.demo("user_resident_demo")
        cls.chair = cls.env.ref("tenant_relations_dispute.res_partner_zhao_shufen_demo")
        cls.owner_member = cls.demo("res_partner_lin_jianhua_demo")

    def test_officer_escalates_schedules_prints_and_the_party_signs_in_the_portal(self):
        self.assertTrue(self.officer.has_group("tenant_relations_dispute.group_tenant_dispute_officer"))
        self.assertFalse(self.officer._is_superuser())
        self.assertEqual(self.complaint.kind, "complaint")
        self.assertEqual(self.complaint.partner_id, self.resident)
        self.assertEqual(self.party_user.partner_id, self.resident)
        self.assertFalse(self.complaint.dispute_id, "the complaint waits to be escalated")

        # In Chromium, as the officer: escalate the complaint, schedule a session.
        self.start_tour(
            f"/odoo/action-tenant_relations.tenant_ticket_action/{self.complaint.id}",
            "tenant_dispute_journey_officer_tour",
            login="demo",
        )
        self.complaint.invalidate_recordset()
        dispute = self.complaint.dispute_id
        self.assertTrue(dispute, "the complaint is linked to its dispute")
        self.assertIn(self.complaint, dispute.ticket_ids, "and the dispute to the complaint")
        self.assertEqual(dispute.name, self.complaint.name)
        self.assertEqual(dispute.property_id, self.chg)
        self.assertEqual(dispute.create_uid, self.officer)
        roles = {(party.role, party.party_type): party.partner_id for party in dispute.party_ids}
        self.assertEqual(
            roles,
            {("claimant", "resident"): self.resident, ("respondent", "firm"): self.company.partner_id},
        )
        self.assertEqual(dispute.committee_id, self.committee, "the property's committee")

        session = dispute.session_ids
        self.assertEqual(len(session), 1)
        self.assertEqual(session.state, "planned")
        self.assertEqual(session.location, "翠湖花园物业服务中心 2栋一楼 调解室")
        self.assertEqual(session.member_ids.partner_id, self.chair | self.owner_member)
        in_a_week = fields.Date.context_today(self.officer) + timedelta(days=7)
        self.assertLessEqual(abs((session.date_start.date() - in_a_week).days), 1, "a week from today")
        event = session.event_id
        self.assertTrue(event, "the session projects a calendar event")
        self.assertEqual(event.privacy, "private")
        self.assertEqual(event.start, session.date_start)
        self.assertIn(self.resident, event.partner_ids, "the party is invited")
        self.assertIn(self.chair, event.partner_ids, "the chair is invited")
        self.assertEqual(dispute.next_session_id, session)

        # As the officer, over JSON-RPC as the web client does: the agreement, sent for signature,
        # the firm's signature recorded from paper, and the PDF printed.
        self.authenticate("demo", "demo")
        agreement_id = self.rpc(
            "tenant.dispute.agreement",
            "create",
            {
                "dispute_id": dispute.id,
                "terms": TERMS,
                "fulfilment_due": fields.Date.to_string(in_a_week),
            },
        )
        self.rpc("tenant.dispute.agreement", "action_send_for_signature", [agreement_id])
        agreement = self.env["tenant.dispute.agreement"].browse(agreement_id)
        self.assertEqual(agreement.state, "signing")
        self.assertEqual(agreement.acceptance_ids.partner_id, self.resident | self.company.partner_id)
        firm = agreement.acceptance_ids.filtered(lambda acceptance: acceptance.partner_id != self.resident)
        action = self.rpc("tenant.dispute.acceptance", "action_open_record_signature", firm.ids)
        wizard_id = self.rpc(
            "tenant.dispute.acceptance.record",
            "create",
            {"acceptance_id": firm.id, "signed_by": "吴建平（物业公司授权代表）"},
            context=action["context"],
        )
        self.rpc("tenant.dispute.acceptance.record", "action_confirm", [wizard_id])
        self.assertEqual(agreement.state, "signing", "王建国 has yet to sign")

        # wkhtmltopdf would fetch the stylesheets from this server, which answers one request at a
        # time under test: a closed port refuses at once, the agreement's layout is in its template.
        self.env["ir.config_parameter"].sudo().set_param("report.url", f"http://127.0.0.1:{closed_port()}")
        context = quote(json.dumps({"force_report_rendering": True}))
        response = self.url_open(f"/report/pdf/{REPORT}/{agreement_id}?context={context}", timeout=120)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"), "a real PDF, rendered by wkhtmltopdf")
        self.logout()

        # In Chromium, as 王建国: his disputes, the agreement, his signature.
        self.start_tour("/my/disputes", "tenant_dispute_journey_party_tour", login="resident")
        agreement.invalidate_recordset()
        self.assertEqual(agreement.state, "signed")
        mine = agreement.acceptance_ids.filtered(lambda acceptance: acceptance.partner_id == self.resident)
        self.assertEqual(mine.method, "portal")
        self.assertTrue(mine.signature, "his drawn signature is kept")
        self.assertTrue(mine.signed_by)
        self.assertEqual(firm.method, "staff")
