"""Reading ``data/`` into one immutable catalogue, with every problem located by file, line and column.

A file that cannot be read or does not fit its model is reported and left out of the catalogue;
the other files are still read, so that one run reports every problem at once.

Large data sets (thousands of modifications) are read and parsed by worker processes, one per CPU;
the models are validated here, as the parsed values cost less to send back than models do.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import multiprocessing
import os
import re
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping, TypeVar

from pydantic import BaseModel, ValidationError

from .. import model
from .diagnostics import Diagnostic
from . import CalendarFile, Modification, Notice, NoticeFrontMatter, Release, natural_key
from .yamlsource import YamlDocument, YamlProblem, key_node, parse

MAX_FILE_BYTES = 1_000_000  # a real modification file is a few kB; anything this big is a mistake
# Below this many YAML files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 500
_CHUNK_FILES = 100  # files per task sent to a worker: small enough to keep this process busy too

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Catalogue:
    """Everything in ``data/`` that loaded cleanly, keyed by id in natural order.

    ``sources`` maps ``(kind, id)`` to the parsed file, so later checks can point at a line.
    ``unreadable`` holds ``(kind, id)`` of files that exist but failed to load, so references to
    them are not reported a second time as dangling.
    """

    modifications: Mapping[str, Modification]
    releases: Mapping[str, Release]
    notices: Mapping[str, Notice]
    calendar: CalendarFile
    sources: Mapping[tuple[str, str], YamlDocument] = field(repr=False)
    unreadable: frozenset[tuple[str, str]] = frozenset()

    def source(self, kind: str, item_id: str) -> YamlDocument | None:
        return self.sources.get((kind, item_id))

    @classmethod
    def empty(cls) -> Catalogue:
        return cls(MappingProxyType({}), MappingProxyType({}), MappingProxyType({}), CalendarFile(), MappingProxyType({}))


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _display_paths(folder: Path) -> Callable[[Path, bool], str]:
    """``display_path`` for the files of ``folder``, given whether each is a symbolic link.

    Resolving every path walks its whole chain of directories (a tenth of a large run). A file that
    is not a symbolic link resolves to the resolved folder plus its name, so one answer fits all.
    """
    prefix = display_path(folder)

    def show(path: Path, is_symlink: bool) -> str:
        if is_symlink:  # it may point anywhere
            return display_path(path)
        return path.name if prefix == os.curdir else os.path.join(prefix, path.name)

    return show


def read_catalogue(data_dir: str | os.PathLike[str]) -> tuple[Catalogue, list[Diagnostic]]:
    """Read every data file. Returns the catalogue of the files that loaded and all problems found."""
    root = Path(data_dir)
    problems: list[Diagnostic] = []
    if not root.is_dir():
        problems.append(Diagnostic(str(root), 0, 0, "error", "the data directory does not exist"))
        empty = MappingProxyType({})
        return Catalogue(empty, empty, empty, CalendarFile(), empty), problems

    return _read_catalogue(root, problems)


def _read_catalogue(root: Path, problems: list[Diagnostic]) -> tuple[Catalogue, list[Diagnostic]]:
    sources: dict[tuple[str, str], YamlDocument] = {}
    unreadable: set[tuple[str, str]] = set()
    loaded: dict[str, dict[str, Any]] = {"modification": {}, "release": {}, "notice": {}}
    seen_lower: dict[tuple[str, str], str] = {}

    # First list the files, in the order their problems are reported; then read the YAML files (in
    # worker processes when there are many); then validate each, in that same order.
    plan: list[Diagnostic | tuple[str, Path, str]] = []
    for kind, folder, suffix in (
        ("modification", "modifications", ".yml"),
        ("release", "releases", ".yml"),
        ("notice", "notices", ".md"),
    ):
        listing: list[Diagnostic] = []
        files = _files(root / folder, suffix, listing)
        plan += listing
        for path, shown in files:
            # Ids become lower-cased URLs, so MP123.yml and mp123.yml would share a page.
            other = seen_lower.setdefault((kind, path.stem.lower()), shown)
            if other != shown:
                plan.append(Diagnostic(shown, 0, 0, "error", f"the same id as {other} (ids are compared ignoring case)"))
            else:
                plan.append((kind, path, shown))

    yaml_files = [(str(entry[1]), entry[2]) for entry in plan if isinstance(entry, tuple) and entry[0] != "notice"]
    with contextlib.closing(_read_all(yaml_files)) as read:
        for entry in plan:
            if isinstance(entry, Diagnostic):
                problems.append(entry)
                continue
            kind, path, shown = entry
            if kind == "notice":
                item, doc = _load_notice(path, shown, problems)
            else:
                doc, found = next(read)
                problems += found
                item, doc = _load_item(kind, path, shown, doc, problems)
            item_id = path.stem
            if item is None:
                unreadable.add((kind, item_id))
                continue
            sources[(kind, item_id)] = doc
            loaded[kind][item_id] = item

    calendar = CalendarFile()
    calendar_path = root / "calendar.yml"
    if calendar_path.exists():
        doc = _read_yaml(calendar_path, display_path(calendar_path), problems)
        if doc is not None:
            sources[("calendar", "calendar")] = doc
            calendar = _validate(CalendarFile, doc.value, doc, problems) or CalendarFile()
    for path in sorted(root.iterdir()):
        if path.is_file() and path.name not in ("calendar.yml", "README.md") and not path.name.startswith("."):
            problems.append(Diagnostic(display_path(path), 0, 0, "warning", "not a data file: it is ignored"))

    def ordered(items: dict[str, Any]) -> Mapping[str, Any]:
        return MappingProxyType({k: items[k] for k in sorted(items, key=natural_key)})

    catalogue = Catalogue(
        modifications=ordered(loaded["modification"]),
        releases=ordered(loaded["release"]),
        notices=ordered(loaded["notice"]),
        calendar=calendar,
        sources=MappingProxyType(sources),
        unreadable=frozenset(unreadable),
    )
    return catalogue, problems


def _files(folder: Path, suffix: str, problems: list[Diagnostic]) -> list[tuple[Path, str]]:
    """The data files in ``folder``, sorted, each with its path as shown in messages."""
    if not folder.is_dir():
        return []
    show = _display_paths(folder)
    # scandir knows whether an entry is a file or a link without a system call per file.
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: os.path.normcase(entry.name))  # as Paths sort
    found = []
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_file():
            continue
        path = folder / entry.name
        shown = show(path, entry.is_symlink())
        if path.suffix == suffix:
            found.append((path, shown))
        elif path.suffix in (".yaml", ".yml", ".md", ".markdown"):
            problems.append(Diagnostic(shown, 0, 0, "error", f"files in {folder.name}/ must end in {suffix}: rename it"))
        else:
            problems.append(Diagnostic(shown, 0, 0, "warning", "not a data file: it is ignored"))
    return found


def _read_text(path: Path | str, shown: str, problems: list[Diagnostic]) -> str | None:
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # no more than that of a file that is far too big
    except OSError as exc:
        problems.append(Diagnostic(shown, 0, 0, "error", f"cannot read the file: {exc.strerror}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Diagnostic(shown, 0, 0, "error", f"the file is over {MAX_FILE_BYTES:,} bytes; data files must stay under that"))
        return None
    if b"\x00" in raw:
        problems.append(Diagnostic(shown, 0, 0, "error", "this is a binary file, not UTF-8 text"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Diagnostic(shown, line, 1, "error", "the file is not UTF-8 text: save it as UTF-8"))
        return None
    if not text.strip():
        problems.append(Diagnostic(shown, 0, 0, "error", "the file is empty"))
        return None
    return text


def _read_yaml(path: Path | str, shown: str, problems: list[Diagnostic], line_offset: int = 0, text: str | None = None) -> YamlDocument | None:
    if text is None:
        text = _read_text(path, shown, problems)
        if text is None:
            return None
    try:
        doc = parse(text, shown, line_offset)
    except YamlProblem as exc:
        problems.append(Diagnostic(shown, exc.line, exc.column, "error", exc.message))
        return None
    if not isinstance(doc.value, dict):
        what = _kind_of(doc.value)
        line, column = doc.locate(())
        problems.append(Diagnostic(shown, line, column, "error", f"expected a mapping of fields (name: value), found {what}"))
        return None
    return doc


def _read_files(files: list[tuple[str, str]]) -> list[tuple[YamlDocument | None, list[Diagnostic]]]:
    """Read and parse YAML files given as (path, shown path): each one's document and problems."""
    results = []
    for path, shown in files:
        found: list[Diagnostic] = []
        results.append((_read_yaml(path, shown, found), found))
    return results


def _read_all(files: list[tuple[str, str]]) -> Iterator[tuple[YamlDocument | None, list[Diagnostic]]]:
    """``_read_files`` of every file, in order: by worker processes when there are many files.

    Results are yielded as they come, so the caller validates while the workers parse. When worker
    processes cannot be started or die, the files not yet done are read here instead.
    """
    done = 0
    workers = _cpu_count()
    if len(files) > PARALLEL_MIN_FILES and workers > 1 and not multiprocessing.current_process().daemon:
        chunks = [files[i : i + _CHUNK_FILES] for i in range(0, len(files), _CHUNK_FILES)]
        try:
            pool = ProcessPoolExecutor(workers, mp_context=_process_context())
            try:
                for chunk in pool.map(_read_files, chunks):  # in the order of the chunks
                    for result in chunk:
                        yield result
                        done += 1
            finally:  # also when stopped early (an error, Ctrl-C): drop the work not started yet
                pool.shutdown(cancel_futures=True)
        except (OSError, BrokenProcessPool, NotImplementedError, ImportError):
            pass  # e.g. no fork allowed, no /dev/shm (NotImplementedError, ImportError: no sem_open)
    for file in files[done:]:
        yield _read_files([file])[0]


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers, taskset)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _process_context() -> multiprocessing.context.BaseContext:
    """How to start workers. fork is the cheapest (they inherit the imported modules), but forking a
    process that runs other threads (``mkdocs serve`` does) can deadlock the child; then forkserver
    starts workers from a clean process that has imported the loader once."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run a whole load with the cyclic garbage collector paused, then set what it made aside.

    A process-wide setting, so only the programs opt in (the CLI and the MkDocs plugin), never
    ``read_catalogue`` itself: a library call must not change the collector of the process using it.

    Loading makes about fifty long-lived objects per file (values and models) and no reference
    cycles, so the collector would only rescan them, again and again (a quarter of the loading time
    at 10,000 files), and keep rescanning them during the rest of the build. ``gc.freeze`` moves
    every object alive now out of the collector's sight at no cost (a full collection would take a
    second at 10,000 files); reference counting still frees them when the catalogue goes. On a
    rebuild (``mkdocs serve``) the objects frozen last time are handed back first and collected, so
    the cycles of the previous build are freed instead of kept for the life of the process.
    """
    enabled = gc.isenabled()
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _load_item(kind: str, path: Path, shown: str, doc: YamlDocument | None, problems: list[Diagnostic]) -> tuple[Any, YamlDocument | None]:
    """Validate a modification or release read by ``_read_yaml``."""
    if doc is None:
        return None, None
    item_model = Modification if kind == "modification" else Release
    item = _validate(item_model, doc.value, doc, problems)
    if item is not None and item.id != path.stem:
        line, column = doc.locate(("id",))
        problems.append(Diagnostic(shown, line, column, "error", f"id: {item.id!r} does not match the file name: name the file {item.id}{path.suffix}"))
        return None, None
    return item, doc


def _load_notice(path: Path, shown: str, problems: list[Diagnostic]) -> tuple[Notice | None, YamlDocument | None]:
    text = _read_text(path, shown, problems)
    if text is None:
        return None, None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.append(Diagnostic(shown, 1, 1, "error", "a notice starts with front matter: a line '---', the fields, then '---'"))
        return None, None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        problems.append(Diagnostic(shown, 1, 1, "error", "the front matter has no closing '---' line"))
        return None, None
    doc = _read_yaml(path, shown, problems, line_offset=1, text="".join(lines[1:end]))
    if doc is None:
        return None, None
    front = _validate(NoticeFrontMatter, doc.value, doc, problems)
    if front is None:
        return None, None
    body = "".join(lines[end + 1 :]).strip("\n")
    notice_id = path.stem
    if not re.fullmatch(model.NOTICE_ID, notice_id):
        problems.append(Diagnostic(shown, 0, 0, "error", f"the file name is the notice's id: it must be {model.PATTERN_HELP[model.NOTICE_ID]}"))
        return None, None
    if not body.strip():
        problems.append(Diagnostic(shown, end + 1, 1, "error", "the notice has no text below its front matter"))
        return None, None
    return Notice(id=notice_id, body=body, **front.model_dump()), doc


def _validate(model_class: type[M], data: dict, doc: YamlDocument, problems: list[Diagnostic]) -> M | None:
    try:
        return model_class.model_validate(data)
    except ValidationError as exc:
        found = exc.errors(include_url=False)
        # A misspelt required key is one mistake, not two: drop "missing" for the suggested key.
        suggested = {_data_path(e["loc"])[:-1] + (hint,) for e in found if e["type"] == "extra_forbidden"
                     for hint in _suggestion(model_class, _data_path(e["loc"]))}
        for error in found:
            if not (error["type"] == "missing" and _data_path(error["loc"]) in suggested):
                problems.append(_diagnostic(model_class, error, doc))
        return None


def _suggestion(model_class: type[BaseModel], loc: tuple) -> list[str]:
    return difflib.get_close_matches(str(loc[-1]), _fields_at(model_class, loc[:-1]), n=1, cutoff=0.6)


def _diagnostic(model_class: type[BaseModel], error: dict, doc: YamlDocument) -> Diagnostic:
    """Turn one pydantic error into a message an editor can act on, at the right line."""
    loc = _data_path(error["loc"])
    kind = error["type"]
    shown_path = field_path(loc)
    if kind == "extra_forbidden":
        line, column = key_node(doc, loc)
        valid = _fields_at(model_class, loc[:-1])
        hint = _suggestion(model_class, loc)
        text = f"unknown field {str(loc[-1])!r}"
        text += f" (did you mean {hint[0]!r}?)" if hint else f" (allowed here: {', '.join(valid)})"
        where = field_path(loc[:-1])
        return Diagnostic(doc.path, line, column, "error", f"{where}: {text}" if where else text)
    line, column = doc.locate(loc)
    if kind == "missing":
        return Diagnostic(doc.path, line, column, "error", f"{shown_path}: required field is missing")
    return Diagnostic(doc.path, line, column, "error", f"{shown_path or 'file'}: {_explain(error)}")


def _data_path(loc: tuple) -> tuple:
    # Pydantic adds steps for validator functions ("function-after[...]") that are not in the data.
    return tuple(step for step in loc if isinstance(step, int) or not ("[" in step or step.startswith("function-")))


def field_path(loc: tuple) -> str:
    """``('implementation', 'dates', 0, 'release')`` → ``implementation.dates[0].release``."""
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _explain(error: dict) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "string_type":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"must be text: write it in quotes, \"{value}\""
        if hasattr(value, "isoformat"):
            return f"must be text: write it in quotes, \"{value.isoformat()}\""
        return f"must be text, found {_kind_of(value)}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not {model.PATTERN_HELP.get(ctx.get('pattern'), 'in the expected form')}"
    if kind == "literal_error":
        return f"{value!r} is not allowed: use {ctx.get('expected')}"
    if kind == "bool_type":
        return f"must be true or false, found {value!r}"
    if kind in ("float_type", "int_type", "int_from_float"):
        return f"must be a {'whole ' if kind != 'float_type' else ''}number (no quotes or currency signs), found {value!r}"
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        limit = int(limit) if float(limit).is_integer() else limit
        return f"must be {'at least' if kind == 'greater_than_equal' else 'more than'} {limit}, found {value!r}"
    if kind in ("tuple_type", "list_type"):
        return f"must be a list (lines starting with '- '), found {_kind_of(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of fields (name: value), found {_kind_of(value)}"
    if kind == "too_short":
        return "must not be an empty list"
    return error["msg"][0].lower() + error["msg"][1:] if error.get("msg") else kind


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a true/false value)"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if hasattr(value, "isoformat"):
        return f"the date {value.isoformat()}"
    return f"text {str(value)!r}"


def _fields_at(model_class: type[BaseModel], loc: tuple) -> list[str]:
    """Names of the fields allowed at ``loc`` (for 'did you mean' hints)."""
    current: Any = model_class
    for step in loc:
        if isinstance(step, int):
            continue
        info = current.model_fields.get(step) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if info is None:
            return []
        current = _model_in(info.annotation)
        if current is None:
            return []
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``Optional[tuple[Option, ...]]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
