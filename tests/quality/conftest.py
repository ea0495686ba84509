"""Quality gates: the built example site checked by third-party validators.

The example site built once per session (the ``site`` fixture of tests/conftest.py), served on 127.0.0.1 by a stdlib
``http.server`` thread for the browser. The validators are installed by ``.ci/run``: Java and
Chromium from Debian, the npm packages pinned in ``tests/tools/package-lock.json``. When one is
missing the tests needing it fail with ``CI=true`` and are skipped otherwise.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from sitebuild import REPO, build, project_copy

from .quality_tools import VNU_JAR, need, npm_package, save_artifacts


@pytest.fixture(scope="session")
def java() -> str:
    path = shutil.which("java")
    need("java", path, "install a Java runtime (Debian: default-jre-headless)")
    return path


@pytest.fixture(scope="session")
def node() -> str:
    path = shutil.which("node")
    need("node", path, "install Node.js (Debian: nodejs npm)")
    return path


@pytest.fixture(scope="session")
def chromium() -> str:
    path = os.environ.get("SECSITE_CHROMIUM") or shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    need("chromium", path, "install Debian's chromium package")
    return path


@pytest.fixture(scope="session")
def browser_tools(node, chromium) -> tuple[str, str]:
    npm_package("playwright-core")
    npm_package("axe-core")
    return node, chromium


@pytest.fixture(scope="session")
def icaljs(node) -> str:
    npm_package("ical.js")
    return node


@pytest.fixture(scope="session")
def vnu_jar(java) -> Path:
    npm_package("vnu-jar")
    need("vnu.jar", VNU_JAR.is_file(), f"expected {VNU_JAR.relative_to(REPO)}")
    return VNU_JAR


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def _serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


@pytest.fixture(scope="session")
def server(site) -> str:
    """The built site on http://127.0.0.1:<free port>/ (port 0: the OS picks one)."""
    httpd, url = _serve(site)
    yield url
    httpd.shutdown()
    httpd.server_close()


# Real-world titles are long: a modification, a notice and a testing phase of the example data
# get titles like the SEC's longest, with words that cannot break (a path, a schema name).
LONG_TITLE = ("Amendments to Appendix AD DCC User Interface Specification to support Supplier-led "
              "Prepayment Top-up Reconciliation and Smart Metering Key Infrastructure certificate "
              "renewal (DUIS_ServiceRequestDefinitions_SupplierLedPrepaymentTopUpReconciliation)")
LONG_PAGES = {
    "modification": "modifications/mp255/",
    "release": "releases/2027-06/",
    "notice": "notices/2026-11-june-2027-user-integration-testing-extended/",
}


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name} no longer has {old!r}: update the long-titles data"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="session")
def long_site(tmp_path_factory) -> Path:
    """The example site with long titles and unbreakable words, built once (``mkdocs build --strict``)."""
    project = project_copy(tmp_path_factory.mktemp("long"))
    data = project / "data"
    _replace_once(data / "modifications" / "MP255.yml",
                  "title: Faster searches in the Self-Service Interface", f'title: "{LONG_TITLE}"')
    _replace_once(data / "notices" / "2026-11-june-2027-user-integration-testing-extended.md",
                  "title: User Integration Testing", f'title: "{LONG_TITLE}: User Integration Testing')
    _replace_once(data / "notices" / "2026-11-june-2027-user-integration-testing-extended.md",
                  "extended to 4 June 2027\n", 'extended to 4 June 2027"\n')
    _replace_once(data / "releases" / "2027-06.yml", "    - name: UIT\n",
                  "    - name: User Integration Testing including SMKI_CertificateRenewal_EndToEnd\n")
    out = project / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def long_server(long_site) -> str:
    httpd, url = _serve(long_site)
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def screenshots(request) -> list:
    """A test adds the screenshots of the pages it checks; they are kept only if it fails."""
    return []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed and "screenshots" in getattr(item, "funcargs", {}):
        saved = save_artifacts(item.funcargs["screenshots"])
        if saved:
            report.sections.append(("screenshots", "\n".join(str(p) for p in saved)))
    return report
