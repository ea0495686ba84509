"""The register as CSV and the modifications and releases as JSON (site contract, "Data downloads")."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from .. import views
from ..schedule import Schedule


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def register_csv(rows: list[views.RegisterRow]) -> bytes:
    """One row per modification, with a header row; UTF-8 with a BOM so Excel reads £ and accents."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([
        "id", "title", "stage", "route", "release", "release_status", "implementation",
        "implementation_date", "dcc_systems", "user_systems", "party_categories", "next_key_date", "next_key_date_label",
    ])
    for row in rows:
        writer.writerow([
            row.id, row.title, row.stage, row.route, row.release_id, row.release_status, row.implementation,
            _iso(row.implementation_date) or "", "yes" if row.dcc_impact else "no",
            "yes" if row.user_impact else "no", ";".join(row.parties),
            _iso(row.next_key_date[1]) if row.next_key_date else "", row.next_key_date[0] if row.next_key_date else "",
        ])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def modifications_json(schedule: Schedule, site_url: str) -> bytes:
    names = views.release_names(schedule)
    items = []
    for mod_id, view in schedule.modifications.items():
        data = view.mod.model_dump(mode="json", exclude_none=True)
        data["url"] = site_url + views.modification_url(mod_id)
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
        items.append(data)
    return _dump({"build_date": schedule.settings.today.isoformat(), "modifications": items})


def releases_json(schedule: Schedule, site_url: str) -> bytes:
    items = []
    for rid, release in schedule.releases.items():
        items.append({
            "id": rid,
            "name": release.name,
            "url": site_url + views.release_url(rid),
            "kind": release.kind,
            "type": release.type,
            "go_live": release.go_live.isoformat(),
            "rule_go_live": _iso(release.rule_go_live),
            "status": release.status.value,
            "milestones": {m.key: {"due": m.due.isoformat(), "actual": _iso(m.actual), "missed": m.missed} for m in release.milestones},
            "scope": [{"modification": p.modification_id, "status": p.status, "late_addition": p.late} for p in release.scope],
            "warnings": list(release.warnings),
            "data": release.data.model_dump(mode="json", exclude_none=True) if release.data else None,
        })
    return _dump({"build_date": schedule.settings.today.isoformat(), "releases": items})


def _dump(value: object) -> bytes:
    # Compact: json's C encoder only runs without indentation (five times faster on large sites).
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
