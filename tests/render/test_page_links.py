"""Links in the built pages stay on the site's own host (issue 13).

A reader on the 404 page once got ``<link rel="alternate" href="//feed.xml">``: protocol-relative,
so the browser (and Material's JavaScript, which fetches sitemap.xml next to every feed link)
asked the host ``feed.xml``. Every reference a page makes without a scheme must resolve on the
host of site_url; only explicit ``https://`` links (the repository, Material's credit) leave it.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

SITE_URL = "https://sec-releases.example.org/"  # mkdocs.yml
HOST = "sec-releases.example.org"
# Page file in the build → the address it is served at (directory URLs, the bundled mkdocs.yml).
PAGES = {
    "404.html": SITE_URL + "404.html",
    "index.html": SITE_URL,
    "releases/2027-06/index.html": SITE_URL + "releases/2027-06/",
    "modifications/mp255/index.html": SITE_URL + "modifications/mp255/",
    "notices/index.html": SITE_URL + "notices/",
    "parties/gas-networks/index.html": SITE_URL + "parties/gas-networks/",
}
# What the browser loads by itself (no click): these must never leave the site.
LOADED = {"link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


def references(html: str):
    """(tag, attribute, value) of every href and src in the page."""
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        for attribute in ("href", "src"):
            if tag.get(attribute) is not None:
                yield tag.name, attribute, tag[attribute].strip()


@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_reference_of_a_page_stays_on_the_site(site, path):
    page = PAGES[path]
    found, wrong = 0, []
    for name, attribute, value in references((site / path).read_text(encoding="utf-8")):
        found += 1
        parts = urlsplit(value)
        if value.startswith("//"):
            wrong.append(f"<{name} {attribute}={value!r}>: protocol-relative, another host")
        elif parts.scheme in ("mailto", "tel"):
            continue
        elif not parts.scheme:  # relative or root-relative: on this host and under the site's path
            target = urljoin(page, value)
            if urlsplit(target).hostname != HOST or not target.startswith(SITE_URL):
                wrong.append(f"<{name} {attribute}={value!r}>: resolves to {target}, off the site")
        elif LOADED.get(name) == attribute and parts.hostname != HOST:
            wrong.append(f"<{name} {attribute}={value!r}>: loaded from another host")
    assert found > 20, path  # the page's navigation at least
    assert not wrong, f"{path}:\n" + "\n".join(wrong)


def test_the_404_page_links_the_feed_from_the_site_root(site):
    # The 404 page is served at any depth (/releases/nowhere/…), so MkDocs gives it links from the
    # root of site_url's path: here "/".
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    feed = soup.find("link", rel="alternate", type="application/rss+xml")
    assert feed["href"] == "/feed.xml"
    assert urljoin(SITE_URL + "releases/nowhere/", feed["href"]) == SITE_URL + "feed.xml"


def test_other_pages_link_the_feed_relatively(site):
    for path, href in {
        "index.html": "./feed.xml",
        "releases/2027-06/index.html": "../../feed.xml",
        "notices/index.html": "../feed.xml",
    }.items():
        soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("link", rel="alternate", type="application/rss+xml")["href"] == href, path
