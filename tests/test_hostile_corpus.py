"""The corpus of hostile and careless inputs (issue 11): every case found so far, run as editors run it.

Each folder of ``tests/hostile/`` is one case: files under ``data/`` laid over a small valid data
folder (``conftest.DataDir``), and ``expect``, whose first line is ``error`` or ``ok`` (what
``secsite check`` must exit with) and whose other lines must each appear in its output. Add a folder
whenever a new case is found. Cases that git cannot hold (symbolic links, FIFOs, names with line
breaks) are in tests/model/test_loader.py.

For every case, ``secsite check`` runs as a command, as in CI:
- it exits as expected, within 20 seconds (never a hang), with no traceback;
- every message names a file, a line and a column;
- a case that passes check also builds (``mkdocs build --strict``), so the two never disagree.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DataDir
from sitebuild import COMMAND, EPOCH, build, project_copy

CORPUS = Path(__file__).parent / "hostile"
CASES = sorted(path for path in CORPUS.iterdir() if path.is_dir()) if CORPUS.is_dir() else []
DIAGNOSTIC = re.compile(r"^data/\S.*:[1-9][0-9]*:[1-9][0-9]*: (error|warning): \S")


def test_the_corpus_is_not_empty():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_case(case: Path, tmp_path: Path):
    DataDir(tmp_path / "data")
    shutil.copytree(case / "data", tmp_path / "data", dirs_exist_ok=True)
    expected, *phrases = (case / "expect").read_text(encoding="utf-8").splitlines()
    assert expected in ("error", "ok"), f"{case}/expect must start with 'error' or 'ok'"

    result = subprocess.run([*COMMAND, "check", "data"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=20, env={"SOURCE_DATE_EPOCH": EPOCH, "PATH": "/usr/bin:/bin"})
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == (1 if expected == "error" else 0), output
    for line in result.stdout.splitlines():
        assert DIAGNOSTIC.match(line), line
    for phrase in filter(None, phrases):
        assert phrase in output, f"{phrase!r} not in:\n{output}"

    if expected == "ok":
        project = project_copy(tmp_path / "site-project", tmp_path / "data")
        built = build(project, tmp_path / "site")
        assert built.returncode == 0, built.stderr
