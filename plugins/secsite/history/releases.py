"""A release's history: its go-live and type as decided over time, and its dates as they stood on any day.

As-of rule (policy-rules.md): a date the policy fixes relative to the go-live (a cut-off, a TAD
deadline, a notice) keeps the value it had when it arrived; dates still ahead move with a changed
go-live. A fact dated after the day asked about is not yet known.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Mapping

from .. import policy
from ..model import PeriodChange, Release
from ..policy import ReleaseStatus, WorkingDays
from .timeline import ALWAYS, Timeline

NOTICE_PREFIX = "notice-"  # deadlines dict keys of the R23/R24 notices, beside the milestone keys


@dataclass(frozen=True)
class Plan:
    """What was planned for a release at some time: its go-live and its type (R1, R2, R7)."""

    go_live: date
    type: str  # policy.SYSTEM | policy.DOCUMENTATION


@dataclass(frozen=True)
class Settled:
    """A deadline as known on a day: its date, and the plan it was worked out from.

    ``passed`` is true when it arrived under an earlier plan: it keeps that plan's date (as-of rule).
    """

    due: date
    plan: Plan
    passed: bool


@functools.lru_cache(maxsize=4096)
def _deadlines(plan: Plan, wd: WorkingDays) -> Mapping[str, date]:
    """Every date the policy fixes from one plan: milestones (R13, R17, R20, R21) and notices (R23, R24)."""
    found = dict(policy.milestone_dates(plan.go_live, plan.type, wd))
    for kind, day in policy.notice_dates(plan.go_live, wd).items():
        found[NOTICE_PREFIX + kind] = day
    return found


def period_timeline(start: date, end: date, changes: tuple[PeriodChange, ...], since: date = ALWAYS) -> Timeline[tuple[date, date]]:
    """A testing phase or change freeze: its first dates, then each agreed revision from its day."""
    return Timeline.of([(since, (start, end))] + [(c.decided, (c.start, c.end)) for c in changes])


@dataclass(frozen=True)
class ReleaseHistory:
    """Everything dated about one release, from which its state on any day follows."""

    id: str
    kind: str  # scheduled | ad-hoc
    data: Release | None
    plans: Timeline[Plan]
    rule_go_live: date | None  # R1 date of a scheduled release
    recorded: date = ALWAYS  # an ad hoc release does not exist before it was first recorded
    cancelled: date | None = None
    no_go: date | None = None  # a no-go decision (policy 8) not yet followed by a new go-live

    @property
    def implicit(self) -> bool:
        """An ad hoc release with no file: a modification's date that is no release's go-live."""
        return self.kind == "ad-hoc" and self.data is None

    def exists_on(self, day: date) -> bool:
        return day >= self.recorded

    def plan_on(self, day: date) -> Plan:
        # Before an ad hoc release was recorded, its first plan stands in (the release is hidden anyway).
        return self.plans.at(day) or self.plans.entries[0][1]

    def cancelled_on(self, day: date) -> bool:
        return self.cancelled is not None and self.cancelled <= day

    def postponed_on(self, day: date) -> bool:
        """A no-go decision (policy 8) known on ``day``, with no go-live approved since."""
        if self.no_go is None or self.no_go > day:
            return False
        # Only a new go-live ends it: a type change after the no-go sets no date.
        return not any(self.no_go <= since <= day for since in self.go_live_change_days())

    def go_live_change_days(self) -> tuple[date, ...]:
        """The days on which a new go-live became known (R7), oldest first."""
        entries = self.plans.entries
        return tuple(since for (since, plan), (_, before) in zip(entries[1:], entries) if plan.go_live != before.go_live)

    def deadlines_on(self, day: date, wd: WorkingDays) -> dict[str, Settled]:
        """Every milestone and notice date as it stood on ``day`` (as-of rule).

        Plans are taken in order; a deadline is settled by the first plan under which it arrived
        before the next plan replaced it. One that arrives under none has not arrived yet and
        follows the latest plan; one that the latest plan no longer has (a System Release turned
        into a Documentation Release before its systems cut-off) is gone.

        Two limits: the go-live itself is no deadline and always follows the latest plan (after a
        no-go the old date passed without a go-live); and a deadline cannot arrive before the plan
        that gives it was known: one that a later plan (a go-live brought forward, a Documentation
        Release turned into a System Release) puts on a day already gone, and that no earlier plan
        had reached, falls on the day that plan became known. Otherwise a build dated between the two
        days would show it ahead, and a later one would backdate it (and its notice) to a day when
        nobody knew of it.
        """
        plans = self.plans.known_on(day).entries or self.plans.entries[:1]
        settled: dict[str, Settled] = {}
        last = len(plans) - 1
        first_known = plans[0][0]
        for index, (since, plan) in enumerate(plans):
            until = plans[index + 1][0] if index < last else None
            if until is not None and until <= since:
                continue  # replaced on the day it was made: nothing arrived under it
            for key, due in self._deadlines(plan, wd).items():
                if key in settled or key == "go-live" and index < last:
                    continue
                if since > first_known and key != "go-live":
                    due = max(due, since)
                if until is None or due < until:
                    settled[key] = Settled(due, plan, passed=index < last)
        latest = self._deadlines(plans[last][1], wd)
        return {key: settled[key] for key in sorted(settled, key=lambda k: (settled[k].due, _order(k))) if key in latest or settled[key].passed}

    def _deadlines(self, plan: Plan, wd: WorkingDays) -> Mapping[str, date]:
        if self.implicit:  # one modification's date: a go-live, and nothing to prepare for it
            return {"go-live": plan.go_live}
        return _deadlines(plan, wd)

    def status_on(self, day: date, wd: WorkingDays) -> ReleaseStatus:
        """Where the release stood on ``day`` (policy-rules.md, "Statuses of a release")."""
        if self.cancelled_on(day):
            return ReleaseStatus.CANCELLED
        if self.postponed_on(day):
            return ReleaseStatus.POSTPONED
        dates = {key: s.due for key, s in self.deadlines_on(day, wd).items()}
        return policy.status_from_dates(day, dates, self.plan_on(day).type)

    def change_days(self) -> tuple[date, ...]:
        """Every day something about the release's dates or status changed, oldest first."""
        days = set(self.plans.change_days())
        for day in (self.cancelled, self.no_go):
            if day is not None:
                days.add(day)
        if self.recorded != ALWAYS:
            days.add(self.recorded)
        return tuple(sorted(days))


def _order(key: str) -> int:
    keys = policy.MILESTONE_KEYS
    return keys.index(key) if key in keys else len(keys)


def release_history(rid: str, release: Release | None) -> ReleaseHistory | None:
    """The history of a release that exists by rule (scheduled, ``release`` may be None) or by file.

    None for an ad hoc release without a go-live (reported by the checks).
    """
    scheduled = policy.is_scheduled_release_id(rid) and (release is None or release.kind == "scheduled")
    rule = None
    if scheduled:
        year, month, _ = policy.parse_release_id(rid)
        rule = policy.scheduled_go_live(year, month)
    if release is None:
        plan = Plan(rule, policy.default_release_type(policy.parse_release_id(rid)[1]))
        return ReleaseHistory(rid, "scheduled", None, Timeline(((ALWAYS, plan),)), rule)

    # The type as it is now (``type``) and its changes: the first type is the rule's for a scheduled
    # release, and for an ad hoc one the type before its first change (there are only two).
    changes = release.type_changes
    if scheduled:
        first_type = policy.default_release_type(policy.parse_release_id(rid)[1])
    elif changes:
        first_type = policy.other_release_type(changes[0].type)
    else:
        first_type = release.type or policy.SYSTEM
    if scheduled:
        first_go_live = rule
    else:
        first_go_live = release.first_go_live if release.date_changes else release.go_live
        if first_go_live is None:
            first_go_live = release.date_changes[0].date if release.date_changes else None
    if first_go_live is None:
        return None
    recorded = ALWAYS if scheduled else (release.recorded or ALWAYS)

    # Each dated decision gives a new plan: go-live moves (R7) and type changes (R2).
    events = sorted(
        [(c.approved, "go_live", c.date) for c in release.date_changes]
        + [(c.decided, "type", c.type) for c in changes],
        key=lambda e: e[0],
    )
    current = Plan(first_go_live, first_type)
    entries = [(recorded, current)]
    for since, field, value in events:
        current = Plan(value, current.type) if field == "go_live" else Plan(current.go_live, value)
        entries.append((max(since, recorded), current))
    decision = release.go_live_decision
    return ReleaseHistory(
        rid,
        "scheduled" if scheduled else "ad-hoc",
        release,
        Timeline.of(entries),
        rule,
        recorded=recorded,
        cancelled=release.cancelled.decided if release.cancelled else None,
        no_go=decision.date if decision is not None and decision.outcome == "no-go" else None,
    )
