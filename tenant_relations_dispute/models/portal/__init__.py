# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the portal of the parties needs from the models: the one domain of "a dispute I am a party
to" (shared by the record rule and the controller) and posting on one's own party thread."""

from . import tenant_dispute
from . import tenant_dispute_party
