"""``history.changes``: the dated change entries, each with the facts of its own day.

Build date T = Thursday 26 November 2026 (conftest). Every date below was worked out by hand from
the calendar and the policy (policy-rules.md conventions), never by the code under test:
- November 2026 (R1: first Thursday; 1 Nov 2026 is a Sunday) = Thu 5 Nov 2026; its systems cut-off
  (12 months before) = Wed 5 Nov 2025.
- June 2027 (R1: last Thursday; 30 Jun 2027 is a Wednesday) = Thu 24 Jun 2027; systems cut-off
  Wed 24 Jun 2026.
- November 2027 (first Thursday; 1 Nov 2027 is a Monday) = Thu 4 Nov 2027, systems cut-off
  Wed 4 Nov 2026; moved on 1 Jun 2026 to Thu 25 Nov 2027.
- June 2028 (30 Jun 2028 is a Friday) = Thu 29 Jun 2028.
- The ad hoc release 2027-03-mp206 goes live on Thu 18 Mar 2027 (1 Mar 2027 is a Monday); its
  documentation cut-off (6 months before) is Fri 18 Sep 2026.
- R9: a decision-by date that passes undecided hands over to the next option the day after it.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import modification
from secsite.model.diagnostics import errors
from secsite.history.changes import Change, ChangeKind, Subject, between, changes, of_release, sort_key
from secsite.history.schedule import Settings
from secsite.checks import check_data

T = date(2026, 11, 26)
K = ChangeKind


def options(*pairs, set_date="2026-01-20", late_second=False) -> str:
    text = f"implementation:\n  set: {set_date}\n  dates:\n"
    for index, (release, decision_by) in enumerate(pairs):
        text += f'    - release: "{release}"\n      decision_by: {decision_by}\n'
        if late_second and index == 1:
            text += "      late_addition: The Panel agreed the fall-back after the cut-off.\n"
    return text


def decision(day: str, outcome: str = "approved", by: str = "authority") -> str:
    return f"decision:\n  date: {day}\n  by: {by}\n  outcome: {outcome}\n"


def scenario(data) -> None:
    """One small history with every kind of change (dates above)."""
    # MP100 (conftest): set 20 Jan 2026 for June 2027 (decision by 1 Dec 2026, still open on T).
    data.write("modifications/MP201.yml", modification(
        "MP201", options(("2026-11", "2025-10-01"), ("2027-06", "2026-05-01"), set_date="2025-04-01")
        + decision("2026-02-10"), stage="approved"))
    data.write("modifications/MP202.yml", modification(
        "MP202", options(("2026-11", "2026-09-01"), ("2027-06", "2026-10-01"), set_date="2025-10-01", late_second=True)))
    data.write("modifications/MP203.yml", modification(
        "MP203", options(("2027-06", "2026-12-01"))
        + "  changes:\n    - requested: 2026-02-10\n      approved: 2026-03-01\n"
          '      release: "2027-11"\n      reason: DCC testing capacity\n'
        + decision("2026-02-01"), stage="approved"))
    data.write("modifications/MP204.yml", modification(
        "MP204", options(("2027-06", "2026-12-01")) + decision("2026-11-02", "rejected", "change-board"), stage="rejected"))
    data.write("modifications/MP205.yml", modification(  # approved after T: not yet known on T
        "MP205", options(("2027-06", "2026-12-01")) + decision("2026-11-30"), stage="approved"))
    data.write("modifications/MP206.yml", modification(
        "MP206", options(("2027-03-mp206", "2027-01-15"), set_date="2026-08-05"), dcc=False))
    data.write("releases/2027-06.yml", """\
        id: "2027-06"
        rid:
          - version: "0.1"
            date: 2026-03-01
            summary: First draft
          - version: "1.0"
            date: 2026-09-10
            summary: Baselined
          - version: "2.0"
            date: 2026-11-10
            summary: Two modifications out
          - version: "3.0"
            date: 2026-12-15
            summary: Written ahead of its date
        testing:
          phases:
            - name: SIT
              start: 2027-01-11
              end: 2027-04-01
              changes:
                - decided: 2026-10-01
                  start: 2027-01-18
                  end: 2027-04-09
                  reason: Test environment late
                - decided: 2026-12-01
                  start: 2027-01-25
                  end: 2027-04-16
        """)
    data.write("releases/2026-11.yml", """\
        id: "2026-11"
        go_live_decision:
          date: 2026-10-30
          outcome: no-go
          note: Open Severity 1 defect
        """)
    data.write("releases/2027-11.yml", """\
        id: "2027-11"
        go_live: 2027-11-25
        date_changes:
          - requested: 2026-05-01
            approved: 2026-06-01
            by: panel
            date: 2027-11-25
            reason: SIT starts three weeks later
        """)
    data.write("releases/2028-06.yml", """\
        id: "2028-06"
        type: documentation
        type_changes:
          - decided: 2026-07-01
            type: documentation
            reason: No DCC change is planned for it
        """)
    data.write("releases/2027-03-mp206.yml", """\
        id: "2027-03-mp206"
        kind: ad-hoc
        recorded: 2026-08-03
        type: documentation
        go_live: 2027-03-18
        cancelled:
          decided: 2026-10-20
          reason: MP206 can wait for June 2027
        rid:
          - version: "0.1"
            date: 2026-08-03
            summary: First draft
        """)
    data.write("calendar.yml", """\
        change_freezes:
          - id: 2026-christmas
            start: 2026-12-21
            end: 2027-01-04
            reason: Year end
            decided: 2026-09-15
            changes:
              - decided: 2026-10-05
                start: 2026-12-18
                end: 2027-01-05
                reason: Support teams asked for more days
              - decided: 2026-12-01
                start: 2026-12-17
                end: 2027-01-06
        """)


def record(data, today: date = T) -> tuple[Change, ...]:
    catalogue, schedule, found = check_data(data.root, Settings(today=today))
    assert errors(found) == [], [str(p) for p in errors(found)]
    return changes(schedule, catalogue.calendar.change_freezes)


def of(entries, subject: str) -> list[tuple]:
    """(date, kind) of a subject's entries, oldest day first (entries of one day keep their order)."""
    return [(c.date, c.kind) for c in sorted(entries, key=lambda c: c.date) if c.subject == subject]


def one(entries, subject: str, kind: ChangeKind) -> Change:
    found = [c for c in entries if c.subject == subject and c.kind is kind]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def history(data):
    scenario(data)
    return record(data)


# --- modifications ------------------------------------------------------------------------------


def test_a_modification_entering_falling_back_and_approved(history):
    assert of(history, "MP201") == [
        (date(2025, 4, 1), K.ENTERED),  # the Panel set its dates: the first option, November 2026
        (date(2025, 10, 2), K.FALL_BACK),  # 1 Oct 2025 passed with no decision: the June 2027 option
        (date(2026, 2, 10), K.APPROVED),
    ]
    entered = one(history, "MP201", K.ENTERED)
    assert (entered.release, entered.when, entered.late) == ("2026-11", date(2026, 11, 5), False)
    assert entered.release_name == "November 2026 SEC Release"
    fell = one(history, "MP201", K.FALL_BACK)
    assert (fell.previous_release, fell.previous_when, fell.release, fell.when) == (
        "2026-11", date(2026, 11, 5), "2027-06", date(2027, 6, 24))
    assert (fell.decision_by, fell.late) == (date(2025, 10, 1), False)  # 2 Oct 2025 is before 24 Jun 2026
    approved = one(history, "MP201", K.APPROVED)
    assert (approved.by, approved.release, approved.when, approved.awaiting) == ("authority", "2027-06", date(2027, 6, 24), False)
    assert set(fell.releases) == {"2026-11", "2027-06"}


def test_a_fall_back_after_the_cut_off_is_a_late_addition_then_awaiting(history):
    # Decision by 1 Sep 2026 missed: from 2 Sep 2026 the June 2027 option applies, after that
    # release's systems cut-off of 24 Jun 2026 (R14). Then 1 Oct 2026 passes too: no date applies.
    assert of(history, "MP202") == [(date(2025, 10, 1), K.ENTERED), (date(2026, 9, 2), K.FALL_BACK), (date(2026, 10, 2), K.AWAITING)]
    assert one(history, "MP202", K.ENTERED).late is False  # 1 Oct 2025 is before 5 Nov 2025
    fell = one(history, "MP202", K.FALL_BACK)
    assert (fell.release, fell.late, fell.cutoff, fell.decision_by) == ("2027-06", True, date(2026, 6, 24), date(2026, 9, 1))
    waiting = one(history, "MP202", K.AWAITING)
    assert (waiting.previous_release, waiting.release, waiting.awaiting, waiting.decision_by) == (
        "2027-06", None, True, date(2026, 10, 1))


def test_a_revision_gives_the_dates_of_its_own_day(history):
    revised = one(history, "MP203", K.DATE_REVISED)
    # On 1 Mar 2026 November 2027 still went live on 4 Nov 2027; its move to 25 Nov came on 1 Jun 2026.
    assert (revised.date, revised.previous_release, revised.previous_when, revised.release, revised.when) == (
        date(2026, 3, 1), "2027-06", date(2027, 6, 24), "2027-11", date(2027, 11, 4))
    assert (revised.by, revised.reason, revised.late) == ("authority", "DCC testing capacity", False)
    assert of(history, "MP203") == [(date(2026, 1, 20), K.ENTERED), (date(2026, 2, 1), K.APPROVED), (date(2026, 3, 1), K.DATE_REVISED)]


def test_a_rejection_takes_a_modification_out_of_its_release(history):
    rejected = one(history, "MP204", K.REJECTED)
    assert (rejected.date, rejected.by, rejected.previous_release, rejected.release) == (
        date(2026, 11, 2), "change-board", "2027-06", None)


# --- releases and freezes -----------------------------------------------------------------------


def test_go_live_move_type_change_no_go_and_cancellation(history):
    moved = one(history, "2027-11", K.GO_LIVE_MOVED)
    assert (moved.date, moved.previous_when, moved.when, moved.by, moved.reason) == (
        date(2026, 6, 1), date(2027, 11, 4), date(2027, 11, 25), "panel", "SIT starts three weeks later")
    assert moved.subject_type is Subject.RELEASE and moved.release == "2027-11"
    converted = one(history, "2028-06", K.TYPE_CHANGED)
    assert (converted.date, converted.previous_type, converted.release_type) == (date(2026, 7, 1), "system", "documentation")
    no_go = one(history, "2026-11", K.NO_GO)
    assert (no_go.date, no_go.when, no_go.reason) == (date(2026, 10, 30), date(2026, 11, 5), "Open Severity 1 defect")
    assert of(history, "2027-03-mp206") == [
        (date(2026, 8, 3), K.RELEASE_RECORDED), (date(2026, 8, 3), K.RID_VERSION), (date(2026, 10, 20), K.CANCELLED)]
    recorded = one(history, "2027-03-mp206", K.RELEASE_RECORDED)
    assert (recorded.when, recorded.release_type) == (date(2027, 3, 18), "documentation")
    cancelled = one(history, "2027-03-mp206", K.CANCELLED)
    assert (cancelled.when, cancelled.scope, cancelled.reason) == (date(2027, 3, 18), ("MP206",), "MP206 can wait for June 2027")
    assert one(history, "MP206", K.ENTERED).late is False  # 5 Aug 2026, before the cut-off of 18 Sep 2026


def test_rid_versions_show_what_changed_in_the_scope_since_the_version_before(history):
    versions = {c.version: c for c in history if c.kind is K.RID_VERSION and c.subject == "2027-06"}
    assert sorted(versions) == ["0.1", "1.0", "2.0"]  # 3.0 is dated 15 Dec 2026, after T
    # 1 Mar 2026: MP100, MP204, MP205 (set 20 Jan 2026), MP201 (since its fall-back on 2 Oct 2025);
    # MP203 left for November 2027 that very day.
    first = versions["0.1"]
    assert (first.scope, first.previous_version, first.entered, first.left) == (("MP100", "MP201", "MP204", "MP205"), None, (), ())
    assert (versions["1.0"].entered, versions["1.0"].left) == (("MP202",), ())  # its fall-back of 2 Sep 2026
    # 10 Nov 2026: MP202 awaits a new date since 2 Oct 2026, MP204 was rejected on 2 Nov 2026.
    assert (versions["2.0"].previous_version, versions["2.0"].entered, versions["2.0"].left) == ("1.0", (), ("MP202", "MP204"))
    assert versions["2.0"].scope == ("MP100", "MP201", "MP205")


def test_testing_phase_and_change_freeze_revisions(history):
    phase = one(history, "2027-06", K.TESTING_REVISED)
    assert (phase.date, phase.phase, phase.previous_period, phase.period, phase.reason) == (
        date(2026, 10, 1), "SIT", (date(2027, 1, 11), date(2027, 4, 1)), (date(2027, 1, 18), date(2027, 4, 9)),
        "Test environment late")
    decided = one(history, "2026-christmas", K.FREEZE_DECIDED)
    assert (decided.date, decided.period, decided.subject_type) == (date(2026, 9, 15), (date(2026, 12, 21), date(2027, 1, 4)), Subject.FREEZE)
    revised = one(history, "2026-christmas", K.FREEZE_REVISED)  # the revision of 1 Dec 2026 is after T
    assert (revised.date, revised.previous_period, revised.period, revised.reason) == (
        date(2026, 10, 5), (date(2026, 12, 21), date(2027, 1, 4)), (date(2026, 12, 18), date(2027, 1, 5)),
        "Support teams asked for more days")


# --- as of the build date -------------------------------------------------------------------------


def test_nothing_dated_after_the_build_date(data, history):
    assert all(c.date <= T for c in history)
    assert of(history, "MP205") == [(date(2026, 1, 20), K.ENTERED)]  # approved on 30 Nov 2026: after T
    later = record(data, date(2026, 12, 1))
    assert one(later, "MP205", K.APPROVED).date == date(2026, 11, 30)
    assert len([c for c in later if c.kind is K.FREEZE_REVISED]) == 2
    assert len([c for c in later if c.kind is K.TESTING_REVISED]) == 2


@pytest.mark.parametrize("day", [date(2025, 10, 1), date(2026, 3, 1), date(2026, 9, 1), date(2026, 10, 20)])
def test_an_entry_never_changes_once_its_date_has_passed(data, history, day):
    # The record built on an earlier day holds exactly the entries of T's record dated up to that day.
    assert record(data, day) == tuple(c for c in history if c.date <= day)


def test_entries_are_sorted_newest_first_then_by_subject_then_kind(history):
    assert list(history) == sorted(history, key=sort_key)
    assert [c.date for c in history] == sorted((c.date for c in history), reverse=True)
    same_day = [(c.subject, c.kind) for c in history if c.date == date(2026, 1, 20)]
    assert same_day == [("MP100", K.ENTERED), ("MP203", K.ENTERED), ("MP204", K.ENTERED), ("MP205", K.ENTERED)]
    # One subject, one day: the release is recorded before its first RID version is listed.
    assert [c.kind for c in history if c.date == date(2026, 8, 3)] == [K.RELEASE_RECORDED, K.RID_VERSION]


def test_a_release_change_log_and_a_window(history):
    log = of_release(history, "2027-06")
    assert {c.subject for c in log} >= {"2027-06", "MP100", "MP201", "MP202", "MP203", "MP204", "MP205"}
    assert all("2027-06" in c.releases for c in log)
    assert "MP206" not in {c.subject for c in log}
    window = between(history, date(2026, 10, 1), date(2026, 10, 31))
    assert {(c.date, c.subject, c.kind) for c in window} == {
        (date(2026, 10, 1), "2027-06", K.TESTING_REVISED),
        (date(2026, 10, 2), "MP202", K.AWAITING),
        (date(2026, 10, 5), "2026-christmas", K.FREEZE_REVISED),
        (date(2026, 10, 20), "2027-03-mp206", K.CANCELLED),
        (date(2026, 10, 30), "2026-11", K.NO_GO),
    }
