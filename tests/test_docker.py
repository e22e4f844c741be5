"""Packaging checks that need no Odoo and no Docker daemon.

docker/compose.yaml and docker/Dockerfile name the addon folders by hand, and each
addon must stay buildable as an OCA-style wheel: a renamed folder, a missing COPY or a
manifest version off the 18.0 series would only show up when someone builds the image
or the wheel. The production profile (docker/production: compose.yaml, odoo.conf,
nginx.conf) repeats ports, paths and volumes from one file to the next; a port changed in
one of them would only show up as a dead websocket on the firm's server. These tests catch
that on every test run (nginx checks its own config when it is installed).
"""

import ast
import configparser
import datetime
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest itself depends on tomli there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
PRODUCTION = DOCKER / "production"
START_SCRIPT = "/usr/local/bin/start-odoo.sh"
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


# The start script ---------------------------------------------------------------------------------


def test_dockerfile_starts_odoo_through_the_start_script():
    dockerfile = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(rf"^COPY docker/start-odoo\.sh {START_SCRIPT}\s*$", dockerfile, re.MULTILINE)
    assert re.search(rf'^ENTRYPOINT \["{START_SCRIPT}"\]\s*$', dockerfile, re.MULTILINE)
    assert os.access(DOCKER / "start-odoo.sh", os.X_OK)
    # The image fails to build rather than serve a long-polling process that dies at every start.
    assert "gevent.monkey.patch_all()" in dockerfile


@pytest.mark.parametrize("compose", ["compose.yaml", "production/compose.yaml"])
def test_no_compose_file_initialises_the_addons_at_each_start(compose):
    services = yaml.safe_load((DOCKER / compose).read_text(encoding="utf-8"))["services"]
    odoo = services["odoo"]
    # Neither a command nor an entrypoint of its own: the image's start script decides -i or -u.
    assert "entrypoint" not in odoo
    assert not any(arg.startswith(("--init", "-i")) for arg in odoo.get("command") or [])
    assert odoo["environment"]["TR_DB"]


def test_demo_data_only_in_the_try_it_compose(services):
    assert services["odoo"]["environment"]["TR_DEMO"] == "1"
    production = yaml.safe_load((PRODUCTION / "compose.yaml").read_text(encoding="utf-8"))
    assert production["services"]["odoo"]["environment"].get("TR_DEMO", "0") == "0"


# The production profile ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def production():
    return yaml.safe_load((PRODUCTION / "compose.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def odoo_conf():
    parser = configparser.RawConfigParser()  # as Odoo reads it
    parser.read_string((PRODUCTION / "odoo.conf").read_text(encoding="utf-8"))
    return parser["options"]


def parse_nginx(text):
    """nginx's configuration as a list of (directive, [arguments], block or None)."""
    tokens = re.findall(r"#[^\n]*|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[{};]|[^\s{};\"']+", text)
    root, stack, words = [], [], []
    block = root
    for token in tokens:
        if token.startswith("#"):
            continue
        if token in ";{":
            assert words, f"a {token!r} without a directive"
            entry = (words[0], words[1:], [] if token == "{" else None)
            block.append(entry)
            if token == "{":
                stack.append(block)
                block = entry[2]
            words = []
        elif token == "}":
            assert not words and stack, "an unbalanced '}' or a directive without ';'"
            block = stack.pop()
        else:
            words.append(token[1:-1] if token[0] in "\"'" else token)
    assert not stack and not words, "an unclosed block or a directive without ';'"
    return root


def directives(block, name):
    return [entry for entry in block if entry[0] == name]


def directive(block, name):
    found = directives(block, name)
    assert len(found) == 1, f"{len(found)} {name} directives"
    return found[0]


@pytest.fixture(scope="module")
def nginx():
    return parse_nginx((PRODUCTION / "nginx.conf").read_text(encoding="utf-8"))


def named_volumes(service):
    return {source: target for target, source in _bind_mounts(service).items() if not source.startswith(".")}


def test_production_runs_postgresql_odoo_and_nginx(production):
    services = production["services"]
    assert set(services) == {"db", "odoo", "nginx"}
    assert services["db"]["image"] == "postgres:15"
    assert services["nginx"]["image"].startswith("nginx:")
    build = services["odoo"]["build"]
    assert (PRODUCTION / build["context"]).resolve() == ROOT
    assert build["dockerfile"] == "docker/Dockerfile"
    assert services["db"]["environment"]["POSTGRES_USER"] != "postgres"


def test_production_data_lives_in_declared_volumes(production, odoo_conf):
    services = production["services"]
    declared = set(production["volumes"])
    for name, service in services.items():
        unknown = set(named_volumes(service)) - declared
        assert not unknown, f"{name} uses undeclared volumes {unknown}"
    assert "/var/lib/postgresql/data" in named_volumes(services["db"]).values()
    data_dir = odoo_conf["data_dir"]
    odoo_data = {target: source for source, target in named_volumes(services["odoo"]).items()}
    assert data_dir in odoo_data, "the filestore (data_dir) is not on a volume"
    # nginx reads the same filestore, read-only, at the same path (x_sendfile).
    assert f"{odoo_data[data_dir]}:{data_dir}:ro" in services["nginx"]["volumes"]
    for service in services.values():
        for target, source in _bind_mounts(service).items():
            if source.startswith(".") and not target.startswith("/etc/nginx/certs"):
                assert (PRODUCTION / source).is_file(), f"{source} is mounted but does not exist"


def test_production_odoo_config(odoo_conf, production):
    assert odoo_conf.getint("workers") > 0
    assert odoo_conf.getint("max_cron_threads") >= 1
    assert odoo_conf.getboolean("proxy_mode") is True
    assert odoo_conf.getboolean("list_db") is False
    for key in (
        "limit_memory_soft",
        "limit_memory_hard",
        "limit_time_cpu",
        "limit_time_real",
        "limit_request",
    ):
        assert odoo_conf.getint(key) > 0, key
    assert odoo_conf.getint("limit_memory_soft") < odoo_conf.getint("limit_memory_hard")
    # Secrets come from Docker secrets at start, never from the committed file.
    for key in ("admin_passwd", "db_password"):
        assert key not in odoo_conf, f"{key} is committed in odoo.conf"
    # Every process's pool fits in PostgreSQL's max_connections.
    command = production["services"]["db"]["command"]
    max_connections = int(next(arg.split("=")[1] for arg in command if arg.startswith("max_connections=")))
    processes = odoo_conf.getint("workers") + odoo_conf.getint("max_cron_threads")
    pools = processes * odoo_conf.getint("db_maxconn") + odoo_conf.getint("db_maxconn_gevent")
    assert pools < max_connections


def test_production_odoo_reads_the_mounted_config_and_secrets(production):
    odoo = production["services"]["odoo"]
    env = odoo["environment"]
    assert _bind_mounts(odoo)[env["ODOO_RC"]].startswith("./odoo.conf")
    assert env["PGHOST"] == "db"
    for var in ("PGPASSWORD_FILE", "ODOO_ADMIN_PASSWD_FILE"):
        secret = env[var].removeprefix("/run/secrets/")
        assert secret in odoo["secrets"] and secret in production["secrets"]
    assert not any("PASSWORD" in var and not var.endswith("_FILE") for var in env)
    ignored = (PRODUCTION / ".gitignore").read_text(encoding="utf-8").split()
    for secret in production["secrets"].values():
        assert secret["file"].removeprefix("./").split("/")[0] + "/" in ignored
    # Only nginx is reachable from outside.
    assert "ports" not in odoo and "ports" not in production["services"]["db"]
    assert set(production["services"]["nginx"]["ports"]) == {"80:80", "443:443"}


def test_nginx_sends_websocket_to_gevent_and_the_rest_to_the_workers(nginx, odoo_conf, production):
    http = directive(nginx, "http")[2]
    upstreams = {
        args[0]: [a for d in block if d[0] == "server" for a in d[1]]
        for _, args, block in directives(http, "upstream")
    }
    assert directive(http, "map")[1] == ["$http_upgrade", "$connection_upgrade"]
    https = [
        block
        for _, _, block in directives(http, "server")
        if any(d[1][0] == "443" for d in directives(block, "listen"))
    ]
    assert len(https) == 1
    locations = {args[0]: block for _, args, block in directives(https[0], "location")}
    odoo_service = "odoo"
    exposed = set(production["services"][odoo_service]["expose"])
    assert exposed == {odoo_conf["http_port"], odoo_conf["gevent_port"]}

    def upstream_of(location):
        target = directive(locations[location], "proxy_pass")[1][0]
        return upstreams[target.removeprefix("http://")]

    assert upstream_of("/websocket") == [f"{odoo_service}:{odoo_conf.getint('gevent_port')}"]
    assert upstream_of("/") == [f"{odoo_service}:{odoo_conf.getint('http_port')}"]
    assert directive(locations["/websocket"], "proxy_http_version")[1] == ["1.1"]
    for location in ("/websocket", "/"):
        headers = {args[0]: args[1] for _, args, _ in directives(locations[location], "proxy_set_header")}
        assert headers["X-Forwarded-Proto"] == "$scheme"
        assert headers["X-Forwarded-For"] == "$proxy_add_x_forwarded_for"
        assert headers["X-Forwarded-Host"] == "$http_host"
        if location == "/websocket":
            assert headers["Upgrade"] == "$http_upgrade"
            assert headers["Connection"] == "$connection_upgrade"
    # nginx waits longer than Odoo lets a request run, so that Odoo's own limit ends it.
    read_timeout = directive(https[0], "proxy_read_timeout")[1][0]
    assert int(read_timeout.removesuffix("s")) > odoo_conf.getint("limit_time_real")
    # X-Accel-Redirect of x_sendfile: /web/filestore/<db>/<file> from data_dir/filestore.
    assert odoo_conf.getboolean("x_sendfile") is True
    filestore = locations["/web/filestore"]
    assert directive(filestore, "internal")
    assert directive(filestore, "alias")[1] == [f"{odoo_conf['data_dir']}/filestore"]


def self_signed_certificate(folder):
    from cryptography import x509  # noqa: PLC0415 - Odoo's requirement, only this test needs it
    from cryptography.hazmat.primitives import hashes, serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import ec  # noqa: PLC0415
    from cryptography.x509.oid import NameOID  # noqa: PLC0415

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (folder / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def test_nginx_accepts_the_config(tmp_path):
    """``nginx -t`` on the config, with the compose service's name and the certificate, which only
    exist on the server, replaced by this machine's address and a certificate made for the test."""
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not binary:
        pytest.skip("nginx is not installed (make test installs it): only the structure was checked")
    self_signed_certificate(tmp_path)
    text = (PRODUCTION / "nginx.conf").read_text(encoding="utf-8")
    text = text.replace("server odoo:", "server 127.0.0.1:").replace("/etc/nginx/certs/", f"{tmp_path}/")
    text = text.replace("/var/log/nginx/", f"{tmp_path}/")
    # Where nginx writes request bodies and responses, in case this runs as a user without /var/lib/nginx.
    temp_paths = "".join(
        f"    {kind}_temp_path {tmp_path}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = text.replace("http {\n", "http {\n" + temp_paths, 1)
    conf = tmp_path / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [binary, "-t", "-q", "-p", str(tmp_path), "-c", str(conf), "-g", f"pid {tmp_path}/nginx.pid;"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
