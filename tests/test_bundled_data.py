"""The example data shipped in data/: valid, and rich enough to show every part of the site."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from typing import get_args

import pytest

from secsite.diagnostics import errors
from secsite.model import Route, Stage
from secsite.schedule import MOVED_OUT, Settings
from secsite.validate import check_data
from sitebuild import COMMAND, EPOCH, REPO

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def checked():
    catalogue, schedule, problems = check_data(REPO / "data", Settings(today=TODAY))
    return catalogue, schedule, problems


def test_secsite_check_passes_on_the_bundled_data():
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["SOURCE_DATE_EPOCH"] = EPOCH
    result = subprocess.run(COMMAND + ["check", "data/"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert ": error: " not in result.stdout
    assert result.stderr.startswith("secsite check: 0 errors, ")


def test_no_errors_in_the_bundled_data(checked):
    _, _, problems = checked
    assert [str(p) for p in errors(problems)] == []


def test_modifications_cover_every_stage_and_route(checked):
    catalogue, _, _ = checked
    mods = catalogue.modifications.values()
    assert len(catalogue.modifications) >= 25
    assert {m.stage for m in mods} == set(get_args(Stage))
    assert {m.route for m in mods} == set(get_args(Route))


def test_releases_include_ad_hoc_and_documentation_ones(checked):
    catalogue, schedule, _ = checked
    assert len(catalogue.releases) >= 8
    with_files = [schedule.releases[rid] for rid in catalogue.releases]
    assert any(r.kind == "ad-hoc" for r in with_files)
    assert any(r.type == "documentation" for r in with_files)
    assert any(r.type == "system" for r in with_files)


def test_notices_and_calendar(checked):
    catalogue, _, _ = checked
    assert len(catalogue.notices) >= 5
    assert catalogue.calendar.change_freezes


def test_example_shows_the_hard_cases(checked):
    _, schedule, _ = checked
    placements = [p for view in schedule.modifications.values() for p in view.placements]
    assert any(p.late and p.rationale for p in placements), "a late addition with the Panel's rationale"
    assert any(p.status == MOVED_OUT and p.moved_to and p.moved_reason for p in placements), "a moved-out modification"
    assert any(view.awaiting_new_date for view in schedule.modifications.values()), "one awaiting a new date"
    current = {view.current.status for view in schedule.modifications.values() if view.current}
    assert {"Targeted", "Approved", "Implemented"} <= current
