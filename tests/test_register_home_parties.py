"""The register's columns and default view, the home page's "Next" panel, the Subscribe page's
calendars and the page per Party Category, read from a real build of the example data as a reader
sees them. Built on 26 November 2026 (tests/sitebuild.py); the dates below are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from secsite.views import relative_day
from sitebuild import page, text

T = date(2026, 11, 26)
HOST = "sec-releases.example.org"
PARTIES = ["large-suppliers", "small-suppliers", "electricity-networks", "gas-networks", "other-parties"]


@pytest.mark.parametrize("day, words", [
    (date(2026, 11, 26), "today"),
    (date(2026, 11, 27), "tomorrow"),
    (date(2026, 12, 2), "in 6 days"),
    (date(2026, 12, 9), "in 13 days"),
    (date(2026, 12, 10), "in 2 weeks"),  # 14 days
    (date(2026, 12, 23), "in 3 weeks"),  # 27 days
    (date(2027, 1, 27), "in 8 weeks"),  # 62 days
    (date(2027, 1, 28), "in 2 months"),  # 63 days: from 9 weeks it counts months
    (date(2027, 2, 25), "in 2 months"),  # one day short of 3 months
    (date(2027, 2, 26), "in 3 months"),
    (date(2027, 6, 24), "in 6 months"),
    (date(2028, 11, 26), "in 2 years"),
    (date(2026, 11, 19), "7 days ago"),
])
def test_relative_day(day, words):
    assert relative_day(day, T) == words


def _register(site):
    soup = page(site, "modifications")
    headers = [" ".join(th.get_text(" ").split()) for th in soup.select("#sec-register thead th")]
    rows = {tr.find("a").get_text(): tr for tr in soup.select("#sec-register tbody tr")}
    return soup, headers, rows


def _cells(headers, tr) -> dict[str, str]:
    return {h: " ".join(td.get_text(" ").split()) for h, td in zip(headers, tr.find_all("td"))}


def test_register_shows_impact_level_proposer_and_each_fact_once(site):
    soup, headers, rows = _register(site)
    assert headers == ["Id", "Title", "Stage", "Route", "Release", "Implementation date", "DCC impact",
                       "Impact level", "Party Categories", "Next key date"]
    mp255 = _cells(headers, rows["MP255"])
    # Large and Small Suppliers medium, Other SEC Parties low: the highest is medium.
    assert mp255["Impact level"] == "Medium"
    assert rows["MP255"]["data-impact-large-suppliers"] == "medium"
    assert rows["MP255"]["data-impact-other-parties"] == "low"
    assert not rows["MP255"].has_attr("data-impact-gas-networks")
    assert mp255["Title"] == "Faster searches in the Self-Service Interface Proposed by Cobalt Metering Services"
    # The release is named once (in its column), the date once (in its column).
    assert mp255["Release"] == "June 2027 SEC Release"
    assert mp255["Implementation date"] == "24 June 2027"
    assert mp255["Next key date"] == "Implementation, in 6 months"  # 24 June 2027 from 26 November 2026
    mp273 = _cells(headers, rows["MP273"])
    assert mp273["Release"] == "June 2027 SEC Release (Targeted)"
    assert mp273["Implementation date"] == "Targeted for 24 June 2027"
    assert mp273["Next key date"] == "Decision needed by 9 December 2026, in 13 days"
    mp291 = _cells(headers, rows["MP291"])
    assert mp291["Next key date"] == "Implementation, in 6 days"  # 2 December 2026
    # Stage "Implemented" is not repeated as the release status.
    assert _cells(headers, rows["MP104"])["Release"] == "June 2021 SEC Release"
    # A cancelled release is named once: the implementation cell no longer repeats it.
    mp293 = _cells(headers, rows["MP293"])
    assert mp293["Implementation date"] == "Awaiting a new implementation date"
    assert mp293["Release"].endswith("(Release cancelled)")
    assert _cells(headers, rows["MP263"])["Impact level"] == "None"
    for mod_id, tr in rows.items():
        cells = _cells(headers, tr)
        if tr["data-release"]:
            assert cells["Release"].split(" (")[0] not in cells["Implementation date"], mod_id
        # Every cell is labelled for the phone's card layout.
        assert [td["data-label"] for td in tr.find_all("td")] == headers


def test_register_default_view_is_the_active_modifications_with_a_switch_to_all(site):
    soup, headers, rows = _register(site)
    closed = {m for m, tr in rows.items() if tr["data-active"] == "no"}
    assert {rows[m]["data-stage"] for m in closed} == {"implemented", "rejected", "withdrawn"}
    assert {"MP104", "MP122A", "MP236"} <= closed and not {"MP255", "MP212", "DP298", "MP293"} & closed
    show = soup.select_one("#sec-filters select[name=show]")
    assert [(o["value"], o.get_text()) for o in show.find_all("option")] == [
        ("", "Active modifications"), ("all", "All modifications")]
    assert f"{len(rows) - len(closed)} of them active" in text(soup)
    assert soup.select_one("#sec-register th[data-default-sort]").get_text() == "Next key date"
    assert soup.select_one("#sec-filters input[name=q]")["placeholder"] == "Id, title, proposer…"


def test_home_next_panel_names_the_next_go_live_its_modifications_and_the_next_cut_off(site):
    home = page(site, "")
    panel = " ".join(home.select_one(".sec-next").get_text(" ").split())
    # The ad hoc December 2026 release goes live on 2 December 2026, six days after the build date.
    assert "The next SEC Release to go live is the December 2026 SEC Release" in panel
    assert "2 December 2026 (in 6 days)" in panel
    assert "MP291 : Electronic signatures for Change Board votes" in panel
    # The next cut-off: June 2027's documentation cut-off, 6 months before 24 June 2027 (27 days away).
    assert "Next deadline: the documentation cut-off of the June 2027 SEC Release , 23 December 2026 (in 3 weeks)" in panel


def test_home_release_cards_name_their_modifications(site):
    home = page(site, "")
    cards = {c.find("h3").get_text(strip=True): c for c in home.select(".sec-card")}
    february = [a.get_text() for a in cards["February 2027 SEC Release"].select(".sec-card-mods a")]
    assert february == ["MP279", "MP284"]
    june = [a.get_text() for a in cards["June 2027 SEC Release"].select(".sec-card-mods a")]
    assert june == ["MP255", "MP273", "MP275", "MP276"]


def test_home_key_dates_include_the_change_freeze_as_it_stands(site):
    body = text(page(site, ""))
    # Decided 16 October 2026 for 21 December; brought forward on 13 November 2026 to 14 December.
    assert "14 December 2026 Change freeze starts, to 4 January 2027" in body
    assert "21 December 2026 Change freeze" not in body


def test_home_offers_a_page_per_party_category_remembered_by_a_script(site):
    home = page(site, "")
    links = home.select("#sec-parties a[data-party]")
    assert [a["href"] for a in links] == [f"parties/{slug}/" for slug in PARTIES]
    assert any(s.get("src", "").endswith("assets/secsite/parties.js") for s in home.find_all("script"))
    assert (site / "assets/secsite/parties.js").is_file()


def test_party_page_shows_what_impacts_it_with_levels_and_its_calendar(site):
    soup = page(site, "parties/large-suppliers")
    body = text(soup)
    assert soup.find("h1").get_text(strip=True) == "For Large Suppliers"
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    assert f"webcal://{HOST}/calendars/large-suppliers.ics" in hrefs
    assert f"https://{HOST}/calendars/large-suppliers.ics" in hrefs
    assert "June 2027 SEC Release 24 June 2027 High" in body
    assert "MP275 Adding a meter's configuration version to Service Responses (high impact)" in body
    assert "MP255 Faster searches in the Self-Service Interface (medium impact)" in body
    # Active modifications only: MP122 (implemented) impacts Large Suppliers but is not listed.
    table = soup.find("h2", id="active-modifications").find_next("table")
    listed = [tr.find("a").get_text() for tr in table.select("tbody tr")]
    assert "MP122" not in listed and "MP255" in listed and "MP212" in listed
    assert "9 December 2026 Decision needed by MP273" in body
    gas = text(page(site, "parties/gas-networks"))
    assert "MP255" not in gas and "MP292" in gas  # MP255 has no Gas Network impact; MP292 has


def test_subscribe_offers_every_calendar_as_webcal_and_https_with_copy_buttons(site):
    soup = page(site, "subscribe")
    body = text(soup)
    for path in ["calendar.ics"] + [f"calendars/{slug}.ics" for slug in PARTIES]:
        assert (site / path).is_file(), path
        hrefs = {a["href"] for a in soup.find_all("a", href=True)}
        assert f"webcal://{HOST}/{path}" in hrefs and f"https://{HOST}/{path}" in hrefs, path
        values = {c.get_text() for c in soup.select(".sec-copy code.sec-address")}
        assert f"https://{HOST}/{path}" in values and f"webcal://{HOST}/{path}" in values, path
    assert len(soup.select(".sec-copy button.sec-copy-button[hidden]")) == 12  # shown by copy.js
    assert "right-click" not in body.lower()
    assert "Choose one of these calendars, or your events will appear twice" in body
    assert "Google Calendar removes cancelled events" in body
    assert (site / "assets/secsite/copy.js").is_file()
