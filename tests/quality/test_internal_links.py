"""Every internal link and asset reference in the built site resolves, #fragments included.

A link is internal when it is relative, root-relative, or absolute on the host of site_url (http,
https or webcal). It must name a file of the build (a directory URL its index.html), and its
fragment an id (or a legacy <a name>) in the target page. Other hosts are not fetched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import build, project_copy

from .quality_tools import REPO

pytestmark = pytest.mark.quality

SITE_URL = yaml.safe_load(
    re.search(r"^site_url:.*$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(0)
)["site_url"]
SITE = urlsplit(SITE_URL)
# Elements and attributes that refer to other documents or assets.
REFERENCES = {"a": ["href"], "link": ["href"], "script": ["src"], "img": ["src", "srcset"],
              "source": ["src", "srcset"], "iframe": ["src"], "video": ["src", "poster"],
              "audio": ["src"], "area": ["href"], "form": ["action"], "use": ["href", "xlink:href"]}
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data", "blob"}


class Site:
    def __init__(self, root: Path):
        self.root = root

    def url_of(self, file: Path) -> str:
        """The URL a file is served at (directory URLs for index.html)."""
        relative = file.relative_to(self.root).as_posix()
        if relative == "index.html":
            relative = ""
        elif relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return urljoin(SITE_URL, relative)

    @cache
    def ids(self, file: Path) -> frozenset[str]:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        names = {tag["id"] for tag in soup.find_all(id=True)}
        names |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
        return frozenset(names)

    def check(self, base: str, reference: str) -> str | None:
        """None when ``reference`` (found in the page at ``base``) resolves, else why not."""
        reference = reference.strip()
        if not reference:
            return "empty reference"
        parts = urlsplit(urljoin(base, reference))
        if parts.scheme in SKIP_SCHEMES:
            return None
        if parts.scheme not in ("http", "https", "webcal") or parts.netloc != SITE.netloc:
            return None  # another site: not fetched
        if not parts.path.startswith(SITE.path):
            return f"outside the site's path {SITE.path}"
        path = unquote(parts.path[len(SITE.path):])
        target = self.root / path
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            return "a directory without its trailing slash"
        if not target.is_file():
            return f"no file {target.relative_to(self.root).as_posix()} in the build"
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in self.ids(target):
            return f"no id {fragment!r} in {target.relative_to(self.root).as_posix()}"
        return None


@pytest.fixture(scope="module")
def built(site) -> Site:
    return Site(site)


def html_references(soup: BeautifulSoup):
    for tag in soup.find_all(REFERENCES):
        for attribute in REFERENCES[tag.name]:
            value = tag.get(attribute)
            if value is None:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        yield tag.name, candidate.split()[0]
            else:
                yield tag.name, value


def test_every_internal_link_in_every_page_resolves(built):
    pages = sorted(built.root.rglob("*.html"))
    checked, broken = 0, []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        base = built.url_of(page)
        for name, reference in html_references(soup):
            checked += 1
            problem = built.check(base, reference)
            if problem:
                broken.append(f"{page.relative_to(built.root)}: <{name}> {reference}: {problem}")
    assert checked > 1000
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:80])


@pytest.fixture(scope="module")
def flat(tmp_path_factory) -> Site:
    """The example site built with ``use_directory_urls: false`` (pages as ``releases/2027-06.html``)."""
    tmp = tmp_path_factory.mktemp("flat")
    project = project_copy(tmp)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return Site(tmp / "site")


def test_links_follow_mkdocs_without_directory_urls(flat):
    """Generated pages take their links from MkDocs: with ``use_directory_urls: false`` every link of
    every page (notice bodies, change entries, tables), the feed and the calendars still resolve."""
    assert (flat.root / "releases" / "2027-06.html").is_file()
    broken, checked = [], 0
    for page in sorted(flat.root.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for name, reference in html_references(soup):
            checked += 1
            if problem := flat.check(flat.url_of(page), reference):
                broken.append(f"{page.relative_to(flat.root)}: <{name}> {reference}: {problem}")
    feed = (flat.root / "feed.xml").read_text(encoding="utf-8")
    for reference in re.findall(r"<(?:link|guid)[^>]*>([^<]+)</", feed) + re.findall(r'href="([^"]+)"', feed):
        checked += 1
        if reference.startswith(SITE_URL) and (problem := flat.check(SITE_URL, reference)):
            broken.append(f"feed.xml: {reference}: {problem}")
    assert "notices/mp255-approved.html" in feed
    assert checked > 1000
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:80])


def test_links_in_sitemap_feed_and_calendars_resolve(built):
    broken, checked = [], 0
    sitemap = ET.parse(built.root / "sitemap.xml").getroot()
    locs = [el.text for el in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    feed = ET.parse(built.root / "feed.xml").getroot()
    links = [el.text for el in feed.iter() if el.tag in ("link", "guid") and el.text]
    links += [el.get("href") for el in feed.iter("{http://www.w3.org/2005/Atom}link")]
    calendars = sorted(built.root.rglob("*.ics"))
    urls = []
    for calendar in calendars:
        text = re.sub(r"\r\n[ \t]", "", calendar.read_text(encoding="utf-8"))  # unfold lines
        urls += [(calendar.name, m) for m in re.findall(r"^URL(?:;[^:]*)?:(.*)$", text, re.M)]
    for source, reference in [("sitemap.xml", u) for u in locs] + [("feed.xml", u) for u in links] + urls:
        checked += 1
        if not reference.startswith(SITE_URL):
            broken.append(f"{source}: {reference}: not on {SITE_URL}")
        elif problem := built.check(SITE_URL, reference):
            broken.append(f"{source}: {reference}: {problem}")
    assert locs and links and urls
    assert not broken, f"{len(broken)} broken link(s) out of {checked}:\n" + "\n".join(broken[:80])


def test_every_stylesheet_reference_resolves(built):
    """url(...) in the site's own CSS (Material's and secsite's) names files of the build."""
    broken = []
    for sheet in sorted(built.root.rglob("*.css")):
        base = built.url_of(sheet)
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for reference in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css):
            if reference.startswith(("data:", "#")):
                continue
            if problem := built.check(base, reference):
                broken.append(f"{sheet.relative_to(built.root)}: url({reference}): {problem}")
    assert not broken, "\n".join(broken)


def test_the_checker_itself_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">X</h2>', encoding="utf-8")
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    checker, page = Site(tmp_path), SITE_URL + "a/"
    assert checker.check(page, "#x") is None
    assert checker.check(page, "../a/#x") is None
    assert checker.check(page, "../feed.xml") is None
    assert checker.check(page, SITE_URL + "a/") is None
    assert checker.check(page, "https://example.com/nowhere") is None  # not fetched
    assert "no id 'y'" in checker.check(page, "#y")
    assert "no file b/index.html" in checker.check(page, "../b/")
    assert "trailing slash" in checker.check(page, "../a")
    assert "no file" in checker.check(page, "webcal://" + SITE.netloc + SITE.path + "c.ics")
