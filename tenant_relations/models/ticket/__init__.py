# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service desk: tickets (repair requests, complaints, enquiries), their stages, categories, tags and
teams, ratings, activities planned for staff, and the staff's home screen."""

from . import tenant_ticket_stage
from . import tenant_ticket_category
from . import tenant_ticket_tag
from . import tenant_team
from . import tenant_ticket
from . import rating_rating
from . import mail_activity
from . import res_users
