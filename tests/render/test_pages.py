"""Pages as PageRenderer writes them (no MkDocs build): front matter from data escaped, links between
pages relative in both URL styles, and what a reader sees of a modification, a release and the register.

Dates worked out by hand (cal 2026, cal 2027, data/calendar.yml):
- June 2027 go-live: last Thursday of June 2027, 24 June 2027; its documentation cut-off 6 months
  before, Thursday 24 December 2026, is a non-working day in data/calendar.yml: Wednesday 23 December.
- MP100 (conftest): June 2027 if approved by 1 December 2026.
"""

from __future__ import annotations

from datetime import date

import yaml
from bs4 import BeautifulSoup

from conftest import SETTINGS, VALID_MODIFICATION, VALID_RELEASE, decision, modification, options
from secsite.checks import load
from secsite.history.schedule import Settings
from secsite.render.links import Links, page_url
from secsite.render.pages import PageRenderer
from secsite.views import published_notices, register_rows

SITE = "https://sec-releases.example.org/"


def _renderer(data_root, today=SETTINGS.today, links=None):
    checked = load(data_root, Settings(today=today))
    notices = published_notices(checked.catalogue, checked.schedule)
    return checked.schedule, PageRenderer(checked.schedule, notices, SITE, links=links)


def _front_matter(page: str) -> dict:
    assert page.startswith("---\n")
    head, _, _ = page[4:].partition("\n---\n")
    return yaml.safe_load(head)


def _body(page: str) -> BeautifulSoup:
    return BeautifulSoup(page[4:].partition("\n---\n")[2], "html.parser")


def test_a_renamed_modification_lists_its_earlier_titles_escaped(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace(
        "title: Improve something",
        "title: Improve something\ntitle_changes:\n  - date: 2026-03-02\n    previous_title: '<b>Old</b> & name'"))
    schedule, pages = _renderer(data.root)
    facts = _body(pages.modification(schedule.modifications["MP100"])).find("dl", class_="sec-facts")
    term = next(dt for dt in facts.find_all("dt") if dt.get_text() == "Earlier title")
    assert term.find_next_sibling("dd").get_text() == "<b>Old</b> & name (renamed on 2 March 2026)"
    assert facts.find("b") is None  # shown as text, never as markup


# --- front matter -----------------------------------------------------------------------------

HOSTILE_TITLE = """<script>alert("x")</script> & 'quoted': title"""


def test_a_title_with_markup_and_quotes_is_escaped_in_the_front_matter(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace(
        "title: Improve something", "title: " + yaml.safe_dump(HOSTILE_TITLE).strip().removesuffix("...").strip()))
    schedule, pages = _renderer(data.root)
    assert schedule.modifications["MP100"].mod.title == HOSTILE_TITLE  # the data as written
    page = pages.modification(schedule.modifications["MP100"])
    meta = _front_matter(page)
    # MkDocs' theme prints these unescaped: they must arrive already HTML-escaped.
    assert meta["title"] == "MP100: &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quoted&#39;: title"
    assert meta["description"] == (
        "Modification MP100 of the Smart Energy Code: "
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quoted&#39;: title")
    assert "<script" not in page


def test_a_bundled_modification_page_has_its_id_and_title_as_front_matter():
    schedule, pages = _renderer("data", date(2026, 11, 26))
    meta = _front_matter(pages.modification(schedule.modifications["MP276"]))
    assert meta == {
        "title": "MP276: Exporting consumption data for a group of meters in one request",
        "description": "Modification MP276 of the Smart Energy Code: Exporting consumption data for a group of meters in one request",
    }


# --- a modification page ----------------------------------------------------------------------


def _facts(soup: BeautifulSoup) -> dict[str, str]:
    dl = soup.find("dl", class_="sec-facts")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in dl.find_all("dt")}


def test_a_rejected_modification_says_it_will_not_be_implemented():
    schedule, pages = _renderer("data", date(2026, 11, 26))
    soup = _body(pages.modification(schedule.modifications["MP122A"]))
    facts = _facts(soup)
    # data/modifications/MP122A.yml: rejected by the Authority on 17 September 2020, no dates set.
    assert facts["Implementation date"] == "Rejected by the Authority on 17 September 2020: not implemented"
    assert facts["Decision"] == "Rejected by the Authority on 17 September 2020"
    heading = soup.find("h2", string="Implementation date") or next(
        h for h in soup.find_all(string=True) if h.strip() == "## Implementation date")
    text = heading.find_next("p").get_text(" ", strip=True)
    assert text == "Rejected by the Authority on 17 September 2020: not implemented."
    # Its original, MP122, is linked from the page.
    assert [(a["href"], a.get_text()) for a in soup.find_all("a") if a.get_text() == "MP122"] == [
        ("../../modifications/mp122/", "MP122")]


def test_a_rejected_modification_with_dates_set_says_they_no_longer_apply(data):
    data.write("modifications/MP300.yml", modification(
        "MP300", options(("2027-06", "2026-12-01")) + decision("2026-11-10", "rejected"), stage="rejected"))
    schedule, pages = _renderer(data.root)
    page = pages.modification(schedule.modifications["MP300"])
    assert ("<p>Rejected by the Authority on 10 November 2026: not implemented. "
            "The dates the Panel had set no longer apply.</p>") in page
    assert "(applies)" not in page


def test_a_targeted_modification_lists_its_options_with_the_one_that_applies(data):
    schedule, pages = _renderer(data.root)
    soup = _body(pages.modification(schedule.modifications["MP100"]))
    assert _facts(soup)["Implementation date"] == "Targeted for 24 June 2027 (June 2027 SEC Release)"
    options_list = [li.get_text(" ", strip=True) for li in soup.find("ul", class_="sec-options").find_all("li")]
    # November 2027 has no data file for its date: the first Thursday of November 2027, 4 November.
    assert options_list == [
        "24 June 2027 (June 2027 SEC Release) if a decision to approve is received on or before 1 December 2026 (applies)",
        "4 November 2027 (November 2027 SEC Release) if a decision to approve is received after 1 December 2026, "
        "but on or before 1 March 2027",
    ]


# --- links between pages ----------------------------------------------------------------------

FLAT_PAGES = ["modifications/mp100.md", "modifications/index.md", "releases/2027-06.md", "releases/index.md",
              "glossary.md", "subscribe.md", "index.md"]


def _flat_links() -> Links:
    """The URLs MkDocs gives the pages with ``use_directory_urls: false``."""
    urls = {}
    for src in FLAT_PAGES:
        url = page_url(src, directory_urls=False)
        path = src.removesuffix(".md")
        path = "" if path == "index" else path.removesuffix("index") if path.endswith("/index") else path + "/"
        urls[path] = url
    assert urls["modifications/mp100/"] == "modifications/mp100.html"  # as MkDocs names it
    assert urls["modifications/"] == "modifications/index.html"
    return Links(urls)


def _hrefs(soup: BeautifulSoup, text: str) -> list[str]:
    return [a["href"] for a in soup.find_all("a") if a.get_text(strip=True) == text]


def test_a_modification_page_links_to_its_release_in_both_url_styles(data):
    schedule, pages = _renderer(data.root)
    soup = _body(pages.modification(schedule.modifications["MP100"]))
    assert _hrefs(soup, "June 2027 SEC Release") == ["../../releases/2027-06/"]
    assert _hrefs(soup, "what the labels mean") == ["../../glossary/#labels"]

    schedule, pages = _renderer(data.root, links=_flat_links())
    soup = _body(pages.modification(schedule.modifications["MP100"]))
    assert _hrefs(soup, "June 2027 SEC Release") == ["../releases/2027-06.html"]
    assert _hrefs(soup, "what the labels mean") == ["../glossary.html#labels"]


def test_a_release_page_links_to_its_modifications_in_both_url_styles(data):
    schedule, pages = _renderer(data.root)
    soup = _body(pages.release(schedule.releases["2027-06"]))
    assert set(_hrefs(soup, "MP100")) == {"../../modifications/mp100/"}
    assert _hrefs(soup, "how to subscribe") == ["../../subscribe/"]

    schedule, pages = _renderer(data.root, links=_flat_links())
    soup = _body(pages.release(schedule.releases["2027-06"]))
    assert set(_hrefs(soup, "MP100")) == {"../modifications/mp100.html"}
    assert _hrefs(soup, "how to subscribe") == ["../subscribe.html"]
    # Calendar subscriptions are absolute, on site_url.
    assert _hrefs(soup, "Download once") == ["https://sec-releases.example.org/releases/2027-06/calendar.ics"]
    assert _hrefs(soup, "Open in your calendar app") == ["webcal://sec-releases.example.org/releases/2027-06/calendar.ics"]
    # Both addresses also as text to copy (with a copy button), as on the Subscribe page.
    assert [c.get_text() for c in soup.select(".sec-copy code.sec-address")] == [
        "https://sec-releases.example.org/releases/2027-06/calendar.ics",
        "webcal://sec-releases.example.org/releases/2027-06/calendar.ics"]
    assert len(soup.select(".sec-copy button.sec-copy-button")) == 2


def test_the_register_links_each_row_to_its_page_in_both_url_styles(data):
    schedule, pages = _renderer(data.root)
    soup = _body(pages.register(register_rows(schedule)))
    assert _hrefs(soup, "MP100") == ["../modifications/mp100/"]
    assert _hrefs(soup, "June 2027 SEC Release") == ["../releases/2027-06/"]
    assert _hrefs(soup, "JSON") == ["../api/modifications.json"]

    schedule, pages = _renderer(data.root, links=_flat_links())
    soup = _body(pages.register(register_rows(schedule)))
    assert _hrefs(soup, "MP100") == ["../modifications/mp100.html"]
    assert _hrefs(soup, "June 2027 SEC Release") == ["../releases/2027-06.html"]


# --- a release page and the register, from the bundled data --------------------------------


def test_the_june_2027_release_page_shows_its_facts_and_scope():
    schedule, pages = _renderer("data", date(2026, 11, 26))
    page = pages.release(schedule.releases["2027-06"])
    assert _front_matter(page) == {
        "title": "June 2027 SEC Release",
        "description": "June 2027 SEC Release: go-live 24 June 2027, cut-off dates, scope and status",
    }
    soup = _body(page)
    facts = _facts(soup)
    assert facts["Go-live"] == "24 June 2027"
    assert facts["Next cut-off"] == "Scope cut-off for documentation-only changes: 23 December 2026"
    assert facts["Type"] == "SEC System Release, scheduled"
    # In scope (data/modifications): MP255 (moved in by the Authority), MP273, MP275, MP276.
    assert facts["Scope"].startswith("4 modifications; contains DCC System impacting changes")
    impacts = soup.find("th", string="User systems").find_parent("table")  # the impacts table
    assert [th.get_text(strip=True) for th in impacts.find_all("th", scope="row")] == ["MP255", "MP273", "MP275", "MP276"]


def test_the_cancelled_ad_hoc_release_page_says_so():
    schedule, pages = _renderer("data", date(2026, 11, 26))
    page = pages.release(schedule.releases["2027-02-mp293"])
    assert _front_matter(page)["title"] == "February 2027 SEC Release (ad hoc, 11 February)"
    soup = _body(page)
    assert _facts(soup)["Status"].startswith("Cancelled on 13 November 2026")
    assert _facts(soup)["Type"] == "SEC Documentation Release, ad hoc"
    warning = " ".join(soup.find("p", class_="sec-warning").get_text().split())
    assert warning.startswith("This release was cancelled on 13 November 2026.")
    assert warning.endswith("Its modifications await new implementation dates.")
    # Its go-live and the dates still ahead no longer hold: said beside them, not left as plain dates.
    assert _facts(soup)["Go-live"] == "11 February 2027 cancelled"
    key_dates = soup.find("th", string="Milestone").find_parent("table")
    actual = {tr.td.get_text(" ", strip=True): tr.find("td", attrs={"data-label": "Actual"}).get_text(" ", strip=True)
              for tr in key_dates.select("tbody tr")}
    assert actual == {"Scope cut-off for documentation-only changes": "11 September 2026",
                      "Go-live evidence to the Panel": "Cancelled", "Go-live": "Cancelled"}
    assert "every date in it is marked cancelled" in soup.find(class_="sec-subscribe").get_text()
    # The timeline (a drawing on wide screens, a list on phones) says so too.
    listed = [" ".join(li.get_text(" ").split()) for li in soup.select("ol.sec-timeline-list li")]
    assert listed == ["11 August 2026 Scope cut-off for documentation-only changes",
                      "30 December 2026 Go-live evidence to the Panel (cancelled)", "11 February 2027 Go-live (cancelled)"]
    assert "11 February 2027: Go-live (cancelled)" in soup.find("svg", class_="sec-timeline").get_text(" ")


def test_a_go_live_after_a_no_go_is_marked_postponed(data):
    data.write("releases/2027-06.yml", VALID_RELEASE + """\
go_live_decision:
  date: 2027-05-14
  outcome: no-go
""")
    schedule, pages = _renderer(data.root, date(2027, 5, 20))
    soup = _body(pages.release(schedule.releases["2027-06"]))
    assert _facts(soup)["Go-live"] == "24 June 2027 postponed"
    go_live = soup.find("td", string="Go-live").find_parent("tr")
    assert go_live.find("td", attrs={"data-label": "Actual"}).get_text(strip=True) == "Postponed"
    assert "24 June 2027: Go-live (postponed)" in soup.find("svg", class_="sec-timeline").get_text(" ")


def test_the_register_counts_and_marks_the_active_modifications():
    schedule, pages = _renderer("data", date(2026, 11, 26))
    soup = _body(pages.register(register_rows(schedule)))
    assert soup.find("p").get_text(" ", strip=True).startswith("35 modifications, 16 of them active")
    rows = {tr.find("td").get_text(strip=True): tr for tr in soup.find("table", id="sec-register").tbody.find_all("tr")}
    assert len(rows) == 35
    assert rows["MP122A"]["data-active"] == "no" and rows["MP291"]["data-active"] == "yes"
    assert rows["MP276"]["data-release"] == "2027-06"
    assert rows["MP276"]["data-impact-large-suppliers"] == "high"
    cells = {td["data-label"]: td.get_text(" ", strip=True) for td in rows["MP276"].find_all("td")}
    assert cells["Release"] == "June 2027 SEC Release (Targeted)"
    assert cells["Implementation date"] == "Targeted for 24 June 2027"
    assert cells["Party Categories"] == "Large Suppliers, Small Suppliers, Electricity Network Parties"
    assert cells["Next key date"] == "Decision needed by 10 December 2026, in 2 weeks"
