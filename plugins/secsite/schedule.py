"""The release schedule as it stands on the build date: computed once per build from the catalogue.

Everything a page, calendar, feed or check needs to know beyond the raw data lives here: each
release's go-live and milestone dates, which modifications are in which release and with what
status, the applicable implementation date of each modification, and the notices the policy
requires (R22–R24). It knows the model and the policy engine, and nothing about MkDocs or HTML.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Mapping

from . import policy
from .loader import Catalogue
from .model import MODIFICATION_ID, RELEASE_ID, Modification, Release
from .policy import ReleaseStatus, WorkingDays

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
TARGETED, APPROVED, IMPLEMENTED, MOVED_OUT = "Targeted", "Approved", "Implemented", "Moved out"


@dataclass(frozen=True)
class Settings:
    """What a build depends on besides the data: the build date T and the site's settings."""

    today: date
    region: str = "england-and-wales"
    first_year: int = 2019  # scheduled releases are listed from this year (SECMP0061, Feb 2019)
    horizon_years: int = 2  # ...to the end of this many years after the build year


@dataclass(frozen=True)
class Milestone:
    key: str
    label: str
    rule: str
    due: date
    actual: date | None = None

    @property
    def missed(self) -> bool:
        """The recorded date is after the due date (shown as a flag, R17)."""
        return self.actual is not None and self.actual > self.due


@dataclass(frozen=True)
class Placement:
    """A modification's time in one release: from entering its scope (R14) to leaving it, if it did."""

    modification_id: str
    release_id: str | None  # None: an implementation date that is no release's go-live
    date: date | None  # the implementation date while in this release (None: not yet known)
    entered: date
    origin: tuple  # where in the modification file this placement is written
    status: str = TARGETED
    late: bool = False
    rationale: str | None = None
    left: date | None = None  # approval date of the revision that moved it out (R11)
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
    # Moves that do not depend on the day asked about: (from, release), e.g. Authority revisions.
    transitions: tuple[tuple[date, str | None], ...] = ()

    @property
    def id(self) -> str:
        return self.mod.id

    @property
    def current(self) -> Placement | None:
        """Where the modification stands now: the last placement, unless it has been closed."""
        return self.placements[-1] if self.placements else None

    @property
    def implementation_date(self) -> date | None:
        return self.current.date if self.current else None

    @functools.cached_property
    def _decision_bys(self) -> list[date]:
        return [o.decision_by for o in self.options]

    def release_on(self, day: date) -> str | None:
        """The release this modification was in on ``day``: the scope "as it stood" (R23).

        It depends only on the data and ``day``, so a notice dated ``day`` never changes later.
        A withdrawal (or a rejection recorded only as the stage) has no date in the data, so such a
        modification is in no scope at all; a recorded rejection ends the scope on its date.
        """
        mod = self.mod
        impl, decision = mod.implementation, mod.decision
        rejected_on = decision.date if decision is not None and decision.outcome == "rejected" else None
        if impl is None or impl.set > day or (mod.closed and rejected_on is None):
            return None
        if rejected_on is not None and rejected_on <= day:
            return None
        decided = decision is not None and decision.date <= day
        current = None
        if self.options:
            reference = decision.date if decided and decision.outcome == "approved" else day
            chosen = policy.applicable_option(self._decision_bys, reference)
            current = self.options[chosen].release_id if chosen is not None else None
        for since, release_id in self.transitions:
            if since <= day:
                current = release_id
        return current


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
    sequence: int  # approved go-live changes so far (iCalendar SEQUENCE)
    scope: tuple[Placement, ...] = ()  # every placement that was ever in this release
    warnings: tuple[str, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.data is not None and self.data.cancelled

    def milestone(self, key: str) -> Milestone | None:
        return next((m for m in self.milestones if m.key == key), None)

    def cutoffs(self) -> tuple[Milestone, ...]:
        """The scope cut-offs (R13): systems then documentation; a Documentation Release has only the latter."""
        return tuple(m for m in (self.milestone(k) for k in CUTOFF_KEYS) if m is not None)

    def in_scope(self) -> tuple[Placement, ...]:
        return tuple(p for p in self.scope if p.status != MOVED_OUT)


APPROVED_NOTICE = "approved"  # the kind of the R22 notice; the release notices' kinds are policy.NOTICE_KINDS


def generated_notice_id(subject: str, kind: str) -> str:
    """The id of a generated notice: ``mp123-approved``, ``2027-06-12-months`` (site contract)."""
    return f"{subject.lower()}-{kind}"


def is_generated_notice_id(notice_id: str) -> bool:
    """Whether ``notice_id`` is one the site gives (or would give) a generated notice: such ids are
    reserved even before the notice exists, so a hand-written notice cannot take one."""
    subject = notice_id.removesuffix("-" + APPROVED_NOTICE)
    if subject != notice_id:
        return re.fullmatch(MODIFICATION_ID, subject.upper()) is not None
    return any(
        re.fullmatch(RELEASE_ID, notice_id.removesuffix("-" + kind)) is not None
        for kind in policy.NOTICE_KINDS
        if notice_id.endswith("-" + kind)
    )


@dataclass(frozen=True)
class GeneratedNotice:
    """A notice the policy requires (R22–R24); its text is written by the renderers."""

    id: str
    kind: str  # approved | 12-months | 6-months | 1-month
    date: date
    release_id: str | None = None
    modification_id: str | None = None
    scope: tuple[str, ...] = ()  # modification ids in scope on the notice date (R23)


@dataclass(frozen=True)
class Schedule:
    settings: Settings
    workdays: WorkingDays
    releases: Mapping[str, ReleaseView]  # chronological by go-live
    modifications: Mapping[str, ModificationView]  # natural id order

    @functools.cached_property
    def notices(self) -> tuple[GeneratedNotice, ...]:
        """Every generated notice (R22–R24), dated any time; worked out when first asked for, as
        checking the data does not need them."""
        return _generated_notices(self.releases, self.modifications, self.workdays)

    def release(self, release_id: str | None) -> ReleaseView | None:
        return self.releases.get(release_id) if release_id else None


def build_schedule(catalogue: Catalogue, settings: Settings) -> Schedule:
    today = settings.today
    wd = WorkingDays(settings.region, catalogue.calendar.non_working_days)

    # 1. Every release that exists: files, scheduled releases by rule up to the horizon, and any
    #    scheduled release a modification names.
    go_lives: dict[str, tuple[date, Release | None]] = {}
    for rid, rule_date, _ in policy.scheduled_releases(settings.first_year, today.year + settings.horizon_years):
        go_lives[rid] = (rule_date, None)
    for rid, release in catalogue.releases.items():
        go_live = _go_live(rid, release)
        if go_live is not None:
            go_lives[rid] = (go_live, release)
    for mod in catalogue.modifications.values():
        for rid in _named_releases(mod):
            if rid not in go_lives and policy.is_scheduled_release_id(rid):
                year, month, _ = policy.parse_release_id(rid)
                go_lives[rid] = (policy.scheduled_go_live(year, month), None)
    known = _KnownReleases(go_lives, wd)

    # 2. Each modification's placements.
    mod_views = {mod_id: _modification_view(mod, today, wd, known) for mod_id, mod in catalogue.modifications.items()}

    # 3. Release views with their scope.
    scope: dict[str, list[Placement]] = {}
    for view in mod_views.values():
        for placement in view.placements:
            if placement.release_id in go_lives:
                scope.setdefault(placement.release_id, []).append(placement)
    release_views: dict[str, ReleaseView] = {}
    for rid in sorted(go_lives, key=lambda r: (go_lives[r][0], r)):
        go_live, release = go_lives[rid]
        rtype = known.type(rid)
        year, month, slug = policy.parse_release_id(rid)
        scheduled = release.kind == "scheduled" if release else True
        milestones = tuple(
            Milestone(
                key,
                policy.MILESTONE_LABELS[key],
                policy.MILESTONE_RULES[key],
                due,
                (ACTUAL_DATE_OF[key](release) or None) if release and key in ACTUAL_DATE_OF else None,
            )
            for key, due in policy.milestone_dates(go_live, rtype, wd).items()
        )
        release_views[rid] = ReleaseView(
            id=rid,
            name=policy.release_name(go_live),
            kind="scheduled" if scheduled else "ad-hoc",
            type=rtype,
            go_live=go_live,
            rule_go_live=policy.scheduled_go_live(year, month) if scheduled and month in policy.SCHEDULED_MONTHS else None,
            data=release,
            status=policy.release_status(today, go_live, rtype, bool(release and release.cancelled), wd),
            milestones=milestones,
            sequence=len(release.date_changes) if release else 0,
            scope=tuple(scope.get(rid, ())),  # in natural id order, as mod_views is
        )
    release_views = _with_warnings(release_views, mod_views)

    return Schedule(
        settings=settings,
        workdays=wd,
        releases=release_views,
        modifications=mod_views,
    )


def _go_live(rid: str, release: Release) -> date | None:
    """R7: the recorded go-live, else the newest approved change, else the rule date (R1)."""
    if release.go_live is not None:
        return release.go_live
    if release.date_changes:
        return release.date_changes[-1].date
    if release.kind == "scheduled" and policy.is_scheduled_release_id(rid):
        year, month, _ = policy.parse_release_id(rid)
        return policy.scheduled_go_live(year, month)
    return None  # an ad hoc release without go-live: reported by validate


def _named_releases(mod: Modification) -> list[str]:
    impl = mod.implementation
    if impl is None:
        return []
    named = [o.release for o in impl.dates or () if o.release]
    return named + [c.release for c in impl.changes if c.release]


class _KnownReleases:
    """Go-live and type of every release that exists, as the modifications' placements need them."""

    def __init__(self, go_lives: Mapping[str, tuple[date, Release | None]], wd: WorkingDays):
        self._go_lives = go_lives
        self._wd = wd
        self._by_go_live: dict[date, str] = {}
        for rid in sorted(go_lives, reverse=True):  # the first id in order wins a shared go-live
            self._by_go_live[go_lives[rid][0]] = rid
        self._cutoffs: dict[tuple[str, bool], date] = {}

    def go_live(self, rid: str | None) -> date | None:
        return self._go_lives[rid][0] if rid in self._go_lives else None

    def going_live_on(self, day: date | None) -> str | None:
        return self._by_go_live.get(day) if day else None

    def type(self, rid: str) -> str:
        release = self._go_lives[rid][1]
        if release is not None and release.type:
            return release.type
        _, month, _ = policy.parse_release_id(rid)
        return policy.default_release_type(month) if policy.is_scheduled_release_id(rid) else "system"

    def scope_cutoff(self, rid: str | None, impacts_systems: bool) -> date | None:
        """R13's cut-off for a modification entering ``rid`` (None: no such release); the same
        few answers are asked for thousands of times, so each is worked out once."""
        if rid not in self._go_lives:
            return None
        key = (rid, impacts_systems)
        if key not in self._cutoffs:
            self._cutoffs[key] = policy.scope_cutoff(self._go_lives[rid][0], self.type(rid), impacts_systems, self._wd)
        return self._cutoffs[key]


def _modification_view(mod: Modification, today: date, wd: WorkingDays, known: _KnownReleases) -> ModificationView:
    impl = mod.implementation
    if impl is None:
        return ModificationView(mod, (), (), False, _approval_notice(mod, wd), _next_key_date(mod, (), None, today))

    # R9: the first option whose decision-by date is on or after the approval date applies; before
    # a decision, the one that would apply if approval came today.
    decided_on = mod.decision.date if mod.decision is not None else None
    reference = decided_on if (mod.approved and decided_on) else today
    options: tuple[Option, ...] = ()
    # Each place the modification went to, oldest first: (release, date, entered, origin, its
    # late-addition rationale, why it moved there: None for the first).
    entries: list[tuple[str | None, date | None, date, tuple, str | None, str | None]] = []
    awaiting = False
    if impl.dates is not None:
        chosen = policy.applicable_option([o.decision_by for o in impl.dates], reference)
        options = tuple(
            Option(
                o.release or known.going_live_on(o.date),
                o.date or known.go_live(o.release),  # R12: a release alone means its go-live
                o.decision_by,
                i == chosen,
            )
            for i, o in enumerate(impl.dates)
        )
        if chosen is None:
            awaiting = True
        else:
            option = options[chosen]
            entries.append((option.release_id, option.date, impl.set, ("implementation", "dates", chosen), impl.late_addition, None))
    else:
        # R10: a number of Working Days after the decision; unknown until the decision is made.
        day = policy.date_after_decision(decided_on, impl.working_days_after_decision, wd) if mod.approved and decided_on else None
        entries.append((known.going_live_on(day), day, impl.set, ("implementation", "working_days_after_decision"), impl.late_addition, None))

    transitions: list[tuple[date, str | None]] = []
    if impl.working_days_after_decision and entries and entries[0][1] is not None:
        transitions.append((decided_on, entries[0][0]))
    # R11: each Authority-approved revision supersedes the date before it.
    for index, change in enumerate(impl.changes):
        target = change.release or known.going_live_on(change.date)
        day = change.date or known.go_live(change.release)
        transitions.append((change.approved, target))
        entries.append((target, day, change.approved, ("implementation", "changes", index), change.late_addition, change.reason))
        awaiting = False

    placements: list[Placement] = []
    if not mod.closed:  # a rejected or withdrawn modification is in no release's scope
        for position, (release_id, day, entered, origin, rationale, _) in enumerate(entries):
            # R14: entering a release after the cut-off that applies to the modification is a late addition.
            cutoff = known.scope_cutoff(release_id, mod.impacts.systems)
            late = cutoff is not None and policy.is_late_addition(entered, cutoff)
            if cutoff is None:
                rationale = None
            if position + 1 < len(entries):  # superseded by the next revision
                moved_to, moved_on, left, _, _, reason = entries[position + 1]
                placements.append(Placement(
                    mod.id, release_id, day, entered, origin, MOVED_OUT, late, rationale, left=left,
                    moved_to=moved_to or (moved_on and policy.format_long(moved_on)), moved_reason=reason,
                ))
            else:
                if mod.stage == "implemented" or (mod.approved and day is not None and day <= today):
                    status = IMPLEMENTED
                elif mod.approved:
                    status = APPROVED
                else:
                    status = TARGETED
                placements.append(Placement(mod.id, release_id, day, entered, origin, status, late, rationale))
    current = placements[-1] if placements else None
    return ModificationView(
        mod,
        options,
        tuple(placements),
        awaiting and not mod.closed,
        _approval_notice(mod, wd),
        _next_key_date(mod, options, current, today),
        tuple(transitions),
    )


def _approval_notice(mod: Modification, wd: WorkingDays) -> date | None:
    if mod.decision is not None and mod.decision.outcome == "approved":
        return policy.approval_notice_due(mod.decision.date, wd)  # R22
    return None


def _next_key_date(mod, options, current, today) -> tuple[str, date] | None:
    candidates = []
    if not mod.approved and not mod.closed:
        for option in options:
            if option.decision_by >= today:
                candidates.append(("Decision needed by", option.decision_by))
                break
    if current is not None and current.date is not None and current.date >= today and not mod.closed:
        candidates.append(("Implementation", current.date))
    return min(candidates, key=lambda c: c[1]) if candidates else None


def _with_warnings(releases: dict[str, ReleaseView], mods: dict[str, ModificationView]) -> dict[str, ReleaseView]:
    """Policy flags shown on release pages: R5 and R17 (warnings, never build failures)."""
    warnings: dict[str, list[str]] = {rid: [] for rid in releases}
    for rid, view in releases.items():
        for m in view.milestones:
            if m.key in ("tad-to-tag", "tad-published") and m.missed:
                warnings[rid].append(
                    f"R17: {m.label} on {policy.format_long(m.actual)}, after the latest date the policy allows ({policy.format_long(m.due)})."
                )
    # R5: both System Releases of one year change DUIS, GBCS or the Technical Specifications.
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
                warnings[rid].append(
                    f"R5: the {names} both change DUIS, GBCS or the Technical Specifications; the Panel aims to limit such changes to one System Release a year."
                )
    return {rid: replace(view, warnings=tuple(warnings[rid])) for rid, view in releases.items()}


def _generated_notices(releases: Mapping[str, ReleaseView], mods: Mapping[str, ModificationView], wd: WorkingDays) -> tuple[GeneratedNotice, ...]:
    notices: list[GeneratedNotice] = []
    for mod_id, view in mods.items():
        if view.approval_notice_due is not None:
            notices.append(GeneratedNotice(
                generated_notice_id(mod_id, APPROVED_NOTICE), APPROVED_NOTICE, view.approval_notice_due, modification_id=mod_id
            ))
    # Which modifications ever name each release, so each notice only asks those about its date.
    candidates: dict[str | None, list[str]] = {}
    for mod_id, view in mods.items():
        for release_id in {o.release_id for o in view.options} | {r for _, r in view.transitions}:
            candidates.setdefault(release_id, []).append(mod_id)
    for rid, view in releases.items():
        # Releases with nothing recorded (no file, no modification) get no notices: there is
        # nothing to tell Parties beyond the rule dates already on the releases page.
        if view.cancelled or (view.data is None and not view.scope):
            continue
        for kind, day in policy.notice_dates(view.go_live, wd).items():
            scope = tuple(m for m in candidates.get(rid, ()) if mods[m].release_on(day) == rid)
            notices.append(GeneratedNotice(generated_notice_id(rid, kind), kind, day, release_id=rid, scope=scope))
    return tuple(sorted(notices, key=lambda n: (n.date, n.id)))
