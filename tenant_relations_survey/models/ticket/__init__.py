# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""After-request surveys (工单关闭后问卷): a short survey mailed to the reporter when a ticket of a
given kind (and category) closes, besides or instead of the rating; its answer is the ticket's."""

from . import tenant_ticket_survey
from . import survey_user_input
from . import tenant_ticket
