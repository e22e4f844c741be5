# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

# The lifecycle of every campaign, in order.
CAMPAIGN_PHASES = ("draft", "scheduled", "running", "closed")


class TenantCampaignMixin(models.AbstractModel):
    """A campaign to residents (a notice, festival greetings, a survey) and the engine that runs it.

    Lifecycle: draft → scheduled → running → closed. A scheduled campaign starts when its start
    date comes; while it runs it reaches its audience wave by wave (first send, reminders), in
    batches; it closes on its end date, or once its wave is done (``_campaign_on_wave_done``).

    Who has which wave is kept in a log (``_campaign_log_model``, a tenant.campaign.log.mixin),
    unique on (campaign, person, wave). A batch is the next people of the audience who are not
    in the log for the wave, found and logged in SQL (``INSERT … SELECT … ON CONFLICT DO
    NOTHING`` over an anti-join with a LIMIT, see _campaign_log_audience), and sent in the same
    transaction. So a batch costs the same however much was sent before; a batch cut short by a
    crash leaves no row and is taken again by the next run; and nobody gets a wave twice. The
    jobs take a campaign with ``SELECT … FOR UPDATE SKIP LOCKED``: two workers never send a
    batch of the same campaign at once, and neither waits for the other.

    The inheriting model names its log, start and (optional) end date fields below. Its stored
    states may keep their own names (``_campaign_states`` maps the phases onto them), so that
    what users see, their saved filters and the portal are the same as before the engine; a new
    campaign model keeps the phases' names and labels.
    """

    _name = "tenant.campaign.mixin"
    _description = "Campaign"

    # The log model (a tenant.campaign.log.mixin), e.g. "tenant.greeting.log".
    _campaign_log_model = None
    # The date (or datetime) field at which a scheduled campaign starts: required.
    _campaign_start_field = None
    # The date (or datetime) field at which a campaign closes by itself; None: it never does.
    _campaign_end_field = None
    # Phase -> stored state. Two phases may share a state: a campaign with no visible sending
    # phase shows "scheduled" while it is sent (then there is no start step).
    _campaign_states = dict(zip(CAMPAIGN_PHASES, CAMPAIGN_PHASES, strict=True))

    # The phases' own labels, for a model that keeps them. A method, not a list, so that a model
    # with its own states redefines the field with its list (and its translated labels) cleanly.
    state = fields.Selection(
        selection="_selection_campaign_state",
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
    )

    def _selection_campaign_state(self):
        return [
            ("draft", self.env._("Draft")),
            ("scheduled", self.env._("Scheduled")),
            ("running", self.env._("Running")),
            ("closed", self.env._("Closed")),
        ]

    # Actions ------------------------------------------------------------------------------------

    def action_schedule(self):
        self.check_access("write")
        self._check_campaign_phase("draft", "schedule")
        self._campaign_schedule()
        return True

    def action_draft(self):
        """Take a scheduled campaign back to draft; a running one has reached people already."""
        self.check_access("write")
        self._check_campaign_phase("scheduled", "draft")
        self._campaign_draft()
        return True

    # Scheduled actions --------------------------------------------------------------------------
    # One batch per call, as tenant.profile._cron_plan_profile_reviews: the cron runner commits
    # after each call and calls again at once while _notify_progress says some remain (Odoo 18's
    # ir.cron._run_job), so a job never holds a long transaction and a crash loses one batch.

    @api.model
    def _cron_campaign_lifecycle(self, batch_size=50):
        """Close, then start, the campaigns whose dates have come, ``batch_size`` of each."""
        closing, starting = self._campaign_advance(batch_size)
        full = batch_size in (len(closing), len(starting))
        domain = expression.OR([self._get_campaign_close_domain(), self._get_campaign_start_domain()])
        self.env["ir.cron"]._notify_progress(
            done=len(closing) + len(starting), remaining=self.search_count(domain) if full else 0
        )
        return closing, starting

    @api.model
    def _cron_campaign_send(self, batch_size=500):
        """Send one batch of one running campaign; ``remaining`` counts the campaigns still due."""
        campaign, logs = self._campaign_send_next(batch_size)
        self.env["ir.cron"]._notify_progress(
            done=self._campaign_batch_done(campaign, logs),
            remaining=self.search_count(self._get_campaign_send_domain()),
        )
        return logs

    @api.model
    def _cron_campaign_run(self, batch_size=500):
        """Both: the dates, then one batch; for a campaign model with a single job."""
        closing, starting = self._campaign_advance(batch_size)
        campaign, logs = self._campaign_send_next(batch_size)
        self.env["ir.cron"]._notify_progress(
            done=len(closing) + len(starting) + self._campaign_batch_done(campaign, logs),
            remaining=self.search_count(self._get_campaign_due_domain()),
        )
        return logs

    # Due domains --------------------------------------------------------------------------------

    @api.model
    def _get_campaign_due_domain(self):
        """What the jobs pick: campaigns to close, to start, or with a batch to send."""
        return expression.OR(
            [
                self._get_campaign_close_domain(),
                self._get_campaign_start_domain(),
                self._get_campaign_send_domain(),
            ]
        )

    @api.model
    def _get_campaign_start_domain(self):
        """Scheduled campaigns whose start has come."""
        scheduled = self._campaign_state("scheduled")
        if scheduled == self._campaign_state("running"):
            # No start step: such a campaign is sent while it shows as scheduled.
            return expression.FALSE_DOMAIN
        start = self._campaign_start_field
        return [("state", "=", scheduled), (start, "<=", self._campaign_now(start))]

    @api.model
    def _get_campaign_close_domain(self):
        """Scheduled or running campaigns whose end has come (closed even if never started)."""
        end = self._campaign_end_field
        if not end:
            return expression.FALSE_DOMAIN
        return [
            ("state", "in", self._campaign_states_of("scheduled", "running")),
            (end, "<=", self._campaign_now(end)),
        ]

    @api.model
    def _get_campaign_send_domain(self):
        """Running campaigns with someone left to reach."""
        start = self._campaign_start_field
        return [
            ("state", "=", self._campaign_state("running")),
            (start, "<=", self._campaign_now(start)),
            *self._get_campaign_pending_domain(),
        ]

    @api.model
    def _get_campaign_pending_domain(self):
        """Running campaigns that still have someone to reach.

        By default every running campaign: one that closes when its wave is done (greetings) has
        someone left as long as it runs. One that stays open after its wave (a notice, until it
        expires) narrows this, or the jobs would pick it on every run.
        """
        return []

    # Transitions --------------------------------------------------------------------------------

    def _campaign_schedule(self):
        self.write({"state": self._campaign_state("scheduled")})

    def _campaign_draft(self):
        self.write({"state": self._campaign_state("draft")})

    def _campaign_start(self):
        """Start now: by the job when the start date comes, or by hand before it (the start date
        becomes now). Started again, a running campaign reaches whoever joined its audience
        since, if its start hook reaches the audience (_campaign_on_start)."""
        if not self:
            return
        start = self._campaign_start_field
        now = self._campaign_now(start)
        self.filtered(lambda c: not c[start] or c[start] > now).write({start: now})
        running = self._campaign_state("running")
        self.filtered(lambda c: c.state != running).write({"state": running})
        self._campaign_on_start()

    def _campaign_close(self):
        """Close now: by the job when the end date comes, by hand before it (the end date becomes
        now), or once the wave is done for a campaign that closes then."""
        if not self:
            return
        end = self._campaign_end_field
        if end:
            now = self._campaign_now(end)
            self.filtered(lambda c: not c[end] or c[end] > now).write({end: now})
        closed = self._campaign_state("closed")
        self.filtered(lambda c: c.state != closed).write({"state": closed})
        self._campaign_on_close()

    def _campaign_on_start(self):
        """Hook: what starting does besides the state; by default nothing (the jobs send)."""

    def _campaign_on_close(self):
        """Hook: what closing does besides the state; by default nothing."""

    # Sending ------------------------------------------------------------------------------------

    @api.model
    def _campaign_send_next(self, batch_size):
        """One batch of the first due campaign that no other worker holds: (campaign, its log
        rows of the batch); no campaign if all are held or none is due."""
        campaign = self._campaign_lock(self._get_campaign_send_domain(), limit=1)
        if not campaign:
            return campaign, self.env[self._campaign_log_model]
        return campaign, campaign._campaign_send_batch(batch_size)

    def _campaign_send_batch(self, limit):
        """Send the next batch of the current wave, at most ``limit`` people; return their log
        rows. A batch short of the limit means the wave is done (_campaign_on_wave_done)."""
        self.ensure_one()
        wave = self._get_campaign_wave()
        logs = self._campaign_take_batch(wave, limit)
        if logs:
            self._campaign_deliver(logs, wave)
        if len(logs) < limit:
            self._campaign_on_wave_done(wave)
        return logs

    def _get_campaign_wave(self):
        """The wave a running campaign sends now; a campaign with reminders says when they come."""
        self.ensure_one()
        return "first"

    def _campaign_take_batch(self, wave, limit):
        """The log rows of the next batch: by default the next people of the wave's audience,
        logged now (a campaign that logs its whole audience when it starts takes its rows still
        to be sent instead)."""
        return self._campaign_log_audience(wave, limit)

    def _campaign_deliver(self, logs, wave):
        """Hook: give ``wave`` to the people of ``logs`` (queue their e-mails, open their survey).

        It runs in the transaction that logged them: a crash undoes both, and the next run takes
        the same people again.
        """

    def _campaign_on_wave_done(self, wave):
        """Hook: everyone of the audience has ``wave``; by default the campaign stays open."""

    def _get_campaign_audience(self, wave):
        """Who ``wave`` goes to, as a SQL subquery of partner ids (repeats allowed).

        The first send goes to the current residents that the audience hook
        (tenant.audience.mixin._get_audience_domain) selects, through the ORM, so that an
        override of the hook applies here too; a later wave goes to those who had the first,
        which a campaign may narrow (a survey: those who have not answered).
        """
        self.ensure_one()
        if wave == "first":
            # sudo: the audience is the one the campaign defines, and whoever may run the campaign
            # reaches all of it (staff of one of its properties included); only ids are read.
            query = self.env["tenant.occupancy"].sudo()._search(self._get_audience_domain())
        else:
            Log = self.env[self._campaign_log_model]
            # sudo: the campaign's own log, read to address its next wave; only ids are read.
            query = Log.sudo()._search([(Log._campaign_field, "=", self.id), ("wave", "=", "first")])
        return query.subselect(SQL.identifier(query.table, "partner_id"))

    def _prepare_campaign_log_sql_values(self, wave):
        """Hook: the log's other columns, as SQL expressions that may read ``audience.partner_id``.

        By default its company, a stored related field that the ORM would otherwise have filled.
        """
        self.ensure_one()
        field = self.env[self._campaign_log_model]._fields.get("company_id")
        if field and field.store:
            return {"company_id": SQL("%s", self.company_id.id)}
        return {}

    def _campaign_log_audience(self, wave, limit=None):
        """Log the next ``limit`` people of the wave's audience who do not have it yet (all of
        them when ``limit`` is None); return the new log rows.

        People are taken in the order of their ids. A batch first looks only past the last one
        logged for the wave (the unique index gives it at once), so that it reads as many
        people as it logs whatever was sent before; once that runs short, it sweeps the whole
        audience for whoever it passed by (who joined the audience since: a newcomer, a consent
        given). Whether somebody has the wave is asked of the unique index person by person (a
        LATERAL probe), whatever the planner believes of the log's size: a log grown within a
        job has no statistics yet, and an anti-join planned on none rescans it for every person.
        ON CONFLICT DO NOTHING leaves out anyone another transaction logged meanwhile: nobody
        is logged twice for a wave.

        The rows are written in SQL, behind the ORM: as under sudo, the caller has checked that
        the user may run the campaign.
        """
        self.ensure_one()
        Log = self.env[self._campaign_log_model]
        audience = self._get_campaign_audience(wave)
        this_wave = SQL(
            "%s = %s AND logged.wave = %s",
            SQL.identifier("logged", Log._campaign_field),
            self.id,
            wave,
        )
        # Not yet logged for the wave: "found.hit IS NULL" after this join.
        probe = SQL(
            """LEFT JOIN LATERAL (
                   SELECT 1 AS hit FROM %(log)s AS logged
                    WHERE %(this_wave)s AND logged.partner_id = candidate.partner_id
                    LIMIT 1) AS found ON TRUE""",
            log=SQL.identifier(Log._table),
            this_wave=this_wave,
        )
        self.env.flush_all()
        ids = []
        if limit:
            ids = self._campaign_insert_log(
                wave,
                SQL(
                    """SELECT candidate.partner_id
                         FROM (SELECT DISTINCT audience.partner_id
                                 FROM %(audience)s AS audience(partner_id)
                                WHERE audience.partner_id > COALESCE((
                                      SELECT logged.partner_id FROM %(log)s AS logged
                                       WHERE %(this_wave)s
                                       ORDER BY logged.partner_id DESC LIMIT 1), 0)
                                ORDER BY audience.partner_id
                                LIMIT %(limit)s) AS candidate
                         %(probe)s
                        WHERE found.hit IS NULL""",
                    audience=audience,
                    log=SQL.identifier(Log._table),
                    this_wave=this_wave,
                    limit=limit,
                    probe=probe,
                ),
            )
        if limit is None or len(ids) < limit:
            ids += self._campaign_insert_log(
                wave,
                SQL(
                    """SELECT DISTINCT candidate.partner_id
                         FROM %(audience)s AS candidate(partner_id)
                         %(probe)s
                        WHERE candidate.partner_id IS NOT NULL AND found.hit IS NULL
                        ORDER BY candidate.partner_id
                        LIMIT %(limit)s""",
                    audience=audience,
                    probe=probe,
                    limit=limit and limit - len(ids),
                ),
            )
        # Rows written behind the ORM: forget what it holds of the log, and of the campaigns'
        # fields that read it (the log's one2many, counts).
        Log.invalidate_model()
        self.invalidate_model()
        return Log.browse(sorted(ids))

    def _campaign_insert_log(self, wave, candidates):
        """Log ``wave`` for the people ``candidates`` selects (SQL of partner ids); return the
        ids of the rows written."""
        Log = self.env[self._campaign_log_model]
        now = self.env.cr.now()
        values = {
            Log._campaign_field: SQL("%s", self.id),
            "partner_id": SQL("audience.partner_id"),
            "wave": SQL("%s", wave),
            "create_uid": SQL("%s", self.env.uid),
            "create_date": SQL("%s", now),
            "write_uid": SQL("%s", self.env.uid),
            "write_date": SQL("%s", now),
            **self._prepare_campaign_log_sql_values(wave),
        }
        self.env.cr.execute(
            SQL(
                """INSERT INTO %(log)s (%(columns)s)
                   SELECT %(values)s FROM (%(candidates)s) AS audience
                   ON CONFLICT DO NOTHING
                   RETURNING id""",
                log=SQL.identifier(Log._table),
                columns=SQL(", ").join(SQL.identifier(column) for column in values),
                values=SQL(", ").join(values.values()),
                candidates=candidates,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    # Helpers ------------------------------------------------------------------------------------

    @api.model
    def _campaign_state(self, phase):
        """The stored state of ``phase``."""
        return self._campaign_states[phase]

    @api.model
    def _campaign_states_of(self, *phases):
        return list(dict.fromkeys(self._campaign_states[phase] for phase in phases))

    @api.model
    def _campaign_now(self, field_name):
        """Now, as ``field_name`` compares it: today (the user's day) for a date, else now."""
        if self._fields[field_name].type == "date":
            return fields.Date.context_today(self)
        return fields.Datetime.now()

    @api.model
    def _campaign_batch_done(self, campaign, logs):
        """What a batch did, for the cron's progress: the people reached, or one for a campaign
        found with nobody left. Reported as nothing, the runner would take the job for finished
        and leave the other due campaigns to its next scheduled run."""
        return max(len(logs), len(campaign))

    @api.model
    def _campaign_lock(self, domain, limit=None):
        """The campaigns of ``domain``, oldest start first, that no other transaction holds,
        locked until this one ends. Those held elsewhere are skipped, not waited for: another
        worker is on them."""
        query = self._search(domain, order=f"{self._campaign_start_field}, id", limit=limit)
        if query.is_empty():
            return self.browse()
        rows = self.env.execute_query(
            SQL("%s FOR UPDATE OF %s SKIP LOCKED", query.select(), SQL.identifier(query.table))
        )
        return self.browse(row[0] for row in rows)

    @api.model
    def _campaign_advance(self, batch_size):
        """Close, then start, the campaigns whose dates have come, ``batch_size`` of each:
        closing first, so that a campaign past its end is never started."""
        closing = self._campaign_lock(self._get_campaign_close_domain(), batch_size)
        closing._campaign_close()
        starting = self._campaign_lock(self._get_campaign_start_domain(), batch_size)
        starting._campaign_start()
        return closing, starting

    def _check_campaign_phase(self, phase, action):
        """Refuse ``action`` unless every campaign is in ``phase``."""
        wrong = self.filtered(lambda c: c.state != self._campaign_state(phase))
        if wrong:
            raise UserError(wrong._get_campaign_refusal(action))

    def _get_campaign_refusal(self, action):
        """The message refusing ``action`` ("schedule", "draft") on these campaigns."""
        if action == "schedule":
            return self.env._("Only a draft campaign can be scheduled.")
        return self.env._("Only a scheduled campaign can go back to draft.")
