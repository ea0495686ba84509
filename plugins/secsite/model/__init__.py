"""The data contract (shared/spec/data-contract.md) as typed, immutable models.

This is the one place that says what editors may write in ``data/``. Loading and error reporting
live in ``loader``; rules that need more than one field or file live in ``validate``.
Models are strict where YAML would otherwise guess: ids and versions must be text (``"1.0"``, not
``1.0``), flags must be true/false, amounts must be numbers.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Literal, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    model_validator,
)
from pydantic_core import PydanticCustomError

# --- Field types -----------------------------------------------------------------------------

# [0-9], not \d: \d also matches other scripts' digits, and ids must be ASCII.
MODIFICATION_ID = r"^(MP[0-9]{2,}[A-Z]?|DP[0-9]{2,}[A-Z]?|SECMP[0-9]{4,}[A-Z]?)$"
RELEASE_ID = r"^[0-9]{4}-(0[1-9]|1[0-2])(-[a-z0-9]+(-[a-z0-9]+)*)?$"
NOTICE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
FREEZE_ID = NOTICE_ID
VERSION = r"^[0-9]+\.[0-9]+$"
WEB_URL = r'^https?://[^\s<>"]+$'

# What each pattern means, for error messages an editor can act on.
PATTERN_HELP = {
    MODIFICATION_ID: "a modification id such as MP123, MP123A, DP123 or SECMP0123",
    RELEASE_ID: "a release id such as \"2025-06\" (or \"2025-09-mp161\" for an ad hoc release)",
    NOTICE_ID: "lower-case words joined by hyphens, such as christmas-change-freeze",
    VERSION: "a version written as text such as \"1.0\"",
}


# --- Limits: what any build can handle (issue 11: "check passes" means "the site builds") -------
#
# Every value a build works with is bounded here, so that data which passes ``secsite check`` on one
# build date cannot crash the build on that day or any later one (a notice held back until its date
# is validated like any other). The limits are far above anything real data needs.

# Dates: the release calendar, Working Days and bank holidays are worked out from them, some years
# either side (cut-offs 12 months before a go-live, cost reports 2 months after, up to
# MAX_WORKING_DAYS after a decision); Python's dates end in year 9999, and a year-1 date has no
# "12 months before". The SEC came into force in 2013.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
# R10's "N Working Days following decision": real ones are 10 to 60; 1,000 is about four years.
MAX_WORKING_DAYS = 1_000
# Money, per cost line: a DCC release costs millions; a billion pounds is a typing mistake.
MAX_POUNDS = 1_000_000_000
# Text lengths, in characters: a title is about 100, a summary a few thousand.
MAX_LINE = 1_000  # one-line text: titles, names, events
MAX_TEXT = 5_000  # plain text that may run over several lines: reasons, notes, risks
MAX_MARKDOWN = 20_000  # Markdown: summaries, rationales, notice text
MAX_ID = 100  # ids: SECMP0123A, 2026-09-mp287, 2026-11-christmas-change-freeze-starts-earlier
MAX_VERSION = 20  # "57.0"; a version of thousands of digits cannot even be read as a number
# Markdown structure. Python-Markdown (render/markdown.py) recurses once or more per level of nesting:
# lists nested about 250 deep, or emphasis about 1,000 deep, raise RecursionError and stop the
# build; each "[" that is never closed makes it read the rest of the paragraph again (2,000 of them
# take seconds, 10,000 minutes). Real text nests lists 3 or 4 deep.
MAX_NESTING = 20  # levels of lists and quotes on one line (indentation counts a level per 4 spaces)
MAX_OPEN_BRACKETS = 20  # "[" nested or left open at one point of a paragraph
MAX_MARKUP = 600  # "*", "_", "[" and "]" in one paragraph: at most 300 levels of emphasis or links

# Characters no text may hold: C0 and C1 control characters (tab and line break aside), DEL, the
# Unicode line and paragraph separators, the text-direction embedding, override and isolate controls
# (they make text read differently from how it is stored), and the non-characters (XML refuses them,
# so a feed or calendar holding one cannot be written). A carriage return is allowed only in a
# Windows line break.
# Three patterns, each a plain character class: they are searched in every text of every file.
_FORBIDDEN_ASCII = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # carriage returns included
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ud800-\udfff\ufffe\uffff]")
_FORBIDDEN_ASTRAL = re.compile(
    "[" + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)) + "]"
)
# Characters that show nothing on their own, beyond spaces and the format and control characters.
_BLANK_LOOKING = frozenset("\u2800\u3164\u115f\u1160\uffa0")


def _character(ch: str) -> str:
    """A character as editors can look it up: U+200B (ZERO WIDTH SPACE)."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def _where(text: str, index: int) -> str:
    """Where in ``text`` position ``index`` is, by the words before it."""
    before = text[max(0, index - 20):index].split("\n")[-1].rstrip("\r")
    if index > 20 and len(before) == 20:
        before = "…" + before  # cut short
    if before.strip():
        return f"after {before!r}"
    return "at the start" if index == 0 else f"on line {text.count(chr(10), 0, index) + 1}"


def _forbidden(value: str) -> int | None:
    """The position of the first character no text may hold (a carriage return may only end a line)."""
    pattern = _FORBIDDEN_ASCII if value.isascii() else _FORBIDDEN
    found = pattern.search(value)
    while found is not None and value.startswith("\r\n", found.start()):
        found = pattern.search(value, found.start() + 2)
    if found is not None:
        return found.start()
    if not value.isascii() and max(value) > "\uffff":
        found = _FORBIDDEN_ASTRAL.search(value)
        return found.start() if found is not None else None
    return None


def _visible(ch: str) -> bool:
    category = unicodedata.category(ch)
    return not (category[0] in "ZC" and category != "Co" or category in ("Mn", "Me") or ch in _BLANK_LOOKING)


def text_problem(value: str, *, one_line: bool, limit: int | None) -> str | None:
    """What is wrong with a text an editor wrote, in their words (None when nothing is): a control
    character, a line break in one-line text, nothing visible, or more than ``limit`` characters."""
    found = text_problem_at(value, one_line=one_line, limit=limit)
    return found[1] if found is not None else None


def text_problem_at(value: str, *, one_line: bool, limit: int | None) -> tuple[int, str] | None:
    """``text_problem`` with the position in ``value`` where the problem is (0 for the whole text)."""
    if not (value.isascii() and value.isprintable()):  # else one line of letters, digits, punctuation and spaces
        index = _forbidden(value)
        if index is not None:
            ch = value[index]
            what = ("a carriage return (a line break from an old Mac editor)" if ch == "\r"
                    else f"the invisible character {_character(ch)}")
            return index, f"contains {what} {_where(value, index)}: delete it; control characters cannot be shown or published"
        if one_line and "\n" in value:
            index = value.rstrip("\r\n").find("\n")
            if index >= 0:
                return index, f"must be on one line: remove the line break {_where(value, index)}"
            return 0, "must be on one line: it ends with a line break (write >- instead of > or |, or put the text in quotes)"
    if not value.strip():
        return 0, "must not be empty"
    if not value.isascii() and not any(_visible(ch) for ch in value):
        shown = next((_character(ch) for ch in value if not ch.isspace()), "")
        return 0, f"has no visible characters, only {shown}: write the text"
    if limit is not None and len(value) > limit:
        return 0, f"is {len(value):,} characters long; at most {limit:,} are allowed here: shorten it"
    return None


# --- Markdown that Python-Markdown can render, quickly -------------------------------------------------

# A line nested more than MAX_NESTING deep starts with more than that many of these characters.
_DEEP_LINE = re.compile(r"^[ \t>*+\-0-9.)]{%d}" % (MAX_NESTING + 1), re.MULTILINE)
# The containers a line opens: list markers and quote markers, with the indentation around them.
_CONTAINERS = re.compile(r"(?:[ \t]*(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)))*[ \t]*")
_CONTAINER = re.compile(r">|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\r?\n)")
_ESCAPED = re.compile(r"\\.")
_BRACKET = re.compile(r"[\[\]]")


def _nesting(line: str) -> int:
    """An upper bound of the lists and quotes a line is nested in: each list or quote marker at its
    start, and each 4 columns of indentation besides the space after each marker (Python-Markdown
    nests a list per 4 spaces)."""
    prefix = _CONTAINERS.match(line).group()
    markers = len(_CONTAINER.findall(prefix))
    spaces = prefix.count(" ")
    columns = spaces - min(markers, spaces) + 4 * prefix.count("\t")
    return markers + columns // 4


def markdown_problem(text: str) -> tuple[int, str] | None:
    """What would make ``text`` too much for the Markdown renderer: (line of the text, message), or None.

    Each measure is an upper bound of what Python-Markdown builds (see the limits above): the nesting
    of lists and quotes per line; per paragraph (no Markdown element spans a blank line), the square
    brackets open at any point, and the characters that make emphasis and links.
    """
    if len(text) > MAX_MARKDOWN:
        return 1, (f"is {len(text):,} characters long; at most {MAX_MARKDOWN:,} are allowed: shorten it, or publish "
                   "the full text as a document and link to it")
    # Each measure is at most the number of characters that make it: most texts need only these counts.
    if _DEEP_LINE.search(text) is not None:
        for number, line in enumerate(text.split("\n"), 1):
            depth = _nesting(line)
            if depth > MAX_NESTING:
                return number, (f"line {number} of the text is nested {depth} levels deep in lists or quotes (counting "
                                "each list or quote marker at its start and each 4 spaces of indentation); at most "
                                f"{MAX_NESTING} levels are allowed: indent it less")
    opening = text.count("[")
    if opening <= MAX_OPEN_BRACKETS and opening + text.count("]") + text.count("*") + text.count("_") <= MAX_MARKUP:
        return None
    starts = [0] + [found.end() for found in _PARAGRAPH_BREAK.finditer(text)]
    for start, paragraph in zip(starts, _PARAGRAPH_BREAK.split(text)):
        number = text.count("\n", 0, start + len(paragraph) - len(paragraph.lstrip("\r\n"))) + 1
        plain = _ESCAPED.sub("", paragraph)  # \[ and \* are text, not markup
        markup = sum(plain.count(ch) for ch in "*_[]")
        if markup > MAX_MARKUP:
            return number, (f"the paragraph starting on line {number} of the text has {markup:,} of the characters "
                            f"* _ [ ] that make emphasis and links; at most {MAX_MARKUP:,} are allowed in one paragraph: "
                            "split it with blank lines or remove some formatting")
        depth = deepest = 0
        for bracket in _BRACKET.finditer(plain):
            depth = depth + 1 if bracket.group() == "[" else max(depth - 1, 0)
            deepest = max(deepest, depth)
        if deepest > MAX_OPEN_BRACKETS:
            return number, (f"in the paragraph starting on line {number} of the text, {deepest} square brackets are open "
                            f"at once; at most {MAX_OPEN_BRACKETS} are allowed: close each [ with ], or write \\[ for a "
                            "bracket that is only text")
    return None


# --- Validators and annotated types -------------------------------------------------------------


def _iso_date(value: object) -> object:
    """Accept YAML dates and quoted ISO dates (YYYY-MM-DD) from FIRST_DAY to LAST_DAY; nothing else."""
    if type(value) is date:  # what YAML gives for an unquoted date: the usual case, answered first
        day = value
    elif isinstance(value, datetime):
        raise PydanticCustomError("date_with_time", "must be a date without a time, written YYYY-MM-DD")
    elif isinstance(value, str):
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise PydanticCustomError("date_format", "must be a date written YYYY-MM-DD")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_value", "is not a real calendar date") from None
    elif isinstance(value, date):
        day = value
    else:
        raise PydanticCustomError("date_type", "must be a date written YYYY-MM-DD")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError("date_range", "{message}", {"message": (
            f"{day.isoformat()} is outside the years {FIRST_DAY.year} to {LAST_DAY.year}, the dates the site can work "
            "with: check the year")})
    return day


def _text_validator(one_line: bool, limit: int):
    def check(value: str) -> str:
        if len(value) <= limit and value.isascii() and value.isprintable() and not value.isspace() and value:
            return value  # the usual case, answered first: a line of letters, digits, punctuation and spaces
        problem = text_problem(value, one_line=one_line, limit=limit)
        if problem is not None:
            raise PydanticCustomError("text", "{message}", {"message": problem})
        return value
    return check


def _markdown(value: str) -> str:
    problem = text_problem(value, one_line=False, limit=None) or (markdown_problem(value) or (0, None))[1]
    if problem is not None:
        raise PydanticCustomError("markdown", "{message}", {"message": problem})
    return value


def _web_url(value: str) -> str:
    # Only web links: a `javascript:` or `data:` URL in a document list would run in readers' browsers.
    if not re.fullmatch(WEB_URL, value):
        raise PydanticCustomError("url", "must be a web address starting with https:// or http://")
    problem = text_problem(value, one_line=True, limit=MAX_LINE)
    if problem is not None:
        raise PydanticCustomError("url", "{message}", {"message": problem})
    return value


def _at_most(limit: int, what: str):
    """A validator of ids and versions: numbers of thousands of digits cannot even be read as numbers."""
    def check(value: str) -> str:
        if len(value) > limit:
            raise PydanticCustomError("too_long", "{message}", {"message": (
                f"is {len(value):,} characters long; {what} has at most {limit}: check it")})
        return value
    return check


def _release_year(value: str) -> str:
    year = int(value[:4])
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise PydanticCustomError("release_year", "{message}", {"message": (
            f"{value!r} is in {year}, outside the years {FIRST_DAY.year} to {LAST_DAY.year} the site can work with: check the year")})
    return value


def _finite_pounds(value: object) -> object:
    # Before the number check: YAML's .inf and .nan are floats, and would publish "£inf" and invalid JSON.
    if (type(value) is int or type(value) is float) and 0 <= value <= MAX_POUNDS:  # NaN compares false
        return value  # the usual case, answered first
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("money_finite", "{message}", {"message": (
            f"must be an amount in pounds, not {'.nan (not a number)' if math.isnan(value) else '.inf (infinity)'}")})
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > MAX_POUNDS:
        raise PydanticCustomError("money_range", "{message}", {"message": (
            f"must be at most {MAX_POUNDS:,} pounds: check the amount (write whole pounds, such as 120000)")})
    return value


def _zero_not_negative(value: float) -> float:
    return value + 0.0  # -0.0 (which passes "at least 0") becomes 0.0, not "-0" on the site


def _working_days(value: int) -> int:
    if value > MAX_WORKING_DAYS:
        raise PydanticCustomError("working_days_range", "{message}", {"message": (
            f"must be at most {MAX_WORKING_DAYS:,} Working Days (about four years); found {value:,}")})
    return value


_DATE_PATTERN = f"^({FIRST_DAY.year // 100}[0-9]{{2}}|{LAST_DAY.year})-"  # the years allowed, for editors' tools

Day = Annotated[date, BeforeValidator(_iso_date), Field(json_schema_extra={"pattern": _DATE_PATTERN})]
# The ``json_schema_extra`` entries only describe these types in the published JSON Schema (editor
# hints); validation is the validators' alone.
Line = Annotated[  # plain text on one line (titles, names), escaped when shown
    StrictStr, AfterValidator(_text_validator(True, MAX_LINE)), Field(json_schema_extra={"minLength": 1, "maxLength": MAX_LINE})
]
Text = Annotated[  # plain text that may have line breaks (reasons, notes), escaped when shown
    StrictStr, AfterValidator(_text_validator(False, MAX_TEXT)), Field(json_schema_extra={"minLength": 1, "maxLength": MAX_TEXT})
]
Markdown = Annotated[  # rendered as Markdown
    StrictStr, AfterValidator(_markdown),
    Field(json_schema_extra={"minLength": 1, "maxLength": MAX_MARKDOWN, "contentMediaType": "text/markdown"}),
]
Url = Annotated[
    StrictStr, AfterValidator(_web_url), Field(json_schema_extra={"format": "uri", "pattern": WEB_URL, "maxLength": MAX_LINE})
]


def _code(pattern: str, limit: int, what: str, *more: AfterValidator):
    """An id or a version: text of a given form and length."""
    return Annotated[(StrictStr, Field(pattern=pattern, json_schema_extra={"maxLength": limit}),
                      AfterValidator(_at_most(limit, what)), *more)]


ModificationId = _code(MODIFICATION_ID, MAX_ID, "an id")
ReleaseId = _code(RELEASE_ID, MAX_ID, "an id", AfterValidator(_release_year))
# The loader builds a Notice from its file name, which it has checked: no length here (a validation
# error there would have no line to report).
NoticeId = Annotated[StrictStr, Field(pattern=NOTICE_ID)]
FreezeId = _code(FREEZE_ID, MAX_ID, "an id")
Version = _code(VERSION, MAX_VERSION, "a version")
Money = Annotated[  # the BeforeValidator wraps the number check, so it runs first
    float, Field(ge=0, strict=True, json_schema_extra={"maximum": MAX_POUNDS}), BeforeValidator(_finite_pounds),
    AfterValidator(_zero_not_negative),
]
WorkingDayCount = Annotated[
    int, Field(gt=0, strict=True, json_schema_extra={"maximum": MAX_WORKING_DAYS}), AfterValidator(_working_days)
]

Stage = Literal[
    "development", "refinement", "report", "decision", "approved",
    "rejected", "withdrawn", "on-hold", "implemented",
]
Route = Literal["authority", "self-governance", "fast-track", "authority-led"]
ImpactLevel = Literal["high", "medium", "low"]
PartyCategory = Literal[
    "large_suppliers", "small_suppliers", "electricity_networks", "gas_networks", "other_parties"
]
PARTY_CATEGORIES: tuple[PartyCategory, ...] = PartyCategory.__args__  # type: ignore[attr-defined]
ReleaseType = Literal["system", "documentation"]


class Record(BaseModel):
    """Base of every model: unknown keys are errors and loaded data cannot be changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Shared pieces -----------------------------------------------------------------------------


class Costs(Record):
    """A DCC cost breakdown in pounds (R18, policy 7.1)."""

    design_build_pit: Optional[Money] = Field(None, description="Design, build and pre-integration testing (PIT), in pounds.")
    sit: Optional[Money] = Field(None, description="Systems Integration Testing (SIT), in pounds.")
    uit: Optional[Money] = Field(None, description="User Integration Testing (UIT), in pounds.")
    implement_to_live: Optional[Money] = Field(None, description="Implementation into live, in pounds.")
    one_off_operational: Optional[Money] = Field(None, description="One-off operational cost, in pounds.")
    ongoing_operational: Optional[Money] = Field(None, description="Ongoing operational cost, in pounds per year.")

    def total(self) -> float:
        return sum(v for v in self.model_dump().values() if v is not None)


COST_LINES = tuple(Costs.model_fields)


class Link(Record):
    """A link to a published document."""

    title: Line = Field(description="The document's title, as shown in the list of links.")
    url: Url = Field(description="Web address of the document, starting with https:// (or http://).")
    date: Optional[Day] = Field(None, description="Date of the document.")


# --- Modifications -----------------------------------------------------------------------------


class PartyImpacts(Record):
    """Impact level per Party Category; a category left out is not impacted."""

    large_suppliers: Optional[ImpactLevel] = Field(None, description="Impact on Large Supplier Parties.")
    small_suppliers: Optional[ImpactLevel] = Field(None, description="Impact on Small Supplier Parties.")
    electricity_networks: Optional[ImpactLevel] = Field(None, description="Impact on Electricity Network Parties.")
    gas_networks: Optional[ImpactLevel] = Field(None, description="Impact on Gas Network Parties.")
    other_parties: Optional[ImpactLevel] = Field(None, description="Impact on Other SEC Parties.")

    def impacted(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class Impacts(Record):
    """Who and what the modification affects."""

    dcc_systems: StrictBool = Field(description="Whether it changes DCC Systems (R13: then the 12-month systems cut-off applies).")
    user_systems: StrictBool = Field(description="Whether it changes Users' systems (R13: then the 12-month systems cut-off applies).")
    parties: PartyImpacts = Field(
        PartyImpacts(), description="Impact level per Party Category; a category left out is not impacted."
    )
    documents: tuple[Line, ...] = Field((), description="The SEC documents it amends, such as \"Section H 'DCC Services'\".")

    @property
    def systems(self) -> bool:
        """R13: impacting DCC or User systems puts a modification under the 12-month cut-off."""
        return self.dcc_systems or self.user_systems


def _ends_after_start(what: str):
    """A validator for a period (testing phase, change freeze, revision of either): end >= start."""
    def check(model):
        if model.end < model.start:
            raise PydanticCustomError(f"{what}_order", f"the {what} ends before it starts")
        return model
    return check


def _release_or_date(model):  # shared by options and revisions
    if model.release is None and model.date is None:
        raise PydanticCustomError("release_or_date", "give a release, a date, or both")
    return model


class ImplementationOption(Record):
    """One conditional implementation date (R9): applies if approval comes by ``decision_by``."""

    release: Optional[ReleaseId] = Field(None, description="The release it would go live in; the date defaults to that release's go-live (R12).")
    date: Optional[Day] = Field(None, description="The implementation date, when it is not simply the release's go-live.")
    decision_by: Day = Field(description="Approval by this date keeps this option (R9); dates must increase from option to option.")
    late_addition: Optional[Markdown] = Field(
        None, description="The Panel's rationale, required when this fall-back option puts the modification into its release after the cut-off (R14)."
    )

    _check = model_validator(mode="after")(_release_or_date)


class ImplementationChange(Record):
    """An Authority-approved revision of the implementation date (R11)."""

    requested: Day = Field(description="When the Panel asked the Authority to change the date.")
    approved: Day = Field(description="When the Authority approved the change.")
    release: Optional[ReleaseId] = Field(None, description="The new release.")
    date: Optional[Day] = Field(None, description="The new implementation date, when it is not simply the release's go-live.")
    reason: Text = Field(description="Why the date moved, in a sentence.")
    late_addition: Optional[Markdown] = Field(
        None, description="The Panel's rationale, required when this move makes it a late addition to the release (R14)."
    )

    _check = model_validator(mode="after")(_release_or_date)


class Implementation(Record):
    """The implementation dates set by the Panel: either conditional ``dates`` or ``working_days_after_decision``."""

    set: Day = Field(description="When the Panel set the dates; the modification is Targeted at its release from then.")
    dates: Optional[tuple[ImplementationOption, ...]] = Field(
        default=None, min_length=1,
        description="Conditional options, in order (R9): the first whose decision_by is not yet passed at approval applies.",
    )
    working_days_after_decision: Optional[WorkingDayCount] = Field(
        None, description="Instead of dates (R10): implemented this many Working Days after the decision."
    )
    late_addition: Optional[Markdown] = Field(
        None, description="The Panel's rationale, required when R14 makes this a late addition to the release."
    )
    changes: tuple[ImplementationChange, ...] = Field(
        (), description="Authority-approved changes of the implementation date (R11), oldest first."
    )

    @model_validator(mode="after")
    def _one_form(self):
        if (self.dates is None) == (self.working_days_after_decision is None):
            raise PydanticCustomError(
                "implementation_form",
                "give either 'dates' (conditional options) or 'working_days_after_decision', not both or neither",
            )
        return self


class Decision(Record):
    """The decision on the modification."""

    date: Day = Field(description="The date of the decision.")
    by: Literal["change-board", "authority", "panel"] = Field(description="Who decided.")
    outcome: Literal["approved", "rejected"] = Field(description="What was decided.")


class HistoryEvent(Record):
    """A dated event in the modification's history."""

    date: Day = Field(description="When it happened.")
    event: Line = Field(description="What happened, such as \"Draft Proposal raised\".")


class TitleChange(Record):
    """A renaming: the title the modification had until ``date``."""

    date: Day = Field(description="When the modification was renamed: the day the next title took effect.")
    previous_title: Line = Field(description="The title it had before that day.")


class Modification(Record):
    """A Modification Proposal: one file data/modifications/<id>.yml."""

    id: ModificationId = Field(description="The modification's id, equal to the file name: MP123, MP123A, DP123 or SECMP0123.")
    title: Line = Field(description="The modification's title.")
    title_changes: tuple[TitleChange, ...] = Field(
        (), description="Earlier titles, oldest first, so that notices and change-log entries already published keep the title of their day."
    )
    stage: Stage = Field(description="Where the modification is in the change process.")
    route: Route = Field(description="The route the modification follows.")
    urgent: StrictBool = Field(False, description="Whether it is an urgent modification.")
    raised: Day = Field(description="When the (Draft) Proposal was raised.")
    proposer: Line = Field(description="The Party (or other body) that raised it.")
    lead_analyst: Optional[Line] = Field(None, description="The lead analyst.")
    summary: Markdown = Field(description="What is the issue? Shown at the top of the modification's page.")
    solution: Optional[Markdown] = Field(None, description="What is the solution?")
    impacts: Impacts = Field(description="Who and what the modification affects.")
    implementation: Optional[Implementation] = Field(
        None, description="The implementation dates, once the Panel has set them (R8 to R12)."
    )
    decision: Optional[Decision] = Field(None, description="The decision, once made.")
    costs: Optional[Costs] = Field(None, description="The DCC's cost estimate (R18).")
    history: tuple[HistoryEvent, ...] = Field((), description="Dated events shown on the page, oldest first.")
    documents: tuple[Link, ...] = Field((), description="Links to the modification's papers.")

    def title_on(self, day: date) -> str:
        """The title as it stood on ``day``: a published notice names a modification as it was then."""
        for change in self.title_changes:
            if day < change.date:
                return change.previous_title
        return self.title

    @property
    def approved(self) -> bool:
        return (self.decision is not None and self.decision.outcome == "approved") or self.stage in (
            "approved",
            "implemented",
        )

    @property
    def closed(self) -> bool:
        """Rejected or withdrawn: no longer heading for any release."""
        return self.stage in ("rejected", "withdrawn") or (
            self.decision is not None and self.decision.outcome == "rejected"
        )


# The lists the data contract has written oldest first, with the date that orders their entries
# ("*": each entry of the list above). One table for the check of valid files and for files whose
# other fields are wrong, so that an editor sees every problem of a file in one run.
ORDERED_LISTS: dict[str, tuple[tuple[tuple, str], ...]] = {
    "modification": ((("history",), "date"), (("title_changes",), "date"), (("implementation", "changes"), "approved")),
    "release": ((("date_changes",), "approved"), (("type_changes",), "decided"), (("rid",), "date"),
                (("testing", "phases", "*", "changes"), "decided")),
    "calendar": ((("change_freezes", "*", "changes"), "decided"),),
}


def entries_out_of_order(kind: str, item: object) -> list[tuple[tuple, str]]:
    """The path and ordering field of every entry of an ORDERED_LISTS list dated before the entry
    above it, in a model or in the values read from its file (where a value that is not a date is
    left to the field's own check)."""
    def step(value: object, name: str) -> object:
        return value.get(name) if isinstance(value, dict) else getattr(value, name, None)

    def lists(value: object, path: tuple, at: tuple):
        if not path:
            yield at, value
        elif path[0] == "*":
            for i, entry in enumerate(value if isinstance(value, (list, tuple)) else ()):
                yield from lists(entry, path[1:], at + (i,))
        else:
            yield from lists(step(value, path[0]), path[1:], at + (path[0],))

    found = []
    for path, name in ORDERED_LISTS[kind]:
        for at, entries in lists(item, path, ()):
            days = [step(entry, name) for entry in entries] if isinstance(entries, (list, tuple)) else []
            found += [(at + (i,), name) for i in range(1, len(days))
                      if isinstance(days[i], date) and isinstance(days[i - 1], date) and days[i] < days[i - 1]]
    return found


def out_of_order_message(name: str) -> str:
    if name == "approved":
        return "changes are listed oldest first: this one was approved before the one above it"
    return "entries are listed oldest first: this one is dated before the one above it"


def natural_key(item_id: str) -> tuple:
    """Sort MP99 before MP100: compare the digit runs of an id as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", item_id.lower()))


# --- Releases ----------------------------------------------------------------------------------


class DateChange(Record):
    """An approved change of a release's go-live (R7)."""

    requested: Day = Field(description="When the change was requested.")
    approved: Day = Field(description="When the change was approved.")
    by: Literal["authority", "panel"] = Field(description="Who approved the change.")
    date: Day = Field(description="The new go-live date.")
    reason: Text = Field(description="Why the go-live moved, in a sentence.")


class Cancellation(Record):
    """When and why a release was called off."""

    decided: Day = Field(description="When the Panel decided to cancel the release; the site shows it as cancelled from this day.")
    reason: Text = Field(description="Why the release was cancelled, in a sentence.")


def _cancellation(value: object) -> object:
    # Earlier data wrote `cancelled: true`; history needs the day it became known (data contract).
    if value is False:
        return None
    if value is True:
        raise PydanticCustomError(
            "cancelled_date",
            "say when and why the release was cancelled: write 'cancelled:' with 'decided: YYYY-MM-DD' and 'reason: ...' beneath it",
        )
    return value


class TypeChange(Record):
    """A release turned into the other type (R2, policy 3.1: "communicated well in advance")."""

    decided: Day = Field(description="When the Panel decided the change of type.")
    type: ReleaseType = Field(description="The type from then on: system or documentation.")
    reason: Text = Field(description="Why the type changed, in a sentence.")


class PeriodChange(Record):
    """A revision of a testing phase or a change freeze: new first and last days from ``decided`` on."""

    decided: Day = Field(description="When the revised period was agreed; the old one stands until then.")
    start: Day = Field(description="The new first day.")
    end: Day = Field(description="The new last day.")
    reason: Optional[Text] = Field(None, description="Why the period changed, in a sentence.")

    _ordered = model_validator(mode="after")(_ends_after_start("period"))


class ScopeSet(Record):
    """When the Panel baselined the release's scope."""

    systems: Optional[Day] = Field(None, description="When the systems scope was set.")
    full: Optional[Day] = Field(None, description="When the full scope (documentation included) was set.")


class RidVersion(Record):
    """A version of the Release Implementation Document (R16)."""

    version: Version = Field(description="The version, written as text in quotes: \"1.0\".")
    date: Day = Field(description="When this version was published.")
    summary: Text = Field(description="What changed in this version.")


class TestingPhase(Record):
    """A testing phase, shown as a period on the release page and in the calendars."""

    name: Line = Field(description="The phase's name, such as SIT or UIT.")
    start: Day = Field(description="The first day of the phase, as first planned.")
    end: Day = Field(description="The last day of the phase, as first planned.")
    changes: tuple[PeriodChange, ...] = Field((), description="Revisions of the phase's dates, oldest first; the newest in force applies.")

    _ordered = model_validator(mode="after")(_ends_after_start("phase"))


class Testing(Record):
    """The release's testing (R17)."""

    tad_to_tag: Optional[Day] = Field(None, description="When the Testing Approach Document went to the Testing Advisory Group.")
    tad_published: Optional[Day] = Field(None, description="When the Testing Approach Document was published.")
    phases: tuple[TestingPhase, ...] = Field((), description="The testing phases, in order.")


class GoLiveDecision(Record):
    """The go/no-go decision on the release."""

    date: Day = Field(description="The date of the decision.")
    outcome: Literal["go", "no-go"] = Field(description="What was decided.")
    note: Optional[Text] = Field(None, description="A note on the decision.")


class ReleaseCosts(Record):
    """The release's DCC costs (R19, R20)."""

    forecast: Optional[Costs] = Field(None, description="The forecast costs.")
    actual: Optional[Costs] = Field(None, description="The actual costs.")
    actual_reported: Optional[Day] = Field(None, description="When the actual costs were reported.")
    commentary: Optional[Markdown] = Field(None, description="Commentary on the costs.")


class Release(Record):
    """A SEC Release: one file data/releases/<id>.yml (optional for a scheduled release)."""

    id: ReleaseId = Field(description="The release's id, equal to the file name and written in quotes: \"2025-06\", or \"2025-09-mp161\" for an ad hoc release.")
    kind: Literal["scheduled", "ad-hoc"] = Field("scheduled", description="A scheduled release (February, June, November) or an ad hoc one (R3).")
    recorded: Optional[Day] = Field(None, description="Ad hoc releases: when the release was first recorded (its first plan or RID draft); it does not exist on the site before this day.")
    type: Optional[ReleaseType] = Field(None, description="System or documentation release, as it is now; set by rule for a scheduled release (R1), required for an ad hoc one.")
    type_changes: tuple[TypeChange, ...] = Field((), description="Changes of the release's type (R2), oldest first.")
    go_live: Optional[Day] = Field(None, description="The go-live date as it is now; a scheduled release may leave it out (the rule date, R7); required for an ad hoc release.")
    first_go_live: Optional[Day] = Field(None, description="Ad hoc releases whose go-live moved: the go-live first planned, before the first date change.")
    date_changes: tuple[DateChange, ...] = Field((), description="Approved changes of the go-live date (R7), oldest first.")
    cancelled: Annotated[Optional[Cancellation], BeforeValidator(_cancellation)] = Field(None, description="When and why the release was cancelled, if it was.")
    sec_version: Optional[Version] = Field(None, description="The SEC version this release brings into effect, in quotes: \"57.0\".")
    scope_set: Optional[ScopeSet] = Field(None, description="When the Panel actually baselined the scope.")
    rid: tuple[RidVersion, ...] = Field((), description="Release Implementation Document versions (R16), oldest first.")
    testing: Optional[Testing] = Field(None, description="Testing documents and phases (R17).")
    acceptance_criteria: tuple[Text, ...] = Field((), description="The release's acceptance criteria.")
    go_live_evidence: Optional[Day] = Field(None, description="When the DCC presented go-live evidence (R21).")
    go_live_decision: Optional[GoLiveDecision] = Field(None, description="The go/no-go decision.")
    costs: Optional[ReleaseCosts] = Field(None, description="Forecast and actual DCC costs (R19, R20).")
    risks: tuple[Text, ...] = Field((), description="Risks to the release.")
    release_notes: tuple[Link, ...] = Field((), description="Links to the release notes (R27).")


# --- Notices and the calendar ------------------------------------------------------------------


class NoticeFrontMatter(Record):
    """What an editor writes at the top of a hand-written notice."""

    title: Line = Field(description="The notice's title.")
    date: Day = Field(description="The publication date; a notice dated in the future is held back until that day.")
    releases: tuple[ReleaseId, ...] = Field((), description="Ids of related releases, in quotes: [\"2025-06\"].")
    modifications: tuple[ModificationId, ...] = Field((), description="Ids of related modifications: [MP123].")


class Notice(NoticeFrontMatter):
    """A hand-written notice: its id is the file name and its body the Markdown below the front matter."""

    id: NoticeId
    # Checked by the rule ``checks.rules.notice_texts`` (at its own line of the file), not here: the
    # loader builds this model after reading the front matter, where a validation error has no line.
    body: StrictStr


class ChangeFreeze(Record):
    """A period in which no modification may be implemented (R6, policy 3.5)."""

    id: FreezeId = Field(description="A short id of lower-case words joined by hyphens, such as 2026-christmas.")
    start: Day = Field(description="The first day of the freeze, as first decided.")
    end: Day = Field(description="The last day of the freeze, as first decided.")
    reason: Text = Field(description="Why the freeze is needed.")
    decided: Optional[Day] = Field(None, description="When the Panel decided the freeze (policy 3.5); the site shows it from this day.")
    changes: tuple[PeriodChange, ...] = Field((), description="Revisions of the freeze's dates, oldest first.")

    _ordered = model_validator(mode="after")(_ends_after_start("freeze"))


class CalendarFile(Record):
    """The optional file data/calendar.yml."""

    change_freezes: tuple[ChangeFreeze, ...] = Field((), description="Periods in which no modification may be implemented (R6).")
    non_working_days: tuple[Day, ...] = Field((), description="Extra days that are not Working Days, beyond the bank holidays.")
