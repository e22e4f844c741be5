# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.6.0: no English left in a Chinese database (issue 13), for databases made by earlier
versions, whose shipped and demo data are not loaded again.

Only texts that the product wrote itself, recognised exactly, are rewritten, in the language
they should have been written in; nothing a person typed is touched, nor a mail that was sent:
- the chatter's creation lines that mix the English model name with a translated verb, written
  when a record was created without a language (the demo, jobs): "Greeting Campaign 创建"
  becomes "问候活动 创建", "Contact 创建" becomes "联系人 创建";
- the escalation notes that the SLA job wrote in English, and the "Recorded as Owner of …" lines
  that occupancies made without a language (the demo, imports) wrote on the residents, in the
  firm's language;
- the resident ledger lines of the earning rules, in each resident's language (the demo wrote
  "Lease renewal", "Full years of tenancy" and "Attended the Mid-Autumn community evening");
- the planned review and return-visit activities, in their assignee's language;
- the shipped service-desk calendar, named in the firm's language unless the firm renamed it;
- the demo's Mid-Autumn greeting, on its own template and on the real festival day, unless it
  was changed or sent.
Each step is idempotent: run again, it finds nothing left to do.
"""

import html
import logging
import re

from markupsafe import Markup, escape

from odoo import SUPERUSER_ID, api
from odoo.tools.translate import code_translations, get_translation

_logger = logging.getLogger(__name__)

# The English ledger lines written by earlier versions and their demo, by earning rule.
LEDGER_REASONS = {
    "Lease renewal": "renewal",
    "Full year of tenancy": "tenure",
    "Full years of tenancy": "tenure",
    "Attended the Mid-Autumn community evening": "event",
}

# The escalation notes of tenant.ticket.sla, as the job wrote them in English.
SLA_NOTES = [
    (
        re.compile(r"^<p>SLA (?P<policy>.+) was breached: the deadline was (?P<deadline>[\d: -]+)\.</p>$"),
        "SLA %(policy)s was breached: the deadline was %(deadline)s.",
    ),
    (
        re.compile(r"^<p>SLA (?P<policy>.+) will be breached at (?P<deadline>[\d: -]+)\.</p>$"),
        "SLA %(policy)s will be breached at %(deadline)s.",
    ),
    (
        re.compile(r"^<p>(?P<policy>.+): the manager is told at once\.</p>$"),
        "%(policy)s: the manager is told at once.",
    ),
]

# The line an occupancy wrote on its resident when it was created, in English.
OCCUPANCY_LOG = re.compile(
    r"^<p>Recorded as (?P<role>.+?) of (?P<unit>.+) \((?P<property>.+)\) "
    r"from (?P<date>\d{4}-\d\d-\d\d)\.</p>$"
)
OCCUPANCY_SOURCE = "Recorded as %(role)s of %(unit)s (%(property)s) from %(date)s."

ACTIVITY_TYPES = (
    "tenant_relations.mail_activity_type_profile_review",
    "tenant_relations.mail_activity_type_return_visit",
)
MID_AUTUMN_DEMO = "tenant_relations.tenant_greeting_campaign_mid_autumn_demo"
SPRING_TEMPLATE = "tenant_relations.mail_template_greeting_spring_festival"
MID_AUTUMN_TEMPLATE = "tenant_relations.mail_template_greeting_mid_autumn"


def migrate(cr, version):
    migrate_words(api.Environment(cr, SUPERUSER_ID, {}))


def migrate_words(env):
    """Every step, in order; returns what each changed (for the log and the tests)."""
    done = {
        "creation_lines": _creation_lines(env),
        "sla_notes": _sla_notes(env),
        "occupancy_logs": _occupancy_logs(env),
        "ledger_lines": _ledger_lines(env),
        "activities": _activities(env),
        "calendar": env["resource.calendar"]._tenant_name_office_hours(),
        "mid_autumn": _mid_autumn_demo(env),
    }
    _logger.info("Tenant Relations words migrated: %s", done)
    return done


def _thread_models(env):
    return [
        model
        for name, model in env.items()
        if not model._abstract
        and not model._transient
        and "message_ids" in model._fields
        and name == model._name
    ]


def _creation_lines(env):
    """Creation lines that mix the English model name with a translated verb.

    Such a line is a notification (never a comment someone wrote) whose whole body is the
    verb of Odoo's "%s created" in one language around the English name of the model.
    """
    count = 0
    langs = [code for code, _label in env["res.lang"].get_installed() if code != "en_US"]
    for model in _thread_models(env):
        ir_model = env["ir.model"]._get(model._name)
        english = ir_model.with_context(lang="en_US").name
        for lang in langs:
            verb = code_translations.get_python_translations("mail", lang).get("%s created")
            local = ir_model.with_context(lang=lang).name
            if not verb or local == english:
                continue
            old, new = escape(verb) % english, escape(verb) % local
            for wrap in (Markup("<p>%s</p>"), Markup('<div summary="o_mail_notification"><p>%s</p></div>')):
                env.cr.execute(
                    """
                    UPDATE mail_message SET body = %s
                     WHERE model = %s AND message_type = 'notification' AND body = %s
                    """,
                    (str(wrap % new), model._name, str(wrap % old)),
                )
                count += env.cr.rowcount
    return count


def _sla_notes(env):
    """The escalation notes written in English, in the firm's language when it is another."""
    policies = env["tenant.sla.policy"].with_context(active_test=False, lang="en_US").search([])
    by_name = {policy.name: policy for policy in policies}
    messages = env["mail.message"].search(
        [("model", "=", "tenant.ticket"), ("message_type", "=", "notification"), ("body", "ilike", "</p>")]
    )
    count = 0
    tickets = env["tenant.ticket"].browse(messages.mapped("res_id")).exists()
    for message in messages.filtered(lambda m: m.res_id in tickets.ids):
        lang = env["tenant.ticket"].browse(message.res_id).company_id._tenant_lang()
        if lang == "en_US":
            continue
        for pattern, source in SLA_NOTES:
            match = pattern.match(str(message.body or ""))
            # The policy's name as it was written (escaped in the body, see _occupancy_logs).
            policy = match and by_name.get(html.unescape(match["policy"]))
            if not policy:
                continue
            values = {"policy": policy.with_context(lang=lang).name}
            if "deadline" in match.groupdict():
                values["deadline"] = match["deadline"]
            # The note's own msgid, translated as tenant_ticket_sla.py translates it.
            message.body = Markup("<p>%s</p>") % get_translation("tenant_relations", lang, source, values)
            count += 1
            break
    return count


def _occupancy_logs(env):
    """The occupancies' English lines on their residents, in the firm's language."""
    lang = env.company._tenant_lang()
    if lang == "en_US":
        return 0
    Occupancy = env["tenant.occupancy"]
    roles = dict(Occupancy._fields["role"]._description_selection(env(context={"lang": "en_US"})))
    local_roles = dict(Occupancy._fields["role"]._description_selection(env(context={"lang": lang})))
    by_label = {label: local_roles[key] for key, label in roles.items()}
    messages = env["mail.message"].search(
        [
            ("model", "=", "res.partner"),
            ("message_type", "=", "notification"),
            ("body", "=like", "<p>Recorded as %"),
        ]
    )
    count = 0
    for message in messages:
        match = OCCUPANCY_LOG.match(str(message.body or ""))
        if not match or match["role"] not in by_label:
            continue
        # The names as they were written: the body holds them escaped (King's &amp; Co), and the
        # new body escapes them again.
        values = {key: html.unescape(value) for key, value in match.groupdict().items()}
        values["role"] = by_label[match["role"]]
        message.body = Markup("<p>%s</p>") % get_translation(
            "tenant_relations", lang, OCCUPANCY_SOURCE, values
        )
        count += 1
    return count


def _ledger_lines(env):
    """The earning-rule ledger lines written in English, in their resident's language."""
    Partner = env["res.partner"]
    lines = env["loyalty.history"].search([("description", "in", list(LEDGER_REASONS))])
    count = 0
    for line in lines:
        lang = line.card_id.partner_id.lang
        if not lang or lang == "en_US":
            continue
        text = Partner._tenant_rule_description(LEDGER_REASONS[line.description])(env(context={"lang": lang}))
        if text != line.description:
            line.description = text
            count += 1
    return count


def _activities(env):
    """Planned activities that carry the English summary of their type, in their assignee's lang."""
    types = env["mail.activity.type"].browse(
        env.ref(xmlid).id for xmlid in ACTIVITY_TYPES if env.ref(xmlid, raise_if_not_found=False)
    )
    count = 0
    for activity_type in types:
        english = activity_type.with_context(lang="en_US").summary
        activities = env["mail.activity"].search(
            [("activity_type_id", "=", activity_type.id), ("summary", "=", english)]
        )
        for lang, group in activities.grouped(lambda a: a.user_id.lang or "en_US").items():
            if lang == "en_US":
                continue
            group = group.with_context(lang=lang)
            group.summary = activity_type.with_context(lang=lang).summary
            # The document's name, stored when the activity was made, in the same language.
            env.add_to_compute(group._fields["res_name"], group)
            group.flush_recordset()
            count += len(group)
    return count


def _mid_autumn_demo(env):
    """The demo's Mid-Autumn greeting, still as shipped: its own template, the festival's day."""
    campaign = env.ref(MID_AUTUMN_DEMO, raise_if_not_found=False)
    spring = env.ref(SPRING_TEMPLATE, raise_if_not_found=False)
    mid_autumn = env.ref(MID_AUTUMN_TEMPLATE, raise_if_not_found=False)
    if (
        not (campaign and spring and mid_autumn)
        or campaign.state != "draft"
        or campaign.template_id != spring
    ):
        return False
    campaign.write(
        {
            "template_id": mid_autumn.id,
            "send_date": campaign._next_festival_date("mid_autumn"),
        }
    )
    return True
