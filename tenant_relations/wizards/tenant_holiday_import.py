# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import csv
import io
from collections import Counter, defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.holiday.tenant_holiday_day import FESTIVALS, HOLIDAY_KINDS


class TenantHolidayImport(models.TransientModel):
    """Load the State Council's arrangement of a year from a file, the day it is published.

    One line per day, ``date,kind,festival`` (``2027-10-01,holiday,national_day``), as
    ``tools/china_holidays.py --csv <year>`` writes it. A year already loaded is replaced by the
    file's days (updated, never duplicated); the whole file is checked before anything is written.
    """

    _name = "tenant.holiday.import"
    _description = "Upload Public Holidays"

    file = fields.Binary(required=True)
    file_name = fields.Char()

    def action_import(self):
        self.ensure_one()
        rows = self._tenant_read_rows()
        Year = self.env["tenant.holiday.year"]
        Day = self.env["tenant.holiday.day"]
        years = Year.search([("year", "in", sorted({day.year for day, _kind, _festival in rows}))])
        by_year = {year.year: year for year in years}
        for number in sorted({day.year for day, _kind, _festival in rows} - set(by_year)):
            by_year[number] = Year.create({"year": number})
        loaded = Day.search([("year_id", "in", [year.id for year in by_year.values()])])
        known = {day.date: day for day in loaded}
        removed = loaded.filtered(lambda day: day.date not in {row[0] for row in rows})
        changed = defaultdict(lambda: Day)  # (kind, festival) -> days to write so
        new = []
        for day, kind, festival in rows:
            if day not in known:
                new.append({"year_id": by_year[day.year].id, "date": day, "kind": kind, "festival": festival})
            elif (known[day].kind, known[day].festival) != (kind, festival):
                changed[kind, festival] |= known[day]
        # One change of the calendars for the whole file: the days are written with the calendars
        # left alone, then rewritten in every following calendar at once, running clocks moved once.
        Day = Day.with_context(tenant_holiday_deferred=True)
        calendars = Day._tenant_following_calendars()
        written = Day.concat(*changed.values())

        def change():
            removed.with_context(tenant_holiday_deferred=True).unlink()  # their leaves go with them
            for (kind, festival), days in changed.items():
                days.with_context(tenant_holiday_deferred=True).write({"kind": kind, "festival": festival})
            calendars._tenant_write_days(written | Day.create(new))

        dates = [row[0] for row in rows] + loaded.mapped("date")
        calendars._tenant_change_working_time(change, min(dates), max(dates))
        action = self.env["ir.actions.act_window"]._for_xml_id("tenant_relations.tenant_holiday_year_action")
        if len(by_year) == 1:
            action.update(res_id=next(iter(by_year.values())).id, view_mode="form", views=[(False, "form")])
        return action

    @api.model
    def _tenant_parse(self, data):
        """``[(date, kind, festival), ...]`` of a file's bytes, or a UserError naming the first fault."""
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(self.env._("The file is not UTF-8 text (a CSV file).")) from error
        kinds = dict(HOLIDAY_KINDS)
        festivals = dict(FESTIVALS)
        rows = []
        for number, line in enumerate(csv.reader(io.StringIO(text)), start=1):
            if not line or not "".join(line).strip() or (number == 1 and line[0].strip().lower() == "date"):
                continue
            if len(line) != 3:
                raise UserError(
                    self.env._(
                        "Line %(line)s: expected date,kind,festival, got %(text)s.",
                        line=number,
                        text=",".join(line),
                    )
                )
            text_date, kind, festival = (cell.strip() for cell in line)
            try:
                day = date.fromisoformat(text_date)
            except ValueError:
                fault = self.env._("%(value)s is not a date (YYYY-MM-DD).", value=text_date)
            else:
                if kind not in kinds:
                    fault = self.env._("the kind %(value)s is neither holiday nor workday.", value=kind)
                elif festival not in festivals:
                    known = ", ".join(festivals)
                    fault = self.env._(
                        "%(value)s is not a festival (%(known)s).", value=festival, known=known
                    )
                else:
                    rows.append((day, kind, festival))
                    continue
            raise UserError(self.env._("Line %(line)s: %(fault)s", line=number, fault=fault))
        if not rows:
            raise UserError(self.env._("The file holds no day."))
        twice = sorted(day for day, count in Counter(day for day, _k, _f in rows).items() if count > 1)
        if twice:
            raise UserError(
                self.env._(
                    "%(date)s is listed more than once: a day is either a day off or a make-up workday.",
                    date=twice[0],
                )
            )
        return rows

    def _tenant_read_rows(self):
        try:
            data = base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The file could not be read.")) from error
        return self._tenant_parse(data)
