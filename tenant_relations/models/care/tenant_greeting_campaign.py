# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

GREETING_BATCH_SIZE = 500

# The festivals of the Chinese calendar move in the Gregorian one: their days (正月初一, 八月十五),
# from the official holiday calendar. Past the table, the last known day is taken again.
LUNAR_FESTIVAL_DAYS = {
    "spring_festival": [
        date(2025, 1, 29), date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26),
        date(2029, 2, 13), date(2030, 2, 3), date(2031, 1, 23), date(2032, 2, 11),
        date(2033, 1, 31), date(2034, 2, 19), date(2035, 2, 8),
    ],
    "mid_autumn": [
        date(2025, 10, 6), date(2026, 9, 25), date(2027, 9, 15), date(2028, 10, 3),
        date(2029, 9, 22), date(2030, 9, 12), date(2031, 10, 1), date(2032, 9, 19),
        date(2033, 9, 8), date(2034, 9, 27), date(2035, 9, 16),
    ],
}  # fmt: skip
# Festivals on the same Gregorian day every year: (month, day).
FIXED_FESTIVAL_DAYS = {"national_day": (10, 1), "new_year": (1, 1)}


class TenantGreetingCampaign(models.Model):
    """Festival greetings (节日问候) e-mailed to residents on a given day, once per person.

    A campaign of the campaign engine: from its sending day, the job greets the next batch of
    residents not greeted yet, and the campaign is done once nobody is left.
    """

    _name = "tenant.greeting.campaign"
    _description = "Greeting Campaign"
    _inherit = [
        "tenant.rule.guard.mixin",
        "tenant.mail.sender.mixin",
        "mail.thread",
        "tenant.audience.mixin",
        "tenant.campaign.mixin",
    ]
    _order = "send_date desc, id desc"
    _campaign_log_model = "tenant.greeting.log"
    _campaign_start_field = "send_date"
    # No sending phase of its own: a campaign reads Scheduled until everyone is greeted, then Done,
    # as users have always seen it.
    _campaign_states = {"draft": "draft", "scheduled": "scheduled", "running": "scheduled", "closed": "done"}

    name = fields.Char(required=True, tracking=True)
    festival = fields.Selection(
        [
            ("spring_festival", "Spring Festival"),
            ("mid_autumn", "Mid-Autumn Festival"),
            ("dragon_boat", "Dragon Boat Festival"),
            ("national_day", "National Day"),
            ("new_year", "New Year's Day"),
            ("other", "Other"),
        ],
        required=True,
        default="spring_festival",
        tracking=True,
    )
    send_date = fields.Date(required=True, tracking=True, help="The day the greetings go out.")
    year = fields.Integer(compute="_compute_year", store=True)
    template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        required=True,
        domain="[('model', '=', 'res.partner')]",
        tracking=True,
    )
    property_ids = fields.Many2many(
        "tenant.property",
        "tenant_greeting_campaign_property_rel",
        "campaign_id",
        "property_id",
        string="Properties",
        domain="[('company_id', '=', company_id)]",
        help="Empty: every property of the company.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("scheduled", "Scheduled"), ("done", "Done")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    log_ids = fields.One2many("tenant.greeting.log", "campaign_id", string="Greetings Sent")
    sent_count = fields.Integer(string="Sent", compute="_compute_sent_count")

    @api.depends("send_date")
    def _compute_year(self):
        for campaign in self:
            campaign.year = campaign.send_date.year if campaign.send_date else 0

    @api.depends("log_ids")
    def _compute_sent_count(self):
        counts = dict(
            self.env["tenant.greeting.log"]._read_group(
                [("campaign_id", "in", self._origin.ids)], ["campaign_id"], ["__count"]
            )
        )
        for campaign in self:
            campaign.sent_count = counts.get(campaign._origin, 0)

    @api.constrains("template_id", "send_date", "for_owners", "for_tenants", "for_residents")
    def _check_ready(self):
        for campaign in self:
            if not campaign.template_id or not campaign.send_date:
                raise ValidationError(
                    self.env._(
                        "The greeting campaign %(campaign)s needs an e-mail template and a sending date.",
                        campaign=campaign.name,
                    )
                )
            if campaign.template_id.model != "res.partner":
                raise ValidationError(
                    self.env._(
                        "The template of the greeting campaign %(campaign)s must be a template on contacts.",
                        campaign=campaign.name,
                    )
                )
            if not campaign._get_audience_roles():
                raise ValidationError(
                    self.env._(
                        "The greeting campaign %(campaign)s has no audience: choose at least one of "
                        "owners, tenants and household members.",
                        campaign=campaign.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # Refuse with a clear message before the database's NOT NULL does with a cryptic one.
        for vals in vals_list:
            missing = [
                field
                for field in ("template_id", "send_date")
                if not (vals.get(field) or self.env.context.get(f"default_{field}"))
            ]
            if missing:
                raise ValidationError(
                    self.env._(
                        "The greeting campaign %(campaign)s needs an e-mail template and a sending date.",
                        campaign=vals.get("name") or "",
                    )
                )
        return super().create(vals_list)

    @api.model
    def _next_festival_date(self, festival, after=None):
        """The next day of ``festival`` after ``after`` (default: today), or False if unknown:
        the first day off of its break in the loaded public holidays, else its own day.

        The demo's campaigns fall on their real festival whenever the demo is installed; a
        customer's addon may use it for a default sending date.
        """
        after = after or fields.Date.context_today(self)
        # The loaded public holidays first: the greeting goes out on the first day off of the
        # festival's break (the State Council's own dates).
        holiday = self.env["tenant.holiday.day"]._tenant_first_day_off(festival, after)
        if holiday:
            return holiday
        if festival in FIXED_FESTIVAL_DAYS:
            month, day = FIXED_FESTIVAL_DAYS[festival]
            this_year = date(after.year, month, day)
            return this_year if this_year > after else date(after.year + 1, month, day)
        days = LUNAR_FESTIVAL_DAYS.get(festival)
        if not days:
            return False
        upcoming = [day for day in days if day > after]
        if upcoming:
            return upcoming[0]
        last = days[-1]
        year = after.year if date(after.year, last.month, last.day) > after else after.year + 1
        return date(year, last.month, last.day)

    # Scheduled action ---------------------------------------------------------------------------

    @api.model
    def _cron_send_greetings(self, batch_size=GREETING_BATCH_SIZE):
        """Send the due campaigns, ``batch_size`` greetings a run (see tenant.campaign.mixin).

        The log makes a rerun harmless: whoever was greeted by a campaign is skipped, and the
        campaign is done once nobody is left. One campaign a run, taken with SKIP LOCKED, so that
        the job reports progress, two workers never greet the same people, and a big campaign
        cannot hold the others' mails back for long.
        """
        return self._cron_campaign_run(batch_size)

    # Campaign engine ----------------------------------------------------------------------------

    def _get_campaign_refusal(self, action):
        if action == "schedule":
            return self.env._("Only a draft greeting campaign can be scheduled.")
        return self.env._("Only a scheduled greeting campaign can go back to draft.")

    def _get_audience_domain(self):
        """Greetings go only to residents who consented and have an e-mail."""
        return [
            *super()._get_audience_domain(),
            ("partner_id.tenant_notification_consent", "=", True),
            ("partner_id.email", "!=", False),
        ]

    def _prepare_campaign_log_sql_values(self, wave):
        return {
            **super()._prepare_campaign_log_sql_values(wave),
            "sent_date": SQL("%s", fields.Date.context_today(self)),
        }

    def _campaign_deliver(self, logs, wave):
        """Queue one greeting per person logged; the template's language ({{ object.lang }})
        renders each in its recipient's language, and the mail queue sends them."""
        # sudo: the job (or a manager) sends; the audience is the campaign's own, and the template
        # is the one its manager chose.
        self.template_id.sudo().send_mail_batch(logs.partner_id.ids)

    def _campaign_on_wave_done(self, wave):
        """Everyone is greeted: the campaign is done."""
        self._campaign_close()
