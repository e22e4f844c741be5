# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import survey_user_input
from . import res_partner
from . import campaign
from . import score
from . import followup
from . import ticket
from . import improvement
from . import res_config_settings
from . import anonymous
from . import kpi
