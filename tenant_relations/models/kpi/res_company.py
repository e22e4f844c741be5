# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields, models

PERIOD_MONTHS = {"month": 1, "quarter": 3}


class ResCompany(models.Model):
    _inherit = "res.company"

    def _tenant_period_bounds(self, day, period="month"):
        """The period (``month`` or ``quarter``) of the firm that holds ``day``:
        ``(first day, first day of the next period, UTC start, UTC end)``, the UTC bounds being
        the midnights of those days in the firm's time zone (naive UTC datetimes, end excluded).

        The one rule for "this month" in every KPI, snapshot, analysis and report: two managers in
        different time zones, or the scheduled job that runs in none, cut the month at the same
        instant, the firm's midnight (res.company._tenant_tz).
        """
        self.ensure_one()
        day = fields.Date.to_date(day)
        months = PERIOD_MONTHS[period]
        first = date(day.year, day.month - (day.month - 1) % months, 1)
        following = first + relativedelta(months=months)
        return first, following, self._tenant_utc_midnight(first), self._tenant_utc_midnight(following)

    def _tenant_utc_midnight(self, day):
        """The firm's midnight starting ``day``, as a naive UTC datetime."""
        self.ensure_one()
        tz = pytz.timezone(self._tenant_tz())
        return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

    def _tenant_today(self):
        """Today at the firm (its time zone), whoever asks."""
        self.ensure_one()
        return datetime.now(pytz.timezone(self._tenant_tz())).date()

    def _tenant_desk_calendar(self):
        """The working hours the KPIs count working minutes in: the shipped service-desk calendar
        (with China's public holidays and make-up workdays), else the company's working hours."""
        self.ensure_one()
        desk = self.env.ref("tenant_relations.resource_calendar_office_hours", raise_if_not_found=False)
        if desk and desk.company_id in (self, self.browse()):
            return desk
        return self.resource_calendar_id
