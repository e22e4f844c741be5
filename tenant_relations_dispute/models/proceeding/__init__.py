# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where a dispute goes when mediation fails: arbitration (仲裁委员会) or a court."""

from . import tenant_dispute_proceeding
