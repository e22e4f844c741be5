# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The portal of the parties to a dispute: their disputes, each with its level, next session, the
agreement to sign, their own thread and their evidence.

By login only: no access token and no shareable link (tenant.dispute does not inherit
portal.mixin). What a party reads is decided by the portal record rules
(security/tenant_dispute_portal_rules.xml); the few sudo() reads below come after the check that
the user is a party to the dispute, and each says what it shows.
"""

import binascii
from collections import defaultdict

from odoo import Command, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.tenant_relations.controllers.portal import (
    MAX_FILE_SIZE,
    MAX_FILES,
    MAX_PG_INT,
    MAX_TITLE_LENGTH,
    _count_readable,
    _portal_post_route,
    read_uploads,
)

MAX_EVIDENCE_DESCRIPTION_LENGTH = 10000
MAX_SIGNER_NAME_LENGTH = 200
# A drawn signature is a small PNG (tens of kB in base64); anything much larger is not one.
MAX_SIGNATURE_LENGTH = 2 * 1024 * 1024
AGREEMENT_REPORT = "tenant_relations_dispute.action_report_dispute_agreement"
# Agreements a party sees: a draft is the staff's work in progress.
PORTAL_AGREEMENT_STATES = ("signing", "signed", "fulfilled")


class TenantDisputePortal(CustomerPortal):
    # Home ---------------------------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "tenant_dispute_count" in counters:
            # The user's own rights: the portal rule decides which disputes are counted.
            values["tenant_dispute_count"] = _count_readable(
                request.env["tenant.dispute"], self._dispute_portal_domain()
            )
        return values

    # Helpers ------------------------------------------------------------------------------------

    def _dispute_portal_domain(self):
        """Disputes where the user's own partner is a party (staff who are a party see theirs
        here as a party, not every dispute they may handle)."""
        return request.env["tenant.dispute"]._get_portal_party_domain(request.env.user.partner_id.id)

    def _dispute_check_access(self, dispute_id):
        """(dispute, own party) read with the user's own rights; not found (404) otherwise.

        The same answer for a dispute that does not exist and one the user is no party to:
        nothing about it leaks.
        """
        Dispute = request.env["tenant.dispute"]
        if not 0 < dispute_id <= MAX_PG_INT or not Dispute.has_access("read"):
            raise request.not_found()
        dispute = Dispute.search([("id", "=", dispute_id), *self._dispute_portal_domain()])
        party = request.env["tenant.dispute.party"].search(
            [("dispute_id", "=", dispute.id), ("partner_id", "=", request.env.user.partner_id.id)],
            limit=1,
        )
        if not dispute or not party:
            raise request.not_found()
        return dispute, party

    def _dispute_next_sessions(self, disputes):
        """{dispute id: its next planned session}, as sudo, in one search.

        sudo: parties have no access to sessions (their minutes and the committee's deliberations
        are not theirs); the callers checked that the user is a party to ``disputes``, and the
        templates show only the date, duration, place and video link of the session.
        """
        sessions = (
            request.env["tenant.mediation.session"]
            .sudo()
            .search(
                [
                    ("dispute_id", "in", disputes.ids),
                    ("state", "=", "planned"),
                    ("date_start", ">=", fields.Datetime.now()),
                ],
                order="date_start, id",
            )
        )
        next_sessions = {}
        for session in sessions:
            next_sessions.setdefault(session.dispute_id.id, session)
        return next_sessions

    def _dispute_acceptances_to_sign(self, disputes):
        """{dispute id: the user's unsigned acceptances of agreements awaiting signatures}."""
        acceptances = request.env["tenant.dispute.acceptance"].search(
            [
                ("agreement_id.dispute_id", "in", disputes.ids),
                ("agreement_id.state", "=", "signing"),
                ("partner_id", "=", request.env.user.partner_id.id),
                ("signed_on", "=", False),
            ]
        )
        by_dispute = defaultdict(lambda: request.env["tenant.dispute.acceptance"])
        for acceptance in acceptances:
            by_dispute[acceptance.agreement_id.dispute_id.id] |= acceptance
        return by_dispute

    def _dispute_agreement_report(self):
        """The agreement's PDF report, when installed (another part of the dispute addon ships it)."""
        return request.env.ref(AGREEMENT_REPORT, raise_if_not_found=False)

    def _dispute_url(self, dispute, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return f"/my/disputes/{dispute.id}" + (f"?{query}" if query else "")

    # List ---------------------------------------------------------------------------------------

    @http.route(["/my/disputes"], type="http", auth="user", website=True)
    def portal_my_disputes(self, **kw):
        Dispute = request.env["tenant.dispute"]
        disputes = (
            Dispute.search(self._dispute_portal_domain(), order="id desc")
            if Dispute.has_access("read")
            else Dispute
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "tenant_dispute",
                # sudo for display: the level's and property's names of the user's own disputes.
                "disputes": disputes.sudo(),
                "next_sessions": self._dispute_next_sessions(disputes),
                "to_sign": self._dispute_acceptances_to_sign(disputes),
                "tenant_tz": request.env.user.partner_id._tenant_tz(),
            }
        )
        return request.render("tenant_relations_dispute.portal_my_disputes", values)

    # Detail -------------------------------------------------------------------------------------

    def _dispute_page_values(self, dispute, party, form=None, errors=None, **kw):
        partner = request.env.user.partner_id
        Evidence = request.env["tenant.dispute.evidence"]
        # The user's own rights (the portal rule) and an explicit domain: a staff user who is a
        # party reads the other side's shared evidence only here, like any party.
        own_evidence = Evidence.search([("party_id", "=", party.id)])
        other_evidence = Evidence.search(
            [("dispute_id", "=", dispute.id), ("party_id", "!=", party.id), ("shared", "=", True)]
        )
        Agreement = request.env["tenant.dispute.agreement"]
        agreements = Agreement.search(
            [("dispute_id", "=", dispute.id), ("state", "in", PORTAL_AGREEMENT_STATES)]
        )
        acceptances = request.env["tenant.dispute.acceptance"].search(
            [("agreement_id", "in", agreements.ids), ("partner_id", "=", partner.id)]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "tenant_dispute",
                # sudo for display, after _dispute_check_access: the names and roles of the parties
                # (the other side's party row is not readable by the user), the level and the
                # property of the dispute; their threads and evidence are read below with the
                # user's own rights.
                "dispute": dispute.sudo(),
                "party": party,
                "parties": dispute.sudo().party_ids,
                "next_session": self._dispute_next_sessions(dispute).get(dispute.id),
                "own_evidence": own_evidence,
                # sudo for display: the files of evidence the user may read (own or shared).
                "evidence_files": {ev.id: ev.sudo().attachment_ids for ev in own_evidence | other_evidence},
                "other_evidence": other_evidence,
                "agreements": agreements,
                "my_acceptances": {acc.agreement_id.id: acc for acc in acceptances},
                "agreement_report": self._dispute_agreement_report(),
                "form": form or {},
                "errors": errors or {},
                "max_files": MAX_FILES,
                "max_file_size_mb": MAX_FILE_SIZE // (1024 * 1024),
                "evidence_added": kw.get("evidence_added"),
                "evidence_shared": kw.get("evidence_shared"),
                "signed": kw.get("signed"),
                "tenant_tz": partner._tenant_tz(),
            }
        )
        return values

    @http.route(["/my/disputes/<int:dispute_id>"], type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dispute(self, dispute_id, **kw):
        dispute, party = self._dispute_check_access(dispute_id)
        values = self._dispute_page_values(dispute, party, **kw)
        return request.render("tenant_relations_dispute.portal_my_dispute", values)

    @http.route(
        ["/my/disputes/<int:dispute_id>/evidence/<int:evidence_id>/files/<int:attachment_id>"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_dispute_evidence_file(self, dispute_id, evidence_id, attachment_id, download=None, **kw):
        """A file of a piece of evidence the user may read now (their own, or shared)."""
        dispute, _party = self._dispute_check_access(dispute_id)
        if not 0 < evidence_id <= MAX_PG_INT:
            raise request.not_found()
        evidence = request.env["tenant.dispute.evidence"].search(
            [("id", "=", evidence_id), ("dispute_id", "=", dispute.id)]
        )
        # sudo: the evidence was read with the user's own rights just above; only its own files
        # are served (staff may have added files linked to nothing but the evidence).
        # Only a file attached to this evidence itself: an id linked from elsewhere is not served.
        attachment = evidence.sudo().attachment_ids.filtered(
            lambda att: (
                att.id == attachment_id and att.res_model == evidence._name and att.res_id == evidence.id
            )
        )
        if not evidence or not attachment:
            raise request.not_found()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=bool(download))
        )

    # Evidence -----------------------------------------------------------------------------------

    def _dispute_validate_evidence(self, post, files):
        """Check what the party sent; return (values to create, files to attach, errors)."""
        errors = {}
        name = (post.get("name") or "").strip()
        if not name:
            errors["name"] = request.env._("Please give your evidence a title.")
        elif len(name) > MAX_TITLE_LENGTH:
            errors["name"] = request.env._(
                "The title is too long: at most %(max)s characters.", max=MAX_TITLE_LENGTH
            )
        description = (post.get("description") or "").strip()
        if len(description) > MAX_EVIDENCE_DESCRIPTION_LENGTH:
            errors["description"] = request.env._(
                "The description is too long: at most %(max)s characters.",
                max=MAX_EVIDENCE_DESCRIPTION_LENGTH,
            )
        uploads = read_uploads(files, errors)
        if errors and uploads:
            errors.setdefault(
                "attachments", request.env._("Your files were not kept: please choose them again.")
            )
        vals = {
            "name": name,
            "description": description or False,
            "shared": post.get("shared") == "1",
        }
        return vals, uploads, errors

    # tenant_files: the files of the evidence (see ir.http._tenant_reject_unexpected_files).
    @_portal_post_route(["/my/disputes/<int:dispute_id>/evidence"], tenant_files=("attachments",))
    def portal_dispute_add_evidence(self, dispute_id, **post):
        dispute, party = self._dispute_check_access(dispute_id)
        files = request.httprequest.files.getlist("attachments")
        vals, uploads, errors = self._dispute_validate_evidence(post, files)
        if dispute.is_closed:
            # The page shows no form on a closed dispute; an old page or a second tab still posts.
            errors = {
                "closed": request.env._(
                    "This dispute is closed: it takes no more evidence. If something new has happened, "
                    "contact the property office."
                )
            }
        if errors:
            form = {key: post.get(key) or "" for key in ("name", "description", "shared")}
            values = self._dispute_page_values(dispute, party, form=form, errors=errors)
            return request.render("tenant_relations_dispute.portal_my_dispute", values, status=400)
        # sudo is safe here: portal users have no create right on evidence on purpose, so this
        # route is the only way in. The party is the user's own (checked above), not taken from
        # the request; title and description are plain text, and the files were vetted above.
        evidence = request.env["tenant.dispute.evidence"].sudo().create({**vals, "party_id": party.id})
        if uploads:
            # sudo: portal users cannot attach files to a record they cannot write. Linked to the
            # evidence, each file is then readable by whoever may read the evidence.
            attachments = (
                request.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": filename,
                            "raw": data,
                            "mimetype": mimetype,
                            "res_model": evidence._name,
                            "res_id": evidence.id,
                        }
                        for filename, data, mimetype in uploads
                    ]
                )
            )
            evidence.attachment_ids = [Command.set(attachments.ids)]
        # In the party's own thread, so that the staff following it hear of the new evidence.
        party.sudo().message_post(
            body=plaintext2html(request.env._("Evidence added: %(title)s", title=evidence.name)),
            author_id=request.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return request.redirect(self._dispute_url(dispute, evidence_added=1) + "#dispute_evidence")

    @_portal_post_route(["/my/disputes/<int:dispute_id>/evidence/<int:evidence_id>/share"])
    def portal_dispute_share_evidence(self, dispute_id, evidence_id, **post):
        """Share one's own evidence with the other side. Sharing is not undone from the portal:
        once the other side may have read it, hiding it again would pretend otherwise."""
        dispute, party = self._dispute_check_access(dispute_id)
        if not 0 < evidence_id <= MAX_PG_INT:
            raise request.not_found()
        evidence = request.env["tenant.dispute.evidence"].search(
            [("id", "=", evidence_id), ("party_id", "=", party.id)]
        )
        if not evidence:
            raise request.not_found()
        # sudo is safe here: the evidence was found among the user's own party's, with their own
        # rights; the only change is the shared flag, turned on.
        evidence.sudo().shared = True
        return request.redirect(self._dispute_url(dispute, evidence_shared=1) + "#dispute_evidence")

    # Agreement ----------------------------------------------------------------------------------

    @http.route(
        ["/my/disputes/<int:dispute_id>/agreement/<int:agreement_id>/sign"],
        type="json",
        auth="user",
        website=True,
    )
    def portal_dispute_agreement_sign(self, dispute_id, agreement_id, name=None, signature=None, **kw):
        """Sign the user's own acceptance of an agreement awaiting signatures (Odoo's portal
        signature form posts the name and the drawn signature here)."""
        dispute, party = self._dispute_check_access(dispute_id)
        acceptance = request.env["tenant.dispute.acceptance"].search(
            [
                ("agreement_id", "=", agreement_id if 0 < agreement_id <= MAX_PG_INT else 0),
                ("agreement_id.dispute_id", "=", dispute.id),
                ("party_id", "=", party.id),
            ],
            limit=1,
        )
        if not acceptance:
            raise request.not_found()
        if acceptance.agreement_id.state != "signing" or acceptance.signed_on:
            return {"error": request.env._("This agreement is not awaiting your signature.")}
        name = (name or "").strip() if isinstance(name, str) else ""
        if not name:
            return {"error": request.env._("Please type your full name.")}
        if len(name) > MAX_SIGNER_NAME_LENGTH:
            return {
                "error": request.env._(
                    "The name is too long: at most %(max)s characters.", max=MAX_SIGNER_NAME_LENGTH
                )
            }
        if not isinstance(signature, str) or not signature:
            return {"error": request.env._("Please sign in the box before sending.")}
        if len(signature) > MAX_SIGNATURE_LENGTH:
            return {"error": request.env._("The signature is too large: please sign again.")}
        try:
            with request.env.cr.savepoint():
                # sudo is safe here: portal users have no write right on acceptances on purpose.
                # The acceptance was found with the user's own rights as the one of their own
                # party, on an agreement of a dispute they are a party to, still awaiting their
                # signature; only the name and the image come from the request.
                acceptance.sudo()._tenant_sign(name, signature, "portal")
        except (UserError, ValidationError, TypeError, ValueError, binascii.Error):
            return {"error": request.env._("The signature could not be read: please sign again.")}
        return {
            "force_refresh": True,
            "redirect_url": self._dispute_url(dispute, signed=1) + f"#agreement_{acceptance.agreement_id.id}",
        }

    @http.route(
        ["/my/disputes/<int:dispute_id>/agreement/<int:agreement_id>/pdf"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_dispute_agreement_pdf(self, dispute_id, agreement_id, **kw):
        """The agreement's PDF, for the parties, once its report is installed."""
        dispute, _party = self._dispute_check_access(dispute_id)
        report = self._dispute_agreement_report()
        agreement = request.env["tenant.dispute.agreement"].search(
            [
                ("id", "=", agreement_id if 0 < agreement_id <= MAX_PG_INT else 0),
                ("dispute_id", "=", dispute.id),
                ("state", "in", PORTAL_AGREEMENT_STATES),
            ]
        )
        if not report or not agreement:
            raise request.not_found()
        # sudo: the agreement was read with the user's own rights just above; rendering it reads
        # the dispute's committee and parties, which a party may not read one by one.
        pdf = request.env["ir.actions.report"].sudo()._render_qweb_pdf(report, agreement.ids)[0]
        filename = f"{agreement.name.replace('/', '_')}.pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )
