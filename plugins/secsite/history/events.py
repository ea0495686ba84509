"""Calendar events through time: what an event showed on each day something changed, and its SEQUENCE.

RFC 5545 3.8.7.4: SEQUENCE rises whenever DTSTART, DTEND or STATUS change. The site contract makes it
"the number of recorded changes behind the event". Both follow from the event's state on every day
the data records a change up to the build date T: each day on which the state differs from the one
published before counts once. Nothing dated after T counts, so a build dated before a change shows
the SEQUENCE as it was then.

An event that was published and then lost its reason to exist (a milestone that a release no longer
has after a change of type, R2) can stay as a *tombstone*: its last dates, marked cancelled, one
change more, so that subscribed clients remove it instead of keeping a stale date.

Pure functions of the history: no model of pages, no rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable

from .. import policy
from ..policy import WorkingDays
from .releases import ReleaseHistory
from .timeline import Timeline

GO_LIVE = "go-live"


@dataclass(frozen=True)
class EventState:
    """What a calendar client shows of an event: its first and last day (inclusive) and whether it is off."""

    start: date
    end: date
    cancelled: bool = False


@dataclass(frozen=True)
class Tracked:
    """An event as of the build date: its state, SEQUENCE and the day of its latest change.

    ``tombstone``: published before, gone now, kept with its last dates as cancelled.
    ``since``: the day it was first published (``sequence`` 0) or last changed.
    """

    state: EventState
    sequence: int
    since: date
    tombstone: bool = False


def track(snapshots: Iterable[tuple[date, EventState | None]], *, tombstones: bool = True) -> Tracked | None:
    """The event after the ``snapshots``: its state on each change day up to T, oldest first, T last.

    None in a snapshot: the event does not exist on that day. Before it was first published that
    means nothing; after, it becomes a tombstone when ``tombstones`` (one change more), and is
    otherwise simply left out of the calendar (None at T: not shown). An event that comes back
    after being left out counts one change if its state differs from what was last published.
    """
    last: EventState | None = None  # what clients were last given
    sequence = 0
    since: date | None = None
    present = False  # whether the event is in the calendar after the latest snapshot
    tombstone = False
    for day, state in sorted(snapshots, key=lambda pair: pair[0]):
        if state is None:
            if last is None or tombstone or not present:
                continue
            if not tombstones:
                present = False
                continue
            state, tombstone = replace(last, cancelled=True), True
        else:
            tombstone = False
        present = True
        if last is None:
            since = day
        elif state != last:
            sequence += 1
            since = day
        last = state
    if last is None or not present:
        return None
    return Tracked(last, sequence, since, tombstone)


def snapshot_days(today: date, *groups: Iterable[date]) -> tuple[date, ...]:
    """The days to look at for an event up to ``today``: every day given that is not after it, and ``today``."""
    days = {day for group in groups for day in group if day <= today}
    days.add(today)
    return tuple(sorted(days))


# --- releases -------------------------------------------------------------------------------------


def _release_days(history: ReleaseHistory, today: date) -> tuple[date, ...]:
    """The release's first plan and every later change, up to ``today``, on which it existed."""
    days = snapshot_days(today, [history.plans.entries[0][0]], history.change_days())
    return tuple(day for day in days if history.exists_on(day))


def milestone_states(history: ReleaseHistory, day: date, wd: WorkingDays) -> dict[str, EventState]:
    """The milestone events of a release as they stood on ``day`` (policy 5.3, 6.1, 7.3, 8).

    Dates are the as-of dates (``ReleaseHistory.deadlines_on``): a milestone that passed keeps its
    date. Every event is cancelled once the release is cancelled; the go-live alone while a no-go
    decision (policy 8) awaits a new date. The go-live is the one planned on ``day``: a go-live that
    was never reached (a no-go, then a new date) is not a date that passed.
    """
    deadlines = history.deadlines_on(day, wd)
    cancelled = history.cancelled_on(day)
    found = {}
    for key in policy.MILESTONE_KEYS:
        if key == GO_LIVE:
            due = history.plan_on(day).go_live
            found[key] = EventState(due, due, cancelled or history.postponed_on(day))
        elif key in deadlines:
            due = deadlines[key].due
            found[key] = EventState(due, due, cancelled)
    return found


def release_milestones(history: ReleaseHistory, today: date, wd: WorkingDays) -> dict[str, Tracked]:
    """Every milestone event of a release as of ``today``, tombstones included, in MILESTONE_KEYS order."""
    per_day = [(day, milestone_states(history, day, wd)) for day in _release_days(history, today)]
    found = {}
    for key in policy.MILESTONE_KEYS:
        tracked = track([(day, states.get(key)) for day, states in per_day])
        if tracked is not None:
            found[key] = tracked
    return found


def release_period(history: ReleaseHistory, period: Timeline[tuple[date, date]], today: date) -> Tracked | None:
    """A testing phase of a release (its dates as revised, ``history.period_timeline``), cancelled with
    the release. None when it is not known on ``today``."""
    days = snapshot_days(today, _release_days(history, today), (since for since, _ in period.entries))

    def state(day: date) -> EventState | None:
        dates = period.at(day)
        if dates is None or not history.exists_on(day):
            return None
        return EventState(dates[0], dates[1], history.cancelled_on(day))

    return track([(day, state(day)) for day in days], tombstones=False)


def period(timeline: Timeline[tuple[date, date]], today: date) -> Tracked | None:
    """A period that only its own revisions change (a change freeze, policy 3.5). None before it was decided."""
    days = snapshot_days(today, (since for since, _ in timeline.entries))

    def state(day: date) -> EventState | None:
        dates = timeline.at(day)
        return EventState(dates[0], dates[1]) if dates is not None else None

    return track([(day, state(day)) for day in days], tombstones=False)
