"""The published notices: hand-written ones and those the site generates (policy 9.1, 3.1, 3.2,
4.3), each worded from the facts of its own date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date  # noqa: F401  (the type of NoticeView.date)

from ..history.schedule import GeneratedNotice, NoticeKind, Schedule
from ..model.loader import Catalogue
from ..policy import MILESTONES, format_long
from .words import DECIDERS, _md_text, modification_url, release_url

__all__ = [
    "NOTICE_KINDS",
    "notices_by_year",
    "notice_kinds",
    "NoticeView",
    "published_notices",
]

# The kinds of notice, in the order the notices list offers them as filters, with their labels.
NOTICE_KINDS = {
    NoticeKind.APPROVED.value: "Approvals",
    NoticeKind.DATE_REVISED.value: "Implementation date revised",
    NoticeKind.TWELVE_MONTHS.value: "12 months to go-live",
    NoticeKind.SIX_MONTHS.value: "6 months to go-live",
    NoticeKind.ONE_MONTH.value: "1 month to go-live",
    NoticeKind.ANNOUNCED.value: "New ad hoc releases",
    NoticeKind.GO_LIVE_MOVED.value: "Go-live moved",
    NoticeKind.TYPE_CHANGED.value: "Release type changed",
    NoticeKind.CANCELLED.value: "Releases cancelled",
    "hand-written": "Other announcements",
}


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
    kind: str = "hand-written"  # a NoticeKind value for a generated notice (the notices list filters on it)

    @property
    def kind_label(self) -> str:
        """What kind of notice this is, in readers' words (the notices list's filter)."""
        return NOTICE_KINDS[self.kind]

    @property
    def kind_order(self) -> int:
        return list(NOTICE_KINDS).index(self.kind)


def published_notices(catalogue: Catalogue, schedule: Schedule) -> list[NoticeView]:
    """Every notice dated on or before the build date, newest first (later ones are held back)."""
    today = schedule.settings.today
    published = [
        NoticeView(n.id, n.title, n.date, n.body, n.releases, n.modifications, False, f"notices/{n.id}.md")
        for n in catalogue.notices.values() if n.date <= today
    ]
    published += [_generated_notice(n, schedule) for n in schedule.notices if n.date <= today]
    return sorted(published, key=lambda n: (n.date, n.id), reverse=True)


def _generated_notice(notice: GeneratedNotice, schedule: Schedule) -> NoticeView:
    """A generated notice's title and text, from the facts of its own date only (never today's)."""
    if notice.modification_id is not None:
        mod = schedule.modifications[notice.modification_id].mod
        name = mod.title_on(notice.date)
        link = f"[{mod.id} '{_md_text(name)}'](/{modification_url(mod.id)})"
        placement = notice.placement
        if notice.awaiting:
            where = "awaiting a new implementation date"
        elif placement is None:
            where = "not yet set"
        else:
            day = format_long(placement.date) if placement.date else "date to be set"
            where = day + (f" ({notice.release_name})" if notice.release_name else "")
        if notice.kind is NoticeKind.APPROVED:
            decision = mod.decision
            title = f"{mod.id} approved: {name}"
            body = (f"{DECIDERS[decision.by][0].upper()}{DECIDERS[decision.by][1:]} approved {link} on "
                    f"{format_long(decision.date)}.\n\nImplementation date: {_md_text(where)}.")
        else:  # policy 4.3: the Authority revised an approved implementation date
            title = f"{mod.id}: new implementation date"
            body = (f"The Authority approved a new implementation date for {link}: {_md_text(where)}.\n\n"
                    f"Reason: {_md_text(notice.reason or '')}")
        releases = (notice.release_id,) if notice.release_id else ()
        return NoticeView(notice.id, title, notice.date, body, releases, (mod.id,), True, None, notice.kind.value)

    name, go_live = notice.release_name, format_long(notice.go_live)
    implicit = schedule.histories[notice.release_id].implicit
    release_link = f"See the [{name} page](/{release_url(notice.release_id)}) for every date and the latest scope."
    lead, title = {
        NoticeKind.TWELVE_MONTHS: (f"The {name} goes live in twelve months, on {go_live}.", f"{name}: twelve months to go-live"),
        NoticeKind.SIX_MONTHS: (f"The {name} goes live in six months, on {go_live}.", f"{name}: six months to go-live"),
        NoticeKind.ONE_MONTH: (f"Go-live of the {name} is imminent: {go_live}.", f"{name}: go-live in one month"),
        NoticeKind.ANNOUNCED: (f"The {name} is {'in effect ' if implicit else ''}an ad hoc release going live on {go_live} "
                      + ("(policy 3.2): the implementation date of the modification below is no other release's go-live."
                         if implicit else "(policy 3.2), set up by the Panel."),
                      f"{name}: new ad hoc release"),
        NoticeKind.GO_LIVE_MOVED: (f"The go-live of the {name} has moved from {format_long(notice.previous) if notice.previous else ''} "
                          f"to {go_live}.", f"{name}: go-live moved to {go_live}"),
        NoticeKind.TYPE_CHANGED: (f"The {name} is now a SEC {(notice.release_type or '').capitalize()} Release (policy 3.1).",
                         f"{name}: now a {(notice.release_type or '').capitalize()} Release"),
        NoticeKind.CANCELLED: (f"The {name}, which was to go live on {go_live}, has been cancelled.", f"{name}: cancelled"),
    }[notice.kind]
    lines = [lead, ""]
    if notice.reason:
        lines += [f"Reason: {_md_text(notice.reason)}", ""]
    if notice.kind not in (NoticeKind.ONE_MONTH, NoticeKind.CANCELLED) and notice.cutoffs:
        lines += ["Scope cut-off dates (policy 5.3):", ""]
        lines += [f"- {MILESTONES[key].label}: {format_long(day)}" + (" (already passed)" if day < notice.date else "")
                  for key, day in notice.cutoffs]
        lines.append("")
    if notice.scope:
        lines += [f"Scope on {format_long(notice.date)}:", ""]
        for mod_id in notice.scope:
            title_text = schedule.modifications[mod_id].mod.title_on(notice.date)
            lines.append(f"- [{mod_id} '{_md_text(title_text)}'](/{modification_url(mod_id)})")
        if notice.kind is NoticeKind.CANCELLED:
            lines += ["", "These modifications now await new implementation dates (policy 4.3)."]
    else:
        lines.append(f"No modification was in scope on {format_long(notice.date)}.")
    lines += ["", release_link]
    return NoticeView(notice.id, title, notice.date, "\n".join(lines), (notice.release_id,), notice.scope, True, None,
                      notice.kind.value)



def notices_by_year(notices: list[NoticeView]) -> list[tuple[int, list[NoticeView]]]:
    """The notices under their year, newest year first, each year's notices in the order given."""
    years: dict[int, list[NoticeView]] = {}
    for notice in notices:
        years.setdefault(notice.date.year, []).append(notice)
    return sorted(years.items(), reverse=True)


def notice_kinds(notices: list[NoticeView]) -> list[NoticeView]:
    """One notice of each kind present, in the order of NOTICE_KINDS (for the filter's labels)."""
    first = {}
    for notice in notices:
        first.setdefault(notice.kind, notice)
    return sorted(first.values(), key=lambda notice: notice.kind_order)
