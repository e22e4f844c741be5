# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import tenant_dispute
from . import tenant_dispute_closed_mixin
from . import ladder
from . import party
from . import committee
from . import session
from . import agreement
from . import proceeding
from . import escalation
from . import res_partner
from . import security
from . import portal
from . import kpi
