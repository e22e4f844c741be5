# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The campaign engine: an audience of residents, a lifecycle (draft, scheduled, running, closed) and a
per-recipient log with waves, that notices, greetings and survey campaigns share."""

from . import tenant_audience_mixin
from . import tenant_campaign_log_mixin
from . import tenant_campaign_mixin
