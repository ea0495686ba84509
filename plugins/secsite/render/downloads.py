"""The register as CSV, and the modifications, releases and changes as JSON (site contract, "Data downloads")."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import unicodedata
from datetime import date
from typing import Sequence

from .. import views
from .links import Links
from ..history.changes import Change
from ..history.modifications import known_on
from ..history.releases import period_timeline
from ..history.timeline import ALWAYS
from ..model import ChangeFreeze
from ..history.schedule import Schedule


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """The value with a leading ``'`` when a spreadsheet would run it; spreadsheets hide the quote.

    Only the title is editors' text; the other columns are ids, dates, yes/no and fixed words, which
    never start with these characters, so they come out unchanged. Every cell goes through here all
    the same, so that a column added later cannot forget it.
    """
    start = 0
    while start < len(value) and (value[start].isspace() or unicodedata.category(value[start]) == "Cf"):
        start += 1  # spaces and invisible characters ahead of a formula hide it from a reader, not from Excel
    return "'" + value if value.startswith(_FORMULA_START, start) else value


def register_csv(rows: list[views.RegisterRow]) -> bytes:
    """One row per modification, with a header row; UTF-8 with a BOM so Excel reads £ and accents."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([
        "id", "title", "stage", "route", "release", "release_status", "implementation",
        "implementation_date", "dcc_systems", "user_systems", "party_categories", "next_key_date", "next_key_date_label",
    ])
    for row in rows:
        writer.writerow(map(_cell, [
            row.id, row.title, row.stage, row.route, row.release_id, row.release_status, row.implementation,
            _iso(row.implementation_date) or "", "yes" if row.dcc_impact else "no",
            "yes" if row.user_impact else "no", ";".join(row.parties),
            _iso(row.next_key_date[1]) if row.next_key_date else "", row.next_key_date[0] if row.next_key_date else "",
        ]))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def modifications_json(schedule: Schedule, site_url: str, links: Links | None = None) -> bytes:
    """Every modification with its derived fields and its dated history: each move known on the build
    date (from ``since`` on it was headed for ``release`` and ``date`` as written: a release alone
    means that release's go-live as it stood, a date alone the release going live that day, see
    releases.json; neither: in no release). With the decision in the data, the schedule as it stood
    on any day follows; the wording of each change is in releases.json and changes.json."""
    names = views.release_names(schedule)
    today = schedule.settings.today
    links = links or Links()
    items = []
    for mod_id, view in schedule.modifications.items():
        data = views.modification_as_known(view, today).model_dump(mode="json", exclude_none=True)
        data["url"] = links.absolute(site_url, views.modification_url(mod_id))
        data["derived"] = {
            "implementation": views.implementation_summary(view, names),
            "implementation_date": _iso(view.implementation_date),
            "release": view.current.release_id if view.current else None,
            "awaiting_new_implementation_date": view.awaiting_new_date,
            "approval_notice_due": _iso(view.approval_notice_due),
            "next_key_date": {"label": view.next_key_date[0], "date": _iso(view.next_key_date[1])} if view.next_key_date else None,
            "releases": [
                {"release": p.release_id, "status": p.status, "date": _iso(p.date), "entered": _iso(p.entered),
                 "late_addition": p.late, "moved_to": p.moved_to, "left": _iso(p.left)}
                for p in view.placements
            ],
        }
        data["history"] = {
            "moves": [
                {"since": m.since.isoformat(), "cause": m.cause.value, "release": m.release_id, "date": _iso(m.date),
                 "reason": m.reason}
                for m in known_on(view.moves, today)
            ],
        }
        items.append(data)
    return _dump({"build_date": schedule.settings.today.isoformat(), "modifications": items})


def releases_json(schedule: Schedule, site_url: str, changes: Sequence[views.ChangeView] = (),
                  freezes: Sequence[ChangeFreeze] = (), links: Links | None = None) -> bytes:
    """Every release with its derived dates and scope, and its dated history: the plans (go-live and
    type, each from its ``since`` day; null: from the start), cancellation, no-go decision, testing
    phases as revised, and its change log (the entries of /api/changes.json that concern it, of any
    date); and the change freezes with their periods as revised. Only facts known on the build date."""
    today = schedule.settings.today
    links = links or Links()
    logs = views.changes_by_release(list(changes))
    items = []
    for rid, release in schedule.releases.items():
        history = release.history
        data = release.data
        items.append({
            "id": rid,
            "name": release.name,
            "url": links.absolute(site_url, views.release_url(rid)),
            "kind": release.kind,
            "type": release.type,
            "go_live": release.go_live.isoformat(),
            "rule_go_live": _iso(release.rule_go_live),
            "status": release.status.value,
            "milestones": {m.key: _milestone(m) for m in release.milestones},
            "scope": [
                {"modification": p.modification_id, "status": p.status, "late_addition": p.late,
                 "entered": p.entered.isoformat(), "left": _iso(p.left), "moved_to": p.moved_to}
                for p in release.scope
            ],
            "warnings": [str(w) for w in release.warnings],
            "history": {
                "recorded": _since(history.recorded),
                "plans": [{"since": _since(since), "go_live": plan.go_live.isoformat(), "type": plan.type}
                          for since, plan in history.plans.known_on(today).entries],
                "cancelled": _iso(history.cancelled) if history.cancelled_on(today) else None,
                "no_go": _iso(history.no_go) if history.no_go and history.no_go <= today else None,
                "testing_phases": [
                    {"name": phase.name, "periods": [
                        {"since": _since(since), "start": start.isoformat(), "end": end.isoformat()}
                        for since, (start, end) in period_timeline(phase.start, phase.end, phase.changes).known_on(today).entries
                    ]}
                    for phase in (data.testing.phases if data and data.testing else ())
                ],
                "changes": [change_json(e, site_url, links) for e in logs.get(rid, [])],
            },
            "data": views.release_as_known(release, today).model_dump(mode="json", exclude_none=True) if data else None,
        })
    frozen = [
        {"id": f.id, "reason": f.reason, "decided": _iso(f.decided),
         "periods": [{"since": _since(since), "start": start.isoformat(), "end": end.isoformat()}
                     for since, (start, end) in period_timeline(f.start, f.end, f.changes).known_on(today).entries]}
        for f in freezes if f.decided is None or f.decided <= today
    ]
    return _dump({"build_date": today.isoformat(), "releases": items, "change_freezes": frozen})


def changes_json(changes: Sequence[views.ChangeView], schedule: Schedule, site_url: str, links: Links | None = None) -> bytes:
    """/api/changes.json: the entries of /changes/ (the twelve months to the build date), newest first."""
    today = schedule.settings.today
    links = links or Links()
    recent = views.recent_changes(list(changes), today)
    return _dump({
        "build_date": today.isoformat(),
        "from": views.changes_from(today).isoformat(),
        "changes": [change_json(e, site_url, links) for e in recent],
    })


def change_json(entry: views.ChangeView, site_url: str, links: Links) -> dict:
    found: dict[str, object] = {
        "date": entry.date.isoformat(),
        "subject": entry.change.subject,
        "subject_type": entry.change.subject_type.value,
        "kind": entry.change.kind.value,
        "label": entry.label,
        "title": entry.title,
        "text": entry.text,
        "url": links.absolute(site_url, entry.url) if entry.url is not None else None,
    }
    change = entry.change
    for name in _FACTS:
        value = getattr(change, name)
        if value is None or value is False or value == ():
            continue  # facts an entry of this kind does not have
        if isinstance(value, date):
            value = value.isoformat()
        elif name in _PERIODS:
            value = {"start": value[0].isoformat(), "end": value[1].isoformat()}
        elif isinstance(value, tuple):
            value = list(value)
        found[name] = value
    return found


# The facts of a change entry, in the order the JSON gives them (after date, subject and kind).
_FACTS = tuple(f.name for f in dataclasses.fields(Change) if f.name not in ("date", "subject", "subject_type", "kind"))
_PERIODS = ("period", "previous_period")


def _milestone(m) -> dict:
    found = {"due": m.due.isoformat(), "actual": _iso(m.actual), "missed": m.missed}
    if m.passed_under is not None:  # the date it kept when it passed under an earlier plan (as-of rule)
        found["passed_under"] = {"go_live": m.passed_under.go_live.isoformat(), "type": m.passed_under.type}
        found["now_due"] = _iso(m.now_due)
    return found


def _since(day: date) -> str | None:
    return None if day == ALWAYS else day.isoformat()


def _dump(value: object) -> bytes:
    # Compact: json's C encoder only runs without indentation (five times faster on large sites).
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
