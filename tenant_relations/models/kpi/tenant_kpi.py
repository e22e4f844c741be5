# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

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
        in SQL with GROUPING SETS (_tenant_group_keys, _tenant_grouping_sets, _tenant_row): a list of
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
        return getattr(self, f"_tenant_measure_{self.measure}")(company, date_from, date_to)

    def _tenant_drill(self, company, date_from, date_to):
        self.ensure_one()
        return getattr(self, f"_tenant_drill_{self.measure}")(company, date_from, date_to)

    # Measures over tickets ------------------------------------------------------------------------

    def _tenant_ticket_rows(self, company, date_from, date_to, domain, numerator):
        """Rows of a ratio over the tickets of ``domain`` (already limited to the period): the
        ``numerator`` SQL condition counts among them, as a percentage. One query, GROUPING SETS."""
        self.ensure_one()
        Ticket = self.env["tenant.ticket"].sudo()  # sudo: the job's figures; snapshot rules decide who reads
        query = Ticket._search([("company_id", "=", company.id), *domain])
        table = SQL.identifier(query.table)
        select = SQL(
            "%(keys)s, COUNT(*) FILTER (WHERE %(numerator)s), COUNT(*)",
            keys=self._tenant_group_keys(table),
            numerator=numerator,
        )
        rows = self.env.execute_query(SQL("%s%s", query.select(select), self._tenant_grouping_sets(table)))
        return [
            self._tenant_row(keys, float(count), float(total), 100.0 * count / total if total else None)
            for *keys, count, total in rows
        ]

    def _tenant_group_keys(self, table):
        """The SELECT of the keys every measure groups by: property, team, staff member and the
        GROUPING bitmask that tells a total (team not grouped) from an empty team (grouped, NULL)."""
        if self.scope == "staff":
            keys = (
                "%(t)s.property_id, %(t)s.team_id, %(t)s.user_id, "
                "GROUPING(%(t)s.property_id, %(t)s.team_id, %(t)s.user_id)"
            )
        else:  # the staff member is grouped by in no set: NULL, never grouped (bit 1 set)
            keys = (
                "%(t)s.property_id, %(t)s.team_id, NULL::int, "
                "GROUPING(%(t)s.property_id, %(t)s.team_id) * 2 + 1"
            )
        return SQL(keys, t=table)

    def _tenant_grouping_sets(self, table):
        """GROUP BY GROUPING SETS: (property, team), (property), () and, for a staff KPI,
        (property, staff member) and (staff member)."""
        sets = ["(%(t)s.property_id, %(t)s.team_id)", "(%(t)s.property_id)", "()"]
        if self.scope == "staff":
            sets += ["(%(t)s.property_id, %(t)s.user_id)", "(%(t)s.user_id)"]
        return SQL(" GROUP BY GROUPING SETS (" + ", ".join(sets) + ")", t=table)

    @api.model
    def _tenant_row(self, keys, numerator, denominator, value):
        """A measure's row (see the class docstring) from the keys of _tenant_group_keys."""
        prop, team, user, grouping = keys
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
                '"tenant_ticket".first_response_date IS NOT NULL AND "tenant_ticket".response_minutes <= %s',
                limit,
            ),
        )

    def _tenant_drill_urgent_response(self, company, date_from, date_to):
        return "tenant.ticket", [
            ("company_id", "=", company.id),
            *self._tenant_urgent_domain(date_from, date_to),
        ]
