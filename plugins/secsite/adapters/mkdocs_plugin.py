"""The MkDocs adapter: reads the data once per build and hands the renderers' output to MkDocs.

No domain logic lives here. The data is loaded and checked in ``on_config``, before MkDocs touches
``site_dir``, so bad data fails the build with the same messages as ``secsite check`` and leaves the
previous site as it was. Pages and downloads are added as generated files in ``on_files``.
"""

from __future__ import annotations

import posixpath
from functools import partial
from typing import Callable
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .. import views
from .builddate import build_date
from ..model.diagnostics import DataError
from ..model.loader import collector_paused
from ..policy import REGIONS
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


class SecsitePlugin(BasePlugin[SecsiteConfig]):
    def __init__(self) -> None:
        self.data: CheckedData | None = None
        self.pages: PageRenderer | None = None  # shared with the home page macros (secsite.macros)
        self.data_dir: Path | None = None
        self.site_url = "/"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
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
                self.data = load(self.data_dir, settings)
        except DataError as exc:
            raise PluginError(f"secsite: the data has errors; nothing was built.\n{exc.report()}") from None
        for warning in self.data.warnings:
            log.info(str(warning))  # policy flags are shown on the pages; they must not fail --strict
        config.extra["secsite_example_data"] = self.config.example_data
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

        links = Links({_contract_path(f.url): f.url for f in files.documentation_pages()}, get_relative_url)
        self.pages = PageRenderer(schedule, notices, self.site_url, changes, links)
        for file, render in pending:
            file.content_string = render()

        download("modifications/register.csv", downloads.register_csv(rows))
        download("api/modifications.json", downloads.modifications_json(schedule, self.site_url, links))
        download("api/releases.json", downloads.releases_json(schedule, self.site_url, changes, catalogue.calendar.change_freezes, links))
        download("api/changes.json", downloads.changes_json(changes, schedule, self.site_url, links))
        for name in ("register.js", "secsite.css"):
            download(f"assets/secsite/{name}", resources.files("secsite").joinpath("assets", name).read_bytes())
        for path, content in calendars(catalogue, schedule, self.site_url, links).items():
            download(path, content)
        download("feed.xml", feed_xml(notices, self.site_url, schedule.settings.today, links=links))
        return files

    def _page(self, name: str, *args) -> str:
        return getattr(self.pages, name)(*args)

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.config.enabled and self.data_dir is not None:
            server.watch(str(self.data_dir))  # edits to data files rebuild the site
        return server

