# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import models
from odoo.tools import SQL


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _tenant_change_working_time(self, change, first, last):
        """The stored working minutes of tickets follow a change of the service desk's hours.

        Tickets of the companies whose desk calendar (res.company._tenant_desk_calendar) is one of
        these, whose response or resolution span touches the changed days, get their working
        minutes to response and resolution recomputed. Their waiting working minutes are kept as
        stored: the moments a ticket entered and left a waiting stage are not kept.
        """
        result = super()._tenant_change_working_time(change, first, last)
        if not self or not first:
            return result
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("active", "=", True)])
            .filtered(lambda c: c._tenant_desk_calendar() in self)
        )
        if not companies:
            return result
        # A day of the calendar's time zone, whatever it is: a day of margin on either side.
        low = datetime.combine(first, time.min) - timedelta(days=1)
        high = datetime.combine(last or first, time.min) + timedelta(days=2)
        self.env.flush_all()
        ids = [
            row[0]
            for row in self.env.execute_query(
                SQL(
                    """SELECT id FROM tenant_ticket
                        WHERE company_id IN %s AND reported_date < %s
                          AND (first_response_date >= %s OR resolved_date >= %s)""",
                    tuple(companies.ids),
                    high,
                    low,
                    low,
                )
            )
        ]
        # sudo: bookkeeping of every ticket on these hours, whoever changed the calendar.
        self.env["tenant.ticket"].sudo()._tenant_restamp_working_minutes(ids)
        return result
