"""The site in a real browser: headless Chromium driven by playwright-core (tests/quality/browser.mjs).

axe-core (WCAG 2.1 A/AA and best practices) on the key pages at desktop and phone widths, no
console errors, no request to another host, no sideways scrolling on a phone, and the
Modifications Register's filter, URL state, sorting and no-JavaScript behaviour. One browser run
serves every test; a failing test keeps screenshots of its pages (SECSITE_ARTIFACTS, default
tests/quality/artifacts/).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .quality_tools import HERE, TOOLS, run_node, save_artifacts

pytestmark = pytest.mark.quality

HOME, REGISTER = "", "modifications/"
RELEASE, MODIFICATION = "releases/2027-06/", "modifications/mp255/"
NOTICE, SUBSCRIBE = "notices/mp255-date-revised-2026-03-12/", "subscribe/"
# The history: what changed, a release whose go-live moved after its cut-off, a cancelled one.
CHANGES, MOVED, CANCELLED = "changes/", "releases/2027-11/", "releases/2027-02-mp293/"
PAGES = [HOME, REGISTER, RELEASE, MODIFICATION, NOTICE, SUBSCRIBE, "releases/", "notices/", CHANGES, MOVED, CANCELLED]
BLOCKING = {"critical", "serious"}


@pytest.fixture(scope="module")
def browser(browser_tools, site, server, tmp_path_factory) -> dict:
    node, chromium = browser_tools
    for page in PAGES:
        assert (site / page / "index.html").is_file(), f"the example site has no /{page} any more: pick another page"
    tmp = tmp_path_factory.mktemp("browser")
    job = {"base": server, "pages": PAGES, "register": REGISTER, "chromium": chromium,
           "tools": str(TOOLS), "shots": str(tmp / "shots"), "phone_width": 390}
    try:
        return run_node(node, HERE / "browser.mjs", job, tmp, timeout=600)
    except BaseException:  # the run itself broke: keep whatever it saw
        save_artifacts(sorted((tmp / "shots").glob("*.png")))
        raise


def label(page: str) -> str:
    return "/" + page


@pytest.mark.parametrize("page", PAGES, ids=label)
def test_no_serious_accessibility_violations(browser, page, screenshots):
    result = browser["pages"][page]
    screenshots += result["screenshots"]
    problems = [
        f"{width}: {v['impact']} {v['id']} ({v['help']}), {v['count']} element(s): "
        + "; ".join(f"{n['target']}: {n['summary']}" for n in v["nodes"])
        for width, violations in (("desktop", result["axe"]), ("phone", result["phone"]["axe"]))
        for v in violations if v["impact"] in BLOCKING
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=label)
def test_no_console_errors_and_no_other_hosts(browser, page, screenshots):
    result = browser["pages"][page]
    screenshots += result["screenshots"]
    assert result["status"] == 200
    assert result["console"] == [] and result["phone"]["console"] == []
    assert result["external"] == [] and result["phone"]["external"] == []


@pytest.mark.parametrize("page", PAGES, ids=label)
def test_no_sideways_scrolling_on_a_phone(browser, page, screenshots):
    """Wide tables and the timeline scroll inside their own box, never the whole page."""
    result = browser["pages"][page]
    screenshots += result["screenshots"]
    overflow = result["phone"]["overflow"]
    assert overflow["excess"] <= 0 and overflow["wide"] == [], overflow


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
    assert len(titles) == register["total"]
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
