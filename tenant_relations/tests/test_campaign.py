# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 14: one campaign engine under the notices and the greetings.

Due domains, a wave sent once per person, batches whose queries do not grow with their size,
two workers at once, a crash in the middle, and the logs of 18.0.1.5.0 after the upgrade.
"""

from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger
from odoo.tools.sql import add_constraint, constraint_definition, create_index, drop_constraint, index_exists

from .common import TenantRelationsCase, migration_script

# The queries of one batch of the greeting sender and of the notice mail job, whether the batch
# holds 10 or 50 people: none of them runs per person.
GREETING_BATCH_QUERIES = 18
NOTICE_BATCH_QUERIES = 15


class FetchRecorder:
    """A database cursor that notes how many rows each query brought back."""

    def __init__(self, cursor):
        self._cursor = cursor
        self.sizes = []

    def fetchall(self):
        rows = self._cursor.fetchall()
        self.sizes.append(len(rows))
        return rows

    def fetchone(self):
        row = self._cursor.fetchone()
        self.sizes.append(int(row is not None))
        return row

    def __getattr__(self, name):
        return getattr(self._cursor, name)


def make_residents(env, prop, count, tag):
    """``count`` owners of ``prop`` who consented to notifications and have an e-mail."""
    partners = env["res.partner"].create(
        [
            {"name": f"{tag} {n}", "email": f"{tag}.{n}@example.com", "tenant_notification_consent": True}
            for n in range(count)
        ]
    )
    units = env["tenant.unit"].create(
        [
            {"property_id": prop.id, "building": tag, "number": str(n), "code": f"{tag}-{n}"}
            for n in range(count)
        ]
    )
    env["tenant.occupancy"].create(
        [
            {"unit_id": unit.id, "partner_id": partner.id, "role": "owner", "move_in_date": "2024-01-01"}
            for unit, partner in zip(units, partners, strict=True)
        ]
    )
    return partners


@tagged("post_install", "-at_install")
class TestCampaignEngine(TenantRelationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("tenant_relations.mail_template_greeting_spring_festival")
        cls.residents_a = make_residents(cls.env, cls.property_a, 3, "A")

    def greeting(self, prop=None, **vals):
        return self.env["tenant.greeting.campaign"].create(
            {
                "name": "Spring Festival 2027",
                "send_date": "2027-02-06",
                "template_id": self.template.id,
                "property_ids": [(6, 0, (prop or self.property_a).ids)],
                **vals,
            }
        )

    def notice(self, prop=None, **vals):
        return self.env["tenant.notice"].create(
            {"name": "Lift maintenance", "property_ids": [(6, 0, (prop or self.property_a).ids)], **vals}
        )

    def due(self, records):
        Model = self.env[records._name]
        return Model.search(Model._get_campaign_due_domain()) & records

    # The due domain -----------------------------------------------------------------------------

    def test_greetings_due_on_their_day_until_done(self):
        draft = self.greeting()
        today, tomorrow, yesterday, done = (self.greeting() for _n in range(4))
        (today | tomorrow | yesterday | done).action_schedule()
        tomorrow.send_date = "2027-02-07"
        yesterday.send_date = "2027-02-05"
        done.write({"state": "done"})
        with freeze_time("2027-02-06"):
            self.assertEqual(self.due(draft | today | tomorrow | yesterday | done), today | yesterday)
            # One campaign a run, the oldest first; then nothing is due.
            Campaign = self.env["tenant.greeting.campaign"]
            self.assertEqual(Campaign._cron_send_greetings().campaign_id, yesterday)
            self.assertEqual(Campaign._cron_send_greetings().campaign_id, today)
            self.assertFalse(self.due(draft | today | tomorrow | yesterday | done))
        self.assertEqual((today.state, yesterday.state, tomorrow.state), ("done", "done", "scheduled"))

    def test_notices_due_to_publish_to_mail_and_to_expire(self):
        with freeze_time("2026-03-01 08:00:00"):
            draft = self.notice(publish_date="2026-03-01 07:00:00")
            future = self.notice(publish_date="2026-03-02 00:00:00")
            future.action_schedule()
            to_publish = self.notice(publish_date="2026-03-01 12:00:00")
            to_publish.action_schedule()
            mailing, mailed = self.notice(), self.notice()
            (mailing | mailed).action_publish()
            to_expire = self.notice(expiry_date="2026-03-01 10:00:00")
            to_expire.action_publish()
            expired = self.notice()
            expired.action_publish()
        with freeze_time("2026-03-01 09:00:00"):
            expired.action_expire()
        mailed.recipient_ids.write({"mail_pending": False, "sent": True})
        to_expire.recipient_ids.write({"mail_pending": False})
        notices = draft | future | to_publish | mailing | mailed | to_expire | expired
        Notice = self.env["tenant.notice"]
        with freeze_time("2026-03-01 12:30:00"):
            self.assertEqual(self.due(notices), to_publish | mailing | to_expire)
            self.assertEqual(Notice.search(Notice._get_campaign_start_domain()) & notices, to_publish)
            self.assertEqual(Notice.search(Notice._get_campaign_send_domain()) & notices, mailing)
            self.assertEqual(Notice.search(Notice._get_campaign_close_domain()) & notices, to_expire)

    # Waves --------------------------------------------------------------------------------------

    def test_a_wave_is_logged_once_per_person(self):
        campaign = self.greeting()
        first = campaign._campaign_log_audience("first")
        self.assertEqual(first.partner_id, self.residents_a)
        self.assertEqual(set(first.mapped("wave")), {"first"})
        self.assertFalse(campaign._campaign_log_audience("first"), "everyone has the first send")
        # A reminder goes to those who had the first send, once, beside it.
        reminder = campaign._campaign_log_audience("reminder")
        self.assertEqual(reminder.partner_id, self.residents_a)
        self.assertEqual(set(reminder.mapped("wave")), {"reminder"})
        self.assertFalse(campaign._campaign_log_audience("reminder"))
        self.assertEqual(len(campaign.log_ids), 6)
        # Somebody moved in since: the first send reaches only them.
        newcomer = make_residents(self.env, self.property_a, 1, "N")
        self.assertEqual(campaign._campaign_log_audience("first").partner_id, newcomer)
        self.assertEqual(campaign.sent_count, 7, "the ORM sees the rows written in SQL")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["tenant.greeting.log"].create(
                {"campaign_id": campaign.id, "partner_id": newcomer.id, "wave": "first"}
            )

    def test_batches_follow_the_log_and_the_domain_hook(self):
        """The next batch is whoever the audience hook selects and the log lacks: an override
        of the hook narrows the greeting's audience too."""
        campaign = self.greeting()
        self.assertEqual(len(campaign._campaign_send_batch(2)), 2)
        self.assertEqual(campaign.state, "draft", "a full batch: more may be left")
        last = self.residents_a - campaign.log_ids.partner_id
        Campaign = type(campaign)
        narrowed = Campaign._get_audience_domain

        def only_first_two(record):
            return [*narrowed(record), ("partner_id", "not in", last.ids)]

        with patch.object(Campaign, "_get_audience_domain", only_first_two):
            self.assertFalse(campaign._campaign_send_batch(2))
        self.assertEqual(campaign.state, "done", "nobody left in the audience: done")
        self.assertEqual(campaign.log_ids.partner_id, self.residents_a - last)

    def test_notices_published_together_each_follow_the_domain_hook(self):
        """An override of the audience hook holds when several notices are published at once
        (their shared search was once split by a Python copy of the domain that ignored it)."""
        everyone, narrowed = self.notice(name="Everyone"), self.notice(name="Narrowed")
        left_out = self.residents_a[0]
        Notice = type(everyone)
        hook = Notice._get_audience_domain

        def narrow(notice):
            domain = hook(notice)
            return [*domain, ("partner_id", "!=", left_out.id)] if notice.name == "Narrowed" else domain

        with patch.object(Notice, "_get_audience_domain", narrow):
            (everyone | narrowed).action_publish()
        self.assertEqual(everyone.recipient_ids.partner_id, self.residents_a)
        self.assertEqual(narrowed.recipient_ids.partner_id, self.residents_a - left_out)

    def test_greeting_batch_fetches_no_more_than_the_batch(self):
        """The next batch is found in SQL: however many were greeted before, no query of a batch
        brings more rows back than the batch holds (the sender once read its whole audience and
        its whole log for every batch)."""
        prop = self.env["tenant.property"].create({"name": "Forty-five", "code": "F45"})
        make_residents(self.env, prop, 45, "F")
        campaign = self.greeting(prop)
        self.assertEqual(len(campaign._campaign_send_batch(40)), 40)
        self.env.invalidate_all()
        recorder = FetchRecorder(self.env.cr._obj)
        with patch.object(self.env.cr, "_obj", recorder):
            logs = campaign._campaign_send_batch(5)
        self.assertEqual(len(logs), 5)
        self.assertLessEqual(max(recorder.sizes), 5)

    # Queries of a batch -------------------------------------------------------------------------

    def by_size(self, prefix, campaign_for):
        """A property of 10 residents and one of 50, each with the campaign ``campaign_for(prop)``
        makes for it: {10: campaign, 50: campaign}."""
        campaigns = {}
        for size, name, code in ((10, "Ten", "TEN"), (50, "Fifty", "FIFTY")):
            prop = self.env["tenant.property"].create({"name": name, "code": code})
            make_residents(self.env, prop, size, f"{prefix}{size}")
            campaigns[size] = campaign_for(prop)
        return campaigns

    def test_greeting_batch_queries_do_not_grow_with_its_size(self):
        """10 and 50 people: within one chunk of Odoo's send_mail_batch (mail.batch_size, 50);
        past it, its own queries come once per 50 people."""
        campaigns = self.by_size("G", self.greeting)
        self.greeting()._campaign_send_batch(3)  # warm-up
        for size, campaign in campaigns.items():
            self.env.invalidate_all()
            # A full batch: the steady state of a campaign being sent.
            with self.subTest(size=size), self.assertQueryCount(__system__=GREETING_BATCH_QUERIES):
                logs = campaign._campaign_send_batch(size)
                self.env.flush_all()
            self.assertEqual(len(logs), size)
            self.assertEqual(campaign.sent_count, size)

    def test_notice_batch_queries_do_not_grow_with_its_size(self):
        notices = self.by_size("N", self.notice)
        warm_up = self.notice()
        (warm_up | notices[10] | notices[50]).action_publish()
        warm_up._campaign_send_batch(100)
        for size, notice in notices.items():
            self.env.invalidate_all()
            with self.subTest(size=size), self.assertQueryCount(__system__=NOTICE_BATCH_QUERIES):
                recipients = notice._campaign_send_batch(100)
                self.env.flush_all()
            self.assertEqual(len(recipients), size)
            self.assertEqual(notice.sent_count, size)


@tagged("post_install", "-at_install")
class TestCampaignWorkers(TransactionCase):
    """Two workers at once, and a crash between batches, on committed data.

    Row locks only compete between separate transactions: the data is committed and the workers
    run on cursors this test opens itself (never the test's own, which writes nothing), and the
    test removes what it committed.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            prop = env["tenant.property"].create({"name": "Two Workers Court", "code": "TWC"})
            partners = make_residents(env, prop, 5, "W")
            greeting = env["tenant.greeting.campaign"].create(
                {
                    "name": "Mid-Autumn",
                    "send_date": "2026-01-01",
                    "template_id": env.ref("tenant_relations.mail_template_greeting_mid_autumn").id,
                    "property_ids": [(6, 0, prop.ids)],
                    "state": "scheduled",
                }
            )
            notice = env["tenant.notice"].create({"name": "Water cut", "property_ids": [(6, 0, prop.ids)]})
            self.ids = {
                "prop": prop.id,
                "partners": partners.ids,
                "greeting": greeting.id,
                "notice": notice.id,
            }
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self.remove_committed)

    def remove_committed(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partners = env["res.partner"].browse(self.ids["partners"])
            mails = env["mail.mail"].search([("recipient_ids", "in", partners.ids)])
            messages = mails.mail_message_id
            mails.unlink()
            messages.exists().unlink()
            env["tenant.greeting.campaign"].browse(self.ids["greeting"]).unlink()
            env["tenant.notice"].browse(self.ids["notice"]).unlink()
            prop = env["tenant.property"].browse(self.ids["prop"])
            env["tenant.occupancy"].search([("partner_id", "in", partners.ids)]).unlink()
            prop.unit_ids.unlink()
            prop.unlink()
            partners.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def committed(self, query, *args):
        with self.registry.cursor() as cr:
            cr.execute(SQL(query, *args))
            return cr.fetchall()

    def greetings_sent(self):
        """Per person, the greetings logged and e-mailed, as committed."""
        logs = dict(
            self.committed(
                "SELECT partner_id, count(*) FROM tenant_greeting_log"
                " WHERE campaign_id = %s GROUP BY partner_id",
                self.ids["greeting"],
            )
        )
        mails = dict(
            self.committed(
                "SELECT rel.res_partner_id, count(*) FROM mail_mail_res_partner_rel AS rel"
                " JOIN mail_mail AS mail ON mail.id = rel.mail_mail_id"
                " JOIN mail_message AS msg ON msg.id = mail.mail_message_id"
                " WHERE rel.res_partner_id IN %s AND msg.model = 'res.partner' GROUP BY rel.res_partner_id",
                tuple(self.ids["partners"]),
            )
        )
        return logs, mails

    def test_two_greeting_senders_at_once_never_greet_twice(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            Campaign1 = api.Environment(cr1, SUPERUSER_ID, {})["tenant.greeting.campaign"]
            Campaign2 = api.Environment(cr2, SUPERUSER_ID, {})["tenant.greeting.campaign"]
            self.assertEqual(len(Campaign1._cron_send_greetings(batch_size=3)), 3)
            # Worker 2 runs while worker 1 holds the campaign (FOR UPDATE): it skips it.
            self.assertFalse(Campaign2._cron_send_greetings(batch_size=3))
            cr1.commit()  # pylint: disable=invalid-commit
            cr2.rollback()
            # Worker 2 again, after worker 1 committed: the rest, and only the rest.
            self.assertEqual(len(Campaign2._cron_send_greetings(batch_size=3)), 2)
            cr2.commit()  # pylint: disable=invalid-commit
            self.assertFalse(Campaign1._cron_send_greetings(batch_size=3))
            cr1.commit()  # pylint: disable=invalid-commit
        everyone = dict.fromkeys(self.ids["partners"], 1)
        self.assertEqual(self.greetings_sent(), (everyone, everyone))
        [[state]] = self.committed(
            "SELECT state FROM tenant_greeting_campaign WHERE id = %s", self.ids["greeting"]
        )
        self.assertEqual(state, "done")

    def test_two_notice_mail_jobs_at_once_never_mail_twice(self):
        with self.registry.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})["tenant.notice"].browse(self.ids["notice"]).action_publish()
            cr.commit()  # pylint: disable=invalid-commit
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            Recipient1 = api.Environment(cr1, SUPERUSER_ID, {})["tenant.notice.recipient"]
            Recipient2 = api.Environment(cr2, SUPERUSER_ID, {})["tenant.notice.recipient"]
            self.assertEqual(len(Recipient1._cron_send_notice_mails(batch_size=3)), 3)
            self.assertFalse(Recipient2._cron_send_notice_mails(batch_size=3), "the notice is held")
            cr1.commit()  # pylint: disable=invalid-commit
            cr2.rollback()
            self.assertEqual(len(Recipient2._cron_send_notice_mails(batch_size=3)), 2)
            cr2.commit()  # pylint: disable=invalid-commit
        rows = self.committed(
            "SELECT rel.res_partner_id, count(*) FROM mail_mail_res_partner_rel AS rel"
            " JOIN mail_mail AS mail ON mail.id = rel.mail_mail_id"
            " JOIN mail_message AS msg ON msg.id = mail.mail_message_id"
            " WHERE rel.res_partner_id IN %s AND msg.model = 'tenant.notice.recipient'"
            " GROUP BY rel.res_partner_id",
            tuple(self.ids["partners"]),
        )
        self.assertEqual(dict(rows), dict.fromkeys(self.ids["partners"], 1))
        self.assertEqual(
            self.committed(
                "SELECT count(*) FILTER (WHERE sent), count(*) FILTER (WHERE mail_pending)"
                " FROM tenant_notice_recipient WHERE notice_id = %s",
                self.ids["notice"],
            ),
            [(5, 0)],
        )

    def test_a_crash_mid_batch_resumes_where_it_stopped(self):
        with self.registry.cursor() as cr:
            Campaign = api.Environment(cr, SUPERUSER_ID, {})["tenant.greeting.campaign"]
            self.assertEqual(len(Campaign._cron_send_greetings(batch_size=2)), 2)
            cr.commit()  # pylint: disable=invalid-commit
            # The second batch fails after its people were logged: the cron runner rolls back.
            with (
                patch.object(
                    type(Campaign), "_campaign_deliver", side_effect=RuntimeError("mail queue down")
                ),
                self.assertRaises(RuntimeError),
            ):
                Campaign._cron_send_greetings(batch_size=2)
            cr.rollback()
            logs, mails = self.greetings_sent()
            self.assertEqual((len(logs), len(mails)), (2, 2), "the failed batch left nothing")
            # The next runs take the failed batch again, then the last one.
            self.assertEqual(len(Campaign._cron_send_greetings(batch_size=2)), 2)
            cr.commit()  # pylint: disable=invalid-commit
            self.assertEqual(len(Campaign._cron_send_greetings(batch_size=2)), 1)
            cr.commit()  # pylint: disable=invalid-commit
        everyone = dict.fromkeys(self.ids["partners"], 1)
        self.assertEqual(self.greetings_sent(), (everyone, everyone))


@tagged("post_install", "-at_install")
class TestCampaignMigration(TenantRelationsCase):
    """The logs as 18.0.1.5.0 left them: no wave, once per campaign and person, the old index."""

    def greeting_sent_to(self, residents, waves=("first",)):
        """A Spring Festival greeting that is done, logged for ``residents`` in each of ``waves``."""
        template = self.env.ref("tenant_relations.mail_template_greeting_spring_festival")
        greeting = self.env["tenant.greeting.campaign"].create(
            {"name": "春节问候", "send_date": "2026-02-17", "template_id": template.id, "state": "done"}
        )
        self.env["tenant.greeting.log"].create(
            [
                {"campaign_id": greeting.id, "partner_id": p.id, "sent_date": "2026-02-17", "wave": wave}
                for p in residents
                for wave in waves
            ]
        )
        return greeting

    def test_logs_of_the_previous_version_keep_their_data(self):
        cr = self.env.cr
        residents = make_residents(self.env, self.property_a, 3, "M")
        greeting = self.greeting_sent_to(residents[:2])
        self.env["ir.model.data"].create(
            {"module": "__test__", "name": "greeting_of_1_5", "model": greeting._name, "res_id": greeting.id}
        )
        published, expired = self.env["tenant.notice"].create(
            [{"name": name, "property_ids": [(6, 0, self.property_a.ids)]} for name in ("停水", "旧闻")]
        )
        with freeze_time("2026-03-01 08:00:00"):
            (published | expired).action_publish()
        published.recipient_ids[0].write({"sent": True, "mail_pending": False, "read_date": "2026-03-01"})
        with freeze_time("2026-03-02 08:00:00"):
            expired.action_expire()
        self.env.flush_all()

        def sent_and_read():
            """What the upgrade must keep: the campaigns' states, who was greeted when, who was
            sent which notice and read it."""
            return {
                "states": (greeting.state, published.state, expired.state),
                "logs": sorted(greeting.log_ids.mapped(lambda log: (log.partner_id.id, str(log.sent_date)))),
                "recipients": sorted(
                    (published | expired).recipient_ids.mapped(
                        lambda r: (r.notice_id.id, r.partner_id.id, r.sent, r.mail_pending, str(r.read_date))
                    )
                ),
            }

        before = sent_and_read()
        # The shape of 18.0.1.5.0.
        for table, constraint, old in (
            (
                "tenant_greeting_log",
                "tenant_greeting_log_campaign_partner_unique",
                "UNIQUE(campaign_id, partner_id)",
            ),
            (
                "tenant_notice_recipient",
                "tenant_notice_recipient_notice_partner_uniq",
                "unique(notice_id, partner_id)",
            ),
        ):
            drop_constraint(cr, table, constraint)
            add_constraint(cr, table, constraint, old)
            cr.execute(SQL("ALTER TABLE %s ALTER COLUMN wave DROP NOT NULL", SQL.identifier(table)))
            cr.execute(SQL("UPDATE %s SET wave = NULL", SQL.identifier(table)))
        create_index(
            cr,
            "tenant_notice_recipient_mail_pending_idx",
            "tenant_notice_recipient",
            ["id"],
            where="mail_pending IS TRUE",
        )

        migration = migration_script("18.0.1.6.0", "post-engine")
        done = migration.migrate_engine(cr)
        self.env.invalidate_all()
        self.assertEqual(done["tenant_greeting_log"], {"waves": 2, "constraint": True})
        self.assertEqual(done["tenant_notice_recipient"], {"waves": 6, "constraint": True, "old_index": True})
        self.assertFalse(index_exists(cr, "tenant_notice_recipient_mail_pending_idx"))
        self.assertEqual(
            constraint_definition(cr, "tenant_greeting_log", "tenant_greeting_log_campaign_partner_unique"),
            "UNIQUE(campaign_id, partner_id, wave)",
        )
        self.assertEqual(
            constraint_definition(
                cr, "tenant_notice_recipient", "tenant_notice_recipient_notice_partner_uniq"
            ),
            "unique(notice_id, partner_id, wave)",
        )
        self.assertEqual(sent_and_read(), before)
        self.assertEqual(before["states"], ("done", "published", "expired"))
        self.assertEqual(
            set(greeting.log_ids.mapped("wave") + published.recipient_ids.mapped("wave")), {"first"}
        )
        self.assertEqual(self.env.ref("__test__.greeting_of_1_5"), greeting)
        # The engine carries on from the old log: a reminder beside each greeting sent, and the
        # first send only to the one not greeted yet.
        self.assertEqual(greeting._campaign_log_audience("reminder").partner_id, residents[:2])
        self.assertEqual(greeting._campaign_log_audience("first").partner_id, residents[2])
        # Run again: nothing left to do.
        self.assertEqual(
            migration.migrate_engine(cr),
            {
                "tenant_greeting_log": {"waves": 0, "constraint": False},
                "tenant_notice_recipient": {"waves": 0, "constraint": False},
            },
        )

    def test_a_database_already_at_the_engine_is_left_alone(self):
        """The script runs again on a database that has the engine's shape (installed at
        18.0.1.6.0, or already migrated, should it run again from a later folder): reminders
        stay reminders, the constraints and the rows stay as they are (a row's ctid changes with
        any update of it, even to the same values)."""
        cr = self.env.cr
        self.greeting_sent_to(make_residents(self.env, self.property_a, 2, "R"), ("first", "reminder"))
        notice = self.env["tenant.notice"].create(
            {"name": "停水", "property_ids": [(6, 0, self.property_a.ids)]}
        )
        notice.action_publish()
        self.env.flush_all()

        def shape():
            cr.execute(
                """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                    WHERE conrelid IN ('tenant_greeting_log'::regclass, 'tenant_notice_recipient'::regclass)
                    ORDER BY 1, 2"""
            )
            constraints = cr.fetchall()
            cr.execute("SELECT ctid::text, id, wave FROM tenant_greeting_log ORDER BY id")
            greeting_logs = cr.fetchall()
            cr.execute(
                "SELECT ctid::text, id, wave, sent, mail_pending FROM tenant_notice_recipient ORDER BY id"
            )
            return constraints, greeting_logs, cr.fetchall()

        before = shape()
        self.assertEqual(
            sorted(wave for _ctid, _id, wave in before[1]), ["first", "first", "reminder", "reminder"]
        )
        self.assertTrue(before[2], "the notice has its recipients")
        self.assertEqual(
            migration_script("18.0.1.6.0", "post-engine").migrate_engine(cr),
            {
                "tenant_greeting_log": {"waves": 0, "constraint": False},
                "tenant_notice_recipient": {"waves": 0, "constraint": False},
            },
        )
        self.assertEqual(shape(), before)
