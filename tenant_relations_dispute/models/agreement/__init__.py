# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mediation agreement (调解协议书): terms, each party's signed acceptance, the printable PDF,
fulfilment and the optional judicial confirmation (司法确认)."""

from . import tenant_dispute_agreement
from . import tenant_dispute_acceptance
from . import tenant_dispute
