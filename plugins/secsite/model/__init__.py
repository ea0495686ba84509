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


def _iso_date(value: object) -> object:
    """Accept YAML dates and quoted ISO dates (YYYY-MM-DD); nothing else."""
    if type(value) is date:  # what YAML gives for an unquoted date: the usual case, answered first
        return value
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
    if not re.fullmatch(WEB_URL, value):
        raise PydanticCustomError("url", "must be a web address starting with https:// or http://")
    return value


Day = Annotated[date, BeforeValidator(_iso_date)]
# The ``json_schema_extra`` entries only describe these types in the published JSON Schema (editor
# hints); validation is the validators' alone.
Text = Annotated[StrictStr, AfterValidator(_not_blank), Field(json_schema_extra={"minLength": 1})]  # plain text, escaped when shown
Markdown = Annotated[  # rendered as Markdown
    StrictStr, AfterValidator(_not_blank), Field(json_schema_extra={"minLength": 1, "contentMediaType": "text/markdown"})
]
Url = Annotated[StrictStr, AfterValidator(_web_url), Field(json_schema_extra={"format": "uri", "pattern": WEB_URL})]
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

    title: Text = Field(description="The document's title, as shown in the list of links.")
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
    documents: tuple[Text, ...] = Field((), description="The SEC documents it amends, such as \"Section H 'DCC Services'\".")

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
    working_days_after_decision: Optional[Annotated[int, Field(gt=0, strict=True)]] = Field(
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
    event: Text = Field(description="What happened, such as \"Draft Proposal raised\".")


class Modification(Record):
    """A Modification Proposal: one file data/modifications/<id>.yml."""

    id: ModificationId = Field(description="The modification's id, equal to the file name: MP123, MP123A, DP123 or SECMP0123.")
    title: Text = Field(description="The modification's title.")
    stage: Stage = Field(description="Where the modification is in the change process.")
    route: Route = Field(description="The route the modification follows.")
    urgent: StrictBool = Field(False, description="Whether it is an urgent modification.")
    raised: Day = Field(description="When the (Draft) Proposal was raised.")
    proposer: Text = Field(description="The Party (or other body) that raised it.")
    lead_analyst: Optional[Text] = Field(None, description="The lead analyst.")
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

    name: Text = Field(description="The phase's name, such as SIT or UIT.")
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

    title: Text = Field(description="The notice's title.")
    date: Day = Field(description="The publication date; a notice dated in the future is held back until that day.")
    releases: tuple[ReleaseId, ...] = Field((), description="Ids of related releases, in quotes: [\"2025-06\"].")
    modifications: tuple[ModificationId, ...] = Field((), description="Ids of related modifications: [MP123].")


class Notice(NoticeFrontMatter):
    """A hand-written notice: its id is the file name and its body the Markdown below the front matter."""

    id: NoticeId
    body: Markdown


class ChangeFreeze(Record):
    """A period in which no modification may be implemented (R6, policy 3.5)."""

    id: Annotated[StrictStr, Field(pattern=FREEZE_ID)] = Field(description="A short id of lower-case words joined by hyphens, such as 2026-christmas.")
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
