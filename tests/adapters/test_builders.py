"""The site builds with ProperDocs (the maintained continuation of the MkDocs 1.x plugin API) as well
as with MkDocs, and the two sites are the same: every file, byte for byte, except the one line in
each page where the theme names the builder (``<meta name="generator">``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sitebuild import EPOCH, REPO, site_files

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def properdocs_build(site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)]
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=REPO)


def test_properdocs_builds_the_same_site_as_mkdocs(site: Path, tmp_path: Path):
    result = properdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    by_mkdocs, by_properdocs = site_files(site), site_files(tmp_path / "site")
    assert sorted(by_mkdocs) == sorted(by_properdocs)
    generators = set()
    for path, content in by_mkdocs.items():
        other = by_properdocs[path]
        if path.endswith(".html"):
            generators.update(GENERATOR.findall(content) + GENERATOR.findall(other))
            content, other = GENERATOR.sub(b"", content), GENERATOR.sub(b"", other)
        assert content == other, path
    # Each page names the builder that made it: the only difference, and an honest one.
    assert any(b"ProperDocs" in g for g in generators) and any(b"mkdocs-1.6" in g for g in generators)
