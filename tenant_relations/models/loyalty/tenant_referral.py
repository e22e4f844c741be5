# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Referrals by residents (老带新): who was referred, and whether they became residents."""

import re

from pytz import UTC

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..resident.tenant_occupancy import HOLDER_ROLES

OPEN_STATES = ("new", "contacted")


def normalize_email(email):
    return (email or "").strip().lower()


def normalize_phone(phone):
    """Digits only, without a mainland China country prefix, so "+86 138-0000 0000" matches."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


def partner_keys(partner):
    """The normalized e-mail and phone numbers of a partner."""
    emails = {normalize_email(partner.email)} - {""}
    phones = {normalize_phone(partner.phone), normalize_phone(partner.mobile)} - {""}
    return emails, phones


class TenantReferral(models.Model):
    _name = "tenant.referral"
    _description = "Referral"
    _inherit = ["tenant.rule.guard.mixin", "tenant.mail.sender.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Prospect", required=True, tracking=True)
    referrer_id = fields.Many2one(
        "res.partner", string="Referred By", required=True, index=True, ondelete="restrict", tracking=True
    )
    phone = fields.Char(tracking=True)
    email = fields.Char(tracking=True)
    email_key = fields.Char(compute="_compute_keys", store=True, index="btree_not_null")
    phone_key = fields.Char(compute="_compute_keys", store=True, index="btree_not_null")
    property_id = fields.Many2one("tenant.property", string="Property of Interest", index=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, readonly=False
    )
    state = fields.Selection(
        [("new", "New"), ("contacted", "Contacted"), ("converted", "Converted"), ("lost", "Lost")],
        default="new",
        required=True,
        index=True,
        tracking=True,
    )
    converted_partner_id = fields.Many2one("res.partner", string="New Resident", readonly=True, tracking=True)
    converted_occupancy_id = fields.Many2one(
        "tenant.occupancy", string="Occupancy", readonly=True, ondelete="set null", index="btree_not_null"
    )
    converted_date = fields.Date(readonly=True, tracking=True)
    # Staff only: a portal referrer must not learn whether the person they named lives here, so the
    # referral is recorded either way and looks the same to them; staff see this flag and close it.
    # Set when the referral is filed (or its contact changed), not computed later: by then the
    # prospect may have moved in, which is what a referral is for.
    resident_match = fields.Boolean(
        string="Already a Resident",
        readonly=True,
        copy=False,
        groups="tenant_relations.group_tenant_relations_user",
        help="When it was referred, the e-mail or phone belonged to a current resident: such a "
        "referral never converts and earns no points.",
    )
    points_awarded = fields.Boolean(
        readonly=True, copy=False, help="The referrer has received the referral points: never twice."
    )
    note = fields.Text()

    @api.depends("email", "phone")
    def _compute_keys(self):
        for referral in self:
            referral.email_key = normalize_email(referral.email) or False
            referral.phone_key = normalize_phone(referral.phone) or False

    @api.depends("property_id.company_id")
    def _compute_company_id(self):
        for referral in self:
            referral.company_id = referral.property_id.company_id or referral.company_id or self.env.company

    @api.constrains("referrer_id", "email", "phone", "state")
    def _check_prospect(self):
        open_referrals = self.filtered(lambda r: r.state in OPEN_STATES)
        for referral in open_referrals:
            if not referral.email_key and not referral.phone_key:
                raise ValidationError(
                    self.env._("Give an e-mail address or a phone number for %(name)s.", name=referral.name)
                )
            emails, phones = partner_keys(referral.referrer_id)
            if referral.email_key in emails or referral.phone_key in phones:
                raise ValidationError(self.env._("You cannot refer yourself."))
        # A current resident's contact is not refused (that would tell the referrer who lives
        # here): it is flagged for staff in resident_match, and never converts.

    def _find_current_residents(self):
        """{referral id: partners with current occupancies matching its e-mail or phone}, one search."""
        emails = {r.email_key for r in self if r.email_key}
        phones = {r.phone_key for r in self if r.phone_key}
        if not emails and not phones:
            return {}
        # sudo: the check must see residents of every property, whoever files the referral;
        # only a yes/no per referral comes out of it.
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        candidates = Partner.search(self._get_resident_match_domain(emails, phones))
        result = {}
        for referral in self:
            result[referral.id] = candidates.filtered(
                lambda p, r=referral: (
                    (r.email_key and r.email_key in partner_keys(p)[0])
                    or (r.phone_key and r.phone_key in partner_keys(p)[1])
                )
            )
        return result

    @api.model
    def _count_referrals_today(self, referrer):
        """Referrals the referrer has filed since midnight in the firm's time zone, counted in the
        database (not in a session that a new login resets).

        The day is the firm's (res.company._tenant_tz), never the referrer's: a resident who could
        move their own midnight by switching time zones could file a new day's quota at once.
        """
        firm_tz = self.env.company._tenant_tz()
        local_now = fields.Datetime.context_timestamp(self.with_context(tz=firm_tz), fields.Datetime.now())
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        start_utc = midnight.astimezone(UTC).replace(tzinfo=None)
        # sudo: a count of the referrer's own rows, whatever rules apply to the caller.
        return self.sudo().search_count([("referrer_id", "=", referrer.id), ("create_date", ">=", start_utc)])

    @api.model
    def _get_resident_match_domain(self, emails, phones):
        """Candidate current residents: exact-ish on e-mail, loose on phones, refined in Python."""
        email_domain = [("email", "=ilike", email) for email in emails]
        # Phones are stored in many formats ("138-0000-0002", "+86 138 0000 0002"): the last four
        # digits stay together in all of them; the candidates are compared normalized afterwards.
        phone_domain = []
        for phone in phones:
            tail = phone[-4:]
            phone_domain += [("phone", "like", tail), ("mobile", "like", tail)]
        terms = email_domain + phone_domain
        domain = ["|"] * (len(terms) - 1) + terms
        return [("tenant_occupancy_ids.is_current", "=", True), *domain]

    @api.model_create_multi
    def create(self, vals_list):
        referrals = super().create(vals_list)
        referrals._flag_resident_match()
        return referrals

    def write(self, vals):
        res = super().write(vals)
        if {"email", "phone"} & set(vals):
            self._flag_resident_match()
        return res

    def _flag_resident_match(self):
        """Note, for staff only, which referrals name a current resident's e-mail or phone."""
        residents = self._find_current_residents()
        for referral in self:
            match = bool(residents.get(referral.id))
            # sudo: the flag is staff-only (field groups); it is set here for whoever filed the
            # referral (a resident through the portal too), from a yes/no they never see.
            if referral.sudo().resident_match != match:
                referral.sudo().resident_match = match

    def action_contacted(self):
        self.filtered(lambda r: r.state == "new").write({"state": "contacted"})

    def action_lost(self):
        self.filtered(lambda r: r.state in OPEN_STATES).write({"state": "lost"})

    def action_reopen(self):
        self.filtered(lambda r: r.state == "lost").write({"state": "new"})

    @api.model
    def _tenant_convert_for_occupancies(self, occupancies):
        """Mark open referrals converted by new owner/tenant occupancies; award points once.

        One search for the whole batch. A prospect referred by several residents counts for
        the earliest referral; the others are closed as lost so that nobody is paid twice.
        """
        # A pending link converts nothing yet: it does when it is confirmed (_tenant_confirm), so
        # that a property cannot pay a referrer by linking a person it does not hold.
        occupancies = occupancies.filtered(
            lambda o: o.role in HOLDER_ROLES and o.state == "confirmed" and o.active
        )
        if not occupancies:
            return self.browse()
        keys = {}
        for occupancy in occupancies:
            emails, phones = partner_keys(occupancy.partner_id)
            keys.setdefault(occupancy.partner_id, (emails, phones, occupancy))
        emails = set().union(*(k[0] for k in keys.values()))
        phones = set().union(*(k[1] for k in keys.values()))
        if not emails and not phones:
            return self.browse()
        # sudo: a conversion follows from an occupancy the user could create; the staff member
        # may not see the referral (another property), and the referrer must still be credited.
        Referral = self.sudo()
        # A referral of somebody who already lived here is not a new resident won by the referrer.
        domain = [("state", "in", OPEN_STATES), ("resident_match", "=", False)]
        if emails and phones:
            domain += ["|", ("email_key", "in", list(emails)), ("phone_key", "in", list(phones))]
        elif emails:
            domain += [("email_key", "in", list(emails))]
        else:
            domain += [("phone_key", "in", list(phones))]
        referrals = Referral.search(domain, order="create_date, id")
        converted = Referral.browse()
        lost = Referral.browse()
        today = fields.Date.context_today(self)
        for partner, (p_emails, p_phones, occupancy) in keys.items():
            matches = (
                referrals.filtered(
                    lambda r, e=p_emails, p=p_phones, who=partner: (
                        (r.email_key in e or r.phone_key in p) and r.referrer_id != who
                    )
                )
                - converted
                - lost
            )
            if not matches:
                continue
            first = matches[0]
            first.write(
                {
                    "state": "converted",
                    "converted_partner_id": partner.id,
                    "converted_occupancy_id": occupancy.id,
                    "converted_date": today,
                }
            )
            converted |= first
            lost |= matches - first
        if lost:
            lost.write({"state": "lost"})
        converted._tenant_award_referral_points()
        return converted

    def _tenant_rewardable(self):
        """The converted referrals whose referrer may earn: a current resident (confirmed link) of
        the property the newcomer moved into, or one who filed the referral themselves (the portal)
        and is a current resident of the firm. A referral staff filed in someone else's name pays
        only a resident of the converting property: a property cannot pay another's residents."""
        if not self:
            return self
        # sudo: the referrers' occupancies decide eligibility only; nothing of them is shown.
        occupancies = (
            self.env["tenant.occupancy"]
            .sudo()
            .search([("partner_id", "in", self.referrer_id.ids), ("is_current", "=", True)])
        )
        homes = {(occ.partner_id.id, occ.property_id.id) for occ in occupancies}
        residents = set(occupancies.partner_id.ids)
        return self.filtered(
            lambda r: (
                (r.referrer_id.id, r.sudo().converted_occupancy_id.property_id.id) in homes
                or (r.sudo().create_uid.partner_id == r.referrer_id and r.referrer_id.id in residents)
            )
        )

    def _tenant_award_referral_points(self):
        """Credit the referrers of converted referrals that have not been credited yet."""
        to_award = self.filtered(lambda r: r.state == "converted" and not r.points_awarded)
        to_award = to_award._tenant_rewardable()
        if not to_award:
            return self.browse()
        # Flag first, in the same transaction: a rerun finds nothing left to award.
        to_award.write({"points_awarded": True})
        names = ", ".join(to_award.mapped("name"))
        self.env["res.partner"]._tenant_award_rule(
            "referral",
            [referral.referrer_id.id for referral in to_award],
            lambda env: env._("Referral converted: %(names)s", names=names),
        )
        return to_award
