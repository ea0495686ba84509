"""Every generated page passes the Nu HTML Checker (npm vnu-jar, run with Java): one JVM, all pages."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from .quality_tools import HERE

pytestmark = pytest.mark.quality

ALLOWLIST = HERE / "vnu-allowlist.txt"


def allowlist() -> list[re.Pattern]:
    lines = ALLOWLIST.read_text(encoding="utf-8").splitlines()
    return [re.compile(line) for line in lines if line.strip() and not line.startswith("#")]


def folded(message: dict) -> str:
    return " ".join(f"{message.get('message', '')} :: {message.get('extract', '')}".split())


@pytest.fixture(scope="module")
def vnu(java, vnu_jar, site) -> tuple[list[dict], int]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    command = [java, "-Xss8m", "-jar", str(vnu_jar), "--errors-only", "--format", "json", "--stdout",
               "--exit-zero-always", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["messages"], len(pages)


def test_every_page_is_valid_html(vnu, site):
    messages, pages = vnu
    patterns = allowlist()
    unexpected = [m for m in messages if not any(p.search(folded(m)) for p in patterns)]
    report = [
        f"{m.get('url', '?').removeprefix('file:').removeprefix(str(site) + '/')}:{m.get('lastLine', '?')}: "
        f"{m.get('type')}: {m.get('message')}\n    {' '.join(m.get('extract', '').split())}"
        for m in unexpected
    ]
    assert not report, f"{len(report)} Nu HTML Checker error(s) in {pages} pages:\n" + "\n".join(report[:60])


def test_allowlist_entries_are_all_still_needed(vnu):
    messages, _ = vnu
    stale = [p.pattern for p in allowlist() if not any(p.search(folded(m)) for m in messages)]
    assert not stale, f"remove from {ALLOWLIST.name}, nothing matches any more: {stale}"
