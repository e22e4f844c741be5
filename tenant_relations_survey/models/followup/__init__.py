# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Following up an unhappy answer: an identified answer whose satisfaction falls below the firm's
threshold plans one dissatisfaction return visit (不满意回访) for its resident, with the base
addon's tenant.visit._tenant_plan_followup, as a ticket rated 1 does."""

from . import survey_user_input
from . import res_config_settings
