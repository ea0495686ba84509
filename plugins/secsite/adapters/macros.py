"""Macros for hand-written pages (mkdocs-macros ``modules: [secsite.macros]``).

They read the data the secsite plugin loaded for this build, so the home page shows the same
dates as every other page. Each returns HTML built by the page renderer's templates, except
``data_reference``, which returns the editors' data reference as Markdown, generated from the models.
"""

from __future__ import annotations

from ..render import reference
from ..render.pages import PageRenderer


def define_env(env) -> None:
    def renderer() -> PageRenderer:
        # The renderer the secsite plugin made for this build in on_files, before any page is rendered.
        return env.conf.plugins["secsite"].pages

    @env.macro
    def next_releases(count: int = 3) -> str:
        """The next ``count`` releases with go-live, cut-offs and status."""
        return renderer().home_releases(count)

    @env.macro
    def upcoming_key_dates(days: int = 90) -> str:
        """Every key date from the build date to ``days`` ahead."""
        return renderer().home_key_dates(days)

    @env.macro
    def next_release() -> str:
        """The "Next" panel: the next go-live, when, what is in it, and the next cut-off."""
        return renderer().home_next()

    @env.macro
    def choose_party() -> str:
        """Links to the page of each Party Category; a small script remembers the choice."""
        return renderer().home_parties()

    @env.macro
    def subscribe_calendars() -> str:
        """Every calendar (whole site and each Party Category) as webcal:// and https:// with copy buttons."""
        return renderer().subscribe_calendars("subscribe/")

    @env.macro
    def latest_notices(count: int = 5) -> str:
        return renderer().home_notices(count)

    @env.macro
    def data_reference(schema_base: str = "../schemas/", heading_level: int = 2) -> str:
        """Every field of every kind of data file, as tables (from the models, so it never drifts)."""
        return reference.markdown(schema_base, heading_level)
