"""The SEC release policy as computable rules (policy-rules.md R1-R27).

Pure functions of dates: nothing here reads the clock, the data files or the
site configuration. Every rule lives in exactly one function of this package.
"""

from __future__ import annotations

from .dates import deadline, format_long, month_name, months_after, months_before, weeks_before
from .implementation import (
    TECHNICAL_SPEC_PATTERNS,
    applicable_option,
    approval_notice_due,
    date_after_decision,
    decision_bys_increasing,
    in_change_freeze,
    is_late_addition,
    rid_version_problems,
    technical_specifications_named,
    touches_technical_specifications,
)
from .releases import (
    DOCUMENTATION,
    MILESTONE_KEYS,
    MILESTONE_LABELS,
    MILESTONE_RULES,
    RELEASE_TYPES,
    SCHEDULED_MONTHS,
    SYSTEM,
    ReleaseStatus,
    default_release_type,
    milestone_dates,
    next_milestone,
    notice_dates,
    parse_release_id,
    release_name,
    release_status,
    scheduled_go_live,
    scheduled_release_id,
    scheduled_releases,
    scope_cutoff,
)
from .workdays import REGIONS, WorkingDays

__all__ = [
    # workdays
    "REGIONS",
    "WorkingDays",
    # dates
    "months_before",
    "months_after",
    "weeks_before",
    "deadline",
    "format_long",
    "month_name",
    # releases
    "SYSTEM",
    "DOCUMENTATION",
    "RELEASE_TYPES",
    "SCHEDULED_MONTHS",
    "scheduled_go_live",
    "default_release_type",
    "scheduled_release_id",
    "scheduled_releases",
    "parse_release_id",
    "release_name",
    "MILESTONE_KEYS",
    "MILESTONE_RULES",
    "MILESTONE_LABELS",
    "milestone_dates",
    "scope_cutoff",
    "ReleaseStatus",
    "release_status",
    "notice_dates",
    "next_milestone",
    # implementation
    "applicable_option",
    "decision_bys_increasing",
    "date_after_decision",
    "is_late_addition",
    "approval_notice_due",
    "rid_version_problems",
    "in_change_freeze",
    "TECHNICAL_SPEC_PATTERNS",
    "technical_specifications_named",
    "touches_technical_specifications",
]
