# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from odoo.addons.phone_validation.tools import phone_validation

RESIDENT_ROLES = ("owner", "tenant", "both")
# The firms are Chinese: where neither the contact nor the company names a country, a number typed
# without a country code is a Chinese one.
DEFAULT_PHONE_COUNTRY_XMLID = "base.cn"
# A query made only of these characters may be a phone number or a unit code.
PHONE_QUERY_RE = re.compile(r"^[\d\s()+\-./]+$")
PHONE_QUERY_MIN_DIGITS = 6
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
# Computed from occupancies and phones by the system: set by nobody (the caller search and the
# survey reward read them; a contact given another's sanitized number would be offered for theirs).
TENANT_COMPUTED_CONTACT_FIELDS = frozenset({"tenant_role", "phone_sanitized"})


class ResPartner(models.Model):
    """What every feature needs to know of a resident, on the contact: role, units, channel, consents.

    The sensitive profile (health, family, vehicles, emergency contacts) is ``tenant.profile``.
    Phone numbers are Odoo's (``mail.thread.phone``, as the ``sms`` addon gives it): the first
    valid one is stored in E.164 in ``phone_sanitized``, and ``phone_mobile_search`` matches the
    numbers as typed whatever their spaces, dashes and brackets.
    """

    _name = "res.partner"
    _inherit = ["mail.thread.phone", "res.partner"]

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
    # The caller search compares the typed number, in E.164, with it.
    phone_sanitized = fields.Char(index="btree_not_null")
    tenant_phone_warning = fields.Char(
        string="Phone Warning",
        compute="_compute_tenant_phone_warning",
        help="Why the phone or mobile cannot be dialled as it is written (too few digits, no such "
        "prefix), in the contact's country, else its company's.",
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

    @api.depends("phone", "mobile", "country_id", "company_id")
    def _compute_tenant_phone_warning(self):
        for partner in self:
            problems = (partner._tenant_phone_problem(number) for number in (partner.phone, partner.mobile))
            partner.tenant_phone_warning = "\n".join(problem for problem in problems if problem) or False

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

    # Phone numbers

    def _phone_get_sanitize_triggers(self):
        # The company gives the country of a contact without one (see _tenant_phone_country).
        return [*super()._phone_get_sanitize_triggers(), "company_id"]

    def _phone_format(
        self, fname=False, number=False, country=False, force_format="E164", raise_exception=False
    ):
        """Odoo's, with the country of a contact without one taken from its company (see
        _tenant_phone_country): Odoo's own fallback is the company of the user who happens to
        save the contact."""
        if not country and len(self) == 1:
            country = self._tenant_phone_country()
        return super()._phone_format(
            fname=fname,
            number=number,
            country=country,
            force_format=force_format,
            raise_exception=raise_exception,
        )

    def _tenant_tz(self, company=None):
        """The time zone this contact reads times in: their own, else their firm's
        (res.company._tenant_tz; ``company`` if given, e.g. the ticket's).

        The one rule for the dates shown to a resident, however they are written: by the server
        on their portal pages and in their mails, by the browser in the portal's conversation
        (see ir.http.get_frontend_session_info). A resident who never set a zone reads the firm's,
        not UTC: a request made at 07:30 in Shanghai is dated that day, not the day before.
        """
        # sudo: only the zone of a contact the caller deals with (a ticket's reporter, the user's
        # own contact) is read; a resident may not read the reporter of a household request.
        partner = self[:1].sudo()
        return partner.tz or (company or partner.company_id or self.env.company)._tenant_tz()

    def _tenant_phone_country(self):
        """The country a number is read in when it carries no country code: the contact's, else its
        company's, else the current company's, else China (the firms are Chinese)."""
        return (
            self[:1].country_id
            or self[:1].company_id.country_id
            or self.env.company.country_id
            or self.env.ref(DEFAULT_PHONE_COUNTRY_XMLID, raise_if_not_found=False)
            or self.env["res.country"]
        )

    def _tenant_phone_problem(self, number):
        """Why ``number`` cannot be dialled from the contact's country, in Odoo's words
        (phone_validation's messages), or False if it can or is empty."""
        if not number:
            return False
        try:
            phone_validation.phone_parse(number, self._tenant_phone_country().code)
        except UserError as error:
            return self.env._("Check this number with the caller: %(reason)s", reason=str(error.args[0]))
        return False

    @api.model
    def _search_display_name(self, operator, value):
        """Also find a caller by phone or mobile in any common format, or by a unit code.

        ``138 0000 9999``, ``138-0000-9999``, ``+86 138 0000 9999`` and ``8613800009999`` all find
        the contact whose number is stored as ``13800009999``, ``0571-8888 8888`` the one whose
        landline is ``+86 571 8888 8888``; ``1-1201`` finds the current residents of unit 1-1201.
        Only for Tenant Relations users: the occupancies are theirs to search, and the hotline's
        rules on numbers; every other employee searches contacts as Odoo does.
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
        """Contacts whose phone or mobile is the typed number, or contains the typed part of one;
        nothing if the query is no number.

        A whole number is read in the current company's country (as a contact without a country
        is): its E.164 form is compared with Odoo's ``phone_sanitized``, and its national number
        (without country code or trunk ``0``) is looked for in the numbers as typed, through
        Odoo's formatting-blind ``phone_mobile_search``, so that ``0571-8888 8888``, ``+86 571
        8888 8888`` and a second number (``phone_sanitized`` holds one) are all found. A part of a
        number (``0000 9999``) is looked for as typed: its zeros are no trunk prefix.
        """
        query = (value or "").strip()
        if not PHONE_QUERY_RE.match(query):
            return []
        # As ASCII digits: the numbers are searched without their formatting, not their script.
        digits = "".join(str(int(digit)) for digit in re.findall(r"\d", query))
        if len(digits) < PHONE_QUERY_MIN_DIGITS:
            return []
        country = self.browse()._tenant_phone_country()
        try:
            parsed = phone_validation.phone_parse(query, country.code)
        except UserError:
            parsed = False  # no possible number there: a part of one
        if not parsed:
            # The wildcard is written out: Odoo reads a value starting with 00 as an international
            # prefix and would look for "0000 9999" at the start of the numbers only.
            return [("phone_mobile_search", "like", f"%{digits}")]
        return expression.OR(
            [
                [("phone_sanitized", "=", self._phone_format_number(query, country))],
                [("phone_mobile_search", "like", str(parsed.national_number))],
            ]
        )

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
