# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each addon's README.rst is what `make readme` writes from its readme/*.md."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_addon_readmes_are_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "readme.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
