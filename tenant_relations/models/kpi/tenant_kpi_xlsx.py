# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import re
from collections import defaultdict

import pytz
import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL

# What Excel refuses in a sheet name, and its length limit.
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_MAX = 31
# Rows read per query by the list exports: big enough that the query is not the cost, small enough
# that a batch never holds much memory.
EXPORT_BATCH = 5000
# Options of every streamed workbook: rows go to disk as they are written (constant_memory), and
# what a resident typed is never turned into a formula, a link or a number.
STREAM_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
TREND_MONTHS = 6
UNIT_FORMATS = {"percent": "0.0%", "minutes": "0.0", "days": "0.0", "count": "0"}
CHANGE_FORMATS = {"percent": "+0.0%;-0.0%;0.0%", "minutes": "+0.0;-0.0;0.0", "days": "+0.0;-0.0;0.0"}


class TenantKpiXlsx(models.AbstractModel):
    """The Excel files of the KPIs (关键指标月报) and the ticket and SLA lists, written with xlsxwriter.

    Every writer works in the environment it is called with: the record rules and field groups of
    that user decide what lands in the file (the snapshots and tickets are read through the ORM's
    search, never sudo), and its language decides the headers (``_tenant_lang_env``).

    The lists stream: rows are read in keyset batches of ``EXPORT_BATCH`` by SQL built on
    ``Model._search(domain)`` (so record rules apply), and written in xlsxwriter's
    ``constant_memory`` mode into a temporary file: any number of tickets in bounded memory.
    """

    _name = "tenant.kpi.xlsx"
    _description = "KPI Excel Reports"

    # Entry points -------------------------------------------------------------------------------

    def _tenant_report(self, kind, company, month, properties=None):
        """``(file name, xlsx bytes)`` of the report ``kind`` (``kpi``, ``tickets`` or ``sla``) for
        the firm's month holding ``month``, limited to ``properties`` when given, in the language of
        the request, else of the user."""
        return self._tenant_lang_env()._tenant_build(kind, company, month, properties)

    def _tenant_build(self, kind, company, month, properties):
        first, _following, date_from, date_to = company._tenant_period_bounds(month)
        label = first.strftime("%Y-%m")
        properties = properties or self.env["tenant.property"]
        if kind == "kpi":
            buffer = io.BytesIO()
            self._tenant_write_kpi_report(buffer, company, first, properties)
            return self.env._("KPI-%(month)s.xlsx", month=label), buffer.getvalue()
        domain = [("company_id", "=", company.id)]
        if kind == "tickets":
            domain += [("reported_date", ">=", date_from), ("reported_date", "<", date_to)]
            if properties:
                domain.append(("property_id", "in", properties.ids))
            name = self.env._("Tickets-%(month)s.xlsx", month=label)
            return name, self._tenant_stream(self._tenant_write_tickets, domain)
        domain += [("start_date", ">=", date_from), ("start_date", "<", date_to)]
        if properties:
            domain.append(("ticket_id.property_id", "in", properties.ids))
        name = self.env._("SLA-Lines-%(month)s.xlsx", month=label)
        return name, self._tenant_stream(self._tenant_write_sla_lines, domain)

    def _tenant_lang_env(self):
        """This model in the language of the request, else of the user: the headers follow it
        (a scheduled job has no request language: the user's own)."""
        lang = self.env.context.get("lang") or self.env.user.lang or "en_US"
        return self.with_context(lang=lang)

    def _tenant_stream(self, writer, domain):
        """Run ``writer(path, domain)`` into a temporary file and return its bytes."""
        import tempfile  # noqa: PLC0415 - only the streamed exports need it

        with tempfile.NamedTemporaryFile(suffix=".xlsx") as tmp:
            writer(tmp.name, domain)
            tmp.seek(0)
            return tmp.read()

    # Shared helpers -----------------------------------------------------------------------------

    def _tenant_sheet_name(self, name, used):
        """A sheet name Excel accepts: no ``[]:*?/\\``, no edge apostrophe, at most 31 characters,
        unique (case-insensitive) among ``used``, which it joins."""
        base = SHEET_FORBIDDEN.sub("-", name or "").strip().strip("'").strip() or "-"
        candidate, n = base[:SHEET_MAX], 1
        while candidate.lower() in used:
            n += 1
            suffix = f" ({n})"
            candidate = base[: SHEET_MAX - len(suffix)] + suffix
        used.add(candidate.lower())
        return candidate

    def _tenant_user_tz(self):
        """The time zone dates are shown in: the request's, else the user's, else the firm's."""
        tz = self.env.context.get("tz") or self.env.user.tz or self.env.company._tenant_tz()
        return tz if tz in pytz.all_timezones_set else "UTC"

    def _tenant_formats(self, book):
        return {
            "title": book.add_format({"bold": True, "font_size": 14}),
            "header": book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}),
            "text": book.add_format({}),
            "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "date": book.add_format({"num_format": "yyyy-mm-dd"}),
            "minutes": book.add_format({"num_format": "0.0"}),
            "int": book.add_format({"num_format": "0"}),
            "no_data": book.add_format({"italic": True, "font_color": "#808080"}),
            "good": book.add_format({"font_color": "#006100", "bg_color": "#C6EFCE"}),
            "warning": book.add_format({"font_color": "#9C5700", "bg_color": "#FFEB9C"}),
            "bad": book.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"}),
            **{f"unit_{unit}": book.add_format({"num_format": fmt}) for unit, fmt in UNIT_FORMATS.items()},
            **{
                f"change_{unit}": book.add_format({"num_format": fmt}) for unit, fmt in CHANGE_FORMATS.items()
            },
        }

    # The monthly KPI report ---------------------------------------------------------------------

    def _tenant_kpi_snapshots(self, company, first, properties):
        """The snapshots this user may read of the month starting ``first`` and of the
        ``TREND_MONTHS - 1`` months before, at the levels of the report (company, property, team:
        a staff member's figures belong to the staff assessment, not to a report that is passed
        around), of the month KPIs: ``{(kpi id, period start, level, property id, team id): snapshot}``."""
        starts = [first - relativedelta(months=n) for n in range(TREND_MONTHS)]
        domain = [
            ("company_id", "=", company.id),
            ("period", "=", "month"),
            ("period_start", "in", starts),
            ("level", "in", ("company", "property", "team")),
        ]
        if properties:
            domain += ["|", ("level", "=", "company"), ("property_id", "in", properties.ids)]
        snapshots = self.env["tenant.kpi.snapshot"].search_fetch(
            domain,
            [
                "kpi_id",
                "period_start",
                "level",
                "property_id",
                "team_id",
                "value",
                "has_data",
                "status",
                "numerator",
                "denominator",
                "target",
            ],
        )
        return {(s.kpi_id.id, s.period_start, s.level, s.property_id.id, s.team_id.id): s for s in snapshots}

    def _tenant_write_kpi_report(self, out, company, first, properties):
        """The monthly KPI report (关键指标月报) of the month starting ``first``: a summary sheet (each
        KPI's target, the company's figure, its status, the previous month's and the change; then each
        KPI by property, with a chart of the percentages against their targets), a trend sheet (the
        last six months, with a chart) and one sheet per property (each KPI per team, with the
        numerator and denominator behind the figure)."""
        kpis = self.env["tenant.kpi"].search(
            [("period", "=", "month"), ("company_id", "in", (company.id, False))]
        )
        snaps = self._tenant_kpi_snapshots(company, first, properties)
        previous = first - relativedelta(months=1)
        prop_ids = set(properties.ids) | {key[3] for key in snaps if key[2] == "property" and key[1] == first}
        props = self.env["tenant.property"].browse(prop_ids).exists().sorted("name")
        # The report's total: the company's figure, unless the report is of some properties, or the
        # user may not read the company's totals (a property's manager): then their properties'.
        own_total = bool(properties) or not any(key[2] == "company" for key in snaps)
        if own_total:
            self._tenant_total_over_properties(snaps, kpis, props)
        statuses = dict(self.env["tenant.kpi.snapshot"]._fields["status"]._description_selection(self.env))

        book = xlsxwriter.Workbook(
            out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        fmt = self._tenant_formats(book)
        used = set()
        summary = book.add_worksheet(self._tenant_sheet_name(self.env._("Summary"), used))
        month = first.strftime("%Y-%m")
        summary.write_string(0, 0, self.env._("Monthly KPI report %(month)s", month=month), fmt["title"])
        scope = company.name
        if own_total:
            scope = self.env._(
                "%(company)s: %(properties)s",
                company=company.name,
                properties=", ".join(props.mapped("name")),
            )
        summary.write_string(1, 0, scope, fmt["text"])
        summary.write_string(2, 0, self.env._("Generated on"), fmt["text"])
        local = self.with_context(tz=self._tenant_user_tz())
        now = fields.Datetime.context_timestamp(local, fields.Datetime.now())
        summary.write_datetime(2, 1, now.replace(tzinfo=None), fmt["datetime"])
        headers = [
            self.env._("KPI"),
            self.env._("Target"),
            self.env._("Figure"),
            self.env._("Status"),
            self.env._("Previous month"),
            self.env._("Change"),
        ]
        summary.write_row(3, 0, headers, fmt["header"])
        summary.set_column(0, 0, 36)
        summary.set_column(1, 5 + len(props), 14)
        row = 4
        for kpi in kpis:
            snap = snaps.get((kpi.id, first, "company", False, False))
            before = snaps.get((kpi.id, previous, "company", False, False))
            summary.write_string(row, 0, kpi.name, fmt["text"])
            self._tenant_write_figure(
                summary, row, 1, kpi.unit, snap.target if snap else kpi._tenant_target(), fmt
            )
            self._tenant_write_snapshot_figure(summary, row, 2, kpi, snap, fmt)
            status = snap.status if snap else "no_data"
            summary.write_string(row, 3, statuses[status], fmt.get(status, fmt["no_data"]))
            self._tenant_write_snapshot_figure(summary, row, 4, kpi, before, fmt)
            self._tenant_write_change(summary, row, 5, kpi, snap, before, fmt)
            row += 1

        # Each KPI by property, and the chart of the percentages against their targets.
        row += 1
        summary.write_string(row, 0, self.env._("By property"), fmt["title"])
        row += 1
        matrix_top = row
        summary.write_row(
            row, 0, [self.env._("KPI"), self.env._("Target"), *props.mapped("name")], fmt["header"]
        )
        percent_rows = []
        for kpi in kpis:
            row += 1
            summary.write_string(row, 0, kpi.name, fmt["text"])
            self._tenant_write_figure(summary, row, 1, kpi.unit, kpi._tenant_target(), fmt)
            for col, prop in enumerate(props, start=2):
                snap = snaps.get((kpi.id, first, "property", prop.id, False))
                self._tenant_write_snapshot_figure(summary, row, col, kpi, snap, fmt)
            if kpi.unit == "percent":
                percent_rows.append(row)
        if percent_rows and props:
            chart = self._tenant_kpi_chart(book, summary.name, matrix_top, percent_rows, len(props))
            chart.set_title({"name": self.env._("Figures against target, %(month)s", month=month)})
            summary.insert_chart(row + 2, 0, chart, {"x_scale": 1.6, "y_scale": 1.3})

        self._tenant_write_trend(book, used, fmt, kpis, snaps, first)
        team_names = {}
        team_keys = defaultdict(list)  # (KPI, property): the keys of its team rows of the month
        for key in snaps:
            if key[1] == first and key[2] == "team":
                team_keys[key[0], key[3]].append(key)
        for prop in props:
            sheet = book.add_worksheet(self._tenant_sheet_name(prop.name, used))
            sheet.write_string(0, 0, prop.name, fmt["title"])
            sheet.write_string(1, 0, self.env._("Month %(month)s", month=month), fmt["text"])
            sheet.write_row(
                3,
                0,
                [
                    self.env._("KPI"),
                    self.env._("Team"),
                    self.env._("Figure"),
                    self.env._("Target"),
                    self.env._("Status"),
                    self.env._("Numerator"),
                    self.env._("Denominator"),
                ],
                fmt["header"],
            )
            sheet.set_column(0, 1, 30)
            sheet.set_column(2, 6, 13)
            row = 4
            for kpi in kpis:
                rows = [(self.env._("All teams"), snaps.get((kpi.id, first, "property", prop.id, False)))]
                for key in team_keys[kpi.id, prop.id]:
                    team = snaps[key].team_id
                    if team not in team_names:
                        team_names[team] = team.name if team else self.env._("No team")
                    rows.append((team_names[team], snaps[key]))
                for team_label, snap in rows:
                    sheet.write_string(row, 0, kpi.name, fmt["text"])
                    sheet.write_string(row, 1, team_label, fmt["text"])
                    self._tenant_write_snapshot_figure(sheet, row, 2, kpi, snap, fmt)
                    self._tenant_write_figure(
                        sheet, row, 3, kpi.unit, snap.target if snap else kpi._tenant_target(), fmt
                    )
                    status = snap.status if snap else "no_data"
                    sheet.write_string(row, 4, statuses[status], fmt.get(status, fmt["no_data"]))
                    if snap and snap.has_data:
                        sheet.write_number(row, 5, snap.numerator, fmt["minutes"])
                        sheet.write_number(row, 6, snap.denominator, fmt["int"])
                    else:
                        sheet.write_string(row, 5, self.env._("No data"), fmt["no_data"])
                        sheet.write_string(row, 6, self.env._("No data"), fmt["no_data"])
                    row += 1
        book.close()

    def _tenant_write_trend(self, book, used, fmt, kpis, snaps, first):
        """The trend sheet: each KPI's company figure over the last ``TREND_MONTHS`` months, oldest
        first, and a line chart of the percentages."""
        sheet = book.add_worksheet(self._tenant_sheet_name(self.env._("Trend"), used))
        months = [first - relativedelta(months=n) for n in reversed(range(TREND_MONTHS))]
        sheet.write_row(
            0,
            0,
            [self.env._("KPI"), self.env._("Target")] + [m.strftime("%Y-%m") for m in months],
            fmt["header"],
        )
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, TREND_MONTHS + 1, 12)
        percent_rows = []
        for row, kpi in enumerate(kpis, start=1):
            sheet.write_string(row, 0, kpi.name, fmt["text"])
            self._tenant_write_figure(sheet, row, 1, kpi.unit, kpi._tenant_target(), fmt)
            for col, start in enumerate(months, start=2):
                self._tenant_write_snapshot_figure(
                    sheet, row, col, kpi, snaps.get((kpi.id, start, "company", False, False)), fmt
                )
            if kpi.unit == "percent":
                percent_rows.append(row)
        if percent_rows:
            chart = book.add_chart({"type": "line"})
            for row in percent_rows:
                chart.add_series(
                    {
                        "name": [sheet.name, row, 0],
                        "categories": [sheet.name, 0, 2, 0, TREND_MONTHS + 1],
                        "values": [sheet.name, row, 2, row, TREND_MONTHS + 1],
                        "marker": {"type": "circle"},
                    }
                )
            chart.set_title({"name": self.env._("Last six months")})
            chart.set_y_axis({"num_format": "0%"})
            sheet.insert_chart(len(kpis) + 3, 0, chart, {"x_scale": 1.6, "y_scale": 1.3})

    def _tenant_kpi_chart(self, book, sheet_name, top, rows, columns):
        """Columns: each property's percentage per KPI; a line: the KPI's target."""
        chart = book.add_chart({"type": "column"})
        first_row, last_row = rows[0], rows[-1]
        # The percentages are contiguous only when the KPIs of other units are not among them:
        # one series per property over the KPI rows, which Excel reads as ranges row by row.
        for col in range(2, 2 + columns):
            chart.add_series(
                {
                    "name": [sheet_name, top, col],
                    "categories": [sheet_name, first_row, 0, last_row, 0],
                    "values": [sheet_name, first_row, col, last_row, col],
                }
            )
        target = book.add_chart({"type": "line"})
        target.add_series(
            {
                "name": [sheet_name, top, 1],
                "categories": [sheet_name, first_row, 0, last_row, 0],
                "values": [sheet_name, first_row, 1, last_row, 1],
                "marker": {"type": "diamond"},
            }
        )
        chart.combine(target)
        chart.set_y_axis({"num_format": "0%"})
        return chart

    def _tenant_write_figure(self, sheet, row, col, unit, value, fmt):
        """A figure in its unit: a percentage as Excel's percent (the KPIs keep 0-100)."""
        if unit == "percent":
            sheet.write_number(row, col, value / 100.0, fmt["unit_percent"])
        else:
            sheet.write_number(row, col, value, fmt[f"unit_{unit}"])

    def _tenant_total_over_properties(self, snaps, kpis, props):
        """Put in ``snaps``, as the "company" figures, the totals over the report's properties: what
        counts over what it counts out of (a rate), the sum (a count); a median does not add up, it
        stays "No data". In-memory snapshots, stored nowhere."""
        Snapshot = self.env["tenant.kpi.snapshot"]
        for key in [key for key in snaps if key[2] == "company"]:
            del snaps[key]
        starts = {key[1] for key in snaps}
        for kpi in kpis:
            for start in starts:
                rows = [snaps.get((kpi.id, start, "property", prop.id, False)) for prop in props]
                rows = [row for row in rows if row and row.has_data]
                numerator = sum(row.numerator or 0.0 for row in rows)
                denominator = sum(row.denominator or 0.0 for row in rows)
                value = None
                if rows and kpi.unit == "percent" and denominator:
                    value = 100.0 * numerator / denominator
                elif rows and kpi.unit == "count":
                    value = numerator
                snaps[(kpi.id, start, "company", False, False)] = Snapshot.new(
                    {
                        "kpi_id": kpi.id,
                        "level": "company",
                        "period_start": start,
                        "numerator": numerator,
                        "denominator": denominator,
                        "value": value or 0.0,
                        "has_data": value is not None,
                        "target": kpi._tenant_target(),
                        "status": kpi._tenant_status(value),
                    }
                )

    def _tenant_write_snapshot_figure(self, sheet, row, col, kpi, snap, fmt):
        """The snapshot's figure, or the words "No data" where there is none: never a 0 standing
        for nothing."""
        if snap and snap.has_data:
            self._tenant_write_figure(sheet, row, col, kpi.unit, snap.value, fmt)
        else:
            sheet.write_string(row, col, self.env._("No data"), fmt["no_data"])

    def _tenant_write_change(self, sheet, row, col, kpi, snap, before, fmt):
        """This month's figure less the previous month's (points for a percentage)."""
        if not (snap and snap.has_data and before and before.has_data):
            sheet.write_string(row, col, self.env._("No data"), fmt["no_data"])
            return
        change = snap.value - before.value
        if kpi.unit == "percent":
            sheet.write_number(row, col, change / 100.0, fmt["change_percent"])
        else:
            sheet.write_number(row, col, change, fmt.get(f"change_{kpi.unit}", fmt["int"]))

    # The streamed lists -------------------------------------------------------------------------

    def _tenant_join_name(self, query, alias, column, comodel, link):
        """The (translated) name of the record ``alias.column`` points to, LEFT JOINed to ``query``."""
        Comodel = self.env[comodel]
        joined = query.left_join(alias, column, Comodel._table, "id", link)
        return Comodel._field_to_sql(joined, "name", query)

    def _tenant_local(self, alias, column, tz):
        """A UTC datetime column in the time zone ``tz``, as a naive datetime."""
        return SQL("(%s AT TIME ZONE 'UTC') AT TIME ZONE %s", SQL.identifier(alias, column), tz)

    def _tenant_html_text(self, column):
        """The text of an HTML column, in SQL: tags dropped, runs of white space made one space, the
        entities Odoo's sanitizer writes decoded (``&amp;`` last, so that ``&amp;lt;`` stays ``&lt;``).
        Done by PostgreSQL: no Python work per row."""
        text = SQL("btrim(regexp_replace(regexp_replace(%s, '<[^>]*>', ' ', 'g'), '\\s+', ' ', 'g'))", column)
        for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&nbsp;", " ")):
            text = SQL("replace(%s, %s, %s)", text, entity, char)
        return SQL("replace(%s, '&amp;', '&')", text)

    def _tenant_selection_labels(self, model, fname):
        return dict(self.env[model]._fields[fname]._description_selection(self.env))

    def _tenant_ticket_columns(self):
        """The ticket list's columns: ``(header, field, kind, sql(query, tz), labels)``. ``field`` is
        the ticket field whose groups decide whether the user gets the column; ``kind`` how a value
        is written (``text`` always as text, whatever it looks like)."""
        T = "tenant.ticket"

        def own(fname):
            return lambda q, tz: SQL.identifier(q.table, fname)

        def local(fname):
            return lambda q, tz: self._tenant_local(q.table, fname, tz)

        def name_of(fname, comodel):
            return lambda q, tz: self._tenant_join_name(q, q.table, fname, comodel, fname)

        def unit_code(q, tz):
            unit = q.left_join(q.table, "unit_id", "tenant_unit", "id", "unit_id")
            return SQL.identifier(unit, "code")

        def assignee(q, tz):
            user = q.left_join(q.table, "user_id", "res_users", "id", "user_id")
            partner = q.left_join(user, "partner_id", "res_partner", "id", "partner_id")
            return SQL.identifier(partner, "name")

        def description(q, tz):
            return self._tenant_html_text(SQL.identifier(q.table, "description"))

        sel = self._tenant_selection_labels
        return [
            (self.env._("Number"), "number", "text", own("number"), None),
            (self.env._("Reported on"), "reported_date", "datetime", local("reported_date"), None),
            (self.env._("Title"), "name", "text", own("name"), None),
            (self.env._("Type"), "kind", "selection", own("kind"), sel(T, "kind")),
            (
                self.env._("Category"),
                "category_id",
                "text",
                name_of("category_id", "tenant.ticket.category"),
                None,
            ),
            (self.env._("Urgency"), "urgency", "selection", own("urgency"), sel(T, "urgency")),
            (self.env._("Property"), "property_id", "text", name_of("property_id", "tenant.property"), None),
            (self.env._("Unit"), "unit_id", "text", unit_code, None),
            (self.env._("Reporter"), "partner_id", "text", name_of("partner_id", "res.partner"), None),
            (self.env._("Reporter phone"), "partner_phone", "text", own("partner_phone"), None),
            (self.env._("Team"), "team_id", "text", name_of("team_id", "tenant.team"), None),
            (self.env._("Assigned to"), "user_id", "text", assignee, None),
            (self.env._("Stage"), "stage_id", "text", name_of("stage_id", "tenant.ticket.stage"), None),
            (
                self.env._("First response"),
                "first_response_date",
                "datetime",
                local("first_response_date"),
                None,
            ),
            (self.env._("Resolved on"), "resolved_date", "datetime", local("resolved_date"), None),
            (self.env._("Response time (min)"), "response_minutes", "minutes", own("response_minutes"), None),
            (
                self.env._("Resolution time (min)"),
                "resolution_minutes",
                "minutes",
                own("resolution_minutes"),
                None,
            ),
            (self.env._("Description"), "description", "html", description, None),
        ]

    def _tenant_sla_columns(self):
        """The SLA list's columns, as _tenant_ticket_columns."""
        L = "tenant.ticket.sla"

        def own(fname):
            return lambda q, tz: SQL.identifier(q.table, fname)

        def local(fname):
            return lambda q, tz: self._tenant_local(q.table, fname, tz)

        def ticket(q):
            return q.left_join(q.table, "ticket_id", "tenant_ticket", "id", "ticket_id")

        def ticket_field(fname):
            return lambda q, tz: SQL.identifier(ticket(q), fname)

        def ticket_name_of(fname, comodel):
            return lambda q, tz: self._tenant_join_name(q, ticket(q), fname, comodel, fname)

        def policy(q, tz):
            return self._tenant_join_name(q, q.table, "policy_id", "tenant.sla.policy", "policy_id")

        def target(q, tz):
            joined = q.left_join(q.table, "policy_id", "tenant_sla_policy", "id", "policy_id")
            return SQL.identifier(joined, "target")

        targets = dict(self.env["tenant.sla.policy"]._fields["target"]._description_selection(self.env))
        return [
            (self.env._("Ticket"), "ticket_id", "text", ticket_field("number"), None),
            (self.env._("Title"), "ticket_id", "text", ticket_field("name"), None),
            (
                self.env._("Property"),
                "ticket_id",
                "text",
                ticket_name_of("property_id", "tenant.property"),
                None,
            ),
            (self.env._("Team"), "ticket_id", "text", ticket_name_of("team_id", "tenant.team"), None),
            (self.env._("SLA policy"), "policy_id", "text", policy, None),
            (self.env._("Target"), "policy_id", "selection", target, targets),
            (
                self.env._("Status"),
                "status",
                "selection",
                own("status"),
                self._tenant_selection_labels(L, "status"),
            ),
            (self.env._("Started"), "start_date", "datetime", local("start_date"), None),
            (self.env._("Deadline"), "deadline", "datetime", local("deadline"), None),
            (self.env._("Reached"), "reached_date", "datetime", local("reached_date"), None),
        ]

    def _tenant_write_tickets(self, path, domain):
        self._tenant_write_list(
            path, "tenant.ticket", domain, self._tenant_ticket_columns(), self.env._("Tickets")
        )

    def _tenant_write_sla_lines(self, path, domain):
        self._tenant_write_list(
            path, "tenant.ticket.sla", domain, self._tenant_sla_columns(), self.env._("SLA lines")
        )

    def _tenant_write_list(self, path, model, domain, columns, title):
        """Stream the records of ``model`` matching ``domain`` that this user may read into a
        one-sheet workbook at ``path``.

        Rows are read by SQL built on ``_search(domain)`` in this user's environment, so the record
        rules apply; a column whose field this user may not read (field groups) is left out. Batches
        are keyset ones (``id > last``, ordered by id): each reads through the index, however far
        into the list. Resident text is always written as text (``write_string``): a title
        ``=HYPERLINK(...)`` or a phone ``+86 138...`` stays what was typed.
        """
        Model = self.env[model]
        columns = [c for c in columns if Model._fields[c[1]].is_accessible(self.env)]
        tz = self._tenant_user_tz()
        book = xlsxwriter.Workbook(path, STREAM_OPTIONS)
        fmt = self._tenant_formats(book)
        sheet = book.add_worksheet(self._tenant_sheet_name(title, set()))
        sheet.freeze_panes(1, 0)
        for col, (header, _fname, kind, _sql, _labels) in enumerate(columns):
            width = {"text": 22, "html": 50, "datetime": 17}.get(kind, 12)
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, header, fmt["header"])
        writers = [self._tenant_cell_writer(sheet, kind, labels, fmt) for _h, _f, kind, _s, labels in columns]
        row, last = 1, 0
        while True:
            query = Model._search([*domain, ("id", ">", last)], order="id", limit=EXPORT_BATCH)
            select = [SQL.identifier(query.table, "id")] + [
                build(query, tz) for _h, _f, _k, build, _l in columns
            ]
            rows = self.env.execute_query(query.select(*select))
            for record in rows:
                for col, value in enumerate(record[1:]):
                    if value is not None:
                        writers[col](row, col, value)
                row += 1
            if len(rows) < EXPORT_BATCH:
                break
            last = rows[-1][0]
        sheet.autofilter(0, 0, max(row - 1, 0), len(columns) - 1)
        book.close()
        return row - 1

    def _tenant_cell_writer(self, sheet, kind, labels, fmt):
        """The function that writes one value of a column of ``kind``."""
        if kind in ("text", "html"):
            # No format: a plain cell (xlsxwriter cuts what passes Excel's 32,767 characters).
            return sheet.write_string
        if kind == "selection":
            return lambda r, c, v: sheet.write_string(r, c, labels.get(v, v))
        if kind == "datetime":
            stamp = fmt["datetime"]
            return lambda r, c, v: sheet.write_datetime(r, c, v, stamp)
        number = fmt["minutes"] if kind == "minutes" else fmt["int"]
        return lambda r, c, v: sheet.write_number(r, c, v, number)

    # Helpers for callers ------------------------------------------------------------------------

    def _tenant_previous_month(self, company):
        """The first day of the firm's previous month."""
        return company._tenant_today().replace(day=1) - relativedelta(months=1)
