# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Following up an unhappy resident: a ticket rated 1 (of Odoo's three faces) gets one follow-up,
a dissatisfaction return visit (不满意回访) or the ticket reopened, as the firm chooses. The survey
addon plans the same visit for a poor survey answer, through tenant.visit._tenant_plan_followup."""

from . import tenant_visit
from . import tenant_ticket
from . import res_config_settings
