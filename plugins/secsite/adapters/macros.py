"""Macros for hand-written pages (mkdocs-macros ``modules: [secsite.adapters.macros]``).

They read the data the secsite plugin loaded for this build, so the home page shows the same
dates as every other page. Each returns HTML built by the page renderer's templates, with the first
use of each abbreviation explained (``render.abbreviations``; the Markdown ``abbr`` extension does not
look inside HTML), except ``data_reference``, which returns the editors' data reference as Markdown,
generated from the models.
``secsite export`` fills in the same functions without MkDocs.
"""

from __future__ import annotations

import functools
from typing import Callable

from ..render import reference
from ..render.abbreviations import mark
from ..render.pages import PageRenderer


# The macros whose output depends on the data files: a page calling one is rebuilt after every edit
# of the data in the editors' preview (adapters.preview).
SHOW_DATA = frozenset({"next_releases", "upcoming_key_dates", "next_release", "latest_notices"})


def functions(renderer: Callable[[], PageRenderer]) -> dict[str, Callable[..., str]]:
    """The macros by name; ``renderer`` gives the build's page renderer once pages are being rendered."""

    def next_releases(count: int = 3) -> str:
        """The next ``count`` releases with go-live, cut-offs and status."""
        return renderer().home_releases(count)

    def upcoming_key_dates(days: int = 90) -> str:
        """Every key date from the build date to ``days`` ahead."""
        return renderer().home_key_dates(days)

    def next_release() -> str:
        """The "Next" panel: the next go-live, when, what is in it, and the next cut-off."""
        return renderer().home_next()

    def choose_party() -> str:
        """Links to the page of each Party Category; a small script remembers the choice."""
        return renderer().home_parties()

    def subscribe_calendars() -> str:
        """Every calendar (whole site and each Party Category) as webcal:// and https:// with copy buttons."""
        return renderer().subscribe_calendars("subscribe/")

    def latest_notices(count: int = 5) -> str:
        return renderer().home_notices(count)

    def data_reference(schema_base: str = "../schemas/", heading_level: int = 2) -> str:
        """Every field of every kind of data file, as tables (from the models, so it never drifts)."""
        return reference.markdown(schema_base, heading_level)

    def explained(function: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(function)
        def wrapper(*args, **kwargs) -> str:
            return mark(function(*args, **kwargs))
        return wrapper

    html = [explained(f) for f in (next_releases, upcoming_key_dates, next_release, choose_party,
                                   subscribe_calendars, latest_notices)]
    return {f.__name__: f for f in (*html, data_reference)}


def define_env(env) -> None:
    def renderer() -> PageRenderer:
        # The renderer the secsite plugin made for this build in on_files, before any page is
        # rendered. Found by its type, whatever name mkdocs.yml gives the plugin.
        from .mkdocs_plugin import SecsitePlugin

        plugins = [p for p in env.conf.plugins.values() if isinstance(p, SecsitePlugin)]
        if not plugins or plugins[0].pages is None:
            raise RuntimeError("the secsite macros need the secsite plugin, listed before macros in mkdocs.yml")
        return plugins[0].pages

    for name, function in functions(renderer).items():
        env.macro(function, name)
