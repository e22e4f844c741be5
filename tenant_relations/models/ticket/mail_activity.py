# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _tenant_create_for_assignees(self, vals_list):
        """Create activities that a job plans for staff, each in the language of its assignee.

        An activity stores two texts when it is created: its summary (copied from the activity
        type where none is given) and its document's name (``res_name``). Planned by a scheduled
        job, which runs in no one's language, both came out in English ("Return visit to the
        resident", "After a closed ticket - 胡桂英") on a Chinese assignee's list. They are
        written in the language of the person who reads them: the assignee.
        """
        users = (
            self.env["res.users"]
            .sudo()
            .browse({vals["user_id"] for vals in vals_list if vals.get("user_id")})
        )
        # sudo: only the assignees' language is read, to write their own activities in it.
        lang_of = {user.id: user.lang for user in users}
        by_lang = defaultdict(list)
        for vals in vals_list:
            by_lang[lang_of.get(vals.get("user_id")) or self.env.lang].append(vals)
        activities = self.browse()
        for lang, group in by_lang.items():
            Activity = self.with_context(lang=lang)
            types = Activity.env["mail.activity.type"].browse({vals["activity_type_id"] for vals in group})
            summaries = {activity_type.id: activity_type.summary for activity_type in types}
            created = Activity.create(
                [
                    vals if "summary" in vals else {**vals, "summary": summaries[vals["activity_type_id"]]}
                    for vals in group
                ]
            )
            # The document's name is computed when flushed: now, in the assignee's language.
            created.flush_recordset(["res_name"])
            activities |= created
        return activities.with_env(self.env)
