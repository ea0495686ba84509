"""Implementation dates, scope entry, RID versions, change freezes and technical specifications.

Clause numbers refer to the SEC Release Management Policy v2.1; rule ids to
policy-rules.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from .workdays import WorkingDays

__all__ = [
    "applicable_option",
    "decision_bys_out_of_order",
    "date_after_decision",
    "is_late_addition",
    "approval_notice_due",
    "rid_version_problems",
    "rid_version_problems_at",
    "in_change_freeze",
    "TECHNICAL_SPEC_PATTERNS",
    "technical_specifications_named",
    "touches_technical_specifications",
]


# ---------------------------------------------------------------------------
# Implementation dates (policy 4)
# ---------------------------------------------------------------------------


def applicable_option(decision_bys: Sequence[date], approved_on: date) -> int | None:
    """R9 (policy 4.2): which conditional implementation date applies to an approval.

    The index of the first option whose decision-by date is on or after the
    approval date ("if a decision to approve is received on or before ...").
    None when the approval came after every decision-by date: the
    modification then awaits a new implementation date.
    """
    for index, decision_by in enumerate(decision_bys):
        if approved_on <= decision_by:
            return index
    return None


def decision_bys_out_of_order(decision_bys: Sequence[date]) -> list[int]:
    """R9 (policy 4.2): each fall-back's decision-by date must come strictly after the previous one.

    The indexes of the options whose decision-by date does not (empty when all is well).
    """
    return [i for i in range(1, len(decision_bys)) if decision_bys[i] <= decision_bys[i - 1]]


def date_after_decision(decision: date, working_days: int, wd: WorkingDays) -> date:
    """R10 (policy 4.2): "XX Working Days following decision", the decision day not counted."""
    return wd.add(decision, working_days)


def is_late_addition(entered: date, cutoff: date) -> bool:
    """R14 (policy 5.3): a modification entering scope after its cut-off is a late addition.

    Entering on the cut-off day itself is still in time.
    """
    return entered > cutoff


def approval_notice_due(decision: date, wd: WorkingDays) -> date:
    """R22 (policy 9.1): the approval notice is due within one Working Day of the decision.

    That is the first Working Day after the decision day.
    """
    return wd.add(decision, 1)


# ---------------------------------------------------------------------------
# RID versions (policy 5.4)
# ---------------------------------------------------------------------------

_VERSION = re.compile(r"(\d+)\.(\d+)")


def _describe_rid_step(
    previous: tuple[str, int, int] | None, version: str, major: int, minor: int
) -> str | None:
    """The problem with ``version`` coming right after ``previous`` (None when it is the first), if any."""
    if previous is None:
        where = f'first version "{version}"'
        prev_major = prev_minor = None
    else:
        prev_text, prev_major, prev_minor = previous
        where = f'version "{version}" after "{prev_text}"'
    baselined = prev_major is not None and prev_major >= 1

    if major == 0:
        # A draft.
        if minor == 0:
            return f"{where}: drafts are numbered from 0.1"
        if baselined:
            return (
                f"{where}: drafts come before the baseline; after it each amendment "
                f'takes the next whole version ("{prev_major + 1}.0")'
            )
        if prev_minor is not None and minor <= prev_minor:
            return f"{where}: draft versions must increase"
        return None

    # A whole version: the baseline 1.0 or an amendment after it.
    if baselined:
        expected = f"{prev_major + 1}.0"
        if (major, minor) != (prev_major + 1, 0):
            return f'{where}: after the baseline each amendment takes the next whole version ("{expected}")'
        return None
    if (major, minor) != (1, 0):
        return f'{where}: the RID is baselined at "1.0"'
    return None


def rid_version_problems(versions: Sequence[str]) -> list[str]:
    """R16 (policy 5.4): what is wrong with a RID's version history, as plain sentences.

    A valid history is zero or more drafts 0.x (x increasing from 1 upwards,
    gaps allowed), then optionally the baseline 1.0, then the amendments 2.0,
    3.0, ... one whole version at a time. Each version is checked against the
    last well-formed one before it, so one slip gives one problem. An empty
    history has no problems.
    """
    return [problem for _, problem in rid_version_problems_at(versions)]


def rid_version_problems_at(versions: Sequence[str]) -> list[tuple[int, str]]:
    """R16: the problems of ``rid_version_problems``, each with the index of the version that causes it."""
    problems: list[tuple[int, str]] = []
    previous: tuple[str, int, int] | None = None
    for index, version in enumerate(versions):
        match = _VERSION.fullmatch(version)
        if match is None:
            problems.append((index, f'version "{version}" is not a version number like "0.1" or "1.0"'))
            continue
        major, minor = int(match.group(1)), int(match.group(2))
        problem = _describe_rid_step(previous, version, major, minor)
        if problem is not None:
            problems.append((index, problem))
        previous = (version, major, minor)
    return problems


# ---------------------------------------------------------------------------
# Change freezes (policy 3.5)
# ---------------------------------------------------------------------------


def in_change_freeze(d: date, freezes: Iterable[tuple[str, date, date]]) -> str | None:
    """R6 (policy 3.5): the id of the change freeze (start and end inclusive) containing ``d``.

    None when ``d`` is in no freeze. With overlapping freezes, the first one listed.
    """
    for freeze_id, start, end in freezes:
        if start <= d <= end:
            return freeze_id
    return None


# ---------------------------------------------------------------------------
# Technical specifications (policy 3.3)
# ---------------------------------------------------------------------------

# Which document names count as DUIS, GBCS or a Technical Specification (R5).
# Case-insensitive; "\b" at the start keeps them from matching inside longer
# words, while "SMETS2" or "DUIS v5.0" still match.
TECHNICAL_SPEC_PATTERNS: dict[str, re.Pattern[str]] = {
    "DUIS": re.compile(
        r"\bDUIS|\bDCC\s+User\s+Interface\s+Specification|\bAppendix\s+AD\b",
        re.IGNORECASE,
    ),
    "GBCS": re.compile(
        r"\bGBCS|\b(?:Great\s+Britain|GB)\s+Companion\s+Specification|\bAppendix\s+AB\b",
        re.IGNORECASE,
    ),
    "Technical Specifications": re.compile(
        r"\bTechnical\s+Specification|\bSMETS|\bCHTS",
        re.IGNORECASE,
    ),
}


def technical_specifications_named(documents: Iterable[str]) -> list[str]:
    """R5 (policy 3.3): which of "DUIS", "GBCS", "Technical Specifications" the documents name.

    In TECHNICAL_SPEC_PATTERNS order, each at most once; for the warning's wording.
    """
    texts = list(documents)
    return [
        name
        for name, pattern in TECHNICAL_SPEC_PATTERNS.items()
        if any(pattern.search(text) for text in texts)
    ]


def touches_technical_specifications(documents: Iterable[str]) -> bool:
    """R5 (policy 3.3): does any document name DUIS, GBCS or a Technical Specification?"""
    return bool(technical_specifications_named(documents))
