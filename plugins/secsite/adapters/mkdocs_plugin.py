"""The MkDocs adapter: reads the data once per build and hands the renderers' output to MkDocs.

No domain logic lives here. The data is loaded and checked in ``on_config``, so bad data fails the
build with the same messages as ``secsite check``. Pages and downloads are added as generated files
in ``on_files``.

A build writes into a folder beside ``site_dir`` and replaces ``site_dir`` with it only when the
whole build has succeeded (``on_post_build``, after every other plugin), so a failure at any stage,
including ``--strict`` stopping on a warning, leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
from functools import partial
from typing import Callable
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler, get_relative_url

from .. import views
from .builddate import build_date
from ..model.diagnostics import DataError
from ..model.loader import collector_paused, display_path
from ..policy import REGIONS, format_long
from ..render import downloads
from ..render.calendar import calendars
from ..render.feed import feed_xml
from ..render.links import Links
from ..render.pages import PageRenderer
from ..history.schedule import Settings
from ..checks import CheckedData, load

log = get_plugin_logger(__name__)


class SecsiteConfig(Config):
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="data")  # relative to mkdocs.yml
    region = c.Choice(tuple(REGIONS), default="england-and-wales")  # Working-Day bank holidays
    first_year = c.Type(int, default=2019)  # scheduled releases listed from this year
    horizon_years = c.Type(int, default=2)  # ...to the end of this many years after the build year
    example_data = c.Type(bool, default=False)  # show the "example data" banner


def _contract_path(url: str) -> str:
    """The site-contract path of a page (``modifications/mp123/``) from the URL MkDocs gave it, which
    is the same with directory URLs and ``modifications/mp123.html`` without."""
    if url.endswith("index.html"):
        return url[: -len("index.html")]
    return url[: -len(".html")] + "/" if url.endswith(".html") else url


def _beside(site_dir: str, suffix: str) -> str:
    """A hidden folder next to ``site_dir`` (``.site.staging``): on the same disk, so a rename moves it."""
    parent, name = os.path.split(site_dir)
    return os.path.join(parent, f".{name}.{suffix}")


def _staging(site_dir: str) -> str:
    return _beside(site_dir, "staging")


def _strict_warnings() -> int:
    """The warnings MkDocs has counted so far; in ``--strict`` mode any of them stops the build
    right after ``on_post_build``. MkDocs counts with a ``CountHandler`` on its logger."""
    handlers = logging.getLogger("mkdocs").handlers
    return sum(count for h in handlers if isinstance(h, CountHandler) for _, count in h.get_counts())


class SecsitePlugin(BasePlugin[SecsiteConfig]):
    def __init__(self) -> None:
        self.data: CheckedData | None = None
        self.pages: PageRenderer | None = None  # shared with the home page macros (secsite.macros)
        self.data_dir: Path | None = None
        self.site_url = "/"
        self.staged = False  # set by on_startup: MkDocs called from Python builds in place
        self.site_dir: str | None = None  # the site to replace, while a build is being staged
        self.mkdocs_config: MkDocsConfig | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # ``serve`` builds into a temporary folder of its own, and ``--dirty`` adds to the files
        # already in the site: only a clean ``build`` or ``gh-deploy`` builds beside the site.
        self.staged = command in ("build", "gh-deploy") and not dirty

    @event_priority(100)  # first, so that every plugin writes into the staging folder
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        if self.staged:
            self._stage(config)
        self.data_dir = Path(config.config_file_path or ".").parent / self.config.data_dir
        self.site_url = config.site_url or "/"
        try:
            settings = Settings(
                today=build_date(),
                region=self.config.region,
                first_year=self.config.first_year,
                horizon_years=self.config.horizon_years,
            )
        except ValueError as exc:
            raise PluginError(f"secsite: SOURCE_DATE_EPOCH must be a whole number of seconds ({exc})") from None
        try:
            with collector_paused():  # the data lives for the whole build
                # Shown as ``secsite check`` shows it: relative to the working directory when inside it.
                self.data = load(display_path(self.data_dir), settings)
        except DataError as exc:
            raise PluginError(f"secsite: the data has errors; nothing was built.\n{exc.report()}") from None
        for warning in self.data.warnings:
            log.info(str(warning))  # policy flags are shown on the pages; they must not fail --strict
        config.extra["secsite_example_data"] = self.config.example_data
        config.extra["secsite_data_as_at"] = format_long(settings.today)  # "Data as at …" on every page
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self.data is None:
            return files
        catalogue, schedule = self.data.catalogue, self.data.schedule
        notices = views.published_notices(catalogue, schedule)
        changes = views.change_log(catalogue, schedule)  # /changes/, release change logs, the JSON
        rows = views.register_rows(schedule)  # the register page and its CSV

        # Every generated page is added first, so that links come from MkDocs: each page's URL is the
        # one MkDocs gives its file (``use_directory_urls`` or not), and the renderer links between them
        # with MkDocs' own relative-URL function.
        pending: list[tuple[File, Callable[[], str]]] = []

        def page(src_uri: str, render: Callable[[], str], data_file: str | None = None, in_nav: bool = False) -> None:
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, src_uri, content="", inclusion=inclusion)
            if data_file is not None:
                # "Edit this page" opens the YAML file, which sits beside docs_dir in the repository.
                file.edit_uri = posixpath.join("..", self.config.data_dir, data_file)
            files.append(file)
            pending.append((file, render))

        def download(src_uri: str, content: bytes) -> None:
            files.append(File.generated(config, src_uri, content=content))

        for mod_id, view in schedule.modifications.items():
            page(f"modifications/{mod_id.lower()}.md", partial(self._page, "modification", view), f"modifications/{mod_id}.yml")
        for rid, release in schedule.releases.items():
            page(f"releases/{rid}.md", partial(self._page, "release", release), f"releases/{rid}.yml" if release.data else None)
        for notice in notices:
            page(f"notices/{notice.id}.md", partial(self._page, "notice", notice), notice.source)
        page("modifications/index.md", partial(self._page, "register", rows), in_nav=True)
        page("releases/index.md", partial(self._page, "releases_index"), in_nav=True)
        page("notices/index.md", partial(self._page, "notices_index"), in_nav=True)
        page("changes/index.md", partial(self._page, "changes"), in_nav=True)
        # A page per Party Category (/parties/<party-category>/): what impacts it, without JavaScript.
        parties = views.party_views(schedule, views.register_lines(schedule, rows))
        for party in parties:
            page(f"parties/{party.slug}.md", partial(self._page, "party", party))
        page("parties/index.md", partial(self._page, "parties_index", parties), in_nav=True)

        links = Links({_contract_path(f.url): f.url for f in files.documentation_pages()}, get_relative_url)
        self.pages = PageRenderer(schedule, notices, self.site_url, changes, links,
                                  freezes=catalogue.calendar.change_freezes)
        for file, render in pending:
            file.content_string = render()

        download("modifications/register.csv", downloads.register_csv(rows))
        download("api/modifications.json", downloads.modifications_json(schedule, self.site_url, links))
        download("api/releases.json", downloads.releases_json(schedule, self.site_url, changes, catalogue.calendar.change_freezes, links))
        download("api/changes.json", downloads.changes_json(changes, schedule, self.site_url, links))
        for name in ("register.js", "copy.js", "parties.js", "secsite.css"):
            download(f"assets/secsite/{name}", resources.files("secsite").joinpath("assets", name).read_bytes())
        for path, content in calendars(catalogue, schedule, self.site_url, links).items():
            download(path, content)
        download("feed.xml", feed_xml(notices, self.site_url, schedule.settings.today, links=links))
        return files

    def _page(self, name: str, *args) -> str:
        return getattr(self.pages, name)(*args)

    def _stage(self, config: MkDocsConfig) -> None:
        self.site_dir, self.mkdocs_config = config.site_dir, config
        config.site_dir = _staging(self.site_dir)
        shutil.rmtree(config.site_dir, ignore_errors=True)  # left by a build that was stopped
        log.info(f"Building into {config.site_dir}: {self.site_dir} is replaced only if the whole build succeeds")

    def _unstage(self) -> str:
        """Point ``site_dir`` back at the site (``gh-deploy`` reads it after the build) and return it."""
        assert self.site_dir is not None and self.mkdocs_config is not None
        site_dir, self.mkdocs_config.site_dir = self.site_dir, self.site_dir
        self.site_dir = self.mkdocs_config = None
        return site_dir

    @event_priority(-100)  # last, after every other plugin has written its files (the search index)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.site_dir is None:
            return
        site_dir = self._unstage()
        if _strict_warnings():  # MkDocs stops the build right after this event: the previous site stays
            shutil.rmtree(_staging(site_dir), ignore_errors=True)
            return
        try:
            _replace(site_dir)
        except OSError as exc:
            shutil.rmtree(_staging(site_dir), ignore_errors=True)
            raise PluginError(f"secsite: the new site was built but could not replace {site_dir} ({exc})") from None

    def on_build_error(self, error: Exception) -> None:
        if self.site_dir is not None:
            shutil.rmtree(_staging(self._unstage()), ignore_errors=True)

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.config.enabled and self.data_dir is not None:
            server.watch(str(self.data_dir))  # edits to data files rebuild the site
        return server


def _replace(site_dir: str) -> None:
    """Put the staged site in place of the old one with two renames, then delete the old one."""
    staging, old = _staging(site_dir), _beside(site_dir, "old")
    shutil.rmtree(old, ignore_errors=True)
    os.makedirs(staging, exist_ok=True)  # a build that wrote no file at all still replaces the site
    had_site = os.path.lexists(site_dir)
    if had_site:
        os.replace(site_dir, old)
    try:
        os.replace(staging, site_dir)
    except OSError:
        if had_site:
            os.replace(old, site_dir)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)
