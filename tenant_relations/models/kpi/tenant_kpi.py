# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..resident.tenant_occupancy import HOLDER_ROLES

# The measures the base addon computes. Another addon adds its own with
#     measure = fields.Selection(selection_add=[("code", "Label")], ondelete={"code": "cascade"})
# and a method ``_tenant_measure_<code>`` (and ``_tenant_drill_<code>``), see below: the base never
# names the addons that extend it.
BASE_MEASURES = [
    ("urgent_response", "Urgent items answered in time"),
    ("complaint_resolution", "Complaints solved in time"),
    ("first_response_median", "Median first response"),
    ("resolution_rate", "Resolution rate"),
    ("reopen_rate", "Reopen rate"),
    ("visit_on_time", "Return visits done on time"),
    ("notice_ack_rate", "Notice acknowledgement rate"),
    ("referral_share", "Referral share of new residents"),
]


class TenantKpi(models.Model):
    """A KPI (关键指标): what is measured (a measure of the registry), its target, its warning band,
    which way is better, and over which period.

    The contract of a measure ``code``, implemented as methods of this model:

    ``_tenant_measure_<code>(company, date_from, date_to)``
        The figures of the period ``[date_from, date_to)`` (naive UTC datetimes, the firm's midnights,
        see res.company._tenant_period_bounds), of every property and team of ``company``, computed
        in SQL with GROUPING SETS (_tenant_rows_from, the one grouping of every measure): a list of
        dicts with keys ``level`` (``company``, ``property``, ``team`` or ``staff``), ``property_id``,
        ``team_id`` and ``user_id`` (ids or None: at level ``team`` a None team is the tickets without
        a team; at level ``staff`` a None property is the staff member over every property),
        ``numerator``, ``denominator``
        (floats: what counts and out of how many; for a median, the denominator is the count and the
        numerator None) and ``value`` (the figure in the KPI's unit, None when there is no data:
        never a zero standing for nothing). Rows: (property, team), (property), () for every KPI,
        plus (property, user) and (user) for a KPI of ``scope`` staff. Run as the scheduled job
        runs (sudo): the snapshot's own rules decide who reads the figures.

    ``_tenant_drill_<code>(company, date_from, date_to)``
        ``(model name, domain)`` of the records behind the figure (the dashboard's button adds the
        property, team or staff member of the snapshot).
    """

    _name = "tenant.kpi"
    _description = "KPI"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: every company.")
    measure = fields.Selection(BASE_MEASURES, required=True)
    description = fields.Text(translate=True, help="The exact definition: what counts, on which clock.")
    unit = fields.Selection(
        [("percent", "%"), ("minutes", "Minutes"), ("days", "Days"), ("count", "Count")],
        required=True,
        default="percent",
    )
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")], required=True, default="higher"
    )
    target = fields.Float(required=True, help="The figure to reach, in the KPI's unit.")
    warning_band = fields.Float(
        help="How far on the wrong side of the target the figure may be before it is red; within the "
        "band it is orange."
    )
    threshold_minutes = fields.Float(
        string="Within (minutes)",
        help="For the measures counted against a time limit (answered within 30 minutes, solved within "
        "24 hours): the limit, in calendar minutes.",
    )
    period = fields.Selection([("month", "Month"), ("quarter", "Quarter")], required=True, default="month")
    scope = fields.Selection(
        [("team", "Properties and teams"), ("staff", "Staff members too")], required=True, default="team"
    )
    alert = fields.Boolean(
        default=True, help="Give the property's manager an activity and an e-mail when the figure misses."
    )

    @api.constrains("unit", "target", "warning_band", "threshold_minutes")
    def _check_target(self):
        for kpi in self:
            if kpi.unit == "percent" and not 0 <= kpi.target <= 100:
                raise ValidationError(
                    self.env._("The target of %(kpi)s is a percentage: between 0 and 100.", kpi=kpi.name)
                )
            if kpi.target < 0 or kpi.warning_band < 0 or kpi.threshold_minutes < 0:
                raise ValidationError(
                    self.env._(
                        "The target, warning band and time limit of %(kpi)s cannot be negative.", kpi=kpi.name
                    )
                )

    def _tenant_target(self):
        """The target the figures are held to: the record's, unless the measure's addon keeps its own
        (the survey addon's satisfaction target is a setting, read here by overriding this)."""
        self.ensure_one()
        return self.target

    def _tenant_status(self, value):
        """``no_data``, ``good``, ``warning`` or ``bad``: ``value`` against the target and band."""
        self.ensure_one()
        if value is None:
            return "no_data"
        target = self._tenant_target()
        gap = value - target if self.direction == "higher" else target - value
        if gap >= 0:
            return "good"
        return "warning" if -gap <= self.warning_band else "bad"

    def _tenant_measure(self, company, date_from, date_to):
        """This KPI's rows for the period (see the class docstring), from its measure's method."""
        self.ensure_one()
        rows = getattr(self, f"_tenant_measure_{self.measure}")(company, date_from, date_to)
        return [row for row in rows if row]

    def _tenant_drill(self, company, date_from, date_to):
        self.ensure_one()
        return getattr(self, f"_tenant_drill_{self.measure}")(company, date_from, date_to)

    # Measures over tickets ------------------------------------------------------------------------

    def _tenant_ticket_rows(self, company, date_from, date_to, domain, numerator):
        """Rows of a ratio over the tickets of ``domain`` (already limited to the period): the
        ``numerator`` SQL condition counts among them, as a percentage; grouped by
        _tenant_rows_from (teams, and staff for a staff KPI)."""
        self.ensure_one()
        Ticket = self.env["tenant.ticket"].sudo()  # sudo: the job's figures; snapshot rules decide who reads
        query = Ticket._search([("company_id", "=", company.id), *domain])
        inner = query.select(
            SQL(
                "%s AS property_id, %s AS team_id, %s AS user_id, COALESCE(%s, FALSE) AS hit",
                *(SQL.identifier(query.table, name) for name in ("property_id", "team_id", "user_id")),
                numerator,
            )
        )
        return self._tenant_rows_from(inner, self._tenant_ratio(SQL("r.hit")), team=True, staff=True)

    @api.model
    def _tenant_row(self, keys, numerator, denominator, value):
        """A measure's row (see the class docstring) from the keys _tenant_rows_from selects; None
        for a group that is no row of its own."""
        prop, team, user, grouping = keys
        if grouping == 2 and prop is None:
            # A staff member's tickets without a property: their row (no property) would have
            # the keys of the staff member's row over every property (set (staff member)), which
            # counts them already. None: _tenant_measure leaves it out.
            return None
        # GROUPING bits: 4 property not grouped, 2 team not grouped, 1 staff member not grouped.
        level = {7: "company", 3: "property", 1: "team", 2: "staff", 6: "staff"}[grouping]
        return {
            "level": level,
            "property_id": prop,
            "team_id": team if level == "team" else None,
            "user_id": user if level == "staff" else None,
            "numerator": numerator,
            "denominator": denominator,
            "value": value,
        }

    def _tenant_urgent_domain(self, date_from, date_to):
        return [
            ("urgency", "=", "urgent"),
            ("reported_date", ">=", date_from),
            ("reported_date", "<", date_to),
        ]

    def _tenant_measure_urgent_response(self, company, date_from, date_to):
        """Urgent tickets reported in the period; answered in time: a first response within
        ``threshold_minutes`` calendar minutes of the report (exactly at the limit counts)."""
        limit = self.threshold_minutes or 30
        return self._tenant_ticket_rows(
            company,
            date_from,
            date_to,
            self._tenant_urgent_domain(date_from, date_to),
            SQL(
                '"tenant_ticket".first_response_date IS NOT NULL'
                ' AND COALESCE("tenant_ticket".response_minutes, 0) <= %s',
                limit,
            ),
        )

    def _tenant_drill_urgent_response(self, company, date_from, date_to):
        return "tenant.ticket", [
            ("company_id", "=", company.id),
            *self._tenant_urgent_domain(date_from, date_to),
        ]

    # Shared by the measures below --------------------------------------------------------------

    def _tenant_rows_from(self, inner, aggregates, team=False, staff=False):
        """Rows of a measure over ``inner``, a SQL subquery of one row per counted record with
        columns ``property_id``, ``team_id`` and ``user_id`` (NULL where the model has none) and
        whatever ``aggregates`` reads; ``aggregates`` selects numerator, denominator and value over
        the alias ``r``. Grouped by (property, team) when ``team``, (property), () and, for a
        staff KPI when ``staff``, (property, staff member) and (staff member): one query.

        The empty grouping set gives a row even without any record (denominator 0, value NULL):
        an empty period is "no data", never a zero.
        """
        self.ensure_one()
        self.env.flush_all()  # the subquery reads stored columns its domain does not name
        staff = staff and self.scope == "staff"
        sets = ["(r.property_id)", "()"]
        if team:
            sets.insert(0, "(r.property_id, r.team_id)")
        if staff:
            sets += ["(r.property_id, r.user_id)", "(r.user_id)"]
        # The GROUPING bitmask of _tenant_row: a key never grouped by counts as not grouped.
        team_bit = "GROUPING(r.team_id) * 2" if team else "2"
        staff_bit = "GROUPING(r.user_id)" if staff else "1"
        grouping = f"GROUPING(r.property_id) * 4 + {team_bit} + {staff_bit}"
        rows = self.env.execute_query(
            SQL(
                "SELECT r.property_id, %s, %s, %s, %s FROM (%s) AS r GROUP BY GROUPING SETS (%s)",
                SQL("r.team_id" if team else "NULL::int"),
                SQL("r.user_id" if staff else "NULL::int"),
                SQL(grouping),
                aggregates,
                inner,
                SQL(", ".join(sets)),
            )
        )
        return [
            self._tenant_row(
                keys,
                None if numerator is None else float(numerator),
                float(denominator or 0),
                None if value is None or not denominator else float(value),
            )
            for *keys, numerator, denominator, value in rows
        ]

    @api.model
    def _tenant_ratio(self, condition):
        """numerator, denominator, value (a percentage) of the rows of ``r`` meeting ``condition``."""
        return SQL(
            "COUNT(*) FILTER (WHERE %(c)s), COUNT(*), "
            "100.0 * COUNT(*) FILTER (WHERE %(c)s) / NULLIF(COUNT(*), 0)",
            c=condition,
        )

    @api.model
    def _tenant_period_days(self, company, date_from, date_to):
        """The firm's days ``[first, following)`` of the period given by its UTC bounds (the
        firm's midnights): for the measures counted on dates (visits due, move-in dates)."""
        tz = pytz.timezone(company._tenant_tz())

        def day(moment):
            return pytz.utc.localize(moment).astimezone(tz).date()

        return day(date_from), day(date_to)

    @api.model
    def _tenant_reported_in(self, date_from, date_to):
        """Tickets reported in the period: the clock the ticket measures start from."""
        return [("reported_date", ">=", date_from), ("reported_date", "<", date_to)]

    def _tenant_reported_domain(self, company, date_from, date_to):
        return [("company_id", "=", company.id), *self._tenant_reported_in(date_from, date_to)]

    def _tenant_ticket_drill(self, company, date_from, date_to, domain):
        return "tenant.ticket", [*self._tenant_reported_domain(company, date_from, date_to), *domain]

    # Complaints solved in time --------------------------------------------------------------------

    def _tenant_complaint_domain(self):
        return [("kind", "=", "complaint"), ("complaint_grade", "=", "general")]

    def _tenant_measure_complaint_resolution(self, company, date_from, date_to):
        """General complaints reported in the period; solved in time: resolved, within
        ``threshold_minutes`` calendar minutes of the report, waiting time excluded (exactly at the
        limit counts). A reopened complaint counts by its last resolution; unresolved: not in time."""
        limit = self.threshold_minutes or 1440
        return self._tenant_ticket_rows(
            company,
            date_from,
            date_to,
            [*self._tenant_reported_in(date_from, date_to), *self._tenant_complaint_domain()],
            SQL(
                '"tenant_ticket".resolved_date IS NOT NULL'
                ' AND COALESCE("tenant_ticket".resolution_minutes, 0) <= %s',
                limit,
            ),
        )

    def _tenant_drill_complaint_resolution(self, company, date_from, date_to):
        return self._tenant_ticket_drill(company, date_from, date_to, self._tenant_complaint_domain())

    # Median first response ------------------------------------------------------------------------

    def _tenant_measure_first_response_median(self, company, date_from, date_to):
        """The median calendar minutes to the first response of the tickets reported in the period
        that have one (the hotline answers day and night: an answer at 22:00 took the minutes it
        took); numerator None, denominator their count."""
        Ticket = self.env["tenant.ticket"].sudo()  # sudo: the job's figures; snapshot rules decide who reads
        query = Ticket._search(
            [*self._tenant_reported_domain(company, date_from, date_to), ("first_response_date", "!=", False)]
        )
        inner = query.select(
            SQL(
                # A column written 0.0 over its NULL is not flushed (no change to the ORM): 0.
                "%s AS property_id, %s AS team_id, %s AS user_id, COALESCE(%s, 0) AS minutes",
                *(SQL.identifier(query.table, name) for name in ("property_id", "team_id", "user_id")),
                SQL.identifier(query.table, "response_minutes"),
            )
        )
        return self._tenant_rows_from(
            inner,
            SQL("NULL::float, COUNT(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY r.minutes)"),
            team=True,
            staff=True,
        )

    def _tenant_drill_first_response_median(self, company, date_from, date_to):
        return self._tenant_ticket_drill(company, date_from, date_to, [("first_response_date", "!=", False)])

    # Resolution and reopen rates ------------------------------------------------------------------

    def _tenant_measure_resolution_rate(self, company, date_from, date_to):
        """Tickets reported in the period; resolved: a resolution date (today, for a reopened one)."""
        return self._tenant_ticket_rows(
            company,
            date_from,
            date_to,
            self._tenant_reported_in(date_from, date_to),
            SQL('"tenant_ticket".resolved_date IS NOT NULL'),
        )

    def _tenant_drill_resolution_rate(self, company, date_from, date_to):
        return self._tenant_ticket_drill(company, date_from, date_to, [])

    def _tenant_resolved_once_domain(self):
        return ["|", ("resolved_date", "!=", False), ("reopen_count", ">", 0)]

    def _tenant_measure_reopen_rate(self, company, date_from, date_to):
        """Tickets reported in the period and resolved at least once; reopened: at least once."""
        return self._tenant_ticket_rows(
            company,
            date_from,
            date_to,
            [*self._tenant_reported_in(date_from, date_to), *self._tenant_resolved_once_domain()],
            SQL('COALESCE("tenant_ticket".reopen_count, 0) > 0'),
        )

    def _tenant_drill_reopen_rate(self, company, date_from, date_to):
        return self._tenant_ticket_drill(company, date_from, date_to, self._tenant_resolved_once_domain())

    # Return visits on time ------------------------------------------------------------------------

    def _tenant_visit_domain(self, company, date_from, date_to):
        first, following = self._tenant_period_days(company, date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("state", "!=", "cancelled"),
            ("planned_date", ">=", first),
            ("planned_date", "<", following),
        ]

    def _tenant_measure_visit_on_time(self, company, date_from, date_to):
        """Return visits due (planned) on a day of the period, cancelled ones left out; on time:
        done, and the visit took place on or before its planned day."""
        Visit = self.env["tenant.visit"].sudo()  # sudo: the job's figures; snapshot rules decide who reads
        query = Visit._search(self._tenant_visit_domain(company, date_from, date_to))
        table = query.table
        inner = query.select(
            SQL(
                "%s AS property_id, NULL::int AS team_id, %s AS user_id, "
                "(%s = 'done' AND %s <= %s) AS on_time",
                SQL.identifier(table, "property_id"),
                SQL.identifier(table, "user_id"),
                SQL.identifier(table, "state"),
                SQL.identifier(table, "visit_date"),
                SQL.identifier(table, "planned_date"),
            )
        )
        return self._tenant_rows_from(inner, self._tenant_ratio(SQL("r.on_time")), staff=True)

    def _tenant_drill_visit_on_time(self, company, date_from, date_to):
        return "tenant.visit", self._tenant_visit_domain(company, date_from, date_to)

    # Notices acknowledged -------------------------------------------------------------------------

    def _tenant_notice_recipient_domain(self, company, date_from, date_to):
        return [
            ("company_id", "=", company.id),
            ("wave", "=", "first"),
            ("notice_id.requires_acknowledgement", "=", True),
            ("notice_id.publish_date", ">=", date_from),
            ("notice_id.publish_date", "<", date_to),
        ]

    def _tenant_measure_notice_ack_rate(self, company, date_from, date_to):
        """People a notice asking for an acknowledgement was addressed to, the notice published in
        the period; acknowledged: they confirmed it (whenever). A person counts in the property
        they were addressed through: of their occupancies in the notice's properties (any of the
        company's for a notice to all), the property with the smallest id."""
        Recipient = self.env["tenant.notice.recipient"].sudo()  # sudo: the job's figures (see above)
        query = Recipient._search(self._tenant_notice_recipient_domain(company, date_from, date_to))
        table = SQL.identifier(query.table)
        inner = query.select(
            SQL(
                """(SELECT MIN(occupancy.property_id) FROM tenant_occupancy AS occupancy
                     WHERE occupancy.partner_id = %(t)s.partner_id AND occupancy.company_id = %(company)s
                       AND (NOT EXISTS (SELECT 1 FROM tenant_notice_property_rel AS rel
                                         WHERE rel.notice_id = %(t)s.notice_id)
                            OR occupancy.property_id IN (SELECT rel.property_id
                                                           FROM tenant_notice_property_rel AS rel
                                                          WHERE rel.notice_id = %(t)s.notice_id))
                   ) AS property_id,
                   NULL::int AS team_id, NULL::int AS user_id,
                   %(t)s.acknowledged_date IS NOT NULL AS acknowledged""",
                t=table,
                company=company.id,
            )
        )
        return self._tenant_rows_from(inner, self._tenant_ratio(SQL("r.acknowledged")))

    def _tenant_drill_notice_ack_rate(self, company, date_from, date_to):
        return "tenant.notice.recipient", self._tenant_notice_recipient_domain(company, date_from, date_to)

    # Referral share -------------------------------------------------------------------------------

    def _tenant_referral_domain(self, company, date_from, date_to):
        """New owners and tenants moving in on a day of the period (tenant.property._referral_share's
        population)."""
        first, following = self._tenant_period_days(company, date_from, date_to)
        return [
            ("company_id", "=", company.id),
            ("role", "in", HOLDER_ROLES),
            ("move_in_date", ">=", first),
            ("move_in_date", "<=", following - timedelta(days=1)),
        ]

    def _tenant_measure_referral_share(self, company, date_from, date_to):
        """New owner and tenant occupancies moving in during the period; referred: a converted
        referral points at the occupancy. By property only (occupancies have no team)."""
        Occupancy = self.env["tenant.occupancy"].sudo()  # sudo: the job's figures (see above)
        domain = self._tenant_referral_domain(company, date_from, date_to)
        query = Occupancy._search(domain)
        referred = Occupancy._search([*domain, ("tenant_referral_ids", "!=", False)])
        inner = query.select(
            SQL(
                "%s AS property_id, NULL::int AS team_id, NULL::int AS user_id, %s IN %s AS referred",
                SQL.identifier(query.table, "property_id"),
                SQL.identifier(query.table, "id"),
                referred.subselect(),
            )
        )
        return self._tenant_rows_from(inner, self._tenant_ratio(SQL("r.referred")))

    def _tenant_drill_referral_share(self, company, date_from, date_to):
        return "tenant.occupancy", self._tenant_referral_domain(company, date_from, date_to)
