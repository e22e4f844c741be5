# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Satisfaction-survey campaigns (满意度调查活动): a survey sent to an audience of residents by the
base addon's campaign engine, each invitation an answer of Odoo's survey app tied to its campaign."""

from . import tenant_survey_campaign
from . import tenant_survey_invitation
from . import tenant_survey_campaign_progress
from . import survey_user_input
