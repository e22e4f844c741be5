# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mediation sessions: the record holds the truth (date, place, who attended, minutes, outcome)
and projects a private calendar event for Odoo's invitations."""

from . import tenant_mediation_session
from . import tenant_mediation_attendance
from . import calendar_event
from . import tenant_dispute
