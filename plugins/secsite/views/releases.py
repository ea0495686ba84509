"""What the release pages, the releases index and the home page show: names, key dates, the record
of each release as known on the build date, and its costs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..history.releases import period_timeline
from ..history.schedule import Milestone, ReleaseView, Schedule
from ..model import COST_LINES, Costs, DateChange, GoLiveDecision, Link, Release, RidVersion
from .words import COST_LABELS, modification_url, release_url

__all__ = [
    "release_as_known",
    "release_names",
    "next_cutoff",
    "upcoming_releases",
    "past_releases",
    "KeyDate",
    "key_dates",
    "milestone_states",
    "Phase",
    "ReleaseRecord",
    "release_record",
    "CostLine",
    "ONGOING_COST",
    "CostTable",
    "release_costs",
    "cost_lines",
    "scope_cost_total",
    "documents_affected",
]

def release_names(schedule: Schedule) -> dict[str, str]:
    return {rid: view.name for rid, view in schedule.releases.items()}


def next_cutoff(release: ReleaseView, today: date) -> Milestone | None:
    return next((m for m in release.cutoffs() if m.due >= today), None)


def upcoming_releases(schedule: Schedule) -> list[ReleaseView]:
    today = schedule.settings.today
    return [r for r in schedule.releases.values() if r.go_live >= today and not r.cancelled]


def past_releases(schedule: Schedule) -> list[ReleaseView]:
    today = schedule.settings.today
    return [r for r in reversed(schedule.releases.values()) if r.go_live < today or r.cancelled]


@dataclass(frozen=True)
class KeyDate:
    day: date
    label: str
    title: str  # release name or modification id
    url: str


def key_dates(schedule: Schedule, days: int = 90) -> list[KeyDate]:
    """Every milestone and modification date from the build date to ``days`` ahead, in date order."""
    today = schedule.settings.today
    end = today + timedelta(days=days)
    found = []
    for release in schedule.releases.values():
        if release.cancelled:
            continue
        for m in release.milestones:
            if today <= m.due <= end:
                found.append(KeyDate(m.due, m.label, release.name, release_url(release.id)))
    for mod_id, view in schedule.modifications.items():
        if view.next_key_date and today <= view.next_key_date[1] <= end:
            label, day = view.next_key_date
            found.append(KeyDate(day, label, f"{mod_id} {view.mod.title}", modification_url(mod_id)))
    return sorted(found, key=lambda k: (k.day, k.title, k.label))


def milestone_states(release: ReleaseView) -> dict[str, str]:
    """Key dates of a release page that no longer hold, by milestone key, in readers' words: every
    date still ahead of a cancelled release (the release calendar cancels them too), and the go-live
    the Panel decided not to go ahead with."""
    if release.cancelled:
        since = release.history.cancelled
        return {m.key: "Cancelled" for m in release.milestones
                if m.actual is None and (since is None or m.due >= since)}
    if release.postponed:
        return {"go-live": "Postponed"}  # the warning above the key dates says why
    return {}


# --- what a release page records, as known on the build date ---------------------------------


@dataclass(frozen=True)
class Phase:
    name: str
    start: date
    end: date
    first_planned: tuple[date, date] | None  # when revised: the dates first planned


@dataclass(frozen=True)
class ReleaseRecord:
    """The dated facts of a release file that were known on the build date (as-of rule): a fact
    recorded for a later day is left out, and a revised testing phase shows the dates then in force."""

    date_changes: tuple[DateChange, ...]
    rid: tuple[RidVersion, ...]
    phases: tuple[Phase, ...]
    go_live_evidence: date | None
    go_live_decision: GoLiveDecision | None
    release_notes: tuple[Link, ...]


def release_as_known(release: ReleaseView, today: date) -> Release:
    """The release's file as it stood on the build date: dated records from later days left out, and
    its go-live, type and cancellation as known then (downloads publish this)."""
    data = release.data
    record = release_record(release, today)
    testing = data.testing
    if testing is not None:
        testing = testing.model_copy(update={
            "tad_to_tag": testing.tad_to_tag if testing.tad_to_tag and testing.tad_to_tag <= today else None,
            "tad_published": testing.tad_published if testing.tad_published and testing.tad_published <= today else None,
            "phases": tuple(p.model_copy(update={"changes": tuple(c for c in p.changes if c.decided <= today)})
                            for p in testing.phases),
        })
    scope_set = data.scope_set
    if scope_set is not None:
        scope_set = scope_set.model_copy(update={
            key: day if day and day <= today else None for key, day in (("systems", scope_set.systems), ("full", scope_set.full))})
    costs = data.costs
    if costs is not None and not (costs.actual_reported and costs.actual_reported <= today):
        costs = costs.model_copy(update={"actual": None, "actual_reported": None})
    return data.model_copy(update={
        "go_live": release.go_live if data.go_live is not None or data.date_changes else None,
        "type": release.type if data.type is not None else None,
        "date_changes": record.date_changes,
        "type_changes": tuple(c for c in data.type_changes if c.decided <= today),
        "cancelled": data.cancelled if release.cancelled else None,
        "rid": record.rid,
        "scope_set": scope_set,
        "testing": testing,
        "go_live_evidence": record.go_live_evidence,
        "go_live_decision": record.go_live_decision,
        "costs": costs,
        "release_notes": record.release_notes,
    })


def release_record(release: ReleaseView, today: date) -> ReleaseRecord:
    data = release.data
    if data is None:
        return ReleaseRecord((), (), (), None, None, ())
    phases = []
    for phase in data.testing.phases if data.testing else ():
        start, end = period_timeline(phase.start, phase.end, phase.changes).at(today)
        revised = (start, end) != (phase.start, phase.end)
        phases.append(Phase(phase.name, start, end, (phase.start, phase.end) if revised else None))
    decision = data.go_live_decision
    return ReleaseRecord(
        date_changes=tuple(c for c in data.date_changes if c.approved <= today),
        rid=tuple(v for v in data.rid if v.date <= today),
        phases=tuple(phases),
        go_live_evidence=data.go_live_evidence if data.go_live_evidence and data.go_live_evidence <= today else None,
        go_live_decision=decision if decision is not None and decision.date <= today else None,
        release_notes=tuple(n for n in data.release_notes if n.date is None or n.date <= today),
    )


# --- release page pieces --------------------------------------------------------------------


@dataclass(frozen=True)
class CostLine:
    key: str
    label: str
    forecast: float | None
    actual: float | None

    @property
    def variance(self) -> float | None:
        return _variance(self.forecast, self.actual)


ONGOING_COST = "ongoing_operational"  # per year: never added to the one-off totals


@dataclass(frozen=True)
class CostTable:
    """A release's forecast and actual costs (R19, R20) as known on the build date."""

    lines: list[CostLine]
    forecast_total: float | None  # one-off lines only; ongoing costs are per year
    actual_total: float | None  # None until the DCC has reported the actual cost
    reported: date | None

    @property
    def variance(self) -> float | None:
        return _variance(self.forecast_total, self.actual_total)


def _variance(forecast: float | None, actual: float | None) -> float | None:
    """R20 (policy 7.3): actual minus forecast, where both are known."""
    return None if forecast is None or actual is None else actual - forecast


def release_costs(release: ReleaseView, today: date) -> CostTable:
    """R19/R20: the actual cost counts only once reported (on or before the build date); until then
    it is shown as not reported, never as £0 with a variance of minus the forecast."""
    costs = release.data.costs if release.data else None
    reported = costs.actual_reported if costs and costs.actual_reported and costs.actual_reported <= today else None
    actual = costs.actual if costs and (reported or costs.actual_reported is None) else None
    lines = cost_lines(costs.forecast if costs else None, actual)
    one_off = [line for line in lines if line.key != ONGOING_COST]
    forecast_total = sum(l.forecast for l in one_off if l.forecast is not None) if any(l.forecast is not None for l in one_off) else None
    # A one-off line forecast but missing from the actual report is unknown, not £0: no total then.
    complete = all(l.actual is not None for l in one_off if l.forecast is not None)
    actual_total = sum(l.actual for l in one_off if l.actual is not None) if complete and any(l.actual is not None for l in one_off) else None
    return CostTable(lines, forecast_total, actual_total, reported)


def cost_lines(forecast: Costs | None, actual: Costs | None) -> list[CostLine]:
    lines = []
    for key in COST_LINES:
        f = getattr(forecast, key) if forecast else None
        a = getattr(actual, key) if actual else None
        if f is not None or a is not None:
            lines.append(CostLine(key, COST_LABELS[key], f, a))
    return lines


def scope_cost_total(release: ReleaseView, schedule: Schedule) -> float:
    """R19: the sum of the in-scope modifications' own one-off costs, to compare with the forecast."""
    total = 0.0
    for p in release.in_scope():
        costs = schedule.modifications[p.modification_id].mod.costs
        if costs:
            total += costs.total() - (costs.ongoing_operational or 0.0)
    return total


def documents_affected(release: ReleaseView, schedule: Schedule) -> list[tuple[str, list[str]]]:
    """SEC documents changed by the release, each with the modifications that change it."""
    by_document: dict[str, list[str]] = {}
    for p in release.in_scope():
        for document in schedule.modifications[p.modification_id].mod.impacts.documents:
            by_document.setdefault(document, []).append(p.modification_id)
    return sorted(by_document.items(), key=lambda item: item[0].lower())


