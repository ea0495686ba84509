"""The record for readers: /changes/, the release pages' change logs and key-date notes, and the JSON.

Build date T = Thursday 26 November 2026 (conftest, sitebuild.EPOCH). Dates worked out by hand:
- /changes/ covers the twelve months from Thu 26 Nov 2025 (the same day a year before T) to T, both included.
- June 2027 (R1: last Thursday) = Thu 24 Jun 2027; its systems cut-off (12 months before) is
  Wed 24 Jun 2026. Moved on 3 Aug 2026 to Wed 30 Jun 2027, whose 12 months before is Tue 30 Jun 2026.
- November 2027 (first Thursday) = Thu 4 Nov 2027.
- November 2019 (bundled data): rule date Thu 7 Nov 2019, moved on 4 Oct 2019 to Fri 29 Nov 2019.
  Go-live evidence (6 weeks = 42 days before): Thu 26 Sep 2019 under the first go-live, Fri 18 Oct 2019
  under the new one; the first had passed when the go-live moved, so it stays (as-of rule).
"""

from __future__ import annotations

import json
import re
from datetime import date

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import modification
from secsite import views
from secsite.model.diagnostics import errors
from secsite.history.changes import Change, ChangeKind, Subject
from secsite.render import downloads
from secsite.render.pages import PageRenderer
from secsite.history.schedule import Settings
from secsite.checks import check_data
from sitebuild import page, text

T = date(2026, 11, 26)
SITE = "https://sec-releases.example.org/"
RULE_ID = re.compile(r"\bR\d{1,2}\b")  # R1–R27: internal rule ids, never shown to readers here


def folded(value: str) -> str:
    return " ".join(value.split())


# --- rendered without MkDocs, from small data -------------------------------------------------------

HOSTILE = "<script>alert(1)</script> *bold* [x](javascript:alert(1)) & more"


def small_site(data, reason: str = "SIT starts later"):
    """MP100 (conftest) plus two modifications set either side of the window's first day, and the
    June 2027 go-live moved after its systems cut-off had passed."""
    options = 'implementation:\n  set: {}\n  dates:\n    - release: "2027-06"\n      decision_by: 2026-12-01\n'
    data.write("modifications/MP210.yml", modification("MP210", options.format("2025-11-25")))
    data.write("modifications/MP211.yml", modification("MP211", options.format("2025-11-26")))
    data.write("releases/2027-06.yml", f"""\
        id: "2027-06"
        go_live: 2027-06-30
        date_changes:
          - requested: 2026-07-20
            approved: 2026-08-03
            by: authority
            date: 2027-06-30
            reason: {json.dumps(reason)}
        rid:
          - version: "0.1"
            date: 2026-03-01
            summary: First draft
        """)
    catalogue, schedule, found = check_data(data.root, Settings(today=T))
    assert errors(found) == [], [str(p) for p in errors(found)]
    changes = views.change_log(catalogue, schedule)
    return schedule, changes, PageRenderer(schedule, [], SITE, changes)


def html(page_markdown: str) -> BeautifulSoup:
    """The page as MkDocs would turn it into HTML (front matter dropped)."""
    body = page_markdown.split("---\n", 2)[2]
    return BeautifulSoup(markdown.markdown(body, extensions=["attr_list", "tables", "toc"]), "html.parser")


def test_the_window_is_the_twelve_months_up_to_the_build_date(data):
    _, changes, pages = small_site(data)
    soup = html(pages.changes())
    days = [t["datetime"] for t in soup.select("li.sec-change time")]
    assert "2025-11-26" in days and "2025-11-25" not in days  # MP211 in, MP210 a day too early
    assert days == sorted(days, reverse=True)
    assert days[0] == "2026-08-03"  # the go-live move: the newest entry
    assert [h.get_text() for h in soup.find_all("h2")] == ["August 2026", "March 2026", "January 2026", "November 2025"]
    # MP210's entry is still on the release's change log, which has no time limit.
    release = html(pages.release(pages.schedule.releases["2027-06"]))
    logged = [t["datetime"] for t in release.select("li.sec-change time")]
    assert "2025-11-25" in logged and logged == sorted(logged, reverse=True)


def test_entries_read_plainly_and_link_their_pages(data):
    _, changes, pages = small_site(data)
    soup = html(pages.changes())
    assert soup.find("table") is None  # a list, readable on a 390 px phone
    assert not RULE_ID.search(soup.get_text(" "))
    moved = next(li for li in soup.select("li.sec-change") if li.time["datetime"] == "2026-08-03")
    assert folded(moved.get_text()).startswith("3 August 2026 Go-live moved The Authority approved moving the go-live "
                                                   "of the June 2027 SEC Release from 24 June 2027 to 30 June 2027.")
    assert moved.find("a")["href"] == "../releases/2027-06/"
    entered = next(li for li in soup.select("li.sec-change") if li.time["datetime"] == "2026-01-20")
    assert [a["href"] for a in entered.find_all("a")] == ["../modifications/mp100/", "../releases/2027-06/"]


def test_key_date_that_passed_under_the_earlier_go_live_says_so(data):
    _, _, pages = small_site(data)
    soup = html(pages.release(pages.schedule.releases["2027-06"]))
    row = next(tr for tr in soup.find_all("tr") if "Scope cut-off for DCC and User system changes" in tr.get_text())
    assert folded(row.get_text(" ")).startswith(
        "Scope cut-off for DCC and User system changes 24 June 2026 Due 24 June 2026 under the go-live then in force "
        "(24 June 2027); 30 June 2026 under the current one.")
    # The TAD to the TAG was still ahead when the go-live moved: it simply follows the new one (30 Sep 2026).
    tad = next(tr for tr in soup.find_all("tr") if "Testing Approach Document to the TAG" in tr.get_text())
    assert tad.find("small") is None and "30 September 2026" in tad.get_text()


def test_text_from_data_is_escaped_everywhere(data):
    schedule, changes, pages = small_site(data, reason=HOSTILE)
    for rendered in (pages.changes(), pages.release(schedule.releases["2027-06"])):
        soup = html(rendered)
        # The one script is the site's own copy button (release pages); none comes from the data.
        assert [s.get("src", "inline").rsplit("/", 2)[-2:] for s in soup.find_all("script")] in ([], [["secsite", "copy.js"]])
        assert not [tag for tag in soup.find_all(["strong", "em"]) if tag.get_text() == "bold"]  # *bold* stays text
        assert not any(a.get("href", "").startswith("javascript") for a in soup.find_all("a"))
        assert HOSTILE in soup.get_text()
    api = json.loads(downloads.changes_json(changes, schedule, SITE))
    assert any(HOSTILE in e["text"] and e["reason"] == HOSTILE for e in api["changes"])


# --- the example site, built once with mkdocs build --strict ----------------------------------------


@pytest.fixture(scope="module")
def changes_page(site):
    return page(site, "changes")


def test_changes_page_is_in_the_nav_and_newest_first(site, changes_page):
    assert changes_page.find("h1").get_text() == "What changed"
    assert any(a.get_text(strip=True) == "What changed" for a in changes_page.select("nav a"))
    article = changes_page.find("article")
    assert article.find("table") is None
    assert not RULE_ID.search(text(changes_page))
    items = article.select("li.sec-change")
    assert items
    days = [li.time["datetime"] for li in items]
    assert days == sorted(days, reverse=True)
    assert "2025-11-26" <= days[-1] and days[0] <= "2026-11-26"  # nothing after T, nothing older than a year
    for li in items:  # each under the heading of its month, and linking a page
        heading = li.find_previous("h2").get_text(strip=True).rstrip("¶")
        assert heading == f"{li.time.get_text().split(' ', 1)[1]}", heading
        assert li.find("a", href=re.compile(r"^\.\./(releases|modifications|how-releases-work)/")), li


def test_changes_json_is_the_page_as_data(site, changes_page):
    api = json.loads((site / "api/changes.json").read_text(encoding="utf-8"))
    assert (api["build_date"], api["from"]) == ("2026-11-26", "2025-11-26")
    items = changes_page.find("article").select("li.sec-change")
    assert len(api["changes"]) == len(items)
    for entry, li in zip(api["changes"], items):
        assert li.time["datetime"] == entry["date"]
        assert folded(li.get_text()) == folded(f"{li.time.get_text()} {entry['label']} {entry['text']}")
        assert entry["url"].startswith("https://sec-releases.example.org/")
        path = entry["url"].removeprefix("https://sec-releases.example.org/")
        assert li.find("a", href="../" + path), (entry["url"], li)


def test_bundled_history_reads_as_it_happened(changes_page):
    body = folded(changes_page.find("article").get_text())
    # MP255: moved by the Authority on 12 March 2026 (data/modifications/MP255.yml).
    assert ("12 March 2026 Implementation date revised The Authority approved a new implementation date for MP255 "
            "'Faster searches in the Self-Service Interface': 24 June 2027, in the June 2027 SEC Release (policy 4.3). "
            "It was 25 June 2026, in the June 2026 SEC Release.") in body
    # MP268: set on 16 January 2026 for November 2026, after its systems cut-off of 5 November 2025.
    assert ("16 January 2026 Late addition MP268 'Faster notice to Users of planned DCC maintenance' entered the scope "
            "of the November 2026 SEC Release") in body
    assert "after the scope cut-off of 5 November 2025" in body


def test_release_pages_have_a_change_log_and_key_date_notes(site):
    june = page(site, "releases/2026-06")
    log = june.find("h2", id="change-log").find_next("ul")
    days = [t["datetime"] for t in log.find_all("time")]
    assert days == sorted(days, reverse=True)
    logged = folded(log.get_text())
    assert "Version 3.0 of the Release Implementation Document for the June 2026 SEC Release" in logged
    assert "Since version 2.0: MP255 left the scope." in logged
    assert "approved a new implementation date for MP255" in logged
    november = folded(page(site, "releases/2019-11").find("article").get_text())
    assert ("Due 26 September 2019 under the go-live then in force (7 November 2019); 18 October 2019 under the "
            "current one.") in november
    assert "from 7 November 2019 to 29 November 2019" in november


def test_the_api_carries_the_dated_history(site):
    releases = {r["id"]: r for r in json.loads((site / "api/releases.json").read_text(encoding="utf-8"))["releases"]}
    mods = {m["id"]: m for m in json.loads((site / "api/modifications.json").read_text(encoding="utf-8"))["modifications"]}
    assert releases["2019-11"]["history"]["plans"] == [
        {"since": None, "go_live": "2019-11-07", "type": "system"},
        {"since": "2019-10-04", "go_live": "2019-11-29", "type": "system"},
    ]
    evidence = releases["2019-11"]["milestones"]["go-live-evidence"]
    assert (evidence["due"], evidence["passed_under"]["go_live"], evidence["now_due"]) == ("2019-09-26", "2019-11-07", "2019-10-18")

    def release_of(mod_id: str, day: str) -> tuple[str, str]:
        """MP255's release and go-live as they stood on ``day``, rebuilt from the JSON alone."""
        move = [m for m in mods[mod_id]["history"]["moves"] if m["since"] <= day][-1]
        plans = [p for p in releases[move["release"]]["history"]["plans"] if (p["since"] or "") <= day]
        return move["release"], plans[-1]["go_live"]

    assert release_of("MP255", "2026-01-01") == ("2026-06", "2026-06-25")
    assert release_of("MP255", "2026-06-01") == ("2027-06", "2027-06-24")
    june = [(c["date"], c["subject"], c["kind"]) for c in releases["2026-06"]["history"]["changes"]]
    assert ("2026-03-12", "MP255", "date-revised") in june and ("2025-04-11", "MP255", "entered") in june
    assert all(c["date"] <= "2026-11-26" for r in releases.values() for c in r["history"]["changes"])


# --- wording of every kind, from hand-written facts ---------------------------------------------------

D = date(2026, 10, 1)
WORDED = {
    ChangeKind.RELEASE_RECORDED: (Change(D, "2027-06", Subject.RELEASE, ChangeKind.RELEASE_RECORDED, release="2027-06",
                                         release_name="June 2027 SEC Release", when=date(2027, 6, 24), release_type="system"),
                                  "The Panel set up the June 2027 SEC Release, an ad hoc System Release going live on 24 June 2027."),
    ChangeKind.TYPE_CHANGED: (Change(D, "2027-06", Subject.RELEASE, ChangeKind.TYPE_CHANGED, release="2027-06",
                                     release_name="June 2027 SEC Release", release_type="documentation", previous_type="system"),
                              "The June 2027 SEC Release is now a Documentation Release; it was a System Release (policy 3.1). "
                              "A Documentation Release has no systems scope cut-off and no Testing Approach Document dates; "
                              "those that had already passed stay on record."),
    ChangeKind.TESTING_REVISED: (Change(D, "2027-06", Subject.RELEASE, ChangeKind.TESTING_REVISED, release="2027-06",
                                        release_name="June 2027 SEC Release", phase="SIT",
                                        period=(date(2027, 1, 18), date(2027, 4, 9)), previous_period=(date(2027, 1, 11), date(2027, 4, 1))),
                                 "The SIT testing phase of the June 2027 SEC Release now runs from 18 January 2027 to 9 April 2027, "
                                 "instead of 11 January 2027 to 1 April 2027."),
    ChangeKind.NO_GO: (Change(D, "2027-06", Subject.RELEASE, ChangeKind.NO_GO, release="2027-06",
                              release_name="June 2027 SEC Release", when=date(2027, 6, 24), reason="Open defect"),
                       "The go-live decision for the June 2027 SEC Release, due to go live on 24 June 2027, was no-go: "
                       "it goes live only once a new date is approved (policy 8). Note: Open defect."),
    ChangeKind.CANCELLED: (Change(D, "2027-06", Subject.RELEASE, ChangeKind.CANCELLED, release="2027-06",
                                  release_name="June 2027 SEC Release", when=date(2027, 6, 24), reason="Not needed",
                                  scope=("MP100", "MP210", "MP211")),
                           "The June 2027 SEC Release, which was to go live on 24 June 2027, was cancelled. Reason: Not needed. "
                           "In its scope on that day, now awaiting a new implementation date: MP100, MP210 and MP211."),
    ChangeKind.REJECTED: (Change(D, "MP100", Subject.MODIFICATION, ChangeKind.REJECTED, by="authority",
                                 previous_release="2027-06", previous_name="June 2027 SEC Release"),
                          "The Authority rejected MP100 'Improve something', so it left the scope of the June 2027 SEC Release."),
    ChangeKind.AWAITING: (Change(D, "MP100", Subject.MODIFICATION, ChangeKind.AWAITING, previous_release="2027-06",
                                 previous_name="June 2027 SEC Release", decision_by=date(2026, 9, 30), awaiting=True),
                          "No decision on MP100 'Improve something' came by 30 September 2026, its last decision-by date: "
                          "it left the June 2027 SEC Release and awaits a new implementation date (policy 4.2)."),
    ChangeKind.FREEZE_DECIDED: (Change(D, "2026-christmas", Subject.FREEZE, ChangeKind.FREEZE_DECIDED,
                                       period=(date(2026, 12, 21), date(2027, 1, 4)), reason="Year end"),
                                "The Panel decided a change freeze from 21 December 2026 to 4 January 2027: no modification "
                                "may be implemented on those days. Reason: Year end."),
}


def test_every_kind_has_a_label_and_words(data):
    schedule, _, _ = small_site(data)
    assert set(views.CHANGE_LABELS) == set(ChangeKind)
    for kind, (change, expected) in WORDED.items():
        view = views.change_view(change, schedule)
        assert view.text == expected, kind
        assert not RULE_ID.search(view.text)
    freeze = views.change_view(WORDED[ChangeKind.FREEZE_DECIDED][0], schedule)
    assert (freeze.url, [url for _, url in freeze.parts if url]) == ("how-releases-work/", ["how-releases-work/"])
    rejected = views.change_view(WORDED[ChangeKind.REJECTED][0], schedule)
    assert [url for _, url in rejected.parts if url] == ["modifications/mp100/", "releases/2027-06/"]
