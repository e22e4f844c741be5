# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mediation agreement (调解协议书): terms required and frozen once sent, one acceptance per
party, paper signatures recorded by staff, signed when all have signed, fulfilment followed up, the
judicial confirmation window, and the bilingual PDF really rendered by wkhtmltopdf with a CJK font."""

import base64
import re
import shutil
import socket
import subprocess
import tempfile
import unicodedata
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.tenant_relations.tests.common import TenantRelationsCase, png, staff_user

OFFICER = "tenant_relations_dispute.group_tenant_dispute_officer"
SIGNATURE = base64.b64encode(png())
TERMS = "<p>被申请人于2025年3月31日前赔偿申请人维修费人民币3000元。</p>"


def closed_port():
    """A local TCP port nothing listens on (the system just handed it out and it was let go)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestDisputeAgreement(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = staff_user(cls.env, "ag_officer", groups=OFFICER, name="调解专员 Officer")
        cls.property_a.user_ids = [Command.link(cls.officer.id)]
        cls.dispute = cls.env["tenant.dispute"].create(
            {
                "name": "楼上漏水 Water through the ceiling",
                "property_id": cls.property_a.id,
                "unit_id": cls.unit_a1.id,
                "user_id": cls.officer.id,
                "party_ids": [
                    Command.create({"partner_id": cls.owner.id, "role": "claimant"}),
                    Command.create({"partner_id": cls.tenant.id, "role": "respondent"}),
                ],
            }
        )
        cls.claimant, cls.respondent = cls.dispute.party_ids.sorted(lambda party: party.role)

    def new_agreement(self, **values):
        return (
            self.env["tenant.dispute.agreement"]
            .with_user(self.officer)
            .create({"dispute_id": self.dispute.id, "date": "2025-03-01", "terms": TERMS} | values)
        )

    def acceptance(self, agreement, party):
        return agreement.acceptance_ids.filtered(lambda acceptance: acceptance.party_id == party)

    # Terms and reference --------------------------------------------------------------------------

    def test_an_agreement_without_terms_is_refused(self):
        for empty in (False, "<p><br></p>", "<p>  </p>"):
            with self.subTest(terms=empty), self.assertRaisesRegex(ValidationError, "has no terms"):
                self.new_agreement(terms=empty)

    def test_reference_comes_from_the_sequence_of_the_agreement_year(self):
        first, second = self.new_agreement(), self.new_agreement()
        self.assertRegex(first.name, r"^MA/2025/\d{4}$")
        self.assertNotEqual(first.name, second.name)

    def test_record_agreement_from_the_dispute_form(self):
        action = self.dispute.with_user(self.officer).action_record_agreement()
        form = Form(self.env[action["res_model"]].with_user(self.officer).with_context(**action["context"]))
        form.terms = TERMS
        agreement = form.save()
        self.assertEqual(agreement.dispute_id, self.dispute)
        self.assertEqual(self.dispute.agreement_count, 1)
        self.assertEqual(self.dispute.action_view_agreements()["res_id"], agreement.id)
        self.assertEqual(Form(self.dispute.with_user(self.officer)).agreement_count, 1, "the smart button")

    # Signing --------------------------------------------------------------------------------------

    def test_sending_creates_one_acceptance_per_party_and_tells_each_party_alone(self):
        agreement = self.new_agreement()
        agreement.action_send_for_signature()
        self.assertEqual(agreement.state, "signing")
        self.assertEqual(agreement.acceptance_ids.party_id, self.claimant | self.respondent)
        link = f"/my/disputes/{self.dispute.id}"
        for party in (self.claimant, self.respondent):
            message = party.message_ids[0]
            self.assertIn(link, message.body)
            self.assertEqual(
                message.partner_ids, party.partner_id, "only this party is told, in its own thread"
            )
        with self.assertRaisesRegex(UserError, "already been sent"):
            agreement.action_send_for_signature()

    def test_terms_are_locked_once_signing_started(self):
        agreement = self.new_agreement()
        agreement.terms = "<p>双方互不追究。</p>"
        agreement.action_send_for_signature()
        with self.assertRaisesRegex(UserError, "terms cannot change"):
            agreement.terms = "<p>申请人放弃全部请求。</p>"
        self.assertIn("双方互不追究", agreement.terms)

    def test_staff_record_paper_signatures_and_all_signed_makes_it_signed(self):
        agreement = self.new_agreement()
        agreement.action_send_for_signature()
        action = self.acceptance(agreement, self.claimant).action_open_record_signature()
        wizard = Form(self.env[action["res_model"]].with_user(self.officer).with_context(**action["context"]))
        self.assertEqual(wizard.signed_by, "王建国")
        wizard.save().action_confirm()
        signed = self.acceptance(agreement, self.claimant)
        self.assertEqual((signed.method, signed.signed_by), ("staff", "王建国"))
        self.assertEqual(agreement.state, "signing", "one party still to sign")
        with self.assertRaisesRegex(UserError, "already signed"):
            signed._tenant_sign("王建国")
        self.acceptance(agreement, self.respondent)._tenant_sign("李秀英", SIGNATURE, "portal")
        self.assertEqual(agreement.state, "signed")
        self.assertIn(agreement.name, self.dispute.message_ids[0].body, "the dispute's thread is told")

    def test_staff_cannot_forge_the_state_or_a_signature(self):
        """Over RPC as over the form: the state moves by the buttons and the signatures alone, and
        only ``_tenant_sign`` writes a signature."""
        Agreement = self.env["tenant.dispute.agreement"].with_user(self.staff_a)
        with self.assertRaisesRegex(UserError, "state changes through its buttons"):
            Agreement.create({"dispute_id": self.dispute.id, "terms": TERMS, "state": "signed"})
        agreement = self.new_agreement()
        staff = agreement.with_user(self.staff_a)
        with self.assertRaisesRegex(UserError, "state changes through its buttons"):
            staff.write({"state": "signed"})
        # A context flag sent over RPC does not pass for the buttons.
        with self.assertRaisesRegex(UserError, "state changes through its buttons"):
            staff.with_context(tenant_agreement_signing=True).write({"state": "signing"})
        staff.action_send_for_signature()
        for user in (self.staff_a, self.officer):
            with self.assertRaisesRegex(UserError, "never goes back to draft"):
                agreement.with_user(user).write({"state": "draft"})
        acceptance = self.acceptance(agreement, self.claimant).with_user(self.staff_a)
        forged = {
            "signed_by": "王建国",
            "signed_on": fields.Datetime.now(),
            "method": "portal",
            "signature": SIGNATURE,
        }
        # Nobody has the right to write an acceptance; nor to create one already signed.
        for user in (self.staff_a, self.officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                acceptance.with_user(user).write({"signed_by": "王建国"})
        for field, value in forged.items():
            with self.subTest(field=field), self.assertRaisesRegex(UserError, "cannot be written directly"):
                staff.write(
                    {"acceptance_ids": [Command.create({"party_id": self.claimant.id, field: value})]}
                )
        self.assertFalse(agreement.acceptance_ids.filtered("signed_on"))
        self.assertEqual(agreement.state, "signing")
        # The real ways still work for the same staff: the paper signatures, then the fulfilment.
        acceptance._tenant_sign("王建国")
        self.acceptance(agreement, self.respondent).with_user(self.staff_a)._tenant_sign("李秀英")
        self.assertEqual(agreement.state, "signed")
        staff.action_fulfil()
        self.assertEqual(agreement.state, "fulfilled")

    # Fulfilment and judicial confirmation ---------------------------------------------------------

    def test_fulfilment_due_schedules_an_activity_for_the_responsible_then_fulfilled(self):
        agreement = self.new_agreement(fulfilment_due="2025-03-31")
        activity = agreement.activity_ids
        self.assertEqual((activity.user_id, activity.date_deadline), (self.officer, date(2025, 3, 31)))
        agreement.fulfilment_due = "2025-04-15"
        self.assertEqual(agreement.activity_ids, activity, "moved, not doubled")
        self.assertEqual(activity.date_deadline, date(2025, 4, 15))
        with self.assertRaisesRegex(UserError, "once every party has signed"):
            agreement.action_fulfil()
        agreement.action_send_for_signature()
        agreement.acceptance_ids._tenant_sign("Both, at the committee's desk")
        agreement.action_fulfil()
        self.assertEqual(agreement.state, "fulfilled")
        self.assertEqual(agreement.fulfilled_date, fields.Date.context_today(agreement))
        self.assertFalse(agreement.activity_ids, "the follow-up is done")

    def test_judicial_confirmation_is_requested_within_30_days_of_the_agreement(self):
        agreement = self.new_agreement()
        agreement.judicial_request_date = "2025-03-01"
        agreement.judicial_request_date = "2025-03-31"
        for wrong in ("2025-02-28", "2025-04-01"):
            with self.subTest(request=wrong), self.assertRaisesRegex(ValidationError, "within 30 days"):
                agreement.judicial_request_date = wrong
        with self.assertRaisesRegex(ValidationError, "within 30 days"):
            agreement.date = "2025-02-01"

    # The PDF --------------------------------------------------------------------------------------

    def test_pdf_is_rendered_bilingual_with_a_cjk_font(self):
        for tool in ("wkhtmltopdf", "pdftotext", "pdffonts"):
            self.assertTrue(shutil.which(tool), f"{tool} missing: `make test` installs it (tools/lib.sh)")
        # wkhtmltopdf fetches the report's stylesheets from report.url: this test server answers only
        # once the tests are over, so wkhtmltopdf would wait for it until then. A closed port refuses at
        # once; the agreement's layout is in the template itself and renders without them.
        self.env["ir.config_parameter"].sudo().set_param("report.url", f"http://127.0.0.1:{closed_port()}")
        agreement = self.new_agreement(judicial_request_date="2025-03-10")
        agreement.action_send_for_signature()
        self.acceptance(agreement, self.claimant)._tenant_sign("王建国", SIGNATURE, "portal")
        self.acceptance(agreement, self.respondent)._tenant_sign("李秀英")
        report = self.env.ref("tenant_relations_dispute.action_report_dispute_agreement")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report.report_name, agreement.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            text = subprocess.run(
                ["pdftotext", file.name, "-"], capture_output=True, check=True, text=True
            ).stdout
            fonts = subprocess.run(["pdffonts", file.name], capture_output=True, check=True, text=True).stdout
        # Noto CJK maps some ideographs' glyphs to Kangxi radicals too (人 is also ⼈, U+2F08), and
        # pdftotext may give the radical: NFKC folds most back into the ideographs that were printed
        # (not the radicals supplement: 民 may stay ⺠, so the words checked below avoid it).
        flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
        for words in (
            "调解协议书",
            "MediationAgreement",
            agreement.name,
            "王建国",
            "李秀英",
            "申请人",
            "被申请人",
        ):
            self.assertIn(words, flat)
        self.assertIn("赔偿申请人维修费", flat, "the terms as written")
        self.assertIn("书面签字", flat, "the respondent signed on paper")
        self.assertIn("2025-03-10", flat, "the judicial confirmation request")
        self.assertIn(self.env.company.name.replace(" ", ""), flat, "the company is in the body")
        self.assertRegex(fonts, r"Noto\w*CJK", "a Noto CJK font is embedded")
