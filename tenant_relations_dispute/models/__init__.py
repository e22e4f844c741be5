# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import ladder
from . import tenant_dispute
from . import party
from . import committee
from . import session
from . import agreement
from . import proceeding
from . import escalation
from . import res_partner

# The ladder's steps extend the dispute: imported once the dispute model is defined.
from .ladder import tenant_dispute as ladder_tenant_dispute
from . import kpi
