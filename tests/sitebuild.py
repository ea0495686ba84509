"""Building real sites with ``mkdocs build`` for the tests (no mocks of MkDocs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
# 26 November 2026, 12:00 UTC: the build date of every test build and command.
EPOCH = "1795694400"
# The ``secsite`` console script next to this Python (the venv's), as editors run it; else the module.
_SCRIPT = Path(sys.executable).with_name("secsite")
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "secsite.adapters.cli"]


def build(project: Path, site: Path, epoch: str = EPOCH, strict: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    command.append("--strict" if strict else "--no-strict")
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=project)


def project_copy(tmp: Path, data: Path | None = None) -> Path:
    """A copy of the repository's site project (config, content, overrides, data) to change freely."""
    project = tmp / "project"
    project.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copytree(data or REPO / "data", project / "data")
    return project


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(soup: BeautifulSoup) -> str:
    """The article's visible text with runs of white space folded. Abbreviations and policy citations
    are part of the text around them, so they are read without a space at their ends."""
    article = BeautifulSoup(str(soup.find("article") or soup), "html.parser")  # a copy: the page is shared
    for tag in article.select("abbr, span.sec-cite"):
        tag.unwrap()
    return " ".join(BeautifulSoup(str(article), "html.parser").get_text(" ").split())


def site_files(site: Path, leave_out: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site, with its bytes."""
    found = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}
    return {path: file.read_bytes() for path, file in found.items() if path not in leave_out}


def differing(left: Path, right: Path, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The files that are in one site only, or whose bytes differ between the two."""
    ours, theirs = site_files(left, leave_out), site_files(right, leave_out)
    return sorted(path for path in ours.keys() | theirs.keys() if ours.get(path) != theirs.get(path))
