# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_occupancy
from . import test_access
from . import test_profile_review
from . import test_import
from . import test_translations
from . import test_ui
from . import test_sla
from . import test_escalation
from . import test_ticket_mail
from . import test_ticket_ui
from . import test_portal
from . import test_visit
from . import test_anonymous_feedback
from . import test_notice
from . import test_loyalty
from . import test_greeting
from . import test_events
