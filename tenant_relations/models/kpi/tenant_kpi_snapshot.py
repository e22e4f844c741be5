# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_unique_index

STATUSES = [("no_data", "No data"), ("good", "On target"), ("warning", "Near target"), ("bad", "Off target")]
# The keys of a row, empty ones included (COALESCE): the unique index and the upsert's conflict
# target must be the same expressions, or PostgreSQL does not match them.
UNIQUE_KEYS = (
    "kpi_id",
    "period_start",
    "company_id",
    "level",
    "COALESCE(property_id, 0)",
    "COALESCE(team_id, 0)",
    "COALESCE(user_id, 0)",
)
# Odoo's colour indexes: grey, green, orange, red.
STATUS_COLORS = {"no_data": 0, "good": 10, "warning": 2, "bad": 1}
ALERT_TYPE = "tenant_relations.mail_activity_type_kpi_alert"
DASHBOARD_ACTION = "tenant_relations.tenant_kpi_snapshot_action_dashboard"


class TenantKpiSnapshot(models.Model):
    """A KPI's figure for one period, property, team (or staff member), stored by a scheduled job so
    that trends survive archived records and changed policies.

    One row per (KPI, period start, company, level, property, team, staff member), empty keys included:
    a unique index over the COALESCEd keys, written by an upsert, so a period recomputed replaces
    its rows.
    """

    _name = "tenant.kpi.snapshot"
    _description = "KPI Snapshot"
    _order = "period_start desc, kpi_id, property_id, team_id, user_id"

    kpi_id = fields.Many2one("tenant.kpi", required=True, index=True, ondelete="cascade")
    measure = fields.Selection(related="kpi_id.measure", store=True)
    unit = fields.Selection(related="kpi_id.unit")
    company_id = fields.Many2one("res.company", required=True, index=True)
    level = fields.Selection(
        [("company", "Company"), ("property", "Property"), ("team", "Team"), ("staff", "Staff member")],
        required=True,
        help="What the row totals: the company, a property, a team of a property (an empty team: the "
        "tickets without a team), or a staff member (of a property, or of all of them).",
    )
    property_id = fields.Many2one("tenant.property", index=True, ondelete="cascade")
    team_id = fields.Many2one("tenant.team", index="btree_not_null", ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Staff Member", index="btree_not_null", ondelete="cascade")
    period = fields.Selection([("month", "Month"), ("quarter", "Quarter")], required=True)
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True, help="The first day after the period.")
    numerator = fields.Float(help="What counts (e.g. tickets answered in time).")
    denominator = fields.Float(help="Out of how many (e.g. urgent tickets).")
    value = fields.Float(
        aggregator="avg", help="The figure in the KPI's unit; meaningless when there is no data."
    )
    has_data = fields.Boolean()
    target = fields.Float(aggregator="avg", help="The KPI's target when the figure was computed.")
    status = fields.Selection(STATUSES, required=True, default="no_data")
    computed_on = fields.Datetime()
    alerted = fields.Boolean(help="The manager was told that this figure misses its target.")
    is_latest = fields.Boolean(
        string="Latest Period",
        index="btree_not_null",
        help="The row belongs to the latest period computed for its KPI and company: the dashboard's cards.",
    )
    value_display = fields.Char(string="Figure", compute="_compute_value_display")
    target_display = fields.Char(string="Target Figure", compute="_compute_value_display")
    scope_display = fields.Char(string="For", compute="_compute_scope_display")
    color = fields.Integer(compute="_compute_color", help="The card's colour: its status.")

    def init(self):
        result = super().init()
        create_unique_index(self.env.cr, "tenant_kpi_snapshot_unique_row", self._table, list(UNIQUE_KEYS))
        return result

    @api.depends("value", "has_data", "target", "kpi_id.unit")
    def _compute_value_display(self):
        for snapshot in self:
            snapshot.value_display = (
                snapshot._tenant_format(snapshot.value) if snapshot.has_data else self.env._("No data")
            )
            snapshot.target_display = snapshot._tenant_format(snapshot.target)

    @api.depends("status")
    def _compute_color(self):
        for snapshot in self:
            snapshot.color = STATUS_COLORS[snapshot.status]

    @api.depends("level", "company_id", "property_id", "team_id", "user_id")
    def _compute_scope_display(self):
        for snapshot in self:
            if snapshot.level == "company":
                snapshot.scope_display = snapshot.company_id.name
            elif snapshot.level == "property":
                snapshot.scope_display = snapshot.property_id.display_name
            elif snapshot.level == "team":
                snapshot.scope_display = " / ".join(
                    (
                        snapshot.property_id.display_name or "",
                        snapshot.team_id.display_name or self.env._("No team"),
                    )
                )
            else:
                snapshot.scope_display = " / ".join(
                    (
                        snapshot.property_id.display_name or self.env._("All properties"),
                        snapshot.user_id.display_name or self.env._("Unassigned"),
                    )
                )

    # Actions ------------------------------------------------------------------------------------

    @api.model
    def action_open_trends(self):
        """KPI Trends: each KPI's figure period by period, one line per KPI (and per property for
        staff). A manager's lines are the company's figures; staff, who do not read those, get
        their properties'. Periods without data are left out rather than drawn as zeros."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tenant_relations.tenant_kpi_snapshot_action_trends"
        )
        manager = self.env.user.has_group("tenant_relations.group_tenant_relations_manager")
        level = "company" if manager else "property"
        groupbys = (
            ["period_start:month", "kpi_id"] if manager else ["period_start:month", "kpi_id", "property_id"]
        )
        action["domain"] = [("has_data", "=", True), ("level", "=", level)]
        # Monthly KPIs first: a quarter's figure drawn among months would read as a month's.
        action["context"] = {
            "graph_groupbys": groupbys,
            "pivot_row_groupby": groupbys[1:],
            "search_default_monthly": 1,
        }
        return action

    def action_view_records(self):
        """The records behind the figure: the KPI's own domain re-run for the row's period (cut at
        the firm's midnights), narrowed to the row's property, team or staff member. Opened as the
        user: their record rules apply to what they see."""
        self.ensure_one()
        model, domain = self._tenant_drill_domain()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(kpi)s: %(scope)s, %(period)s",
                kpi=self.kpi_id.display_name,
                scope=self.scope_display,
                period=self._tenant_period_label(),
            ),
            "res_model": model,
            "domain": domain,
            "views": [(False, "list"), (False, "form")],
            "context": {"create": False},
        }

    # Computing ----------------------------------------------------------------------------------

    @api.model
    def _tenant_compute(self, kpis, company, day):
        """Store the rows of ``kpis`` for ``company``'s period (each KPI's own) holding ``day``, for
        every level the measures return, and alert the managers of properties and teams off target.

        The rows are written by ONE upsert on the unique index of the COALESCEd keys, so a rerun
        replaces the figures (the ``alerted`` flag is kept: one alert per period); the period's rows a
        measure no longer returns are deleted. Figures are the job's (computed as superuser by the
        measures): who reads them is the snapshots' record rules' business.
        """
        if not kpis:
            return self.browse()
        # The measures read their tables in SQL (working minutes, GROUPING SETS): what the ORM
        # still holds in memory must be written first, whichever model a measure reads.
        self.env.flush_all()
        now = fields.Datetime.now()
        columns = {
            name: []
            for name in (
                "kpi_id",
                "measure",
                "level",
                "property_id",
                "team_id",
                "user_id",
                "period",
                "period_start",
                "period_end",
                "numerator",
                "denominator",
                "value",
                "has_data",
                "target",
                "status",
            )
        }
        periods = {"kpi_id": [], "period_start": []}
        # Every property shows every KPI, "No data" included: a property with nothing to count in
        # the period gets its row (a card) all the same, never a missing one or a zero.
        # sudo: the job's rows, for every property of the company; the rules decide who reads them.
        property_ids = self.env["tenant.property"].sudo().search([("company_id", "=", company.id)]).ids
        for kpi in kpis:
            first, following, utc_from, utc_to = company._tenant_period_bounds(day, kpi.period)
            target = kpi._tenant_target()
            periods["kpi_id"].append(kpi.id)
            periods["period_start"].append(first)
            rows = kpi._tenant_measure(company, utc_from, utc_to)
            measured = {row["property_id"] for row in rows if row["level"] == "property"}
            rows += [
                {
                    "level": "property",
                    "property_id": property_id,
                    "team_id": None,
                    "user_id": None,
                    "numerator": None,
                    "denominator": 0.0,
                    "value": None,
                }
                for property_id in property_ids
                if property_id not in measured
            ]
            for row in rows:
                value = row["value"]
                for name, cell in (
                    ("kpi_id", kpi.id),
                    ("measure", kpi.measure),
                    ("level", row["level"]),
                    ("property_id", row["property_id"]),
                    ("team_id", row["team_id"]),
                    ("user_id", row["user_id"]),
                    ("period", kpi.period),
                    ("period_start", first),
                    ("period_end", following),
                    ("numerator", row["numerator"]),
                    ("denominator", row["denominator"]),
                    ("value", value),
                    ("has_data", value is not None),
                    ("target", target),
                    ("status", kpi._tenant_status(value)),
                ):
                    columns[name].append(cell)
        types = {
            "kpi_id": "int4",
            "measure": "varchar",
            "level": "varchar",
            "property_id": "int4",
            "team_id": "int4",
            "user_id": "int4",
            "period": "varchar",
            "period_start": "date",
            "period_end": "date",
            "numerator": "float8",
            "denominator": "float8",
            "value": "float8",
            "has_data": "bool",
            "target": "float8",
            "status": "varchar",
        }
        names = list(columns)
        updated = [
            name for name in names if name not in ("kpi_id", "level", "property_id", "team_id", "user_id")
        ]
        uid = self.env.uid
        query = SQL(
            """
            INSERT INTO tenant_kpi_snapshot (%(names)s, company_id, computed_on, is_latest,
                                             create_uid, create_date, write_uid, write_date)
                 SELECT %(names)s, %(company)s, %(now)s, FALSE, %(uid)s, %(now)s, %(uid)s, %(now)s
                   FROM unnest(%(arrays)s) AS rows(%(names)s)
            ON CONFLICT (%(keys)s) DO UPDATE SET %(updates)s
              RETURNING id
            """,
            names=SQL(", ").join(SQL.identifier(name) for name in names),
            company=company.id,
            now=now,
            uid=uid,
            arrays=SQL(", ").join(SQL("%s::%s[]", columns[name], SQL(types[name])) for name in names),
            keys=SQL(", ").join(SQL(key) for key in UNIQUE_KEYS),
            updates=SQL(", ").join(
                SQL("%s = EXCLUDED.%s", SQL.identifier(name), SQL.identifier(name))
                for name in [*updated, "computed_on", "write_uid", "write_date"]
            ),
        )
        ids = [row[0] for row in self.env.execute_query(query)] if columns["kpi_id"] else []
        # The period's rows that the measures no longer return (a team gone, a ticket moved).
        period_rows = SQL(
            "company_id = %s AND (kpi_id, period_start) IN (SELECT * FROM unnest(%s::int4[], %s::date[]))",
            company.id,
            periods["kpi_id"],
            periods["period_start"],
        )
        self.env.cr.execute(
            SQL("DELETE FROM tenant_kpi_snapshot WHERE %s AND NOT (id = ANY(%s::int4[]))", period_rows, ids)
        )
        # The dashboard's cards: the latest period computed of each KPI of the company.
        self.env.cr.execute(
            SQL(
                """
                UPDATE tenant_kpi_snapshot s
                   SET is_latest = (s.period_start = latest.period_start)
                  FROM (SELECT kpi_id, max(period_start) AS period_start FROM tenant_kpi_snapshot
                         WHERE company_id = %(company)s AND kpi_id = ANY(%(kpis)s) GROUP BY kpi_id) latest
                 WHERE s.company_id = %(company)s AND s.kpi_id = latest.kpi_id
                   AND s.is_latest IS DISTINCT FROM (s.period_start = latest.period_start)
                """,
                company=company.id,
                kpis=kpis.ids,
            )
        )
        self.invalidate_model()
        snapshots = self.browse(ids)
        snapshots._tenant_alert_off_target()
        return snapshots

    @api.model
    def _cron_compute_snapshots(self):
        """Daily: each company's active KPIs for the current period and the previous one (answers
        and resolutions that come late still land in the period they belong to), in the firm's time
        zone. Safe to run twice: the upsert replaces, the alerts go once."""
        companies = self.env["res.company"].search([("active", "=", True)])
        kpis = self.env["tenant.kpi"].search(self._get_tenant_cron_kpi_domain())
        done = 0
        for company in companies:
            company_kpis = kpis.filtered(
                lambda kpi, company=company: not kpi.company_id or kpi.company_id == company
            )
            today = company._tenant_today()
            for period in set(company_kpis.mapped("period")):
                of_period = company_kpis.filtered(lambda kpi, period=period: kpi.period == period)
                first = company._tenant_period_bounds(today, period)[0]
                for day in (first - relativedelta(days=1), today):
                    self._tenant_compute(of_period, company, day)
            done += 1
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(companies) - done)

    # Private ------------------------------------------------------------------------------------

    @api.model
    def _get_tenant_cron_kpi_domain(self):
        """Hook: the KPIs the scheduled job computes."""
        return [("active", "=", True)]

    def _tenant_format(self, value):
        """``value`` in the row's KPI unit, as read on a card (92.5 %, 35 min)."""
        self.ensure_one()
        unit = self.kpi_id.unit
        shown = f"{value:.1f}".rstrip("0").rstrip(".") if unit != "count" else f"{value:.0f}"
        if unit == "percent":
            return self.env._("%(value)s %%", value=shown)
        if unit == "minutes":
            return self.env._("%(value)s min", value=shown)
        if unit == "days":
            return self.env._("%(value)s d", value=shown)
        return shown

    def _tenant_period_label(self):
        """The period as people say it: 2025-03, or 2025 Q1."""
        self.ensure_one()
        start = self.period_start
        if self.period == "quarter":
            return self.env._("%(year)s Q%(quarter)s", year=start.year, quarter=(start.month - 1) // 3 + 1)
        return start.strftime("%Y-%m")

    def _tenant_drill_domain(self):
        """(model, domain) of the records behind this row: the KPI's drill for the period, plus the
        row's property, team or staff member on the drilled model when it has those fields."""
        self.ensure_one()
        company = self.company_id
        date_from = company._tenant_utc_midnight(self.period_start)
        date_to = company._tenant_utc_midnight(self.period_end)
        model, domain = self.kpi_id._tenant_drill(company, date_from, date_to)
        keys = {
            "company": (),
            "property": ("property_id",),
            "team": ("property_id", "team_id"),
            "staff": ("property_id", "user_id") if self.property_id else ("user_id",),
        }[self.level]
        fields_of = self.env[model]._fields
        domain = list(domain)
        for name in keys:
            if name in fields_of:
                domain.append((name, "=", self[name].id or False))
        return model, domain

    def _tenant_alert_recipient(self):
        """Who is told that the row misses: a team's leader, else the property's manager."""
        self.ensure_one()
        # sudo: the job addresses the alert, whoever triggered the computation.
        return (self.level == "team" and self.sudo().team_id.leader_id) or self.sudo().property_id.manager_id

    def _tenant_alert_off_target(self):
        """One activity ('KPI off target', on the property) and one e-mail to the manager of each
        property or team row that is off target, once per (KPI, property or team, period): the
        ``alerted`` flag, kept by the upsert, holds off a second on a recompute or the next run. A row
        without anyone to tell stays unalerted (told once a manager is set and the job runs)."""
        rows = self.filtered(
            lambda row: (
                row.status == "bad"
                and not row.alerted
                and row.kpi_id.alert
                and row.level in ("property", "team")
                and row.property_id
            )
        )
        told = self.browse()
        for row in rows:
            recipient = row._tenant_alert_recipient()
            if not recipient:
                continue
            row._tenant_send_alert(recipient)
            told |= row
        # sudo: the flag is the job's, written whoever triggered the computation.
        told.sudo().alerted = True

    def _tenant_send_alert(self, recipient):
        """The activity and the e-mail, in the firm's language (the job runs in no one's)."""
        self.ensure_one()
        company = self.company_id
        row = self.with_context(lang=company._tenant_lang())
        env = row.env
        url = f"{row.get_base_url()}/odoo/action-{DASHBOARD_ACTION}"
        summary = env._(
            "%(kpi)s off target at %(scope)s (%(period)s)",
            kpi=row.kpi_id.display_name,
            scope=row.scope_display,
            period=row._tenant_period_label(),
        )
        text = env._(
            "%(kpi)s at %(scope)s for %(period)s: %(value)s, the target is %(target)s.",
            kpi=row.kpi_id.display_name,
            scope=row.scope_display,
            period=row._tenant_period_label(),
            value=row.value_display,
            target=row.target_display,
        )
        body = Markup("<p>%s</p><p><a href='%s'>%s</a></p>") % (text, url, env._("Open the KPI dashboard"))
        # sudo: the job writes on the property and mails its manager, whoever triggered it; the
        # assignment's own notification is off (one e-mail, the one below).
        prop = row.property_id.sudo().with_context(mail_activity_quick_update=True)
        prop.activity_schedule(ALERT_TYPE, user_id=recipient.id, summary=summary, note=body)
        env["mail.mail"].sudo().create(
            {
                "subject": summary,
                "body_html": body,
                "email_from": company._tenant_mail_sender(),
                "recipient_ids": [fields.Command.link(recipient.partner_id.id)],
                "model": "tenant.property",
                "res_id": prop.id,
                "auto_delete": True,
            }
        )

    # Demo ---------------------------------------------------------------------------------------

    @api.model
    def _tenant_demo_history(self, months=6):
        """Demo databases only: the snapshots of the last ``months`` months and of this one, as the
        daily job would have stored them, so that the dashboard's trends have a past."""
        kpis = self.env["tenant.kpi"].search([("active", "=", True)])
        for company in self.env["res.company"].search([("active", "=", True)]):
            today = company._tenant_today()
            for back in range(months, -1, -1):
                self._tenant_compute(kpis, company, today - relativedelta(months=back))
