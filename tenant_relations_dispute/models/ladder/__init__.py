# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ladder of a dispute: its configurable levels (negotiation, mediation, arbitration, closed),
each with a deadline counted as a Chinese procedural period, and the steps a dispute took on it
(``tenant_dispute.py`` writes them; ``models/__init__.py`` imports it after the dispute model)."""

from . import tenant_dispute_level
from . import tenant_dispute_step
