# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The survey addon's access matrix, on the base's harness: the rows of ``access_matrix_table.py``
beside this file (the base's own are checked in the base's run)."""

from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.access_matrix_case import AccessMatrixCase

from . import access_matrix_table as table


@tagged("post_install", "-at_install", "tr_access_matrix")
class TestAccessMatrixSurvey(AccessMatrixCase):
    matrix_table = table
