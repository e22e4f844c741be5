# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The generated documentation is up to date: what `make readme` writes is what is committed."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def assert_tool_check_passes(tool):
    """``tools/<tool> --check`` finds nothing to rewrite."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / tool), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_addon_readmes_are_up_to_date():
    """Each addon's README.rst is what `make readme` writes from its readme/*.md."""
    assert_tool_check_passes("readme.py")


def test_readme_access_matrix_is_up_to_date():
    """The README's access matrix is what `make readme` writes from the tables the access test
    asserts."""
    assert_tool_check_passes("access_matrix.py")
