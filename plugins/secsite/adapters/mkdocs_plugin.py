"""The MkDocs adapter: reads the data once per build and hands the renderers' output to MkDocs.

No domain logic lives here. The data is loaded and checked in ``on_config``, so bad data fails the
build with the same messages as ``secsite check``. Pages and downloads are added as generated files
in ``on_files``; while Python-Markdown runs over a generated page, its HTML blocks are set aside
(``render.rawhtml``), which makes the same page faster.

A build writes into a folder beside ``site_dir`` and replaces ``site_dir`` with it only when the
whole build has succeeded (``on_post_build``, after every other plugin), so a failure at any stage,
including ``--strict`` stopping on a warning, leaves the previous site exactly as it was.

Under ``mkdocs serve --dirty`` (the editors' preview) the plugin keeps what it can from one rebuild
to the next and has MkDocs rebuild only the pages an edit changed (``adapters.preview``).
"""

from __future__ import annotations

import logging
import os
import shutil
from functools import partial
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler, get_relative_url

from .builddate import build_date
from .export import Options, extras
from .preview import Preview, quiet_dirty_warning
from ..checks import CheckedData, load
from ..history.schedule import Settings
from ..model.diagnostics import DataError
from ..model.loader import collector_paused, display_path
from ..policy import REGIONS
from ..render import rawhtml
from ..render.links import Links, contract_path
from ..render.pages import PageRenderer
from ..render.site import Site, edit_url, site_url_problem

log = get_plugin_logger(__name__)


class SecsiteConfig(Config):
    # The defaults are those of export.Options, which reads the same options without MkDocs.
    enabled = c.Type(bool, default=Options.enabled)
    data_dir = c.Type(str, default=Options.data_dir)  # relative to mkdocs.yml
    region = c.Choice(tuple(REGIONS), default=Options.region)  # Working-Day bank holidays
    first_year = c.Type(int, default=Options.first_year)  # scheduled releases listed from this year
    horizon_years = c.Type(int, default=Options.horizon_years)  # ...to the end of this many years after the build year
    example_data = c.Type(bool, default=Options.example_data)  # show the "example data" banner


def _walk_order(src_uri: str) -> tuple:
    """Where ``os.walk`` meets a file, as MkDocs' ``get_files`` walks docs_dir: a folder's files
    (``index`` and ``README`` first) before its sub-folders, each sorted by name."""
    *folders, name = src_uri.split("/")
    return (*((1, folder) for folder in folders), (0, os.path.splitext(name)[0] not in ("index", "README"), name))


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
        self.preview: Preview | None = None  # kept across the rebuilds of ``mkdocs serve --dirty``
        self.generated: set[str] = set()  # the generated pages' src_uri
        self.aside: dict[str, dict[str, str]] = {}  # their HTML blocks, while Python-Markdown runs

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # ``serve`` builds into a temporary folder of its own, and ``--dirty`` adds to the files
        # already in the site: only a clean ``build`` or ``gh-deploy`` builds beside the site.
        self.staged = command in ("build", "gh-deploy") and not dirty
        self.preview = None
        if command == "serve" and dirty:  # the editors' preview: rebuild only what an edit changed
            self.preview = Preview()
            quiet_dirty_warning()

    @event_priority(100)  # first, so that every plugin writes into the staging folder
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        problem = site_url_problem(config.site_url)
        if problem:  # checked before anything is written: the calendars and the feed need it
            raise PluginError(f"secsite: {problem}")
        if self.staged:
            self._stage(config)
        self.data_dir = Path(config.config_file_path or ".").parent / self.config.data_dir
        self.site_url = config.site_url
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
                self.data = load(display_path(self.data_dir), settings, self.preview and self.preview.reuse)
        except DataError as exc:
            raise PluginError(f"secsite: the data has errors; nothing was built.\n{exc.report()}") from None
        for warning in self.data.warnings:
            log.info(str(warning))  # policy flags are shown on the pages; they must not fail --strict
        config.extra.update(extras(self.config.example_data, settings.today))  # the banner, "Data as at …"
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self.data is None:
            return files
        site = Site(self.data, self.site_url, self.config.data_dir,
                    partial(edit_url, config.repo_url, config.edit_uri))
        # Every generated page is added first, so that links come from MkDocs: each page's URL is the
        # one MkDocs gives its file (``use_directory_urls`` or not), and the renderer links between them
        # with MkDocs' own relative-URL function.
        pages = site.pages()
        generated = []
        for page in pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            generated.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
            files.append(generated[-1])
        links = Links({contract_path(f.url): f.url for f in files.documentation_pages()}, get_relative_url)
        self.pages = site.use(links, self.preview and self.preview.pages)
        for page, file in zip(pages, generated):
            file.content_string = site.render(page)
        self.generated = {page.src_uri for page in pages}
        for path, content in site.downloads().items():
            generated.append(File.generated(config, path, content=content))
            files.append(generated[-1])
        if self.preview:
            skipped = self.preview.mark(files, generated, config)
            log.info(f"Preview: {self.preview.reuse.parsed} data files read anew, {self.preview.pages.rendered} "
                     f"pages rendered anew, {len(generated) - skipped} of {len(generated)} generated files changed")
        # In the order MkDocs would have found them on disk, as it does for ``secsite export``, so
        # that the sitemap and the search index list pages in the same order either way.
        return Files(sorted(files, key=lambda f: _walk_order(f.src_uri)))

    def on_env(self, env, config: MkDocsConfig, files: Files):
        if self.preview:
            env.bytecode_cache = self.preview.templates
        return env

    @event_priority(100)  # before the search plugin indexes the page...
    def _hide_from_search(self, context, page, config: MkDocsConfig, nav):
        if self.preview:
            self.preview.hide_from_search(page)
        return context

    @event_priority(-100)  # ...and after it, before the page is written
    def _show_to_search(self, context, page, config: MkDocsConfig, nav):
        if self.preview:
            self.preview.show_to_search(page)
        return context

    on_page_context = CombinedEvent(_hide_from_search, _show_to_search)

    @event_priority(-100)  # last: after any other plugin changed the Markdown
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri not in self.generated:
            return markdown
        markdown, self.aside[page.file.src_uri] = rawhtml.set_aside(markdown)
        return markdown

    @event_priority(100)  # first: every other plugin sees the page's whole HTML
    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        aside = self.aside.pop(page.file.src_uri, None)
        return rawhtml.put_back(html, aside) if aside else html

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
        if self.preview:
            self.preview.built()
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
        if self.preview:
            self.preview.failed()
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
