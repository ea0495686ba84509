"""The data contract (shared/spec/data-contract.md) as typed, immutable models.

This is the one place that says what editors may write in ``data/``. Loading and error reporting
live in ``loader``; rules that need more than one field or file live in ``validate``.
Models are strict where YAML would otherwise guess: ids and versions must be text (``"1.0"``, not
``1.0``), flags must be true/false, amounts must be numbers.
"""

from __future__ import annotations

import re
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

MODIFICATION_ID = r"^(MP\d{2,}[A-Z]?|DP\d{2,}[A-Z]?|SECMP\d{4,}[A-Z]?)$"
RELEASE_ID = r"^\d{4}-(0[1-9]|1[0-2])(-[a-z0-9]+(-[a-z0-9]+)*)?$"
NOTICE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
FREEZE_ID = NOTICE_ID
VERSION = r"^\d+\.\d+$"

# What each pattern means, for error messages an editor can act on.
PATTERN_HELP = {
    MODIFICATION_ID: "a modification id such as MP123, MP123A, DP123 or SECMP0123",
    RELEASE_ID: "a release id such as \"2025-06\" (or \"2025-09-mp161\" for an ad hoc release)",
    NOTICE_ID: "lower-case words joined by hyphens, such as christmas-change-freeze",
    VERSION: "a version written as text such as \"1.0\"",
}


def _iso_date(value: object) -> object:
    """Accept YAML dates and quoted ISO dates (YYYY-MM-DD); nothing else."""
    if isinstance(value, datetime):
        raise PydanticCustomError("date_with_time", "must be a date without a time, written YYYY-MM-DD")
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise PydanticCustomError("date_format", "must be a date written YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_value", "is not a real calendar date") from None
    if not isinstance(value, date):
        raise PydanticCustomError("date_type", "must be a date written YYYY-MM-DD")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return value


def _web_url(value: str) -> str:
    # Only web links: a `javascript:` or `data:` URL in a document list would run in readers' browsers.
    if not re.fullmatch(r"https?://[^\s<>\"]+", value):
        raise PydanticCustomError("url", "must be a web address starting with https:// or http://")
    return value


Day = Annotated[date, BeforeValidator(_iso_date)]
Text = Annotated[StrictStr, AfterValidator(_not_blank)]  # plain text, escaped when shown
Markdown = Annotated[StrictStr, AfterValidator(_not_blank)]  # rendered as Markdown
Url = Annotated[StrictStr, AfterValidator(_web_url)]
ModificationId = Annotated[StrictStr, Field(pattern=MODIFICATION_ID)]
ReleaseId = Annotated[StrictStr, Field(pattern=RELEASE_ID)]
NoticeId = Annotated[StrictStr, Field(pattern=NOTICE_ID)]
Version = Annotated[StrictStr, Field(pattern=VERSION)]
Money = Annotated[float, Field(ge=0, strict=True)]

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

    design_build_pit: Optional[Money] = None
    sit: Optional[Money] = None
    uit: Optional[Money] = None
    implement_to_live: Optional[Money] = None
    one_off_operational: Optional[Money] = None
    ongoing_operational: Optional[Money] = None  # per year

    def total(self) -> float:
        return sum(v for v in self.model_dump().values() if v is not None)


COST_LINES = tuple(Costs.model_fields)


class Link(Record):
    title: Text
    url: Url
    date: Optional[Day] = None


# --- Modifications -----------------------------------------------------------------------------


class PartyImpacts(Record):
    """Impact level per Party Category; a category left out is not impacted."""

    large_suppliers: Optional[ImpactLevel] = None
    small_suppliers: Optional[ImpactLevel] = None
    electricity_networks: Optional[ImpactLevel] = None
    gas_networks: Optional[ImpactLevel] = None
    other_parties: Optional[ImpactLevel] = None

    def impacted(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class Impacts(Record):
    dcc_systems: StrictBool
    user_systems: StrictBool
    parties: PartyImpacts = PartyImpacts()
    documents: tuple[Text, ...] = ()

    @property
    def systems(self) -> bool:
        """R13: impacting DCC or User systems puts a modification under the 12-month cut-off."""
        return self.dcc_systems or self.user_systems


def _release_or_date(model):  # shared by options and revisions
    if model.release is None and model.date is None:
        raise PydanticCustomError("release_or_date", "give a release, a date, or both")
    return model


class ImplementationOption(Record):
    """One conditional implementation date (R9): applies if approval comes by ``decision_by``."""

    release: Optional[ReleaseId] = None
    date: Optional[Day] = None
    decision_by: Day

    _check = model_validator(mode="after")(_release_or_date)


class ImplementationChange(Record):
    """An Authority-approved revision of the implementation date (R11)."""

    requested: Day
    approved: Day
    release: Optional[ReleaseId] = None
    date: Optional[Day] = None
    reason: Text
    late_addition: Optional[Markdown] = None

    _check = model_validator(mode="after")(_release_or_date)


class Implementation(Record):
    set: Day
    dates: Optional[tuple[ImplementationOption, ...]] = Field(default=None, min_length=1)
    working_days_after_decision: Optional[Annotated[int, Field(gt=0, strict=True)]] = None
    late_addition: Optional[Markdown] = None
    changes: tuple[ImplementationChange, ...] = ()

    @model_validator(mode="after")
    def _one_form(self):
        if (self.dates is None) == (self.working_days_after_decision is None):
            raise PydanticCustomError(
                "implementation_form",
                "give either 'dates' (conditional options) or 'working_days_after_decision', not both or neither",
            )
        return self


class Decision(Record):
    date: Day
    by: Literal["change-board", "authority", "panel"]
    outcome: Literal["approved", "rejected"]


class HistoryEvent(Record):
    date: Day
    event: Text


class Modification(Record):
    id: ModificationId
    title: Text
    stage: Stage
    route: Route
    urgent: StrictBool = False
    raised: Day
    proposer: Text
    lead_analyst: Optional[Text] = None
    summary: Markdown
    solution: Optional[Markdown] = None
    impacts: Impacts
    implementation: Optional[Implementation] = None
    decision: Optional[Decision] = None
    costs: Optional[Costs] = None
    history: tuple[HistoryEvent, ...] = ()
    documents: tuple[Link, ...] = ()

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


def natural_key(item_id: str) -> tuple:
    """Sort MP99 before MP100: compare the digit runs of an id as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", item_id.lower()))


# --- Releases ----------------------------------------------------------------------------------


class DateChange(Record):
    """An approved change of a release's go-live (R7)."""

    requested: Day
    approved: Day
    by: Literal["authority", "panel"]
    date: Day
    reason: Text


class ScopeSet(Record):
    systems: Optional[Day] = None
    full: Optional[Day] = None


class RidVersion(Record):
    version: Version
    date: Day
    summary: Text


class TestingPhase(Record):
    name: Text
    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise PydanticCustomError("phase_order", "the phase ends before it starts")
        return self


class Testing(Record):
    tad_to_tag: Optional[Day] = None
    tad_published: Optional[Day] = None
    phases: tuple[TestingPhase, ...] = ()


class GoLiveDecision(Record):
    date: Day
    outcome: Literal["go", "no-go"]
    note: Optional[Text] = None


class ReleaseCosts(Record):
    forecast: Optional[Costs] = None
    actual: Optional[Costs] = None
    actual_reported: Optional[Day] = None
    commentary: Optional[Markdown] = None


class Release(Record):
    id: ReleaseId
    kind: Literal["scheduled", "ad-hoc"] = "scheduled"
    type: Optional[ReleaseType] = None
    go_live: Optional[Day] = None
    date_changes: tuple[DateChange, ...] = ()
    cancelled: StrictBool = False
    sec_version: Optional[Version] = None
    scope_set: Optional[ScopeSet] = None
    rid: tuple[RidVersion, ...] = ()
    testing: Optional[Testing] = None
    acceptance_criteria: tuple[Text, ...] = ()
    go_live_evidence: Optional[Day] = None
    go_live_decision: Optional[GoLiveDecision] = None
    costs: Optional[ReleaseCosts] = None
    risks: tuple[Text, ...] = ()
    release_notes: tuple[Link, ...] = ()


# --- Notices and the calendar ------------------------------------------------------------------


class NoticeFrontMatter(Record):
    """What an editor writes at the top of a hand-written notice."""

    title: Text
    date: Day
    releases: tuple[ReleaseId, ...] = ()
    modifications: tuple[ModificationId, ...] = ()


class Notice(NoticeFrontMatter):
    """A hand-written notice: its id is the file name and its body the Markdown below the front matter."""

    id: NoticeId
    body: Markdown


class ChangeFreeze(Record):
    """A period in which no modification may be implemented (R6, policy 3.5)."""

    id: Annotated[StrictStr, Field(pattern=FREEZE_ID)]
    start: Day
    end: Day
    reason: Text

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise PydanticCustomError("freeze_order", "the freeze ends before it starts")
        return self


class CalendarFile(Record):
    change_freezes: tuple[ChangeFreeze, ...] = ()
    non_working_days: tuple[Day, ...] = ()
