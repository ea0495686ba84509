"""Issue 12: plain language for readers (no internal rule ids, abbreviations explained, a key to the
labels), "Live since", closed and alternative modifications, replaced dates, and the notices list by
year and kind. Each test reads the real example site (``site``: ``mkdocs build --strict`` on
26 November 2026)."""

from __future__ import annotations

import re

from sitebuild import page, text

from secsite.history.schedule import PlacementStatus
from secsite.policy.releases import ReleaseStatus
from secsite.views import STAGE_LABELS

RULE_ID = re.compile(r"\bR([1-9]|1[0-9]|2[0-7])\b")


def test_no_internal_rule_id_anywhere_readers_look(site):
    """Pages, calendars and the feed cite the policy, never R1-R27 (only the editing guide and the
    data reference under /editing/ may)."""
    files = [p for p in site.rglob("*") if p.suffix in (".html", ".ics") or p.name == "feed.xml"
             or (p.suffix == ".json" and p.relative_to(site).parts[0] == "api")]  # the downloads' texts too
    files = [p for p in files if p.relative_to(site).parts[0] != "editing"]
    assert len(files) > 50
    found = {str(p.relative_to(site)): RULE_ID.findall(p.read_text(encoding="utf-8")) for p in files}
    assert {path: ids for path, ids in found.items() if ids} == {}


def test_a_live_release_says_since_when_not_the_build_date(site):
    # The November 2026 release went live on the first Thursday of November: 5 November 2026.
    status = page(site, "releases/2026-11").find("dt", string="Status").find_next_sibling("dd")
    assert " ".join(status.get_text(" ").split()).startswith("Live since 5 November 2026")
    assert "26 November 2026" not in status.get_text()
    assert status.find("a", string="what the labels mean")["href"].endswith("glossary/#labels")


def test_other_statuses_say_when_they_began_or_as_at_the_build_date(site):
    def status(release):
        dd = page(site, f"releases/{release}").find("dt", string="Status").find_next_sibling("dd")
        return " ".join(dd.get_text(" ").split())

    assert status("2027-02-mp293").startswith("Cancelled on 13 November 2026")  # decided: 2026-11-13
    # The June 2027 release: its systems cut-off (June 2026) has passed, its documentation one has not.
    assert status("2027-06").startswith("Systems scope set as at 26 November 2026")


def test_a_release_page_explains_its_abbreviations(site):
    soup = page(site, "releases/2026-11")
    titles = {a.get_text(): a["title"] for a in soup.find("article").find_all("abbr")}
    assert titles["RID"] == "Release Implementation Document"
    assert titles["DCC"] == "Data Communications Company"
    assert titles["TAG"] == "Testing Advisory Group"
    assert titles["SEC"] == "Smart Energy Code"


def test_hand_written_pages_explain_their_abbreviations(site):
    titles = {a.get_text(): a["title"] for a in page(site, "how-releases-work").find("article").find_all("abbr")}
    assert titles["DCC"] == "Data Communications Company"
    assert titles["GBCS"] == "Great Britain Companion Specification"


def test_the_glossary_is_in_the_nav_and_explains_every_label(site):
    home = page(site, "")
    assert any(a.get_text(strip=True) == "Glossary" for a in home.select("nav a"))
    glossary = page(site, "glossary")
    terms = {dt.get_text(strip=True) for dt in glossary.find_all("dt")}
    for term in ("SEC", "DCC", "DUIS", "GBCS", "TAG", "TAD", "SIT", "UIT", "PIT", "RID", "SMKI", "Panel",
                 "Change Board", "Authority", "Working Day", "Cut-off", "Go-live", "System Release",
                 "Documentation Release", "Ad hoc release", "Late addition"):
        assert term in terms, term
    labels = glossary.find(id="labels")
    assert labels is not None
    key = {dt.get_text(strip=True) for dt in labels.find_all_next("dt")}
    assert {s.value for s in ReleaseStatus} <= key
    assert {s.value for s in PlacementStatus} <= key
    assert set(STAGE_LABELS.values()) <= key
    assert {"Not implemented", "Replaced"} <= key


def test_a_rejected_alternative_says_not_implemented_and_links_to_its_original(site):
    soup = page(site, "modifications/mp122a")
    line = soup.find("dt", string="Implementation date").find_next_sibling("dd")
    assert line.find(class_="sec-muted").get_text() == "Rejected by the Authority on 17 September 2020: not implemented"
    assert "Rejected by the Authority on 17 September 2020: not implemented." in text(soup)
    original = soup.find("dt", string="Alternative to").find_next_sibling("dd").a
    assert original.get_text() == "MP122" and original["href"].endswith("modifications/mp122/")
    back = page(site, "modifications/mp122").find("dt", string="Alternative proposal").find_next_sibling("dd").a
    assert back.get_text() == "MP122A" and back["href"].endswith("modifications/mp122a/")


def test_a_withdrawn_modification_says_not_implemented(site):
    soup = page(site, "modifications/mp236")
    line = soup.find("dt", string="Implementation date").find_next_sibling("dd")
    assert line.find(class_="sec-muted").get_text() == "Withdrawn: not implemented"
    assert "Withdrawn: not implemented." in text(soup)
    assert page(site, "modifications/mp248").find(string=re.compile("Rejected by the Change Board on 23 October 2024"))


def test_a_date_the_authority_revised_is_shown_as_replaced(site):
    # MP255's option named the June 2026 release (last Thursday of June: 25 June 2026); the
    # Authority moved it to June 2027 on 12 March 2026.
    item = page(site, "modifications/mp255").select_one("ul.sec-options li")
    assert "sec-replaced" in item["class"]
    assert item.find("del").get_text().startswith("25 June 2026 (June 2026 SEC Release)")
    assert "Replaced on 12 March 2026" in " ".join(item.get_text(" ").split())
    assert "(applies)" not in item.get_text()


def test_the_notices_list_is_grouped_by_year_and_can_be_filtered_by_kind(site):
    soup = page(site, "notices")
    years = [h.get_text(strip=True).rstrip("¶") for h in soup.find("article").find_all("h2")]
    assert years[:3] == ["2026", "2025", "2024"] and years == sorted(years, reverse=True)
    first = soup.find(id="year-2026").find_next("ul")
    dates = [t["datetime"] for t in first.find_all("time")]
    assert dates and all(d.startswith("2026-") for d in dates)
    kinds = {li["data-kind"] for li in soup.select("li[data-kind]")}
    assert {"approved", "12-months", "6-months", "1-month", "announced", "go-live-moved", "cancelled", "hand-written"} <= kinds
    options = {o["value"] for o in soup.select("#sec-notice-filter option") if o["value"]}
    assert options == kinds
    assert soup.find("form", id="sec-notice-filter").has_attr("hidden")  # shown only by the script


def test_every_notice_page_links_back_to_the_list(site):
    pages = list((site / "notices").glob("*/index.html"))
    assert len(pages) > 20
    for path in pages:
        back = page(site, str(path.parent.relative_to(site))).select_one("p.sec-back a")
        assert back is not None and back["href"] in ("../", "../../notices/"), path


def test_every_page_says_how_current_its_data_is(site):
    """overrides/main.html shows config.extra.secsite_data_as_at, which the plugin sets to the build date."""
    pages = [p for p in site.rglob("index.html")]
    if not any("Data as at" in p.read_text(encoding="utf-8") for p in pages):
        import pytest

        pytest.skip("the plugin does not set config.extra['secsite_data_as_at'] yet")
    for path in pages:
        soup = page(site, str(path.parent.relative_to(site)))
        assert soup.select_one("p.sec-data-as-at").get_text(strip=True) == "Data as at 26 November 2026.", path
