"""The bundled site built with ``use_directory_urls: false`` works for a reader (issue 13).

Pages are then files such as ``releases/2027-06.html``, so the site can be opened from a folder or a
plain file server. Every internal link of every page must name a file of the build, followed from
the page's own location, and the feed, calendars and JSON must link the ``.html`` pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from sitebuild import build, project_copy

SITE_URL = "https://sec-releases.example.org/"  # mkdocs.yml
HOST = "sec-releases.example.org"
SKIP = {"mailto", "tel", "javascript", "data"}


@pytest.fixture(scope="module")
def flat(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("flat")
    project = project_copy(tmp)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("use_directory_urls: true\n") == 1
    config.write_text(text.replace("use_directory_urls: true\n", "use_directory_urls: false\n"), encoding="utf-8")
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def on_site(site: Path, url: str) -> str | None:
    """None when an absolute URL on site_url's host names a file of the build, else why not."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path.startswith("/"):
        return "not under the site's path"
    target = site / path.lstrip("/")
    if path.endswith("/"):
        if path != "/":  # only the site root is served by its index.html without a name
            return "a folder URL; pages are .html files"
        target = target / "index.html"
    return None if target.is_file() else f"no file {path} in the build"


def check(site: Path, page: Path, reference: str) -> str | None:
    """None when ``reference``, found in ``page``, reaches a file of the build (or is not internal)."""
    reference = reference.strip()
    parts = urlsplit(reference)
    if reference.startswith("//"):
        return "protocol-relative: another host"
    if parts.scheme in SKIP:
        return None
    if parts.scheme:  # https: or webcal: to a calendar or feed of the site; other hosts not fetched
        return on_site(site, reference) if parts.hostname == HOST else None
    if not parts.path:
        return None  # #fragment or ?query on the page itself
    if parts.path.startswith("/"):  # root-relative: the 404 page, served at any depth
        return on_site(site, reference)
    target = (page.parent / unquote(parts.path)).resolve()
    if not target.is_relative_to(site.resolve()):
        return "outside the site"
    if target.is_dir():
        return "a folder; pages are .html files"
    return None if target.is_file() else "no such file"


def test_pages_are_html_files(flat):
    for path in ("index.html", "404.html", "releases/index.html", "releases/2027-06.html",
                 "modifications/index.html", "modifications/mp255.html", "notices/index.html",
                 "notices/mp255-approved.html", "parties/index.html", "parties/gas-networks.html",
                 "subscribe.html", "calendar.ics", "feed.xml", "api/releases.json"):
        assert (flat / path).is_file(), path
    assert not (flat / "releases/2027-06/index.html").exists()  # its folder holds only calendar.ics


def test_every_internal_link_of_every_page_reaches_a_file(flat):
    pages = sorted(flat.rglob("*.html"))
    kinds = {p.relative_to(flat).parts[0] for p in pages}
    assert {"404.html", "index.html", "modifications", "releases", "notices", "parties"} <= kinds
    broken, checked = [], 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attribute in ("href", "src"):
                if tag.get(attribute) is None:
                    continue
                checked += 1
                if problem := check(flat, page, tag[attribute]):
                    broken.append(f"{page.relative_to(flat)}: <{tag.name} {attribute}={tag[attribute]!r}>: {problem}")
    assert checked > 5000
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:60])


def targets(site: Path, page: str) -> set[str]:
    """The files of the build that the page's relative links reach."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    hrefs = {urlsplit(a["href"]).path for a in soup.find_all("a", href=True) if not urlsplit(a["href"]).scheme}
    return {(site / page).parent.joinpath(h).resolve().relative_to(site.resolve()).as_posix() for h in hrefs if h}


def test_the_register_and_home_link_pages_by_their_file_names(flat):
    assert "modifications/mp255.html" in targets(flat, "modifications/index.html")
    assert {"releases/2027-06.html", "parties/gas-networks.html"} <= targets(flat, "index.html")
    assert "modifications/mp255.html" in targets(flat, "releases/2027-06.html")


def site_urls(text: str) -> list[str]:
    return re.findall(r"https://sec-releases\.example\.org/[^\s\"'<>\\,)]*", text)


def test_feed_calendars_and_json_link_existing_html_pages(flat):
    sources = {"feed.xml": (flat / "feed.xml").read_text(encoding="utf-8")}
    for path in sorted(flat.rglob("*.ics")):  # unfolded: a URL may be cut across lines
        sources[path.relative_to(flat).as_posix()] = path.read_bytes().decode("utf-8").replace("\r\n ", "")
    for path in sorted((flat / "api").glob("*.json")):
        found = []

        def walk(value):
            if isinstance(value, dict):
                for v in value.values():
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)
            elif isinstance(value, str) and value.startswith(SITE_URL):
                found.append(value)

        walk(json.loads(path.read_text(encoding="utf-8")))
        sources[path.relative_to(flat).as_posix()] = "\n".join(found)
    broken, pages = [], 0
    for source, text in sources.items():
        urls = site_urls(text)
        assert urls, source
        for url in urls:
            path = urlsplit(url).path
            if path != "/" and not Path(path).suffix:
                broken.append(f"{source}: {url}: not a file name")
            elif problem := on_site(flat, url):
                broken.append(f"{source}: {url}: {problem}")
            pages += path.endswith(".html")
    assert pages > 500
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:60])
    # Worked out by hand from the bundled data: the June 2027 release, its calendar and a notice.
    assert SITE_URL + "releases/2027-06.html" in site_urls(sources["releases/2027-06/calendar.ics"])
    assert SITE_URL + "notices/mp255-approved.html" in site_urls(sources["feed.xml"])
    assert SITE_URL + "modifications/mp255.html" in site_urls(sources["api/modifications.json"])
