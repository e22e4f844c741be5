# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os

import pytest


@pytest.fixture(scope="session")
def rc():
    """The Odoo config that tools/lib.sh writes (ODOO_RC): the tests that start Odoo need it."""
    path = os.environ.get("ODOO_RC")
    if not path:
        pytest.skip("needs ODOO_RC, the Odoo config that tools/lib.sh writes: run through make test")
    return path
