"""Releases: the scheduled calendar, names and ids, milestones, notices and status.

Clause numbers refer to the SEC Release Management Policy v2.1; rule ids
(R1, R13, ...) to policy-rules.md.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from ..model import RELEASE_ID
from .dates import deadline, month_name, months_after, months_before, weeks_before
from .workdays import WorkingDays

__all__ = [
    "SYSTEM",
    "DOCUMENTATION",
    "RELEASE_TYPES",
    "SCHEDULED_MONTHS",
    "scheduled_go_live",
    "default_release_type",
    "scheduled_release_id",
    "scheduled_releases",
    "parse_release_id",
    "is_scheduled_release_id",
    "NOTICE_KINDS",
    "release_name",
    "MilestoneKind",
    "MILESTONES",
    "MILESTONE_KEYS",
    "milestone_dates",
    "scope_cutoff",
    "ReleaseStatus",
    "release_status",
    "status_from_dates",
    "other_release_type",
    "notice_dates",
]

# The two release types (policy 3.1), spelled as in the data files.
SYSTEM = "system"
DOCUMENTATION = "documentation"
RELEASE_TYPES = (SYSTEM, DOCUMENTATION)

# February, June and November (R1, policy 3.1).
SCHEDULED_MONTHS = (2, 6, 11)

_THURSDAY = 3  # date.weekday(): Monday is 0

_RELEASE_ID = re.compile(RELEASE_ID)  # R4: the data contract's pattern, written once in the model


def other_release_type(release_type: str) -> str:
    """R2 (policy 3.1): a release changes type only to the other one."""
    _check_release_type(release_type)
    return DOCUMENTATION if release_type == SYSTEM else SYSTEM


def _check_scheduled_month(month: int) -> None:
    if month not in SCHEDULED_MONTHS:
        raise ValueError(
            f"month {month} has no scheduled release: scheduled releases are in "
            "February (2), June (6) and November (11)"
        )


def _check_release_type(release_type: str) -> None:
    if release_type not in RELEASE_TYPES:
        raise ValueError(f'unknown release type "{release_type}": use "system" or "documentation"')


def _last_thursday(year: int, month: int) -> date:
    last_day = date(year, month, calendar.monthrange(year, month)[1])
    return last_day - timedelta(days=(last_day.weekday() - _THURSDAY) % 7)


def _first_thursday(year: int, month: int) -> date:
    first_day = date(year, month, 1)
    return first_day + timedelta(days=(_THURSDAY - first_day.weekday()) % 7)


def scheduled_go_live(year: int, month: int) -> date:
    """R1 (policy 3.1): the rule go-live of a scheduled release.

    February and June: the last Thursday of the month; November: the first
    Thursday. Not moved for bank holidays (R7: only a recorded, approved
    change moves a go-live).
    """
    _check_scheduled_month(month)
    if month == 11:
        return _first_thursday(year, month)
    return _last_thursday(year, month)


def default_release_type(month: int) -> str:
    """R1 (policy 3.1): February is a Documentation Release, June and November System Releases.

    R2 lets the data turn a scheduled System Release into a Documentation one.
    """
    _check_scheduled_month(month)
    return DOCUMENTATION if month == 2 else SYSTEM


def scheduled_release_id(year: int, month: int) -> str:
    """R4 (policy 3.4): the id of a scheduled release, "YYYY-MM"."""
    _check_scheduled_month(month)
    return f"{year:04d}-{month:02d}"


def scheduled_releases(first_year: int, last_year: int) -> list[tuple[str, date, str]]:
    """R1 (policy 3.1): every scheduled release of the years given, inclusive, in date order.

    Each is (id, rule go-live, default type). Empty when first_year > last_year.
    """
    return [
        (scheduled_release_id(year, month), scheduled_go_live(year, month), default_release_type(month))
        for year in range(first_year, last_year + 1)
        for month in SCHEDULED_MONTHS
    ]


def parse_release_id(rid: str) -> tuple[int, int, str | None]:
    """R4 (policy 3.4): split a release id into (year, month, slug).

    "2025-06" -> (2025, 6, None); "2025-09-mp161" -> (2025, 9, "mp161"). The
    slug (lower-case letters and digits, hyphen-separated) tells apart an ad
    hoc release that shares its month with another.
    """
    if _RELEASE_ID.fullmatch(rid) is None:
        raise ValueError(
            f'"{rid}" is not a release id: expected "YYYY-MM" or "YYYY-MM-slug" '
            "(slug: lower-case letters and digits, separated by single hyphens)"
        )
    return int(rid[:4]), int(rid[5:7]), rid[8:] or None


def is_scheduled_release_id(release_id: str) -> bool:
    """R1/R4: a YYYY-02, YYYY-06 or YYYY-11 id names a scheduled release, which exists by rule with or
    without a data file; any other month, or a suffix, names an ad hoc release."""
    try:
        _, month, slug = parse_release_id(release_id)
    except ValueError:
        return False
    return slug is None and month in SCHEDULED_MONTHS


def release_name(go_live: date) -> str:
    """R4 (policy 3.4): a release is named after its go-live month: "June 2025 SEC Release"."""
    return f"{month_name(go_live.month)} {go_live.year} SEC Release"


# ---------------------------------------------------------------------------
# Milestones
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MilestoneKind:
    """One kind of key date of a release: everything the site says about it, in one place."""

    key: str  # as in calendar UIDs and CATEGORIES (site contract)
    label: str
    rule: str  # this project's rule id (policy-rules.md), for editors and code
    clause: str  # the policy section readers are shown
    done: str  # how a recorded actual date reads
    dcc_deadline: bool = False  # a DCC obligation: a later recorded date is a missed deadline (R17, R20, R21)


# In the order that breaks ties between milestones on the same date (documentation-cutoff and
# tad-published are both 6 months before go-live).
MILESTONES: dict[str, MilestoneKind] = {m.key: m for m in (
    MilestoneKind("systems-cutoff", "Scope cut-off for DCC and User system changes", "R13", "policy 5.3",
                  "The Panel set the systems scope"),
    MilestoneKind("documentation-cutoff", "Scope cut-off for documentation-only changes", "R13", "policy 5.3",
                  "The Panel set the full scope"),
    MilestoneKind("tad-to-tag", "Testing Approach Document to the TAG", "R17", "policy 6.1", "Sent to the TAG", True),
    MilestoneKind("tad-published", "Testing Approach Document published", "R17", "policy 6.1", "Published", True),
    MilestoneKind("go-live-evidence", "Go-live evidence to the Panel", "R21", "policy 8", "Presented", True),
    MilestoneKind("go-live", "Go-live", "R1", "policy 3.1", "Went live"),
    MilestoneKind("actual-cost-report", "Actual cost report", "R20", "policy 7.3", "Reported", True),
)}
MILESTONE_KEYS = tuple(MILESTONES)


def _systems_cutoff(go_live: date, wd: WorkingDays) -> date:
    """R13 (policy 5.3): scope of systems-impacting changes set 12 months before go-live."""
    return deadline(months_before(go_live, 12), wd)


def _documentation_cutoff(go_live: date, wd: WorkingDays) -> date:
    """R13 (policy 5.3): scope of documentation-only changes set 6 months before go-live."""
    return deadline(months_before(go_live, 6), wd)


def milestone_dates(go_live: date, release_type: str, wd: WorkingDays) -> dict[str, date]:
    """The key dates of one release, in date order (ties in MILESTONE_KEYS order).

    - systems-cutoff: R13 (policy 5.3), System Releases only, 12 months before.
    - documentation-cutoff: R13 (policy 5.3), 6 months before.
    - tad-to-tag / tad-published: R17 (policy 6.1), System Releases only, 9 and 6 months before.
    - go-live-evidence: R21 (policy 8), 6 weeks before.
    - go-live: the date itself, never moved.
    - actual-cost-report: R20 (policy 7.3), System Releases only, 2 months after.

    Every date but go-live is a deadline: off a Working Day it moves to the
    preceding Working Day.
    """
    _check_release_type(release_type)
    found: dict[str, date] = {
        "documentation-cutoff": _documentation_cutoff(go_live, wd),
        "go-live-evidence": deadline(weeks_before(go_live, 6), wd),
        "go-live": go_live,
    }
    if release_type == SYSTEM:
        found["systems-cutoff"] = _systems_cutoff(go_live, wd)
        found["tad-to-tag"] = deadline(months_before(go_live, 9), wd)
        found["tad-published"] = deadline(months_before(go_live, 6), wd)
        found["actual-cost-report"] = deadline(months_after(go_live, 2), wd)
    in_order = sorted(found, key=lambda key: (found[key], MILESTONE_KEYS.index(key)))
    return {key: found[key] for key in in_order}


def scope_cutoff(go_live: date, release_type: str, impacts_systems: bool, wd: WorkingDays) -> date:
    """R13 (policy 5.3): the scope cut-off that applies to one modification in one release.

    A modification impacting DCC or User systems, in a System Release: 12
    months before go-live. Anything else (a documentation-only modification,
    or any modification of a Documentation Release, which has only the
    6-month cut-off): 6 months before. A systems-impacting modification in a
    Documentation Release is an error of its own (R15), not decided here.
    """
    _check_release_type(release_type)
    if impacts_systems and release_type == SYSTEM:
        return _systems_cutoff(go_live, wd)
    return _documentation_cutoff(go_live, wd)


# ---------------------------------------------------------------------------
# Notices and status
# ---------------------------------------------------------------------------


# The release notices R23/R24 require (as named in notice ids) and how many months before go-live.
_NOTICE_MONTHS = {"12-months": 12, "6-months": 6, "1-month": 1}
NOTICE_KINDS = tuple(_NOTICE_MONTHS)


def notice_dates(go_live: date, wd: WorkingDays) -> dict[str, date]:
    """R23/R24 (policy 9.1): notices 12 months, 6 months and 1 month before go-live.

    Each is a deadline, so off a Working Day it moves to the preceding one
    (the 1-month notice of a June release often lands on the Spring Bank
    Holiday and goes out the Friday before).
    """
    return {kind: deadline(months_before(go_live, months), wd) for kind, months in _NOTICE_MONTHS.items()}


class ReleaseStatus(str, Enum):
    """Where a release stands at the build date (policy-rules.md, "Statuses of a release")."""

    CANCELLED = "Cancelled"
    POSTPONED = "Go-live postponed"  # a no-go decision (policy 8) with no new go-live yet
    LIVE = "Live"
    IMMINENT = "Go-live imminent"
    SCOPE_SET = "Scope set"
    SYSTEMS_SCOPE_SET = "Systems scope set"
    OPEN = "Open"

    def __str__(self) -> str:
        # Show "Live", not "ReleaseStatus.LIVE", in templates and f-strings.
        return self.value


def release_status(
    today: date,
    go_live: date,
    release_type: str,
    cancelled: bool,
    wd: WorkingDays,
) -> ReleaseStatus:
    """The status of a release at build date ``today``, checked in the convention's order.

    Cancelled (data says so); Live (on or after go-live); Go-live imminent (on
    or after the 1-month notice, R24 policy 9.1); Scope set (on or after the
    documentation cut-off, R13 policy 5.3); Systems scope set (System Release,
    on or after the systems cut-off, R13); otherwise Open.
    """
    _check_release_type(release_type)
    if cancelled:
        return ReleaseStatus.CANCELLED
    dates = {"go-live": go_live, "documentation-cutoff": _documentation_cutoff(go_live, wd)}
    dates["notice-1-month"] = notice_dates(go_live, wd)["1-month"]
    if release_type == SYSTEM:
        dates["systems-cutoff"] = _systems_cutoff(go_live, wd)
    return status_from_dates(today, dates, release_type)


def status_from_dates(today: date, dates: dict[str, date], release_type: str) -> ReleaseStatus:
    """The status on ``today`` from the release's dates as they stood then (keys as in
    ``milestone_dates``, and ``notice-1-month``): Live, Go-live imminent (R24), Scope set and
    Systems scope set (R13), else Open. A cut-off that passed keeps its date (as-of rule)."""
    def reached(key: str) -> bool:  # a date the release does not have is never reached
        return key in dates and today >= dates[key]

    if reached("go-live"):
        return ReleaseStatus.LIVE
    if reached("notice-1-month"):
        return ReleaseStatus.IMMINENT
    if reached("documentation-cutoff"):
        return ReleaseStatus.SCOPE_SET
    if release_type == SYSTEM and reached("systems-cutoff"):
        return ReleaseStatus.SYSTEMS_SCOPE_SET
    return ReleaseStatus.OPEN
