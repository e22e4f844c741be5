# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from odoo.addons.phone_validation.tools import phone_validation

from .tenant_occupancy import BOTH_ROLE, HOLDER_ROLES, OCCUPANCY_ROLES

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
# The residents' import templates offered in the residents' list (see get_import_templates); their
# headers are mapped to fields by data/base_import_mapping_data.xml.
RESIDENT_IMPORT_TEMPLATES = {
    "zh": "/tenant_relations/static/xls/residents_import_template_zh.xlsx",
    "en": "/tenant_relations/static/xls/residents_import_template_en.xlsx",
}
# The column that makes an import of contacts an import of residents: it links each row to a unit.
RESIDENT_IMPORT_UNIT_PATH = "tenant_occupancy_ids/unit_id"
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
            if set(HOLDER_ROLES) <= roles:
                partner.tenant_role = BOTH_ROLE
            elif roles:
                partner.tenant_role = next(role for role, _label in OCCUPANCY_ROLES if role in roles)
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

    @api.model
    def load(self, fields, data):
        """Odoo's import; a residents' sheet (its rows link a unit) is read as the firm writes it.

        The unit and the role as staff write them (tenant.occupancy._tenant_prepare_import, which
        refuses a unit the user may not read: no other property's unit, whatever the sheet says),
        a unit on every row (a contact without one is no resident, and the residents' list would
        not show it), and a mobile that can be dialled and, when it is already a person's, with
        that person's name: the row then links them again rather than doubling them (see
        _load_records_create). Nothing is written when a cell is refused.
        """
        if not self.env.context.get("import_file") or RESIDENT_IMPORT_UNIT_PATH not in fields:
            return super().load(fields, data)
        fields, data, messages = self._tenant_prepare_resident_import(fields, data)
        if messages:
            return {"ids": False, "messages": messages, "nextrow": 0}
        return super().load(fields, data)

    def _load_records_create(self, vals_list):
        """An import of residents finds the people it already knows rather than doubling them.

        A row whose mobile (as Odoo stores it, ``phone_sanitized``) and name are those of a
        contact, or of an earlier row, is that person: its units are linked to them (see
        _tenant_import_link_again). A property firm re-imports its sheet as it grows and gives a
        person with two units two rows; neither must make a second contact, which would split
        the person's tickets and points and make the hotline's search by number ambiguous. A
        number already a contact's under another name was refused before (see load).
        """
        if not self.env.context.get("import_file") or not any(
            vals.get("tenant_occupancy_ids") for vals in vals_list
        ):
            return super()._load_records_create(vals_list)
        country = self.browse()._tenant_phone_country()
        keys = [
            self._tenant_import_person_key(vals.get("mobile"), vals.get("name"), country)
            for vals in vals_list
        ]
        known = {}
        for number, people in self._tenant_import_people({key[0] for key in keys if key}).items():
            for person in people:
                known.setdefault((number, self._tenant_import_name_key(person.name)), person)
        first_rows = {}
        for index, key in enumerate(keys):
            if key and key not in known:
                first_rows.setdefault(key, index)
        to_create = [index for index, key in enumerate(keys) if not key or first_rows.get(key) == index]
        created = dict(
            zip(to_create, super()._load_records_create([vals_list[i] for i in to_create]), strict=True)
        )
        known.update({key: created[index] for key, index in first_rows.items()})
        records = [
            created[index] if index in created else known[key]._tenant_import_link_again(vals)
            for index, (vals, key) in enumerate(zip(vals_list, keys, strict=True))
        ]
        return self.browse([record.id for record in records])

    def unlink(self):
        # Deleting a resident's contact deletes their occupancies, profile, visits and notice
        # receipts with it (ondelete cascade): Odoo's Contact Creation right must not be enough.
        self._tenant_check_contact_unlink()
        return super().unlink()

    # Phone numbers

    def _compute_avatar(self, avatar_field, image_field):
        """A firm that has not uploaded its logo signs its mails with its initial, not "Your logo".

        Odoo gives every new company its placeholder logo, and the company's contact the same
        picture: residents saw "Your logo" beside every automatic mail in the portal chatter.
        """
        result = super()._compute_avatar(avatar_field, image_field)
        # sudo: which contacts are companies with Odoo's logo is read for the picture only, and a
        # resident reading a message's author may not read res.company.
        placeholders = (
            self.env["res.company"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("uses_default_logo", "=", True)])
            .partner_id
        )
        for partner in self & placeholders.with_env(self.env):
            partner[avatar_field] = partner._avatar_generate_svg()
        return result

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

    @api.model
    def get_import_templates(self):
        """In the residents' list (its action says so in the context), the residents' template:
        姓名, 手机, 邮箱, 房屋单元, 住户身份 with two example rows, or its English twin (Name,
        Mobile, Email, Unit, Resident Role) for a user in another language. Either is mapped
        without help whatever the user's language (data/base_import_mapping_data.xml).

        One template only: Odoo 18's import screen keys its list of templates by the template
        itself, and fails to render with two (duplicate key "[object Object]"). Odoo's customers'
        template is not offered there: its contacts would be no residents.
        """
        if not self.env.context.get("tenant_resident_import"):
            return super().get_import_templates()
        chinese = (self.env.lang or "").startswith("zh")
        return [
            {
                "label": self.env._("Import Template for Residents"),
                "template": RESIDENT_IMPORT_TEMPLATES["zh" if chinese else "en"],
            }
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
        anyone but the superuser, a Tenant Relations manager of their firm, the resident
        themselves, or staff of a property where the resident currently lives.

        "Staff of a property" is what the occupancy rules say it is: the user's own search of the
        residents' current occupancies finds only those in properties they work for. A manager
        works at company level (see tenant.occupancy._tenant_user_properties): a person another
        company knows is theirs only while they currently live in a property of the manager's
        companies; a manager of one firm changed the e-mail of another firm's resident, the key
        to their portal account (red team, issue 13).
        """
        if self.env.su or not self:
            return
        user = self.env.user
        if user.has_group("tenant_relations.group_tenant_relations_manager"):
            refused = self._tenant_known_to_other_companies() - user.partner_id
            if refused:
                # sudo: the companies the manager is allowed in decide, not the rules of those
                # active in this request; only whom the current occupancies link is read.
                occupancies = (
                    self.env["tenant.occupancy"]
                    .sudo()
                    .search(
                        [
                            ("partner_id", "in", refused.ids),
                            ("is_current", "=", True),
                            ("company_id", "in", user.company_ids.ids),
                        ]
                    )
                )
                refused -= occupancies.partner_id
        else:
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

    def _tenant_known_to_other_companies(self):
        """The partners of self that a property of a company the user is not allowed in knows (an
        occupancy, current or not, confirmed or not, archived or not)."""
        known = self.env["tenant.occupancy"]._tenant_known_properties(
            [pid for pid in self._origin.ids if pid]
        )
        companies = self.env.user.company_ids
        return self.browse(pid for pid, properties in known.items() if properties.company_id - companies)

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

    # Residents' import

    @api.model
    def _tenant_prepare_resident_import(self, fields, data):
        """The fields and rows of a residents' import as Odoo's import reads them, and an error
        message per refused cell (see load)."""
        Occupancy = self.env["tenant.occupancy"]
        columns = {
            "unit_id": Occupancy._fields["unit_id"]._description_string(self.env),
            "role": self._fields["tenant_role"]._description_string(self.env),
        }
        fields, data, messages = Occupancy._tenant_prepare_import(
            fields, data, prefix="tenant_occupancy_ids/", columns=columns
        )
        if f"{RESIDENT_IMPORT_UNIT_PATH}/.id" not in fields:
            return fields, data, messages  # the units were not read: no right to import residents
        unit_column = fields.index(f"{RESIDENT_IMPORT_UNIT_PATH}/.id")
        batch = data[: self.env.context.get("_import_limit") or len(data)]
        for index, row in enumerate(batch):
            if not row[unit_column]:
                message = self.env._(
                    "%(column)s is empty: each resident is imported with the unit they live in.",
                    column=columns["unit_id"],
                )
                messages.append(
                    Occupancy._tenant_import_message(index, RESIDENT_IMPORT_UNIT_PATH, "", message)
                )
        if "mobile" in fields:
            messages += self._tenant_check_import_mobiles(
                [row[fields.index("mobile")] for row in batch],
                [row[fields.index("name")] for row in batch] if "name" in fields else None,
            )
        return fields, data, sorted(messages, key=lambda message: message["record"])

    @api.model
    def _tenant_check_import_mobiles(self, mobiles, names):
        """Error messages for the mobiles of a residents' import: a number that cannot be dialled
        (in the company's country), and a number that is already another person's, a contact's
        or an earlier row's (``names``, when the sheet has names)."""
        Occupancy = self.env["tenant.occupancy"]
        label = self._fields["mobile"]._description_string(self.env)
        country = self.browse()._tenant_phone_country()
        messages = []
        numbers = {}
        for index, mobile in enumerate(mobiles):
            mobile = str(mobile or "").strip()
            if not mobile:
                continue
            try:
                numbers[index] = self._phone_format_number(mobile, country, raise_exception=True)
            except UserError as error:
                message = self.env._(
                    "%(column)s “%(value)s” cannot be dialled: %(reason)s",
                    column=label,
                    value=mobile,
                    reason=error.args[0],
                )
                messages.append(Occupancy._tenant_import_message(index, "mobile", mobile, message))
        if names is None:
            return messages
        people = self._tenant_import_people(set(numbers.values()))
        first_names = {}
        for index, number in numbers.items():
            name = " ".join(str(names[index] or "").split())
            if not name:
                continue
            holders = people.get(number, self.browse())
            name_key = self._tenant_import_name_key(name)
            if holders and name_key not in {self._tenant_import_name_key(p.name) for p in holders}:
                message = self.env._(
                    "%(column)s “%(value)s” is already the number of %(holders)s, not of %(name)s: "
                    "one number, one person. Write the name as it is recorded, or leave the "
                    "number out.",
                    column=label,
                    value=mobiles[index],
                    holders=", ".join(holders.mapped("display_name")),
                    name=name,
                )
            elif not holders and first_names.setdefault(number, (name_key, name))[0] != name_key:
                message = self.env._(
                    "%(column)s “%(value)s” is given to %(first)s and to %(name)s in this sheet: "
                    "one number, one person.",
                    column=label,
                    value=mobiles[index],
                    first=first_names[number][1],
                    name=name,
                )
            else:
                continue
            messages.append(Occupancy._tenant_import_message(index, "mobile", mobiles[index], message))
        return messages

    @api.model
    def _tenant_import_people(self, numbers):
        """{E.164 number: the people (not companies) who have it, as Odoo stores it}, residents
        first, then the oldest: the contact a row of an import means."""
        if not numbers:
            return {}
        people = self.search([("phone_sanitized", "in", list(numbers)), ("is_company", "=", False)])
        people = people.sorted(lambda person: (not person.tenant_occupancy_ids, person.id))
        return {number: people.filtered(lambda p, n=number: p.phone_sanitized == n) for number in numbers}

    @api.model
    def _tenant_import_person_key(self, mobile, name, country):
        """(E.164 number, name key) of a row of an import, or None without a number or a name."""
        number = self._phone_format_number(str(mobile or "").strip(), country) if mobile else False
        name_key = self._tenant_import_name_key(name)
        return (number, name_key) if number and name_key else None

    @api.model
    def _tenant_import_name_key(self, name):
        """A name as a person is told apart: without spaces, case-blind (王 建国 is 王建国)."""
        return "".join(str(name or "").split()).casefold()

    def _tenant_import_link_again(self, vals):
        """Apply a row of a residents' import to this person, already known by number and name.

        Their units not yet linked are linked (as the user links them: the occupancy's rules
        decide whether the link waits for confirmation); a link already recorded, same unit and
        role, is left as it is, so that importing a sheet again changes nothing. An e-mail given
        is written, by whoever may change this person's details (see write); their name and
        number stay as recorded. The same unit in another role is refused: a change of role is
        made on the occupancy, not by importing it again.
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        links = self.env["tenant.occupancy"].search([("partner_id", "=", self.id)])
        links = links.filtered(lambda o: not o.move_out_date or o.move_out_date >= today)
        commands = []
        for command in vals.get("tenant_occupancy_ids") or []:
            if command[0] == Command.CREATE:
                unit_id, role = command[2].get("unit_id"), command[2].get("role")
                same_unit = links.filtered(lambda o, unit_id=unit_id: o.unit_id.id == unit_id)
                if same_unit.filtered(lambda o, role=role: o.role == role):
                    continue
                if same_unit:
                    raise UserError(
                        self.env._(
                            "%(person)s is already recorded as %(role)s of %(unit)s: change the "
                            "role on that occupancy rather than importing it again.",
                            person=self.display_name,
                            role=same_unit[0]._tenant_role_label(),
                            unit=same_unit[0].unit_id.display_name,
                        )
                    )
            commands.append(command)
        values = {
            name: value
            for name, value in vals.items()
            if name not in ("name", "mobile", "tenant_occupancy_ids") and value not in (False, None, "")
        }
        if commands:
            values["tenant_occupancy_ids"] = commands
        if values:
            self.write(values)
        return self
