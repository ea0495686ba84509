"""The iCalendar files of the site (site contract, "Calendars"; RFC 5545 and RFC 7986).

``calendars`` returns every ``.ics`` file as bytes, keyed by its site path:

- ``calendar.ics``: every event;
- ``releases/<id>/calendar.ics``: one release's events and those of the modifications in its scope;
- ``calendars/<party-category>.ics``: only the events of releases and modifications that impact
  that Party Category.

The output is a pure function of the data and the build date T: UIDs come from item ids and
milestone keys only, ``SEQUENCE`` counts the approved date changes recorded in the data, ``DTSTAMP``
is T at 00:00 UTC, and events are sorted explicitly. The same event is byte-identical in every
file it appears in.

Choices where the contract is silent (each also noted where it is made):

- Cancelled releases keep their events, marked ``STATUS:CANCELLED`` and "(cancelled)" in the
  summary, so subscribers see the date called off rather than silently gone. ``SEQUENCE`` stays the
  number of date changes, as the contract defines it.
- ``decision-by-<release>`` events exist only while the modification is undecided (neither approved
  nor rejected/withdrawn): once the decision is made the deadlines no longer mean anything, and the
  ``implementation`` event or the release's go-live carries the date. Options that name no release
  (a bare date) get no decision-by event, since the contract's UID needs a release id.
- Testing phases carry the release's ``SEQUENCE`` (the data records no separate revisions of a
  phase; a moved go-live is what normally re-plans testing). A phase's key is ``testing-<slug of its
  name>``; a repeated name within one release gets ``-2``, ``-3``… in data order.
- Change freezes are items of ``data/calendar.yml``, so their UID is
  ``calendar.freeze-<id>@<host>`` and their URL the "How releases work" page (freezes have no page
  of their own). A release calendar includes a freeze that overlaps the release's critical period:
  from its first scope cut-off (systems, else documentation) to its go-live. Party Category
  calendars do not include freezes: they hold only events of items that impact the category.
- ``LAST-MODIFIED`` is not emitted: the data has no reliable "last changed" date for every event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit

from icalendar import Calendar, vCategory, vDate, vDatetime, vDuration, vInt, vText, vUri

from ..loader import Catalogue
from ..model import PARTY_CATEGORIES
from ..policy import format_long
from ..schedule import APPROVED, IMPLEMENTED, TARGETED, Milestone, ModificationView, ReleaseView, Schedule
from ..views import PARTY_LABELS, PARTY_SLUGS, modification_url, release_url

PRODID = "-//secsite//SEC Releases//EN"
REFRESH = timedelta(hours=12)  # RFC 7986 REFRESH-INTERVAL and Outlook's X-PUBLISHED-TTL
TIMEZONE = "Europe/London"
FREEZE_ITEM = "calendar"  # change freezes live in data/calendar.yml
FREEZE_PAGE = "how-releases-work/"  # where change freezes are explained (no page of their own)

# What each milestone date means, in plain words ({go_live} is the release's go-live).
_MEANING = {
    "go-live": "Go-live of the {name}: the modifications in its scope take effect on this day.",
    "systems-cutoff": (
        "Scope cut-off for modifications that impact DCC or User systems, 12 months before go-live "
        "on {go_live}. Such a modification that enters the scope after this day is a late addition, "
        "allowed only with the Panel's rationale recorded (R14)."
    ),
    "documentation-cutoff": (
        "Scope cut-off for documentation-only modifications (no DCC or User system impact), 6 months "
        "before go-live on {go_live}. A modification that enters the scope after this day is a late "
        "addition, allowed only with the Panel's rationale recorded (R14)."
    ),
    "tad-to-tag": (
        "Latest day for the DCC to send the Testing Approach Document to the Testing Advisory Group "
        "(TAG), 9 months before go-live on {go_live}."
    ),
    "tad-published": "Latest day for the DCC to publish the Testing Approach Document, 6 months before go-live on {go_live}.",
    "go-live-evidence": (
        "Latest day for the DCC to present its go-live evidence to the Panel, after input from the "
        "Operations Group and the TAG, 6 weeks before go-live on {go_live}."
    ),
    "actual-cost-report": (
        "Latest day for the DCC to report the actual cost of the release, with the variance against "
        "the Forecast Release Cost and commentary, 2 months after go-live on {go_live}."
    ),
}
# Documentation Releases have only the 6-month cut-off, and it applies to every modification (R13).
_DOCUMENTATION_RELEASE_CUTOFF = (
    "Scope cut-off for every modification of this Documentation Release, 6 months before go-live on "
    "{go_live}. A modification that enters the scope after this day is a late addition, allowed only "
    "with the Panel's rationale recorded (R14)."
)
# How the recorded date of a milestone is worded (schedule.ACTUAL_DATE_OF).
_DONE = {
    "systems-cutoff": "The Panel set the systems scope",
    "documentation-cutoff": "The Panel set the full scope",
    "tad-to-tag": "Sent to the TAG",
    "tad-published": "Published",
    "go-live-evidence": "Presented",
    "actual-cost-report": "Reported",
}
# Deadlines the DCC must meet (R17, R20, R21): a later recorded date is worth saying. A scope set
# after its cut-off is not a failure of the same kind, so it is stated without judgement.
_FLAGGED_IF_LATE = {"tad-to-tag", "tad-published", "go-live-evidence", "actual-cost-report"}
_DEADLINE_NOTE = "A deadline that falls on a day that is not a Working Day moves to the Working Day before."


@dataclass(frozen=True)
class _Event:
    """One calendar event, with the calendars it belongs to beyond the whole-site one."""

    uid: str
    key: str  # the milestone key: CATEGORIES
    start: date
    end: date  # exclusive (RFC 5545: DTEND of an all-day event is the day after)
    summary: str
    description: str
    url: str
    sequence: int
    cancelled: bool = False
    releases: frozenset[str] = frozenset()  # release calendars it appears in
    parties: frozenset[str] = frozenset()  # Party Category calendars it appears in

    def to_ical(self, dtstamp: bytes) -> bytes:
        """The VEVENT's lines (RFC 5545 3.6.1): values encoded by icalendar, lines folded as it folds.

        Written out line by line instead of through icalendar's ``Event``, whose bookkeeping per
        property made calendars the slowest step of a large build (0.4 ms an event). The tests
        parse every file with icalendar and ical.js.
        """
        lines = [
            b"BEGIN:VEVENT",
            b"UID:" + vText(self.uid).to_ical(),
            dtstamp,
            b"DTSTART;VALUE=DATE:" + vDate(self.start).to_ical(),
            b"DTEND;VALUE=DATE:" + vDate(self.end).to_ical(),
            b"SUMMARY:" + vText(self.summary).to_ical(),
            b"DESCRIPTION:" + vText(self.description).to_ical(),
            b"CATEGORIES:" + vCategory([self.key]).to_ical(),
            b"URL:" + vUri(self.url).to_ical(),
            b"SEQUENCE:" + vInt(self.sequence).to_ical(),
        ]
        if self.cancelled:
            lines.append(b"STATUS:CANCELLED")
        lines += [b"TRANSP:TRANSPARENT", b"END:VEVENT"]  # a key date, not a meeting: never shows as busy
        return b"".join(_fold(line) + b"\r\n" for line in lines)


def _fold(line: bytes) -> bytes:
    """RFC 5545 3.1: a line over 75 octets goes on in lines that start with a space.

    As icalendar folds: pieces of at most 74 octets, never inside a UTF-8 character, and never
    between a backslash (or ^) and the character it escapes, which some clients misread.
    """
    pieces = []
    start = 0
    while len(line) - start > 74:
        cut = start + 74
        while line[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            cut -= 1
        if line[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return b"\r\n ".join(pieces)


def calendars(catalogue: Catalogue, schedule: Schedule, site_url: str) -> dict[str, bytes]:
    """Every calendar file of the site: site path (no leading slash) → iCalendar bytes."""
    base = _base(site_url)
    host = urlsplit(base).hostname
    events = _events(catalogue, schedule, base, host)
    stamp = datetime.combine(schedule.settings.today, time(0), tzinfo=timezone.utc)
    # An event appears in up to seven files; serialising it once keeps large sites fast.
    dtstamp = b"DTSTAMP:" + vDatetime(stamp).to_ical()
    serialised = {e.uid: e.to_ical(dtstamp) for e in events}

    files: dict[str, bytes] = {}
    files["calendar.ics"] = _calendar(
        events,
        serialised,
        name="SEC Releases: all dates",
        description=(
            "Every SEC Release date (go-live, scope cut-offs, testing and the other milestones of the "
            "SEC Release Management Policy), change freezes, and the decision-by and implementation "
            "dates of SEC Modifications."
        ),
        page=base,
        source=base + "calendar.ics",
    )
    for rid, release in schedule.releases.items():
        path = f"{release_url(rid)}calendar.ics"
        kind = "an ad hoc" if release.kind == "ad-hoc" else "a scheduled"
        files[path] = _calendar(
            [e for e in events if rid in e.releases],
            serialised,
            name=release.name + (" (cancelled)" if release.cancelled else ""),
            description=(
                f"Key dates of the {release.name}, {kind} SEC {release.type.capitalize()} Release going live "
                f"on {format_long(release.go_live)}"
                + (" (cancelled)" if release.cancelled else "")
                + ", and of the modifications in its scope."
            ),
            page=base + release_url(rid),
            source=base + path,
        )
    for category in PARTY_CATEGORIES:
        path = f"calendars/{PARTY_SLUGS[category]}.ics"
        label = PARTY_LABELS[category]
        files[path] = _calendar(
            [e for e in events if category in e.parties],
            serialised,
            name=f"SEC Releases: {label}",
            description=(
                f"Dates of the SEC Releases and SEC Modifications that impact {label}: release "
                "milestones where a modification in scope impacts them, and the decision-by and "
                "implementation dates of the modifications that impact them."
            ),
            page=base + "subscribe/",
            source=base + path,
        )
    return files


def _base(site_url: str) -> str:
    if not site_url or not urlsplit(site_url).hostname:
        raise ValueError(f"site_url must be an absolute URL such as https://example.org/, got {site_url!r}")
    return site_url if site_url.endswith("/") else site_url + "/"


def _calendar(events: list[_Event], serialised: dict[str, bytes], *, name: str, description: str, page: str, source: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # RFC 7986 NAME/DESCRIPTION plus the X-WR-* twins Google and Apple read (anchors 2, #4).
    cal.add("name", vText(name))
    cal.add("x-wr-calname", vText(name))
    cal.add("description", vText(description))
    cal.add("x-wr-caldesc", vText(description))
    cal.add("x-wr-timezone", vText(TIMEZONE))
    cal.add("url", page)
    cal.add("source", source)
    cal.add("refresh-interval", vDuration(REFRESH, params={"VALUE": "DURATION"}), encode=False)
    cal.add("x-published-ttl", vDuration(REFRESH), encode=False)
    head, end = cal.to_ical(sorted=False).rsplit(b"END:VCALENDAR", 1)
    body = b"".join(serialised[e.uid] for e in sorted(events, key=lambda e: (e.start, e.uid)))
    return head + body + b"END:VCALENDAR" + end


# --- events -------------------------------------------------------------------------------------


def _events(catalogue: Catalogue, schedule: Schedule, base: str, host: str) -> list[_Event]:
    """Every event of the site, each once (the first of a repeated UID wins)."""
    in_scope = {rid: {p.modification_id for p in r.in_scope()} for rid, r in schedule.releases.items()}
    mod_parties = {mid: frozenset(v.mod.impacts.parties.impacted()) for mid, v in schedule.modifications.items()}
    release_parties = {
        rid: frozenset().union(*(mod_parties.get(mid, frozenset()) for mid in mods)) for rid, mods in in_scope.items()
    }

    found: list[_Event] = []
    for rid, release in schedule.releases.items():
        found += _release_events(release, base, host, release_parties[rid])
    found += _freeze_events(catalogue, schedule, base, host)
    for mid, view in schedule.modifications.items():
        found += _modification_events(view, schedule, in_scope, base, host, mod_parties[mid])

    unique: dict[str, _Event] = {}
    for event in found:
        unique.setdefault(event.uid, event)
    return list(unique.values())


def _release_events(release: ReleaseView, base: str, host: str, parties: frozenset[str]) -> list[_Event]:
    url = base + release_url(release.id)
    title = release.name + (" (cancelled)" if release.cancelled else "")
    common = dict(
        url=url,
        sequence=release.sequence,
        cancelled=release.cancelled,
        releases=frozenset({release.id}),
        parties=parties,
    )
    events = []
    for m in release.milestones:
        events.append(
            _Event(
                uid=_uid(release.id, m.key, host),
                key=m.key,
                start=m.due,
                end=m.due + timedelta(days=1),
                summary=f"{title}: {_lower_first(m.label)}",
                description=_milestone_description(release, m, url),
                **common,
            )
        )
    phases = release.data.testing.phases if release.data and release.data.testing else ()
    seen: dict[str, int] = {}
    for phase in phases:
        key = f"testing-{_slug(phase.name)}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        what = phase.name if "test" in phase.name.lower() else f"{phase.name} testing"
        events.append(
            _Event(
                uid=_uid(release.id, key, host),
                key=key,
                start=phase.start,
                end=phase.end + timedelta(days=1),
                summary=f"{title}: {what}",
                description=_paragraphs(
                    _cancelled_note(release),
                    f"{phase.name}: a testing phase of the {release.name}, from {format_long(phase.start)} "
                    f"to {format_long(phase.end)} inclusive, as planned in the release's Testing Approach Document "
                    "(policy 6.1, 6.2).",
                    url,
                ),
                **common,
            )
        )
    return events


def _milestone_description(release: ReleaseView, m: Milestone, url: str) -> str:
    go_live = format_long(release.go_live)
    if m.key == "documentation-cutoff" and release.type == "documentation":
        meaning = _DOCUMENTATION_RELEASE_CUTOFF.format(go_live=go_live)
    else:
        meaning = _MEANING.get(m.key, m.label + ".").format(name=release.name, go_live=go_live)
    rule = m.rule
    notes = []
    if m.key == "go-live":
        if release.kind == "ad-hoc":
            rule = "R3, policy 3.2"
            kind = f"An ad hoc SEC {release.type.capitalize()} Release"
        else:
            kind = f"A scheduled SEC {release.type.capitalize()} Release"
        notes.append(f"{kind} (rule: {rule}).")
        changes = release.data.date_changes if release.data else ()
        if changes:
            last = changes[-1]
            moved = f"from {format_long(release.rule_go_live)} " if release.rule_go_live and release.rule_go_live != release.go_live else ""
            by = "an approved date change" if len(changes) == 1 else f"{len(changes)} approved date changes"
            latest = "approved" if len(changes) == 1 else "the latest approved"
            notes.append(
                f"Go-live moved {moved}by {by} (R7), {latest} on {format_long(last.approved)}: {last.reason}"
            )
    else:
        notes.append(f"Rule: {rule}. {_DEADLINE_NOTE}")
    if m.actual is not None:
        late = ", later than the policy allows" if m.missed and m.key in _FLAGGED_IF_LATE else ""
        notes.append(f"{_DONE.get(m.key, 'Done')} on {format_long(m.actual)}{late}.")
    return _paragraphs(_cancelled_note(release), meaning, " ".join(notes), url)


def _freeze_events(catalogue: Catalogue, schedule: Schedule, base: str, host: str) -> list[_Event]:
    events = []
    for freeze in catalogue.calendar.change_freezes:
        releases = frozenset(rid for rid, r in schedule.releases.items() if _overlaps_critical_period(r, freeze.start, freeze.end))
        events.append(
            _Event(
                uid=_uid(FREEZE_ITEM, f"freeze-{freeze.id}", host),
                key=f"freeze-{freeze.id}",
                start=freeze.start,
                end=freeze.end + timedelta(days=1),
                summary=f"Change freeze: {format_long(freeze.start)} to {format_long(freeze.end)}",
                description=_paragraphs(
                    f"Change freeze from {format_long(freeze.start)} to {format_long(freeze.end)} inclusive: "
                    "no modification may be implemented on a day in this period (R6, policy 3.5).",
                    freeze.reason,
                    base + FREEZE_PAGE,
                ),
                url=base + FREEZE_PAGE,
                sequence=0,
                releases=releases,
            )
        )
    return events


def _overlaps_critical_period(release: ReleaseView, start: date, end: date) -> bool:
    """A freeze matters to a release when it overlaps its first scope cut-off to its go-live."""
    cutoff = release.milestone("systems-cutoff") or release.milestone("documentation-cutoff")
    first = cutoff.due if cutoff else release.go_live
    return start <= release.go_live and end >= first


def _modification_events(
    view: ModificationView,
    schedule: Schedule,
    in_scope: dict[str, set[str]],
    base: str,
    host: str,
    parties: frozenset[str],
) -> list[_Event]:
    mod = view.mod
    url = base + modification_url(mod.id)
    events = []

    # R9: decision-by dates, only while the decision is still to come.
    if not mod.approved and not mod.closed:
        for index, option in enumerate(view.options):
            if option.release_id is None:
                continue
            release = schedule.release(option.release_id)
            name = release.name if release else option.release_id
            when = f"on {format_long(option.date)}" if option.date else "on its go-live"
            nxt = view.options[index + 1] if index + 1 < len(view.options) else None
            if nxt is not None:
                nxt_release = schedule.release(nxt.release_id)
                where = f" in the {nxt_release.name}" if nxt_release else ""
                nxt_day = f"on {format_long(nxt.date)}" if nxt.date else "on a date to be confirmed"
                after = (
                    f"A later decision, on or before {format_long(nxt.decision_by)}, means implementation "
                    f"{nxt_day}{where}."
                )
            else:
                after = (
                    "A decision to approve after this day leaves it without an implementation date until "
                    "a new one is set."
                )
            key = f"decision-by-{option.release_id}"
            events.append(
                _Event(
                    uid=_uid(mod.id, key, host),
                    key=key,
                    start=option.decision_by,
                    end=option.decision_by + timedelta(days=1),
                    summary=f"{mod.id}: decision needed by {format_long(option.decision_by)} to be in the {name}",
                    description=_paragraphs(
                        f"{mod.id} '{mod.title}': if the decision to approve it is received on or before "
                        f"{format_long(option.decision_by)}, it is implemented {when} in the {name} "
                        f"(R9, policy 4.2). {after}",
                        url,
                    ),
                    url=url,
                    sequence=0,  # the data records no revisions of a decision-by date
                    cancelled=bool(release and release.cancelled),
                    releases=frozenset({option.release_id}) if mod.id in in_scope.get(option.release_id, ()) else frozenset(),
                    parties=parties,
                )
            )

    # An implementation date that is no release's go-live (R10 Working Days, ad hoc dates).
    current = view.current
    if current is not None and current.date is not None:
        release = schedule.release(current.release_id)
        if release is None or release.go_live != current.date:
            events.append(_implementation_event(view, release, in_scope, url, host, parties))
    return events


def _implementation_event(view, release, in_scope, url, host, parties) -> _Event:
    mod, current = view.mod, view.current
    impl = mod.implementation
    day = format_long(current.date)
    status = {
        TARGETED: f"is targeted for implementation on {day}",
        APPROVED: f"is approved for implementation on {day}",
        IMPLEMENTED: f"was implemented on {day}",
    }.get(current.status, f"has the implementation date {day}")
    how = []
    if current.origin[1] == "changes":
        change = impl.changes[current.origin[2]]
        how.append(
            f"The date was set by a revision approved on {format_long(change.approved)} "
            f"(R11, policy 4.3): {change.reason}"
        )
    elif impl.working_days_after_decision is not None:
        decided = f" on {format_long(mod.decision.date)}" if mod.decision else ""
        how.append(
            f"The date is {_count(impl.working_days_after_decision, 'Working Day')} after the decision{decided}, "
            "the decision day not counted (R10, policy 4.2)."
        )
    else:
        how.append("This date is not the go-live of a SEC Release (R9, policy 4.2).")
    releases = frozenset()
    if release is not None and mod.id in in_scope.get(release.id, ()):
        releases = frozenset({release.id})
    return _Event(
        uid=_uid(mod.id, "implementation", host),
        key="implementation",
        start=current.date,
        end=current.date + timedelta(days=1),
        summary=f"{mod.id}: implementation of {mod.title}",
        description=_paragraphs(f"{mod.id} '{mod.title}' {status}.", " ".join(how), url),
        url=url,
        sequence=len(impl.changes),  # approved revisions of the implementation date (R11)
        releases=releases,
        parties=parties,
    )


# --- helpers ------------------------------------------------------------------------------------


def _uid(item_id: str, key: str, host: str) -> str:
    """Site contract: ``<item-id lower>.<milestone key>@<host>``; never an index, time or random value."""
    return f"{item_id.lower()}.{key}@{host}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "phase"


def _lower_first(text: str) -> str:
    """Sentence case after a colon: "Go-live" → "go-live", but "Testing Approach Document" stays."""
    words = text.split(" ")
    if len(words) > 1 and words[1][:1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cancelled_note(release: ReleaseView) -> str:
    return f"The {release.name} has been cancelled." if release.cancelled else ""


def _paragraphs(*parts: str) -> str:
    """Plain-text DESCRIPTION: paragraphs separated by blank lines, the page URL last."""
    return "\n\n".join(p.strip() for p in parts if p and p.strip())
