"""The one pipeline that ``secsite check`` and the MkDocs build both run.

``check_data`` reads the catalogue (``model.loader``), builds the schedule as of the build date
(``history.schedule``), then applies each rule of ``rules.RULES``, the data contract's "Cross-file
rules", each a small function reporting at the line it concerns. Errors stop a build; warnings
(policy flags, and inconsistencies an editor should look at) never do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..history.schedule import Schedule, Settings, build_schedule
from ..model.diagnostics import DataError, Diagnostic, errors
from ..model.loader import Catalogue, Reuse, read_catalogue
from ..policy import REGIONS
from .rules import RULES, Checks


@dataclass(frozen=True)
class CheckedData:
    catalogue: Catalogue
    schedule: Schedule
    warnings: tuple[Diagnostic, ...]


def check_data(data_dir: str | Path, settings: Settings, reuse: Reuse | None = None
               ) -> tuple[Catalogue, Schedule | None, list[Diagnostic]]:
    """Everything wrong with ``data_dir`` on the build date: per-file problems and cross-file rules,
    sorted. ``reuse`` keeps the files read last time (a preview reads the folder after each edit)."""
    if settings.region not in REGIONS:  # a setting, not the data: reported before anything is read
        valid = ", ".join(f'"{name}"' for name in REGIONS)
        problem = Diagnostic(str(data_dir), 0, 0, "error", f'unknown region "{settings.region}": use one of {valid}')
        return Catalogue.empty(), None, [problem]
    catalogue, problems = read_catalogue(data_dir, reuse)
    schedule = build_schedule(catalogue, settings)
    checks = Checks(catalogue, schedule)
    for rule in RULES:
        rule(checks)
    return catalogue, schedule, sorted(set(problems + checks.found))


def load(data_dir: str | Path, settings: Settings, reuse: Reuse | None = None) -> CheckedData:
    """The checked data for a build; raises DataError (with every problem) when there is any error."""
    catalogue, schedule, problems = check_data(data_dir, settings, reuse)
    if errors(problems):
        raise DataError(problems)
    return CheckedData(catalogue, schedule, tuple(problems))  # type: ignore[arg-type]
