"""The build date T: the only place secsite reads the clock (policy-rules.md, last convention)."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def build_datetime() -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), otherwise now; in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (OverflowError, OSError) as exc:  # a number outside the years datetime can hold
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch} is out of range") from exc
    return datetime.now(tz=timezone.utc)


def build_date() -> date:
    """T as a calendar date in Great Britain, where the policy's days are counted."""
    return build_datetime().astimezone(LONDON).date()
