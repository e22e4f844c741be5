# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

OFFICE_HOURS_XMLID = "tenant_relations.resource_calendar_office_hours"
# The name the calendar is shipped with, before it is named in the firm's language.
OFFICE_HOURS_SOURCE_NAME = "Property Service Desk Hours"


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    @api.model
    def _tenant_office_hours_name(self, lang):
        """The shipped service-desk calendar's name in ``lang``."""
        return self.with_context(lang=lang).env._("Property Service Desk Hours")

    @api.model
    def _tenant_name_office_hours(self):
        """Name the shipped service-desk calendar in the firm's language, unless it was renamed;
        whether it was (re)named.

        A working-hours calendar has one name in Odoo (``resource.calendar.name`` is not
        translatable): the shipped one is named in the language of the firm that reads it in its
        SLA policies and settings (res.company._tenant_lang), at install, when the demo sets the
        firm's language, and by the migration to 18.0.1.6.0. Making the core field translatable
        instead would turn the column of every calendar of the database into translations, for
        all the addons that read it, to translate one name.
        """
        calendar = self.env.ref(OFFICE_HOURS_XMLID, raise_if_not_found=False)
        if not calendar:
            return False
        shipped = {OFFICE_HOURS_SOURCE_NAME} | {
            self._tenant_office_hours_name(lang) for lang, _label in self.env["res.lang"].get_installed()
        }
        if calendar.name not in shipped:
            return False  # the firm named it itself
        name = self._tenant_office_hours_name(self.env.company._tenant_lang())
        if calendar.name == name:
            return False
        calendar.name = name
        return True
