# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

IMPROVEMENT_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("planned", "in_progress")
TODO_TYPE = "mail.mail_activity_data_todo"
STAFF_GROUP = "tenant_relations.group_tenant_relations_user"
MANAGER_GROUP = "tenant_relations.group_tenant_relations_manager"


class TenantImprovementAction(models.Model):
    """An improvement action (整改措施): what a property will change after residents judged a
    topic poorly, who owns it and by when.

    The owner is reminded by one To-Do, which follows the owner and the deadline. When the action
    is done, the property's residents are told by a notice of the base addon (「您说，我们做」,
    "you said, we did"), published as every notice is: in their portal and by e-mail. Its status
    moves only through the ``action_*`` methods, which check who may move it (a manager, or the
    owner for their own action) and carry the activity and the notice with it.
    """

    _name = "tenant.improvement.action"
    _description = "Improvement Action"
    _inherit = ["tenant.rule.guard.mixin", "tenant.mail.sender.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id desc"
    # Staff who read an action (those of its property, its owner) discuss it and handle its
    # activities; only managers edit it.
    _mail_post_access = "read"
    _tenant_placement_fields = ("property_id", "company_id")
    _tenant_placement_triggers = ("property_id",)

    name = fields.Char(string="Action", required=True, tracking=True)
    description = fields.Html(
        help="What will change. Once the action is done, this text is what residents read in the notice."
    )
    topic_id = fields.Many2one(
        "tenant.survey.topic",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The satisfaction topic residents judged poorly, that this action improves.",
    )
    campaign_id = fields.Many2one(
        "tenant.survey.campaign",
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
        help="The survey campaign whose results called for this action.",
    )
    property_id = fields.Many2one(
        "tenant.property",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('company_id', 'in', allowed_company_ids)]",
        help="The property the action improves; its residents are told when it is done.",
    )
    company_id = fields.Many2one(related="property_id.company_id", store=True, index=True)
    owner_id = fields.Many2one(
        "res.users",
        # Not "Owner": in this trade's words an owner is a unit's owner (业主).
        string="Responsible",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env.user,
        domain=lambda self: [("share", "=", False), ("groups_id", "in", self.env.ref(STAFF_GROUP).ids)],
        help="Who carries the action out; they get a To-Do due on the deadline.",
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    state = fields.Selection(
        IMPROVEMENT_STATES,
        string="Status",
        required=True,
        default="planned",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    score = fields.Float(
        string="Score (%)",
        compute="_compute_score",
        store=True,
        digits=(16, 1),
        help="The topic's satisfaction at the property in the campaign, when the action was planned.",
    )
    has_score = fields.Boolean(compute="_compute_score", store=True)
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue")
    can_progress = fields.Boolean(
        compute="_compute_can_progress", help="The current user may start it or mark it done."
    )
    notice_id = fields.Many2one(
        "tenant.notice",
        string="Notice to Residents",
        readonly=True,
        copy=False,
        ondelete="set null",
        tracking=True,
        help="The notice that told the property's residents the action was done (sent once).",
    )

    # Computes -----------------------------------------------------------------------------------

    @api.depends("campaign_id", "topic_id", "property_id")
    def _compute_score(self):
        """The campaign's score for the topic at the property: frozen once planned (it depends on
        the action's own fields, not on answers that come later)."""
        campaigns = self.campaign_id._origin
        scores = campaigns._tenant_score_rows(("topic", "property")) if campaigns else {}
        for action in self:
            key = (action.campaign_id._origin.id, action.topic_id._origin, action.property_id._origin)
            value = scores.get(key, {}).get("satisfaction")
            action.has_score = value is not None
            action.score = value or 0.0

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = (
                action.state in OPEN_STATES and bool(action.date_deadline) and action.date_deadline < today
            )

    @api.depends("owner_id")
    @api.depends_context("uid")
    def _compute_can_progress(self):
        manager = self._tenant_is_manager()
        for action in self:
            action.can_progress = manager or action.owner_id == self.env.user

    # Constraints --------------------------------------------------------------------------------

    @api.constrains("owner_id", "company_id")
    def _check_owner(self):
        """The owner must be able to open the action their To-Do points to."""
        for action in self:
            # sudo: the owner's groups and companies are compared, whoever plans the action.
            owner = action.owner_id.sudo()
            if not owner.has_group(STAFF_GROUP) or action.company_id not in owner.company_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be responsible for the improvement action %(action)s: the "
                        "person responsible must be a Tenant Relations user of %(company)s.",
                        user=owner.name,
                        action=action.name,
                        company=action.company_id.name,
                    )
                )

    @api.constrains("campaign_id", "property_id")
    def _check_campaign(self):
        for action in self.filtered("campaign_id"):
            campaign = action.campaign_id
            if campaign.company_id != action.company_id or (
                campaign.property_ids and action.property_id not in campaign.property_ids
            ):
                raise ValidationError(
                    self.env._(
                        "The improvement action %(action)s is for %(property)s, which the campaign "
                        "%(campaign)s did not survey.",
                        action=action.name,
                        property=action.property_id.display_name,
                        campaign=campaign.display_name,
                    )
                )

    # CRUD ---------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._tenant_check_new_vals(vals)
        actions = super().create(vals_list)
        actions._tenant_sync_owner_activity()
        return actions

    def write(self, vals):
        self._tenant_check_write(vals)
        previous_owners = {action.id: action.owner_id for action in self}
        result = super().write(vals)
        if "owner_id" in vals or "date_deadline" in vals:
            self._tenant_sync_owner_activity(previous_owners)
        return result

    # Actions ------------------------------------------------------------------------------------

    def action_start(self):
        """The owner (or a manager) has started the work."""
        self._tenant_check_progress_right()
        self._tenant_check_state(("planned",), self.env._("Only a planned action can be started."))
        self._tenant_set_state("in_progress")
        return True

    def action_done(self):
        """Done: the owner's To-Do is done too, and the property's residents are told, once."""
        self._tenant_check_progress_right()
        self._tenant_check_state(OPEN_STATES, self.env._("Only an open action can be marked done."))
        actions = self._tenant_set_state("done")
        actions._tenant_owner_activities().action_feedback()
        actions._tenant_report_to_residents()
        return True

    def action_cancel(self):
        """Managers drop an action that will not be carried out; its To-Do goes away."""
        self._tenant_check_manager()
        self._tenant_check_state(OPEN_STATES, self.env._("Only an open action can be cancelled."))
        self._tenant_set_state("cancelled")._tenant_owner_activities().unlink()
        return True

    def action_reopen(self):
        """Managers reopen a done or cancelled action; the owner is reminded again. Its notice, if
        any, stays the one sent: doing the action again does not tell the residents twice."""
        self._tenant_check_manager()
        self._tenant_check_state(
            ("done", "cancelled"), self.env._("Only a done or cancelled action can be reopened.")
        )
        self._tenant_set_state("in_progress")._tenant_sync_owner_activity()
        return True

    def action_view_notice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "tenant.notice",
            "res_id": self.notice_id.id,
            "view_mode": "form",
        }

    # Private helpers ----------------------------------------------------------------------------

    @api.model
    def _tenant_is_manager(self):
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)

    @api.model
    def _tenant_check_new_vals(self, vals):
        """A clear word for what the database would refuse less clearly, and no action created
        past its first status (the status moves through the buttons, with their effects)."""
        if not vals.get("property_id") and not self.env.context.get("default_property_id"):
            raise ValidationError(
                self.env._(
                    "Choose the property of the improvement action %(action)s: its residents are "
                    "the ones told when it is done.",
                    action=vals.get("name") or "",
                )
            )
        if vals.get("state", "planned") != "planned" and not self.env.su:
            raise UserError(self.env._("A new improvement action starts as planned."))

    def _tenant_check_write(self, vals):
        """The status moves only through the buttons (they check who may move it and tell the
        residents); a done action is edited by managers only."""
        if self.env.su:
            return
        if "state" in vals:
            raise UserError(
                self.env._(
                    "Change the status of an improvement action with its buttons (Start Work, Done...)."
                )
            )
        # The access rights first, so that a user who may not write at all is told that.
        self.browse().check_access("write")
        done = self.filtered(lambda action: action.state == "done")
        if done and not self._tenant_is_manager():
            raise UserError(
                self.env._(
                    "The improvement action %(action)s is done: only a Tenant Relations manager can "
                    "change it.",
                    action=done[0].name,
                )
            )

    def _tenant_check_manager(self):
        if not self._tenant_is_manager():
            raise AccessError(
                self.env._("Only Tenant Relations managers can cancel or reopen an improvement action.")
            )
        self.check_access("write")

    def _tenant_check_progress_right(self):
        """A manager moves any action they may write; staff only the actions they own."""
        if self._tenant_is_manager():
            self.check_access("write")
            return
        self.check_access("read")
        foreign = self.filtered(lambda action: action.owner_id != self.env.user)
        if foreign:
            raise AccessError(
                self.env._(
                    "Only the person responsible, %(owner)s, or a Tenant Relations manager can move "
                    "the improvement action %(action)s.",
                    owner=foreign[0].owner_id.name,
                    action=foreign[0].name,
                )
            )

    def _tenant_check_state(self, states, message):
        if self.filtered(lambda action: action.state not in states):
            raise UserError(message)

    def _tenant_set_state(self, state):
        """Write the new status; the caller has checked the right to move it. Returns the actions
        under sudo for the effects that follow.

        sudo: staff have no write access to actions (only managers edit them), yet the owner moves
        their own; the rights were checked by ``_tenant_check_progress_right`` (or the manager's),
        and only the status is written, here, never a value from the caller.
        """
        actions = self.sudo()
        actions.write({"state": state})
        return actions

    def _tenant_owner_activities(self):
        """The open To-Dos of the actions' owners on the actions, in one search."""
        if not self:
            return self.env["mail.activity"]
        todo = self.env.ref(TODO_TYPE)
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", todo.id),
            ]
        )
        owner_of = {action.id: action.owner_id for action in self}
        return activities.filtered(lambda activity: activity.user_id == owner_of[activity.res_id])

    def _tenant_sync_owner_activity(self, previous_owners=None):
        """One To-Do per open action for its owner, due on its deadline: the one already there
        (the previous owner's, when the owner changed) is moved, never a second one added."""
        actions = self.filtered(lambda action: action.state in OPEN_STATES)
        if not actions:
            return
        previous_owners = previous_owners or {}
        todo = self.env.ref(TODO_TYPE)
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", actions.ids),
                ("activity_type_id", "=", todo.id),
            ]
        )
        for action in actions:
            owners = action.owner_id | previous_owners.get(action.id, action.owner_id)
            current = activities.filtered(
                lambda activity, a=action, o=owners: activity.res_id == a.id and activity.user_id in o
            )[:1]
            if current:
                if current.user_id != action.owner_id or current.date_deadline != action.date_deadline:
                    current.write({"user_id": action.owner_id.id, "date_deadline": action.date_deadline})
                continue
            action.activity_schedule(
                TODO_TYPE,
                date_deadline=action.date_deadline,
                user_id=action.owner_id.id,
                summary=action.name,
            )

    def _tenant_report_to_residents(self):
        """The notice 「您说，我们做」 to each action's property, created and published once (an
        action done again after a reopening keeps the notice it sent)."""
        actions = self.filtered(lambda action: not action.notice_id)
        if not actions:
            return
        # sudo: the notice's text and audience are the action's own (its property's residents),
        # set by a manager; whoever may mark the action done (its owner, checked) reports it,
        # including an owner who may not publish notices of their own.
        notices = (
            self.env["tenant.notice"].sudo().create([action._prepare_notice_vals() for action in actions])
        )
        for action, notice in zip(actions, notices, strict=True):
            action.sudo().notice_id = notice
        notices.action_publish()

    def _prepare_notice_vals(self):
        """Hook: the notice telling the property's residents the action is done, in the
        language of the property's company (a notice has one text for all its residents)."""
        self.ensure_one()
        # sudo: the company's language, whoever marks the action done.
        lang = self.company_id.sudo().partner_id.lang or self.env.lang
        action = self.with_context(lang=lang)
        env = action.env
        body = Markup("<p>%s</p>") % env._(
            "In our satisfaction survey you told us about %(topic)s. Here is what we did:",
            topic=action.topic_id.name,
        )
        if not is_html_empty(action.description):
            body += action.description
        return {
            "name": env._("You said, we did: %(action)s", action=action.name),
            "kind": "improvement",
            "body": body,
            "company_id": action.company_id.id,
            "all_properties": False,
            "property_ids": [Command.set(action.property_id.ids)],
        }
