# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.4.0: make the residents' profiles (``tenant.profile``) from the values kept by
``pre-profile.py``, move the open review activities from the contacts to them, point the
review's activity type and scheduled action at the profiles, then drop the old columns."""

from odoo import SUPERUSER_ID, api
from odoo.modules.migration import load_script
from odoo.tools import SQL
from odoo.tools.sql import table_exists

# The holding table and the old column names are defined once, in the pre-migration.
pre_profile = load_script(
    "tenant_relations/migrations/18.0.1.4.0/pre-profile.py", "tenant_relations_pre_profile"
)

BATCH = 1000


def reviewed_partner_ids(cr, activity_type):
    """Contacts with a review activity: they get a profile too, to carry the activity."""
    cr.execute(
        SQL(
            "SELECT DISTINCT res_id FROM mail_activity "
            "WHERE res_model = 'res.partner' AND activity_type_id = %s",
            activity_type.id,
        )
    )
    return [row[0] for row in cr.fetchall()]


def create_profiles(env):
    cr = env.cr
    activity_type = env.ref("tenant_relations.mail_activity_type_profile_review", raise_if_not_found=False)
    values = {}
    if table_exists(cr, pre_profile.LEGACY_TABLE):
        cr.execute(SQL("SELECT * FROM %s ORDER BY partner_id", SQL.identifier(pre_profile.LEGACY_TABLE)))
        columns = [desc[0] for desc in cr.description]
        for row in cr.fetchall():
            vals = dict(zip(columns, row, strict=True))
            values[vals["partner_id"]] = {k: v for k, v in vals.items() if v is not None}
    for partner_id in reviewed_partner_ids(cr, activity_type) if activity_type else []:
        values.setdefault(partner_id, {"partner_id": partner_id})
    Profile = env["tenant.profile"].with_context(
        active_test=False, tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
    done = set(Profile.search([("partner_id", "in", list(values))]).partner_id.ids)
    existing = set(env["res.partner"].with_context(active_test=False).browse(values).exists().ids)
    todo = [vals for partner_id, vals in values.items() if partner_id not in done and partner_id in existing]
    for start in range(0, len(todo), BATCH):
        Profile.create(todo[start : start + BATCH])
        env.flush_all()
        env.invalidate_all()


def move_review_activities(env):
    activity_type = env.ref("tenant_relations.mail_activity_type_profile_review", raise_if_not_found=False)
    if not activity_type:
        return
    env.flush_all()
    env.cr.execute(
        SQL(
            """UPDATE mail_activity AS a
                  SET res_model = 'tenant.profile', res_model_id = %s, res_id = p.id
                 FROM tenant_profile AS p
                WHERE a.res_model = 'res.partner' AND a.res_id = p.partner_id AND a.activity_type_id = %s""",
            env["ir.model"]._get_id("tenant.profile"),
            activity_type.id,
        )
    )
    env.invalidate_all()
    # Both records are noupdate data: give them the profile model, as the data files now do.
    activity_type.res_model = "tenant.profile"
    cron = env.ref("tenant_relations.ir_cron_plan_profile_reviews", raise_if_not_found=False)
    if cron:
        cron.model_id = env["ir.model"]._get("tenant.profile")


def drop_old_columns(cr):
    for column in pre_profile.old_columns(cr):
        cr.execute(SQL("ALTER TABLE res_partner DROP COLUMN %s", SQL.identifier(column)))
    cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(pre_profile.LEGACY_TABLE)))


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    create_profiles(env)
    move_review_activities(env)
    drop_old_columns(cr)
