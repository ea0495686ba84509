"""Working Days: which days count, and counting them.

Convention (policy-rules.md, "Working Day"): any day but Saturday, Sunday and
the bank holidays of the configured region, one-off bank holidays included
(the 2022 State Funeral, the 2023 Coronation). A data file may add further
non-working days.

The bank holidays come from the ``holidays`` package. Every set is built once
per year and then looked up, so ``is_working_day`` costs a dictionary lookup
and a set membership test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays

__all__ = ["REGIONS", "WorkingDays"]

# Region setting name -> (country, subdivision) as the ``holidays`` package spells them.
REGIONS: dict[str, tuple[str, str]] = {
    "england-and-wales": ("GB", "ENG"),
    "scotland": ("GB", "SCT"),
    "northern-ireland": ("GB", "NIR"),
}

EXTRA_NON_WORKING_NAME = "extra non-working day"

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=None)
def _bank_holidays(country: str, subdiv: str, year: int) -> Mapping[date, str]:
    """The bank holidays of one region in one year, date -> name.

    Cached for the whole process: every ``WorkingDays`` of the same region
    shares the result, so building a calendar twice costs nothing.
    """
    found = holidays.country_holidays(country, subdiv=subdiv, years=year)
    # A read-only view, because the cached value is shared.
    return MappingProxyType(dict(found))


class WorkingDays:
    """The Working Day calendar of one region, plus any extra non-working days.

    Immutable after construction (the per-year cache inside it only fills in
    lazily and never changes an answer).
    """

    __slots__ = ("_region", "_country", "_subdiv", "_extra", "_by_year")

    _region: str
    _country: str
    _subdiv: str
    _extra: frozenset[date]
    _by_year: dict[int, frozenset[date]]

    def __init__(
        self,
        region: str = "england-and-wales",
        extra_non_working: Iterable[date] = (),
    ) -> None:
        if region not in REGIONS:
            valid = ", ".join(f'"{name}"' for name in REGIONS)
            raise ValueError(f'unknown region "{region}": use one of {valid}')
        extra = frozenset(extra_non_working)
        for day in extra:
            # A datetime never equals a date, so it would silently never match.
            if not isinstance(day, date) or isinstance(day, datetime):
                raise TypeError(f"extra non-working days must be dates, got {day!r}")
        country, subdiv = REGIONS[region]
        # object.__setattr__ because our own __setattr__ forbids changes.
        object.__setattr__(self, "_region", region)
        object.__setattr__(self, "_country", country)
        object.__setattr__(self, "_subdiv", subdiv)
        object.__setattr__(self, "_extra", extra)
        object.__setattr__(self, "_by_year", {})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("WorkingDays is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("WorkingDays is immutable")

    def __reduce__(self) -> tuple[type[WorkingDays], tuple[str, tuple[date, ...]]]:
        # Rebuild through __init__, so copy and pickle work despite __setattr__ above.
        return (WorkingDays, (self._region, tuple(sorted(self._extra))))

    def __repr__(self) -> str:
        return f"WorkingDays(region={self._region!r}, extra_non_working={sorted(self._extra)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkingDays):
            return NotImplemented
        return (self._region, self._extra) == (other._region, other._extra)

    def __hash__(self) -> int:
        return hash((self._region, self._extra))

    @property
    def region(self) -> str:
        """The region setting name, e.g. "england-and-wales"."""
        return self._region

    @property
    def extra_non_working(self) -> frozenset[date]:
        """The non-working days added on top of the bank holidays."""
        return self._extra

    def _non_working_in(self, year: int) -> frozenset[date]:
        """Bank holidays and extra non-working days of one year (weekends aside)."""
        days = self._by_year.get(year)
        if days is None:
            bank = _bank_holidays(self._country, self._subdiv, year)
            extra = {d for d in self._extra if d.year == year}
            days = frozenset(bank) | frozenset(extra)
            self._by_year[year] = days
        return days

    def is_working_day(self, d: date) -> bool:
        """Convention "Working Day": not a weekend, bank holiday or extra non-working day."""
        if d.weekday() >= 5:  # Saturday is 5, Sunday is 6
            return False
        return d not in self._non_working_in(d.year)

    def add(self, start: date, n: int) -> date:
        """R10 (policy 4.2): the date ``n`` Working Days after ``start``.

        ``start`` itself is not counted ("XX Working Days following decision"),
        so one Working Day after a Friday is the next Monday when that is a
        Working Day. ``n == 0`` returns ``start`` unchanged.
        """
        if n < 0:
            raise ValueError(f"the number of Working Days must not be negative, got {n}")
        current = start
        remaining = n
        while remaining > 0:
            current += _ONE_DAY
            if self.is_working_day(current):
                remaining -= 1
        return current

    def on_or_before(self, d: date) -> date:
        """``d`` when it is a Working Day, otherwise the Working Day before it."""
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def on_or_after(self, d: date) -> date:
        """``d`` when it is a Working Day, otherwise the Working Day after it."""
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def holiday_name(self, d: date) -> str | None:
        """Why ``d`` is off, for explanations: the bank holiday's name or "extra non-working day".

        None for a day that is neither (a Working Day, or a plain Saturday or
        Sunday: callers can say "Saturday" themselves). A bank holiday that
        falls on a weekend is still named.
        """
        name = _bank_holidays(self._country, self._subdiv, d.year).get(d)
        if name is not None:
            return name
        if d in self._extra:
            return EXTRA_NON_WORKING_NAME
        return None
