"""The release schedule as it stands on the build date: computed once per build from the catalogue.

Everything a page, calendar, feed or check needs to know beyond the raw data lives here: each
release's go-live and milestone dates, which modifications are in which release and with what
status, the applicable implementation date of each modification, and the notices the policy
requires (R22–R24). It knows the model and the policy engine, and nothing about MkDocs or HTML.
"""

from __future__ import annotations

import functools
import re
from enum import Enum
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Mapping

from .. import policy
from .modifications import Cause, Move, Source, approved_on, move_on, moves
from .releases import NOTICE_PREFIX, Plan, ReleaseHistory, Settled, release_history
from .timeline import ALWAYS, Timeline
from ..model.loader import Catalogue
from ..model import (MODIFICATION_ID, RELEASE_ID, Decision, HistoryEvent, ImplementationChange, Link, Modification,
                    Release, natural_key)
from ..policy import ReleaseStatus, WorkingDays

# Milestones whose actual date the data can record, and where (R17, R20, R21, 5.3).
ACTUAL_DATE_OF = {
    "systems-cutoff": lambda r: r.scope_set and r.scope_set.systems,
    "documentation-cutoff": lambda r: r.scope_set and r.scope_set.full,
    "tad-to-tag": lambda r: r.testing and r.testing.tad_to_tag,
    "tad-published": lambda r: r.testing and r.testing.tad_published,
    "go-live-evidence": lambda r: r.go_live_evidence,
    "actual-cost-report": lambda r: r.costs and r.costs.actual_reported,
}

CUTOFF_KEYS = ("systems-cutoff", "documentation-cutoff")  # R13, in the order pages list them


class PlacementStatus(str, Enum):
    """A modification's status within one release (policy-rules.md, "Status of a modification")."""

    TARGETED = "Targeted"  # in scope, not approved (R8)
    APPROVED = "Approved"  # approved, date ahead
    IMPLEMENTED = "Implemented"  # approved, date reached
    MOVED_OUT = "Moved out"  # a revision, or a passed decision-by date, took it elsewhere
    REJECTED = "Rejected"  # left the scope when the decision was to reject
    RELEASE_CANCELLED = "Release cancelled"  # approved for a release that was then cancelled

    def __str__(self) -> str:
        return self.value


TARGETED, APPROVED, IMPLEMENTED = PlacementStatus.TARGETED, PlacementStatus.APPROVED, PlacementStatus.IMPLEMENTED
MOVED_OUT, REJECTED, RELEASE_CANCELLED = PlacementStatus.MOVED_OUT, PlacementStatus.REJECTED, PlacementStatus.RELEASE_CANCELLED


@dataclass(frozen=True)
class Settings:
    """What a build depends on besides the data: the build date T and the site's settings."""

    today: date
    region: str = "england-and-wales"
    first_year: int = 2019  # scheduled releases are listed from this year (SECMP0061, Feb 2019)
    horizon_years: int = 2  # ...to the end of this many years after the build year


@dataclass(frozen=True)
class Milestone:
    kind: policy.MilestoneKind
    due: date
    actual: date | None = None
    # When the date passed under an earlier go-live or type: that plan, and the date the plan now in
    # force would give (None when it no longer has this milestone). As-of rule, policy-rules.md.
    passed_under: Plan | None = None
    now_due: date | None = None

    @property
    def key(self) -> str:
        return self.kind.key

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def rule(self) -> str:
        """The policy section readers are shown as the basis of the date."""
        return self.kind.clause

    @property
    def missed(self) -> bool:
        """A DCC deadline whose recorded date came after it (a policy flag, R17, R20, R21). A scope
        set after its cut-off is stated, not flagged: it is no failure of the same kind."""
        return self.kind.dcc_deadline and self.actual is not None and self.actual > self.due


@dataclass(frozen=True)
class Placement:
    """A modification's time in one release: from entering its scope (R14) to leaving it, if it did."""

    modification_id: str
    release_id: str | None  # None: an implementation date that is no release's go-live
    date: date | None  # the implementation date while in this release (None: not yet known)
    entered: date
    source: Source  # where in the modification file this placement is written
    cause: Cause = Cause.SET  # how it entered (set, fall-back option, revision)
    status: PlacementStatus = TARGETED
    late: bool = False
    rationale: str | None = None
    left: date | None = None  # the day it left: a revision approved, a decision-by passed, a rejection
    moved_to: str | None = None
    moved_reason: str | None = None


@dataclass(frozen=True)
class Option:
    """One conditional implementation date (R9) with its release and date resolved (R12)."""

    release_id: str | None
    date: date | None
    decision_by: date
    applies: bool


@dataclass(frozen=True)
class ModificationView:
    mod: Modification
    options: tuple[Option, ...]
    placements: tuple[Placement, ...]  # in the order the modification went through them
    awaiting_new_date: bool  # R9: approval (or today) is after every decision-by date
    approval_notice_due: date | None  # R22
    next_key_date: tuple[str, date] | None
    moves: tuple[Move, ...] = ()  # every move, dated (also those after the build date)
    approved: bool = False  # as known on the build date
    # What was known on the build date: facts dated later are left out (as-of rule).
    stage: str = ""
    decision: Decision | None = None
    revisions: tuple[ImplementationChange, ...] = ()
    history: tuple[HistoryEvent, ...] = ()
    documents: tuple[Link, ...] = ()

    @property
    def id(self) -> str:
        return self.mod.id

    @property
    def current(self) -> Placement | None:
        """Where the modification stands now: the last placement, unless it has left every release."""
        if not self.placements or self.placements[-1].left is not None:
            return None
        return self.placements[-1]

    @property
    def implementation_date(self) -> date | None:
        return self.current.date if self.current else None

    @property
    def undecided(self) -> bool:
        return _undecided(self.approved, self.decision, self.stage)


@dataclass(frozen=True)
class ReleaseView:
    id: str
    name: str
    kind: str  # scheduled | ad-hoc
    type: str  # system | documentation
    go_live: date
    rule_go_live: date | None  # R1 date of a scheduled release
    data: Release | None
    status: ReleaseStatus
    milestones: tuple[Milestone, ...]
    history: ReleaseHistory
    scope: tuple[Placement, ...] = ()  # every placement that was ever in this release
    warnings: tuple[PolicyFlag, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.status is ReleaseStatus.CANCELLED

    @property
    def postponed(self) -> bool:
        return self.status is ReleaseStatus.POSTPONED

    def milestone(self, key: str) -> Milestone | None:
        return next((m for m in self.milestones if m.key == key), None)

    def cutoffs(self) -> tuple[Milestone, ...]:
        """The scope cut-offs (R13): systems then documentation; a Documentation Release has only the latter."""
        return tuple(m for m in (self.milestone(k) for k in CUTOFF_KEYS) if m is not None)

    def in_scope(self) -> tuple[Placement, ...]:
        return tuple(p for p in self.scope if p.left is None)


def generated_notice_id(subject: str, kind: str, day: date | None = None) -> str:
    """The id of a generated notice: ``mp123-approved``, ``2027-06-12-months``,
    ``2027-06-go-live-moved-2026-03-12`` (site contract; a notice keeps its id forever)."""
    return f"{subject.lower()}-{kind}" + (f"-{day.isoformat()}" if day else "")


def is_generated_notice_id(notice_id: str) -> bool:
    """Whether ``notice_id`` is one the site gives (or would give) a generated notice: such ids are
    reserved even before the notice exists, so a hand-written notice cannot take one."""
    kinds = "|".join(re.escape(k.value) for k in NoticeKind)
    match = re.fullmatch(r"(.+?)-(" + kinds + r")(-\d{4}-\d{2}-\d{2})?", notice_id)
    if match is None:
        return False
    subject, kind, _ = match.groups()
    if NoticeKind(kind).about_a_modification:
        return re.fullmatch(MODIFICATION_ID, subject.upper()) is not None
    return re.fullmatch(RELEASE_ID, subject) is not None


class NoticeKind(str, Enum):
    """The generated notices, as named in their ids (site contract, "Feed")."""

    APPROVED = "approved"  # R22, policy 9.1: an approval and its implementation date
    DATE_REVISED = "date-revised"  # policy 4.3: the Authority revised an approved implementation date
    TWELVE_MONTHS = "12-months"  # R23, policy 9.1
    SIX_MONTHS = "6-months"  # R23
    ONE_MONTH = "1-month"  # R24
    ANNOUNCED = "announced"  # policy 3.2: an ad hoc release, on the day it was first recorded
    GO_LIVE_MOVED = "go-live-moved"  # R7, policy 4.3
    TYPE_CHANGED = "type-changed"  # R2, policy 3.1: "communicated well in advance"
    CANCELLED = "cancelled"

    def __str__(self) -> str:
        return self.value

    @property
    def about_a_modification(self) -> bool:
        return self in (NoticeKind.APPROVED, NoticeKind.DATE_REVISED)



@dataclass(frozen=True)
class GeneratedNotice:
    """A notice the policy requires, with the facts as they stood on its date (its text is the views').

    Everything here is worked out from facts dated on or before ``date``, so the notice never
    changes once published, whatever is recorded later (site contract, "Feed").
    """

    id: str
    kind: NoticeKind
    date: date
    release_id: str | None = None
    modification_id: str | None = None
    scope: tuple[str, ...] = ()  # modification ids in the release's scope on the notice date (R23)
    release_name: str | None = None  # names as they stood on the notice date
    go_live: date | None = None
    release_type: str | None = None
    cutoffs: tuple[tuple[str, date], ...] = ()  # (milestone key, date) of the scope cut-offs then
    placement: Placement | None = None  # a modification notice: where it stood then
    awaiting: bool = False
    previous: date | None = None  # the go-live before a move
    reason: str | None = None


@dataclass(frozen=True)
class Schedule:
    settings: Settings
    workdays: WorkingDays
    releases: Mapping[str, ReleaseView]  # chronological by go-live; those that exist on the build date
    modifications: Mapping[str, ModificationView]  # natural id order
    histories: Mapping[str, ReleaseHistory] = field(default_factory=dict)  # every release ever recorded
    _days: _Releases | None = field(default=None, repr=False, compare=False)
    _scopes: dict = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def notices(self) -> tuple[GeneratedNotice, ...]:
        """Every generated notice, dated any time, each with the facts of its own date; worked out
        when first asked for, as checking the data does not need them."""
        return _generated_notices(self)

    def release(self, release_id: str | None) -> ReleaseView | None:
        return self.releases.get(release_id) if release_id else None

    def on(self, day: date) -> _Day:
        """The releases as they stood on ``day``: go-lives, types, names and cut-offs then."""
        return self._days.on(day)

    @functools.cached_property
    def _pointing_at(self) -> dict[str | None, list[str]]:
        """The modifications that ever point at each release (None: at a bare date), so a scope on
        some day only asks those."""
        found: dict[str | None, list[str]] = {}
        for mod_id, view in self.modifications.items():
            for release_id in {m.release_id for m in view.moves if m.in_a_release}:
                found.setdefault(release_id, []).append(mod_id)
        return found

    def scope_on(self, release_id: str, day: date) -> tuple[str, ...]:
        """The modifications in the release's scope on ``day``, as it stood then (R23), in id order;
        each asked for by the notices and by the change log, so worked out once."""
        key = (release_id, day)
        if key not in self._scopes:
            self._scopes[key] = self._scope_on(release_id, day)
        return self._scopes[key]

    def _scope_on(self, release_id: str, day: date) -> tuple[str, ...]:
        then = self.on(day)
        found = set()
        for mod_id in self._pointing_at.get(release_id, []) + self._pointing_at.get(None, []):
            move = move_on(self.modifications[mod_id].moves, day)
            if move is not None and move.in_a_release and then.target(move)[0] == release_id:
                found.add(mod_id)
        return tuple(sorted(found, key=natural_key))


def build_schedule(catalogue: Catalogue, settings: Settings) -> Schedule:
    """The schedule as it stood on ``settings.today``: facts dated after it are not yet known."""
    today = settings.today
    wd = WorkingDays(settings.region, catalogue.calendar.non_working_days)
    all_moves = {mod_id: moves(mod, wd) for mod_id, mod in catalogue.modifications.items()}
    histories = _release_histories(catalogue, settings)
    histories.update(_implicit_releases(catalogue, all_moves, histories))
    days = _Releases(histories, wd)
    known = days.on(today)

    mod_views = {mod_id: _modification_view(mod, all_moves[mod_id], known) for mod_id, mod in catalogue.modifications.items()}

    scope: dict[str, list[Placement]] = {}
    for view in mod_views.values():
        for placement in view.placements:
            if placement.release_id in known.plans:
                scope.setdefault(placement.release_id, []).append(placement)
    release_views: dict[str, ReleaseView] = {}
    for rid in sorted(known.plans, key=lambda r: (known.plans[r].go_live, r)):
        history = histories[rid]
        plan = known.plans[rid]
        release = history.data
        release_views[rid] = ReleaseView(
            id=rid,
            name=known.names[rid],
            kind=history.kind,
            type=plan.type,
            go_live=plan.go_live,
            rule_go_live=history.rule_go_live,
            data=release,
            status=history.status_on(today, wd),
            milestones=_milestones(history, today, wd),
            history=history,
            scope=tuple(scope.get(rid, ())),  # in natural id order, as mod_views is
        )
    release_views = _with_warnings(release_views, mod_views)
    return Schedule(settings, wd, release_views, mod_views, histories, days)


def _release_histories(catalogue: Catalogue, settings: Settings) -> dict[str, ReleaseHistory]:
    """Every release that exists: scheduled ones by rule up to the horizon, every file, and any
    scheduled release a modification names."""
    ids = {rid for rid, _, _ in policy.scheduled_releases(settings.first_year, settings.today.year + settings.horizon_years)}
    ids |= set(catalogue.releases)
    # The scheduled releases of every year a release file goes live in, whatever the horizon: two
    # releases in one month are named apart (R4), and those names must not depend on the build date.
    years = {day.year for r in catalogue.releases.values()
             for day in (r.first_go_live, r.go_live, *(c.date for c in r.date_changes)) if day}
    ids |= {rid for year in years if year >= settings.first_year for rid, _, _ in policy.scheduled_releases(year, year)}
    for mod in catalogue.modifications.values():
        ids |= {rid for rid in _named_releases(mod) if policy.is_scheduled_release_id(rid)}
    found = {}
    for rid in sorted(ids):
        history = release_history(rid, catalogue.releases.get(rid))
        if history is not None:  # an ad hoc release without go-live: reported by validate
            found[rid] = history
    return found


def _implicit_releases(catalogue: Catalogue, all_moves: Mapping[str, tuple[Move, ...]],
                       histories: Mapping[str, ReleaseHistory]) -> dict[str, ReleaseHistory]:
    """Policy 3.2 and 3.4: a modification implemented on a date that is no release's go-live (R10's
    "N Working Days following decision", or a bare date) is in effect an ad hoc release. It gets the
    id ``YYYY-MM-<modification id>``, a name, a page and notices like any other, from the day the
    date became known. A later date in the same month moves it; a move anywhere else cancels it."""
    found: dict[str, ReleaseHistory] = {}
    for mod_id, mod_moves in all_moves.items():
        release_type = policy.SYSTEM if catalogue.modifications[mod_id].impacts.systems else policy.DOCUMENTATION
        plans: dict[str, list[tuple[date, Plan]]] = {}
        ends: dict[str, date | None] = {}
        for index, move in enumerate(mod_moves):
            if move.release_id is not None or move.date is None:
                continue
            if any(h.exists_on(move.since) and h.plan_on(move.since).go_live == move.date for h in histories.values()):
                continue  # the date is a real release's go-live (R12)
            rid = f"{move.date.year:04d}-{move.date.month:02d}-{mod_id.lower()}"
            if rid in histories:
                continue
            plans.setdefault(rid, []).append((move.since, Plan(move.date, release_type)))
            later = mod_moves[index + 1] if index + 1 < len(mod_moves) else None
            ends[rid] = later.since if later is not None else None
        for rid, entries in plans.items():
            found[rid] = ReleaseHistory(rid, "ad-hoc", None, Timeline.of(entries), None,
                                        recorded=entries[0][0], cancelled=ends[rid])
    return found


def _named_releases(mod: Modification) -> list[str]:
    impl = mod.implementation
    if impl is None:
        return []
    named = [o.release for o in impl.dates or () if o.release]
    return named + [c.release for c in impl.changes if c.release]


class _Releases:
    """The releases as they stood on each day asked about (each day worked out once)."""

    def __init__(self, histories: Mapping[str, ReleaseHistory], wd: WorkingDays):
        self.histories = histories
        self.wd = wd
        self._days: dict[date, _Day] = {}

    def on(self, day: date) -> _Day:
        if day not in self._days:
            self._days[day] = _Day(self, day)
        return self._days[day]


class _Day:
    """Go-live, type, name and cut-offs of every release that existed on one day."""

    def __init__(self, releases: _Releases, day: date):
        self.day = day
        self.wd = releases.wd
        self.histories = {rid: h for rid, h in releases.histories.items() if h.exists_on(day)}
        self.plans = {rid: h.plan_on(day) for rid, h in self.histories.items()}
        self._by_go_live: dict[date, str] = {}
        for rid in sorted(self.plans, reverse=True):  # the first id in order wins a shared go-live
            self._by_go_live[self.plans[rid].go_live] = rid
        self.names = _release_names(self.plans, self.histories)
        self._deadlines: dict[str, dict[str, Settled]] = {}

    def go_live(self, rid: str | None) -> date | None:
        return self.plans[rid].go_live if rid in self.plans else None

    def going_live_on(self, day: date | None) -> str | None:
        return self._by_go_live.get(day) if day else None

    def deadlines(self, rid: str) -> dict[str, Settled]:
        if rid not in self._deadlines:
            self._deadlines[rid] = self.histories[rid].deadlines_on(self.day, self.wd)
        return self._deadlines[rid]

    def scope_cutoff(self, rid: str | None, impacts_systems: bool) -> date | None:
        """R13's cut-off for a modification entering ``rid``, as it stood (None: no such release)."""
        if rid not in self.plans or self.histories[rid].implicit:
            return None  # an implicit ad hoc release exists for its one modification: never late
        dates = self.deadlines(rid)
        key = "systems-cutoff" if impacts_systems and "systems-cutoff" in dates else "documentation-cutoff"
        return dates[key].due

    def target(self, move: Move) -> tuple[str | None, date | None]:
        """The release and date a move points at, resolved on this day (R12: a release alone means its
        go-live, which is not known while a no-go decision holds the release back, policy 8)."""
        release_id = move.release_id or self.going_live_on(move.date)
        if move.date is None and release_id in self.histories and self.histories[release_id].postponed_on(self.day):
            return release_id, None
        return release_id, move.date or self.go_live(move.release_id)


def _release_names(plans: Mapping[str, Plan], histories: Mapping[str, ReleaseHistory]) -> dict[str, str]:
    """R4 (policy 3.4): a release is named after its go-live month. When several share a month, each
    ad hoc one adds its go-live day so that no two releases have the same name."""
    by_month: dict[tuple[int, int], list[str]] = {}
    for rid, plan in plans.items():
        by_month.setdefault((plan.go_live.year, plan.go_live.month), []).append(rid)
    names = {}
    for rid, plan in plans.items():
        name = policy.release_name(plan.go_live)
        if len(by_month[(plan.go_live.year, plan.go_live.month)]) > 1 and histories[rid].kind == "ad-hoc":
            name += f" (ad hoc, {plan.go_live.day} {policy.month_name(plan.go_live.month)})"
        names[rid] = name
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {rid: name if counts[name] == 1 else f"{name} [{rid}]" for rid, name in names.items()}


def _milestones(history: ReleaseHistory, day: date, wd: WorkingDays) -> tuple[Milestone, ...]:
    """The release's key dates as they stood on ``day``, with the recorded actual dates known by then."""
    current = history.plan_on(day)
    now = history.deadlines_on(day, wd)
    found = []
    for key, settled in now.items():
        if key.startswith(NOTICE_PREFIX):
            continue
        actual = ACTUAL_DATE_OF[key](history.data) if history.data and key in ACTUAL_DATE_OF else None
        if actual is not None and actual > day:
            actual = None  # recorded for a later day: not yet known
        moved = None
        now_due = None
        if settled.passed and settled.plan != current:
            now_due = policy.milestone_dates(current.go_live, current.type, wd).get(key)
            if now_due != settled.due:
                moved = settled.plan
        found.append(Milestone(policy.MILESTONES[key], settled.due,
                               actual or None, moved, now_due if moved else None))
    return tuple(found)


def _modification_view(mod: Modification, all_moves: tuple[Move, ...], known: _Day) -> ModificationView:
    """Where ``mod`` stood on ``known.day``, from the moves known by then."""
    today = known.day
    approved = approved_on(mod, today)
    impl = mod.implementation
    options: tuple[Option, ...] = ()
    if impl is not None and impl.dates is not None:
        decided = mod.decision.date if approved and mod.decision is not None else today
        chosen = policy.applicable_option([o.decision_by for o in impl.dates], decided)
        options = tuple(
            Option(o.release or known.going_live_on(o.date), o.date or known.go_live(o.release), o.decision_by, i == chosen)
            for i, o in enumerate(impl.dates)
        )
    past = [m for m in all_moves if m.since <= today]
    # One placement per stay: moves from the same line of the file (R10's date becoming known) merge.
    stays: list[Move] = []
    entered: list[date] = []
    for move in past:
        if stays and move.source == stays[-1].source and move.cause is Cause.DECIDED:
            stays[-1] = move
        else:
            stays.append(move)
            entered.append(move.since)
    placements: list[Placement] = []
    for index, move in enumerate(stays):
        if not move.in_a_release:
            continue
        release_id, day = known.target(move)
        cutoff = known.scope_cutoff(release_id, mod.impacts.systems)
        late = cutoff is not None and policy.is_late_addition(entered[index], cutoff)  # R14
        common = dict(late=late, rationale=move.rationale if cutoff is not None else None, cause=move.cause)
        if index + 1 < len(stays):
            nxt = stays[index + 1]
            to_release, to_day = known.target(nxt)
            status = REJECTED if nxt.cause is Cause.REJECTED else MOVED_OUT
            placements.append(Placement(
                mod.id, release_id, day, entered[index], move.source, status=status, left=nxt.since,
                moved_to=to_release or (to_day and policy.format_long(to_day)) if nxt.in_a_release else None,
                moved_reason=nxt.reason if nxt.cause is Cause.REVISED else None, **common,
            ))
            continue
        if known.histories.get(release_id) and known.histories[release_id].cancelled_on(today):
            status = RELEASE_CANCELLED
        elif approved and day is not None and day <= today and not (
            release_id in known.histories and known.histories[release_id].postponed_on(today)
        ):
            status = IMPLEMENTED
        elif approved or mod.stage == "implemented":
            status = APPROVED
        else:
            status = TARGETED
        placements.append(Placement(mod.id, release_id, day, entered[index], move.source, status=status, **common))
    last = past[-1] if past else None
    awaiting = last is not None and last.cause is Cause.AWAITING
    current = placements[-1] if placements and placements[-1].left is None else None
    if current is not None and current.status == RELEASE_CANCELLED:
        awaiting = True
    decision = mod.decision if mod.decision is not None and mod.decision.date <= today else None
    stage = _stage_on(mod, decision, current)
    undecided = _undecided(approved, decision, stage)
    return ModificationView(
        mod, options, tuple(placements), awaiting,
        _approval_notice(mod, known.wd), _next_key_date(options, current, today, undecided),
        all_moves, approved,
        stage=stage,
        decision=decision,
        revisions=tuple(c for c in impl.changes if c.approved <= today) if impl is not None else (),
        history=tuple(e for e in mod.history if e.date <= today),
        documents=tuple(d for d in mod.documents if d.date is None or d.date <= today),
    )


def _undecided(approved: bool, decision: Decision | None, stage: str) -> bool:
    """No decision known on the build date, and not withdrawn or rejected (neither has a date then)."""
    return not approved and decision is None and stage not in ("withdrawn", "rejected")


def _stage_on(mod: Modification, decision: Decision | None, current: Placement | None) -> str:
    """The stage as known on the build date: a decision recorded for a later day is not known yet,
    and "implemented" follows from an approval whose date has come (data contract)."""
    if decision is not None:
        if decision.outcome == "rejected":
            return "rejected"
        return "implemented" if current is not None and current.status == IMPLEMENTED else "approved"
    if mod.decision is not None and mod.stage in ("approved", "implemented", "rejected"):
        return "decision"  # decided later than the build date: still awaiting the decision then
    return mod.stage


def _approval_notice(mod: Modification, wd: WorkingDays) -> date | None:
    if mod.decision is not None and mod.decision.outcome == "approved":
        return policy.approval_notice_due(mod.decision.date, wd)  # R22
    return None


def _next_key_date(options, current, today, undecided) -> tuple[str, date] | None:
    """The next decision-by date while undecided, or the implementation date, whichever comes first."""
    candidates = []
    if undecided:
        for option in options:
            if option.decision_by >= today:
                candidates.append(("Decision needed by", option.decision_by))
                break
    if current is not None and current.date is not None and current.date >= today and current.status != RELEASE_CANCELLED:
        candidates.append(("Implementation", current.date))
    return min(candidates, key=lambda c: c[1]) if candidates else None


@dataclass(frozen=True)
class PolicyFlag:
    """A policy concern shown on a release page and as a check warning, never a build failure.

    ``message`` is for readers (policy section numbers, no rule ids); ``rule`` and ``field`` tell
    the checks which rule it is and where in the release file to point.
    """

    rule: str  # "R5" | "R17"
    message: str
    field: tuple = ()

    def __str__(self) -> str:
        return self.message


def _with_warnings(releases: dict[str, ReleaseView], mods: dict[str, ModificationView]) -> dict[str, ReleaseView]:
    """Policy flags shown on release pages: R5 and R17 (warnings, never build failures)."""
    flags: dict[str, list[PolicyFlag]] = {rid: [] for rid in releases}
    for rid, view in releases.items():
        for m in view.milestones:
            if m.kind.rule == "R17" and m.missed:  # policy 6.1: the Testing Approach Document's deadlines
                flags[rid].append(PolicyFlag("R17", (
                    f"{m.label} on {policy.format_long(m.actual)}, after the latest date the policy allows "
                    f"({policy.format_long(m.due)}, policy 6.1)."), ("testing",)))
    # R5 (policy 3.3): both System Releases of one year change DUIS, GBCS or the Technical Specifications.
    by_year: dict[int, list[str]] = {}
    for rid, view in releases.items():
        if view.type != "system" or view.cancelled:
            continue
        if any(policy.touches_technical_specifications(mods[p.modification_id].mod.impacts.documents) for p in view.in_scope()):
            by_year.setdefault(view.go_live.year, []).append(rid)
    for year, rids in by_year.items():
        if len(rids) > 1:
            names = " and ".join(releases[r].name for r in rids)
            for rid in rids:
                flags[rid].append(PolicyFlag("R5", (
                    f"The {names} both change DUIS, GBCS or the Technical Specifications; the Panel aims to "
                    "limit such changes to one System Release a year (policy 3.3).")))
    return {rid: replace(view, warnings=tuple(flags[rid])) for rid, view in releases.items()}


# --- generated notices -----------------------------------------------------------------------


def _cutoff_keys(release_type: str) -> tuple[str, ...]:
    """R13: the cut-offs a release of this type has (a Documentation Release only the 6-month one)."""
    return CUTOFF_KEYS if release_type == policy.SYSTEM else ("documentation-cutoff",)


def _generated_notices(schedule: Schedule) -> tuple[GeneratedNotice, ...]:
    wd, mods = schedule.workdays, schedule.modifications
    notices: list[GeneratedNotice] = []

    def modification_notice(view: ModificationView, kind: NoticeKind, day: date, suffix: date | None = None, reason=None):
        then = schedule.on(day)
        at_day = _modification_view(view.mod, view.moves, then)
        placement = at_day.current
        name = then.names.get(placement.release_id) if placement and placement.release_id else None
        notices.append(GeneratedNotice(
            generated_notice_id(view.id, kind, suffix), kind, day, modification_id=view.id,
            release_id=placement.release_id if placement else None, release_name=name,
            placement=placement, awaiting=at_day.awaiting_new_date, reason=reason,
        ))

    for view in mods.values():
        if view.approval_notice_due is not None:  # R22
            modification_notice(view, NoticeKind.APPROVED, view.approval_notice_due)
        impl = view.mod.implementation
        for change in impl.changes if impl else ():  # policy 4.3: Parties are told of the Authority's decision
            modification_notice(view, NoticeKind.DATE_REVISED, policy.approval_notice_due(change.approved, wd), change.approved, change.reason)

    def release_notice(history: ReleaseHistory, kind: NoticeKind, day: date, suffix: date | None = None, **extra):
        then = schedule.on(day)
        if history.id not in then.plans:
            return
        dates = then.deadlines(history.id)
        notices.append(GeneratedNotice(
            generated_notice_id(history.id, kind, suffix), kind, day, release_id=history.id,
            scope=schedule.scope_on(history.id, day), release_name=then.names[history.id], go_live=then.plans[history.id].go_live,
            release_type=then.plans[history.id].type,
            cutoffs=tuple((key, dates[key].due) for key in _cutoff_keys(then.plans[history.id].type) if key in dates), **extra,
        ))

    for rid, history in schedule.histories.items():
        release = history.data
        if history.recorded != ALWAYS:  # an ad hoc release is announced when first recorded (policy 3.2)
            release_notice(history, NoticeKind.ANNOUNCED, history.recorded)
        latest = history.deadlines_on(date.max, wd)
        for kind in policy.NOTICE_KINDS:  # R23, R24: dated as they stood when they came
            settled = latest.get(NOTICE_PREFIX + kind)
            if settled is None or not history.exists_on(settled.due) or history.cancelled_on(settled.due):
                continue
            # Every release that exists on the day gets them (policy 9.1, "the scope of any Release"),
            # even with nothing in scope: a rule on an undated fact, such as whether the release has
            # a file, would let a later edit add a notice to a day already published.
            release_notice(history, NoticeKind(kind), settled.due)
        if release is None:
            continue
        for change in release.date_changes:  # R7
            previous = history.plan_on(change.approved - timedelta(days=1)).go_live
            release_notice(history, NoticeKind.GO_LIVE_MOVED, policy.approval_notice_due(change.approved, wd), change.approved,
                           previous=previous, reason=change.reason)
        for change in release.type_changes:  # R2: "communicated well in advance"
            release_notice(history, NoticeKind.TYPE_CHANGED, policy.approval_notice_due(change.decided, wd), change.decided, reason=change.reason)
        if release.cancelled is not None:
            release_notice(history, NoticeKind.CANCELLED, release.cancelled.decided, reason=release.cancelled.reason)
    return _unique_ids(sorted(notices, key=lambda n: (n.date, n.id)))


def _unique_ids(notices: list[GeneratedNotice]) -> tuple[GeneratedNotice, ...]:
    """Two decisions of one kind on one day (two revisions approved together) would share an id: the
    later in data order takes "-2", "-3"... (ids are for ever, and the order of the data is stable)."""
    seen: dict[str, int] = {}
    found = []
    for notice in notices:
        seen[notice.id] = seen.get(notice.id, 0) + 1
        found.append(notice if seen[notice.id] == 1 else replace(notice, id=f"{notice.id}-{seen[notice.id]}"))
    return tuple(found)
