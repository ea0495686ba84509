"""``history.events``: a calendar event's state through time, and the SEQUENCE that follows (RFC 5545 3.8.7.4).

Every expected date is worked out by hand from the calendar and the policy, not by the code under test:
- June 2027 go-live (R1): last Thursday of June 2027 = 24 June 2027. Systems cut-off, 12 months before:
  Wednesday 24 June 2026. TAD to the TAG, 9 months before: Thursday 24 September 2026. Documentation
  cut-off and TAD published, 6 months before: Thursday 24 December 2026. Go-live evidence, 6 weeks
  before: Thursday 13 May 2027. Actual cost report, 2 months after: Tuesday 24 August 2027.
- Go-live moved to Thursday 8 July 2027: documentation cut-off Friday 8 January 2027; go-live
  evidence Thursday 27 May 2027; actual cost report Wednesday 8 September 2027.
No extra non-working days: England and Wales bank holidays only.
"""

from __future__ import annotations

from datetime import date

from secsite.history.events import (
    EventState,
    Tracked,
    period,
    release_milestones,
    release_period,
    snapshot_days,
    track,
)
from secsite.history.releases import period_timeline, release_history
from secsite.history.timeline import ALWAYS
from secsite.model import PeriodChange, Release
from secsite.policy import WorkingDays

WD = WorkingDays("england-and-wales")
JUN_24 = date(2027, 6, 24)


def day(text: str) -> date:
    return date.fromisoformat(text)


def one_day(text: str, cancelled: bool = False) -> EventState:
    return EventState(day(text), day(text), cancelled)


def history(**fields):
    return release_history(fields.get("id", "2027-06"), Release.model_validate({"id": "2027-06", **fields}))


# --- track: the state on each change day, and SEQUENCE ---------------------------------------------


def test_an_event_never_changed_has_sequence_zero():
    state = one_day("2027-06-24")
    assert track([(ALWAYS, state), (day("2026-11-26"), state)]) == Tracked(state, 0, ALWAYS)


def test_each_day_with_new_dates_or_status_counts_once():
    a, b, c = one_day("2027-06-24"), one_day("2027-07-01"), one_day("2027-07-08")
    snapshots = [
        (ALWAYS, a),
        (day("2026-08-03"), b),  # moved: 1
        (day("2026-09-01"), b),  # nothing new that day (e.g. another event's change): still 1
        (day("2026-10-15"), c),  # moved again: 2
        (day("2026-11-01"), one_day("2027-07-08", cancelled=True)),  # status only: 3
    ]
    assert track(snapshots) == Tracked(one_day("2027-07-08", True), 3, day("2026-11-01"))
    # Snapshots are taken in date order whatever order they come in.
    assert track(list(reversed(snapshots))) == track(snapshots)


def test_an_event_counts_from_its_first_publication():
    # Not yet in existence (an ad hoc release before it was recorded): nothing published, nothing counted.
    snapshots = [(ALWAYS, None), (day("2026-09-11"), one_day("2027-02-11")), (day("2026-11-26"), one_day("2027-02-11"))]
    assert track(snapshots) == Tracked(one_day("2027-02-11"), 0, day("2026-09-11"))
    assert track([(ALWAYS, None), (day("2026-11-26"), None)]) is None


def test_a_published_event_that_goes_becomes_a_tombstone_once():
    state = one_day("2026-09-24")
    snapshots = [(ALWAYS, state), (day("2026-09-01"), None), (day("2026-10-01"), None), (day("2026-11-26"), None)]
    # Its last dates, cancelled, one change more; later days without it change nothing.
    assert track(snapshots) == Tracked(one_day("2026-09-24", True), 1, day("2026-09-01"), tombstone=True)


def test_a_tombstone_that_comes_back_counts_again():
    snapshots = [(ALWAYS, one_day("2026-09-24")), (day("2026-09-01"), None), (day("2026-10-01"), one_day("2026-09-24"))]
    # Gone (1), back with the same dates but no longer cancelled (2).
    assert track(snapshots) == Tracked(one_day("2026-09-24"), 2, day("2026-10-01"))


def test_without_tombstones_a_gone_event_is_left_out_and_counts_when_back_with_new_dates():
    a, b = one_day("2026-12-02"), one_day("2026-12-09")
    assert track([(ALWAYS, a), (day("2026-11-01"), None)], tombstones=False) is None
    assert track([(ALWAYS, a), (day("2026-11-01"), None), (day("2026-11-20"), a)], tombstones=False) == Tracked(a, 0, ALWAYS)
    assert track([(ALWAYS, a), (day("2026-11-01"), None), (day("2026-11-20"), b)], tombstones=False) == Tracked(
        b, 1, day("2026-11-20")
    )


def test_snapshot_days_stop_at_the_build_date_and_include_it():
    today = day("2026-11-26")
    assert snapshot_days(today, [ALWAYS, day("2027-01-01")], [day("2026-08-03"), day("2026-11-26")]) == (
        ALWAYS, day("2026-08-03"), today,
    )


# --- release milestones ---------------------------------------------------------------------------

MOVED_TWICE = {
    "go_live": "2027-07-08",
    "date_changes": [
        {"requested": "2026-07-01", "approved": "2026-08-03", "by": "authority", "date": "2027-07-01", "reason": "First move"},
        {"requested": "2026-10-01", "approved": "2026-10-15", "by": "authority", "date": "2027-07-08", "reason": "Second move"},
    ],
}


def sequences(found: dict[str, Tracked]) -> dict[str, tuple[date, int, bool]]:
    return {key: (t.state.start, t.sequence, t.state.cancelled) for key, t in found.items()}


def test_go_live_moved_twice_moves_only_the_milestones_still_ahead():
    # Go-live 24 June 2027 -> 1 July 2027 (approved 3 August 2026) -> 8 July 2027 (approved 15 October 2026).
    # Under 1 July 2027 the TAD to the TAG is Thursday 1 October 2026: it passed before the second move.
    found = release_milestones(history(**MOVED_TWICE), day("2026-11-26"), WD)
    assert sequences(found) == {
        "systems-cutoff": (day("2026-06-24"), 0, False),  # passed before the first move
        "documentation-cutoff": (day("2027-01-08"), 2, False),  # 24 Dec 2026 -> 31 Dec 2026 -> 8 Jan 2027
        "tad-to-tag": (day("2026-10-01"), 1, False),  # 24 Sep 2026 -> 1 Oct 2026, then passed
        "tad-published": (day("2027-01-08"), 2, False),
        "go-live-evidence": (day("2027-05-27"), 2, False),  # 13 May -> 20 May -> 27 May 2027
        "go-live": (day("2027-07-08"), 2, False),
        "actual-cost-report": (day("2027-09-08"), 2, False),  # 24 Aug -> 1 Sep -> 8 Sep 2027
    }
    # As it stood on 1 September 2026: one move known.
    then = release_milestones(history(**MOVED_TWICE), day("2026-09-01"), WD)
    assert (then["go-live"].state.start, then["go-live"].sequence) == (day("2027-07-01"), 1)
    assert (then["tad-to-tag"].state.start, then["tad-to-tag"].sequence) == (day("2026-10-01"), 1)
    assert then["systems-cutoff"].sequence == 0


def test_conversion_to_documentation_leaves_tombstones_for_the_dates_still_ahead():
    # Decided 1 September 2026: the systems cut-off (24 June 2026) had passed and stays; the TAD dates
    # and the actual cost report were still ahead and go, as tombstones with their last dates.
    converted = history(type="documentation", type_changes=[{"decided": "2026-09-01", "type": "documentation", "reason": "No DCC change"}])
    found = release_milestones(converted, day("2026-11-26"), WD)
    assert sequences(found) == {
        "systems-cutoff": (day("2026-06-24"), 0, False),
        "documentation-cutoff": (day("2026-12-24"), 0, False),
        "tad-to-tag": (day("2026-09-24"), 1, True),
        "tad-published": (day("2026-12-24"), 1, True),
        "go-live-evidence": (day("2027-05-13"), 0, False),
        "go-live": (JUN_24, 0, False),
        "actual-cost-report": (day("2027-08-24"), 1, True),
    }
    assert {key for key, t in found.items() if t.tombstone} == {"tad-to-tag", "tad-published", "actual-cost-report"}
    # The day before the decision: still a System Release, nothing changed.
    before = release_milestones(converted, day("2026-08-31"), WD)
    assert {key: t.sequence for key, t in before.items()} == dict.fromkeys(before, 0)
    assert not any(t.state.cancelled for t in before.values())


def test_an_ad_hoc_release_publishes_nothing_before_it_was_recorded():
    # An ad hoc System Release going live on Thursday 18 March 2027, recorded on 1 September 2026 and
    # turned into a Documentation Release on 1 October 2026. Its dates from the System plan: systems
    # cut-off Wednesday 18 March 2026, TAD to the TAG Thursday 18 June 2026, TAD published and
    # documentation cut-off Friday 18 September 2026 (all passed by 1 October: they stay), actual cost
    # report Tuesday 18 May 2027 (still ahead: a tombstone). Go-live evidence: Thursday 4 February 2027.
    adhoc = release_history("2027-03-mp999", Release.model_validate({
        "id": "2027-03-mp999", "kind": "ad-hoc", "recorded": "2026-09-01", "type": "documentation", "go_live": "2027-03-18",
        "type_changes": [{"decided": "2026-10-01", "type": "documentation", "reason": "Documentation only"}],
    }))
    assert release_milestones(adhoc, day("2026-08-31"), WD) == {}  # not recorded yet: nothing published
    found = release_milestones(adhoc, day("2026-11-26"), WD)
    assert sequences(found) == {
        "systems-cutoff": (day("2026-03-18"), 0, False),
        "tad-to-tag": (day("2026-06-18"), 0, False),
        "documentation-cutoff": (day("2026-09-18"), 0, False),
        "tad-published": (day("2026-09-18"), 0, False),
        "go-live-evidence": (day("2027-02-04"), 0, False),
        "go-live": (day("2027-03-18"), 0, False),
        "actual-cost-report": (day("2027-05-18"), 1, True),
    }
    # Each was first published the day the release was recorded, not before.
    assert {t.since for key, t in found.items() if not t.tombstone} == {day("2026-09-01")}


def test_cancellation_cancels_every_milestone_once():
    # Go-live moved on 3 August 2026 (1 July 2027), cancelled on 1 October 2026.
    cancelled = history(
        go_live="2027-07-01", date_changes=MOVED_TWICE["date_changes"][:1],
        cancelled={"decided": "2026-10-01", "reason": "Nothing left in scope"},
    )
    found = release_milestones(cancelled, day("2026-11-26"), WD)
    assert all(t.state.cancelled for t in found.values())
    assert found["systems-cutoff"].sequence == 1  # passed, not moved: cancellation only
    assert found["go-live"].sequence == 2  # moved, then cancelled
    assert found["go-live"].state.start == day("2027-07-01")
    before = release_milestones(cancelled, day("2026-09-30"), WD)
    assert not any(t.state.cancelled for t in before.values()) and before["go-live"].sequence == 1


def test_a_no_go_cancels_the_go_live_until_a_new_date_brings_it_back():
    # No-go on 14 May 2027 for 24 June 2027; new go-live 29 July 2027 approved on 10 June 2027.
    no_go = {"date": "2027-05-14", "outcome": "no-go"}
    postponed = history(go_live_decision=no_go)
    on_may_20 = release_milestones(postponed, day("2027-05-20"), WD)["go-live"]
    assert (on_may_20.state, on_may_20.sequence) == (one_day("2027-06-24", True), 1)
    moved = history(go_live="2027-07-29", go_live_decision=no_go, date_changes=[
        {"requested": "2027-05-14", "approved": "2027-06-10", "by": "authority", "date": "2027-07-29", "reason": "New date"},
    ])
    on_jun_15 = release_milestones(moved, day("2027-06-15"), WD)
    assert (on_jun_15["go-live"].state, on_jun_15["go-live"].sequence) == (one_day("2027-07-29"), 2)
    assert on_jun_15["go-live-evidence"].sequence == 0  # 13 May 2027 had passed: keeps its date


# --- periods ----------------------------------------------------------------------------------------


def test_a_revised_testing_phase_counts_its_revisions_and_the_release_cancellation():
    changes = (PeriodChange(decided=day("2026-10-20"), start=day("2027-01-18"), end=day("2027-04-09")),)
    sit = period_timeline(day("2027-01-11"), day("2027-04-01"), changes)
    assert release_period(history(), sit, day("2026-11-26")) == Tracked(
        EventState(day("2027-01-18"), day("2027-04-09")), 1, day("2026-10-20")
    )
    assert release_period(history(), sit, day("2026-10-19")).sequence == 0
    cancelled = history(cancelled={"decided": "2026-11-02", "reason": "Nothing left in scope"})
    assert release_period(cancelled, sit, day("2026-11-26")) == Tracked(
        EventState(day("2027-01-18"), day("2027-04-09"), True), 2, day("2026-11-02")
    )


def test_a_freeze_is_shown_from_its_decision_and_counts_its_revisions():
    changes = (PeriodChange(decided=day("2026-09-15"), start=day("2026-12-18"), end=day("2027-01-08")),)
    freeze = period_timeline(day("2026-12-14"), day("2027-01-04"), changes, since=day("2026-06-01"))
    assert period(freeze, day("2026-05-31")) is None  # not decided yet
    assert period(freeze, day("2026-06-01")) == Tracked(EventState(day("2026-12-14"), day("2027-01-04")), 0, day("2026-06-01"))
    assert period(freeze, day("2026-11-26")) == Tracked(EventState(day("2026-12-18"), day("2027-01-08")), 1, day("2026-09-15"))
