# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 16: every scheduled action is safe on several workers, and resumes after a kill.

Each job runs on committed data as two cron workers would: in two threads at once, each on its own
connection and transaction (released together by a barrier), and as a late worker whose snapshot
was taken before the other worker ran and committed. However they meet, each mail, point, review,
visit and note exists exactly once: a worker that lost the race skipped the rows the other held, or
rolled back (a serialization failure, or the unique constraint that refused a duplicate), as Odoo's
cron runner rolls back a failed call. Then a job is killed (SIGKILL) in the middle of its second
batch, in a process of its own run by Odoo's own cron runner, and its next run finishes the work
with nothing doubled.
"""

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import namedtuple
from contextlib import contextmanager
from datetime import timedelta

from freezegun import freeze_time
from psycopg2 import errors

from odoo import SUPERUSER_ID, api, fields
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, config, mute_logger

# As Odoo's cron runner (ir.cron._run_job, MAX_BATCH_PER_CRON_JOB): at most this many calls a run.
MAX_CALLS = 10
# What a worker that lost the race meets, and rolls back: a row the other changed since its
# snapshot, a lock cycle, or the unique constraint that refuses a duplicate.
RACE_ERRORS = (errors.SerializationFailure, errors.DeadlockDetected, errors.UniqueViolation)
# Five residents in batches of two: a run takes three batches.
RESIDENTS = 5
BATCH = 2
KILLER = os.path.join(os.path.dirname(__file__), "cron_kill.py")

_logger = logging.getLogger(__name__)

# What one worker did: the targets its calls reported, and the error it rolled back (or None).
Outcome = namedtuple("Outcome", "done error")


class CronWorkersCase(TransactionCase):
    """Jobs run on committed data, on connections of their own.

    Row locks only compete between separate transactions, and a snapshot only goes stale against
    another transaction's commit: the data is committed on cursors this case opens itself (never
    the test's own, which writes nothing), and removed at the end.
    """

    def setUp(self):
        super().setUp()
        self.made = {
            key: [] for key in ("properties", "partners", "tickets", "greetings", "notices", "crons")
        }
        self.params = {}
        self.run_tag = uuid.uuid4().hex[:6]
        self.addCleanup(self.remove_committed)
        # Publishing a notice triggers the mail job: those triggers are removed at the end too.
        [[self.last_trigger]] = self.committed("SELECT COALESCE(max(id), 0) FROM ir_cron_trigger")

    @contextmanager
    def committed_env(self):
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {"tenant_ticket_no_acknowledgement": True})
            cr.commit()  # pylint: disable=invalid-commit

    def committed(self, query, *args):
        with self.registry.cursor() as cr:
            cr.execute(SQL(query, *args))
            return cr.fetchall()

    def set_param(self, env, key, value):
        """Change a setting, committed; the test puts it back at the end."""
        Param = env["ir.config_parameter"]
        self.params.setdefault(key, Param.get_param(key))
        Param.set_param(key, value)

    def residents(self, env, tag, move_in, count=RESIDENTS):
        """``count`` owners since ``move_in`` of a property of their own (which a campaign then
        addresses), one unit each, who consented to notifications and have an e-mail."""
        code = f"NSC-{self.run_tag}-{tag}"  # a property left by an interrupted run is no clash
        prop = env["tenant.property"].create({"name": f"Night Shift Court {tag}", "code": code})
        self.made["properties"].append(prop.id)
        partners = env["res.partner"].create(
            [
                {"name": f"{tag} {n}", "email": f"{tag}.{n}@example.com", "tenant_notification_consent": True}
                for n in range(count)
            ]
        )
        self.made["partners"] += partners.ids
        units = env["tenant.unit"].create(
            [
                {"property_id": prop.id, "building": tag, "number": str(n), "code": f"{tag}-{n}"}
                for n in range(count)
            ]
        )
        env["tenant.occupancy"].create(
            [
                {"unit_id": unit.id, "partner_id": partner.id, "role": "owner", "move_in_date": move_in}
                for unit, partner in zip(units, partners, strict=True)
            ]
        )
        return partners

    def remove_committed(self):
        with self.committed_env() as env:
            partners = env["res.partner"].browse(self.made["partners"]).exists()
            mails = env["mail.mail"].search([("recipient_ids", "in", partners.ids)])
            messages = mails.mail_message_id
            mails.unlink()
            messages.exists().unlink()
            # Through the ORM, which takes their activities and messages with them.
            env["tenant.visit"].search([("partner_id", "in", partners.ids)]).unlink()
            env["tenant.profile"].search([("partner_id", "in", partners.ids)]).unlink()
            env["tenant.ticket"].browse(self.made["tickets"]).exists().unlink()
            env["tenant.greeting.campaign"].browse(self.made["greetings"]).exists().unlink()
            env["tenant.notice"].browse(self.made["notices"]).exists().unlink()
            env["loyalty.card"].search([("partner_id", "in", partners.ids)]).unlink()
            env["ir.cron.trigger"].search([("id", ">", self.last_trigger)]).unlink()
            crons = env["ir.cron"].browse(self.made["crons"]).exists()
            actions = crons.ir_actions_server_id
            crons.unlink()
            actions.unlink()
            env["tenant.occupancy"].search([("partner_id", "in", partners.ids)]).unlink()
            properties = env["tenant.property"].browse(self.made["properties"])
            properties.unit_ids.unlink()
            properties.unlink()
            partners.unlink()
            for key, value in self.params.items():
                env["ir.config_parameter"].set_param(key, value)

    # Due data ------------------------------------------------------------------------------------

    def due_greeting(self, env):
        """A greeting campaign due today for five new residents; returns them."""
        partners = self.residents(env, f"G{len(self.made['greetings'])}", "2024-01-01")
        campaign = env["tenant.greeting.campaign"].create(
            {
                "name": "Mid-Autumn",
                "send_date": fields.Date.context_today(env.user),
                "template_id": env.ref("tenant_relations.mail_template_greeting_mid_autumn").id,
                "property_ids": [(6, 0, partners.tenant_unit_ids.property_id.ids)],
                "state": "scheduled",
            }
        )
        self.made["greetings"].append(campaign.id)
        return partners.ids

    def notice(self, env, tag):
        """A notice to five new residents, not published yet; returns (notice, residents)."""
        partners = self.residents(env, tag, "2024-01-01")
        notice = env["tenant.notice"].create(
            {"name": "Water cut", "property_ids": [(6, 0, partners.tenant_unit_ids.property_id.ids)]}
        )
        self.made["notices"].append(notice.id)
        return notice, partners

    def due_notice_mails(self, env):
        """A notice just published to five new residents; returns them."""
        notice, partners = self.notice(env, f"M{len(self.made['notices'])}")
        notice.action_publish()
        return partners.ids

    def due_tenure(self, env):
        """Five owners whose first full year in their unit has come; returns them."""
        today = fields.Date.context_today(env.user)
        # Moved in thirteen months ago, recorded two months later: the first full year came a
        # month ago, and counts.
        with freeze_time(today - timedelta(days=330)):
            partners = self.residents(env, f"T{len(self.made['partners'])}", today - timedelta(days=365 + 30))
        return partners.ids

    def due_profiles(self, env):
        """Five owners without a profile, never reviewed; returns them."""
        return self.residents(env, f"P{len(self.made['partners'])}", "2024-01-01").ids

    # Effects, as committed -------------------------------------------------------------------------

    def count(self, query, *args):
        return dict(self.committed(query, *args))

    def mails_to(self, partner_ids, model):
        """{person: e-mails queued to them about a record of ``model``}."""
        return self.count(
            "SELECT rel.res_partner_id, count(*) FROM mail_mail_res_partner_rel AS rel"
            " JOIN mail_mail AS mail ON mail.id = rel.mail_mail_id"
            " JOIN mail_message AS msg ON msg.id = mail.mail_message_id"
            " WHERE rel.res_partner_id IN %s AND msg.model = %s GROUP BY 1",
            tuple(partner_ids),
            model,
        )

    def greeted(self, partner_ids):
        """{person: greetings}, checking that each greeting logged was e-mailed."""
        logs = self.count(
            "SELECT partner_id, count(*) FROM tenant_greeting_log WHERE partner_id IN %s GROUP BY 1",
            tuple(partner_ids),
        )
        self.assertEqual(self.mails_to(partner_ids, "res.partner"), logs, "one e-mail per greeting logged")
        return logs

    def notice_mailed(self, partner_ids):
        """{person: notice e-mails}, checking that the recipient rows say so."""
        mails = self.mails_to(partner_ids, "tenant.notice.recipient")
        sent = self.count(
            "SELECT partner_id, count(*) FROM tenant_notice_recipient"
            " WHERE partner_id IN %s AND sent AND NOT mail_pending GROUP BY 1",
            tuple(partner_ids),
        )
        self.assertEqual(sent, mails, "the recipients e-mailed are marked sent")
        return mails

    def awarded(self, partner_ids):
        """{person: tenure ledger lines}, checking that each card holds one year's points."""
        lines = self.count(
            "SELECT card.partner_id, count(*) FROM loyalty_history AS line"
            " JOIN loyalty_card AS card ON card.id = line.card_id"
            " WHERE card.partner_id IN %s AND line.issued > 0 GROUP BY 1",
            tuple(partner_ids),
        )
        with self.registry.cursor() as cr:
            points = api.Environment(cr, SUPERUSER_ID, {})["res.partner"]._tenant_rule_points("tenure")
        cards = self.count(
            "SELECT partner_id, points FROM loyalty_card WHERE partner_id IN %s", tuple(partner_ids)
        )
        self.assertEqual(cards, {partner: points * count for partner, count in lines.items()})
        return lines

    def reviews(self, partner_ids):
        """{person: review activities on their profile}, checking that each has one profile."""
        profiles = self.count(
            "SELECT partner_id, count(*) FROM tenant_profile WHERE partner_id IN %s GROUP BY 1",
            tuple(partner_ids),
        )
        activities = self.count(
            "SELECT profile.partner_id, count(*) FROM mail_activity AS activity"
            " JOIN tenant_profile AS profile ON profile.id = activity.res_id"
            " WHERE activity.res_model = 'tenant.profile' AND profile.partner_id IN %s GROUP BY 1",
            tuple(partner_ids),
        )
        self.assertEqual(profiles, dict.fromkeys(activities, 1), "one profile for each one reviewed")
        return activities

    # Workers ------------------------------------------------------------------------------------

    def run_like_odoo(self, env, job):
        """Run ``job`` as Odoo's cron runner does: call it, commit, and call it again while it did
        something (at most MAX_CALLS times); a call that fails is rolled back and ends the run."""
        done = 0
        for _call in range(MAX_CALLS):
            try:
                did = job(env)
                env.cr.commit()  # pylint: disable=invalid-commit
            except RACE_ERRORS as error:
                env.cr.rollback()
                return Outcome(done, f"{error.pgcode} {error.diag.constraint_name or ''}".strip())
            if not did:
                break
            done += did
        return Outcome(done, None)

    @contextmanager
    def worker_envs(self, count):
        """``count`` environments on connections of their own, made in the test's thread (which
        holds the registry's lock: making one in a worker's thread would wait for it)."""
        cursors = [self.registry.cursor() for _n in range(count)]
        try:
            for cr in cursors:
                # A worker that waits on a lock fails after a while rather than hanging the run.
                cr.execute("SET lock_timeout = '30s'")
                cr.commit()  # pylint: disable=invalid-commit
            yield [api.Environment(cr, SUPERUSER_ID, {}) for cr in cursors]
        finally:
            for cr in cursors:
                cr.close()

    def at_once(self, job, count=2):
        """``count`` workers start ``job`` at the same instant, each on a snapshot taken before any
        of them worked; returns their outcomes."""
        barrier = threading.Barrier(count, timeout=60)
        outcomes, failures = [None] * count, []
        with self.worker_envs(count) as envs, mute_logger("odoo.sql_db"):

            def work(n):
                # As Odoo's test server threads: a mail sent after commit is not sent.
                threading.current_thread().testing = True
                env = envs[n]
                try:
                    env.cr.execute("SELECT 1")  # this transaction's snapshot
                    barrier.wait()
                    outcomes[n] = self.run_like_odoo(env, job)
                except Exception as error:  # reported in the test's thread below
                    barrier.abort()
                    failures.append(error)
                    env.cr.rollback()

            threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        self.assertEqual(failures, [])
        self.assertNotIn(None, outcomes, "every worker finished")
        return outcomes

    def late(self, job):
        """A worker reads before another runs ``job`` and commits, then runs it on what it read;
        returns both outcomes."""
        with self.worker_envs(2) as (first, late), mute_logger("odoo.sql_db"):
            late.cr.execute("SELECT 1")  # the late worker's snapshot, before the other's work
            ran = self.run_like_odoo(first, job)
            return ran, self.run_like_odoo(late, job)

    def drain(self, job):
        """The next scheduled run, once the workers are done: whatever is left."""
        with self.worker_envs(1) as (env,):
            outcome = self.run_like_odoo(env, job)
        self.assertIsNone(outcome.error)
        return outcome.done

    def assertOnce(self, make_due, job, effects):
        """Each target handled exactly once, however two workers meet.

        ``make_due(env)`` writes due targets and returns their keys; ``job(env)`` is one call of
        the scheduled action, returning how many targets it handled; ``effects(keys)`` reads the
        committed effects, {key: how many times}.
        """
        for scenario in ("at once", "late"):
            with self.subTest(scenario=scenario):
                with self.committed_env() as env:
                    keys = make_due(env)
                if scenario == "at once":
                    outcomes = self.at_once(job)
                else:
                    outcomes = self.late(job)
                    self.assertEqual(
                        outcomes[1].done, 0, f"the late worker handles nothing again: {outcomes}"
                    )
                drained = self.drain(job)
                _logger.info(
                    "%s, %s: %s, then the next run %s", self._testMethodName, scenario, outcomes, drained
                )
                done = sum(outcome.done for outcome in outcomes) + drained
                self.assertEqual(effects(keys), dict.fromkeys(keys, 1))
                self.assertEqual(done, len(keys), f"each target reported by one worker only: {outcomes}")


@tagged("post_install", "-at_install")
class TestCronWorkers(CronWorkersCase):
    def test_greetings_go_once_to_each(self):
        self.assertOnce(
            self.due_greeting,
            lambda env: len(env["tenant.greeting.campaign"]._cron_send_greetings(batch_size=BATCH)),
            self.greeted,
        )

    def test_notice_mails_go_once_to_each(self):
        self.assertOnce(
            self.due_notice_mails,
            lambda env: len(env["tenant.notice.recipient"]._cron_send_notice_mails(batch_size=BATCH)),
            self.notice_mailed,
        )

    def test_scheduled_notices_reach_each_once(self):
        def make_due(env):
            notice, partners = self.notice(env, f"N{len(self.made['notices'])}")
            notice.write({"publish_date": fields.Datetime.now() + timedelta(hours=1)})
            notice.action_schedule()
            notice.write({"publish_date": fields.Datetime.now() - timedelta(minutes=1)})
            return partners.ids

        def publish(env):
            """The job reports the people the notices it published reach."""
            closing, starting = env["tenant.notice"]._cron_publish_due(batch_size=BATCH)
            return len(starting.recipient_ids) + len(closing)

        def reached(partner_ids):
            return self.count(
                "SELECT partner_id, count(*) FROM tenant_notice_recipient WHERE partner_id IN %s GROUP BY 1",
                tuple(partner_ids),
            )

        self.assertOnce(make_due, publish, reached)

    def test_tenure_points_once_a_year(self):
        self.assertOnce(
            self.due_tenure,
            lambda env: len(env["tenant.occupancy"]._cron_award_tenure_points(batch_size=BATCH)),
            self.awarded,
        )

    @staticmethod
    def plan_reviews(env):
        return len(env["tenant.profile"]._cron_plan_profile_reviews(batch_size=BATCH))

    def test_profile_reviews_planned_once(self):
        def make_due(env):
            partners = self.residents(env, f"R{len(self.made['partners'])}", "2024-01-01")
            # Reviewed two quarters ago: whoever reviews them (the administrator, for a property
            # without a manager) follows their profile since.
            last_review = fields.Date.context_today(env.user) - timedelta(days=200)
            profiles = env["tenant.profile"].create(
                [{"partner_id": partner.id, "last_review_date": last_review} for partner in partners]
            )
            profiles.message_subscribe(env.ref("base.user_admin").partner_id.ids)
            return partners.ids

        self.assertOnce(make_due, self.plan_reviews, self.reviews)

    def test_new_residents_get_one_profile_and_one_review(self):
        self.assertOnce(self.due_profiles, self.plan_reviews, self.reviews)

    def test_return_visits_planned_once(self):
        def make_due(env):
            tag = f"V{len(self.made['partners'])}"
            today = fields.Date.context_today(env.user)
            newcomers = self.residents(env, f"{tag}n", today - timedelta(days=10), count=3)
            owners = self.residents(env, f"{tag}o", "2024-01-01", count=3)
            # Two tickets closed while the visit after a ticket was switched off: the job plans
            # their visit (its safety net).
            self.set_param(env, "tenant_relations.visit_ticket_enabled", "False")
            tickets = env["tenant.ticket"].create(
                [
                    {"name": "Door lock", "partner_id": owner.id, "unit_id": owner.tenant_unit_ids.id}
                    for owner in owners[:2]
                ]
            )
            self.made["tickets"] += tickets.ids
            tickets.write({"stage_id": env.ref("tenant_relations.tenant_ticket_stage_closed").id})
            env["ir.config_parameter"].set_param("tenant_relations.visit_ticket_enabled", "True")
            return [
                *((partner, "move_in") for partner in newcomers.ids),
                *((partner, "periodic") for partner in owners.ids),
                *((partner, "ticket") for partner in owners[:2].ids),
            ]

        def planned(keys):
            partners = tuple({partner for partner, _kind in keys})
            visits = self.committed(
                "SELECT partner_id, kind, count(*) FROM tenant_visit WHERE partner_id IN %s GROUP BY 1, 2",
                partners,
            )
            activities = self.count(
                "SELECT visit.id, count(*) FROM tenant_visit AS visit"
                " LEFT JOIN mail_activity AS activity"
                " ON activity.res_model = 'tenant.visit' AND activity.res_id = visit.id"
                " WHERE visit.partner_id IN %s GROUP BY 1",
                partners,
            )
            self.assertEqual(set(activities.values()), {1}, "one activity per visit")
            return {(partner, kind): count for partner, kind, count in visits}

        self.assertOnce(
            make_due,
            lambda env: len(env["tenant.visit"]._cron_plan_visits(batch_size=BATCH)),
            planned,
        )

    def test_sla_warnings_once(self):
        def make_due(env):
            partners = self.residents(env, f"S{len(self.made['partners'])}", "2024-01-01")
            # Urgent (a leak): the warning comes at half of the 30 minutes, 20 minutes ago it began.
            with freeze_time(fields.Datetime.now() - timedelta(minutes=20)):
                tickets = env["tenant.ticket"].create(
                    [
                        {
                            "name": "Water from the ceiling",
                            "partner_id": partner.id,
                            "unit_id": partner.tenant_unit_ids.id,
                            "category_id": env.ref("tenant_relations.tenant_ticket_category_water_leak").id,
                        }
                        for partner in partners
                    ]
                )
            self.made["tickets"] += tickets.ids
            return tickets.ids

        def escalate(env):
            breached, warned = env["tenant.ticket.sla"]._cron_escalate(batch_size=BATCH)
            return len(breached) + len(warned)

        def warned(ticket_ids):
            return self.count(
                "SELECT res_id, count(*) FROM mail_message WHERE model = 'tenant.ticket' AND res_id IN %s"
                " AND body::text LIKE %s GROUP BY 1",
                tuple(ticket_ids),
                "%will be breached%",
            )

        self.assertOnce(make_due, escalate, warned)


@tagged("post_install", "-at_install")
class TestCronKilled(CronWorkersCase):
    """A job killed in the middle of a batch loses that batch only, and its next run finishes the
    work with nothing doubled.

    The job runs through Odoo's own cron runner (ir.cron._process_job: one transaction per batch,
    committed between batches while _notify_progress says some remain) in a process of its own,
    which a hook kills with SIGKILL in the second batch, once the batch's work is written in its
    transaction (flushed, not committed). Its next run is Odoo's runner again, in this process.
    """

    def cron(self, model, code):
        """A scheduled action running ``code`` on ``model``, due now."""
        with self.committed_env() as env:
            cron = env["ir.cron"].create(
                {
                    "name": f"Killed in its second batch: {code}",
                    "model_id": env["ir.model"]._get_id(model),
                    "state": "code",
                    "code": code,
                    "interval_number": 1,
                    "interval_type": "days",
                    "nextcall": fields.Datetime.now() - timedelta(minutes=1),
                }
            )
            self.made["crons"].append(cron.id)
            return cron.id

    def run_killed(self, cron_id, hook_model, hook):
        """Run the job in a process of its own, killed in the second call of ``hook_model.hook``."""
        options = [f"--addons-path={config['addons_path']}", f"--data-dir={config['data_dir']}"]
        options += [f"--{key}={config[key]}" for key in ("db_host", "db_port", "db_user") if config[key]]
        spec = {
            "options": options,
            "db": self.env.cr.dbname,
            "cron_id": cron_id,
            "hook_model": hook_model,
            "hook": hook,
            "kill_at": 2,
        }
        env = dict(os.environ, PGPASSWORD=config["db_password"] or "")
        killed = subprocess.run(
            [sys.executable, KILLER, json.dumps(spec)],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
            check=False,
        )
        self.assertEqual(
            killed.returncode, -signal.SIGKILL, f"killed in its second batch:\n{killed.stderr[-3000:]}"
        )

    def run_next(self, cron_id):
        """The job's next run, by Odoo's cron runner in this process, as a cron worker takes it."""
        IrCron = self.registry["ir.cron"]
        db = db_connect(self.env.cr.dbname)
        deadline = time.monotonic() + 60
        while True:
            with db.cursor() as cron_cr:
                job = IrCron._acquire_one_job(cron_cr, cron_id)
                if job:
                    IrCron._process_job(db, cron_cr, job)
                    return
            # The killed process's connection held the job: PostgreSQL lets it go once it notices.
            self.assertLess(time.monotonic(), deadline, "the killed run released the job")
            time.sleep(0.2)

    def assertResumes(self, make_due, model, code, hook_model, hook, effects):
        with self.committed_env() as env:
            keys = make_due(env)
        cron_id = self.cron(model, code)
        self.run_killed(cron_id, hook_model, hook)
        first = effects(keys)
        self.assertEqual(len(first), BATCH, "the first batch was committed, the second lost")
        self.assertEqual(set(first.values()), {1})
        self.run_next(cron_id)
        self.assertEqual(effects(keys), dict.fromkeys(keys, 1))
        _logger.info(
            "%s: killed in its second batch with %s of %s committed; its next run did the other %s",
            self._testMethodName,
            len(first),
            len(keys),
            len(keys) - len(first),
        )

    def test_killed_greetings_resume(self):
        self.assertResumes(
            self.due_greeting,
            "tenant.greeting.campaign",
            f"model._cron_send_greetings(batch_size={BATCH})",
            "tenant.greeting.campaign",
            "_campaign_deliver",
            self.greeted,
        )

    def test_killed_notice_mails_resume(self):
        self.assertResumes(
            self.due_notice_mails,
            "tenant.notice.recipient",
            f"model._cron_send_notice_mails(batch_size={BATCH})",
            "tenant.notice.recipient",
            "_send_notice_mail",
            self.notice_mailed,
        )

    def test_killed_tenure_points_resume(self):
        self.assertResumes(
            self.due_tenure,
            "tenant.occupancy",
            f"model._cron_award_tenure_points(batch_size={BATCH})",
            "res.partner",
            "_tenant_award_rule",
            self.awarded,
        )

    def test_killed_profile_reviews_resume(self):
        self.assertResumes(
            self.due_profiles,
            "tenant.profile",
            f"model._cron_plan_profile_reviews(batch_size={BATCH})",
            "mail.activity",
            "_tenant_create_for_assignees",
            self.reviews,
        )
