# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_access_matrix_dispute, test_dispute_ladder, test_resident_data
from . import test_mediation_committee, test_mediation_session
from . import test_dispute_parties, test_dispute_security, test_dispute_escalation
from . import test_dispute_portal
from . import test_dispute_steps, test_dispute_kpi, test_dispute_proceeding
from . import test_dispute_agreement
from . import test_dispute_closed
from . import test_journey_dispute
from . import test_dispute_adversary
from . import test_kpi
