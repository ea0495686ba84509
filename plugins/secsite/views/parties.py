"""What the register's extra columns, the home page's "Next" panel and the page per Party Category
show: impact levels, the active view, relative dates ("in 3 weeks"), change freezes among the key
dates, and what impacts one Party Category."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..history.releases import period_timeline
from ..history.timeline import ALWAYS
from ..history.schedule import Milestone, ReleaseView, Schedule
from ..model import PARTY_CATEGORIES
from ..policy import format_long
from .modifications import RegisterRow
from .releases import KeyDate, key_dates, upcoming_releases
from .words import FREEZE_PAGE, PARTY_LABELS, PARTY_SLUGS, release_url

__all__ = [
    "CLOSED_STAGES",
    "IMPACT_LEVELS",
    "IMPACT_LABELS",
    "is_active",
    "highest_impact",
    "relative_day",
    "RegisterLine",
    "register_lines",
    "freeze_key_dates",
    "home_key_dates",
    "NextPanel",
    "next_panel",
    "party_url",
    "PartyRelease",
    "PartyView",
    "party_views",
]

CLOSED_STAGES = ("implemented", "rejected", "withdrawn")  # the register's default view leaves these out
IMPACT_LEVELS = ("high", "medium", "low")  # highest first
IMPACT_LABELS = {"high": "High", "medium": "Medium", "low": "Low"}


def is_active(stage: str) -> bool:
    return stage not in CLOSED_STAGES


def highest_impact(levels: dict[str, str]) -> str | None:
    """The highest impact level across Party Categories (None: no Party Category impacted)."""
    return next((level for level in IMPACT_LEVELS if level in levels.values()), None)


def relative_day(day: date, today: date) -> str:
    """``day`` as seen from ``today`` in readers' words: "today", "tomorrow", "in 5 days",
    "in 3 weeks", "in 7 months", "in 2 years" (and "… ago" for days past). Weeks below 9 weeks,
    months below 2 years, counted down (a day 20 days away is "in 2 weeks")."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    n = abs(days)
    if n < 14:
        amount, unit = n, "day"
    elif n < 63:
        amount, unit = n // 7, "week"
    else:
        early, late = (today, day) if days > 0 else (day, today)
        months = (late.year - early.year) * 12 + late.month - early.month - (late.day < early.day)
        if months < 24:
            amount, unit = months, "month"
        else:
            amount, unit = months // 12, "year"
    words = f"{amount} {unit}{'' if amount == 1 else 's'}"
    return f"in {words}" if days > 0 else f"{words} ago"


# --- the Modifications Register -------------------------------------------------------------


@dataclass(frozen=True)
class RegisterLine:
    """A register row with what its cells show: each fact once (no text repeated across columns)."""

    row: RegisterRow
    proposer: str
    active: bool
    impacts: dict[str, str]  # Party Category key -> impact level
    highest: str | None
    release_status: str  # the status in the release, when it says more than the stage
    implementation: str  # the implementation date or where it stands, without the release's name
    next_text: str  # the next key date in words, relative to the build date


def register_lines(schedule: Schedule, rows: list[RegisterRow]) -> list[RegisterLine]:
    """The register's rows in the order of ``rows`` (the CSV's); register.js orders them by next key date."""
    today = schedule.settings.today
    lines = []
    for row in rows:
        mod = schedule.modifications[row.id].mod
        impacts = mod.impacts.parties.impacted()
        status = row.release_status if row.release_id and str(row.release_status).lower() != row.stage_label.lower() else ""
        implementation = row.implementation
        for tail in (f" ({row.release_name})", f" (the {row.release_name} was cancelled)"):
            if row.release_name and implementation.endswith(tail):  # the Release column names it
                implementation = implementation[: -len(tail)]
        next_text = ""
        if row.next_key_date:
            label, day = row.next_key_date
            if label == "Implementation" and day == row.implementation_date:
                next_text = f"Implementation, {relative_day(day, today)}"  # the date is in its own column
            else:
                next_text = f"{label} {format_long(day)}, {relative_day(day, today)}"
        lines.append(RegisterLine(row, mod.proposer, is_active(row.stage), dict(impacts), highest_impact(impacts),
                                  str(status), implementation, next_text))
    return lines


# --- key dates and the "Next" panel of the home page -----------------------------------------


def freeze_key_dates(freezes, today: date, days: int) -> list[KeyDate]:
    """Change freezes (R6) decided by the build date, as they stand then, that overlap the next
    ``days`` days: one key date each, on the first day of the freeze still ahead."""
    end_of_window = today + timedelta(days=days)
    found = []
    for freeze in freezes:
        if freeze.decided is not None and freeze.decided > today:
            continue
        start, end = period_timeline(freeze.start, freeze.end, freeze.changes, since=freeze.decided or ALWAYS).at(today)
        if end < today or start > end_of_window:
            continue
        label = f"Change freeze starts, to {format_long(end)}"
        if start < today:
            label = f"Change freeze since {format_long(start)}, to {format_long(end)}"
        found.append(KeyDate(max(start, today), label, "No go-live or implementation in a freeze", FREEZE_PAGE))
    return found


def home_key_dates(schedule: Schedule, freezes, days: int) -> list[KeyDate]:
    """The home page's key dates: every milestone and modification date, and the change freezes."""
    found = key_dates(schedule, days) + freeze_key_dates(freezes, schedule.settings.today, days)
    return sorted(found, key=lambda k: (k.day, k.title, k.label))


@dataclass(frozen=True)
class NextPanel:
    release: ReleaseView | None  # the next release to go live (a date set, not cancelled or postponed)
    when: str  # "in 7 months"
    modifications: list[tuple[str, str]]  # (id, title) of what is in it
    deadline: tuple[ReleaseView, Milestone] | None  # the next scope cut-off
    deadline_when: str


def next_panel(schedule: Schedule) -> NextPanel:
    today = schedule.settings.today
    upcoming = [r for r in upcoming_releases(schedule) if not r.postponed]
    release = upcoming[0] if upcoming else None
    mods = []
    if release is not None:
        mods = [(p.modification_id, schedule.modifications[p.modification_id].mod.title) for p in release.in_scope()]
    cutoffs = sorted(((m.due, r.go_live, r.id, r, m) for r in upcoming for m in r.cutoffs() if m.due >= today),
                     key=lambda t: t[:3])
    deadline = (cutoffs[0][3], cutoffs[0][4]) if cutoffs else None
    return NextPanel(
        release,
        relative_day(release.go_live, today) if release else "",
        mods,
        deadline,
        relative_day(deadline[1].due, today) if deadline else "",
    )


# --- a page per Party Category --------------------------------------------------------------


def party_url(key: str) -> str:
    return f"parties/{PARTY_SLUGS[key]}/"


@dataclass(frozen=True)
class PartyRelease:
    release: ReleaseView
    modifications: list[tuple[str, str, str]]  # (id, title, impact level) of those in scope that impact the Party
    highest: str | None


@dataclass(frozen=True)
class PartyView:
    key: str
    slug: str
    label: str
    url: str
    calendar: str  # site-contract path of its calendar
    releases: list[PartyRelease] = field(default_factory=list)
    key_dates: list[KeyDate] = field(default_factory=list)
    modifications: list[RegisterLine] = field(default_factory=list)  # active ones that impact it


def party_views(schedule: Schedule, lines: list[RegisterLine], days: int = 365) -> list[PartyView]:
    """For each Party Category: the upcoming releases with modifications in scope that impact it,
    the key dates of those releases and modifications (as its calendar has them) for ``days`` days,
    and the active modifications that impact it, with their impact levels."""
    dates = key_dates(schedule, days)
    views = []
    for key in PARTY_CATEGORIES:
        releases = []
        release_urls = set()
        for release in upcoming_releases(schedule):
            mods = []
            for p in release.in_scope():
                mod = schedule.modifications[p.modification_id].mod
                level = mod.impacts.parties.impacted().get(key)
                if level:
                    mods.append((mod.id, mod.title, level))
            if mods:
                releases.append(PartyRelease(release, mods, highest_impact({m[0]: m[2] for m in mods})))
                release_urls.add(release_url(release.id))
        mine = [l for l in lines if l.active and key in l.impacts]
        mod_urls = {l.row.url for l in lines if key in l.impacts}
        views.append(PartyView(
            key, PARTY_SLUGS[key], PARTY_LABELS[key], party_url(key), f"calendars/{PARTY_SLUGS[key]}.ics",
            releases, [k for k in dates if k.url in release_urls or k.url in mod_urls], mine,
        ))
    return views
