"""The ``secsite`` command line (site-contract.md, "Command line")."""

from __future__ import annotations

import argparse
import os
import sys

from .builddate import build_date
from .diagnostics import errors
from .schedule import Settings
from .validate import check_data


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
    args = parser.parse_args(argv)
    return _check(args)


def _check(args: argparse.Namespace) -> int:
    try:
        today = build_date()
    except ValueError:
        print("secsite: SOURCE_DATE_EPOCH must be a whole number of seconds", file=sys.stderr)
        return 1
    _, _, problems = check_data(args.data_dir, Settings(today=today, region=args.region))
    for problem in problems:
        print(problem)
        if args.format == "github":
            print(problem.github())
    count = len(errors(problems))
    warnings = len(problems) - count
    summary = f"{count} error{'s' * (count != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    print(f"secsite check: {summary}", file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
