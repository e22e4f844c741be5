# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

# The (database, key, value) triples already reported by this process: a bad value is read on every
# request and every job run, and one line per process is enough to find and correct it.
_WARNED = set()


class IrConfigParameter(models.Model):
    _inherit = "ir.config_parameter"

    @api.model
    def _tenant_get_int_param(self, key, default, minimum=None, maximum=None):
        """The whole number that setting ``key`` holds; ``default`` when it is unset or no number.

        The one reader behind every numeric setting of the product (each setting has its own
        reader, which names its default and bounds). The settings screen writes numbers, but a
        system parameter can also be edited by hand or by a script: a value that is not a number
        ("abc", "1e999") must not break the feature that reads it (a cron, the public feedback
        form), so it falls back to the default, and the log says which parameter to correct, once
        per process for each key and bad value (not on every read of a busy form or job). A
        decimal is cut to its whole part ("10.5" gives 10); the result is kept within ``minimum``
        and ``maximum`` when they are given.
        """
        # sudo: system parameters are the administrators' to read, while these settings shape what
        # every user's action does (a resident's form, an agent closing a ticket, a job); only the
        # number comes out.
        value = self.sudo().get_param(key)
        if value in (None, False, ""):
            number = default
        else:
            try:
                number = int(float(value))
            except (TypeError, ValueError, OverflowError):
                self._tenant_warn_bad_param(key, value, default)
                number = default
        if minimum is not None:
            number = max(number, minimum)
        if maximum is not None:
            number = min(number, maximum)
        return number

    @api.model
    def _tenant_warn_bad_param(self, key, value, default):
        """Log that ``key`` holds ``value``, no number, unless this process has already said so."""
        seen = (self.env.cr.dbname, key, value)
        if seen in _WARNED:
            return
        _WARNED.add(seen)
        _logger.warning(
            "System parameter %s holds %r, which is not a number: %s is used instead.",
            key,
            value,
            default,
        )
