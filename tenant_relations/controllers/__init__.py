# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import portal
from . import feedback
from . import notices
from . import loyalty
from . import events
from . import rating
from . import occupancy
from . import thread
