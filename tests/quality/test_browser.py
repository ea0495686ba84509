"""The site in a real browser: headless Chromium driven by playwright-core (tests/quality/browser.mjs).

Every page type, with the example data and with long real-world titles (the ``long_site`` fixture),
at 360, 768 and 1280 px (and 390 px, a common phone, for the screenshots): the layout fits (no
sideways scrolling of the page, no content running over its box, at 1280 px nothing scrolls
sideways at all, tables only inside their scroll box below that), tables are readable (cells of
14 px or more, dates on one line, money right-aligned), the timeline's labels are inside the
drawing, apart from each other and from every line, with month marks; axe-core (WCAG 2.1 A/AA and
best practices) has no serious or critical finding at any of the three widths; no console errors
and no request to another host. Also the Modifications Register's filter, URL state, sorting and
no-JavaScript behaviour (and its sort buttons on a phone), and a release page printed (A4 width, no
"Today" mark). One browser run serves every test; it writes full-page screenshots of
every page at 390 and 1280 px to SECSITE_ARTIFACTS (default tests/quality/artifacts/), which CI
uploads.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from sitebuild import page as built_page

from .conftest import LONG_PAGES
from .quality_tools import ARTIFACTS, HERE, TOOLS, run_node

pytestmark = pytest.mark.quality

HOME, REGISTER = "", "modifications/"
RELEASE, MODIFICATION = "releases/2027-06/", "modifications/mp255/"
NOTICE, SUBSCRIBE = "notices/mp255-date-revised-2026-03-12/", "subscribe/"
# The history: what changed, a release whose go-live moved after its cut-off, a cancelled one.
CHANGES, MOVED, CANCELLED = "changes/", "releases/2027-11/", "releases/2027-02-mp293/"
# The Party Categories and one Party's page (MP255, given a long title below, impacts it).
PARTIES, PARTY = "parties/", "parties/large-suppliers/"
GUIDES = ["how-releases-work/", "editing/", "editing/reference/", "glossary/"]
PAGES = [HOME, REGISTER, RELEASE, MODIFICATION, NOTICE, SUBSCRIBE, "releases/", "notices/", CHANGES, MOVED,
         CANCELLED, PARTIES, PARTY, *GUIDES]
# With long titles: the pages that show them, and the lists and home page that repeat them.
LONG = [HOME, REGISTER, "releases/", "notices/", CHANGES, PARTY, *LONG_PAGES.values()]
WIDTHS = [360, 768, 1280]
SHOT_WIDTHS = [390, 1280]
WIDE = 1280
PHONE = 768  # below this width the tables of .sec-stack show their rows as cards
BLOCKING = {"critical", "serious"}
EXAMPLE, LONG_TITLES = "example", "long-titles"
ALL = [(EXAMPLE, p) for p in PAGES] + [(LONG_TITLES, p) for p in LONG]


@pytest.fixture(scope="module")
def browser(browser_tools, site, server, long_site, long_server, tmp_path_factory) -> dict:
    node, chromium = browser_tools
    for root, pages in ((site, PAGES), (long_site, LONG)):
        for page in pages:
            assert (root / page / "index.html").is_file(), f"the example site has no /{page} any more: pick another page"
    tmp = tmp_path_factory.mktemp("browser")
    job = {"base": server, "register": REGISTER, "print": RELEASE, "chromium": chromium, "tools": str(TOOLS),
           "shots": str(ARTIFACTS), "widths": WIDTHS, "shot_widths": SHOT_WIDTHS,
           "sites": [{"name": EXAMPLE, "base": server, "pages": PAGES, "axe": True},
                     {"name": LONG_TITLES, "base": long_server, "pages": LONG, "axe": False}]}
    started = time.monotonic()
    result = run_node(node, HERE / "browser.mjs", job, tmp, timeout=900)
    result["seconds"] = round(time.monotonic() - started, 1)
    return result


def label(item) -> str:
    site, page = item if isinstance(item, tuple) else (EXAMPLE, item)
    return f"{site}:/{page}"


def entry(browser, site, page) -> dict:
    return browser["pages"][f"{site}:{page}"]


@pytest.mark.parametrize("page", PAGES, ids=label)
def test_no_serious_accessibility_violations(browser, page, screenshots):
    result = entry(browser, EXAMPLE, page)
    screenshots += result["screenshots"]
    assert sorted(int(w) for w, r in result["widths"].items() if "axe" in r) == WIDTHS
    problems = [
        f"{width} px: {v['impact']} {v['id']} ({v['help']}), {v['count']} element(s): "
        + "; ".join(f"{n['target']}: {n['summary']}" for n in v["nodes"])
        for width, r in result["widths"].items() if "axe" in r
        for v in r["axe"] if v["impact"] in BLOCKING
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("item", ALL, ids=label)
def test_no_console_errors_and_no_other_hosts(browser, item, screenshots):
    result = entry(browser, *item)
    screenshots += result["screenshots"]
    assert result["status"] == 200
    for width, r in result["widths"].items():
        assert (width, r["console"], r["external"]) == (width, [], [])


@pytest.mark.parametrize("item", ALL, ids=label)
def test_layout_fits_every_width(browser, item, screenshots):
    """No page wider than the screen, nothing over its box; below 1280 px only tables scroll (inside
    their own box), at 1280 px nothing does (the register and the timeline included). On a phone the
    tables shown as cards (a Party's tables, the home and release key dates) do not scroll either:
    a scrolled table there cut its last column to a few letters and hid what each date is for."""
    result = entry(browser, *item)
    screenshots += result["screenshots"]
    problems = []
    for width, r in result["widths"].items():
        lay = r["layout"]
        if lay["excess"] > 0:
            problems.append(f"{width} px: the page is {lay['excess']} px wider than the screen")
        problems += [f"{width} px: past the right edge: {w}" for w in lay["wide"]]
        problems += [f"{width} px: content wider than its box ({s['scroll']} > {s['client']} px, overflow {s['overflow']}): {s['el']}"
                     for s in lay["spills"]]
        problems += [f"{width} px: scrolls sideways ({s['scroll']} > {s['client']} px): {s['el']}"
                     for s in lay["scrollers"] if int(width) >= WIDE or not s["table"] or (int(width) < PHONE and s["stack"])]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("item", ALL, ids=label)
def test_tables_are_readable(browser, item, screenshots):
    """Table text of 14 px or more, a date or a word never broken over lines, money right-aligned."""
    result = entry(browser, *item)
    screenshots += result["screenshots"]
    problems = []
    for width, r in result["widths"].items():
        lay = r["layout"]
        problems += [f"{width} px: small text: {s}" for s in lay["small_text"]]
        problems += [f"{width} px: date over two lines: {s}" for s in lay["wrapped_dates"]]
        problems += [f"{width} px: word broken over two lines: {s}" for s in lay["broken_words"]]
        problems += [f"{width} px: money aligned {a}" for a in lay["num_align"] if a not in ("right", "end")]
    assert not problems, "\n".join(problems)


def test_the_release_page_has_what_the_table_checks_look_at(browser):
    """The checks above would pass vacuously on a page without money or dates in tables (on a phone
    the costs are cards, with no column of figures to align)."""
    for width, r in entry(browser, EXAMPLE, RELEASE)["widths"].items():
        assert r["layout"]["num_align"] or int(width) < 768, width


TIMELINE_PAGES = [(EXAMPLE, RELEASE), (EXAMPLE, MOVED), (EXAMPLE, CANCELLED), (LONG_TITLES, LONG_PAGES["release"])]


@pytest.mark.parametrize("item", TIMELINE_PAGES, ids=label)
def test_timeline_is_readable_at_every_width(browser, item, screenshots):
    """On a wide screen the SVG: every label inside the drawing, none over another or crossed by a
    line, 11 px or more as drawn, month marks; on a phone the list of dates instead."""
    result = entry(browser, *item)
    screenshots += result["screenshots"]
    problems = []
    for width, r in result["widths"].items():
        timelines = r["layout"]["timelines"]
        assert timelines, f"{width} px: no timeline"
        for t in timelines:
            if int(width) >= 768:
                assert not t["hidden"], f"{width} px: the timeline drawing is hidden"
                assert not r["layout"]["timeline_list"], f"{width} px: the dates show twice, as a drawing and a list"
            if t["hidden"]:
                assert r["layout"]["timeline_list"], f"{width} px: neither the drawing nor the list of dates shows"
                continue
            problems += [f"{width} px: cut: {c}" for c in t["cut"]]
            problems += [f"{width} px: labels overlap: {c}" for c in t["overlaps"]]
            problems += [f"{width} px: {c}" for c in t["crossed"]]
            if t["min_px"] < 11:
                problems.append(f"{width} px: labels drawn at {t['min_px']:.1f} px")
            if t["months"] < 2:
                problems.append(f"{width} px: {t['months']} month marks")
    assert not problems, "\n".join(problems)


def test_screenshots_of_every_page_at_phone_and_desktop_width(browser):
    for site, page in ALL:
        shots = entry(browser, site, page)["screenshots"]
        assert len(shots) == len(SHOT_WIDTHS), (site, page, shots)
        for shot in shots:
            assert shot.startswith(str(ARTIFACTS)) and (ARTIFACTS / shot.rsplit("/", 1)[1]).stat().st_size > 5000
    print(f"browser run: {len(ALL)} pages at {len(set(WIDTHS + SHOT_WIDTHS))} widths in {browser['seconds']} s")


@pytest.mark.parametrize("page", [HOME, RELEASE, CANCELLED, PARTY], ids=label)
def test_phone_tables_show_rows_as_cards(site, page):
    """The tables that squeezed or scrolled on a phone are marked for cards, every cell after the
    first labelled (the first is the card's title; the layout test above checks in Chromium that
    they do not scroll)."""
    soup = built_page(site, page)
    tables = soup.select(".sec-stack table")
    assert tables, "no table shown as cards"
    for table in tables:
        for row in table.select("tbody tr"):
            cells = row.find_all("td")
            assert all(td.get("data-label") for td in cells[1:]), row


def test_printed_release_page_fits_a4_without_the_today_mark(browser, screenshots):
    """The release page printed: the timeline's "Today" mark (stale on paper) is hidden, and nothing
    is wider than an A4 page."""
    result = browser["print"]
    assert "error" not in result, result.get("error")
    screenshots += result["screenshots"]
    assert result["today_on_screen"] > 0, "the page has no Today mark to hide: pick another release"
    assert result["today_printed"] == 0
    lay = result["layout"]
    assert lay["excess"] <= 0, f"{lay['excess']} px wider than the page"
    assert lay["wide"] == [] and lay["spills"] == [] and lay["scrollers"] == []
    assert result["console"] == [] and result["external"] == []


@pytest.fixture(scope="module")
def register(browser) -> dict:
    result = browser["register"]
    assert "error" not in result, result.get("error")
    return result


def test_register_filters_by_stage_and_keeps_it_in_the_url(register, screenshots):
    screenshots += register["screenshots"]
    assert register["form_visible"]
    assert 0 < register["expected"] < register["total"]
    assert register["visible"] == register["expected"]
    assert register["visible_stages"] == [register["stage"]]
    assert register["count_text"] == f"{register['expected']} of {register['total']} shown"
    assert parse_qs(urlsplit(register["url"]).query) == {"stage": [register["stage"]]}


def test_register_filter_survives_a_reload(register, screenshots):
    screenshots += register["screenshots"]
    assert register["restored"] == {"value": register["stage"], "visible": register["expected"]}


def test_register_sorts_by_a_column_header(register, screenshots):
    screenshots += register["screenshots"]
    titles = register["titles_before"]
    assert 0 < len(titles) == register["shown_before_sort"]
    # register.js compares with localeCompare("en", {numeric: true}): case-insensitive for words.
    expected = sorted(titles, key=lambda t: t.casefold())
    assert register["titles_asc"] != titles, "clicking the header changed nothing"
    assert [t.casefold() for t in register["titles_asc"]] == [t.casefold() for t in expected]
    assert register["titles_desc"] == register["titles_asc"][::-1]
    assert (register["aria_sort_asc"], register["aria_sort_desc"]) == ("ascending", "descending")
    assert parse_qs(urlsplit(register["url_sorted"]).query) == {"sort": ["1"], "dir": ["asc"]}
    dates = [d for d in register["dates_asc"] if d]
    assert dates and dates == sorted(dates)
    assert register["dates_after_reload"] == register["dates_asc"]
    assert register["sort_focusable"], "the sort buttons take the keyboard focus"
    assert register["console"] == [] and register["external"] == []


def test_register_sort_buttons_read_as_sort_controls_on_a_phone(browser):
    """On a phone the column headers sit above the cards as a row of sort buttons: labelled
    "Sort by", each drawn as a button, not an unlabelled row of words."""
    result = browser["register_phone"]
    assert "error" not in result, result.get("error")
    assert result["label"] == '"Sort by:"'
    assert result["buttons"] == result["bordered"] == 10
    assert result["console"] == [] and result["external"] == []


def test_register_works_without_javascript(browser, screenshots):
    result = browser["nojs"]
    assert "error" not in result, result.get("error")
    screenshots += result["screenshots"]
    assert result["total"] > 0 and result["visible"] == result["total"]
    assert not result["form_visible"], "the filter form needs JavaScript: hidden without it"
    assert result["followed"].endswith(f"/modifications/{result['link_text'].lower()}/")
    assert result["followed_h1"].startswith(f"{result['link_text']}:")
    assert result["release_followed"].rstrip("/").split("/")[-2] == "releases"
    assert result["release_h1"] == result["release_text"]
    assert result["console"] == [] and result["external"] == []
