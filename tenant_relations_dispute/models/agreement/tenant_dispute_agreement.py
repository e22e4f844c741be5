# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

AGREEMENT_STATES = [
    ("draft", "Draft"),
    ("signing", "Awaiting Signatures"),
    ("signed", "Signed"),
    ("fulfilled", "Fulfilled"),
]

# The parties may ask a court to confirm a mediated agreement within this many days of it
# (人民调解法 art. 33: 自调解协议生效之日起三十日内).
JUDICIAL_CONFIRMATION_DAYS = 30

SEQUENCE_CODE = "tenant.dispute.agreement"
FULFILMENT_ACTIVITY = "tenant_relations_dispute.mail_activity_type_agreement_fulfilment"
# The context value by which the agreement's own methods move its state, and ``_tenant_sign``
# records a signature. An object, not a flag: a context sent over RPC is JSON and cannot hold it.
SIGNING_KEY = object()


class TenantDisputeAgreement(models.Model):
    """What the parties agreed to, and whether they have done it."""

    _name = "tenant.dispute.agreement"
    _description = "Mediation Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin", "tenant.dispute.closed.mixin"]
    _order = "date desc, id desc"

    dispute_id = fields.Many2one("tenant.dispute", required=True, index=True, ondelete="cascade")
    property_id = fields.Many2one(related="dispute_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True, index=True)
    name = fields.Char(string="Reference", required=True, copy=False, default="/", readonly=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    terms = fields.Html(required=True)
    acceptance_ids = fields.One2many("tenant.dispute.acceptance", "agreement_id", string="Acceptances")
    state = fields.Selection(AGREEMENT_STATES, default="draft", required=True, tracking=True, copy=False)
    fulfilment_due = fields.Date(tracking=True)
    fulfilled_date = fields.Date(tracking=True, copy=False)
    judicial_request_date = fields.Date(
        string="Judicial Confirmation Requested",
        tracking=True,
        copy=False,
        help="The day the parties asked a court to confirm the agreement (司法确认): within 30 days of it.",
    )

    @api.constrains("terms")
    def _check_terms(self):
        """An editor's empty paragraph passes ``required``: an agreement must say what was agreed."""
        for agreement in self:
            agreement._check_terms_written(agreement.terms)

    @api.constrains("date", "judicial_request_date")
    def _check_judicial_request_date(self):
        for agreement in self:
            request = agreement.judicial_request_date
            if not request:
                continue
            last_day = agreement.date + timedelta(days=JUDICIAL_CONFIRMATION_DAYS)
            if not agreement.date <= request <= last_day:
                raise ValidationError(
                    self.env._(
                        "Judicial confirmation of agreement %(name)s must be requested between %(date)s and "
                        "%(last_day)s (within %(days)s days of the agreement): correct the request date.",
                        name=agreement.name,
                        date=agreement.date,
                        last_day=last_day,
                        days=JUDICIAL_CONFIRMATION_DAYS,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"]
        sent = any(vals.get("state", "draft") != "draft" for vals in vals_list)
        if sent and not self._tenant_state_writable():
            self._tenant_refuse_state_write()
        for vals in vals_list:
            # Before the insert: a missing value would otherwise fail as a bare NOT NULL error.
            self._check_terms_written(vals.get("terms"))
            if vals.get("name", "/") == "/":
                day = fields.Date.to_date(vals.get("date")) or fields.Date.context_today(self)
                vals["name"] = Sequence.next_by_code(SEQUENCE_CODE, sequence_date=day) or "/"
        agreements = super().create(vals_list)
        agreements.filtered("fulfilment_due")._schedule_fulfilment_activity()
        return agreements

    def write(self, vals):
        if "state" in vals:
            if vals["state"] == "draft" and any(agreement.state != "draft" for agreement in self):
                raise UserError(
                    self.env._(
                        "An agreement sent for signature never goes back to draft: record a new "
                        "agreement instead."
                    )
                )
            if not self._tenant_state_writable():
                self._tenant_refuse_state_write()
        if "terms" in vals and any(agreement.state != "draft" for agreement in self):
            raise UserError(
                self.env._(
                    "The terms cannot change once the agreement has been sent for signature: "
                    "record a new agreement instead."
                )
            )
        result = super().write(vals)
        if "fulfilment_due" in vals:
            self._schedule_fulfilment_activity()
        return result

    # Actions -------------------------------------------------------------------------------------

    def action_send_for_signature(self):
        """One acceptance per party of the dispute; each party is told where to sign."""
        for agreement in self:
            if agreement.state != "draft":
                raise UserError(
                    self.env._("Agreement %(name)s has already been sent for signature.", name=agreement.name)
                )
            parties = agreement.dispute_id.party_ids
            if not parties:
                raise UserError(
                    self.env._(
                        "Dispute %(dispute)s has no parties to sign agreement %(name)s: add them first.",
                        dispute=agreement.dispute_id.name,
                        name=agreement.name,
                    )
                )
            missing = parties - agreement.acceptance_ids.party_id
            agreement._tenant_signing().write(
                {
                    "state": "signing",
                    "acceptance_ids": [Command.create({"party_id": party.id}) for party in missing],
                }
            )
            agreement._notify_parties_to_sign()
        return True

    def action_fulfil(self):
        for agreement in self:
            if agreement.state != "signed":
                raise UserError(
                    self.env._(
                        "Agreement %(name)s can only be marked fulfilled once every party has signed it.",
                        name=agreement.name,
                    )
                )
        today = fields.Date.context_today(self)
        self._tenant_signing().write({"state": "fulfilled", "fulfilled_date": today})
        self.activity_feedback([FULFILMENT_ACTIVITY], feedback=self.env._("Fulfilled"))
        return True

    # Private helpers -----------------------------------------------------------------------------

    def _tenant_signing(self):
        """These records, allowed to move their state (and their acceptances' signatures)."""
        return self.with_context(tenant_agreement_signing=SIGNING_KEY)

    def _tenant_state_writable(self):
        """The state moves through the buttons and the parties' signatures (``_tenant_sign``), or by
        the system itself (data files, e.g. the demo's agreements already signed)."""
        return self.env.su or self.env.context.get("tenant_agreement_signing") is SIGNING_KEY

    def _tenant_refuse_state_write(self):
        raise UserError(
            self.env._(
                "An agreement's state changes through its buttons and the parties' signatures: Send for "
                "Signature, Record Signature on Paper (or the party signs in the portal), then Fulfilled."
            )
        )

    def _portal_dispute_url(self):
        """Where a party reads and signs the agreement: their dispute in the portal."""
        self.ensure_one()
        return f"{self.dispute_id.get_base_url()}/my/disputes/{self.dispute_id.id}"

    def _notify_parties_to_sign(self):
        """A message in each party's own thread, mailed to that party alone: the other side does not
        read it (adversaries do not read each other)."""
        self.ensure_one()
        url = self._portal_dispute_url()
        for acceptance in self.acceptance_ids.filtered(lambda acceptance: not acceptance.signed_on):
            party = acceptance.party_id
            body = Markup("<p>%s</p><p><a href='%s'>%s</a></p>") % (
                self.env._(
                    "Mediation agreement %(name)s of dispute %(dispute)s is ready: please read and sign it.",
                    name=self.name,
                    dispute=self.dispute_id.name,
                ),
                url,
                self.env._("Read and sign the agreement"),
            )
            party.message_post(
                body=body,
                partner_ids=party.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _schedule_fulfilment_activity(self):
        """A to-do for the dispute's responsible on the fulfilment due day, moved when the day is
        (one search for the whole batch)."""
        pending = self.filtered(lambda agreement: agreement.state != "fulfilled")
        existing = pending.activity_search([FULFILMENT_ACTIVITY])
        scheduled = set(existing.mapped("res_id"))
        for activity in existing:
            due = self.browse(activity.res_id).fulfilment_due
            if due:
                activity.date_deadline = due
            else:
                activity.unlink()
        for agreement in pending.filtered(
            lambda agreement: agreement.fulfilment_due and agreement.id not in scheduled
        ):
            agreement.activity_schedule(
                FULFILMENT_ACTIVITY,
                date_deadline=agreement.fulfilment_due,
                summary=self.env._("Check agreement %(name)s is fulfilled", name=agreement.name),
                user_id=agreement.dispute_id.user_id.id or self.env.user.id,
            )

    def _tenant_closed_writable_fields(self):
        """An agreement sent for signature outlives its dispute: the signatures, the fulfilment and
        the judicial confirmation come after the case is closed. A draft is frozen with it."""
        if any(agreement.state == "draft" for agreement in self):
            return set()
        return {"state", "fulfilment_due", "fulfilled_date", "judicial_request_date"}

    def _check_terms_written(self, terms):
        if is_html_empty(terms):
            raise ValidationError(
                self.env._("A mediation agreement has no terms: write what the parties agreed to.")
            )

    def _tenant_on_signed(self):
        """Every party has signed: the dispute's thread says so."""
        for agreement in self:
            agreement.dispute_id.message_post(
                body=self.env._(
                    "Mediation agreement %(name)s has been signed by every party.", name=agreement.name
                ),
                subtype_xmlid="mail.mt_note",
            )
