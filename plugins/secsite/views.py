"""What each page, download and feed shows, computed once per build from the schedule.

Everything here is plain data in the policy's vocabulary (wording of implementation dates, Party
Category names, key dates, the merged notice list); the renderers turn it into HTML, CSV, JSON,
iCalendar and RSS without deciding anything themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .loader import Catalogue
from .history.releases import period_timeline
from .model import COST_LINES, PARTY_CATEGORIES, Costs, DateChange, GoLiveDecision, ImplementationChange, Link, RidVersion
from .policy import MILESTONES, format_long
from .schedule import RELEASE_CANCELLED, TARGETED, GeneratedNotice, Milestone, ModificationView, ReleaseView, Schedule

PARTY_LABELS = {
    "large_suppliers": "Large Suppliers",
    "small_suppliers": "Small Suppliers",
    "electricity_networks": "Electricity Network Parties",
    "gas_networks": "Gas Network Parties",
    "other_parties": "Other SEC Parties",
}
# Calendar file names use hyphens (site contract: /calendars/<party-category>.ics).
PARTY_SLUGS = {key: key.replace("_", "-") for key in PARTY_CATEGORIES}

# Which scope a cut-off sets (R13), for short mentions such as "Systems cut-off".
CUTOFF_NAMES = {"systems-cutoff": "systems", "documentation-cutoff": "documentation"}

STAGE_LABELS = {
    "development": "Development Stage",
    "refinement": "Refinement Process",
    "report": "Report Phase",
    "decision": "Awaiting decision",
    "approved": "Approved",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "on-hold": "On hold",
    "implemented": "Implemented",
}
ROUTE_LABELS = {
    "authority": "Authority decision",
    "self-governance": "Self-governance",
    "fast-track": "Fast-track self-governance",
    "authority-led": "Authority-led",
}
COST_LABELS = {
    "design_build_pit": "Design, build and Pre-Integration Testing (to end of PIT)",
    "sit": "System Integration Testing (SIT)",
    "uit": "User Integration Testing (UIT)",
    "implement_to_live": "Implement to live",
    "one_off_operational": "One-off operational",
    "ongoing_operational": "Ongoing operational (per year)",
}
DECIDERS = {"change-board": "the Change Board", "authority": "the Authority", "panel": "the Panel"}


def modification_url(mod_id: str) -> str:
    """Site-relative URL of a modification page (site contract: ids lower-cased)."""
    return f"modifications/{mod_id.lower()}/"


def release_url(release_id: str) -> str:
    return f"releases/{release_id}/"


def notice_url(notice_id: str) -> str:
    return f"notices/{notice_id}/"


def subscribe_urls(site_url: str, path: str) -> tuple[str, str]:
    """The ``webcal://`` and ``https://`` addresses of a calendar: calendar apps subscribe to the
    first when it is clicked; the second is the one to paste into Outlook or Google Calendar."""
    absolute = site_url.rstrip("/") + "/" + path
    return "webcal://" + absolute.split("://", 1)[-1], absolute


# --- wording ---------------------------------------------------------------------------------


def option_wording(options, index: int, names: dict[str, str]) -> str:
    """An implementation option in the policy's own format (R9, policy 4.2)."""
    option = options[index]
    when = format_long(option.date) if option.date else "Date to be confirmed"
    release = f" ({names[option.release_id]})" if option.release_id in names else ""
    if index == 0:
        condition = f"if a decision to approve is received on or before {format_long(option.decision_by)}"
    else:
        condition = (
            f"if a decision to approve is received after {format_long(options[index - 1].decision_by)}, "
            f"but on or before {format_long(option.decision_by)}"
        )
    return f"{when}{release} {condition}"


def working_days_wording(view: ModificationView) -> str:
    """The other format of policy 4.2 (R10): 'DD Month YYYY (XX Working Days following decision)'."""
    n = view.mod.implementation.working_days_after_decision
    day = view.current.date if view.current else None
    return f"{format_long(day) if day else 'To be set'} ({n} Working Days following decision)"


def option_that_applies(view: ModificationView) -> int | None:
    """The index of the conditional option that applies (R9), unless a revision has superseded them
    (R11) or the release it named was cancelled."""
    if view.revisions or (view.current is not None and view.current.status == RELEASE_CANCELLED):
        return None
    return next((i for i, option in enumerate(view.options) if option.applies), None)


def revisions(view: ModificationView, schedule: Schedule) -> list[tuple[ImplementationChange, str | None, date | None]]:
    """The Authority-approved revisions known on the build date, each with its release and date (R11, R12)."""
    found = []
    for change in view.revisions:
        release = schedule.release(change.release)
        found.append((change, change.release, change.date or (release.go_live if release else None)))
    return found


def awaiting_reason(view: ModificationView, schedule: Schedule) -> str | None:
    """Why a modification has no implementation date now, in readers' words (None when it has one)."""
    current = view.current
    if current is not None and current.status == RELEASE_CANCELLED:
        release = schedule.release(current.release_id)
        return (f"the {release.name} was cancelled on {format_long(release.history.cancelled)}; the Panel will "
                "ask the Authority for a new date (policy 4.3)")
    if not view.awaiting_new_date:
        return None
    when = "the decision came" if view.approved else "today is"
    return f"{when} after every decision-by date above, so none of them applies (policy 4.2)"


def implementation_summary(view: ModificationView, names: dict[str, str]) -> str:
    """One line for the register and page header: where the modification stands now."""
    mod, current = view.mod, view.current
    if mod.implementation is None:
        return "Not yet set"
    if current is not None and current.status == RELEASE_CANCELLED:
        return f"Awaiting a new implementation date (the {names.get(current.release_id or '', 'release')} was cancelled)"
    if view.awaiting_new_date:
        return "Awaiting a new implementation date"
    if current is None:
        return "None (closed)"
    release = names.get(current.release_id or "", "")
    day = format_long(current.date) if current.date else "Date to be set"
    prefix = "Targeted for " if current.status == TARGETED else ""
    return f"{prefix}{day}" + (f" ({release})" if release else "")


# --- rows for the register, releases index and downloads -------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    id: str
    url: str
    title: str
    stage: str
    stage_label: str
    route: str
    route_label: str
    release_id: str
    release_name: str
    release_status: str  # the modification's status in that release
    implementation: str
    implementation_date: date | None
    dcc_impact: bool
    user_impact: bool
    parties: tuple[str, ...]  # Party Category keys
    next_key_date: tuple[str, date] | None


def register_rows(schedule: Schedule) -> list[RegisterRow]:
    names = release_names(schedule)
    rows = []
    for mod_id, view in schedule.modifications.items():
        mod, current = view.mod, view.current
        rows.append(
            RegisterRow(
                id=mod_id,
                url=modification_url(mod_id),
                title=mod.title,
                stage=view.stage,
                stage_label=STAGE_LABELS[view.stage],
                route=mod.route,
                route_label=ROUTE_LABELS[mod.route],
                release_id=(current.release_id or "") if current else "",
                release_name=names.get(current.release_id or "", "") if current else "",
                release_status=current.status if current else "",
                implementation=implementation_summary(view, names),
                implementation_date=view.implementation_date,
                dcc_impact=mod.impacts.dcc_systems,
                user_impact=mod.impacts.user_systems,
                parties=tuple(mod.impacts.parties.impacted()),
                next_key_date=view.next_key_date,
            )
        )
    return rows


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


# --- notices -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeView:
    """A published notice, hand-written or generated (R22–R24), as the notices pages and feed show it."""

    id: str
    title: str
    date: date
    body: str  # Markdown; rendered with the same safe renderer as every data text
    releases: tuple[str, ...]
    modifications: tuple[str, ...]
    generated: bool
    source: str | None  # the data file of a hand-written notice (for the edit link)


def published_notices(catalogue: Catalogue, schedule: Schedule) -> list[NoticeView]:
    """Every notice dated on or before the build date, newest first (later ones are held back)."""
    today = schedule.settings.today
    notices = [
        NoticeView(n.id, n.title, n.date, n.body, n.releases, n.modifications, False, f"notices/{n.id}.md")
        for n in catalogue.notices.values()
    ]
    notices += [_generated_notice(n, schedule) for n in schedule.notices if n.date <= today]
    published = [n for n in notices if n.date <= today]
    return sorted(published, key=lambda n: (n.date, n.id), reverse=True)


def _generated_notice(notice: GeneratedNotice, schedule: Schedule) -> NoticeView:
    """A generated notice's title and text, from the facts of its own date only (never today's)."""
    if notice.modification_id is not None:
        mod = schedule.modifications[notice.modification_id].mod
        link = f"[{mod.id} '{_md_text(mod.title)}'](../../{modification_url(mod.id)})"
        placement = notice.placement
        if notice.awaiting:
            where = "awaiting a new implementation date"
        elif placement is None:
            where = "not yet set"
        else:
            day = format_long(placement.date) if placement.date else "date to be set"
            where = day + (f" ({notice.release_name})" if notice.release_name else "")
        if notice.kind == "approved":
            decision = mod.decision
            title = f"{mod.id} approved: {mod.title}"
            body = (f"{DECIDERS[decision.by][0].upper()}{DECIDERS[decision.by][1:]} approved {link} on "
                    f"{format_long(decision.date)}.\n\nImplementation date: {_md_text(where)}.")
        else:  # policy 4.3: the Authority revised an approved implementation date
            title = f"{mod.id}: new implementation date"
            body = (f"The Authority approved a new implementation date for {link}: {_md_text(where)}.\n\n"
                    f"Reason: {_md_text(notice.reason or '')}")
        releases = (notice.release_id,) if notice.release_id else ()
        return NoticeView(notice.id, title, notice.date, body, releases, (mod.id,), True, None)

    name, go_live = notice.release_name, format_long(notice.go_live)
    release_link = f"See the [{name} page](../../{release_url(notice.release_id)}) for every date and the latest scope."
    lead, title = {
        "12-months": (f"The {name} goes live in twelve months, on {go_live}.", f"{name}: twelve months to go-live"),
        "6-months": (f"The {name} goes live in six months, on {go_live}.", f"{name}: six months to go-live"),
        "1-month": (f"Go-live of the {name} is imminent: {go_live}.", f"{name}: go-live in one month"),
        "announced": (f"The Panel has set up the {name}, an ad hoc release going live on {go_live} (policy 3.2).",
                      f"{name}: new ad hoc release"),
        "go-live-moved": (f"The go-live of the {name} has moved from {format_long(notice.previous) if notice.previous else ''} "
                          f"to {go_live}.", f"{name}: go-live moved to {go_live}"),
        "type-changed": (f"The {name} is now a SEC {(notice.release_type or '').capitalize()} Release (policy 3.1).",
                         f"{name}: now a {(notice.release_type or '').capitalize()} Release"),
        "cancelled": (f"The {name}, which was to go live on {go_live}, has been cancelled.", f"{name}: cancelled"),
    }[notice.kind]
    lines = [lead, ""]
    if notice.reason:
        lines += [f"Reason: {_md_text(notice.reason)}", ""]
    if notice.kind not in ("1-month", "cancelled") and notice.cutoffs:
        lines += ["Scope cut-off dates (policy 5.3):", ""]
        lines += [f"- {policy_label(key)}: {format_long(day)}" + (" (already passed)" if day < notice.date else "")
                  for key, day in notice.cutoffs]
        lines.append("")
    if notice.scope:
        lines += [f"Scope on {format_long(notice.date)}:", ""]
        for mod_id in notice.scope:
            title_text = schedule.modifications[mod_id].mod.title
            lines.append(f"- [{mod_id} '{_md_text(title_text)}'](../../{modification_url(mod_id)})")
        if notice.kind == "cancelled":
            lines += ["", "These modifications now await new implementation dates (policy 4.3)."]
    else:
        lines.append(f"No modification was in scope on {format_long(notice.date)}.")
    lines += ["", release_link]
    return NoticeView(notice.id, title, notice.date, "\n".join(lines), (notice.release_id,), notice.scope, True, None)


def policy_label(key: str) -> str:
    return MILESTONES[key].label


def _md_text(text: str) -> str:
    """Plain data text placed inside generated Markdown: neutralise Markdown and HTML syntax."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]()#!|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped



# --- the record for readers: /changes/, release change logs, /api/changes.json ----------------
# Wording of the dated change entries (secsite.history.changes). Each text is made of parts, plain
# text or a link to a page (a site-relative URL), so that templates link inline and escape every
# part, and the JSON carries the same text without markup. Texts use only the entry's own facts
# (names and dates as they stood on its day), so an entry reads the same in every later build.

from .history import changes as _changes  # noqa: E402
from .history.changes import Change, ChangeKind, Subject  # noqa: E402
from .policy import month_name, months_before  # noqa: E402

CHANGES_MONTHS = 12  # /changes/ covers the twelve months up to the build date (site contract)
FREEZE_PAGE = "how-releases-work/"  # change freezes have no page of their own

CHANGE_LABELS = {
    ChangeKind.RELEASE_RECORDED: "New ad hoc release",
    ChangeKind.GO_LIVE_MOVED: "Go-live moved",
    ChangeKind.TYPE_CHANGED: "Release type changed",
    ChangeKind.TESTING_REVISED: "Testing dates revised",
    ChangeKind.RID_VERSION: "Release Implementation Document",
    ChangeKind.NO_GO: "No-go decision",
    ChangeKind.CANCELLED: "Release cancelled",
    ChangeKind.ENTERED: "Entered scope",
    ChangeKind.DATE_SET: "Implementation date set",
    ChangeKind.FALL_BACK: "Fall-back date applies",
    ChangeKind.AWAITING: "Awaiting a new date",
    ChangeKind.DATE_REVISED: "Implementation date revised",
    ChangeKind.APPROVED: "Approved",
    ChangeKind.REJECTED: "Rejected",
    ChangeKind.FREEZE_DECIDED: "Change freeze",
    ChangeKind.FREEZE_REVISED: "Change freeze revised",
}
LATE_ADDITION_LABEL = "Late addition"
RELEASE_TYPE_NAMES = {"system": "System Release", "documentation": "Documentation Release"}

Part = tuple[str, "str | None"]  # a piece of text and the site-relative URL it links to (or None)


@dataclass(frozen=True)
class ChangeView:
    """One entry as readers see it: on /changes/, in a release's change log and in the JSON."""

    change: Change
    label: str  # the kind, for readers ("Go-live moved", "Late addition")
    title: str  # the subject, for readers: a release's name or a modification's id and title
    url: str | None  # the subject's page (site-relative); None when it has none
    parts: tuple[Part, ...]

    @property
    def date(self) -> date:
        return self.change.date

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.parts)


def change_log(catalogue: Catalogue, schedule: Schedule) -> list[ChangeView]:
    """Every change dated up to the build date, newest first (date, then subject, then kind)."""
    entries = _changes.changes(schedule, catalogue.calendar.change_freezes)
    return [change_view(c, schedule) for c in entries]


def changes_from(today: date) -> date:
    """The first day /changes/ covers: the same day twelve months before the build date."""
    return months_before(today, CHANGES_MONTHS)


def recent_changes(entries: list[ChangeView], today: date) -> list[ChangeView]:
    """The entries of the last twelve months: from ``changes_from(today)`` to the build date, both included."""
    first = changes_from(today)
    return [e for e in entries if first <= e.date <= today]


def release_changes(entries: list[ChangeView], release_id: str) -> list[ChangeView]:
    """A release's change log: its own entries and its modifications' moves in and out, newest first."""
    return [e for e in entries if release_id in e.change.releases]


def changes_by_release(entries: list[ChangeView]) -> dict[str, list[ChangeView]]:
    """Every release's change log at once (``release_changes`` for each release), in one pass."""
    found: dict[str, list[ChangeView]] = {}
    for entry in entries:
        for rid in entry.change.releases:
            found.setdefault(rid, []).append(entry)
    return found


def changes_by_month(entries: list[ChangeView]) -> list[tuple[str, list[ChangeView]]]:
    """The entries grouped under a heading per month ("March 2026"), keeping their order."""
    groups: list[tuple[str, list[ChangeView]]] = []
    for entry in entries:
        heading = f"{month_name(entry.date.month)} {entry.date.year}"
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(entry)
    return groups


def change_view(change: Change, schedule: Schedule) -> ChangeView:
    words = _ChangeWords(change, schedule)
    label = LATE_ADDITION_LABEL if change.late else CHANGE_LABELS[change.kind]
    if change.kind is ChangeKind.RID_VERSION:
        label = f"RID v{change.version}"
    return ChangeView(change, label, words.title(), words.subject_url(), tuple(words.parts()))


def milestone_note(release: ReleaseView, milestone: Milestone) -> str | None:
    """A key date that passed under an earlier go-live or type keeps its date (as-of rule): say so,
    with the date the plan now in force would give ("Due 12 March 2025 under the go-live then in
    force (7 November 2019); 26 March 2025 under the current one")."""
    then = milestone.passed_under
    if then is None:
        return None
    if then.go_live != release.go_live:
        under = f"the go-live then in force ({format_long(then.go_live)})"
    else:
        under = f"the release type then in force ({RELEASE_TYPE_NAMES[then.type]})"
    note = f"Due {format_long(milestone.due)} under {under}; "
    if milestone.now_due is not None:
        return note + f"{format_long(milestone.now_due)} under the current one."
    return note + f"a {RELEASE_TYPE_NAMES[release.type]} has no such date."


class _ChangeWords:
    """The words of one entry, from its own facts."""

    def __init__(self, change: Change, schedule: Schedule):
        self.c = change
        self.schedule = schedule

    # links

    def release(self, rid: str | None, name: str | None) -> Part:
        label = name or rid or ""
        return (label, release_url(rid) if rid in self.schedule.releases else None)

    def modification(self, mod_id: str, with_title: bool = False) -> Part:
        view = self.schedule.modifications.get(mod_id)
        label = f"{mod_id} '{view.mod.title}'" if with_title and view is not None else mod_id
        return (label, modification_url(mod_id) if view is not None else None)

    def title(self) -> str:
        c = self.c
        if c.subject_type is Subject.MODIFICATION:
            return self.modification(c.subject, with_title=True)[0]
        if c.subject_type is Subject.RELEASE:
            current = self.schedule.releases.get(c.subject)
            return current.name if current is not None else (c.release_name or c.subject)
        return f"Change freeze {c.subject}"

    def subject_url(self) -> str | None:
        c = self.c
        if c.subject_type is Subject.MODIFICATION:
            return self.modification(c.subject)[1]
        if c.subject_type is Subject.RELEASE:
            return release_url(c.subject) if c.subject in self.schedule.releases else None
        return FREEZE_PAGE

    def where(self, rid: str | None, name: str | None, when: date | None) -> list[Part]:
        """'24 June 2027, in the June 2027 SEC Release', or the date or release alone."""
        if rid is None:
            return [(format_long(when), None)] if when else [("a date still to be set", None)]
        if when is None:
            return [("the ", None), self.release(rid, name)]
        return [(f"{format_long(when)}, in the ", None), self.release(rid, name)]

    def reason(self, prefix: str = "Reason") -> list[Part]:
        return [(f" {prefix}: {self.c.reason.rstrip('.')}.", None)] if self.c.reason else []

    def late(self) -> list[Part]:
        c = self.c
        if not c.late:
            return []
        return [(f" It is a late addition: it entered after the scope cut-off of {format_long(c.cutoff)}, "
                 "with the Panel's rationale (policy 5.3).", None)]

    def modifications(self, ids: tuple[str, ...]) -> list[Part]:
        found: list[Part] = []
        for index, mod_id in enumerate(ids):
            if index:
                found.append((", " if index < len(ids) - 1 else " and ", None))
            found.append(self.modification(mod_id))
        return found

    # texts

    def parts(self) -> list[Part]:
        return getattr(self, "_" + self.c.kind.value.replace("-", "_"))()

    def _release_recorded(self) -> list[Part]:
        c = self.c
        return [("The Panel set up the ", None), self.release(c.release, c.release_name),
                (f", an ad hoc {RELEASE_TYPE_NAMES[c.release_type]} going live on {format_long(c.when)}.", None)]

    def _go_live_moved(self) -> list[Part]:
        c = self.c
        decider = DECIDERS.get(c.by or "", "the Panel")
        parts = [(f"{decider[0].upper()}{decider[1:]} approved moving the go-live of the ", None),
                 self.release(c.release, c.previous_name),
                 (f" from {format_long(c.previous_when)} to {format_long(c.when)}.", None)]
        if c.release_name != c.previous_name:
            parts += [(f" It is now the {c.release_name}.", None)]
        parts += [(" Key dates that had already passed keep their dates; those still ahead move with the go-live.", None)]
        return parts + self.reason()

    def _type_changed(self) -> list[Part]:
        c = self.c
        parts = [("The ", None), self.release(c.release, c.release_name),
                 (f" is now a {RELEASE_TYPE_NAMES[c.release_type]}; it was a {RELEASE_TYPE_NAMES[c.previous_type]} (policy 3.1).", None)]
        if c.release_type == "documentation":
            parts += [(" A Documentation Release has no systems scope cut-off and no Testing Approach Document "
                       "dates; those that had already passed stay on record.", None)]
        return parts + self.reason()

    def _testing_revised(self) -> list[Part]:
        c = self.c
        (start, end), (old_start, old_end) = c.period, c.previous_period
        return [(f"The {c.phase} testing phase of the ", None), self.release(c.release, c.release_name),
                (f" now runs from {format_long(start)} to {format_long(end)}, instead of "
                 f"{format_long(old_start)} to {format_long(old_end)}.", None)] + self.reason()

    def _rid_version(self) -> list[Part]:
        c = self.c
        baseline = " (the baseline)" if c.version == "1.0" else ""
        parts = [(f"Version {c.version}{baseline} of the Release Implementation Document for the ", None),
                 self.release(c.release, c.release_name), (f": {c.summary.rstrip('.')}.", None)]
        if c.previous_version is None:
            if c.scope:
                parts += [(" In scope on that day: ", None)] + self.modifications(c.scope) + [(".", None)]
            else:
                parts += [(" No modification was in scope on that day.", None)]
            return parts
        if not c.entered and not c.left:
            return parts + [(f" No change of scope since version {c.previous_version}.", None)]
        parts += [(f" Since version {c.previous_version}: ", None)]
        if c.entered:
            parts += self.modifications(c.entered) + [(" entered the scope", None)]
        if c.entered and c.left:
            parts += [("; ", None)]
        if c.left:
            parts += self.modifications(c.left) + [(" left it" if c.entered else " left the scope", None)]
        return parts + [(".", None)]

    def _no_go(self) -> list[Part]:
        c = self.c
        return [("The go-live decision for the ", None), self.release(c.release, c.release_name),
                (f", due to go live on {format_long(c.when)}, was no-go: it goes live only once a new "
                 "date is approved (policy 8).", None)] + self.reason("Note")

    def _cancelled(self) -> list[Part]:
        c = self.c
        parts = [("The ", None), self.release(c.release, c.release_name),
                 (f", which was to go live on {format_long(c.when)}, was cancelled.", None)] + self.reason()
        if c.scope:
            parts += [(" In its scope on that day, now awaiting a new implementation date: ", None)]
            parts += self.modifications(c.scope) + [(".", None)]
        return parts

    def _entered(self) -> list[Part]:
        c = self.c
        return ([self.modification(c.subject, with_title=True), (" entered the scope of the ", None),
                 self.release(c.release, c.release_name),
                 (f": the Panel set its implementation date, {format_long(c.when)}." if c.when else
                  ": the Panel set its implementation date.", None)]
                + self.late())

    def _date_set(self) -> list[Part]:
        c = self.c
        view = self.schedule.modifications.get(c.subject)
        impl = view.mod.implementation if view is not None else None
        n = impl.working_days_after_decision if impl is not None else None
        when = f"{n} Working Days following the decision" if n else format_long(c.when) if c.when else "a date still to be set"
        return [("The Panel set the implementation date of ", None), self.modification(c.subject, with_title=True),
                (f": {when}.", None)]

    def _fall_back(self) -> list[Part]:
        c = self.c
        return ([("No decision on ", None), self.modification(c.subject, with_title=True),
                 (f" came by {format_long(c.decision_by)}, so its next implementation date applies (policy 4.2): it moved from the ", None),
                 self.release(c.previous_release, c.previous_name), (" to ", None)]
                + self.where(c.release, c.release_name, c.when) + [(".", None)] + self.late())

    def _awaiting(self) -> list[Part]:
        c = self.c
        if c.decision_by is None or c.previous_release is None:
            return [("Every decision-by date of ", None), self.modification(c.subject, with_title=True),
                    (" had passed: it awaits a new implementation date (policy 4.2).", None)]
        return [("No decision on ", None), self.modification(c.subject, with_title=True),
                (f" came by {format_long(c.decision_by)}, its last decision-by date: it left the ", None),
                self.release(c.previous_release, c.previous_name),
                (" and awaits a new implementation date (policy 4.2).", None)]

    def _date_revised(self) -> list[Part]:
        c = self.c
        parts = [("The Authority approved a new implementation date for ", None), self.modification(c.subject, with_title=True),
                 (": ", None)] + self.where(c.release, c.release_name, c.when) + [(" (policy 4.3).", None)]
        if c.previous_release is not None or c.previous_when is not None:
            parts += [(" It was ", None)] + self.where(c.previous_release, c.previous_name, c.previous_when) + [(".", None)]
        return parts + self.reason() + self.late()

    def _approved(self) -> list[Part]:
        c = self.c
        decider = DECIDERS.get(c.by or "", "the Panel")
        parts = [(f"{decider[0].upper()}{decider[1:]} approved ", None), self.modification(c.subject, with_title=True), (".", None)]
        if c.awaiting:
            return parts + [(" The decision came after every decision-by date, so it awaits a new implementation date (policy 4.2).", None)]
        if c.release is None and c.when is None:
            return parts + [(" Its implementation date is not set yet.", None)]
        return parts + [(" Implementation date: ", None)] + self.where(c.release, c.release_name, c.when) + [(".", None)]

    def _rejected(self) -> list[Part]:
        c = self.c
        decider = DECIDERS.get(c.by or "", "the Panel")
        parts = [(f"{decider[0].upper()}{decider[1:]} rejected ", None), self.modification(c.subject, with_title=True)]
        if c.previous_release is not None:
            return parts + [(", so it left the scope of the ", None), self.release(c.previous_release, c.previous_name), (".", None)]
        return parts + [(".", None)]

    def _freeze_decided(self) -> list[Part]:
        (start, end) = self.c.period
        return [("The Panel decided a ", None), ("change freeze", FREEZE_PAGE),
                (f" from {format_long(start)} to {format_long(end)}: no modification may be implemented "
                 "on those days.", None)] + self.reason()

    def _freeze_revised(self) -> list[Part]:
        c = self.c
        (start, end), (old_start, old_end) = c.period, c.previous_period
        return [("The ", None), ("change freeze", FREEZE_PAGE),
                (f" that was to run from {format_long(old_start)} to {format_long(old_end)} now runs from "
                 f"{format_long(start)} to {format_long(end)}.", None)] + self.reason()
