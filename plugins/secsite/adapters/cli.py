"""The ``secsite`` command line (site-contract.md, "Command line").

- ``secsite check [DATA_DIR]``: validate the data without building the site.
- ``secsite schema [--out DIR] [--check]``: write (or compare) the JSON Schemas of the data files.
- ``secsite new modification|release|notice …``: write a valid starting file; never overwrites.
- ``secsite export DIR``: the whole site as a folder any static builder can build (adapters.export).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from datetime import date
from pathlib import Path

from .. import policy
from . import export, scaffold
from ..model import schema
from .builddate import build_date
from ..model.diagnostics import DataError, errors
from ..history.schedule import Settings
from ..model.loader import collector_paused
from ..checks import check_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="secsite", description="Tools for the SEC release website's data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data without building the site")
    check.add_argument("data_dir", nargs="?", default="data", help="the data directory (default: data)")
    check.add_argument(
        "--format",
        choices=("plain", "github"),
        default="github" if os.environ.get("GITHUB_ACTIONS") == "true" else "plain",
        help="github: also print GitHub Actions annotations (default when GITHUB_ACTIONS=true)",
    )
    check.add_argument("--region", default="england-and-wales", help="Working-Day region (default: england-and-wales)")

    schemas = commands.add_parser(
        "schema", help="write the JSON Schema of each kind of data file, generated from the models"
    )
    schemas.add_argument(
        "--out", default=str(schema.SCHEMA_DIR), help=f"folder to write them in (default: {schema.SCHEMA_DIR.as_posix()})"
    )
    schemas.add_argument("--check", action="store_true", help="write nothing; exit 1 if the files differ from the models")

    new = commands.add_parser("new", help="write a valid starting file for a modification, release or notice")
    kinds = new.add_subparsers(dest="kind", required=True)
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", default="data", help="the data directory (default: data)")
    modification = kinds.add_parser("modification", parents=[data_dir], help="data/modifications/<id>.yml")
    modification.add_argument("id", help="the modification's id, such as MP123")
    modification.add_argument("title", help="its title, in quotes")
    modification.add_argument("--route", choices=scaffold.ROUTES, default="self-governance",
                              help="the route (default: self-governance)")
    modification.add_argument("--proposer", help="the Party that raised it")
    release = kinds.add_parser(
        "release", parents=[data_dir],
        help="data/releases/<id>.yml: YYYY-02, YYYY-06 or YYYY-11 is scheduled; any other id is ad hoc",
    )
    release.add_argument("id", help='the release id, such as 2027-06 (scheduled) or 2027-03-mp301 (ad hoc)')
    release.add_argument("--go-live", type=_iso_date, help="ad hoc releases: the go-live date, YYYY-MM-DD")
    release.add_argument("--type", dest="release_type", choices=policy.RELEASE_TYPES,
                         help="ad hoc releases: system or documentation")
    notice = kinds.add_parser("notice", parents=[data_dir], help="data/notices/<date>-<title words>.md")
    notice.add_argument("title", help="the notice's title, in quotes")
    notice.add_argument("--release", action="append", default=[], help="a related release id (repeatable)")
    notice.add_argument("--modification", action="append", default=[], help="a related modification id (repeatable)")

    exporting = commands.add_parser(
        "export", help="write every page, feed and download into DIR, buildable without the secsite plugin"
    )
    exporting.add_argument("out", metavar="DIR", help="an empty or new folder")
    exporting.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's configuration (default: mkdocs.yml)")

    args = parser.parse_args(argv)
    if args.command == "export":
        return _export(args)
    if args.command == "schema":
        return _schema(args)
    if args.command == "new":
        return _new(args)
    return _check(args)


def _iso_date(text: str) -> date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _today() -> date | None:
    try:
        return build_date()
    except ValueError:
        print("secsite: SOURCE_DATE_EPOCH must be a whole number of seconds", file=sys.stderr)
        return None


def _check(args: argparse.Namespace) -> int:
    today = _today()
    if today is None:
        return 1
    with collector_paused():  # a one-shot program: the loaded data lives until it exits
        _, _, problems = check_data(args.data_dir, Settings(today=today, region=args.region))
    # A name or value in a script the terminal's encoding lacks (an Arabic-Indic digit under a Latin-1
    # locale) is printed as an escape, never a traceback.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    for problem in problems:
        print(problem)
        if args.format == "github":
            print(problem.github())
    count = len(errors(problems))
    warnings = len(problems) - count
    summary = f"{count} error{'s' * (count != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    print(f"secsite check: {summary}", file=sys.stderr)
    return 1 if count else 0


def _export(args: argparse.Namespace) -> int:
    today = _today()
    if today is None:
        return 1
    try:
        with collector_paused():
            written = export.export(Path(args.config_file), Path(args.out), today)
    except (export.ExportError, DataError) as exc:
        print(export.report(exc), file=sys.stderr)
        return 1
    print(f"secsite export: wrote {len(written)} files into {args.out}; build them with: cd {args.out} && mkdocs build",
          file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.check:
        stale = schema.stale(out)
        for name in stale:
            print(f"{out / name}: differs from the models", file=sys.stderr)
        if stale:
            print(f"secsite schema: run `secsite schema --out {args.out}` and commit the result", file=sys.stderr)
            return 1
        print(f"secsite schema: {out} is up to date", file=sys.stderr)
        return 0
    for path in schema.write(out):
        print(path)
    return 0


def _new(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    today = _today()
    if today is None:
        return 1
    try:
        if args.kind == "release":
            made = scaffold.new_release(data_dir, args.id, go_live=args.go_live, release_type=args.release_type, today=today)
        else:
            if args.kind == "modification":
                made = scaffold.new_modification(data_dir, args.id, args.title, today, route=args.route,
                                                 proposer=args.proposer)
            else:
                made = scaffold.new_notice(data_dir, args.title, today, releases=tuple(args.release),
                                           modifications=tuple(args.modification))
        path = scaffold.write(made)
    except scaffold.ScaffoldError as exc:
        print(f"secsite new: {exc}", file=sys.stderr)
        return 1
    print(path)
    print(f"secsite new: wrote {path}; fill it in, then run: secsite check {args.data_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
