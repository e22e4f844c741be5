# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ladder of a dispute: its configurable levels (negotiation, mediation, arbitration, closed),
each with a deadline counted as a Chinese procedural period, and the steps a dispute took on it
(written by ``tenant_dispute.py``, which extends the dispute model defined before this package)."""

from . import tenant_dispute_level
from . import tenant_dispute_step
from . import tenant_dispute
