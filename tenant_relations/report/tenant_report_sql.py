# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SQL shared by the analysis views: the firm's day of a UTC timestamp, and the SLA outcome of a
ticket per target. One place, so that every view cuts months and reads SLA lines the same way."""

from odoo.tools import SQL

from ..models.res_company import DEFAULT_TENANT_TZ


def firm_day(timestamp, partner_alias):
    """The day at the firm of the naive UTC ``timestamp`` (an SQL expression), in the time zone of
    the company's contact ``partner_alias`` (a joined res_partner) as res.company._tenant_tz reads
    it: the same cut as company._tenant_period_bounds, whoever looks at the view."""
    return SQL(
        "((%s AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(%s.tz, %s))::date",
        timestamp,
        SQL.identifier(partner_alias),
        DEFAULT_TENANT_TZ,
    )


def sla_outcomes(ticket=None):
    """One row per ticket with SLA lines: whether any line is breached, and per target
    (first response, resolution) its outcome and the lines met and decided (met or breached).

    A ticket's outcome for a target is "breached" if any of its lines is, else "running" or
    "paused" while a clock is still open, else "met".

    With ``ticket`` (the SQL id of the outer query's ticket), the one row of that ticket, for a
    ``LEFT JOIN LATERAL ... ON TRUE``: a view read for a property and a month then reads the lines
    of its tickets through the ``ticket_id`` index, not every line of the table.
    """
    parts = [SQL("l.ticket_id"), SQL("bool_or(l.status = 'breached') AS breached")]
    for target, prefix in (("first_response", "response"), ("resolution", "resolution")):
        parts.append(
            SQL(
                """CASE WHEN bool_or(p.target = %(t)s AND l.status = 'breached') THEN 'breached'
                        WHEN bool_or(p.target = %(t)s AND l.status = 'running') THEN 'running'
                        WHEN bool_or(p.target = %(t)s AND l.status = 'paused') THEN 'paused'
                        WHEN bool_or(p.target = %(t)s AND l.status = 'met') THEN 'met' END AS %(status)s,
                   count(*) FILTER (WHERE p.target = %(t)s AND l.status = 'met') AS %(met)s,
                   count(*) FILTER (WHERE p.target = %(t)s AND l.status IN ('met', 'breached'))
                       AS %(decided)s""",
                t=target,
                status=SQL.identifier(f"{prefix}_status"),
                met=SQL.identifier(f"{prefix}_met"),
                decided=SQL.identifier(f"{prefix}_decided"),
            )
        )
    if ticket is not None:
        return SQL(
            """(SELECT %s
                  FROM tenant_ticket_sla l
                  JOIN tenant_sla_policy p ON p.id = l.policy_id
                 WHERE l.ticket_id = %s
              GROUP BY l.ticket_id)""",
            SQL(", ").join(parts),
            ticket,
        )
    return SQL(
        """(SELECT %s
              FROM tenant_ticket_sla l
              JOIN tenant_sla_policy p ON p.id = l.policy_id
          GROUP BY l.ticket_id)""",
        SQL(", ").join(parts),
    )


def last_ratings(ticket=None):
    """The resident's last rating of each ticket (1, 3 or 5), consumed, in rating.mixin's order
    (the last written): read from rating_rating itself, whatever the ticket's stored copy says.
    With ``ticket``, that ticket's only, for a LATERAL join (see sla_outcomes)."""
    if ticket is not None:
        return SQL(
            """(SELECT r.res_id AS ticket_id, r.rating
                  FROM rating_rating r
                 WHERE r.res_model = 'tenant.ticket' AND r.res_id = %s AND r.consumed AND r.rating > 0
              ORDER BY r.write_date DESC, r.id DESC
                 LIMIT 1)""",
            ticket,
        )
    return SQL(
        """(SELECT DISTINCT ON (r.res_id) r.res_id AS ticket_id, r.rating
              FROM rating_rating r
             WHERE r.res_model = 'tenant.ticket' AND r.consumed AND r.rating > 0
          ORDER BY r.res_id, r.write_date DESC, r.id DESC)"""
    )


SLA_OUTCOMES = [("met", "Met"), ("breached", "Breached"), ("running", "Running"), ("paused", "Paused")]


def in_time_rate(status_column):
    """100 for a met target, 0 for a breached one, NULL while undecided: averaged by the views, it
    is the share met among the decided (met / (met + breached)) at any grouping."""
    return SQL("CASE %s WHEN 'met' THEN 100.0 WHEN 'breached' THEN 0.0 END", status_column)
