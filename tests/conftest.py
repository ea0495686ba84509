"""Shared test helpers: small data directories written from YAML text."""

from __future__ import annotations

import os
import signal
import textwrap
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from secsite.history.schedule import Settings
from sitebuild import REPO, build

# Property tests without a number of their own run 1,500 examples on CI (CI=true: .ci/run and GitHub
# Actions set it) and 150 locally, so that the README's test command stays quick.
settings.register_profile("ci", max_examples=1_500, deadline=None)
settings.register_profile("local", max_examples=150, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "local")

TODAY = date(2026, 11, 26)
SETTINGS = Settings(today=TODAY)

VALID_MODIFICATION = """\
id: MP100
title: Improve something
stage: refinement
route: self-governance
raised: 2025-01-15
proposer: Example Energy
summary: |
  The issue, in **Markdown**.
impacts:
  dcc_systems: true
  user_systems: false
  parties:
    large_suppliers: high
  documents:
    - Section H 'DCC Services'
implementation:
  set: 2026-01-20
  dates:
    - release: "2027-06"
      decision_by: 2026-12-01
    - release: "2027-11"
      decision_by: 2027-03-01
      late_addition: The Panel accepted November 2027 as the fall-back, after its systems cut-off.
"""

VALID_RELEASE = """\
id: "2027-06"
rid:
  - version: "0.1"
    date: 2026-03-01
    summary: First draft
"""


# A test modification of exactly 11 lines: whatever a test appends starts on line 12.
HEAD = """\
id: {id}
title: Test modification {id}
stage: {stage}
route: self-governance
raised: 2025-01-15
proposer: Example Energy
summary: Something to change.
impacts:
  dcc_systems: {dcc}
  user_systems: {user}
  documents: ["{document}"]
"""


def modification(mod_id: str, body: str, *, stage="refinement", dcc=True, user=False,
                 document="Section H 'DCC Services'") -> str:
    head = HEAD.format(id=mod_id, stage=stage, dcc=str(dcc).lower(), user=str(user).lower(), document=document)
    return head + textwrap.dedent(body)


def decision(day: str, outcome: str = "approved") -> str:
    return f"decision:\n  date: {day}\n  by: authority\n  outcome: {outcome}\n"


def options(*pairs: tuple[str, str], set_date: str = "2026-01-20") -> str:
    """``implementation:`` with the conditional options (release, decision-by date) given (R9)."""
    text = f"implementation:\n  set: {set_date}\n  dates:\n"
    for release, decision_by in pairs:
        text += f'    - release: "{release}"\n      decision_by: {decision_by}\n'
    return text


def change(release: str, requested: str, approved: str, reason: str = "DCC testing capacity") -> str:
    """One Authority-approved revision (R11), to follow ``options(...)``."""
    return (f"  changes:\n    - requested: {requested}\n      approved: {approved}\n"
            f'      release: "{release}"\n      reason: {reason}\n')


@contextmanager
def within(seconds: float):
    """Fail instead of hanging (a named pipe opened, an alias bomb expanded): SIGALRM interrupts the
    Python code that reads and renders the data."""
    def stop(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class DataDir:
    """A data directory in a temporary folder, seeded with one valid modification and release."""

    def __init__(self, root: Path):
        self.root = root
        for folder in ("modifications", "releases", "notices"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        self.write("modifications/MP100.yml", VALID_MODIFICATION)
        self.write("releases/2027-06.yml", VALID_RELEASE)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def path(self, relative: str) -> str:
        return str(self.root / relative)


@pytest.fixture
def data(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "data")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The example site, built once (``mkdocs build --strict``) for every test that only reads it."""
    out = tmp_path_factory.mktemp("example") / "site"
    result = build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out
