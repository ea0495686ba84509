"""Links between pages follow MkDocs: the same relative URLs as MkDocs' own function, in both URL styles."""

from __future__ import annotations

from hypothesis import given, strategies as st
from mkdocs.utils import get_relative_url

from secsite.render.links import Links, relative_url, site_links

PART = st.sampled_from(["modifications", "mp123", "releases", "2027-06", "api", "changes.json", "index.html",
                        "mp1.html", ".", ".."])
PATH = st.lists(PART, max_size=4).map("/".join) | st.lists(PART, min_size=1, max_size=3).map(lambda p: "/".join(p) + "/")


@given(PATH, PATH)
def test_relative_urls_are_those_mkdocs_gives(url, other):
    assert relative_url(url, other) == get_relative_url(url, other)


FLAT = Links({"": "index.html", "releases/": "releases/index.html", "releases/2027-06/": "releases/2027-06.html",
              "modifications/mp123/": "modifications/mp123.html"}, get_relative_url)


def test_a_page_links_to_another_by_the_url_mkdocs_gave_it():
    # Directory URLs (the default): releases/2027-06/index.html links up two folders.
    assert Links().linker("releases/2027-06/")("modifications/mp123/") == "../../modifications/mp123/"
    assert Links().linker("")("releases/") == "releases/"
    # use_directory_urls: false: releases/2027-06.html is one folder down.
    assert FLAT.linker("releases/2027-06/")("modifications/mp123/") == "../modifications/mp123.html"
    assert FLAT.linker("releases/")("api/changes.json") == "../api/changes.json"
    assert FLAT.linker("")("releases/2027-06/") == "releases/2027-06.html"


def test_site_root_links_in_rendered_text_become_relative_to_the_page():
    html = '<p><a href="/releases/2027-06/">June</a> <a href="//elsewhere.example/">x</a> <a href="https://a.b/">y</a></p>'
    out = site_links(html, FLAT.linker("modifications/mp123/"))
    assert 'href="../releases/2027-06.html"' in out
    assert 'href="//elsewhere.example/"' in out and 'href="https://a.b/"' in out  # not site-root links
