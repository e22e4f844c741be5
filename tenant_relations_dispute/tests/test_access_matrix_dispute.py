# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dispute addon's access matrix: its rows and its two-step link, on the base's harness.

The cells are in ``access_matrix_table.py`` beside this file; the base's own cells stay in the
base's run (``tenant_relations/tests/test_access_matrix.py``).
"""

from odoo.tests import tagged

from odoo.addons.tenant_relations.tests.access_matrix_case import AccessMatrixCase

from . import access_matrix_table as table


@tagged("post_install", "-at_install", "tr_access_matrix")
class TestAccessMatrixDispute(AccessMatrixCase):
    matrix_addon = "tenant_relations_dispute"
    rows = table.ROWS
    links = table.LINKS
