# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The models: the firm-wide ones in this folder, every feature in a folder of its own; a file is
named after the model it defines or extends.

The order matters, as Odoo registers models in the order their classes are defined: the mixins first,
then each feature after the features whose models it extends, and the firm's settings last, since
they gather the settings of every feature."""

from . import tenant_rule_guard_mixin
from . import tenant_mail_sender_mixin
from . import campaign
from . import resident
from . import ticket
from . import sla
from . import holiday
from . import portal
from . import feedback
from . import care
from . import followup
from . import loyalty
from . import events
from . import kpi
from . import base
from . import ir_config_parameter
from . import res_company
from . import res_config_settings
