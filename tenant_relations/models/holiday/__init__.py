# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""China's working days: the State Council's public holidays and make-up workdays (调休) of each year,
written into every calendar that follows them, so that SLA deadlines skip the holidays and count the
make-up days."""

from . import tenant_holiday_written_mixin
from . import tenant_holiday_year
from . import tenant_holiday_day
from . import resource_calendar
from . import resource_calendar_leaves
from . import resource_calendar_attendance
