# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The generated documentation is up to date: what `make readme` writes is what is committed."""

import pathlib
import re
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


def test_feature_table_names_every_models_folder_and_only_real_files():
    """The README's feature → files table is how a newcomer finds code: every feature folder of
    ``tenant_relations/models`` is in it, and every path it names exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Where each feature lives", 1)[1].split("\n\n|", 1)[1].split("\n\n", 1)[0]
    addon = ROOT / "tenant_relations"
    folders = {p.name for p in (addon / "models").iterdir() if p.is_dir() and p.name != "__pycache__"}
    missing = {f for f in folders if f"`models/{f}/`" not in table}
    assert not missing, f"feature folders missing from the README's table: {sorted(missing)}"
    named = re.findall(r"`((?:models|views|controllers|wizards|data|static|security|demo)/[^`*]*)`", table)
    absent = [path for path in named if not (addon / path).exists()]
    assert not absent, f"the README's table names files that do not exist: {absent}"
