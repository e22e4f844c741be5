# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scores (满意度): questions and matrix rows belong to topics, suggested answers say whether they
mean "satisfied or better"; each answer line stores what scoring groups by, so that every figure
(per topic, property, role, campaign) is one ``_read_group`` over the lines."""

from . import tenant_survey_topic
from . import survey_survey
from . import survey_question
from . import survey_question_answer
from . import survey_user_input_line
from . import survey_user_input
from . import tenant_survey_campaign
