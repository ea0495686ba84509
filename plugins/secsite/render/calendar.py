"""The iCalendar files of the site (site contract, "Calendars"; RFC 5545 and RFC 7986).

``calendars`` returns every ``.ics`` file as bytes, keyed by its site path:

- ``calendar.ics``: every event;
- ``releases/<id>/calendar.ics``: one release's events and those of the modifications in its scope;
- ``calendars/<party-category>.ics``: only the events of releases and modifications that impact
  that Party Category.

The output is a pure function of the data and the build date T: UIDs come from item ids and
milestone keys only, ``DTSTAMP`` is T at 00:00 UTC, and events are sorted explicitly. The same event
is byte-identical in every file it appears in.

``SEQUENCE`` and ``STATUS`` come from the recorded history (``history.events``): an event's
``SEQUENCE`` is the number of days up to T on which its DTSTART, DTEND or STATUS changed (RFC 5545
3.8.7.4): go-live moves (only for milestones still ahead: one that passed keeps its date), a no-go
decision and the new date after it, revised testing phases and change freezes, cancellation, type
conversion, and the moves of a modification's implementation date. A build dated before a change
shows the ``SEQUENCE`` as it was then.

Choices where the contract is silent (each also noted where it is made):

- Events that no longer hold stay in the calendar with ``STATUS:CANCELLED`` (RFC 5545) and
  "(cancelled)" after the name their summary starts with ("(postponed)" for a go-live after a
  no-go decision), as in "June 2027 SEC Release (cancelled): go-live":
  every event of a cancelled release; a go-live the Panel decided not to go ahead with (policy 8)
  until a new date is approved; and a milestone a release no longer has after a change of type
  (R2), a "tombstone" kept with its last date so that subscribed clients drop it rather than keep a
  stale date. Google Calendar hides cancelled events; Outlook and Apple Calendar may still show
  them, and the summary says what happened (the subscribe page tells readers both).
- Descriptions cite policy sections ("policy 5.3"), never this project's rule ids.
- ``decision-by-<release>`` events exist only while the modification is undecided as known on T
  (neither approved nor rejected/withdrawn): once the decision is made the deadlines no longer mean
  anything, and the ``implementation`` event or the release's go-live carries the date. Their
  ``SEQUENCE`` counts the cancellation of their release (the option's dates themselves are never
  revised: a revision is a new implementation date, R11). Options that name no release (a bare
  date) get no decision-by event, since the contract's UID needs a release id.
- A testing phase's key is ``testing-<slug of its name>``; a repeated name within one release gets
  ``-2``, ``-3``… in data order. It follows its own revisions and the release's cancellation.
- Change freezes are items of ``data/calendar.yml``, so their UID is
  ``calendar.freeze-<id>@<host>`` and their URL the "How releases work" page (freezes have no page
  of their own). A freeze decided after T is not shown. A release calendar includes a freeze that
  overlaps the release's critical period: from its first scope cut-off (systems, else documentation)
  to its go-live. Party Category calendars do not include freezes: they hold only events of items
  that impact the category.
- ``LAST-MODIFIED`` is not emitted: clients need only ``SEQUENCE`` to see a change.
- Every file carries the Europe/London ``VTIMEZONE`` (``VTIMEZONE`` below), so that a Party
  Category calendar with no event still holds the one component RFC 5545 3.6 requires.
"""

from __future__ import annotations

import re
from typing import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit

from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vCategory, vDate, vDatetime, vDuration
from icalendar import vInt, vRecur, vText, vUri

from .. import policy
from ..history.events import EventState, Tracked, release_milestones, release_period, snapshot_days, track
from ..history.events import period as period_event
from ..history.modifications import move_on
from ..history.releases import period_timeline
from ..history.timeline import ALWAYS
from ..model.loader import Catalogue
from ..model import PARTY_CATEGORIES
from ..policy import format_long
from ..history.schedule import APPROVED, IMPLEMENTED, TARGETED, Milestone, ModificationView, ReleaseView, Schedule
from .links import Links
from ..views import FREEZE_PAGE, PARTY_LABELS, PARTY_SLUGS, modification_url, release_record, release_url

PRODID = "-//secsite//SEC Releases//EN"
REFRESH = timedelta(hours=12)  # RFC 7986 REFRESH-INTERVAL and Outlook's X-PUBLISHED-TTL
TIMEZONE = "Europe/London"
FREEZE_ITEM = "calendar"  # change freezes live in data/calendar.yml


def _vtimezone() -> bytes:
    """The VTIMEZONE of Europe/London (RFC 5545 3.6.5) that every calendar file carries.

    RFC 5545 3.6 requires at least one component, and a Party Category calendar may have no event:
    this is that component (events are all-day dates, so nothing refers to it; it also names the
    zone X-WR-TIMEZONE gives). Written from the UK rules in force since 1996 (BST from 01:00 GMT on
    the last Sunday of March to 01:00 GMT on the last Sunday of October) as two RRULEs, not
    generated from the tz database, so the bytes depend neither on the build date nor on the
    tzdata installed.
    """
    zone = Timezone()
    zone.add("tzid", TIMEZONE)
    for part, name, before, after, start, month in (
        (TimezoneDaylight(), "BST", 0, 1, datetime(1996, 3, 31, 1), 3),  # 01:00 GMT
        (TimezoneStandard(), "GMT", 1, 0, datetime(1996, 10, 27, 2), 10),  # 02:00 BST, 01:00 GMT
    ):
        part.add("tzname", name)
        part.add("tzoffsetfrom", timedelta(hours=before))
        part.add("tzoffsetto", timedelta(hours=after))
        part.add("dtstart", start)
        part.add("rrule", vRecur(freq="YEARLY", bymonth=month, byday="-1SU"))
        zone.add_component(part)
    return zone.to_ical(sorted=False)


VTIMEZONE = _vtimezone()

# What each milestone date means, in plain words ({go_live} is the release's go-live).
_MEANING = {
    "go-live": "Go-live of the {name}: the modifications in its scope take effect on this day.",
    "systems-cutoff": (
        "Scope cut-off for modifications that impact DCC or User systems, 12 months before go-live "
        "on {go_live}. Such a modification that enters the scope after this day is a late addition, "
        "allowed only with the Panel's rationale recorded (policy 5.3)."
    ),
    "documentation-cutoff": (
        "Scope cut-off for documentation-only modifications (no DCC or User system impact), 6 months "
        "before go-live on {go_live}. A modification that enters the scope after this day is a late "
        "addition, allowed only with the Panel's rationale recorded (policy 5.3)."
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
    "with the Panel's rationale recorded (policy 5.3)."
)
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


def calendars(catalogue: Catalogue, schedule: Schedule, site_url: str, links: Links | None = None) -> dict[str, bytes]:
    """Every calendar file of the site: site path (no leading slash) → iCalendar bytes."""
    base = _base(site_url)
    host = urlsplit(base).hostname
    links = links or Links()

    def page(path: str) -> str:  # the absolute URL of a page or file of the site, as MkDocs builds it
        return links.absolute(base, path)

    events = _events(catalogue, schedule, page, host)
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
        page=page(""),
        source=page("calendar.ics"),
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
            page=page(release_url(rid)),
            source=page(path),
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
            page=page("subscribe/"),
            source=page(path),
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
    return head + VTIMEZONE + body + b"END:VCALENDAR" + end


# --- events -------------------------------------------------------------------------------------


def _events(catalogue: Catalogue, schedule: Schedule, page: Callable[[str], str], host: str) -> list[_Event]:
    """Every event of the site, each once (the first of a repeated UID wins)."""
    in_scope = {rid: {p.modification_id for p in r.in_scope()} for rid, r in schedule.releases.items()}
    mod_parties = {mid: frozenset(v.mod.impacts.parties.impacted()) for mid, v in schedule.modifications.items()}
    release_parties = {
        rid: frozenset().union(*(mod_parties.get(mid, frozenset()) for mid in mods)) for rid, mods in in_scope.items()
    }

    found: list[_Event] = []
    for rid, release in schedule.releases.items():
        found += _release_events(release, schedule, page, host, release_parties[rid])
    found += _freeze_events(catalogue, schedule, page, host)
    for mid, view in schedule.modifications.items():
        found += _modification_events(view, schedule, in_scope, page, host, mod_parties[mid])

    unique: dict[str, _Event] = {}
    for event in found:
        unique.setdefault(event.uid, event)
    return list(unique.values())


def _summary(tracked: Tracked, text: str, *, postponed: bool = False) -> str:
    """The summary as a client lists it: an event that no longer holds says so right after the
    release name or modification id it starts with (site contract; see the module docstring)."""
    if not tracked.state.cancelled:
        return text
    subject, _, rest = text.partition(": ")
    return f"{subject} ({'postponed' if postponed else 'cancelled'}): {rest}"


def _release_events(release: ReleaseView, schedule: Schedule, page: Callable[[str], str], host: str, parties: frozenset[str]) -> list[_Event]:
    today = schedule.settings.today
    url = page(release_url(release.id))
    common = dict(url=url, releases=frozenset({release.id}), parties=parties)
    milestones = {m.key: m for m in release.milestones}
    events = []
    for key, tracked in release_milestones(release.history, today, schedule.workdays).items():
        m = milestones.get(key)
        if tracked.tombstone or m is None:
            label = policy.MILESTONES[key].label
            description = _paragraphs(_cancelled_note(release), _tombstone_note(release, key, tracked, today), url)
        else:
            label = m.label
            description = _milestone_description(release, m, url, today)
        postponed = key == "go-live" and release.postponed and not release.cancelled
        events.append(
            _Event(
                uid=_uid(release.id, key, host),
                key=key,
                start=tracked.state.start,
                end=tracked.state.end + timedelta(days=1),
                summary=_summary(tracked, f"{release.name}: {_lower_first(label)}", postponed=postponed),
                description=description,
                sequence=tracked.sequence,
                cancelled=tracked.state.cancelled,
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
        tracked = release_period(release.history, period_timeline(phase.start, phase.end, phase.changes), today)
        if tracked is None:
            continue
        start, end = tracked.state.start, tracked.state.end
        what = phase.name if "test" in phase.name.lower() else f"{phase.name} testing"
        events.append(
            _Event(
                uid=_uid(release.id, key, host),
                key=key,
                start=start,
                end=end + timedelta(days=1),
                summary=_summary(tracked, f"{release.name}: {what}"),
                description=_paragraphs(
                    _cancelled_note(release),
                    f"{phase.name}: a testing phase of the {release.name}, from {format_long(start)} "
                    f"to {format_long(end)} inclusive, as planned in the release's Testing Approach Document "
                    "(policy 6.1, 6.2).",
                    _revision_note(phase.start, phase.end, phase.changes, today),
                    url,
                ),
                sequence=tracked.sequence,
                cancelled=tracked.state.cancelled,
                **common,
            )
        )
    return events


def _milestone_description(release: ReleaseView, m: Milestone, url: str, today: date) -> str:
    # A date that passed under an earlier plan is explained with that plan's go-live and type.
    plan = m.passed_under
    go_live = format_long(plan.go_live if plan else release.go_live)
    release_type = plan.type if plan else release.type
    if m.key == "documentation-cutoff" and release_type == policy.DOCUMENTATION:
        meaning = _DOCUMENTATION_RELEASE_CUTOFF.format(go_live=go_live)
    else:
        meaning = _MEANING.get(m.key, m.label + ".").format(name=release.name, go_live=go_live)
    notes = []
    if m.key == "go-live":
        if release.kind == "ad-hoc":
            notes.append(f"An ad hoc SEC {release.type.capitalize()} Release (policy 3.2).")
        else:
            notes.append(f"A scheduled SEC {release.type.capitalize()} Release (policy 3.1).")
        changes = release_record(release, today).date_changes
        if changes:
            last = changes[-1]
            first = release.history.plans.entries[0][1].go_live
            moved = f"from {format_long(first)} " if first != release.go_live else ""
            by = "an approved date change" if len(changes) == 1 else f"{len(changes)} approved date changes"
            latest = "approved" if len(changes) == 1 else "the latest approved"
            notes.append(f"Go-live moved {moved}by {by}, {latest} on {format_long(last.approved)}: {last.reason}")
        if release.postponed:
            decision = release.data.go_live_decision
            note = f" ({decision.note})" if decision.note else ""
            notes.append(
                f"On {format_long(decision.date)} the Panel decided that the release would not go live on "
                f"{format_long(release.go_live)} (a no-go decision, policy 8){note}. A new go-live date will "
                "be published when it is approved."
            )
    else:
        notes.append(f"Set by {m.rule}. {_DEADLINE_NOTE}")
    if plan is not None:  # the as-of rule: a date that passed keeps the value it had then
        then = []
        if plan.go_live != release.go_live:
            then.append(f"under the go-live then in force ({format_long(plan.go_live)})")
        if plan.type != release.type:
            then.append(f"when the {release.name} was a SEC {plan.type.capitalize()} Release")
        passed = f"Due {format_long(m.due)} " + ", ".join(then) + "."
        if m.now_due is not None:
            passed += (
                f" The go-live now in force ({format_long(release.go_live)}) would give {format_long(m.now_due)}, "
                "but a date that has passed keeps its value."
            )
        else:
            passed += (
                f" A SEC {release.type.capitalize()} Release has no such date, but one that had passed before "
                "the change keeps its place."
            )
        notes.append(passed)
    if m.actual is not None:
        late = ", later than the policy allows" if m.missed else ""
        notes.append(f"{m.kind.done} on {format_long(m.actual)}{late}.")
    return _paragraphs(_cancelled_note(release), meaning, " ".join(notes), url)


def _tombstone_note(release: ReleaseView, key: str, tracked: Tracked, today: date) -> str:
    """Why a milestone the release no longer has is still listed: only a change of type removes one (R2)."""
    label = _lower_first(policy.MILESTONES[key].label)
    was = f"It was due on {format_long(tracked.state.start)}."
    changes = [c for c in release.data.type_changes if c.decided <= today] if release.data else []
    if not changes:
        return f"The {release.name} no longer has this date ({label}). {was}"
    change = changes[-1]
    return (
        f"This date no longer applies: on {format_long(change.decided)} the {release.name} became a SEC "
        f"{change.type.capitalize()} Release (policy 3.1), which has no {label}. {was} {change.reason}"
    )


def _revision_note(start: date, end: date, changes, today: date) -> str:
    """The revisions of a testing phase or freeze known on ``today``, in plain words (none: empty)."""
    known = [c for c in changes if c.decided <= today]
    if not known:
        return ""
    last = known[-1]
    why = f": {last.reason}" if last.reason else "."
    first = f" First planned from {format_long(start)} to {format_long(end)}."
    revised = "Revised" if len(known) == 1 else f"Revised {len(known)} times, most recently"
    return f"{revised} on {format_long(last.decided)}{why}{first}"


def _freeze_events(catalogue: Catalogue, schedule: Schedule, page: Callable[[str], str], host: str) -> list[_Event]:
    today = schedule.settings.today
    events = []
    for freeze in catalogue.calendar.change_freezes:
        if freeze.decided is not None and freeze.decided > today:
            continue  # not decided yet on the build date
        timeline = period_timeline(freeze.start, freeze.end, freeze.changes, since=freeze.decided or ALWAYS)
        tracked = period_event(timeline, today)
        if tracked is None:
            continue
        start, end = tracked.state.start, tracked.state.end
        releases = frozenset(rid for rid, r in schedule.releases.items() if _overlaps_critical_period(r, start, end))
        events.append(
            _Event(
                uid=_uid(FREEZE_ITEM, f"freeze-{freeze.id}", host),
                key=f"freeze-{freeze.id}",
                start=start,
                end=end + timedelta(days=1),
                summary=f"Change freeze: {format_long(start)} to {format_long(end)}",
                description=_paragraphs(
                    f"Change freeze from {format_long(start)} to {format_long(end)} inclusive: "
                    "no modification may be implemented on a day in this period (policy 3.5).",
                    freeze.reason,
                    _revision_note(freeze.start, freeze.end, freeze.changes, today),
                    page(FREEZE_PAGE),
                ),
                url=page(FREEZE_PAGE),
                sequence=tracked.sequence,
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
    page: Callable[[str], str],
    host: str,
    parties: frozenset[str],
) -> list[_Event]:
    mod = view.mod
    url = page(modification_url(mod.id))
    events = []

    # Policy 4.2: decision-by dates, only while the decision is still to come.
    if mod.implementation is not None and view.undecided:
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
            tracked = _decision_by_tracked(option.decision_by, option.release_id, mod.implementation.set, schedule)
            if tracked is None:
                continue
            key = f"decision-by-{option.release_id}"
            events.append(
                _Event(
                    uid=_uid(mod.id, key, host),
                    key=key,
                    start=tracked.state.start,
                    end=tracked.state.end + timedelta(days=1),
                    summary=_summary(
                        tracked, f"{mod.id}: decision needed by {format_long(option.decision_by)} to be in the {name}"
                    ),
                    description=_paragraphs(
                        _cancelled_note(release) if release else "",
                        f"{mod.id} '{mod.title}': if the decision to approve it is received on or before "
                        f"{format_long(option.decision_by)}, it is implemented {when} in the {name} "
                        f"(policy 4.2). {after}",
                        url,
                    ),
                    url=url,
                    sequence=tracked.sequence,
                    cancelled=tracked.state.cancelled,
                    releases=frozenset({option.release_id}) if mod.id in in_scope.get(option.release_id, ()) else frozenset(),
                    parties=parties,
                )
            )

    # An implementation date that is no release's go-live (policy 4.2: Working Days, ad hoc dates).
    current = view.current
    if current is not None and current.date is not None:
        release = schedule.release(current.release_id)
        if release is None or release.go_live != current.date:
            tracked = _implementation_tracked(view, schedule)
            if tracked is not None:
                events.append(_implementation_event(view, release, tracked, in_scope, url, host, parties))
    return events


def _decision_by_tracked(decision_by: date, release_id: str, set_on: date, schedule: Schedule) -> Tracked | None:
    """A decision-by date never moves (policy 4.2); it is cancelled with its release. Published from
    the day the Panel set the dates."""
    history = schedule.histories.get(release_id)
    today = schedule.settings.today

    def state(day: date) -> EventState | None:
        if day < set_on:
            return None
        cancelled = history is not None and history.exists_on(day) and history.cancelled_on(day)
        return EventState(decision_by, decision_by, cancelled)

    days = snapshot_days(today, [set_on], history.change_days() if history else ())
    return track([(day, state(day)) for day in days], tombstones=False)


def _implementation_tracked(view: ModificationView, schedule: Schedule) -> Tracked | None:
    """The implementation event through the modification's moves known on T (policy 4.2, 4.3), each
    resolved as the releases stood on its day. It exists while the date is no release's go-live, and
    is cancelled while its release is."""
    today = schedule.settings.today

    def state(day: date) -> EventState | None:
        move = move_on(view.moves, day)
        if move is None or not move.in_a_release:
            return None
        then = schedule.on(day)
        release_id, when = then.target(move)
        if when is None or (release_id is not None and then.go_live(release_id) == when):
            return None
        history = then.histories.get(release_id) if release_id else None
        return EventState(when, when, history is not None and history.cancelled_on(day))

    # A date can also become (or stop being) a release's go-live, and a release can be cancelled.
    release_days = [day for history in schedule.histories.values() for day in history.change_days()]
    days = snapshot_days(today, (m.since for m in view.moves), release_days)
    return track([(day, state(day)) for day in days], tombstones=False)


def _implementation_event(view, release, tracked: Tracked, in_scope, url, host, parties) -> _Event:
    mod, current = view.mod, view.current
    impl = mod.implementation
    day = format_long(current.date)
    status = {
        TARGETED: f"is targeted for implementation on {day}",
        APPROVED: f"is approved for implementation on {day}",
        IMPLEMENTED: f"was implemented on {day}",
    }.get(current.status, f"had the implementation date {day}")
    how = []
    if current.source.kind == "change":
        change = impl.changes[current.source.index]
        how.append(
            f"The date was set by a revision approved on {format_long(change.approved)} "
            f"(policy 4.3): {change.reason}"
        )
    elif impl.working_days_after_decision is not None:
        decided = f" on {format_long(mod.decision.date)}" if mod.decision else ""
        how.append(
            f"The date is {_count(impl.working_days_after_decision, 'Working Day')} after the decision{decided}, "
            "the decision day not counted (policy 4.2)."
        )
    else:
        how.append("This date is not the go-live of a SEC Release (policy 4.2).")
    releases = frozenset()
    if release is not None and mod.id in in_scope.get(release.id, ()):
        releases = frozenset({release.id})
    return _Event(
        uid=_uid(mod.id, "implementation", host),
        key="implementation",
        start=tracked.state.start,
        end=tracked.state.end + timedelta(days=1),
        summary=_summary(tracked, f"{mod.id}: implementation of {mod.title}"),
        description=_paragraphs(
            _cancelled_note(release) if release is not None and tracked.state.cancelled else "",
            f"{mod.id} '{mod.title}' {status}.",
            " ".join(how),
            url,
        ),
        url=url,
        sequence=tracked.sequence,
        cancelled=tracked.state.cancelled,
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
    if not release.cancelled:
        return ""
    cancelled = release.data.cancelled if release.data else None
    if cancelled is None:
        return f"The {release.name} has been cancelled: this date no longer holds."
    return (
        f"The Panel cancelled the {release.name} on {format_long(cancelled.decided)}: this date no longer "
        f"holds. {cancelled.reason}"
    )


def _paragraphs(*parts: str) -> str:
    """Plain-text DESCRIPTION: paragraphs separated by blank lines, the page URL last."""
    return "\n\n".join(p.strip() for p in parts if p and p.strip())
