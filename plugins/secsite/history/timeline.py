"""A fact that changes over time: the values it took, each with the day it became known.

The policy is a record of commitments made on dates (policy-rules.md, "As-of rule"). Every schedule
fact (a go-live, a release's type, a testing phase, a change freeze) is kept as a ``Timeline`` and
read with ``at(day)``: what was known on that day. Nothing here knows the model or the policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, Iterable, TypeVar

V = TypeVar("V")

ALWAYS = date.min  # "known from the start": a rule date, or a first plan with no recorded date


@dataclass(frozen=True)
class Timeline(Generic[V]):
    """Sorted ``(since, value)`` pairs: ``value`` holds from ``since`` until the next pair's day."""

    entries: tuple[tuple[date, V], ...]

    @classmethod
    def of(cls, pairs: Iterable[tuple[date, V]]) -> Timeline[V]:
        # A stable sort keeps the order editors wrote for entries made on the same day.
        return cls(tuple(sorted(pairs, key=lambda pair: pair[0])))

    def at(self, day: date) -> V | None:
        """The value known on ``day`` (None before the first entry)."""
        found = None
        for since, value in self.entries:
            if since > day:
                break
            found = value
        return found

    def known_on(self, day: date) -> Timeline[V]:
        """The timeline as it stood on ``day``: entries dated after it are not yet known."""
        return Timeline(tuple(pair for pair in self.entries if pair[0] <= day))

    @property
    def first(self) -> date | None:
        return self.entries[0][0] if self.entries else None

    def change_days(self) -> tuple[date, ...]:
        """The days on which the value changed after it was first known."""
        return tuple(since for since, _ in self.entries[1:])
