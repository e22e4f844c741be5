# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

MANAGER_GROUP = "tenant_relations.group_tenant_relations_manager"
# The roles of a person in a unit, named once: owners hold the title, tenants the lease, household
# members live with either. Whatever asks who holds a unit, or who lives in one now, reads these.
OCCUPANCY_ROLES = [("owner", "Owner"), ("tenant", "Tenant"), ("resident", "Household member")]
# Owners and tenants hold the unit: they earn the points of a tenancy, are visited after moving in,
# and make a referral good by moving in. Household members hold no lease or title.
HOLDER_ROLES = ("owner", "tenant")
# A contact's role (res.partner.tenant_role) follows their current occupancies and adds "both"
# (owner and tenant) and "former": the contact roles of a holder, and of anybody who lives here now.
BOTH_ROLE = "both"
HOLDER_CONTACT_ROLES = (*HOLDER_ROLES, BOTH_ROLE)
CURRENT_CONTACT_ROLES = (*HOLDER_CONTACT_ROLES, "resident")
# What firms' sheets and residents call each role, besides its label in each installed language.
ROLE_WORDS = {
    "owner": ("业主", "房主", "产权人"),
    "tenant": ("租户", "租客", "承租人"),
    "resident": ("家属", "住户", "家庭成员", "同住人"),
}


class TenantOccupancy(models.Model):
    """Who holds or lives in a unit, in which role, and from when to when."""

    _name = "tenant.occupancy"
    _description = "Occupancy"
    _inherit = ["tenant.rule.guard.mixin", "mail.thread"]
    _order = "move_in_date desc, id desc"
    _rec_name = "partner_id"

    unit_id = fields.Many2one("tenant.unit", required=True, index=True, ondelete="cascade", tracking=True)
    property_id = fields.Many2one(related="unit_id.property_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="cascade", tracking=True
    )
    role = fields.Selection(
        OCCUPANCY_ROLES,
        required=True,
        default="owner",
        tracking=True,
    )
    move_in_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    move_out_date = fields.Date(tracking=True, index=True)
    lease_start = fields.Date()
    lease_end = fields.Date(tracking=True)
    is_main_contact = fields.Boolean(string="Main Contact", help="Speaks for the household of this unit.")
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="Occupancies are archived, not deleted: the history of who lived where stays.",
    )
    # Not a workflow the property drives: only _tenant_confirm() (after _tenant_check_can_confirm)
    # and the system write it; see write().
    state = fields.Selection(
        [("pending", "Awaiting Confirmation"), ("confirmed", "Confirmed")],
        string="Link",
        required=True,
        default="confirmed",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="A person already known to another property is linked to a unit only once someone "
        "with rights over that property, a Tenant Relations manager or the person confirms it. "
        "Until then the occupancy is not current: it opens no profile, no portal and no points.",
    )
    is_current = fields.Boolean(
        string="Current",
        compute="_compute_is_current",
        store=True,
        index=True,
        help="Moved in and not yet moved out. Refreshed daily by a scheduled action.",
    )

    @api.depends("move_in_date", "move_out_date", "state", "active")
    def _compute_is_current(self):
        """Moved in, not moved out, confirmed and not archived: everything that follows from
        living in a unit (profile rule, portal rules, points, audiences) reads this one flag."""
        today = fields.Date.context_today(self)
        for occ in self:
            occ.is_current = bool(
                occ.active
                and occ.state == "confirmed"
                and occ.move_in_date
                and occ.move_in_date <= today
                and (not occ.move_out_date or occ.move_out_date >= today)
            )

    @api.constrains("move_in_date", "move_out_date", "lease_start", "lease_end")
    def _check_dates(self):
        for occ in self:
            if occ.move_out_date and occ.move_in_date and occ.move_out_date < occ.move_in_date:
                raise ValidationError(
                    self.env._(
                        "%(person)s cannot move out of %(unit)s (%(move_out)s) "
                        "before moving in (%(move_in)s).",
                        person=occ.partner_id.display_name,
                        unit=occ.unit_id.display_name,
                        move_out=occ.move_out_date,
                        move_in=occ.move_in_date,
                    )
                )
            if occ.lease_end and occ.lease_start and occ.lease_end < occ.lease_start:
                raise ValidationError(
                    self.env._(
                        "The lease of %(person)s on %(unit)s ends before it starts.",
                        person=occ.partner_id.display_name,
                        unit=occ.unit_id.display_name,
                    )
                )

    @api.constrains("unit_id", "role", "move_in_date", "move_out_date", "lease_start", "lease_end")
    def _check_tenant_lease_overlap(self):
        """Two tenants cannot lease the same unit over the same period."""
        leases = self.filtered(lambda o: o.role == "tenant")
        if not leases:
            return
        others = self.search([("unit_id", "in", leases.unit_id.ids), ("role", "=", "tenant")])
        for occ in leases:
            start, end = occ._lease_period()
            for other in others:
                if other == occ or other.unit_id != occ.unit_id:
                    continue
                other_start, other_end = other._lease_period()
                if start <= other_end and other_start <= end:
                    raise ValidationError(
                        self.env._(
                            "%(unit)s is already leased to %(other)s from %(start)s to %(end)s: "
                            "the lease of %(person)s overlaps it.",
                            unit=occ.unit_id.display_name,
                            other=other.partner_id.display_name,
                            start=other_start,
                            end=other.lease_end or other.move_out_date or self.env._("open end"),
                            person=occ.partner_id.display_name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        """Links to a person another property already knows are created pending (see
        _tenant_needs_confirmation); the state is never taken from the caller."""
        occupancies = super().create(self._tenant_prepare_link_vals(vals_list))
        # A person given by a default (context) rather than the values: checked once created.
        unchecked = occupancies.browse(
            occ.id for occ, vals in zip(occupancies, vals_list, strict=True) if not vals.get("partner_id")
        )
        pending = unchecked.filtered(lambda o: o.state == "confirmed")._tenant_needs_confirmation()
        if pending:
            # sudo: the state is readonly to everyone (see write); the system sets it here.
            pending.sudo().write({"state": "pending"})
        occupancies._tenant_log_on_partner("create")
        return occupancies

    def write(self, vals):
        """The state changes only through _tenant_confirm (a confirmation by someone with rights
        over the person's other properties, a manager or the person), never by a plain write over
        RPC; a link moved to another person or unit is checked again as a new link would be."""
        if "state" in vals and not self.env.su:
            raise AccessError(
                self.env._(
                    "The link of an occupancy is confirmed with the Confirm button, by staff of the "
                    "person's other property, a Tenant Relations manager or the person themselves."
                )
            )
        archived = self.filtered("active") if vals.get("active") is False else self.browse()
        moved_out = (
            self.filtered(lambda o: not o.move_out_date) if vals.get("move_out_date") else self.browse()
        )
        result = super().write(vals)
        if not self.env.su and {"partner_id", "unit_id"} & set(vals):
            relinked = self.filtered(lambda o: o.state == "confirmed")._tenant_needs_confirmation()
            if relinked:
                # sudo: as in create, the system sets the state of a link that needs confirming.
                relinked.sudo().write({"state": "pending"})
        archived._tenant_log_on_partner("archive")
        (moved_out - archived)._tenant_log_on_partner("move_out")
        return result

    @api.model
    def load(self, fields, data):
        """Odoo's import, reading the unit and the role as staff write them in a sheet (see
        _tenant_prepare_import)."""
        if not self.env.context.get("import_file"):
            return super().load(fields, data)
        fields, data, messages = self._tenant_prepare_import(fields, data)
        if messages:
            return {"ids": False, "messages": messages, "nextrow": 0}
        return super().load(fields, data)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_staff(self):
        """Staff archive occupancies; deleting one would erase who lived where (and a link they
        made and regret) without a trace. Managers and the system may still delete."""
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(
                self.env._(
                    "Occupancies are not deleted: archive it instead (or set the move-out date), "
                    "so that the resident's history keeps it. Only Tenant Relations managers can "
                    "delete an occupancy."
                )
            )

    def action_tenant_confirm(self):
        """Confirm pending links; callable over RPC, so every right is checked here."""
        pending = self.filtered(lambda o: o.state == "pending")
        pending._tenant_check_can_confirm()
        pending._tenant_confirm()
        return True

    def action_tenant_decline(self):
        """Decline pending links: they are archived (kept, logged), never made current."""
        pending = self.filtered(lambda o: o.state == "pending" and o.active)
        pending._tenant_check_can_confirm()
        # sudo: the right to decide was checked above, and the resident (portal) has no write
        # rights on occupancies; only the archive flag is written.
        pending.sudo().with_context(tenant_occupancy_declined=True).write({"active": False})
        pending._tenant_log_on_partner("decline")
        return True

    def _tenant_confirm(self):
        """Make pending links current. Private: callers check the right first."""
        # sudo: the state is readonly to everyone but the system (see write).
        self.sudo().write({"state": "confirmed"})
        self._tenant_log_on_partner("confirm")
        self.env["tenant.referral"]._tenant_convert_for_occupancies(self)

    def _tenant_user_properties(self):
        """The properties the current user works for (manages or is staff of), as the system.

        A Tenant Relations manager works at company level: for every property of the companies
        they are allowed in, and for no other company's. A manager of one firm linked another
        firm's resident at once, and so became "staff of a property where they live", free to
        change their e-mail and with it take over their portal account (red team, issue 13).
        """
        user = self.env.user
        if user.has_group(MANAGER_GROUP):
            domain = [("company_id", "in", user.company_ids.ids)]
        else:
            domain = ["|", ("manager_id", "=", user.id), ("user_ids", "in", user.id)]
        # sudo: the user's own assignments, whatever the properties' rules show them.
        return self.env["tenant.property"].sudo().with_context(active_test=False).search(domain)

    @api.model
    def _tenant_known_properties(self, partner_ids, exclude_ids=(), confirmed_only=False):
        """{partner id: the properties of their occupancies}, in one search.

        Read as the system and with archived ones: a property that once recorded the person knows
        them, whether or not the user may see it.
        """
        domain = [("partner_id", "in", list(partner_ids)), ("id", "not in", list(exclude_ids))]
        if confirmed_only:
            domain.append(("state", "=", "confirmed"))
        # sudo: decides who may link or confirm; nothing of these occupancies is shown.
        known = self.env["tenant.occupancy"].sudo().with_context(active_test=False).search(domain)
        Property = self.env["tenant.property"].sudo()
        result = dict.fromkeys(partner_ids, Property)
        for partner, occupancies in known.grouped("partner_id").items():
            result[partner.id] = occupancies.property_id
        return result

    def _tenant_other_properties(self, confirmed_only=False):
        """{occupancy: the properties of the person's other occupancies} (see above)."""
        known = self._tenant_known_properties(self.partner_id.ids, self.ids, confirmed_only)
        return {occ: known[occ.partner_id.id] for occ in self}

    @api.model
    def _tenant_prepare_link_vals(self, vals_list):
        """``vals_list`` with the state of each new link: pending when it needs confirmation
        (see _tenant_needs_confirmation), so that it is never current, not even for a moment."""
        if self.env.su:
            return vals_list
        known = self._tenant_known_properties(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        mine = self._tenant_user_properties()
        prepared = []
        for vals in vals_list:
            vals = {key: value for key, value in vals.items() if key != "state"}
            if known.get(vals.get("partner_id")) and known[vals["partner_id"]] - mine:
                vals["state"] = "pending"
            prepared.append(vals)
        return prepared

    def _tenant_needs_confirmation(self):
        """The occupancies among these that link a person already known to a property the user
        does not work for (see _tenant_user_properties: a Tenant Relations manager works for every
        property of their companies). Links made by the system, by a manager of every company that
        knows the person, and links of a person new to the firm, need no confirmation."""
        if self.env.su or not self:
            return self.browse()
        mine = self._tenant_user_properties()
        others = self._tenant_other_properties()
        return self.filtered(lambda o: others[o] - mine)

    def _tenant_check_can_confirm(self):
        """Raise unless the user may confirm (or decline) each of these links: staff of one of the
        person's other confirmed properties, a Tenant Relations manager of every company that
        knows the person, or the person. Never the property being linked to: its staff made the
        link; nor a manager for another company's resident (see _tenant_user_properties)."""
        if self.env.su or not self:
            return
        user = self.env.user
        mine = self._tenant_user_properties()
        holders = self._tenant_other_properties(confirmed_only=True)
        known = self._tenant_other_properties() if user.has_group(MANAGER_GROUP) else {}
        for occ in self:
            if occ.partner_id == user.partner_id:
                continue
            if (holders[occ] - occ.property_id) & mine:
                continue
            if occ in known and not known[occ] - mine:
                continue  # a manager, and no other company knows the person
            raise AccessError(
                self.env._(
                    "The link of %(person)s to %(unit)s must be confirmed by staff of a property "
                    "where %(person)s already lives, by a Tenant Relations manager or by "
                    "%(person)s in the portal, not by the property being linked to.",
                    person=occ.partner_id.display_name,
                    unit=occ.unit_id.display_name,
                )
            )

    def _tenant_log_on_partner(self, event):
        """Post the life of a link on the person's chatter: who linked, confirmed, declined,
        archived or ended it, and when.

        sudo: the resident's chatter is a log; staff could not otherwise write on a contact they
        may only read, and nobody may edit or remove these notes.
        """
        # Written by a person: in their language; by a job or an import: in the firm's.
        env = self.with_context(lang=self.env.lang or self.env.company._tenant_lang()).env

        def place(o):
            return {"unit": o.unit_id.display_name, "property": o.property_id.display_name}

        messages = {
            "create": lambda o: env._(
                "Recorded as %(role)s of %(unit)s (%(property)s) from %(date)s.",
                role=o.with_env(env)._tenant_role_label(),
                date=o.move_in_date,
                **place(o),
            ),
            "pending": lambda o: env._(
                "The link awaits confirmation by a property where this person already lives, a "
                "Tenant Relations manager or the person."
            ),
            "confirm": lambda o: env._("Link to %(unit)s (%(property)s) confirmed.", **place(o)),
            "decline": lambda o: env._("Link to %(unit)s (%(property)s) declined and archived.", **place(o)),
            "archive": lambda o: env._("Occupancy of %(unit)s (%(property)s) archived.", **place(o)),
            "move_out": lambda o: env._(
                "Moves out of %(unit)s (%(property)s) on %(date)s.", date=o.move_out_date, **place(o)
            ),
        }
        if event == "archive" and self.env.context.get("tenant_occupancy_declined"):
            return
        for occ in self.sudo():
            body = escape(messages[event](occ))
            if event == "create" and occ.state == "pending":
                body = Markup("%s<br/>%s") % (body, messages["pending"](occ))
            occ.partner_id._message_log(body=body)

    @api.model
    def _tenant_prepare_import(self, fields, data, prefix="", columns=None):
        """Read the unit and role columns of an import as staff write them, before Odoo does.

        The unit as it is displayed ("翠湖花园 1-1501") or by its bare code ("1-1501"), among the
        units the user may read (tenant.unit._tenant_find_by_code): Odoo would take the first of
        several units with that code, silently. The role in words (业主, 租户, 家属, or the label
        in any installed language, see _tenant_role_words): Odoo knows only the labels, and
        names the column in English in its error.

        ``prefix`` is the path of the occupancies in the imported model ("tenant_occupancy_ids/"
        for residents), ``columns`` the names the messages give the unit and role columns
        ({"unit_id": …, "role": …}; their labels by default). Returns the fields and rows with
        the units as database ids and the roles as keys, and an error message (in Odoo's import
        format) per cell that names no unit, several, or no role; nothing is written. Only the
        rows of the batch being imported are read (Odoo's import goes by batches of 2000 rows).
        """
        fields, data = list(fields), [list(row) for row in data]
        batch = data[: self.env.context.get("_import_limit") or len(data)]
        messages = []
        columns = {name: self._fields[name]._description_string(self.env) for name in ("unit_id", "role")} | (
            columns or {}
        )
        unit_path, role_path = f"{prefix}unit_id", f"{prefix}role"
        if unit_path in fields:
            Unit = self.env["tenant.unit"]
            if not Unit.has_access("read"):
                message = self.env._("Only Tenant Relations staff import residents and occupancies.")
                return fields, data, [{"type": "error", "message": message}]
            column = fields.index(unit_path)
            fields[column] = f"{unit_path}/.id"
            found = {}
            for index, row in enumerate(batch):
                value = " ".join(str(row[column] or "").split())
                if not value:
                    row[column] = ""
                    continue
                if value not in found:
                    found[value] = Unit._tenant_find_by_code(value)
                units = found[value]
                if len(units) == 1:
                    row[column] = str(units.id)
                    continue
                label = columns["unit_id"]
                if units:
                    message = self.env._(
                        "%(column)s “%(value)s” is the code of units in several properties "
                        "(%(units)s): write the property's name before the code, as the unit is "
                        "displayed.",
                        column=label,
                        value=value,
                        units=", ".join(units.mapped("display_name")),
                    )
                else:
                    message = self.env._(
                        "%(column)s “%(value)s” is none of the units of your properties: write "
                        "the unit as it is displayed (the property's name, a space and the code) "
                        "or by its code alone.",
                        column=label,
                        value=value,
                    )
                messages.append(self._tenant_import_message(index, unit_path, value, message))
        if role_path in fields:
            column = fields.index(role_path)
            words = self._tenant_role_words()
            for index, row in enumerate(batch):
                value = " ".join(str(row[column] or "").split())
                role = words.get(value.casefold())
                if role:
                    row[column] = role
                    continue
                label = columns["role"]
                roles = ", ".join(
                    name for _key, name in self._fields["role"]._description_selection(self.env)
                )
                if value:
                    message = self.env._(
                        "%(column)s “%(value)s” is not a role: write %(roles)s.",
                        column=label,
                        value=value,
                        roles=roles,
                    )
                else:
                    message = self.env._("%(column)s is empty: write %(roles)s.", column=label, roles=roles)
                messages.append(self._tenant_import_message(index, role_path, value, message))
        return fields, data, messages

    @api.model
    def _tenant_import_message(self, index, path, value, message):
        """An error on one cell of an import, as Odoo's import reports its own: the import screen
        shows it on the column mapped to ``path``."""
        return {
            "type": "error",
            "message": message,
            "record": index,
            "rows": {"from": index, "to": index},
            "field": path.split("/")[0],
            "field_path": path.split("/"),
            "value": value,
        }

    @api.model
    def _tenant_role_words(self):
        """{word, case-folded: role}: each role's key, its label in every installed language and
        the words of ROLE_WORDS."""
        words = {}
        for role, role_words in ROLE_WORDS.items():
            words.update(dict.fromkeys((role, *role_words), role))
        for code, _name in self.env["res.lang"].get_installed():
            env = self.with_context(lang=code).env
            for role, label in self._fields["role"]._description_selection(env):
                words[label] = role
        return {word.casefold(): role for word, role in words.items()}

    def _tenant_role_label(self):
        self.ensure_one()
        return dict(self._fields["role"]._description_selection(self.env))[self.role]

    def _lease_period(self):
        """The period a tenant holds the unit: the lease, else the stay; open ends are unbounded."""
        self.ensure_one()
        start = self.lease_start or self.move_in_date or date.min
        end = self.lease_end or self.move_out_date or date.max
        return start, end

    @api.model
    def _get_refresh_current_domain(self, today):
        """Occupancies whose ``is_current`` no longer says what their dates say on ``today``: a
        confirmed link whose move-in day has come, or a current one whose stay has not begun or
        has ended (archiving and confirming recompute it at once)."""
        return [
            "|",
            "&",
            ("is_current", "=", False),
            "&",
            ("state", "=", "confirmed"),
            "&",
            ("move_in_date", "<=", today),
            "|",
            ("move_out_date", "=", False),
            ("move_out_date", ">=", today),
            "&",
            ("is_current", "=", True),
            "|",
            ("move_in_date", ">", today),
            ("move_out_date", "<", today),
        ]

    @api.model
    def _cron_refresh_current(self, batch_size=1000):
        """Recompute ``is_current`` for occupancies whose move-in or move-out date was crossed,
        one batch per run.

        A refreshed occupancy leaves the domain, so a second run, or a run after a crash, takes
        up the rest; the cron is re-triggered while some remain. Each batch also brings its
        residents' roles (and what follows from them) up to date.
        """
        domain = self._get_refresh_current_domain(fields.Date.context_today(self))
        stale = self.search(domain, limit=batch_size, order="id")
        remaining = self.search_count(domain) - len(stale) if len(stale) == batch_size else 0
        if stale:
            self.env.add_to_compute(self._fields["is_current"], stale)
            stale._recompute_recordset(["is_current"])
        self.env["ir.cron"]._notify_progress(done=len(stale), remaining=remaining)
        return stale
