# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

RESIDENT_ROLES = ("owner", "tenant", "both")
# The firms are Chinese: a number typed without a country code is a Chinese one.
DEFAULT_PHONE_COUNTRY_CODE = "86"
# A query made only of these characters may be a phone number or a unit code.
PHONE_QUERY_RE = re.compile(r"^[\d\s()+\-./]+$")
PHONE_QUERY_MIN_DIGITS = 6
PHONE_QUERY_FULL_DIGITS = 10  # a mobile number has 11 digits, a landline with its area code 10 to 12
UNIT_CODE_QUERY_RE = re.compile(r"^[\w\-/.]{1,32}$")
# The contact fields through which a person is reached, signs in or gives consent: whoever writes
# them can have a resident's password-reset link, ticket mails and notices sent to themselves.
TENANT_GUARDED_CONTACT_FIELDS = frozenset(
    {
        "email",
        "phone",
        "mobile",
        "tz",
        "lang",
        "tenant_preferred_channel",
        "tenant_wechat_id",
        "tenant_notification_consent",
        "tenant_notification_consent_date",
        "tenant_data_consent",
        "tenant_data_consent_date",
        # A contact under a company is read by that company's portal users (Odoo's portal rule
        # follows the commercial partner), and an archived resident drops out of every search.
        "parent_id",
        "active",
    }
)
# Computed from occupancies and phones by the system: set by nobody (the phone search and the
# survey reward read them).
TENANT_COMPUTED_CONTACT_FIELDS = frozenset({"tenant_role", "tenant_phone_digits"})


def normalize_phone(number, country_code=DEFAULT_PHONE_COUNTRY_CODE):
    """The national number as bare digits: ``+86 138-0000-9999`` and ``138 0000 9999`` agree.

    The country code (written ``+86``, ``0086`` or ``86`` before an 11-digit mobile number) and
    the trunk prefix ``0`` of landlines are dropped, so a number is found however it was typed.
    """
    raw = (number or "").strip()
    digits = re.sub(r"\D", "", raw)
    international = raw.startswith("+")
    if digits.startswith("00"):
        digits, international = digits[2:], True
    if international and country_code and digits.startswith(country_code):
        digits = digits[len(country_code) :]
    elif not international and digits.startswith("86") and len(digits) == 13 and digits[2] == "1":
        digits = digits[2:]  # 86 13800009999: a mobile number with the code but no "+"
    return digits.lstrip("0")


class ResPartner(models.Model):
    """What every feature needs to know of a resident, on the contact: role, units, channel, consents.

    The sensitive profile (health, family, vehicles, emergency contacts) is ``tenant.profile``.
    """

    _inherit = "res.partner"

    tenant_occupancy_ids = fields.One2many("tenant.occupancy", "partner_id", string="Occupancies")
    tenant_role = fields.Selection(
        [
            ("owner", "Owner"),
            ("tenant", "Tenant"),
            ("both", "Owner and tenant"),
            ("resident", "Household member"),
            ("former", "Former resident"),
        ],
        string="Resident Role",
        compute="_compute_tenant_role",
        # Who lives where is Tenant Relations' business, not every employee's.
        groups="tenant_relations.group_tenant_relations_user",
        store=True,
        index=True,
        help="From the person's current occupancies; former when all of them have ended.",
    )
    tenant_unit_ids = fields.Many2many(
        "tenant.unit", string="Current Units", compute="_compute_tenant_unit_ids"
    )
    tenant_unit_count = fields.Integer(compute="_compute_tenant_unit_ids")
    tenant_ticket_count = fields.Integer(string="Tickets", compute="_compute_tenant_ticket_count")
    tenant_phone_digits = fields.Char(
        string="Phone Digits",
        compute="_compute_tenant_phone_digits",
        store=True,
        groups="tenant_relations.group_tenant_relations_user",
        index="trigram",
        help="Phone and mobile as bare national digits: a caller is found however the number is typed.",
    )
    tenant_occupancy_count = fields.Integer(compute="_compute_tenant_occupancy_count")
    tenant_preferred_channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("wechat", "WeChat"),
            ("sms", "SMS"),
            ("email", "E-mail"),
            ("app", "App"),
            ("portal", "Portal"),
        ],
        string="Preferred Channel",
    )
    tenant_wechat_id = fields.Char(string="WeChat ID")
    # Consents are tracked: the contact's chatter shows who recorded or withdrew one, and when.
    tenant_notification_consent = fields.Boolean(string="Consents to Notifications", tracking=True)
    tenant_notification_consent_date = fields.Date(
        string="Notification Consent Date",
        compute="_compute_tenant_notification_consent_date",
        store=True,
        readonly=False,
    )
    tenant_data_consent = fields.Boolean(string="Consents to Data Processing", tracking=True)
    tenant_data_consent_date = fields.Date(
        string="Data Consent Date",
        compute="_compute_tenant_data_consent_date",
        store=True,
        readonly=False,
    )
    # Sensitive: the profile is a record of its own, readable by the resident's staff only.
    tenant_profile_ids = fields.One2many(
        "tenant.profile",
        "partner_id",
        string="Resident Profile",
        groups="tenant_relations.group_tenant_relations_user",
    )

    @api.depends("tenant_occupancy_ids.is_current", "tenant_occupancy_ids.role")
    def _compute_tenant_role(self):
        for partner in self:
            occupancies = partner.tenant_occupancy_ids
            roles = set(occupancies.filtered("is_current").mapped("role"))
            if {"owner", "tenant"} <= roles:
                partner.tenant_role = "both"
            elif roles:
                partner.tenant_role = next(r for r in ("owner", "tenant", "resident") if r in roles)
            elif occupancies:
                partner.tenant_role = "former"
            else:
                partner.tenant_role = False

    @api.depends("tenant_occupancy_ids.is_current", "tenant_occupancy_ids.unit_id")
    def _compute_tenant_unit_ids(self):
        for partner in self:
            partner.tenant_unit_ids = partner.tenant_occupancy_ids.filtered("is_current").unit_id
            partner.tenant_unit_count = len(partner.tenant_unit_ids)

    def _compute_tenant_occupancy_count(self):
        counts = dict(
            self.env["tenant.occupancy"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.tenant_occupancy_count = counts.get(partner, 0)

    def _compute_tenant_ticket_count(self):
        counts = dict(
            self.env["tenant.ticket"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.tenant_ticket_count = counts.get(partner, 0)

    @api.depends("phone", "mobile")
    def _compute_tenant_phone_digits(self):
        for partner in self:
            numbers = {normalize_phone(number) for number in (partner.phone, partner.mobile) if number}
            partner.tenant_phone_digits = " ".join(sorted(n for n in numbers if n)) or False

    @api.depends("tenant_notification_consent")
    def _compute_tenant_notification_consent_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.tenant_notification_consent_date = (
                partner.tenant_notification_consent_date or today
                if partner.tenant_notification_consent
                else False
            )

    @api.depends("tenant_data_consent")
    def _compute_tenant_data_consent_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.tenant_data_consent_date = (
                partner.tenant_data_consent_date or today if partner.tenant_data_consent else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._tenant_check_computed_contact_values(vals_list)
            # A contact created under a resident becomes part of their commercial entity (Odoo's
            # portal rules follow it): only those who may change the resident's contact may.
            parents = self.browse({vals["parent_id"] for vals in vals_list if vals.get("parent_id")})
            parents._tenant_check_contact_write()
        return super().create(vals_list)

    def write(self, vals):
        # Checked before the write: the contact details of a resident are the key to their account
        # (password reset, portal invitation, ticket and notice mails), and res.partner has no
        # record rule per field; a write rule would break every flow that writes partners.
        if not self.env.su:
            self._tenant_check_computed_contact_values([vals])
            if not vals.keys().isdisjoint(self._tenant_guarded_contact_fields()):
                self._tenant_contact_changed_by(vals)._tenant_check_contact_write()
            if vals.get("parent_id"):
                # Placing contacts under a resident is creating children of theirs (see create).
                self.browse(vals["parent_id"])._tenant_check_contact_write()
        return super().write(vals)

    @api.model
    def _tenant_check_computed_contact_values(self, vals_list):
        forced = {name for vals in vals_list for name in vals if name in TENANT_COMPUTED_CONTACT_FIELDS}
        if forced:
            raise AccessError(
                self.env._(
                    "%(fields)s of a contact are computed by the system and cannot be set.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in sorted(forced)
                    ),
                )
            )

    def unlink(self):
        # Deleting a resident's contact deletes their occupancies, profile, visits and notice
        # receipts with it (ondelete cascade): Odoo's Contact Creation right must not be enough.
        self._tenant_check_contact_unlink()
        return super().unlink()

    @api.model
    def _search_display_name(self, operator, value):
        """Also find a caller by phone or mobile in any common format, or by a unit code.

        ``138 0000 9999``, ``138-0000-9999`` and ``+86 138 0000 9999`` all find the contact whose
        number is stored as ``13800009999``; ``1-1201`` finds the current residents of unit 1-1201.
        Only for Tenant Relations users: the phone digits and occupancies are theirs to search;
        every other employee searches contacts as Odoo does.
        """
        domain = super()._search_display_name(operator, value)
        if operator not in ("ilike", "like", "=ilike", "=like", "=") or not isinstance(value, str):
            return domain
        if not self.env.su and not self.env.user.has_group("tenant_relations.group_tenant_relations_user"):
            return domain
        extra = [self._get_tenant_phone_search_domain(value), self._get_tenant_unit_search_domain(value)]
        return expression.OR([domain, *(d for d in extra if d)])

    @api.model
    def _get_tenant_phone_search_domain(self, value):
        """Contacts whose phone or mobile contains the typed number, or nothing if it is no number."""
        query = (value or "").strip()
        if not PHONE_QUERY_RE.match(query):
            return []
        digits = re.sub(r"\D", "", query)
        if len(digits) >= PHONE_QUERY_FULL_DIGITS:
            # A whole number: drop its country code and trunk prefix as stored. A shorter part of
            # a number ("0000 9999") is searched as typed: its zeros are not a prefix.
            digits = normalize_phone(query)
        if len(digits) < PHONE_QUERY_MIN_DIGITS:
            return []
        return [("tenant_phone_digits", "ilike", digits)]

    @api.model
    def _get_tenant_unit_search_domain(self, value):
        """The current residents of the unit whose code is typed exactly (``1-1201``)."""
        query = (value or "").strip()
        if not UNIT_CODE_QUERY_RE.match(query) or not any(char.isdigit() for char in query):
            return []
        return [
            (
                "tenant_occupancy_ids",
                "any",
                [("is_current", "=", True), ("unit_id.code", "=ilike", query)],
            )
        ]

    def action_tenant_view_profile(self):
        """The resident's profile, or a new one for them (the profile's rules decide who may)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_profile_action")
        profile = self.tenant_profile_ids[:1]
        action.update(
            {
                "view_mode": "form",
                "views": [(False, "form")],
                "res_id": profile.id,
                "context": {"default_partner_id": self.id},
            }
        )
        return action

    def action_tenant_view_occupancies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_occupancy_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_tenant_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_unit_action")
        action["domain"] = [("id", "in", self.tenant_unit_ids.ids)]
        return action

    def action_tenant_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_ticket_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    # Residents' data and who may change their contact details

    @api.model
    def _tenant_personal_data_fields(self):
        """Every (model, partner field) holding a resident's data: the registry of their data.

        A Many2one or Many2many to res.partner per entry. The contact guard (who may change a
        resident's e-mail or phone), the contact merge guard and the access matrix read it; the
        export and erasure of a person's data will. An addon adding a model that holds residents'
        data extends this list (as tenant_relations_dispute and tenant_relations_survey do).
        """
        return [
            ("tenant.occupancy", "partner_id"),
            ("tenant.profile", "partner_id"),
            ("tenant.ticket", "partner_id"),
            ("tenant.visit", "partner_id"),
            ("tenant.notice.recipient", "partner_id"),
            ("tenant.fee.payment", "partner_id"),
            ("tenant.referral", "referrer_id"),
            ("tenant.referral", "converted_partner_id"),
            ("tenant.greeting.log", "partner_id"),
            ("loyalty.card", "partner_id"),
            ("event.registration", "partner_id"),
            ("rating.rating", "partner_id"),
        ]

    @api.model
    def _tenant_personal_data_domain(self, model_name, field_name):
        """Narrows a registry entry to the records that are Tenant Relations' (the resident
        programme's cards, the ratings of tickets and visits, the registrations to the properties'
        events), so that a customer who rated a sale order is no resident."""
        if model_name == "loyalty.card":
            return [("program_id", "=", self._tenant_loyalty_program().id)]
        if model_name == "rating.rating":
            return [("res_model", "=like", "tenant.%")]
        if model_name == "event.registration":
            return [("event_id.tenant_property_ids", "!=", False)]
        return []

    def _tenant_personal_data_records(self):
        """{(model, field): records referencing these partners}, sudo, archived ones included.

        sudo: the caller decides what to do with them (the merge guard checks the user's own
        access on each); one search per registry entry.
        """
        result = {}
        if not self.ids:
            return result
        for model_name, field_name in self._tenant_personal_data_fields():
            if model_name not in self.env:
                continue
            Model = self.env[model_name].sudo().with_context(active_test=False)
            domain = expression.AND(
                [[(field_name, "in", self.ids)], self._tenant_personal_data_domain(model_name, field_name)]
            )
            records = Model.search(domain)
            if records:
                result[model_name, field_name] = records
        return result

    def _tenant_holds_data(self):
        """The partners of self that hold a resident's data (see _tenant_personal_data_fields).

        One grouped query per registry entry, on the partners not yet found.
        """
        found = self.browse()
        remaining = self.browse(pid for pid in self._origin.ids if pid)
        for model_name, field_name in self._tenant_personal_data_fields():
            if not remaining:
                break
            if model_name not in self.env:
                continue
            # sudo: whether a contact holds a resident's data decides who may change it; only
            # the partners grouped on are read, nothing of the records themselves.
            Model = self.env[model_name].sudo().with_context(active_test=False)
            domain = expression.AND(
                [
                    [(field_name, "in", remaining.ids)],
                    self._tenant_personal_data_domain(model_name, field_name),
                ]
            )
            groups = Model._read_group(domain, [field_name])
            holding = self.browse({partner.id for (partners,) in groups for partner in partners})
            found |= holding
            remaining -= holding
        return found

    @api.model
    def _tenant_guarded_contact_fields(self):
        """The fields of a resident's contact that only their staff, managers and they may write."""
        return TENANT_GUARDED_CONTACT_FIELDS

    def _tenant_contact_changed_by(self, vals):
        """The partners of self whose guarded contact fields ``vals`` changes.

        Writing a value a partner already has (a form saving an unchanged e-mail, a flow writing
        the language again) changes nothing of theirs and is let through.
        """
        names = [
            name for name in vals if name in self._tenant_guarded_contact_fields() and name in self._fields
        ]

        def changes(partner):
            for name in names:
                field = self._fields[name]
                new = field.convert_to_cache(vals[name], partner, validate=False)
                if (new or False) != (
                    field.convert_to_cache(partner[name], partner, validate=False) or False
                ):
                    return True
            return False

        # sudo: the current values are only compared with the new ones, never returned.
        return self.browse(partner.id for partner in self.sudo() if partner.id and changes(partner))

    def _tenant_check_contact_write(self):
        """Refuse (AccessError, naming the contact) a change to a resident's contact details by
        anyone but the superuser, a Tenant Relations manager, the resident themselves, or staff of
        a property where the resident currently lives.

        "Staff of a property" is what the occupancy rules say it is: the user's own search of the
        residents' current occupancies finds only those in properties they work for.
        """
        if self.env.su or not self:
            return
        user = self.env.user
        if user.has_group("tenant_relations.group_tenant_relations_manager"):
            return
        refused = self._tenant_holds_data() - user.partner_id
        if refused and user.has_group("tenant_relations.group_tenant_relations_user"):
            occupancies = self.env["tenant.occupancy"].search(
                [("partner_id", "in", refused.ids), ("is_current", "=", True)]
            )
            refused -= occupancies.partner_id
        if refused:
            raise AccessError(
                self.env._(
                    "You cannot change the contact details of %(names)s: they hold a resident's data, "
                    "which only the staff of the property where they live and Tenant Relations managers "
                    "may change.",
                    # sudo: the names of the contacts being written, which the user is reading.
                    names=", ".join(refused.sudo().mapped("display_name")),
                )
            )

    def _tenant_check_contact_unlink(self):
        """Refuse (AccessError) the deletion of contacts holding a resident's data by anyone but the
        superuser and Tenant Relations managers: it erases what the firm recorded of them."""
        if self.env.su or self.env.user.has_group("tenant_relations.group_tenant_relations_manager"):
            return
        refused = self._tenant_holds_data()
        if refused:
            raise AccessError(
                self.env._(
                    "You cannot delete %(names)s: they hold a resident's data, which only Tenant "
                    "Relations managers may delete. Archive the contact instead.",
                    # sudo: the names of the contacts being deleted, which the user is reading.
                    names=", ".join(refused.sudo().mapped("display_name")),
                )
            )
