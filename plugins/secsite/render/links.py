"""Where each page ends up, as MkDocs builds it, and links between pages.

Views name pages by their site-contract path ("modifications/mp123/", "releases/", ""). The URL a
page really gets is MkDocs' to decide ("modifications/mp123.html" with ``use_directory_urls:
false``): the MkDocs adapter passes ``Links`` the URLs of its files and MkDocs' own relative-URL
function. Without MkDocs (``secsite export``, unit tests) the defaults follow MkDocs' default,
directory URLs.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

from markupsafe import Markup


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page at ``src_uri`` (``modifications/mp123.md``): ``modifications/mp123/``,
    or ``modifications/mp123.html`` without directory URLs; ``index.md`` and ``README.md`` are a
    folder's own page."""
    parent, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    stem = "index" if stem == "README" else stem
    if not directory_urls or stem == "index":
        url = posixpath.join(parent, stem + ".html")
    else:
        url = posixpath.join(parent, stem, "index.html")
    if directory_urls and url.endswith("index.html"):
        return (posixpath.dirname(url) or ".") + "/"
    return url


def contract_path(url: str) -> str:
    """The site-contract path of a page (``modifications/mp123/``) from the URL the builder gave it,
    which is the same with directory URLs and ``modifications/mp123.html`` without."""
    if url.endswith("index.html"):
        return url[: -len("index.html")]
    return url[: -len(".html")] + "/" if url.endswith(".html") else url


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both site-relative paths), the way MkDocs'
    ``get_relative_url`` does it, for use without MkDocs: a last part with a dot is a file."""
    folder, _, last = other.rpartition("/")
    base = _parts(folder if "." in last else other)
    target = _parts(url)
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    found = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    return found + "/" if url.endswith("/") else found


def _parts(path: str) -> list[str]:
    """The parts of a slash-separated path, normalised: "." dropped, ".." back one (never above the root)."""
    found: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if found:
                found.pop()
        elif part not in ("", "."):
            found.append(part)
    return found


@dataclass(frozen=True)
class Links:
    """The built URL of each page, and relative links between pages."""

    urls: Mapping[str, str] = field(default_factory=dict)  # site-contract path -> URL MkDocs gives it
    relative: Callable[[str, str], str] = relative_url  # (url, from page url) -> relative url

    def url(self, path: str) -> str:
        return self.urls.get(path, path)

    def href(self, path: str, from_page: str) -> str:
        """A link from the page at site-contract path ``from_page`` to ``path``."""
        return self.relative(self.url(path), self.url(from_page))

    def linker(self, from_page: str) -> Callable[[str], str]:
        """``href`` for one page, fast: the way back to the site's root is worked out once (as
        MkDocs' own ``base_url``), and each link is that plus the target's URL."""
        back = self.relative(".", self.url(from_page))
        root = "" if back == "." else back + "/"
        return lambda path: root + self.url(path)

    def absolute(self, site_url: str, path: str) -> str:
        return site_url + self.url(path)


_SITE_LINK = re.compile(r'(href|src)="/(?!/)([^"]*)"')


def site_links(html: str, resolve: Callable[[str], str]) -> Markup:
    """``html`` (rendered from data) with each site-root link (``href="/releases/2027-06/"``, as the
    generated notices write them) replaced by ``resolve(path)``."""
    return Markup(_SITE_LINK.sub(lambda m: f'{m.group(1)}="{resolve(m.group(2))}"', str(html)))
