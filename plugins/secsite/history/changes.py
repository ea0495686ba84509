"""The record for readers: every dated change to the schedule, each as it stood on its own day.

One ``Change`` per fact that moved the schedule (issue 10, "the record for readers"): a modification
entering or leaving a release (R8, R9 fall-backs, R11 revisions, decisions), a release's go-live,
type, cancellation or no-go (R2, R7, policy 3.1, 3.2, 8), its RID versions with what they changed
in the scope since the version before (R16), and revisions of testing phases and change freezes
(R6, R17). Every fact of an entry (release names, dates, the scope, whether it was a late
addition) is worked out from the schedule as it stood on the entry's date, so an entry never
changes once its date has passed, whatever is recorded later (as-of rule, policy-rules.md). Facts
dated after the build date T are not yet known: no entry is dated after T.

Pure: the schedule (``history.schedule``) and the change freezes in, entries out. The wording
readers see is the views' (``secsite.views``, "the record for readers").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from .. import policy
from ..model import ChangeFreeze, DateChange, Modification, natural_key
from .modifications import Cause, Move, known_on, move_on
from .releases import ReleaseHistory, period_timeline
from .timeline import ALWAYS

if TYPE_CHECKING:  # the schedule is built from this package's modules: no import at run time
    from .schedule import Schedule


class Subject(str, Enum):
    """What an entry is about: its ``subject`` is a release id, a modification id or a freeze id."""

    RELEASE = "release"
    MODIFICATION = "modification"
    FREEZE = "change-freeze"

    def __str__(self) -> str:
        return self.value


class ChangeKind(str, Enum):
    """The kinds of change, in the order entries of one day and one subject are listed."""

    # A release (policy 3, 5.4, 6.1, 8)
    RELEASE_RECORDED = "release-recorded"  # policy 3.2: an ad hoc release set up
    GO_LIVE_MOVED = "go-live-moved"  # R7
    TYPE_CHANGED = "type-changed"  # R2, policy 3.1
    TESTING_REVISED = "testing-revised"  # a testing phase's dates revised
    RID_VERSION = "rid-version"  # R16: a version of the Release Implementation Document
    NO_GO = "no-go"  # policy 8: the go-live decision was no-go
    CANCELLED = "cancelled"
    # A modification (policy 4)
    ENTERED = "entered"  # R8: the Panel set its date in a release (late additions flagged, R14)
    DATE_SET = "date-set"  # R8/R10: the Panel set a date in no release ("N Working Days following decision")
    FALL_BACK = "fall-back"  # R9: a decision-by date passed undecided; the next option applies
    AWAITING = "awaiting"  # R9: the last decision-by date passed undecided
    DATE_REVISED = "date-revised"  # R11: the Authority revised the implementation date
    APPROVED = "approved"
    REJECTED = "rejected"
    # A change freeze (R6, policy 3.5)
    FREEZE_DECIDED = "freeze-decided"
    FREEZE_REVISED = "freeze-revised"

    def __str__(self) -> str:
        return self.value


_KIND_ORDER = {kind: index for index, kind in enumerate(ChangeKind)}


@dataclass(frozen=True)
class Change:
    """One dated change, with the facts as they stood on ``date``.

    ``release`` is the release the entry is about: the subject release, or the one a modification
    is in after the change; ``previous_release`` the one it was in before. Names are the releases'
    names on the day (the one before a change for ``previous_name``).
    """

    date: date
    subject: str
    subject_type: Subject
    kind: ChangeKind
    release: str | None = None
    release_name: str | None = None
    previous_release: str | None = None
    previous_name: str | None = None
    when: date | None = None  # the date after the change: go-live or implementation date
    previous_when: date | None = None  # ...and before it
    period: tuple[date, date] | None = None  # a testing phase or freeze: first and last day after the change
    previous_period: tuple[date, date] | None = None
    release_type: str | None = None  # system | documentation, after the change
    previous_type: str | None = None
    late: bool = False  # R14: entered the release after the scope cut-off that applied then
    cutoff: date | None = None  # that cut-off, for a late addition
    decision_by: date | None = None  # the decision-by date that passed with no decision (R9)
    awaiting: bool = False  # no implementation date applies (R9)
    by: str | None = None  # who decided: change-board | authority | panel
    reason: str | None = None  # why, as the data gives it (or a go-live decision's note)
    version: str | None = None  # a RID version
    previous_version: str | None = None
    summary: str | None = None  # what the RID version changed, as the data gives it
    phase: str | None = None  # a testing phase's name
    scope: tuple[str, ...] = ()  # modification ids in the release's scope on the day
    entered: tuple[str, ...] = ()  # ...that entered it since the previous RID version
    left: tuple[str, ...] = ()  # ...that left it since the previous RID version

    @property
    def releases(self) -> tuple[str, ...]:
        """The releases whose change log lists this entry."""
        found = [rid for rid in (self.release, self.previous_release) if rid is not None]
        return tuple(dict.fromkeys(found))


def sort_key(change: Change) -> tuple:
    """Newest first, then by subject (MP99 before MP100), then by kind; the remaining fields only
    break ties between entries of one kind on one day (two testing phases revised together)."""
    return (
        -change.date.toordinal(),
        _subject_key(change.subject),
        _KIND_ORDER[change.kind],
        change.phase or "",
        change.version or "",
        change.release or "",
    )


@functools.lru_cache(maxsize=None)
def _subject_key(subject: str) -> tuple:
    return natural_key(subject)


def changes(schedule: Schedule, freezes: Sequence[ChangeFreeze] = ()) -> tuple[Change, ...]:
    """Every change dated on or before the build date, sorted by ``sort_key``; ``freezes`` are the
    calendar's change freezes (data/calendar.yml)."""
    found = _Record(schedule).entries(freezes)
    return tuple(sorted(found, key=sort_key))


def of_release(entries: Iterable[Change], release_id: str) -> tuple[Change, ...]:
    """The entries of one release's change log: about it, or moving a modification in or out of it."""
    return tuple(c for c in entries if release_id in c.releases)


def between(entries: Iterable[Change], first: date, last: date) -> tuple[Change, ...]:
    """The entries dated from ``first`` to ``last``, both included."""
    return tuple(c for c in entries if first <= c.date <= last)


class _Record:
    """Works out the entries of one schedule (one instance per call of ``changes``)."""

    def __init__(self, schedule: Schedule):
        self.schedule = schedule
        self.today: date = schedule.settings.today
        self.histories: Mapping[str, ReleaseHistory] = schedule.histories
        self.mods = schedule.modifications

    def entries(self, freezes: Sequence[ChangeFreeze]) -> list[Change]:
        found: list[Change] = []
        for history in self.histories.values():
            if history.exists_on(self.today):
                found += self.release_entries(history)
        for view in self.mods.values():
            found += self.modification_entries(view.mod, view.moves)
        for freeze in freezes:
            found += self.freeze_entries(freeze)
        return [c for c in found if c.date <= self.today]

    # --- releases as they stood ----------------------------------------------------------------

    def name(self, rid: str | None, day: date) -> str | None:
        """The release's name on ``day`` (R4; an ad hoc release sharing a month adds its day)."""
        if rid is None:
            return None
        then = self.schedule.on(day)
        if rid in then.names:
            return then.names[rid]
        history = self.histories.get(rid)
        return policy.release_name(history.plan_on(day).go_live) if history else rid

    def scope_on(self, rid: str, day: date) -> tuple[str, ...]:
        return self.schedule.scope_on(rid, day)

    def release_entries(self, history: ReleaseHistory) -> list[Change]:
        rid, data = history.id, history.data
        found: list[Change] = []

        def entry(day: date, kind: ChangeKind, **facts) -> None:
            if history.exists_on(day):
                facts.setdefault("release_name", self.name(rid, day))
                found.append(Change(day, rid, Subject.RELEASE, kind, release=rid, **facts))

        if history.recorded != ALWAYS:  # policy 3.2: an ad hoc release, from the day it was recorded
            plan = history.plan_on(history.recorded)
            entry(history.recorded, ChangeKind.RELEASE_RECORDED, when=plan.go_live, release_type=plan.type)
        if data is None:
            return found
        for day, change, before, after in _plan_changes(history):
            if isinstance(change, DateChange):  # a go-live moved (R7)
                entry(day, ChangeKind.GO_LIVE_MOVED, when=after.go_live, previous_when=before.go_live,
                      previous_name=self.name(rid, day - timedelta(days=1)), by=change.by, reason=change.reason)
            else:  # a change of type (R2)
                entry(day, ChangeKind.TYPE_CHANGED, release_type=after.type, previous_type=before.type,
                      when=after.go_live, reason=change.reason)
        if data.cancelled is not None:
            day = data.cancelled.decided
            entry(day, ChangeKind.CANCELLED, when=history.plan_on(day).go_live, reason=data.cancelled.reason,
                  scope=self.scope_on(rid, day))
        decision = data.go_live_decision
        if decision is not None and decision.outcome == "no-go":  # policy 8
            entry(decision.date, ChangeKind.NO_GO, when=history.plan_on(decision.date).go_live, reason=decision.note)
        previous = None
        for version in data.rid:  # R16: what each version changed in the scope since the one before
            if version.date > self.today:
                break  # listed oldest first (checked): the rest are later still
            scope = self.scope_on(rid, version.date)
            facts = dict(version=version.version, summary=version.summary, scope=scope)
            if previous is not None:
                before = set(self.scope_on(rid, previous.date))
                facts.update(
                    previous_version=previous.version,
                    entered=tuple(m for m in scope if m not in before),
                    left=tuple(sorted(before - set(scope), key=natural_key)),
                )
            entry(version.date, ChangeKind.RID_VERSION, **facts)
            previous = version
        for phase in data.testing.phases if data.testing else ():
            for day, before, after, reason in _revisions(phase.start, phase.end, phase.changes):
                entry(day, ChangeKind.TESTING_REVISED, phase=phase.name, period=after, previous_period=before, reason=reason)
        return found

    # --- modifications -------------------------------------------------------------------------

    def modification_entries(self, mod: Modification, all_moves: tuple[Move, ...]) -> list[Change]:
        mod_id = mod.id
        found: list[Change] = []
        known = known_on(all_moves, self.today)
        previous: Move | None = None
        for move in known:
            then = self.schedule.on(move.since)
            rid, when = then.target(move)
            before_rid, before_when = (None, None)
            if previous is not None and previous.in_a_release:
                # Where it stood the day before, as known that day.
                before_rid, before_when = self.schedule.on(move.since - timedelta(days=1)).target(previous)
            facts = dict(previous_release=before_rid, previous_when=before_when,
                         previous_name=self.name(before_rid, move.since - timedelta(days=1)))
            if move.in_a_release and rid is not None:
                cutoff = then.scope_cutoff(rid, mod.impacts.systems)
                if cutoff is not None and rid != before_rid and policy.is_late_addition(move.since, cutoff):  # R14
                    facts.update(late=True, cutoff=cutoff)
                facts.update(release=rid, release_name=self.name(rid, move.since), when=when)
            elif move.cause is Cause.SET:
                facts.update(when=when)
            kind = _MOVE_KINDS.get(move.cause)
            if move.cause is Cause.SET and rid is None:
                kind = ChangeKind.DATE_SET  # R10 before the decision, or a date that is no release's go-live
            if move.cause in (Cause.FALL_BACK, Cause.AWAITING) and previous is not None:
                facts.update(decision_by=move.since - timedelta(days=1))
            if move.cause is Cause.AWAITING:
                facts.update(awaiting=True)
            if move.cause is Cause.REVISED:
                facts.update(by="authority", reason=move.reason)
            if kind is not None:
                found.append(Change(move.since, mod_id, Subject.MODIFICATION, kind, **facts))
            previous = move
        decision = mod.decision
        if decision is not None and decision.date <= self.today:
            day = decision.date
            if decision.outcome == "approved":
                move = move_on(all_moves, day)
                facts = {}
                if move is not None:
                    rid, when = self.schedule.on(day).target(move) if move.in_a_release else (None, None)
                    facts = dict(release=rid, release_name=self.name(rid, day), when=when,
                                 awaiting=move.cause is Cause.AWAITING)
                found.append(Change(day, mod_id, Subject.MODIFICATION, ChangeKind.APPROVED, by=decision.by, **facts))
            else:
                move = move_on(all_moves, day - timedelta(days=1))
                facts = {}
                if move is not None and move.in_a_release:
                    rid, when = self.schedule.on(day - timedelta(days=1)).target(move)
                    facts = dict(previous_release=rid, previous_name=self.name(rid, day - timedelta(days=1)),
                                 previous_when=when)
                found.append(Change(day, mod_id, Subject.MODIFICATION, ChangeKind.REJECTED, by=decision.by, **facts))
        return found

    # --- change freezes ------------------------------------------------------------------------

    def freeze_entries(self, freeze: ChangeFreeze) -> list[Change]:
        found = []
        if freeze.decided is not None:  # policy 3.5: the freeze as first decided
            found.append(Change(freeze.decided, freeze.id, Subject.FREEZE, ChangeKind.FREEZE_DECIDED,
                                period=(freeze.start, freeze.end), reason=freeze.reason))
        for day, before, after, reason in _revisions(freeze.start, freeze.end, freeze.changes):
            found.append(Change(day, freeze.id, Subject.FREEZE, ChangeKind.FREEZE_REVISED,
                                period=after, previous_period=before, reason=reason))
        return found


# How each move of a modification is recorded; a DECIDED move (R10: approval fixed the date) is
# told by the approval entry, and a rejection by the decision.
_MOVE_KINDS = {
    Cause.SET: ChangeKind.ENTERED,
    Cause.FALL_BACK: ChangeKind.FALL_BACK,
    Cause.AWAITING: ChangeKind.AWAITING,
    Cause.REVISED: ChangeKind.DATE_REVISED,
}


def _plan_changes(history: ReleaseHistory):
    """Each go-live move and type change of a release: (day, the data's change, plan before, plan after).

    The plans timeline has one entry per change after its first (``release_history``), in the
    order of the changes' dates, so the two are read side by side.
    """
    data = history.data
    events = sorted([(c.approved, c) for c in data.date_changes] + [(c.decided, c) for c in data.type_changes],
                    key=lambda e: e[0])
    plans = history.plans.entries
    if len(plans) != len(events) + 1:  # not expected; fall back to the plan of the day before
        return [(day, change, history.plan_on(day - timedelta(days=1)), history.plan_on(day)) for day, change in events]
    return [(since, change, before, after)
            for (_, change), (since, after), (_, before) in zip(events, plans[1:], plans)]


def _revisions(start: date, end: date, revisions) -> list[tuple[date, tuple[date, date], tuple[date, date], str | None]]:
    """Each revision of a period: (day decided, period before, period after, reason)."""
    # The timeline keeps the revisions in the order of their days (a stable sort), after the first period.
    entries = period_timeline(start, end, revisions).entries
    ordered = sorted(revisions, key=lambda c: c.decided)
    return [(since, before, after, revision.reason)
            for (_, before), (since, after), revision in zip(entries, entries[1:], ordered)]
