"""Reading ``data/`` into one immutable catalogue, with every problem located by file, line and column.

A file that cannot be read or does not fit its model is reported and left out of the catalogue;
the other files are still read, so that one run reports every problem at once.

Only ordinary files directly in the data folder and in its folders modifications/, releases/ and
notices/ are read, each named by its id. Everything else there is reported by its path and never
opened: a symbolic link (it may lead out of the repository, whose files would then reach the log, the
site or the feed, or to itself), a named pipe or device, a folder, a wrong extension, a name with
invisible characters. The data folder itself may be a link.

Large data sets (thousands of modifications) are read and parsed by worker processes, one per CPU;
the models are validated here, as the parsed values cost less to send back than models do.

A preview (``mkdocs serve``) reads the same folder again after each edit: given a ``Reuse``, a file
whose bytes have not changed since the last read is neither parsed nor validated again.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import functools
import gc
import hashlib
import multiprocessing
import os
import re
import stat
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
from .diagnostics import Diagnostic, visible
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
    except (ValueError, OSError, RuntimeError):  # another drive on Windows; a symbolic link loop
        return str(path)


# What the data folder holds: each folder's kind of file, its extension and the pattern of its ids
# (a file name is its id), and the generated list page that takes the name ``index`` in it.
_FOLDERS = {
    "modifications": ("modification", ".yml", model.MODIFICATION_ID, "the Modifications Register"),
    "releases": ("release", ".yml", model.RELEASE_ID, "the list of releases"),
    "notices": ("notice", ".md", model.NOTICE_ID, "the list of notices"),
}
_ROOT_FILES = ("calendar.yml", "README.md")
# Git keeps no empty folder, so an empty folder is kept with a file of this name: it holds nothing to
# publish, so it is allowed in any data folder without a word.
_PLACEHOLDER = ".gitkeep"
# Extensions of files meant as data: one of these that will not be read is an error, not a warning.
_DATA_EXTENSIONS = (".yml", ".yaml", ".md", ".markdown")
_LAYOUT = "the data folder holds only calendar.yml, README.md and the folders modifications/, releases/ and notices/"

_WHERE_GIVEN = "check the folder given to secsite check, or data_dir in mkdocs.yml"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# O_NONBLOCK: should a named pipe be swapped in after the listing, opening it returns at once
# (fstat then refuses it) instead of waiting for a writer forever.
_FILE_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0)
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
_BY_FOLDER = os.open in os.supports_dir_fd


class _Opener:
    """Opens the files of one data folder without following a symbolic link below it.

    The listing already refuses links; opening with O_NOFOLLOW, relative to folders opened with
    O_NOFOLLOW too, means a link swapped in after the listing is refused as well, never read. The
    data folder itself may be a link (the benchmark links it). Folders are opened once and kept.
    """

    def __init__(self, root: str):
        self.root = root
        self.folders: dict[str, int] = {}

    def open(self, folder: str, name: str) -> int:
        if not _BY_FOLDER:  # Windows: no O_NOFOLLOW either; the listing has refused links
            return os.open(os.path.join(self.root, folder, name), _FILE_FLAGS)
        if folder not in self.folders:
            if "" not in self.folders:
                self.folders[""] = os.open(self.root, _FOLDER_FLAGS)
            if folder:
                self.folders[folder] = os.open(folder, _FOLDER_FLAGS | _NOFOLLOW, dir_fd=self.folders[""])
        return os.open(name, _FILE_FLAGS, dir_fd=self.folders[folder])

    def close(self) -> None:
        for descriptor in self.folders.values():
            os.close(descriptor)
        self.folders.clear()


class Reuse:
    """What reading each data file gave (its model, its document and its problems), keyed by its
    path and a digest of its bytes, kept from one read of a data folder to the next. Models and
    documents are immutable, so a file that did not change is taken as it was. Only the last read's
    files are kept, so the memory it holds stays that of one data folder."""

    def __init__(self) -> None:
        self._last: dict[tuple, tuple] = {}
        self._now: dict[tuple, tuple] = {}
        self.parsed = 0  # files parsed and validated by the last read (the others were reused)

    def _start(self) -> None:
        self._now, self.parsed = {}, 0

    def _finish(self) -> None:
        self._last, self._now = self._now, {}

    def get(self, kind: str, shown: str, text: str, make: Callable[[], tuple]) -> tuple:
        key = (kind, shown, hashlib.blake2b(text.encode("utf-8"), digest_size=20).digest())
        found = self._last.get(key) or self._now.get(key)
        if found is None:
            found = make()
            self.parsed += 1
        self._now[key] = found
        return found


def read_catalogue(data_dir: str | os.PathLike[str], reuse: Reuse | None = None) -> tuple[Catalogue, list[Diagnostic]]:
    """Read every data file. Returns the catalogue of the files that loaded and all problems found.
    With ``reuse``, files unchanged since its last read are taken from it."""
    root = Path(data_dir)
    problems: list[Diagnostic] = []
    try:
        entries = _entries(root)  # the data folder itself may be a link: the benchmark links it
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            what = "does not exist" if exc.errno == errno.ENOENT else "is not a folder"
            message = f"the data directory {what}: {_WHERE_GIVEN}"
        else:
            message = f"cannot read the data directory ({exc.strerror}): {_WHERE_GIVEN}"
        problems.append(Diagnostic(str(root), 1, 1, "error", message))
        return Catalogue.empty(), problems
    if reuse is not None:
        reuse._start()
    with contextlib.closing(_Opener(str(root))) as opener:
        found = _read_catalogue(root, entries, opener, problems, reuse)
    if reuse is not None:
        reuse._finish()
    return found


def _entries(folder: Path) -> list[os.DirEntry]:
    """The entries of ``folder``, sorted as Paths sort. scandir knows whether an entry is a file, a
    folder or a link without a system call per entry."""
    with os.scandir(folder) as scan:
        return sorted(scan, key=lambda entry: os.path.normcase(entry.name))


def _read_catalogue(root: Path, entries: list[os.DirEntry], opener: _Opener,
                    problems: list[Diagnostic], reuse: Reuse | None) -> tuple[Catalogue, list[Diagnostic]]:
    sources: dict[tuple[str, str], YamlDocument] = {}
    unreadable: set[tuple[str, str]] = set()
    loaded: dict[str, dict[str, Any]] = {"modification": {}, "release": {}, "notice": {}}
    prefix = display_path(root)

    # First list the files, in the order their problems are reported; then read the YAML files (in
    # worker processes when there are many); then validate each, in that same order.
    plan: list[Diagnostic | tuple[str, str, str, str]] = []
    folders, calendar_shown = _survey(root, entries, prefix, plan)
    for folder, (kind, suffix, pattern, page) in _FOLDERS.items():
        if folder in folders:
            plan += _files(root / folder, _join(prefix, folder), kind, suffix, pattern, page, unreadable)

    # With ``reuse`` every file is read here (reading is cheap) and only the changed ones are parsed.
    yaml_files = [] if reuse else [entry[1:] for entry in plan if isinstance(entry, tuple) and entry[0] != "notice"]
    with contextlib.closing(_read_all(str(root), yaml_files, opener)) as read:
        for entry in plan:
            if isinstance(entry, Diagnostic):
                problems.append(entry)
                continue
            kind, folder, name, shown = entry
            if reuse is not None:
                item, doc = _reuse_or_load(reuse, opener, kind, folder, name, shown, problems)
            elif kind == "notice":
                item, doc = _load_notice(opener, folder, name, shown, problems)
            else:
                doc, found = next(read)
                problems += found
                item, doc = _load_item(kind, name, shown, doc, problems)
            item_id = os.path.splitext(name)[0]
            if item is None:
                unreadable.add((kind, item_id))
                continue
            sources[(kind, item_id)] = doc
            loaded[kind][item_id] = item

    calendar = CalendarFile()
    if calendar_shown is not None:
        doc = _read_yaml(opener, "", "calendar.yml", calendar_shown, problems)
        if doc is not None:
            sources[("calendar", "calendar")] = doc
            calendar = _validate(CalendarFile, doc.value, doc, problems) or CalendarFile()

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


def _shown(folder: Path, prefix: str, entry: os.DirEntry) -> str:
    """``display_path`` of an entry of ``folder`` (shown as ``prefix``). Resolving every path walks its
    whole chain of folders (a tenth of a large run); an entry that is not a link resolves to the
    resolved folder plus its name, so one answer fits all. A link may point anywhere."""
    try:
        link = entry.is_symlink()
    except OSError:  # gone since the listing: reported as unreadable by the caller
        link = False
    return display_path(folder / entry.name) if link else _join(prefix, entry.name)


def _join(prefix: str, name: str) -> str:
    return name if prefix == os.curdir else os.path.join(prefix, name)


def _survey(root: Path, entries: list[os.DirEntry], prefix: str, plan: list) -> tuple[set[str], str | None]:
    """Check what lies directly in the data folder: the data folders present, and calendar.yml's
    path as shown when it is there to read. Anything else is reported."""
    folders: set[str] = set()
    calendar: str | None = None
    known = [*(f"{folder}/" for folder in _FOLDERS), *_ROOT_FILES]
    for entry in entries:
        name, shown, kind = entry.name, _shown(root, prefix, entry), _entry_kind(entry)
        if name in _FOLDERS or name in _ROOT_FILES:
            problem = _type_problem(kind, "folder" if name in _FOLDERS else "file", name, "")
            if problem:
                plan.append(Diagnostic(shown, 1, 1, "error", problem))
            elif name in _FOLDERS:
                folders.add(name)
            elif name == "calendar.yml":
                calendar = shown
            continue
        if name == _PLACEHOLDER and kind == "file":
            continue
        problem = _type_problem(kind, "file or folder", name, "") if kind != "folder" else None
        problem = problem or _name_problem(name, lambda new: new in known or f"{new}/" in known)
        if problem is None:
            typed = name.lower() + "/" * (kind == "folder")
            hint = difflib.get_close_matches(typed, [k.lower() for k in known], n=1, cutoff=0.75)
            if hint:
                right = next(k for k in known if k.lower() == hint[0])
                problem = f"not a data {'folder' if right.endswith('/') else 'file'} name: rename it to {right}"
            elif kind == "folder":
                problem = f"a folder that is not read: {_LAYOUT}; move its files or delete it"
            elif os.path.splitext(name)[1].lower() in _DATA_EXTENSIONS:
                problem = f"not read here: {_LAYOUT}; move it into its folder or delete it"
            elif _hidden(name):
                plan.append(Diagnostic(shown, 1, 1, "warning", _HIDDEN_FILE))
                continue
            else:
                problem = f"not a data file, and never read: {_LAYOUT}; delete it"
        plan.append(Diagnostic(shown, 1, 1, "error", problem))
    return folders, calendar


# A file an operating system or a tool leaves behind (.DS_Store): named, but not worth failing for.
# Any other file that is not a data file is an error: a backup (MP100.yml.bak, MP100.yml~) or a
# file in another format (MP300.json) would otherwise be left off the site without anyone noticing.
_HIDDEN_FILE = "a hidden file, not a data file: it is ignored; delete it"


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _entry_kind(entry: os.DirEntry) -> str:
    """What an entry is: "link", "file", "folder", or what else, in words. Nothing is followed or
    opened: a link may point outside the repository or to itself, and opening a named pipe waits for
    a writer forever. scandir knows the answer without a system call, except for special files."""
    try:
        if entry.is_symlink():
            return "link"
        if entry.is_file(follow_symlinks=False):
            return "file"
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:  # e.g. removed while being listed
        return "an entry that cannot be read"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device file" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"


def _type_problem(kind: str, want: str, name: str, folder: str) -> str | None:
    """What is wrong with an entry of ``kind`` (see ``_entry_kind``) where a ``want`` is expected;
    ``folder`` is the data folder it is in ("" for the data folder itself)."""
    if kind in want.split(" or "):
        return None
    if kind == "link":
        return f"a symbolic link: links in the data folder are never followed; put the {want} itself here, or delete the link"
    if kind == "folder":
        if folder:
            return f"a folder: data files go directly in {folder}/, not in folders inside it; move its files up or delete it"
        return f"must be a file, not a folder: delete the folder and make the file {name}"
    if kind == "file":
        return f"must be a folder, not a file: delete the file and make the folder {name}/"
    return f"{kind}, not an ordinary {want}: it is never opened; delete it"


def _name_problem(name: str, fits: Callable[[str], bool]) -> str | None:
    """A name with characters an editor cannot see, or spaces at either end; the cleaned name is
    suggested when ``fits`` it."""
    if name.isprintable() and name == name.strip():
        return None
    cleaned = "".join(c for c in name if c.isprintable()).strip()
    suggestion = f" to {cleaned}" if cleaned and fits(cleaned) else ""
    if not name.isprintable():
        hidden = " ".join(dict.fromkeys(visible(c) for c in name if not c.isprintable()))
        return f"the name has a control or invisible character in it ({hidden}): rename it{suggestion}"
    return f"the name starts or ends with a space: rename it{suggestion}"


def _files(folder: Path, shown_folder: str, kind: str, suffix: str, pattern: str, page: str,
           unreadable: set[tuple[str, str]]) -> list[Diagnostic | tuple[str, str, str, str]]:
    """The data files in ``folder`` as ``(kind, folder, name, shown path)``, sorted, and a problem for
    every other entry. A refused entry whose name is a valid id is noted in ``unreadable``, so the
    references to it are not also reported as dangling."""
    name_of_folder = folder.name
    try:
        entries = _entries(folder)
    except OSError as exc:
        return [Diagnostic(shown_folder, 1, 1, "error", f"cannot read the folder ({exc.strerror}): check its permissions")]

    def fits(name: str) -> bool:
        stem, extension = os.path.splitext(name)
        return extension == suffix and bool(re.fullmatch(pattern, stem))

    plan: list[Diagnostic | tuple[str, str, str, str]] = []
    names: list[tuple[str, str]] = []  # (name, shown) of the files whose kind and extension are right
    listed = {entry.name for entry in entries}
    for entry in entries:
        name, shown, what = entry.name, _shown(folder, shown_folder, entry), _entry_kind(entry)
        stem, extension = os.path.splitext(name)
        if name == _PLACEHOLDER and what == "file":
            continue
        problem = _type_problem(what, "file", name, name_of_folder) or _name_problem(name, fits)
        if problem is None and extension != suffix:
            if extension.lower() not in _DATA_EXTENSIONS and _hidden(name):
                plan.append(Diagnostic(shown, 1, 1, "warning", _HIDDEN_FILE))
                continue
            original = next((n for n in (stem, stem + suffix) if n != name and n in listed), None)
            problem = f"files in {name_of_folder}/ must end in {suffix}: " + (
                f"this looks like a copy of {original}; delete it" if original else
                f"rename it to {stem}{suffix}" if fits(stem + suffix) else f"this is not a {kind} file; move it or delete it")
        if problem is not None:
            plan.append(Diagnostic(shown, 1, 1, "error", problem))
            if re.fullmatch(pattern, stem):
                unreadable.add((kind, stem))
            continue
        names.append((name, shown))

    # Ids become lower-cased URLs: a file whose name is a valid id in other letter case is named.
    valid = {os.path.splitext(name)[0].lower(): shown for name, shown in names if fits(name)}
    for name, shown in names:
        stem = os.path.splitext(name)[0]
        if stem.lower() == "index":
            problem = f"'index' is the name of {page}, which the site makes itself: choose another name"
        elif fits(name):
            plan.append((kind, name_of_folder, name, shown))
            continue
        elif stem.lower() in valid:
            problem = f"the same id as {valid[stem.lower()]} (ids are compared ignoring case): keep one of the two"
        else:
            problem = _id_problem(kind, stem, suffix, pattern)
        plan.append(Diagnostic(shown, 1, 1, "error", problem))
    return plan


def _id_problem(kind: str, stem: str, suffix: str, pattern: str) -> str:
    text = f"the file name is the {kind}'s id: it must be {model.PATTERN_HELP[pattern]}, followed by {suffix}"
    foreign = next((c for c in stem if not c.isascii()), None)
    if foreign is not None:  # e.g. Arabic-Indic digits, which look like an id to a reader
        text += f" ({foreign!r} is not an ASCII letter or digit)"
    return text + "; rename it"


def _read_text(opener: _Opener, folder: str, name: str, shown: str, problems: list[Diagnostic]) -> str | None:
    try:
        descriptor = opener.open(folder, name)
    except OSError as exc:
        problems.append(Diagnostic(shown, 1, 1, "error", _open_problem(exc)))
        return None
    with open(descriptor, "rb") as file:  # owns the descriptor from here: closes it
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):  # swapped in since the listing
            problems.append(Diagnostic(shown, 1, 1, "error", "not an ordinary file: it is never read; delete it"))
            return None
        if status.st_nlink > 1:  # the same file under another name, possibly outside the repository
            problems.append(Diagnostic(shown, 1, 1, "error", "a hard link: the file has other names, which may be "
                                       "outside the data folder, so it is never read; copy its text into a new file"))
            return None
        try:
            raw = file.read(MAX_FILE_BYTES + 1)  # no more than that of a file that is far too big
        except OSError as exc:
            problems.append(Diagnostic(shown, 1, 1, "error", _open_problem(exc)))
            return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Diagnostic(shown, 1, 1, "error", f"the file is over {MAX_FILE_BYTES:,} bytes; data files must stay under that"))
        return None
    if b"\x00" in raw:
        problems.append(Diagnostic(shown, 1, 1, "error",
                                   "this is a binary file, not UTF-8 text: data files are YAML or Markdown text"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Diagnostic(shown, line, 1, "error", "the file is not UTF-8 text: save it as UTF-8"))
        return None
    if not text.strip():
        problems.append(Diagnostic(shown, 1, 1, "error", "the file is empty: fill it in or delete it"))
        return None
    return text


def _open_problem(exc: OSError) -> str:
    # O_NOFOLLOW refuses a link with ELOOP (EMLINK on FreeBSD).
    if exc.errno in (errno.ELOOP, errno.EMLINK):
        return "a symbolic link: links in the data folder are never followed; put the file itself here"
    return f"cannot read the file ({exc.strerror}): check that it is an ordinary, readable file"


def _read_yaml(opener: _Opener, folder: str, name: str, shown: str, problems: list[Diagnostic]) -> YamlDocument | None:
    text = _read_text(opener, folder, name, shown, problems)
    return None if text is None else _parse_yaml(text, shown, problems)


def _parse_yaml(text: str, shown: str, problems: list[Diagnostic], line_offset: int = 0) -> YamlDocument | None:
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


def _read_files(root: str, files: list[tuple[str, str, str]], opener: _Opener | None = None
                ) -> list[tuple[YamlDocument | None, list[Diagnostic]]]:
    """Read and parse YAML files given as (folder, name, shown path): each one's document and problems."""
    own = opener is None
    opener = opener or _Opener(root)
    try:
        results = []
        for folder, name, shown in files:
            found: list[Diagnostic] = []
            results.append((_read_yaml(opener, folder, name, shown, found), found))
        return results
    finally:
        if own:
            opener.close()


def _read_all(root: str, files: list[tuple[str, str, str]], opener: _Opener
              ) -> Iterator[tuple[YamlDocument | None, list[Diagnostic]]]:
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
                for chunk in pool.map(functools.partial(_read_files, root), chunks):  # in the order of the chunks
                    for result in chunk:
                        yield result
                        done += 1
            finally:  # also when stopped early (an error, Ctrl-C): drop the work not started yet
                pool.shutdown(cancel_futures=True)
        except (OSError, BrokenProcessPool, NotImplementedError, ImportError):
            pass  # e.g. no fork allowed, no /dev/shm (NotImplementedError, ImportError: no sem_open)
    for file in files[done:]:
        yield _read_files(root, [file], opener)[0]


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


def _reuse_or_load(reuse: Reuse, opener: _Opener, kind: str, folder: str, name: str, shown: str,
                   problems: list[Diagnostic]) -> tuple[Any, YamlDocument | None]:
    """A data file's model and document, taken from ``reuse`` when its bytes have not changed."""
    text = _read_text(opener, folder, name, shown, problems)
    if text is None:
        return None, None

    def load() -> tuple:
        found: list[Diagnostic] = []
        if kind == "notice":
            item, doc = _notice_from_text(text, name, shown, found)
        else:
            item, doc = _load_item(kind, name, shown, _parse_yaml(text, shown, found), found)
        return item, doc, tuple(found)

    item, doc, found = reuse.get(kind, shown, text, load)
    problems += found
    return item, doc


def _load_item(kind: str, name: str, shown: str, doc: YamlDocument | None, problems: list[Diagnostic]) -> tuple[Any, YamlDocument | None]:
    """Validate a modification or release read by ``_read_yaml``."""
    if doc is None:
        return None, None
    item_model = Modification if kind == "modification" else Release
    item = _validate(item_model, doc.value, doc, problems)
    stem, suffix = os.path.splitext(name)
    if item is not None and item.id != stem:
        line, column = doc.locate(("id",))
        problems.append(Diagnostic(shown, line, column, "error", f"id: {item.id!r} does not match the file name: name the file {item.id}{suffix}"))
        return None, None
    return item, doc


def _load_notice(opener: _Opener, folder: str, name: str, shown: str, problems: list[Diagnostic]) -> tuple[Notice | None, YamlDocument | None]:
    text = _read_text(opener, folder, name, shown, problems)
    return (None, None) if text is None else _notice_from_text(text, name, shown, problems)


def _notice_from_text(text: str, name: str, shown: str, problems: list[Diagnostic]) -> tuple[Notice | None, YamlDocument | None]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.append(Diagnostic(shown, 1, 1, "error", "a notice starts with front matter: a line '---', the fields, then '---'"))
        return None, None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        problems.append(Diagnostic(shown, 1, 1, "error", "the front matter has no closing '---' line"))
        return None, None
    doc = _parse_yaml("".join(lines[1:end]), shown, problems, line_offset=1)
    if doc is None:
        return None, None
    front = _validate(NoticeFrontMatter, doc.value, doc, problems)
    if front is None:
        return None, None
    body = "".join(lines[end + 1 :]).strip("\n")
    if not body.strip():
        problems.append(Diagnostic(shown, end + 1, 1, "error", "the notice has no text below its front matter"))
        return None, None
    return Notice(id=os.path.splitext(name)[0], body=body, **front.model_dump()), doc


_ORDERED_KIND = {Modification: "modification", Release: "release", CalendarFile: "calendar"}


def _validate(model_class: type[M], data: dict, doc: YamlDocument, problems: list[Diagnostic]) -> M | None:
    try:
        return model_class.model_validate(data)
    except ValidationError as exc:
        found = exc.errors(include_url=False)
        # A misspelt required key is one mistake, not two: drop "missing" for the suggested key.
        suggested = {_data_path(e["loc"], data)[:-1] + (hint,) for e in found if e["type"] == "extra_forbidden"
                     for hint in _suggestion(model_class, _data_path(e["loc"], data))}
        for error in found:
            if not (error["type"] == "missing" and _data_path(error["loc"], data) in suggested):
                problems.append(_diagnostic(model_class, error, doc))
        # The checks of valid files never see this one: report its lists out of order now too.
        kind = _ORDERED_KIND.get(model_class)
        for path, name in model.entries_out_of_order(kind, data) if kind and isinstance(data, dict) else ():
            line, column = doc.locate(path)
            problems.append(Diagnostic(doc.path, line, column, "error", f"{field_path(path)}: {model.out_of_order_message(name)}"))
        return None


def _suggestion(model_class: type[BaseModel], loc: tuple) -> list[str]:
    return difflib.get_close_matches(str(loc[-1]), _fields_at(model_class, loc[:-1]), n=1, cutoff=0.6)


def _diagnostic(model_class: type[BaseModel], error: dict, doc: YamlDocument) -> Diagnostic:
    """Turn one pydantic error into a message an editor can act on, at the right line."""
    loc = _data_path(error["loc"], doc.value)
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


# Pydantic's own steps in an error's location: validator functions and union members
# ("function-after[_finite_pounds(), float]"), which are not in the data.
_PYDANTIC_STEP = re.compile(r"[a-z][a-z-]*\[.*\]\Z", re.DOTALL)


def _data_path(loc: tuple, data: object) -> tuple:
    """``loc`` as a path in ``data``: pydantic's own steps left out, and a key written in the data
    kept, whatever it looks like (an editor's ``tit[le:`` is a key, not one of pydantic's steps)."""
    path, here = [], data
    for step in loc:
        written = isinstance(here, dict) and step in here
        if not (written or isinstance(step, int) or not _PYDANTIC_STEP.match(step)):
            continue
        path.append(step)
        if written:
            here = here[step]
        elif isinstance(here, list) and isinstance(step, int) and 0 <= step < len(here):
            here = here[step]
        else:
            here = None
    return tuple(path)


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
