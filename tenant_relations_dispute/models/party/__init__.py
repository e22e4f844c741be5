# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The parties to a dispute, each with a thread and evidence of its own: adversaries do not read
each other's private files."""

from . import tenant_dispute_party
from . import tenant_dispute_evidence
from . import tenant_dispute
