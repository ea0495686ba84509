"""The editors' preview, ``mkdocs serve --dirty``: after an edit, only what changed is rebuilt.

MkDocs' dirty build skips every page whose ``File.is_modified()`` is false, but out of the box it
gets both of secsite's kinds of page wrong: a generated page always counts as modified (so every
page is rebuilt, as slowly as a full build), and a hand-written page counts as modified only when
its own file changed (so the home page, whose macros show the data, would go stale).

``Preview`` keeps, from one rebuild to the next (MkDocs keeps a plugin with ``on_startup`` alive for
the whole ``serve``):

- the data files as read last time (``loader.Reuse``): only a changed file is parsed again;
- the pages rendered last time with what they were rendered from (``pages.RenderedPages``): a
  modification's or notice's page whose inputs are unchanged is not rendered again;
- a digest of each generated page's Markdown and each download as last written: a page whose
  Markdown is unchanged (and whose output file is still there) is not rebuilt, nor is an unchanged
  download written again. The digest also covers the configuration, the build date and the theme
  overrides, so that changing any of them rebuilds every page;
- the theme's templates, compiled;
- the search index of the first build (``hide_from_search``).

A hand-written page whose macros show the data (the home page), or whose title the navigation takes
from the page itself, is always rebuilt; the others are rebuilt when their own file changes, as MkDocs
does, and all of them when the configuration, the theme or the build date changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..model.loader import Reuse
from ..render.pages import RenderedPages
from .macros import SHOW_DATA


class _DirtyBuildIsFine(logging.Filter):
    """MkDocs warns on every dirty build that links and navigation may be stale, and ``strict: true``
    turns that warning into a failed build. In a secsite preview every page whose content changed
    is rebuilt, so the warning is logged as information instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def quiet_dirty_warning() -> None:
    logger = logging.getLogger(mkdocs_build.log.name)
    if not any(isinstance(f, _DirtyBuildIsFine) for f in logger.filters):
        logger.addFilter(_DirtyBuildIsFine())


_HIDDEN = {"exclude": True}  # Material's front matter for "not in the search index"


def _unchanged() -> bool:
    return False


def _changed() -> bool:
    return True


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as compiled by the previous rebuild: MkDocs makes a new Jinja environment
    for every build, which would compile them all again. Jinja checks each template's source
    against the checksum it keeps, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class Preview:
    """What the preview keeps between rebuilds; the plugin calls it at each step of a build."""

    def __init__(self) -> None:
        self.reuse = Reuse()
        self.pages = RenderedPages()
        self.templates = _CompiledTemplates()
        self.rebuilding = False  # after the first build
        self._built: dict[str, bytes] = {}  # output path -> digest of what it was built from
        self._building: dict[str, bytes] = {}
        self._setting = self._building_setting = b""  # see _setting

    def mark(self, files: Files, generated: list[File], config: MkDocsConfig) -> int:
        """Set which pages this rebuild renders and which downloads it writes; returns how many
        generated files (pages and downloads) it leaves as they are."""
        setting = _setting(config)
        everything = setting != self._setting  # the first build, or a new configuration, theme or date
        self._building_setting = setting
        skipped = 0
        untitled = _untitled(config.nav)
        for file in files.documentation_pages():
            if file.generated_by is None and (everything or _shows_data(file) or untitled is None
                                              or file.src_uri in untitled):
                file.is_modified = _changed
        for file in generated:
            digest = hashlib.blake2b(setting + file.content_bytes, digest_size=20).digest()
            path = file.abs_dest_path
            self._building[path] = digest
            if self._built.get(path) == digest and os.path.isfile(path):
                file.is_modified = _unchanged
                skipped += 1
        return skipped

    def built(self) -> None:
        """The rebuild succeeded: what it wrote is what the next one compares with. A generated file
        of the last build that this one no longer makes (a notice deleted) is removed."""
        for path in self._built.keys() - self._building.keys():
            with contextlib.suppress(OSError):
                os.remove(path)
                os.rmdir(os.path.dirname(path))  # its folder, when that is now empty
        self._built, self._building = self._building, {}
        self._setting = self._building_setting
        self.rebuilding = True

    def hide_from_search(self, page) -> None:
        """On a rebuild, leave a page out of Material's search indexing, so that the search index of
        the first build is kept whole. Material's search plugin keeps the last index on a dirty
        rebuild and replaces the entries of one page only, the first it indexes (the home page,
        whose address is the start of every other): indexing the rebuilt pages would leave a search
        index of those pages alone. So the preview's search finds every page, as it was when the
        preview started. ``show_to_search`` takes the mark away again before the page is written."""
        if self.rebuilding and "search" not in page.meta:
            page.meta["search"] = _HIDDEN

    def show_to_search(self, page) -> None:
        if page.meta.get("search") is _HIDDEN:
            del page.meta["search"]

    def failed(self) -> None:
        """A rebuild failed. If it had started on the pages, what is in the site can no longer be
        trusted, so the next rebuild renders every page; if the data was refused before that
        (the usual case: a typo), nothing was written and nothing is forgotten."""
        if self._building:
            self._built, self._building, self._setting = {}, {}, b""


def _shows_data(file: File) -> bool:
    """Whether a hand-written page runs the macros (``render_macros: true`` in its front matter) and
    calls one that shows the data (the home page), so that it is rebuilt after an edit of the data
    like a generated page. Any other hand-written page is rebuilt when its own file changes."""
    try:
        with open(file.abs_src_path, encoding="utf-8") as source:
            text = source.read()
    except (OSError, UnicodeDecodeError):
        return True
    runs_macros = text.startswith("---") and "\nrender_macros: true" in text.split("\n---", 1)[0]
    return runs_macros and any(name in text for name in SHOW_DATA)


def _untitled(nav) -> set[str] | None:
    """The pages the navigation lists without a title, which MkDocs takes from the page when it
    reads it: a page a dirty build did not read would appear as "None" in the navigation of the
    pages it did. None when there is no ``nav`` (every title comes from its page)."""
    if nav is None:
        return None
    found: set[str] = set()

    def walk(items) -> None:
        for item in items:
            if isinstance(item, str):
                found.add(item)
            elif isinstance(item, dict):
                for value in item.values():
                    if isinstance(value, list):
                        walk(value)

    walk(nav)
    return found


def _setting(config: MkDocsConfig) -> bytes:
    """What every page depends on besides its own Markdown: the configuration (as written, and
    ``extra``, which holds the build date) and the theme overrides (by name, size and time)."""
    parts = [repr(sorted(config.extra.items())).encode()]
    if config.config_file_path and os.path.isfile(config.config_file_path):
        parts.append(Path(config.config_file_path).read_bytes())
    for folder in config.theme.dirs[:1] if config.theme.custom_dir else ():
        for path in sorted(Path(folder).rglob("*")):
            stat = path.stat()
            parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return hashlib.blake2b(b"\0".join(parts), digest_size=20).digest()
