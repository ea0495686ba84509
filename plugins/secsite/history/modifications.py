"""A modification's path through the releases: every move, with the day it happened and why.

Each move depends only on facts dated on or before its own day, so the moves known on a day D are
simply those dated up to D: the scope "as it stood" on D never changes when later facts arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import NamedTuple

from .. import policy
from ..model import Modification
from ..policy import WorkingDays


class Cause(str, Enum):
    """Why a modification moved (policy 4)."""

    SET = "set"  # R8: the Panel set the implementation date(s)
    FALL_BACK = "fall-back"  # R9: a decision-by date passed undecided; the next option applies
    AWAITING = "awaiting"  # R9: every decision-by date passed; no date applies
    DECIDED = "decided"  # R10: approval fixed a date "N Working Days following decision"
    REVISED = "revised"  # R11: the Authority approved a new implementation date
    REJECTED = "rejected"  # the decision was to reject: out of every release

    def __str__(self) -> str:
        return self.value


class Source(NamedTuple):
    """Where in the modification file a move is written (used to point editors at a line)."""

    kind: str  # "option" | "working-days" | "change" | "decision"
    index: int = 0

    @property
    def path(self) -> tuple:
        return {
            "option": ("implementation", "dates", self.index),
            "working-days": ("implementation", "working_days_after_decision"),
            "change": ("implementation", "changes", self.index),
            "decision": ("decision",),
        }[self.kind]

    @property
    def rationale_path(self) -> tuple:
        """Where the Panel's late-addition rationale for this move goes (R14)."""
        if self.kind == "change":
            return self.path + ("late_addition",)
        if self.kind == "option" and self.index > 0:
            return self.path + ("late_addition",)
        return ("implementation", "late_addition")


@dataclass(frozen=True)
class Move:
    """From ``since`` on, the modification is headed for ``release_id`` on ``date``.

    ``release_id`` None with a ``date``: a date that may be some release's go-live; with neither:
    in no release (awaiting a new date, or rejected). ``date`` None with a release: its go-live (R12).
    """

    since: date
    release_id: str | None
    date: date | None
    cause: Cause
    source: Source
    rationale: str | None = None  # the Panel's late-addition rationale for this move (R14)
    reason: str | None = None  # why a revision moved it (R11)

    @property
    def in_a_release(self) -> bool:
        return self.cause not in (Cause.AWAITING, Cause.REJECTED)


def approved_on(mod: Modification, day: date) -> bool:
    """Whether the modification was approved as known on ``day``. A stage of approved or
    implemented with no recorded decision counts from the start (the checks warn about it)."""
    if mod.decision is not None:
        return mod.decision.outcome == "approved" and mod.decision.date <= day
    return mod.stage in ("approved", "implemented")


def moves(mod: Modification, wd: WorkingDays) -> tuple[Move, ...]:
    """Every move of ``mod``, oldest first (R8–R11, R14)."""
    impl = mod.implementation
    if impl is None or mod.stage in ("withdrawn", "rejected") and not _rejected(mod):
        # A withdrawal (or a rejection recorded only as the stage) carries no date: such a
        # modification is in no release's scope at all (documented on "How releases work").
        return ()
    decision = mod.decision
    approval = decision.date if decision is not None and decision.outcome == "approved" else None
    found: list[Move] = []
    if impl.dates is not None:
        options = impl.dates
        decision_bys = [o.decision_by for o in options]

        def option_move(since: date, index: int, cause: Cause) -> Move:
            option = options[index]
            return Move(since, option.release, option.date, cause, Source("option", index),
                        option.late_addition or impl.late_addition)

        index = policy.applicable_option(decision_bys, impl.set)
        if index is None:
            found.append(Move(impl.set, None, None, Cause.AWAITING, Source("option", len(options) - 1)))
        else:
            found.append(option_move(impl.set, index, Cause.SET))
            # R9: while no decision has come, each passing decision-by date hands over to the next option.
            while index is not None:
                passed = decision_bys[index]
                if approval is not None and approval <= passed:
                    break
                since = passed + timedelta(days=1)
                index = index + 1 if index + 1 < len(options) else None
                if index is None:
                    found.append(Move(since, None, None, Cause.AWAITING, Source("option", len(options) - 1)))
                else:
                    found.append(option_move(since, index, Cause.FALL_BACK))
    else:
        found.append(Move(impl.set, None, None, Cause.SET, Source("working-days"), impl.late_addition))
        if approval is not None:  # R10: the date follows from the decision
            day = policy.date_after_decision(approval, impl.working_days_after_decision, wd)
            found.append(Move(approval, None, day, Cause.DECIDED, Source("working-days"), impl.late_addition))

    # R11: an approved revision supersedes whatever applied before; options no longer move it.
    if impl.changes:
        first = min(change.approved for change in impl.changes)  # whatever order they are written in
        found = [m for m in found if m.since <= first]
        for index, change in enumerate(impl.changes):
            found.append(Move(change.approved, change.release, change.date, Cause.REVISED,
                              Source("change", index), change.late_addition, change.reason))
    rejected = _rejected(mod)
    if rejected is not None:
        found = [m for m in found if m.since < rejected]
        found.append(Move(rejected, None, None, Cause.REJECTED, Source("decision")))
    return tuple(sorted(found, key=lambda m: m.since))


def _rejected(mod: Modification) -> date | None:
    decision = mod.decision
    return decision.date if decision is not None and decision.outcome == "rejected" else None


def known_on(all_moves: tuple[Move, ...], day: date) -> tuple[Move, ...]:
    """The moves known on ``day``."""
    return tuple(m for m in all_moves if m.since <= day)


def move_on(all_moves: tuple[Move, ...], day: date) -> Move | None:
    """The move in force on ``day`` (None before the Panel set any date)."""
    found = None
    for move in all_moves:
        if move.since > day:
            break
        found = move
    return found
