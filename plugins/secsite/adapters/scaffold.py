"""Starting files for editors: ``secsite new modification|release|notice``.

Each starting file is a text template (comments included, so the editor sees what else may go in)
that fits the models as written; the optional parts are commented out. A file that already exists is
never overwritten. The date in a new file is the build date T (``builddate.build_date``), never the
clock read here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import get_args

import yaml
from pydantic import BaseModel, ValidationError

from .. import policy
from .builddate import build_date
from ..model import MAX_LINE, MODIFICATION_ID, PATTERN_HELP, RELEASE_ID, Modification, NoticeFrontMatter, Release, Route, text_problem
from ..model.schema import SCHEMA_DIR

ROUTES: tuple[str, ...] = get_args(Route)
SLUG_MAX = 60  # characters of the title kept in a notice id

# Data files sit two folders below the repository root (data/<kind>/<id>.yml) and the committed
# schemas in content/schemas/: a relative link works offline in the editor, on any checkout.
_SCHEMA_LINK = "../../" + SCHEMA_DIR.as_posix()


class ScaffoldError(Exception):
    """The file was not written; the message says why, for the editor."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as the same string: plain when safe, else quoted."""
    try:
        plain_ok = yaml.safe_load(f"key: {text}") == {"key": text} and "#" not in text
    except yaml.YAMLError:
        plain_ok = False
    if plain_ok and text == text.strip():
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def _clean_text(text: str, what: str) -> str:
    """One line of text typed on the command line, as the data contract allows it (titles, names)."""
    text = " ".join(text.split())
    if not text:
        raise ScaffoldError(f"the {what} must not be empty")
    problem = text_problem(text, one_line=True, limit=MAX_LINE)
    if problem is not None:
        raise ScaffoldError(f"the {what} {problem}")
    return text


def slug(title: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Change freeze: Christmas 2026!" → change-freeze-christmas-2026."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    text = ""
    for word in words:
        candidate = f"{text}-{word}" if text else word
        if len(candidate) > SLUG_MAX and text:
            break
        text = candidate[:SLUG_MAX]
    return text


def _fits(model: type[BaseModel], text: str, what: str) -> None:
    """Guard: the generated YAML loads and fits its model (a template bug must never reach an editor)."""
    try:
        model.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:  # pragma: no cover - a bug in the templates
        raise ScaffoldError(f"internal error: the new {what} does not fit the data contract: {exc}") from exc


# --- Modifications ---------------------------------------------------------------------------

_MODIFICATION = """\
# yaml-language-server: $schema={schema}/modification.schema.json
# A new Modification Proposal. Replace every TODO, then run: secsite check data
# Every field is described in the site's "Data reference" (content/editing/reference.md).
id: {id}
title: {title}
stage: development  # development | refinement | report | decision | approved | rejected | withdrawn | on-hold | implemented
route: {route}  # authority | self-governance | fast-track | authority-led
# urgent: true
raised: {raised}
proposer: {proposer}
# lead_analyst: SEC Change
summary: |
  TODO: What is the issue? Plain words, in Markdown.
# solution: |
#   What is the solution?
impacts:
  dcc_systems: false  # true if it changes DCC Systems (then the 12-month cut-off applies, R13)
  user_systems: false  # true if it changes Users' systems (likewise)
  # parties:  # Party Category: high | medium | low; leave out the categories not impacted
  #   large_suppliers: high
  #   small_suppliers: medium
  #   electricity_networks: low
  #   gas_networks: low
  #   other_parties: low
  # documents:  # the SEC documents it amends
  #   - Section H 'DCC Services'
# implementation:  # once the Panel sets the dates (R8 to R12)
#   set: 2026-01-20
#   dates:  # options in order; decision_by dates increase (R9)
#     - release: "2027-06"
#       decision_by: 2026-12-01
#     - release: "2027-11"
#       decision_by: 2027-03-01
# decision:
#   date: 2027-01-15
#   by: change-board  # change-board | authority | panel
#   outcome: approved  # approved | rejected
history:
  - date: {raised}
    event: Draft Proposal raised
# documents:
#   - title: Draft Proposal
#     url: https://example.org/draft-proposal.pdf
#     date: {raised}
"""


def new_modification(data_dir: Path, mod_id: str, title: str, today: date, *, route: str = "self-governance",
                     proposer: str | None = None) -> NewFile:
    """A modification at stage development, raised on the build date."""
    if not re.fullmatch(MODIFICATION_ID, mod_id):
        raise ScaffoldError(f"{mod_id!r} is not {PATTERN_HELP[MODIFICATION_ID]}")
    if route not in ROUTES:
        raise ScaffoldError(f"route {route!r} is not allowed: use one of {', '.join(ROUTES)}")
    proposer_text = _clean_text(proposer, "proposer") if proposer and proposer.strip() else "TODO the Party that raised it"
    text = _MODIFICATION.format(
        schema=_SCHEMA_LINK,
        id=mod_id,
        title=_scalar(_clean_text(title, "title")),
        route=route,
        raised=today.isoformat(),
        proposer=_scalar(proposer_text),
    )
    _fits(Modification, text, "modification")
    return NewFile(data_dir / "modifications" / f"{mod_id}.yml", text)


# --- Releases --------------------------------------------------------------------------------

_RELEASE_DETAILS = """\
# sec_version: "60.0"  # the SEC version this release brings into effect
# scope_set:  # when the Panel baselined the scope
#   systems: 2026-06-12
#   full: 2026-12-11
# rid:  # Release Implementation Document versions, oldest first (R16)
#   - version: "0.1"
#     date: 2026-03-01
#     summary: Initial draft
# testing:  # R17
#   tad_to_tag: 2026-09-18
#   tad_published: 2026-12-14
#   phases:
#     - name: SIT
#       start: 2027-01-04
#       end: 2027-03-26
#       # changes:  # a revision of the phase's dates, dated; keep start and end as first planned
#       #   - decided: 2026-11-13
#       #     start: 2027-01-04
#       #     end: 2027-04-09
#       #     reason: TODO why
# acceptance_criteria:
#   - All Severity 1 and 2 defects closed
# risks:
#   - ...
# release_notes:
#   - title: DCC Release Note 1.0
#     url: https://example.org/release-note.pdf
#     date: 2027-06-10
# Decisions taken later are added with their date; nothing already written is overwritten:
# type_changes:  # the release turned into the other type (R2); write the new type under type too
#   - decided: 2026-12-11
#     type: documentation  # system | documentation
#     reason: TODO why
# cancelled:  # the release was called off; its modifications then await a new date
#   decided: 2027-01-15
#   reason: TODO why
"""

_SCHEDULED_RELEASE = """\
# yaml-language-server: $schema={schema}/release.schema.json
# The {name}, a scheduled release: it exists by rule, and goes live on the rule date
# ({go_live}, R1, R7), so go_live is left out. An approved change of go-live goes under
# date_changes, oldest first:
# date_changes:
#   - requested: 2026-10-01
#     approved: 2026-10-08
#     by: authority  # authority | panel
#     date: 2027-07-01  # the new go-live
#     reason: TODO why
# Every field is described in the site's "Data reference" (content/editing/reference.md).
id: {id}
""" + _RELEASE_DETAILS

_AD_HOC_RELEASE = """\
# yaml-language-server: $schema={schema}/release.schema.json
# An ad hoc release (R3): any date in the month of its id, either type. `recorded` is the day it
# was first recorded (today): the site shows it, and announces it, from that day. If its go-live
# moves later, set go_live to the new date, keep the first one in first_go_live, and add the
# change under date_changes, oldest first:
# first_go_live: {go_live}
# date_changes:
#   - requested: 2026-10-01
#     approved: 2026-10-08
#     by: authority  # authority | panel
#     date: 2027-07-01  # the new go-live
#     reason: TODO why
# Every field is described in the site's "Data reference" (content/editing/reference.md).
id: {id}
kind: ad-hoc
recorded: {recorded}
type: {type}  # system | documentation
go_live: {go_live}
""" + _RELEASE_DETAILS


def new_release(data_dir: Path, release_id: str, *, go_live: date | None = None,
                release_type: str | None = None, today: date | None = None) -> NewFile:
    """A release file. Scheduled ids (YYYY-02, YYYY-06, YYYY-11) take the rule go-live; others are ad hoc,
    recorded on ``today`` (the build date T when not given: the day the editor creates the file)."""
    if not re.fullmatch(RELEASE_ID, release_id):
        raise ScaffoldError(f"{release_id!r} is not {PATTERN_HELP[RELEASE_ID]}")
    year, month, _ = policy.parse_release_id(release_id)
    if policy.is_scheduled_release_id(release_id):
        if go_live is not None or release_type is not None:
            raise ScaffoldError(
                f"{release_id} is a scheduled release: its go-live is the rule date and its type is set by rule "
                "(R1); leave out --go-live and --type (an ad hoc release in the same month takes a suffix, "
                f"such as {release_id}-mp123)"
            )
        rule_date = policy.scheduled_go_live(year, month)
        text = _SCHEDULED_RELEASE.format(
            schema=_SCHEMA_LINK, id=_quoted(release_id), name=policy.release_name(rule_date),
            go_live=policy.format_long(rule_date),
        )
    else:
        missing = [option for option, value in (("--go-live", go_live), ("--type", release_type)) if value is None]
        if missing:
            raise ScaffoldError(
                f"{release_id} is an ad hoc release (scheduled ones are YYYY-02, YYYY-06 and YYYY-11): "
                f"give {' and '.join(missing)}"
            )
        if release_type not in policy.RELEASE_TYPES:
            raise ScaffoldError(f"type {release_type!r} is not allowed: use system or documentation")
        if (go_live.year, go_live.month) != (year, month):
            raise ScaffoldError(
                f"a release is named after its go-live month (R4): {go_live.isoformat()} does not fall in "
                f"{release_id[:7]}"
            )
        if today is None:
            try:
                today = build_date()
            except ValueError:
                raise ScaffoldError("SOURCE_DATE_EPOCH must be a whole number of seconds") from None
        text = _AD_HOC_RELEASE.format(
            schema=_SCHEMA_LINK, id=_quoted(release_id), type=release_type, go_live=go_live.isoformat(),
            recorded=today.isoformat(),
        )
    _fits(Release, text, "release")
    return NewFile(data_dir / "releases" / f"{release_id}.yml", text)


# --- Notices ---------------------------------------------------------------------------------

_NOTICE = """\
---
title: {title}
date: {date}  # publication date: a later date holds the notice back until that day
{releases}
{modifications}
---
TODO: the notice's text, in Markdown.
"""


def new_notice(data_dir: Path, title: str, today: date, *, releases: tuple[str, ...] = (),
               modifications: tuple[str, ...] = ()) -> NewFile:
    """A notice dated on the build date, its id the date and the title's words: 2026-11-26-<slug>."""
    title = _clean_text(title, "title")
    words = slug(title)
    if not words:
        raise ScaffoldError("the title needs at least one letter or digit (the notice's id is made from it)")
    for rid in releases:
        if not re.fullmatch(RELEASE_ID, rid):
            raise ScaffoldError(f"--release {rid!r} is not {PATTERN_HELP[RELEASE_ID]}")
    for mid in modifications:
        if not re.fullmatch(MODIFICATION_ID, mid):
            raise ScaffoldError(f"--modification {mid!r} is not {PATTERN_HELP[MODIFICATION_ID]}")
    notice_id = f"{today.isoformat()}-{words}"
    release_line = (
        f"releases: [{', '.join(_quoted(r) for r in releases)}]" if releases
        else '# releases: ["2027-06"]  # related release ids'
    )
    modification_line = (
        f"modifications: [{', '.join(modifications)}]" if modifications
        else "# modifications: [MP123]  # related modification ids"
    )
    text = _NOTICE.format(title=_scalar(title), date=today.isoformat(), releases=release_line,
                          modifications=modification_line)
    front = text.split("---\n")[1]
    _fits(NoticeFrontMatter, front, "notice")
    return NewFile(data_dir / "notices" / f"{notice_id}.md", text)


# --- Writing ---------------------------------------------------------------------------------


def write(new: NewFile) -> Path:
    """Create the file; refuse when it (or the same id in another case) exists already."""
    folder = new.path.parent
    if not folder.parent.is_dir():
        raise ScaffoldError(
            f"the data directory {folder.parent} does not exist: run this in the repository's root folder "
            "or give --data-dir"
        )
    folder.mkdir(exist_ok=True)
    clash = next((p for p in sorted(folder.iterdir()) if p.name.lower() == new.path.name.lower()), None)
    if clash is not None:
        raise ScaffoldError(f"{clash} already exists; it was left unchanged (edit it, or choose another id)")
    try:
        with open(new.path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(new.text)
    except FileExistsError:  # created since we looked
        raise ScaffoldError(f"{new.path} already exists; it was left unchanged") from None
    return new.path
