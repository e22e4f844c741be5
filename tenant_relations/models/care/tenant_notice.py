# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

MAIL_BATCH_SIZE = 500
BUILDING_SEPARATORS = re.compile(r"[,，、;；]")


class TenantNotice(models.Model):
    """A notice to residents (公告): maintenance plans, fee disclosure, house rules, events.

    Publishing turns the audience (properties, buildings, roles) into one recipient row per
    person, which records whether the notice was e-mailed, read and acknowledged. A campaign of
    the campaign engine: published is its running phase, expired its closed one; the recipients
    are its log, all written at publication (residents find the notice in their portal at once),
    and the mail job e-mails them in batches.
    """

    _name = "tenant.notice"
    _description = "Notice"
    _inherit = [
        "tenant.rule.guard.mixin",
        "tenant.mail.sender.mixin",
        "mail.thread",
        "tenant.audience.mixin",
        "tenant.campaign.mixin",
    ]
    _order = "publish_date desc, id desc"
    _campaign_log_model = "tenant.notice.recipient"
    _campaign_start_field = "publish_date"
    _campaign_end_field = "expiry_date"
    # The notice's own words for the engine's phases, as users, the portal and saved filters know them.
    _campaign_states = {
        "draft": "draft",
        "scheduled": "scheduled",
        "running": "published",
        "closed": "expired",
    }

    name = fields.Char(string="Title", required=True, translate=False, tracking=True)
    body = fields.Html(sanitize_style=True)
    kind = fields.Selection(
        [
            ("maintenance", "Maintenance plan"),
            ("finance", "Fee income and expenditure"),
            ("rules", "House rules"),
            ("event", "Event"),
            ("emergency", "Emergency"),
        ],
        required=True,
        default="maintenance",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("scheduled", "Scheduled"),
            ("published", "Published"),
            ("expired", "Expired"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    publish_date = fields.Datetime(
        copy=False,
        index=True,
        tracking=True,
        help="When the notice goes out. A scheduled notice is published automatically at this time.",
    )
    expiry_date = fields.Datetime(
        index="btree_not_null",
        tracking=True,
        help="When the notice is withdrawn; residents still find it in their portal, marked expired.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    # Maintenance plan: time, scope and impact, published in advance.
    maintenance_start = fields.Datetime(string="Work Starts")
    maintenance_end = fields.Datetime(string="Work Ends")
    maintenance_scope = fields.Char(string="Scope", help="e.g. Building 1, floors 1 to 12.")
    maintenance_impact = fields.Text(
        string="Expected Impact", help="e.g. No water supply; lifts out of service."
    )

    # Fee income and expenditure (物业费用收支公示).
    finance_period = fields.Char(string="Period", help="e.g. 2026 Q3.")
    income_total = fields.Monetary(string="Total Income")
    expenditure_total = fields.Monetary(string="Total Expenditure")
    balance = fields.Monetary(compute="_compute_balance", store=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "tenant_notice_ir_attachment_rel",
        "notice_id",
        "attachment_id",
        string="Attachments",
        # Files belong to one notice (see _check_attachment_ids): a copy starts without them.
        copy=False,
        help="Statements residents can download from the portal.",
    )

    # House rules.
    rules_topic = fields.Selection(
        [
            ("access", "Access control"),
            ("parking", "Parking"),
            ("pets", "Pets"),
            ("other", "Other"),
        ],
        string="Topic",
    )
    requires_acknowledgement = fields.Boolean(
        compute="_compute_requires_acknowledgement",
        store=True,
        readonly=False,
        help="Residents confirm in the portal that they have read the notice.",
    )

    # Audience.
    all_properties = fields.Boolean(
        help="Send to the residents of every property of the company (managers only)."
    )
    property_ids = fields.Many2many(
        "tenant.property",
        "tenant_notice_property_rel",
        "notice_id",
        "property_id",
        string="Properties",
        domain="[('company_id', '=', company_id)]",
    )
    buildings = fields.Char(
        help="Limit to these buildings, comma-separated, as written on the units (e.g. 1栋, 2栋). "
        "Empty: every building.",
    )

    audience_count = fields.Integer(
        string="Reach",
        compute="_compute_audience_count",
        help="Residents the notice reaches if it is published now (current residents of its "
        "properties and buildings, in the roles chosen), counted once each.",
    )
    recipient_ids = fields.One2many("tenant.notice.recipient", "notice_id", string="Recipients")
    recipient_count = fields.Integer(compute="_compute_recipient_stats")
    sent_count = fields.Integer(string="E-mailed", compute="_compute_recipient_stats")
    mail_pending_count = fields.Integer(
        string="E-mails Being Queued",
        compute="_compute_recipient_stats",
        help="People the mail job has not reached yet; it runs right after publication, in batches.",
    )
    read_count = fields.Integer(string="Read", compute="_compute_recipient_stats")
    acknowledged_count = fields.Integer(string="Acknowledged", compute="_compute_recipient_stats")
    read_rate = fields.Float(string="Read Rate (%)", compute="_compute_recipient_stats", digits=(5, 1))
    acknowledged_rate = fields.Float(
        string="Acknowledgement Rate (%)", compute="_compute_recipient_stats", digits=(5, 1)
    )
    portal_url = fields.Char(compute="_compute_portal_url")

    @api.depends("income_total", "expenditure_total")
    def _compute_balance(self):
        for notice in self:
            notice.balance = notice.income_total - notice.expenditure_total

    @api.depends("kind")
    def _compute_requires_acknowledgement(self):
        for notice in self:
            notice.requires_acknowledgement = notice.kind == "rules"

    @api.depends(
        "recipient_ids.wave",
        "recipient_ids.sent",
        "recipient_ids.mail_pending",
        "recipient_ids.read_date",
        "recipient_ids.acknowledged_date",
    )
    def _compute_recipient_stats(self):
        # One query for the whole batch; grouping on the mail flags too counts e-mailed and pending rows.
        # Only the first send's rows count: a reminder row is the same person again, not another
        # recipient, and the portal records reading and acknowledging on the first row.
        stats = {}
        for notice, sent, pending, count, read, acknowledged in self.env[
            "tenant.notice.recipient"
        ]._read_group(
            [("notice_id", "in", self._origin.ids), ("wave", "=", "first")],
            ["notice_id", "sent", "mail_pending"],
            ["__count", "read_date:count", "acknowledged_date:count"],
        ):
            totals = stats.setdefault(notice, [0, 0, 0, 0, 0])
            totals[0] += count
            totals[1] += count if sent else 0
            totals[2] += count if pending else 0
            totals[3] += read
            totals[4] += acknowledged
        for notice in self:
            count, sent, pending, read, acknowledged = stats.get(notice._origin, (0, 0, 0, 0, 0))
            notice.recipient_count = count
            notice.sent_count = sent
            notice.mail_pending_count = pending
            notice.read_count = read
            notice.acknowledged_count = acknowledged
            notice.read_rate = 100.0 * read / count if count else 0.0
            notice.acknowledged_rate = 100.0 * acknowledged / count if count else 0.0

    @api.depends("all_properties", "property_ids", "buildings", "for_owners", "for_tenants", "for_residents")
    def _compute_audience_count(self):
        """One count per notice: shown before publishing, so the sender knows whom it reaches."""
        for notice in self:
            if not notice._get_audience_roles() or not (notice.all_properties or notice.property_ids):
                notice.audience_count = 0
                continue
            # sudo: a count only, over the audience the notice itself defines, which its writer
            # may publish to; no resident is read.
            [[partners]] = (
                self.env["tenant.occupancy"]
                .sudo()
                ._read_group(notice._get_audience_domain(), aggregates=["partner_id:count_distinct"])
            )
            notice.audience_count = partners

    def _compute_portal_url(self):
        for notice in self:
            notice.portal_url = f"/my/notices/{notice._origin.id or 0}"

    @api.constrains("buildings", "all_properties", "property_ids")
    def _check_buildings(self):
        """A building must be written as on the units, or the notice silently reaches nobody there."""
        for notice in self:
            buildings = notice._get_audience_buildings()
            if not buildings:
                continue
            domain = [("company_id", "=", notice.company_id.id), ("building", "!=", False)]
            if not notice.all_properties:
                domain.append(("property_id", "in", notice.property_ids.ids))
            # sudo: the building names of the notice's own properties only, to compare.
            known = {
                building for [building] in self.env["tenant.unit"].sudo()._read_group(domain, ["building"])
            }
            unknown = [building for building in buildings if building not in known]
            if unknown:
                raise ValidationError(
                    self.env._(
                        "Buildings: %(unknown)s is not a building of the chosen properties. Write the "
                        "buildings as on the units: %(known)s.",
                        unknown=", ".join(unknown),
                        known=", ".join(sorted(known)) or "-",
                    )
                )

    @api.constrains("all_properties", "property_ids", "for_owners", "for_tenants", "for_residents")
    def _check_audience(self):
        for notice in self:
            if not (notice.all_properties or notice.property_ids) or not notice._get_audience_roles():
                raise ValidationError(
                    self.env._(
                        "The notice %(notice)s has no audience: choose at least one property (or all "
                        "properties) and at least one of owners, tenants and household members.",
                        notice=notice.name,
                    )
                )

    @api.constrains("publish_date", "expiry_date", "maintenance_start", "maintenance_end")
    def _check_dates(self):
        for notice in self:
            if notice.publish_date and notice.expiry_date and notice.expiry_date <= notice.publish_date:
                raise ValidationError(
                    self.env._("The notice %(notice)s must expire after it is published.", notice=notice.name)
                )
            if (
                notice.maintenance_start
                and notice.maintenance_end
                and notice.maintenance_end < notice.maintenance_start
            ):
                raise ValidationError(
                    self.env._(
                        "The maintenance work of %(notice)s cannot end before it starts.",
                        notice=notice.name,
                    )
                )

    @api.constrains("attachment_ids")
    def _check_attachment_ids(self):
        """A notice hands out only its own files, and only files its author may read.

        The many2many accepts any attachment id and Odoo checks no access on linking: without
        this, staff could name another property's ticket photo or an internal PDF and publish it
        to residents. A file belongs to the notice when it is attached to it (res_model, res_id),
        which also makes it readable exactly as far as the notice is.
        """
        for notice in self:
            # sudo: the link table is read whole, files the user cannot read included, so that
            # none of them slips past the checks below.
            attachments = notice.sudo().attachment_ids
            if not self.env.su:
                # ir.attachment's own check (check_access alone skips the linked document); first,
                # so that the message below names only files the user may read.
                attachments.with_env(self.env).check("read")
            foreign = attachments - attachments.filtered_domain(notice._get_own_attachment_domain())
            if foreign:
                raise ValidationError(
                    self.env._(
                        "The notice %(notice)s can only carry files uploaded to it, not %(files)s: "
                        "upload the file to the notice itself.",
                        notice=notice.name,
                        files=", ".join(foreign.mapped("name")),
                    )
                )

    # CRUD ---------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_audience_rights(vals_list)
        # Files are linked once the notice exists, through write, so that a file uploaded while
        # the notice was being created (res_id 0) is attached to it before it is checked.
        files = [vals.get("attachment_ids") for vals in vals_list]
        vals_list = [{k: v for k, v in vals.items() if k != "attachment_ids"} for vals in vals_list]
        notices = super().create(vals_list)
        # sudo (here and in write): every property of the notice is compared, those the user cannot
        # read included, so that none of them slips past _check_added_properties.
        self._check_added_properties({notice: notice.sudo().property_ids for notice in notices})
        for notice, commands in zip(notices, files, strict=True):
            if commands:
                notice.write({"attachment_ids": commands})
        return notices

    def write(self, vals):
        self._check_audience_rights([vals])
        before = (
            {notice: notice.sudo().property_ids for notice in self}
            if "property_ids" in vals and not self._is_notice_manager()
            else None
        )
        if vals.get("attachment_ids") and len(self) == 1:
            vals = {**vals, "attachment_ids": self._adopt_attachments(vals["attachment_ids"])}
        result = super().write(vals)
        if before is not None:
            self._check_added_properties(
                {notice: notice.sudo().property_ids - before[notice] for notice in self}
            )
        return result

    # Actions ------------------------------------------------------------------------------------

    def action_publish(self):
        """Publish now, or again to reach residents who moved in since: nobody gets it twice."""
        self.check_access("write")
        self._check_all_properties_right()
        now = fields.Datetime.now()
        late = self.filtered(lambda n: n.expiry_date and n.expiry_date <= now)
        if late:
            raise UserError(
                self.env._(
                    "The notice %(notice)s has already expired: change its expiry date to publish it.",
                    notice=late[0].name,
                )
            )
        self._campaign_start()
        return True

    def action_schedule(self):
        self.check_access("write")
        self._check_all_properties_right()
        self._check_campaign_phase("draft", "schedule")
        now = fields.Datetime.now()
        undated = self.filtered(lambda n: not n.publish_date or n.publish_date <= now)
        if undated:
            raise UserError(
                self.env._(
                    "Set a publication date in the future to schedule %(notice)s.", notice=undated[0].name
                )
            )
        return super().action_schedule()

    def action_expire(self):
        self.check_access("write")
        self._campaign_close()
        return True

    def action_view_recipients(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recipients"),
            "res_model": "tenant.notice.recipient",
            "view_mode": "list",
            "domain": [("notice_id", "=", self.id)],
            "context": {"create": False},
        }

    # Scheduled action ---------------------------------------------------------------------------

    @api.model
    def _cron_publish_due(self, batch_size=50):
        """Expire the notices past their expiry date, then publish the scheduled ones now due.

        The campaign engine locks them with SKIP LOCKED, so two workers never handle the same
        notice; and a notice published twice gets no duplicate recipients, so a rerun is harmless.
        """
        return self._cron_campaign_lifecycle(batch_size)

    # Campaign engine ----------------------------------------------------------------------------

    def _get_campaign_refusal(self, action):
        if action == "schedule":
            return self.env._("Only a draft notice can be scheduled: %(notice)s.", notice=self[0].name)
        return self.env._("Only a scheduled notice can go back to draft.")

    @api.model
    def _get_campaign_pending_domain(self):
        """A published notice stays so until it expires: the mail job wants only those with
        e-mails still to queue (read through the recipients' partial index)."""
        return [("recipient_ids.mail_pending", "=", True)]

    def _campaign_on_start(self):
        """Publishing reaches the whole audience at once: one recipient row per person, written
        in one statement per notice; the mail job, triggered here, e-mails them in batches."""
        # Serialise concurrent publications of the same notice (a click and the job): the second
        # waits here, then adds nobody the first one added.
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT id FROM tenant_notice WHERE id IN %s FOR UPDATE", tuple(self.ids)))
        added = [notice._campaign_log_audience("first") for notice in self]
        if any(added):
            # Queueing 50,000 e-mails takes minutes: a job does it in batches, not the click. (It
            # finds nothing to do if none of the newcomers may be e-mailed: cheaper than asking.)
            self.env.ref("tenant_relations.ir_cron_send_notice_mails")._trigger()

    def _campaign_on_close(self):
        # An expired notice is no longer e-mailed to those the mail job has not reached yet.
        self.env["tenant.notice.recipient"].search(
            [("notice_id", "in", self.ids), ("mail_pending", "=", True)]
        ).write({"mail_pending": False})

    def _prepare_campaign_log_sql_values(self, wave):
        """A recipient row waits for the mail job if the person may be e-mailed (the rule of
        tenant.notice.recipient._get_mail_partner_domain, in SQL)."""
        # sudo: consent and address of the audience, compared in SQL; nothing is read out.
        mailable = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            ._search(self.env["tenant.notice.recipient"]._get_mail_partner_domain())
        )
        return {
            **super()._prepare_campaign_log_sql_values(wave),
            "mail_pending": SQL("audience.partner_id IN %s", mailable.subselect()),
            "sent": SQL("FALSE"),
        }

    def _campaign_take_batch(self, wave, limit):
        """The rows written at publication whose e-mail is still to queue, oldest first."""
        return self.env["tenant.notice.recipient"].search(
            [("notice_id", "=", self.id), ("wave", "=", wave), ("mail_pending", "=", True)],
            order="id",
            limit=limit,
        )

    def _campaign_deliver(self, logs, wave):
        logs._send_notice_mail()

    # Private helpers ----------------------------------------------------------------------------

    def _get_own_attachment_domain(self):
        """The files that belong to this notice: the only ones it may carry and hand out."""
        self.ensure_one()
        return [("res_model", "=", self._name), ("res_id", "=", self.id), ("res_field", "=", False)]

    def _get_portal_attachments(self):
        """The files residents download from the notice page (as the notice's environment)."""
        self.ensure_one()
        return self.attachment_ids.filtered_domain(self._get_own_attachment_domain())

    def _adopt_attachments(self, commands):
        """The commands, with the files being linked that are attached to nothing attached here.

        Such a file was just uploaded (by the form, before the notice existed: res_id 0) by the
        user, who alone may read it (ir.attachment.check): it becomes the notice's own. Files of
        other records are left as they are, so that _check_attachment_ids refuses them.
        """
        self.ensure_one()
        ids = set()
        for command in commands:
            if isinstance(command, int):
                ids.add(command)
            elif command[0] == Command.LINK:
                ids.add(command[1])
            elif command[0] == Command.SET:
                ids.update(command[2])
        attachments = self.env["ir.attachment"].browse(ids).exists()
        if not self.env.su:
            attachments.check("read")
        # sudo: the user may read these files (checked above), and only unattached ones are
        # attached, to a notice the user is writing (its write rules are checked by super).
        pending = attachments.sudo().filtered(
            lambda a: not a.res_id and a.res_model in (False, self._name) and not a.res_field
        )
        pending.write({"res_model": self._name, "res_id": self.id})
        return [
            Command.create({**command[2], "res_model": self._name, "res_id": self.id})
            if not isinstance(command, int) and command[0] == Command.CREATE
            else command
            for command in commands
        ]

    @api.model
    def _is_notice_manager(self):
        return self.env.su or self.env.user.has_group("tenant_relations.group_tenant_relations_manager")

    @api.model
    def _check_audience_rights(self, vals_list):
        """Only managers address every property of the company (the form only hides the box)."""
        if any(vals.get("all_properties") for vals in vals_list) and not self._is_notice_manager():
            raise AccessError(
                self.env._("Only Tenant Relations managers can address a notice to all properties.")
            )

    def _check_all_properties_right(self):
        """A notice to all properties goes out only by a manager's hand (or the scheduler's)."""
        if self.filtered("all_properties"):
            self._check_audience_rights([{"all_properties": True}])

    @api.model
    def _check_added_properties(self, added):
        """Staff address only properties they may read; ``added``: {notice: properties added}.

        Properties already on a notice (set by a manager) stay, so that staff of one of several
        properties can still edit and publish it.
        """
        if self._is_notice_manager():
            return
        for notice, properties in added.items():
            hidden = properties - properties.with_env(self.env)._filtered_access("read")
            if hidden:
                raise AccessError(
                    self.env._(
                        "You can only address the notice %(notice)s to properties you work for.",
                        notice=notice.name,
                    )
                )

    def _render_notice_mail(self, template, lang, tz):
        """The e-mail of this notice for residents of one language and time zone."""
        self.ensure_one()
        template = template.with_context(tz=tz)
        values = {
            field: template._render_field(field, self.ids, set_lang=lang)[self.id]
            for field in ("subject", "body_html", "email_from")
        }
        if not values["email_from"]:
            del values["email_from"]
        values.update(body=values["body_html"], auto_delete=template.auto_delete)
        return values

    def _get_audience_buildings(self):
        self.ensure_one()
        return [b.strip() for b in BUILDING_SEPARATORS.split(self.buildings or "") if b.strip()]

    def _get_audience_properties(self):
        return self.env["tenant.property"] if self.all_properties else super()._get_audience_properties()

    def _get_audience_domain(self):
        """A notice can also be limited to some buildings."""
        domain = super()._get_audience_domain()
        buildings = self._get_audience_buildings()
        if buildings:
            domain.append(("unit_id.building", "in", buildings))
        return domain
