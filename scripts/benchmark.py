#!/usr/bin/env python3
"""Time ``secsite check`` and the site build on large synthetic data sets (a hand-run tool, never a test).

    .venv/bin/python scripts/benchmark.py                       # N = 300, 3,000, 10,000
    .venv/bin/python scripts/benchmark.py --sizes 300 1000 --runs 5 --no-write

For each size N it writes a data directory with N modification files (the bundled ones plus
synthetic ones shaped like them, all valid) and the bundled releases, notices and calendar, then
runs the command as a subprocess (so interpreter start-up and imports count) and keeps the best of
``--runs`` runs. It prints a Markdown table and writes it, with the machine, to scripts/BENCHMARK.md.

``--mode build`` times ``mkdocs build --strict`` of the site instead, taking turns with a plain
MkDocs build of the same generated pages (the baseline; see ``plain_project``).

``--mode serve`` times the editors' preview: the reload after saving one data file under ``mkdocs
serve --dirty`` (and plain ``mkdocs serve``), against a full ``mkdocs build --strict`` in the same run.
"""

from __future__ import annotations

import argparse
import calendar
import functools
import os
import platform
import queue
import random
import re
import socket
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from secsite import policy
from secsite.model.loader import read_catalogue
from secsite.history.schedule import Settings, build_schedule

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "data"
# The console script next to this Python (the venv's), as editors run it; else the module.
_SCRIPT = Path(sys.executable).parent / "secsite"
SECSITE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "secsite.adapters.cli"]
# A fixed build date, so that the generated data means the same thing whenever this runs.
BUILD_DATE = date(2026, 11, 26)
EPOCH = str(calendar.timegm(BUILD_DATE.timetuple()) + 12 * 3600)  # its noon, as SOURCE_DATE_EPOCH
DEFAULT_SIZES = (300, 3_000, 10_000)

# --- Synthetic data ---------------------------------------------------------------------------------

WORDS = (
    "meter readings tariff switching consumer prepayment install firmware security key certificate "
    "alert schedule register export import profile network supplier service request response device "
    "gateway hub communications outage reporting performance capacity migration test evidence"
).split()
PROPOSERS = ("British Gas", "EDF Energy", "Octopus Energy", "Brightwater Energy", "SEC Panel",
             "Northern Powergrid", "Cadent", "Cobalt Metering Services", "DCC", "E.ON Next")
DOCUMENTS = ("Section H 'DCC Services'", "Appendix AD 'DCC User Interface Specification'",
             "Appendix AB 'Great Britain Companion Specification'", "Section G 'Security'",
             "Appendix L 'SMKI Recovery Procedure'", "Section F 'Smart Metering System Requirements'",
             "Section L 'Smart Metering Key Infrastructure'", "Appendix AC 'Threshold Anomaly Detection Procedures'")
PARTIES = ("large_suppliers", "small_suppliers", "electricity_networks", "gas_networks", "other_parties")
EVENTS = ("Draft Proposal raised", "Converted to Modification Proposal", "Refinement Consultation issued",
          "Working Group meeting", "Modification Report presented to the Panel",
          "Change Board vote (recommended approval)", "Authority decision (approved)")
# Scheduled System Releases inside the default horizon of BUILD_DATE (to the end of 2028).
TARGETS = ("2027-06", "2027-11", "2028-06", "2028-11")


@functools.lru_cache(maxsize=None)
def go_live(release_id: str) -> date:
    """The go-live of a bundled release on the build date (the bundled data may have moved it, R7)."""
    catalogue, _ = read_catalogue(BUNDLED)
    return build_schedule(catalogue, Settings(today=BUILD_DATE)).releases[release_id].go_live


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random, lines: int) -> str:
    """A block scalar body: lines of ~90 characters, indented for a top-level key."""
    return "".join(f"  {sentence(rng, 12)}{'.' if i == lines - 1 else ''}\n" for i in range(lines))


def modification_yaml(number: int, rng: random.Random) -> str:
    """One valid modification in the shape of the bundled ones (about 50 lines, 2-3 kB)."""
    mod_id = f"MP{number:05d}"
    first, second = sorted(rng.sample(range(len(TARGETS)), 2))
    target, fallback = TARGETS[first], TARGETS[second]
    # Set 14-16 months before go-live: before the 12-month cut-off, so never a late addition (R14);
    # and before the build date, as the Panel cannot have set it later.
    set_on = min(policy.months_before(go_live(target), rng.randint(14, 16)), BUILD_DATE - timedelta(days=rng.randint(10, 200)))
    raised = set_on - timedelta(days=rng.randint(120, 400))
    decide_by = set_on + timedelta(days=rng.randint(60, 150))
    stage = rng.choice(("development", "refinement", "report", "decision", "approved", "approved", "on-hold"))
    dcc = rng.random() < 0.6
    out = [
        "# Synthetic benchmark data: not an official SEC record.",
        f"id: {mod_id}",
        f"title: {sentence(rng, 8)}",
        f"stage: {stage}",
        f"route: {rng.choice(('authority', 'self-governance', 'fast-track'))}",
    ]
    if rng.random() < 0.1:
        out.append("urgent: true")
    out += [
        f"raised: {raised.isoformat()}",
        f"proposer: {rng.choice(PROPOSERS)}",
        "lead_analyst: SEC Change",
        "summary: |",
        paragraph(rng, 3).rstrip("\n"),
        "solution: >-",
        paragraph(rng, 2).rstrip("\n"),
        "impacts:",
        f"  dcc_systems: {'true' if dcc else 'false'}",
        f"  user_systems: {rng.choice(('true', 'false'))}",
        "  parties:",
        *(f"    {party}: {rng.choice(('high', 'medium', 'low'))}" for party in rng.sample(PARTIES, rng.randint(1, 4))),
        "  documents:",
        *(f"    - {doc}" for doc in rng.sample(DOCUMENTS, rng.randint(1, 3))),
        "implementation:",
        f"  set: {set_on.isoformat()}",
        "  dates:",
        f'    - release: "{target}"',
    ]
    if rng.random() < 0.5:  # R12: a written date must be the release's go-live
        out.append(f"      date: {go_live(target).isoformat()}")
    out += [
        f"      decision_by: {decide_by.isoformat()}",
        f'    - release: "{fallback}"',
        f"      decision_by: {(decide_by + timedelta(days=rng.randint(90, 200))).isoformat()}",
        # The fall-back may enter its release after the cut-off (R14): the Panel's rationale.
        "      late_addition: The Panel accepted the later release as the fall-back.",
    ]
    decided = None
    if stage == "approved":
        decided = set_on + timedelta(days=rng.randint(1, (min(decide_by, BUILD_DATE) - set_on).days))
    if decided is not None and rng.random() < 0.2:
        # History: an Authority-approved revision to a later release (R11), with its rationale.
        later = TARGETS[min(second + 1, len(TARGETS) - 1)]
        asked = decided + timedelta(days=rng.randint(5, 40))
        out += ["  changes:", f"    - requested: {asked.isoformat()}",
                f"      approved: {(asked + timedelta(days=rng.randint(5, 30))).isoformat()}",
                f'      release: "{later}"', "      reason: DCC testing capacity",
                "      late_addition: The Authority agreed the move after the cut-off."]
    if decided is not None:
        out += ["decision:", f"  date: {decided.isoformat()}",
                f"  by: {rng.choice(('authority', 'change-board'))}", "  outcome: approved"]
    out += ["costs:"]
    out += [f"  {line}: {rng.randrange(0, 900_000, 1000)}" for line in
            ("design_build_pit", "sit", "uit", "implement_to_live", "one_off_operational", "ongoing_operational")]
    out += ["history:"]
    day = raised
    for event in EVENTS[: rng.randint(2, 6)]:
        if day > BUILD_DATE:
            break
        out += [f"  - date: {day.isoformat()}", f"    event: {event}"]
        day += timedelta(days=rng.randint(20, 90))
    out += ["documents:"]
    for n in range(rng.randint(1, 3)):
        out += [f"  - title: Modification Report v{n + 1}.0",
                f"    url: https://example.org/sec/modifications/{mod_id.lower()}/report-v{n + 1}.0.pdf",
                f"    date: {(set_on - timedelta(days=10 * n)).isoformat()}"]
    return "\n".join(out) + "\n"


def generate(dest: Path, count: int, seed: int = 1) -> Path:
    """A data directory with ``count`` modification files: the bundled ones plus synthetic ones.

    The bundled modifications are kept because the bundled notices refer to them.
    """
    shutil.copytree(BUNDLED / "releases", dest / "releases")
    shutil.copytree(BUNDLED / "notices", dest / "notices")
    shutil.copytree(BUNDLED / "modifications", dest / "modifications")
    shutil.copy(BUNDLED / "calendar.yml", dest / "calendar.yml")
    rng = random.Random(seed)
    bundled = len(list((dest / "modifications").glob("*.yml")))
    for number in range(1, max(count - bundled, 0) + 1):
        (dest / "modifications" / f"MP{number:05d}.yml").write_text(modification_yaml(number, rng), encoding="utf-8")
    return dest


# --- Timing -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float  # the largest single process of the run (a worker pool's processes are not summed)


def run_timed(command: list[str], cwd: Path) -> tuple[Run, int, str]:
    """Run ``command`` once; wall time, peak RSS (from the kernel's rusage of the child), exit code, stderr."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    env.pop("GITHUB_ACTIONS", None)
    # Python keeps compiled modules between runs, as on an editor's machine; some sandboxes turn that
    # off, which would add the compiling of every module to every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        # wait4 gives this child's own rusage (its waited-for descendants included), so each run is
        # measured on its own instead of the running maximum that getrusage(RUSAGE_CHILDREN) keeps.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss / 1024), process.returncode, stderr


def run_check(data_dir: Path) -> Run:
    """One timed ``secsite check`` of ``data_dir``; fails loudly if the data is not valid."""
    run, code, stderr = run_timed([*SECSITE, "check", str(data_dir)], cwd=data_dir.parent)
    if code != 0 or "secsite check: 0 errors" not in stderr:
        raise SystemExit(f"secsite check failed on {data_dir} (exit {code}):\n{stderr[-2000:]}")
    return run


_LIBYAML = (
    "import pathlib, sys, yaml\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).glob('**/*.yml')):\n"
    "    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)\n"
)


def run_libyaml(data_dir: Path) -> Run:
    """The check's baseline: a Python process that only parses the same YAML files with libyaml."""
    run, code, stderr = run_timed([sys.executable, "-c", _LIBYAML, str(data_dir)], cwd=data_dir.parent)
    if code != 0:
        raise SystemExit(f"libyaml parse failed on {data_dir} (exit {code}):\n{stderr[-2000:]}")
    return run


def _mkdocs_build(project: Path) -> Run:
    site = project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    run, code, stderr = run_timed(command, cwd=project)
    if code != 0:
        raise SystemExit(f"mkdocs build failed in {project} (exit {code}):\n{stderr[-2000:]}")
    shutil.rmtree(site)
    return run


def site_project(data_dir: Path) -> Path:
    """The repository's site project (config, content, overrides) with ``data_dir`` as its data."""
    project = data_dir.parent / f"project-{data_dir.name}"
    if not project.exists():
        project.mkdir()
        shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
        for folder in ("content", "overrides"):
            shutil.copytree(REPO / folder, project / folder)
        (project / "data").symlink_to(data_dir.resolve(), target_is_directory=True)
    return project


def plain_project(project: Path) -> Path:
    """The baseline: the same site written out by ``secsite export`` (every page as a Markdown file,
    the downloads as static files, the same theme, navigation and Markdown extensions), built by
    MkDocs without the secsite and macros plugins. Both builds publish the same files."""
    plain = project.parent / f"plain-{project.name}"
    if not plain.exists():
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        command = [*SECSITE, "export", str(plain), "-f", str(project / "mkdocs.yml")]
        subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    return plain


def run_build(data_dir: Path) -> Run:
    """One timed ``mkdocs build --strict`` of the site with ``data_dir`` as its data."""
    return _mkdocs_build(site_project(data_dir))


def run_baseline(data_dir: Path) -> Run:
    """One timed plain MkDocs build of the same rendered pages (see ``plain_project``)."""
    return _mkdocs_build(plain_project(site_project(data_dir)))


# --- The editors' preview -------------------------------------------------------------------------

# The edit each reload follows: a modification's title, changed and changed back in turn.
EDITED = "modifications/MP255.yml"
_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


class Server:
    """``mkdocs serve`` of a project in the background, telling when each build is done."""

    def __init__(self, project: Path, *options: str):
        with socket.socket() as probe:  # a free port
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
        self.process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.first = self.built()  # the first build: every page

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line)
        self.lines.put("")

    def built(self) -> float:
        """Wait for the next "Documentation built"; the seconds MkDocs reports for that build."""
        while True:
            line = self.lines.get(timeout=1800)
            if not line or "ERROR" in line or "Aborted" in line:
                self.stop()
                raise SystemExit(f"mkdocs serve failed: {line}")
            found = _BUILT.search(line)
            if found:
                return float(found.group(1))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def reloads(project: Path, options: tuple[str, ...], runs: int) -> tuple[float, float]:
    """Save one data file ``runs`` times under ``mkdocs serve OPTIONS``; the best time from the save
    until the rebuilt site is ready (the file watcher's delay included), and MkDocs' own figure for
    that rebuild."""
    path = project / "data" / EDITED
    original = path.read_text(encoding="utf-8")
    server = Server(project, *options)
    best = (float("inf"), float("inf"))
    try:
        for run in range(runs):
            time.sleep(1.5)  # let the watcher settle, as between an editor's saves
            text = original if run % 2 else original.replace("title: ", "title: Edited ", 1)
            start = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            reported = server.built()
            best = min(best, (time.perf_counter() - start, reported))
    finally:
        server.stop()
        path.write_text(original, encoding="utf-8")
    return best


def serve_row(data_dir: Path, runs: int) -> tuple[Run, float, float, float]:
    """A full ``mkdocs build --strict``, then the reload after one saved data file under ``mkdocs
    serve`` (every page rebuilt) and under the editors' ``mkdocs serve --dirty``, in one run."""
    project = site_project(data_dir)
    full = best_of([run_build], data_dir, runs)[0]
    plain, _ = reloads(project, (), runs)
    preview, reported = reloads(project, ("--dirty",), runs)
    return full, plain, preview, reported


MODES = ("check", "build", "serve")
TIMERS: dict[str, Callable[[Path], Run]] = {"check": run_check, "build": run_build}
BASELINES: dict[str, Callable[[Path], Run]] = {"check": run_libyaml, "build": run_baseline}


def best_of(timers: list[Callable[[Path], Run]], data_dir: Path, runs: int) -> list[Run]:
    """The best run of each timer. The timers take turns, so that a slow spell of a shared machine
    falls on both sides of a comparison rather than on one."""
    results: list[list[Run]] = [[] for _ in timers]
    for _ in range(runs):
        for timer, found in zip(timers, results):
            found.append(timer(data_dir))
    return [Run(min(r.seconds for r in found), max(r.peak_rss_mb for r in found)) for found in results]


# --- Report -------------------------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, Python {platform.python_version()}"


def table(mode: str, rows: list) -> str:
    if mode == "serve":
        lines = ["| N | full build seconds | reload, `mkdocs serve` | reload, `mkdocs serve --dirty` (MkDocs' own figure) | ratio to the full build |",
                 "|---:|---:|---:|---:|---:|"]
        for count, full, plain, preview, reported in rows:
            lines.append(f"| {count:,} | {full.seconds:.1f} | {plain:.2f} | {preview:.2f} ({reported:.2f}) | {preview / full.seconds:.2f} |")
        return "\n".join(lines)
    if mode == "build":
        lines = ["| N | build seconds | baseline seconds | ratio | peak RSS MB (build) |", "|---:|---:|---:|---:|---:|"]
        for count, run, base in rows:
            lines.append(f"| {count:,} | {run.seconds:.1f} | {base.seconds:.1f} | {run.seconds / base.seconds:.2f} | {run.peak_rss_mb:.0f} |")
        return "\n".join(lines)
    lines = [f"| N | {mode} seconds (best) | libyaml parse seconds | ratio | files/s | peak RSS MB |",
             "|---:|---:|---:|---:|---:|---:|"]
    for count, run, base in rows:
        lines.append(f"| {count:,} | {run.seconds:.2f} | {base.seconds:.2f} | {run.seconds / base.seconds:.2f} | "
                     f"{count / run.seconds:,.0f} | {run.peak_rss_mb:.0f} |")
    return "\n".join(lines)


DESCRIPTIONS = {
    "check": "Each row is the best of {runs} runs of `secsite check DATA_DIR` as a subprocess (start-up "
    "included) on N valid modification files (the bundled ones plus synthetic ones, a fifth of the approved "
    "ones with a revision) with the bundled releases, notices and calendar, taking turns with the baseline: "
    "a Python process that only parses the same YAML files with libyaml (PyYAML's CSafeLoader). Peak RSS "
    "is that of the largest process.",
    "serve": "The editors' preview. Each row: the best of {runs} runs of `mkdocs build --strict` of the site "
    "with N modification files (start-up included); then, in `mkdocs serve` and in `mkdocs serve --dirty` "
    "(the command the README gives editors), the best of {runs} reloads after saving one modification "
    "file (its title changed, then changed back), timed from the save until MkDocs reports the rebuilt "
    "site, so the file watcher's delay (it looks every half second) is included. MkDocs' own figure for "
    "the rebuild is in brackets. The ratio is the preview's reload over the full build.",
    "build": "Each row is the best of {runs} runs (taking turns with the baseline) of `mkdocs build --strict` of the site with N modification "
    "files, against the baseline: a plain MkDocs build (same theme, navigation and Markdown extensions, "
    "search plugin only) of the same site written out by `secsite export` (every page a Markdown file, "
    "the downloads static files). Both are subprocesses, start-up included.",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=MODES, default="check", help="what to time (default: check)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="numbers of modification files")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the best is kept (default: 3)")
    parser.add_argument("--keep", type=Path, help="write the data sets here and keep them (default: a temporary directory)")
    parser.add_argument("--no-write", action="store_true", help="do not update scripts/BENCHMARK.md")
    args = parser.parse_args(argv)

    load = os.getloadavg()[0]  # other work on the machine shows in the times
    speed = reference_loop()
    rows: list = []
    with tempfile.TemporaryDirectory(prefix="secsite-bench-") as tmp:
        base = args.keep or Path(tmp)
        for count in args.sizes:
            data_dir = base / f"data-{count}"
            if not data_dir.exists():
                generate(data_dir, count)
            if args.mode == "serve":
                full, plain, preview, reported = serve_row(data_dir, args.runs)
                print(f"N={count:,}: build {full.seconds:.2f} s, reload {plain:.2f} s, preview reload {preview:.2f} s", file=sys.stderr)
                rows.append((count, full, plain, preview, reported))
                continue
            run, baseline = best_of([TIMERS[args.mode], BASELINES[args.mode]], data_dir, args.runs)
            print(f"N={count:,}: {run.seconds:.2f} s" + (f", baseline {baseline.seconds:.2f} s" if baseline else ""), file=sys.stderr)
            rows.append((count, run, baseline))

    result = table(args.mode, rows)
    print(result)
    if not args.no_write:
        write_report(args.mode, result, DESCRIPTIONS[args.mode].format(runs=args.runs), load, speed)
    return 0


def reference_loop() -> float:
    """Seconds for a fixed pure-Python loop (best of 3): shared machines speed up and slow down, so
    this tells how fast this one was at the time of a report."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sum(range(20_000_000))
        best = min(best, time.perf_counter() - start)
    return best


def write_report(mode: str, result: str, description: str, load: float, speed: float) -> None:
    """Replace this mode's section of scripts/BENCHMARK.md, keeping the other mode's."""
    path = REPO / "scripts" / "BENCHMARK.md"
    sections = {}
    if path.exists():
        for chunk in path.read_text(encoding="utf-8").split("\n## ")[1:]:
            name = chunk.split("\n", 1)[0].strip()
            sections[name] = "## " + chunk.rstrip() + "\n"
    sections[mode] = (
        f"## {mode}\n\nWritten by `scripts/benchmark.py --mode {mode}` on {date.today().isoformat()}. "
        f"Machine: {machine()}; load average {load:.2f} when it started; a fixed Python loop took "
        f"{speed:.2f} s (times move with it on a shared machine).\n\n{description}\n\n{result}\n"
    )
    body = "\n".join(sections[m] for m in MODES if m in sections)
    path.write_text("# secsite benchmark\n\n" + body, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
