# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_survey_points
from . import test_resident_data
from . import test_survey_links
from . import test_access_matrix_survey
from . import test_survey_ownership
from . import test_survey_campaign
from . import test_survey_scores
from . import test_shipped_surveys
from . import test_survey_anonymous
from . import test_survey_routes
from . import test_ticket_survey
from . import test_survey_followup
from . import test_improvement_action
from . import test_journey_survey
from . import test_kpi
