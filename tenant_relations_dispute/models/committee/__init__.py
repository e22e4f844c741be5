# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mediation committee (调解委员会): its members, their roles and terms, the quorum, and who
may not sit on a case because they are a side to it."""

from . import tenant_mediation_committee
from . import tenant_mediation_committee_member
