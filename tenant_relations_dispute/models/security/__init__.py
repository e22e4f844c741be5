# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A dispute is a record: who reads it (and its parts), never deleted, frozen once closed, every
change tracked, confidential by the officers' decision."""

from . import tenant_dispute
