# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Anonymous campaigns (匿名调查): answers that nobody, administrators included, can link to a
person. See tenant.survey.anonymous.token for what is stored."""

from . import tenant_survey_anonymous_token
from . import tenant_survey_campaign
from . import survey_user_input
from . import ir_http
