"""What each page, download and feed shows, computed once per build from the schedule.

Everything here is plain data in the policy's vocabulary (wording of implementation dates, Party
Category names, key dates, the merged notice list); the renderers turn it into HTML, CSV, JSON,
iCalendar and RSS without deciding anything themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .loader import Catalogue
from .model import COST_LINES, PARTY_CATEGORIES, Costs
from .policy import format_long
from .schedule import GeneratedNotice, Milestone, ModificationView, ReleaseView, Schedule

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


def implementation_summary(view: ModificationView, names: dict[str, str]) -> str:
    """One line for the register and page header: where the modification stands now."""
    mod, current = view.mod, view.current
    if mod.implementation is None:
        return "Not yet set"
    if view.awaiting_new_date:
        return "Awaiting a new implementation date"
    if current is None:
        return "None (closed)"
    release = names.get(current.release_id or "", "")
    day = format_long(current.date) if current.date else "Date to be set"
    prefix = {"Targeted": "Targeted for ", "Approved": "", "Implemented": ""}.get(current.status, "")
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
                stage=mod.stage,
                stage_label=STAGE_LABELS[mod.stage],
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


# --- release page pieces --------------------------------------------------------------------


@dataclass(frozen=True)
class CostLine:
    key: str
    label: str
    forecast: float | None
    actual: float | None

    @property
    def variance(self) -> float | None:
        """R20: actual minus forecast, where both are known."""
        if self.forecast is None or self.actual is None:
            return None
        return self.actual - self.forecast


def cost_lines(forecast: Costs | None, actual: Costs | None) -> list[CostLine]:
    lines = []
    for key in COST_LINES:
        f = getattr(forecast, key) if forecast else None
        a = getattr(actual, key) if actual else None
        if f is not None or a is not None:
            lines.append(CostLine(key, COST_LABELS[key], f, a))
    return lines


def scope_cost_total(release: ReleaseView, schedule: Schedule) -> float:
    """R19: the sum of the in-scope modifications' own costs, to compare with the forecast."""
    total = 0.0
    for p in release.in_scope():
        costs = schedule.modifications[p.modification_id].mod.costs
        total += costs.total() if costs else 0.0
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
    names = release_names(schedule)
    notices += [_generated_notice(n, schedule, names) for n in schedule.notices]
    published = [n for n in notices if n.date <= today]
    return sorted(published, key=lambda n: (n.date, n.id), reverse=True)


def _generated_notice(notice: GeneratedNotice, schedule: Schedule, names: dict[str, str]) -> NoticeView:
    if notice.kind == "approved":
        view = schedule.modifications[notice.modification_id]
        mod = view.mod
        decision = mod.decision
        title = f"{mod.id} approved: {mod.title}"
        body = (
            f"{DECIDERS[decision.by][0].upper()}{DECIDERS[decision.by][1:]} approved "
            f"[{mod.id} '{_md_text(mod.title)}'](../../{modification_url(mod.id)}) on {format_long(decision.date)}.\n\n"
            f"Implementation date: {_md_text(implementation_summary(view, names))}."
        )
        releases = (view.current.release_id,) if view.current and view.current.release_id else ()
        return NoticeView(notice.id, title, notice.date, body, releases, (mod.id,), True, None)

    release = schedule.releases[notice.release_id]
    lead = {
        "12-months": f"The {release.name} goes live in twelve months, on {format_long(release.go_live)}.",
        "6-months": f"The {release.name} goes live in six months, on {format_long(release.go_live)}.",
        "1-month": f"Go-live of the {release.name} is imminent: {format_long(release.go_live)}.",
    }[notice.kind]
    lines = [lead, ""]
    cutoffs = release.cutoffs()
    if notice.kind != "1-month" and cutoffs:
        lines.append("Scope cut-off dates (R13):")
        lines.append("")
        lines += [f"- {m.label}: {format_long(m.due)}" for m in cutoffs]
        lines.append("")
    if notice.scope:
        lines.append(f"Scope on {format_long(notice.date)}:")
        lines.append("")
        for mod_id in notice.scope:
            title = schedule.modifications[mod_id].mod.title
            lines.append(f"- [{mod_id} '{_md_text(title)}'](../../{modification_url(mod_id)})")
    else:
        lines.append(f"No modification was in scope on {format_long(notice.date)}.")
    lines += ["", f"See the [{release.name} page](../../{release_url(release.id)}) for every date and the latest scope."]
    titles = {
        "12-months": f"{release.name}: twelve months to go-live",
        "6-months": f"{release.name}: six months to go-live",
        "1-month": f"{release.name}: go-live in one month",
    }
    return NoticeView(notice.id, titles[notice.kind], notice.date, "\n".join(lines), (release.id,), notice.scope, True, None)


def _md_text(text: str) -> str:
    """Plain data text placed inside generated Markdown: neutralise Markdown and HTML syntax."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]()#!|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped

