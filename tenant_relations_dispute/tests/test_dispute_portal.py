# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The parties' portal: what each party reads, writes and signs, through the pages, the JSON
routes and the ORM over RPC as the portal user; a resident stranger reads nothing."""

import base64
from datetime import timedelta

from odoo import Command, fields, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import JsonRpcException, tagged

from odoo.addons.tenant_relations.tests.common import (
    PortalCase,
    call_kw,
    png,
    portal_resident,
    property_units,
    staff_user,
)

SUBJECT = "Water through the ceiling"
TERMS = "<p>The upstairs owner will repaint the ceiling of unit 1-1201 before 30 June.</p>"


@tagged("post_install", "-at_install")
class TestDisputePortal(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.unit_low, cls.unit_high = property_units(
            env, "DPG", "Dragon Pool Gardens", ("1", "1201", "1-1201"), ("1", "1301", "1-1301")
        )
        cls.claimant = portal_resident(env, "dp_claimant", cls.unit_low, "王建国", "dp.wang@example.com")
        cls.respondent = portal_resident(env, "dp_respondent", cls.unit_high, "李秀英", "dp.li@example.com")
        # Lives in the same building, party to nothing.
        cls.stranger = portal_resident(env, "dp_stranger", cls.unit_low, "张伟", "dp.zhang@example.com")
        cls.officer = staff_user(
            env, "dp_officer", groups="tenant_relations_dispute.group_tenant_dispute_officer"
        )
        cls.unit_low.property_id.manager_id = cls.officer
        cls.dispute = cls.new_dispute(SUBJECT, cls.claimant, cls.respondent)
        # Another dispute of the respondent, with a contractor: not the claimant's business.
        contractor = env["res.partner"].create({"name": "Swift Plumbing Co."})
        cls.other_dispute = cls.new_dispute("Parking space taken", contractor, cls.respondent.partner_id)
        parties = cls.dispute.party_ids
        cls.party_c = parties.filtered(lambda p: p.role == "claimant")
        cls.party_r = parties.filtered(lambda p: p.role == "respondent")
        Evidence = env["tenant.dispute.evidence"]
        cls.ev_c_private, cls.ev_c_shared, cls.ev_r_private, cls.ev_r_shared = Evidence.create(
            [
                {"party_id": cls.party_c.id, "name": "Claimant private notes"},
                {"party_id": cls.party_c.id, "name": "Photo of the stain", "shared": True},
                {"party_id": cls.party_r.id, "name": "Respondent plumber invoice"},
                {"party_id": cls.party_r.id, "name": "Respondent repair report", "shared": True},
            ]
        )
        cls.file_r_private = cls.attach(cls.ev_r_private, "invoice.png")
        cls.file_r_shared = cls.attach(cls.ev_r_shared, "report.png")
        # Sessions are heard by the property's committee, and none is held before the dispute was
        # recorded: the dispute came in ten days ago.
        committee = env["tenant.mediation.committee"].create(
            {"name": "Dragon Pool committee", "property_id": cls.unit_low.property_id.id}
        )
        (cls.dispute | cls.other_dispute).committee_id = committee
        env.flush_all()
        env.cr.execute(
            "UPDATE tenant_dispute SET create_date = create_date - interval '10 days' WHERE id IN %s",
            [tuple((cls.dispute | cls.other_dispute).ids)],
        )
        env.invalidate_all()
        now = fields.Datetime.now()
        Session = env["tenant.mediation.session"]
        Session.create(
            [
                {"dispute_id": cls.dispute.id, "date_start": now - timedelta(days=3), "location": "Old room"},
                {
                    "dispute_id": cls.dispute.id,
                    "date_start": now + timedelta(days=2),
                    "state": "cancelled",
                    "location": "Cancelled room",
                },
                {
                    "dispute_id": cls.dispute.id,
                    "date_start": now + timedelta(days=9),
                    "location": "Later room",
                },
                {
                    "dispute_id": cls.dispute.id,
                    "date_start": now + timedelta(days=5),
                    "location": "Management office, room 2",
                    "videocall_url": "https://meet.example.com/dpg-2",
                    "minutes": "<p>Minutes draft</p>",
                    "deliberation": "<p>The committee leans towards the claimant</p>",
                },
            ]
        )
        cls.agreement = env["tenant.dispute.agreement"].create(
            {
                "dispute_id": cls.dispute.id,
                "name": "DPG-2026-001",
                "terms": TERMS,
                "state": "signing",
                "acceptance_ids": [
                    Command.create({"party_id": cls.party_c.id}),
                    Command.create({"party_id": cls.party_r.id}),
                ],
            }
        )
        cls.draft_agreement = env["tenant.dispute.agreement"].create(
            {"dispute_id": cls.dispute.id, "name": "DPG-DRAFT", "terms": "<p>Draft being written</p>"}
        )
        cls.acc_c = cls.agreement.acceptance_ids.filtered(lambda a: a.party_id == cls.party_c)
        cls.acc_r = cls.agreement.acceptance_ids.filtered(lambda a: a.party_id == cls.party_r)
        cls.url = f"/my/disputes/{cls.dispute.id}"

    @classmethod
    def new_dispute(cls, name, claimant, respondent):
        """A dispute of the two partners (or the partners of the two users)."""
        claimant, respondent = (p.partner_id if p._name == "res.users" else p for p in (claimant, respondent))
        return cls.env["tenant.dispute"].create(
            {
                "name": name,
                "property_id": cls.unit_low.property_id.id,
                "unit_id": cls.unit_low.id,
                "unit_ids": [Command.set((cls.unit_low | cls.unit_high).ids)],
                "party_ids": [
                    Command.create({"partner_id": claimant.id, "role": "claimant"}),
                    Command.create({"partner_id": respondent.id, "role": "respondent"}),
                ],
            }
        )

    @classmethod
    def attach(cls, evidence, name):
        attachment = cls.env["ir.attachment"].create(
            {"name": name, "raw": png(), "res_model": evidence._name, "res_id": evidence.id}
        )
        evidence.attachment_ids = [Command.link(attachment.id)]
        return attachment

    def post_evidence(self, data, files=None, dispute=None):
        data = {"csrf_token": http.Request.csrf_token(self), **data}
        url = f"/my/disputes/{(dispute or self.dispute).id}/evidence"
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def sign(self, agreement=None, name="王建国", signature=None, dispute=None):
        agreement = agreement or self.agreement
        route = f"/my/disputes/{(dispute or self.dispute).id}/agreement/{agreement.id}/sign"
        signature = base64.b64encode(png("black")).decode() if signature is None else signature
        return self.make_jsonrpc_request(route, {"name": name, "signature": signature})

    # One rule, one place ------------------------------------------------------------------------

    def test_portal_rule_is_the_party_domain(self):
        """The portal rule on disputes and the controller's domain find the same disputes."""
        Dispute = self.env["tenant.dispute"]
        for user in (self.claimant, self.respondent, self.stranger):
            with self.subTest(user=user.login):
                by_rule = Dispute.with_user(user).search([])
                by_helper = Dispute.search(Dispute._get_portal_party_domain(user.partner_id.id))
                self.assertEqual(by_rule, by_helper)
        self.assertEqual(Dispute.with_user(self.claimant).search([]), self.dispute)
        self.assertEqual(Dispute.with_user(self.respondent).search([]), self.dispute | self.other_dispute)

    # Pages --------------------------------------------------------------------------------------

    def test_list_shows_own_disputes_with_level_session_and_signature(self):
        page = self.page_as(self.claimant, "/my/disputes")
        self.assertIn(SUBJECT, page)
        self.assertNotIn("Parking space taken", page)
        self.assertIn(self.dispute.level_id.name, page)
        self.assertIn("Awaiting your signature", page)

    def test_home_counts_the_disputes_of_the_party(self):
        """The portal home's entry counts the user's disputes (shown only to a party)."""
        for user, count in ((self.claimant, 1), (self.respondent, 2), (self.stranger, 0)):
            with self.subTest(user=user.login):
                self.login(user)
                counters = self.make_jsonrpc_request("/my/counters", {"counters": ["tenant_dispute_count"]})
                self.assertEqual(counters["tenant_dispute_count"], count)

    def test_detail_shows_what_a_party_may_read_only(self):
        page = self.page_as(self.claimant, self.url)
        for text in (
            SUBJECT,
            self.claimant.partner_id.name,
            self.respondent.partner_id.name,
            "Claimant",
            "Respondent",
            "Management office, room 2",  # the next planned session, not a past or cancelled one
            "https://meet.example.com/dpg-2",
            "Claimant private notes",
            "Photo of the stain",
            "Respondent repair report",
            "repaint the ceiling",
            "o_portal_chatter",
            'data-res_model="tenant.dispute.party"',
            f'data-res_id="{self.party_c.id}"',
        ):
            self.assertIn(text, page)
        for text in (
            "Respondent plumber invoice",
            "leans towards the claimant",
            "Minutes draft",
            "Old room",
            "Cancelled room",
            "Later room",
            "Draft being written",
        ):
            self.assertNotIn(text, page)

    def test_stranger_and_visitor_are_refused(self):
        """A resident party to nothing gets 404 for the dispute and its routes, never an error;
        a visitor is sent to sign in."""
        self.login(self.stranger)
        for url in (
            self.url,
            f"{self.url}/evidence/{self.ev_r_shared.id}/files/{self.file_r_shared.id}",
            f"{self.url}/agreement/{self.agreement.id}/pdf",
            "/my/disputes/99999999999",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        self.assertNotIn(SUBJECT, self.page_as(self.stranger, "/my/disputes"))
        res = self.post_evidence({"name": "Sneaky"})
        self.assertEqual(res.status_code, 404)
        with self.assertRaises(JsonRpcException) as caught:
            self.sign()
        self.assertEqual(caught.exception.code, 404)
        self.assertFalse(self.acc_c.signed_on)
        self.logout()
        res = self.url_open(self.url, allow_redirects=False)
        self.assertEqual(res.status_code, 303)
        self.assertIn("/web/login", res.headers["Location"])

    def test_files_of_evidence_follow_the_evidence(self):
        self.login(self.claimant)
        shared = self.url_open(f"{self.url}/evidence/{self.ev_r_shared.id}/files/{self.file_r_shared.id}")
        self.assertEqual(shared.status_code, 200)
        self.assertEqual(shared.content, png())
        private = self.url_open(f"{self.url}/evidence/{self.ev_r_private.id}/files/{self.file_r_private.id}")
        self.assertEqual(private.status_code, 404)
        # A file of another piece of evidence, under the shared one's URL.
        crossed = self.url_open(f"{self.url}/evidence/{self.ev_r_shared.id}/files/{self.file_r_private.id}")
        self.assertEqual(crossed.status_code, 404)

    def test_only_the_files_of_the_evidence_itself_are_served(self):
        """A file linked to a piece of evidence by its id, from another record, is neither linked
        by staff nor served by the portal."""
        staff = staff_user(self.env, "dp_staff")
        self.unit_low.property_id.user_ids = [Command.link(staff.id)]
        evidence = self.ev_c_shared.with_user(staff)
        # assertRaises: a savepoint, the link written before the check is rolled back.
        with self.assertRaises(UserError) as refused:
            evidence.attachment_ids = [Command.link(self.file_r_private.id)]
        self.assertIn("belongs to another record", str(refused.exception))
        self.assertNotIn(self.file_r_private, self.ev_c_shared.attachment_ids)
        # A file uploaded in the evidence form (no id yet when the evidence is new) is its own.
        upload = (
            self.env["ir.attachment"]
            .with_user(staff)
            .create({"name": "scan.png", "raw": png(), "res_model": evidence._name, "res_id": 0})
        )
        evidence.attachment_ids = [Command.link(upload.id)]
        self.assertEqual((upload.res_model, upload.res_id), (evidence._name, evidence.id))
        # Linked anyway by the system: the portal still serves only the evidence's own files.
        self.ev_r_shared.attachment_ids = [Command.link(self.file_r_private.id)]
        self.login(self.claimant)
        foreign = self.url_open(f"{self.url}/evidence/{self.ev_r_shared.id}/files/{self.file_r_private.id}")
        self.assertEqual(foreign.status_code, 404)
        own = self.url_open(f"{self.url}/evidence/{self.ev_c_shared.id}/files/{upload.id}")
        self.assertEqual(own.status_code, 200)

    # Evidence -----------------------------------------------------------------------------------

    def test_evidence_on_a_closed_dispute_is_refused_with_a_message(self):
        closed = self.env.ref("tenant_relations_dispute.tenant_dispute_level_closed")
        self.dispute.write({"level_id": closed.id, "outcome": "settled"})
        before = self.env["tenant.dispute.evidence"].search_count([])
        self.login(self.claimant)
        res = self.post_evidence(
            {"name": "A late photo"}, files={"attachments": ("late.png", png(), "image/png")}
        )
        self.assertEqual(res.status_code, 400)
        self.assertIn("This dispute is closed: it takes no more evidence.", res.text)
        self.assertEqual(self.env["tenant.dispute.evidence"].search_count([]), before)

    def test_party_adds_evidence_with_a_file_to_their_own_party(self):
        self.login(self.claimant)
        res = self.post_evidence(
            {"name": "Video of the leak", "description": "Taken <b>at night</b>"},
            files={"attachments": ("leak.png", png("red"), "image/png")},
        )
        self.assertEqual(res.status_code, 303)
        evidence = self.party_c.evidence_ids.filtered(lambda e: e.name == "Video of the leak")
        self.assertEqual(len(evidence), 1)
        self.assertFalse(evidence.shared)
        self.assertEqual(evidence.description, "Taken <b>at night</b>")
        self.assertEqual(evidence.attachment_ids.mapped("name"), ["leak.png"])
        self.assertEqual(evidence.attachment_ids.res_model, "tenant.dispute.evidence")
        self.assertEqual(evidence.attachment_ids.res_id, evidence.id)
        self.assertIn("Video of the leak", self.party_c.message_ids[0].body)
        self.assertFalse(self.party_r.evidence_ids.filtered(lambda e: e.name == "Video of the leak"))
        # The respondent does not see it until it is shared.
        self.assertNotIn("Video of the leak", self.page_as(self.respondent, self.url))

    def test_bad_evidence_is_refused_with_the_form_kept(self):
        self.login(self.claimant)
        before = self.env["tenant.dispute.evidence"].search_count([])
        cases = [
            ({"name": "  ", "description": "Kept description"}, None, "Please give your evidence a title."),
            ({"name": "x" * 201, "description": "Kept description"}, None, "The title is too long"),
            (
                {"name": "Kept title", "description": "Kept description"},
                {"attachments": ("run.sh", b"#!/bin/sh\nrm -rf /\n", "image/png")},
                "is not a picture or a PDF document",
            ),
        ]
        for data, files, message in cases:
            with self.subTest(message=message):
                res = self.post_evidence(data, files=files)
                self.assertEqual(res.status_code, 400)
                self.assertIn(message, res.text)
                self.assertIn("Kept description", res.text)
        self.assertEqual(self.env["tenant.dispute.evidence"].search_count([]), before)
        # A file in a field that takes none: 400, not an error.
        res = self.post_evidence({"name": "Title"}, files={"name": ("x.png", png(), "image/png")})
        self.assertEqual(res.status_code, 400)
        # No CSRF token: refused.
        res = self.url_open(f"{self.url}/evidence", data={"name": "No token"}, allow_redirects=False)
        self.assertEqual(res.status_code, 400)
        self.assertEqual(self.env["tenant.dispute.evidence"].search_count([]), before)

    def test_party_shares_own_evidence_only(self):
        self.login(self.claimant)
        data = {"csrf_token": http.Request.csrf_token(self)}
        res = self.url_open(
            f"{self.url}/evidence/{self.ev_c_private.id}/share", data=data, allow_redirects=False
        )
        self.assertEqual(res.status_code, 303)
        self.assertTrue(self.ev_c_private.shared)
        self.assertIn("Claimant private notes", self.page_as(self.respondent, self.url))
        self.login(self.claimant)
        data = {"csrf_token": http.Request.csrf_token(self)}
        res = self.url_open(
            f"{self.url}/evidence/{self.ev_r_private.id}/share", data=data, allow_redirects=False
        )
        self.assertEqual(res.status_code, 404)
        self.assertFalse(self.ev_r_private.shared)

    # Agreement ----------------------------------------------------------------------------------

    def test_party_signs_own_acceptance_in_the_portal(self):
        self.login(self.claimant)
        result = self.sign(name="  王建国 ")  # trimmed
        self.assertTrue(result["force_refresh"])
        self.assertTrue(self.acc_c.signed_on)
        self.assertEqual(self.acc_c.signed_by, "王建国")
        self.assertEqual(self.acc_c.method, "portal")
        self.assertTrue(self.acc_c.signature)
        self.assertFalse(self.acc_r.signed_on)
        self.assertEqual(self.agreement.state, "signing")
        self.assertIn("Signed by", self.page_as(self.claimant, self.url))
        self.assertIn("error", self.sign())
        # The other party signs: the agreement is signed.
        self.login(self.respondent)
        self.sign(name="李秀英")
        self.assertEqual(self.agreement.state, "signed")

    def test_bad_signatures_are_refused(self):
        self.login(self.claimant)
        self.assertIn("error", self.sign(name=""))
        self.assertIn("error", self.sign(signature=""))
        self.assertIn("error", self.sign(signature="not an image"))
        self.assertFalse(self.acc_c.signed_on)
        # The draft agreement has no acceptance of theirs: not found.
        with self.assertRaises(JsonRpcException) as caught:
            self.sign(self.draft_agreement)
        self.assertEqual(caught.exception.code, 404)

    def test_pdf_link_only_with_the_report(self):
        page = self.page_as(self.claimant, self.url)
        has_report = bool(self.env.ref("tenant_relations_dispute.action_report_dispute_agreement", False))
        self.assertEqual("o_tenant_dispute_pdf" in page, has_report)
        res = self.url_open(f"{self.url}/agreement/{self.agreement.id}/pdf")
        self.assertEqual(res.status_code, 200 if has_report else 404)

    # RPC: the rules themselves ------------------------------------------------------------------

    def test_rules_over_rpc_for_a_party(self):
        self.login(self.claimant)
        evidence = call_kw(self, "tenant.dispute.evidence", "search_read", [], ["name"])
        self.assertEqual(
            {row["name"] for row in evidence},
            {"Claimant private notes", "Photo of the stain", "Respondent repair report"},
        )
        parties = call_kw(self, "tenant.dispute.party", "search_read", [], ["role"])
        self.assertEqual([row["id"] for row in parties], self.party_c.ids)
        for model, ids in (
            ("tenant.dispute.evidence", self.ev_r_private.ids),
            ("tenant.dispute.party", self.party_r.ids),
            ("tenant.dispute", self.other_dispute.ids),
            ("tenant.dispute.agreement", self.draft_agreement.ids),
            ("tenant.mediation.session", self.dispute.session_ids.ids),
            ("tenant.dispute.step", []),
            ("tenant.mediation.committee", []),
        ):
            with self.subTest(model=model), self.assertRaises(JsonRpcException):
                if ids:
                    call_kw(self, model, "read", ids, ["display_name"])
                else:
                    call_kw(self, model, "search_read", [], ["display_name"])
        with self.assertRaises(JsonRpcException):
            call_kw(self, "tenant.dispute.evidence", "write", self.ev_c_private.ids, {"shared": True})
        with self.assertRaises(JsonRpcException):
            call_kw(self, "tenant.dispute.evidence", "create", {"party_id": self.party_c.id, "name": "RPC"})
        with self.assertRaises(JsonRpcException):
            call_kw(self, "tenant.dispute.acceptance", "write", self.acc_c.ids, {"signed_by": "RPC"})
        self.assertFalse(self.ev_c_private.shared)
        self.assertFalse(self.acc_c.signed_by)

    def test_threads_over_rpc(self):
        """Each party reads and writes its own thread only; the dispute's internal notes stay
        internal."""
        officer_party = self.party_r.with_user(self.officer)
        officer_party.message_post(
            body="Respondent: we will send the plumber",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.dispute.with_user(self.officer).message_post(
            body="Internal: claimant seems right", subtype_xmlid="mail.mt_note"
        )
        self.party_c.with_user(self.officer).message_post(
            body="Note about the claimant", subtype_xmlid="mail.mt_note"
        )
        self.party_c.with_user(self.officer).message_post(
            body="Claimant: please send photos", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.login(self.claimant)
        # Odoo's portal chatter posts on their own party...
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "tenant.dispute.party",
                "thread_id": self.party_c.id,
                "post_data": {"body": "My photos follow"},
            },
        )
        self.assertIn("My photos follow", self.party_c.message_ids[0].body)
        self.assertEqual(self.party_c.message_ids[0].author_id, self.claimant.partner_id)
        # ...and refuses the other party's thread and the dispute's.
        for model, record in (("tenant.dispute.party", self.party_r), ("tenant.dispute", self.dispute)):
            with self.subTest(model=model), self.assertRaises(JsonRpcException) as caught:
                self.make_jsonrpc_request(
                    "/mail/message/post",
                    {"thread_model": model, "thread_id": record.id, "post_data": {"body": "Hi"}},
                )
            self.assertEqual(caught.exception.code, 404)
        bodies = " ".join(
            row["body"]
            for row in call_kw(self, "mail.message", "search_read", [["model", "like", "tenant."]], ["body"])
        )
        self.assertIn("Claimant: please send photos", bodies)
        self.assertIn("My photos follow", bodies)
        self.assertNotIn("we will send the plumber", bodies)
        self.assertNotIn("Internal: claimant seems right", bodies)
        self.assertNotIn("Note about the claimant", bodies)
        with self.assertRaises(JsonRpcException):
            call_kw(self, "mail.message", "read", self.party_r.message_ids.ids, ["body"])
        # The portal chatter's own fetch of the other party's thread and of the dispute's notes.
        for model, record in (("tenant.dispute.party", self.party_r), ("tenant.dispute", self.dispute)):
            with self.subTest(model=model):
                try:
                    fetched = self.make_jsonrpc_request(
                        "/mail/chatter_fetch", {"thread_model": model, "thread_id": record.id}
                    )
                except JsonRpcException:
                    continue
                text = str(fetched["data"])
                self.assertNotIn("we will send the plumber", text)
                self.assertNotIn("Internal: claimant seems right", text)

    def test_stranger_reads_nothing_over_rpc(self):
        """A resident of the same building, party to no dispute, reads no row of any model of the
        disputes, nor the parties' threads."""
        self.party_c.with_user(self.officer).message_post(
            body="Claimant: please send photos", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.login(self.stranger)
        for model in (
            "tenant.dispute",
            "tenant.dispute.party",
            "tenant.dispute.evidence",
            "tenant.dispute.agreement",
            "tenant.dispute.acceptance",
        ):
            with self.subTest(model=model):
                self.assertEqual(call_kw(self, model, "search_read", [], ["display_name"]), [])
                self.assertFalse(self.env[model].with_user(self.stranger).search([]))
        with self.assertRaises(AccessError):
            self.dispute.with_user(self.stranger).read(["name"])
        with self.assertRaises(AccessError):
            self.ev_c_shared.with_user(self.stranger).read(["name"])
        messages = self.env["mail.message"].search(
            [("model", "=", "tenant.dispute.party"), ("res_id", "=", self.party_c.id)]
        )
        self.assertTrue(messages)
        with self.assertRaises(JsonRpcException):
            call_kw(self, "mail.message", "read", messages.ids, ["body"])

    # Browser ------------------------------------------------------------------------------------

    def test_tour_party_signs_the_agreement(self):
        self.start_tour("/my/disputes", "tenant_dispute_portal_sign", login=self.claimant.login)
        self.assertTrue(self.acc_c.signed_on)
        self.assertEqual(self.acc_c.method, "portal")
        self.assertEqual(self.acc_c.signed_by, self.claimant.partner_id.name)
