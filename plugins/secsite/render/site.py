"""Every file secsite generates for one build, for any builder: the MkDocs plugin adds them to its
build, and ``secsite export`` writes them into a folder that a builder without MkDocs' plugin API
can build. Both ask this one producer, so the two can never disagree.

It works in two steps, because a page's links depend on the URL the builder gives every page:
``pages`` lists the generated pages (without rendering them), the builder decides their URLs, and
``render`` then writes each page and ``downloads`` every other file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Callable
from urllib.parse import urljoin, urlsplit

from .. import views
from ..checks import CheckedData
from . import downloads as csv_and_json
from .abbreviations import mark as mark_abbreviations
from .calendar import calendars
from .feed import feed_xml
from .links import Links
from .pages import PageRenderer, RenderedPages

ASSETS = ("register.js", "copy.js", "parties.js", "secsite.css")  # served from assets/secsite/


@dataclass(frozen=True)
class Page:
    """A generated page: Markdown with front matter, at ``src_uri`` in the docs folder."""

    src_uri: str
    in_nav: bool
    data_file: str | None  # the YAML file it shows, relative to the data folder ("Edit this page")
    write: Callable[[PageRenderer], str]  # the page's Markdown, from the build's renderer


def site_url_problem(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be used, or None. Calendars and the feed need absolute addresses
    (a calendar event's URL, a feed item's link), so the site must know where it will live."""
    parts = urlsplit(site_url or "")
    if parts.scheme in ("http", "https") and parts.hostname:
        return None
    if not site_url:
        return "mkdocs.yml has no site_url; set it to the address the site is published at, such as https://example.org/"
    return f"site_url must be an http:// or https:// address such as https://example.org/, not {site_url!r}"


def edit_url(repo_url: str | None, edit_uri: str | None, path: str) -> str | None:
    """The "Edit this page" address of ``path`` (relative to the docs folder), the way MkDocs makes it
    from ``repo_url`` and ``edit_uri``: ``../data/…`` reaches the data folder beside the docs."""
    if not edit_uri:
        return None
    if repo_url and not repo_url.endswith("/"):
        repo_url += "/"
    return urljoin(repo_url or "", edit_uri + path)


class Site:
    def __init__(self, data: CheckedData, site_url: str, data_dir: str = "data",
                 edit_link: Callable[[str], str | None] = lambda path: None) -> None:
        """``edit_link`` gives the "Edit this page" address of a path relative to the docs folder."""
        self.catalogue, self.schedule = data.catalogue, data.schedule
        self.site_url = site_url
        self.data_dir = data_dir
        self.edit_link = edit_link
        self.notices = views.published_notices(self.catalogue, self.schedule)
        self.changes = views.change_log(self.catalogue, self.schedule)  # /changes/, release change logs, the JSON
        self.rows = views.register_rows(self.schedule)  # the register page and its CSV
        self.renderer: PageRenderer | None = None
        self.links = Links()

    def pages(self) -> list[Page]:
        """Every generated page, in a fixed order, not yet rendered."""
        schedule = self.schedule
        found = [Page(f"modifications/{mod_id.lower()}.md", False, f"modifications/{mod_id}.yml",
                      lambda r, v=view: r.modification(v))
                 for mod_id, view in schedule.modifications.items()]
        found += [Page(f"releases/{rid}.md", False, f"releases/{rid}.yml" if release.data else None,
                       lambda r, v=release: r.release(v))
                  for rid, release in schedule.releases.items()]
        found += [Page(f"notices/{notice.id}.md", False, notice.source, lambda r, n=notice: r.notice(n))
                  for notice in self.notices]
        found += [
            Page("modifications/index.md", True, None, lambda r: r.register(self.rows)),
            Page("releases/index.md", True, None, lambda r: r.releases_index()),
            Page("notices/index.md", True, None, lambda r: r.notices_index()),
            Page("changes/index.md", True, None, lambda r: r.changes()),
        ]
        # A page per Party Category (/parties/<party-category>/): what impacts it, without JavaScript.
        parties = views.party_views(schedule, views.register_lines(schedule, self.rows))
        found += [Page(f"parties/{party.slug}.md", False, None, lambda r, p=party: r.party(p)) for party in parties]
        found.append(Page("parties/index.md", True, None, lambda r: r.parties_index(parties)))
        return found

    def use(self, links: Links, reuse: RenderedPages | None = None) -> PageRenderer:
        """Fix every page's URL (``links``, from the builder); returns the renderer of the pages and
        of the home page's pieces. ``reuse`` holds pages rendered by the previous build (a preview)."""
        self.links = links
        self.renderer = PageRenderer(self.schedule, self.notices, self.site_url, self.changes, links,
                                     freezes=self.catalogue.calendar.change_freezes, reuse=reuse)
        return self.renderer

    def render(self, page: Page) -> str:
        """The page's Markdown. Its front matter says where "Edit this page" goes (the data file, or
        nowhere), which overrides/partials/actions.html shows in place of MkDocs' own. The first use
        of each abbreviation in its HTML is explained (``render.abbreviations``)."""
        assert self.renderer is not None, "call use(links) first"
        text = mark_abbreviations(page.write(self.renderer))
        target = f"../{self.data_dir}/{page.data_file}" if page.data_file else None
        edit = self.edit_link(target) if target else None
        head, sep, rest = text.partition("\n")
        assert head == "---", f"{page.src_uri}: a page template must start with front matter"
        # render_macros: false, so that no macros engine (mkdocs-macros, Zensical's) ever runs data text.
        return f"{head}\nedit_url: {json.dumps(edit)}\nrender_macros: false\n{rest}"

    def downloads(self) -> dict[str, bytes]:
        """Every file that is not a page: the register's CSV, the JSON, the calendars, the feed, and
        the site's own scripts and styles; by path in the site."""
        schedule, links, site_url = self.schedule, self.links, self.site_url
        freezes = self.catalogue.calendar.change_freezes
        files = {
            "modifications/register.csv": csv_and_json.register_csv(self.rows),
            "api/modifications.json": csv_and_json.modifications_json(schedule, site_url, links),
            "api/releases.json": csv_and_json.releases_json(schedule, site_url, self.changes, freezes, links),
            "api/changes.json": csv_and_json.changes_json(self.changes, schedule, site_url, links),
        }
        for name in ASSETS:
            files[f"assets/secsite/{name}"] = resources.files("secsite").joinpath("assets", name).read_bytes()
        files.update(calendars(self.catalogue, schedule, site_url, links))
        files["feed.xml"] = feed_xml(self.notices, site_url, schedule.settings.today, links=links)
        return files
