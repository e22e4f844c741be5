# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression

from .tenant_occupancy import HOLDER_CONTACT_ROLES

REVIEW_INTERVAL_PARAM = "tenant_relations.review_interval_months"
DEFAULT_REVIEW_INTERVAL = 3


class TenantProfile(models.Model):
    """The resident's sensitive profile (住户档案), one per person, apart from the contact.

    Every employee reads and searches contacts (``res.partner``), and most may write them: what
    only the staff of the resident's property may know lives here, behind its own access rights
    (Tenant Relations users and managers; no plain employee, no portal user) and record rules
    (staff: residents who live now, or are about to move in, in a property they manage or are
    staff of; managers: everyone of their companies). Once a resident has moved out, only
    managers keep reading the profile: the property's staff no longer need their health notes.

    Field by field (PIPL arts. 28-29 count health and whereabouts as sensitive):

    - here: household size, emergency contact and phone, elderly, disability, pets, vehicle
      plates, special needs, interests, who referred them, and the quarterly review (the
      review is of this profile: its activity and dates belong to it);
    - on the contact, because other features read them for every resident and they tell
      nothing about health, family or whereabouts: name, phone, e-mail, language, the
      preferred channel and WeChat ID (return visits choose their channel from them), and the
      notification and data-processing consents (notices and greetings are sent by them);
      the resident role and current units are computed from occupancies, which have rules
      of their own.
    """

    _name = "tenant.profile"
    _description = "Resident Profile"
    _inherit = ["tenant.rule.guard.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Resident",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", False)],
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The firm that keeps this profile: the company of the unit where the resident lives.",
    )
    tenant_role = fields.Selection(related="partner_id.tenant_role")
    unit_ids = fields.Many2many(
        "tenant.unit",
        string="Current Units",
        compute="_compute_unit_ids",
        help="The resident's current units that you may open: a unit in another property is left out.",
    )
    phone = fields.Char(related="partner_id.phone")
    mobile = fields.Char(related="partner_id.mobile")
    email = fields.Char(related="partner_id.email")
    preferred_channel = fields.Selection(related="partner_id.tenant_preferred_channel")
    # Tracked: who changed what, and when, is kept in the profile's chatter (an audit trail that
    # the same rules guard: only those who read the profile read its history).
    household_size = fields.Integer(tracking=True)
    emergency_contact = fields.Char(tracking=True)
    emergency_phone = fields.Char(tracking=True)
    is_elderly = fields.Boolean(string="Elderly", tracking=True)
    has_disability = fields.Boolean(string="Disability", tracking=True)
    has_pets = fields.Boolean(string="Pets", tracking=True)
    vehicle_plates = fields.Char(
        help="Licence plates of the household's vehicles, comma-separated.", tracking=True
    )
    special_needs = fields.Text(tracking=True)
    interests = fields.Char(tracking=True)
    referred_by_id = fields.Many2one("res.partner", index="btree_not_null", tracking=True)
    last_review_date = fields.Date(string="Last Review", index="btree_not_null", tracking=True)
    review_planned_date = fields.Date(
        string="Review Planned On",
        readonly=True,
        copy=False,
        help="The day the review job last gave this profile's review to the staff (an activity).",
    )
    next_review_date = fields.Date(string="Next Review Due", compute="_compute_next_review_date")
    review_due = fields.Boolean(compute="_compute_next_review_date", search="_search_review_due")

    _sql_constraints = [
        ("partner_uniq", "UNIQUE(partner_id)", "A resident has one profile."),
        ("household_size_positive", "CHECK(household_size >= 0)", "The household size cannot be negative."),
    ]

    @api.depends("partner_id")
    def _compute_company_id(self):
        todo = self.filtered(lambda p: not p.company_id)
        # sudo: only to pick the company of the unit where they live; nothing of it is shown.
        occupancies = (
            self.env["tenant.occupancy"]
            .sudo()
            .search(
                [("partner_id", "in", todo.partner_id.ids), ("is_current", "=", True)],
                order="move_in_date desc, id desc",
            )
        )
        company_by_partner = {}
        for occ in occupancies:
            company_by_partner.setdefault(occ.partner_id.id, occ.company_id.id)
        for profile in todo:
            profile.company_id = company_by_partner.get(profile.partner_id.id) or self.env.company

    @api.depends("partner_id.tenant_unit_ids")
    @api.depends_context("uid")
    def _compute_unit_ids(self):
        """The resident's current units, as far as the reader may read them.

        A related field would be computed as superuser and list every unit the resident lives
        in: a resident of two properties then showed the staff of one a unit of the other, and
        the list view, which reads each unit's name, failed with an access error for them.
        """
        # sudo: only to collect the resident's current units; the reader's own access rights and
        # record rules then decide which of them are shown.
        units_by_profile = {profile: profile.sudo().partner_id.tenant_unit_ids for profile in self}
        readable = self.env["tenant.unit"].union(*units_by_profile.values()).with_env(self.env)
        readable = readable._filtered_access("read")
        for profile, units in units_by_profile.items():
            profile.unit_ids = units.with_env(self.env) & readable

    @api.depends("last_review_date", "tenant_role")
    @api.depends_context("uid")
    def _compute_next_review_date(self):
        today = fields.Date.context_today(self)
        interval = self._review_interval()
        for profile in self:
            if profile.tenant_role not in HOLDER_CONTACT_ROLES:
                profile.next_review_date = False
                profile.review_due = False
                continue
            last = profile.last_review_date
            profile.next_review_date = last + interval if last else today
            profile.review_due = profile.next_review_date <= today

    def _search_review_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on Review Due."))
        domain = expression.normalize_domain(self._get_review_due_domain())
        return domain if (operator == "=") == value else ["!", *domain]

    def action_mark_reviewed(self):
        """Record today's review and close the open review activities of these profiles."""
        self.write({"last_review_date": fields.Date.context_today(self)})
        activity_type = self.env.ref("tenant_relations.mail_activity_type_profile_review")
        self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type).action_feedback(
            feedback=self.env._("Profile reviewed.")
        )
        return True

    # Quarterly profile review (每季度更新) ------------------------------------------------

    @api.model
    def _review_interval(self):
        """The setting REVIEW_INTERVAL_PARAM (global: the review rhythm is the product's, every
        staff member's review dates follow it), as a period of at least a month."""
        months = self.env["ir.config_parameter"]._tenant_get_int_param(
            REVIEW_INTERVAL_PARAM, DEFAULT_REVIEW_INTERVAL, minimum=1
        )
        return relativedelta(months=months)

    @api.model
    def _get_review_due_domain(self):
        """Profiles of residents never reviewed or whose last review is older than the interval."""
        limit = fields.Date.context_today(self) - self._review_interval()
        return [
            ("partner_id.tenant_role", "in", HOLDER_CONTACT_ROLES),
            "|",
            ("last_review_date", "=", False),
            ("last_review_date", "<=", limit),
        ]

    @api.model
    def _cron_plan_profile_reviews(self, batch_size=500):
        """Give the responsible staff one review activity per due profile, one batch per run.

        Residents who have no profile yet get an empty one first, so that each is reviewed.
        Profiles that already have an open review activity are left out, so reruns never plan a
        duplicate; the cron is re-triggered while some remain.

        Two runs at once (a second worker, a manual run, a customer's own job) take disjoint
        batches (_tenant_lock_batch), and each writes ``review_planned_date`` on its batch with its
        activities: the activity is on another table, so a run that read the profiles before the
        other committed would otherwise still find them without one, and plan them again. It
        fails to lock them instead, and rolls back.
        """
        created = self._create_missing_profiles(batch_size)
        activity_type = self.env.ref("tenant_relations.mail_activity_type_profile_review")
        domain = [
            *self._get_review_due_domain(),
            ("activity_ids", "not any", [("activity_type_id", "=", activity_type.id)]),
        ]
        profiles = self._tenant_lock_batch(domain, order="id", limit=batch_size)
        remaining = self.search_count(domain) - len(profiles) if len(profiles) == batch_size else 0
        # A full batch of new profiles: more residents may be without one. Counted as one, so that
        # the runner calls again at once rather than leaving them to tomorrow's run.
        remaining += len(created) == batch_size
        if profiles:
            profiles.mapped("display_name")  # one query, not one per activity's res_name
            # Quick update: no e-mail per activity; the manager finds them in the activity menu.
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            )._tenant_create_for_assignees(profiles._prepare_review_activity_vals(activity_type))
            profiles.write({"review_planned_date": fields.Date.context_today(self)})
        self.env["ir.cron"]._notify_progress(done=len(profiles), remaining=remaining)
        return profiles

    @api.model
    def _create_missing_profiles(self, batch_size):
        """An empty profile for residents who have none, one batch at a time.

        Two runs at once take disjoint residents (_tenant_lock_batch); a run that read them before
        the other committed is stopped by the unique profile per resident, and rolls back.
        """
        partners = self.env["res.partner"]._tenant_lock_batch(
            [("tenant_role", "in", HOLDER_CONTACT_ROLES), ("tenant_profile_ids", "=", False)],
            order="id",
            limit=batch_size,
        )
        return self.with_context(mail_create_nolog=True, tracking_disable=True).create(
            [{"partner_id": partner.id} for partner in partners]
        )

    def _prepare_review_activity_vals(self, activity_type):
        """One activity per profile, for the manager of the property where they live."""
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        occupancies = self.env["tenant.occupancy"].search(
            [("partner_id", "in", self.partner_id.ids), ("is_current", "=", True)],
            order="move_in_date desc",
        )
        manager_by_partner = {}
        for occ in occupancies:
            manager = occ.property_id.manager_id
            if manager and occ.partner_id.id not in manager_by_partner:
                manager_by_partner[occ.partner_id.id] = manager.id
        default_user = activity_type.default_user_id.id or self.env.ref("base.user_admin").id
        # No summary: it is written in the assignee's language when the activity is created (see
        # mail.activity._tenant_create_for_assignees).
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": profile.id,
                "activity_type_id": activity_type.id,
                "date_deadline": today,
                "user_id": manager_by_partner.get(profile.partner_id.id, default_user),
            }
            for profile in self
        ]
        return vals_list
