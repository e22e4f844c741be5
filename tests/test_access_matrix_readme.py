# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The README's access matrix is what `make readme` writes from the tables the access test asserts."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_readme_access_matrix_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "access_matrix.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
