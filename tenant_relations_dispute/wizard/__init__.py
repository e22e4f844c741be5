# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import tenant_dispute_escalate
from . import tenant_dispute_acceptance_record
