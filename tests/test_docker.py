"""Packaging checks that need no Odoo and no Docker daemon.

docker/compose.yaml and docker/Dockerfile name the addon folders by hand, and each
addon must stay buildable as an OCA-style wheel: a renamed folder, a missing COPY or a
manifest version off the 18.0 series would only show up when someone builds the image
or the wheel. These tests catch that on every test run.
"""

import ast
import re
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest itself depends on tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
ADDONS = ["tenant_relations", "tenant_relations_survey", "tenant_relations_dispute"]
EXTRA_ADDONS = "/mnt/extra-addons"


@pytest.fixture(scope="module")
def services():
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))
    return compose["services"]


def _bind_mounts(service):
    """{target: source} of a service's volumes, in short or long syntax."""
    mounts = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source", ""), volume["target"]
        mounts[target] = source
    return mounts


def _manifest(addon):
    text = (ROOT / addon / "__manifest__.py").read_text(encoding="utf-8")
    return ast.literal_eval(text)


def test_compose_has_db_and_odoo(services):
    assert {"db", "odoo"} <= services.keys()


def test_db_user_is_not_postgres(services):
    # Odoo refuses to run as the PostgreSQL superuser "postgres".
    assert services["db"]["environment"]["POSTGRES_USER"] != "postgres"


@pytest.mark.parametrize("addon", ADDONS)
def test_odoo_mounts_addon(services, addon):
    mounts = _bind_mounts(services["odoo"])
    target = f"{EXTRA_ADDONS}/{addon}"
    assert target in mounts, f"{addon} is not mounted at {target}"
    source = (DOCKER / mounts[target]).resolve()
    assert source == ROOT / addon
    assert (source / "__manifest__.py").is_file()


@pytest.mark.parametrize("addon", ADDONS)
def test_dockerfile_copies_addon(addon):
    dockerfile = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM odoo:18\.0\s*$", dockerfile, re.MULTILINE)
    copy = rf"^COPY (--\S+ )*{addon}/? {EXTRA_ADDONS}(/{addon})?/?\s*$"
    message = f"Dockerfile does not copy {addon}"
    assert re.search(copy, dockerfile, re.MULTILINE), message


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_builds_with_whool(addon):
    text = (ROOT / addon / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = tomllib.loads(text)
    assert pyproject["build-system"]["build-backend"] == "whool.buildapi"
    assert "whool" in pyproject["build-system"]["requires"]


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_version_is_18(addon):
    assert _manifest(addon)["version"].startswith("18.0.")
