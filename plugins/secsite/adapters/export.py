"""``secsite export DIR``: the whole site as a folder that a static builder without MkDocs' plugin API
(Zensical today, something else later) can build, with no secsite plugin and no macros plugin.

DIR gets:

- ``docs/``: the hand-written pages, with the home page's macros already filled in; every page
  generated from the data, as Markdown with its front matter; every feed, calendar and download;
- ``overrides/``: the theme's overrides;
- ``mkdocs.yml``: the project's configuration, pointing at those, without the two plugins, and with
  the values the plugin would have set (``extra``).

``cd DIR && mkdocs build`` then gives the same pages, feeds and downloads as ``mkdocs build`` with the
plugin (tests/adapters/test_export.py checks it). The files come from the same producer as the
plugin's (``render.site``); like the rest of secsite below the MkDocs plugin, this never imports MkDocs.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined

from ..checks import load
from ..history.schedule import Settings
from ..model.diagnostics import DataError
from ..model.loader import display_path
from ..policy import format_long
from ..render.links import Links, contract_path, page_url, relative_url
from ..render.site import Site, edit_url, site_url_problem
from . import macros


class ExportError(Exception):
    """A problem with the configuration or the target folder, in words for the command line."""


@dataclass(frozen=True)
class Options:
    """The secsite plugin's options in mkdocs.yml, read without MkDocs; the one place that gives
    their defaults (adapters.mkdocs_plugin.SecsiteConfig takes them from here)."""

    enabled: bool = True
    data_dir: str = "data"
    region: str = Settings.region
    first_year: int = Settings.first_year
    horizon_years: int = Settings.horizon_years
    example_data: bool = False

    @classmethod
    def read(cls, given: Any) -> Options:
        given = given or {}
        if not isinstance(given, dict):
            raise ExportError("the secsite plugin's options must be a mapping")
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise ExportError(f"unknown option of the secsite plugin: {', '.join(unknown)}")
        for name, value in given.items():
            expected = {"bool": bool, "int": int, "str": str}[known[name]]
            if type(value) is not expected:
                raise ExportError(f"the secsite plugin's option {name} must be a {known[name]}, not {value!r}")
        return cls(**given)


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(f"cannot read {config_file}: {exc.strerror}") from None
    except yaml.YAMLError as exc:  # a tag (!ENV, !!python/name) or broken YAML
        raise ExportError(f"{config_file}: export reads plain YAML only ({exc})") from None
    if not isinstance(config, dict):
        raise ExportError(f"{config_file}: not a MkDocs configuration")
    return config


def _plugin_options(config: dict[str, Any]) -> tuple[Options, list[Any]]:
    """The secsite plugin's options, and the plugins a build without it keeps."""
    options, kept = None, []
    for entry in config.get("plugins") or ["search"]:  # MkDocs' default is search alone
        name, value = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name == "secsite":
            options = Options.read(value)
        elif name != "macros":  # the home page's macros are filled in by the export
            kept.append(entry)
    if options is None or not options.enabled:
        raise ExportError("mkdocs.yml does not use the secsite plugin: there is nothing to export")
    return options, kept


def export(config_file: Path, out: Path, today) -> list[Path]:
    """Write the site into ``out`` (which must be empty or not exist); returns the files written.
    Raises DataError for bad data and ExportError for a bad configuration or folder."""
    config = read_config(config_file)
    options, plugins = _plugin_options(config)
    root = config_file.parent
    docs_dir = root / config.get("docs_dir", "docs")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out} is not an empty folder: export never overwrites")
    problem = site_url_problem(config.get("site_url"))
    if problem:
        raise ExportError(problem)
    data = load(display_path(root / options.data_dir),
                Settings(today=today, region=options.region, first_year=options.first_year,
                         horizon_years=options.horizon_years))
    site_url = config["site_url"]
    directory_urls = config.get("use_directory_urls", True)
    site = Site(data, site_url, options.data_dir,
                lambda path: edit_url(config.get("repo_url"), config.get("edit_uri"), path))

    hand_written = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file())
    pages = site.pages()
    page_uris = [uri for uri in hand_written if uri.endswith(".md")] + [p.src_uri for p in pages]
    urls = {}
    for uri in page_uris:
        url = page_url(uri, directory_urls)
        urls[contract_path(url)] = url
    renderer = site.use(Links(urls, relative_url))

    written: list[Path] = []

    def write(path: str, content: str | bytes) -> None:
        target = out / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        written.append(target)

    functions = macros.functions(lambda: renderer)
    for uri in hand_written:
        source = docs_dir / uri
        text = source.read_text(encoding="utf-8") if uri.endswith(".md") else None
        write(uri, _fill_macros(text, functions) if text is not None else source.read_bytes())
    for page in pages:
        write(page.src_uri, site.render(page))
    for path, content in site.downloads().items():
        write(path, content)

    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        shutil.copytree(root / theme["custom_dir"], out / "overrides")
        theme["custom_dir"] = "overrides"
    plain = dict(config, docs_dir="docs", theme=theme, plugins=plugins)
    plain.pop("watch", None)  # the data is no longer read
    plain["extra"] = dict(config.get("extra") or {}, **extras(options.example_data, today))
    plain["markdown_extensions"] = _snippets_inside(config.get("markdown_extensions") or [], root, docs_dir)
    (out / "mkdocs.yml").write_text(
        "# Written by `secsite export`: the site without the secsite plugin. Build it from this folder.\n"
        + yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8")
    written.append(out / "mkdocs.yml")
    return written


def extras(example_data: bool, today) -> dict[str, Any]:
    """``config.extra`` as overrides/main.html reads it: the example-data banner and "Data as at"."""
    return {"secsite_example_data": example_data, "secsite_data_as_at": format_long(today)}


def _fill_macros(text: str, functions: dict) -> str:
    """A hand-written page with ``render_macros: true`` in its front matter, with its macros filled
    in as mkdocs-macros would (a plain Jinja environment); any other page unchanged."""
    if not text.startswith("---\n"):
        return text
    head, sep, body = text[4:].partition("\n---\n")
    lines = head.split("\n")
    if not sep or "render_macros: true" not in lines:
        return text
    env = Environment(undefined=StrictUndefined)
    env.globals.update(functions)
    # ``render_macros: false``: what the macros wrote (data text among it) must never be run as a
    # template again, by mkdocs-macros or by Zensical's own macros.
    head = "".join(("render_macros: false" if line == "render_macros: true" else line) + "\n" for line in lines)
    return f"---\n{head}---\n" + env.from_string(body).render()


def _snippets_inside(extensions: list[Any], root: Path, docs_dir: Path) -> list[Any]:
    """pymdownx.snippets reads from folders relative to the working directory: those inside the docs
    folder become the same folders inside DIR/docs, for a build run from DIR."""
    found = []
    for entry in extensions:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            options = dict(entry["pymdownx.snippets"] or {})
            paths = options.get("base_path")
            if paths:
                moved = []
                for path in [paths] if isinstance(paths, str) else paths:
                    inside = os.path.relpath(root / path, docs_dir)
                    moved.append(path if inside.startswith("..") else posixpath.join("docs", Path(inside).as_posix()))
                options["base_path"] = moved
            entry = {"pymdownx.snippets": options}
        found.append(entry)
    return found


def report(exc: Exception) -> str:
    if isinstance(exc, DataError):
        return f"secsite export: the data has errors; nothing was exported.\n{exc.report()}"
    return f"secsite export: {exc}"
