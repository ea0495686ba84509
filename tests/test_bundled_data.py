"""The example data shipped in data/: valid, and rich enough to show every part of the site."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from typing import get_args

import pytest

from secsite.model.diagnostics import errors
from secsite.model import Route, Stage
from secsite.history.schedule import MOVED_OUT, Settings
from secsite.checks import check_data
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


# --- History (issue 10): the example data shows every kind of dated change ------------------------
# Dates below are worked out by hand from the policy, not by the code under test.


def test_a_go_live_moved_after_its_systems_cutoff_keeps_the_cutoff_that_passed(checked):
    _, schedule, _ = checked
    nov = schedule.releases["2027-11"]
    # Rule go-live: first Thursday of November 2027 = 4 November; the Authority moved it to
    # 25 November on 18 November 2026, after the systems cut-off (12 months before: 4 November 2026).
    assert nov.go_live == date(2027, 11, 25) and nov.rule_go_live == date(2027, 11, 4)
    cutoff = nov.milestone("systems-cutoff")
    assert cutoff.due == date(2026, 11, 4)  # passed under the go-live then in force: kept
    assert cutoff.passed_under is not None and cutoff.passed_under.go_live == date(2027, 11, 4)
    assert cutoff.now_due == date(2026, 11, 25)  # what the new go-live would have given
    # Still ahead on 26 November 2026: moved with go-live (6 months before 25 November 2027).
    assert nov.milestone("documentation-cutoff").due == date(2027, 5, 25)
    assert nov.milestone("documentation-cutoff").passed_under is None
    notices = {n.id: n for n in schedule.notices if n.release_id == "2027-11" and n.modification_id is None}
    moved = notices["2027-11-go-live-moved-2026-11-18"]
    assert (moved.date, moved.previous, moved.go_live) == (date(2026, 11, 19), date(2027, 11, 4), date(2027, 11, 25))
    twelve = notices["2027-11-12-months"]  # issued on 4 November 2026 with the go-live then in force
    assert (twelve.date, twelve.go_live) == (date(2026, 11, 4), date(2027, 11, 4))


def test_an_ad_hoc_release_created_late_exists_and_is_announced_from_its_recorded_day(checked):
    _, schedule, _ = checked
    history = schedule.histories["2026-09-mp287"]
    assert not history.exists_on(date(2026, 8, 13)) and history.exists_on(date(2026, 8, 14))
    kinds = {n.kind: n.date for n in schedule.notices if n.release_id == "2026-09-mp287" and n.modification_id is None}
    # Announced on 14 August 2026; of the 12-, 6- and 1-month notices (17 September 2025,
    # 17 March and 17 August 2026) only the one after that day.
    assert kinds == {"announced": date(2026, 8, 14), "1-month": date(2026, 8, 17)}
    announced = next(n for n in schedule.notices if n.id == "2026-09-mp287-announced")
    assert announced.scope == ("MP287",)  # the Panel set MP287's date on the same day


def test_a_cancelled_release_leaves_its_approved_modification_awaiting_a_new_date(checked):
    _, schedule, _ = checked
    release = schedule.releases["2027-02-mp293"]
    assert release.cancelled and release.status.value == "Cancelled"
    # It shares February 2027 with the scheduled Documentation Release (25 February).
    assert release.name == "February 2027 SEC Release (ad hoc, 11 February)"
    assert schedule.releases["2027-02"].name == "February 2027 SEC Release"
    mp293 = schedule.modifications["MP293"]
    assert mp293.approved and mp293.awaiting_new_date
    assert mp293.current.status == "Release cancelled"
    kinds = {n.kind: n.date for n in schedule.notices if n.release_id == "2027-02-mp293" and n.modification_id is None}
    # Cancelled on 13 November 2026 (notice the same day); the 1-month notice (11 January 2027)
    # never comes, and the 6-month one (11 August 2026) was before the release was set up.
    assert kinds == {"announced": date(2026, 9, 11), "cancelled": date(2026, 11, 13)}


def test_a_june_system_release_turned_into_a_documentation_release(checked):
    catalogue, schedule, _ = checked
    june = schedule.releases["2025-06"]
    assert june.type == "documentation" and catalogue.releases["2025-06"].type_changes
    change = catalogue.releases["2025-06"].type_changes[0]
    # Decided well in advance: a year before go-live (26 June 2025), after the systems cut-off
    # (26 June 2024) had passed with nothing impacting DCC Systems in scope.
    assert change.decided == date(2024, 7, 12)
    cutoff = june.milestone("systems-cutoff")
    assert cutoff.due == date(2024, 6, 26) and cutoff.passed_under.type == "system" and cutoff.now_due is None
    assert june.milestone("tad-to-tag") is None  # 26 September 2024 came after the change: gone
    assert june.in_scope() and not any(schedule.modifications[p.modification_id].mod.impacts.dcc_systems for p in june.in_scope())
    notices = {n.kind: n for n in schedule.notices if n.release_id == "2025-06" and n.modification_id is None}
    assert notices["12-months"].release_type == "system"  # 26 June 2024: still a System Release
    assert notices["type-changed"].date == date(2024, 7, 15)  # one Working Day after Friday 12 July


def test_a_revised_testing_phase_and_a_revised_freeze_keep_their_first_dates(checked):
    from secsite.history.releases import period_timeline

    catalogue, _, _ = checked
    uit = next(p for p in catalogue.releases["2027-06"].testing.phases if p.name == "UIT")
    timeline = period_timeline(uit.start, uit.end, uit.changes)
    assert timeline.at(date(2026, 11, 12)) == (date(2027, 4, 12), date(2027, 5, 28))
    assert timeline.at(date(2026, 11, 13)) == (date(2027, 4, 12), date(2027, 6, 4))
    freeze = next(f for f in catalogue.calendar.change_freezes if f.id == "2026-christmas")
    timeline = period_timeline(freeze.start, freeze.end, freeze.changes, since=freeze.decided)
    assert timeline.at(date(2026, 10, 15)) is None  # not yet decided
    assert timeline.at(date(2026, 11, 12)) == (date(2026, 12, 21), date(2027, 1, 4))
    assert timeline.at(date(2026, 11, 13)) == (date(2026, 12, 14), date(2027, 1, 4))


def test_a_fall_back_option_after_the_cutoff_is_a_late_addition_with_its_rationale():
    # MP276: June 2027 if approved by 10 December 2026, otherwise November 2027, whose systems
    # cut-off (4 November 2026) has passed: from 11 December 2026 it is a late addition.
    _, schedule, problems = check_data(REPO / "data", Settings(today=date(2026, 12, 11)))
    assert [str(p) for p in errors(problems)] == []
    placement = schedule.modifications["MP276"].current
    assert (placement.release_id, placement.entered, placement.late) == ("2027-11", date(2026, 12, 11), True)
    assert placement.rationale and "November 2027" in placement.rationale


def test_no_hand_written_notice_repeats_a_generated_one(checked):
    catalogue, schedule, _ = checked
    # Go-live moves, Authority revisions, new ad hoc releases, type changes and cancellations are
    # announced by the site; a hand-written notice on the same day about the same thing repeats it.
    generated = {(n.date, n.release_id or n.modification_id) for n in schedule.notices
                 if n.kind in ("go-live-moved", "date-revised", "announced", "type-changed", "cancelled")}
    for notice in catalogue.notices.values():
        for subject in notice.releases + notice.modifications:
            assert (notice.date, subject) not in generated, notice.id
