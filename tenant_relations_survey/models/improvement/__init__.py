# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Improvement actions (整改措施): from a weak topic of a campaign, what a property will change, who
owns it and by when; once done, a notice tells the property's residents (「您说，我们做」)."""

from . import tenant_improvement_action
from . import tenant_notice
from . import tenant_survey_campaign
