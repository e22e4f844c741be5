#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Write each addon's README.rst from its manifest and readme/*.md, as OCA's tooling does."""

import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = (("DESCRIPTION.md", None), ("CONFIGURE.md", "Configuration"), ("USAGE.md", "Usage"))


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    parts = [manifest["name"], "=" * len(manifest["name"]), "", manifest["summary"], ""]
    for filename, title in SECTIONS:
        path = addon / "readme" / filename
        if not path.exists():
            continue
        if title:
            parts += [title, "-" * len(title), ""]
        parts += [path.read_text(encoding="utf-8").strip(), ""]
    parts += ["Credits", "-------", "", f"Authors: {manifest['author']}. License: {manifest['license']}.", ""]
    return "\n".join(parts)


def main():
    stale = []
    for manifest in sorted(ROOT.glob("*/__manifest__.py")):
        addon = manifest.parent
        text = render(addon)
        target = addon / "README.rst"
        if "--check" in sys.argv:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(addon.name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        sys.exit(f"README.rst out of date in {', '.join(stale)}: run `make readme`")


if __name__ == "__main__":
    main()
