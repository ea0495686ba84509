"""What a modification's page and the Modifications Register show: implementation dates in the
policy's own wording (policy 4.2), where a modification stands, and the register rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..history.schedule import RELEASE_CANCELLED, TARGETED, ModificationView, Schedule
from ..model import ImplementationChange, Modification
from ..policy import format_long
from .releases import release_names
from .words import DECIDERS, ROUTE_LABELS, STAGE_LABELS, modification_url

__all__ = [
    "modification_as_known",
    "option_wording",
    "working_days_wording",
    "option_that_applies",
    "revisions",
    "awaiting_reason",
    "implementation_summary",
    "closed_summary",
    "related_proposals",
    "RegisterRow",
    "register_rows",
]

def option_wording(options, index: int, names: dict[str, str]) -> str:
    """An implementation option in the policy's own format (R9, policy 4.2)."""
    option = options[index]
    when = format_long(option.date) if option.date else "Date to be confirmed"
    release = f" ({names[option.release_id]})" if option.release_id in names else ""
    if index == 0:
        condition = f"if a decision to approve is received on or before {format_long(option.decision_by)}"
    else:
        condition = (
            f"if a decision to approve is received after {format_long(options[index - 1].decision_by)}, "
            f"but on or before {format_long(option.decision_by)}"
        )
    return f"{when}{release} {condition}"


def working_days_wording(view: ModificationView) -> str:
    """The other format of policy 4.2 (R10): 'DD Month YYYY (XX Working Days following decision)'."""
    n = view.mod.implementation.working_days_after_decision
    day = view.current.date if view.current else None
    return f"{format_long(day) if day else 'To be set'} ({n} Working Days following decision)"


def modification_as_known(view: ModificationView, today: date) -> Modification:
    """The modification's file as it stood on the build date: records dated later are left out, and
    the stage is the one known then (downloads publish this, never a fact not yet known)."""
    mod = view.mod
    impl = mod.implementation
    if (view.stage == mod.stage and view.decision is mod.decision and len(view.history) == len(mod.history)
            and len(view.documents) == len(mod.documents) and (impl is None or len(view.revisions) == len(impl.changes))):
        return mod  # nothing recorded for a later day (the usual case)
    if impl is not None:
        impl = impl.model_copy(update={"changes": view.revisions})
    return mod.model_copy(update={"stage": view.stage, "decision": view.decision, "implementation": impl,
                                  "history": view.history, "documents": view.documents})


def option_that_applies(view: ModificationView) -> int | None:
    """The index of the conditional option that applies (R9), unless a revision has superseded them
    (R11) or the release it named was cancelled."""
    if view.revisions or (view.current is not None and view.current.status == RELEASE_CANCELLED):
        return None
    return next((i for i, option in enumerate(view.options) if option.applies), None)


def revisions(view: ModificationView, schedule: Schedule) -> list[tuple[ImplementationChange, str | None, date | None]]:
    """The Authority-approved revisions known on the build date, each with its release and date (R11, R12)."""
    found = []
    for change in view.revisions:
        release = schedule.release(change.release)
        found.append((change, change.release, change.date or (release.go_live if release else None)))
    return found


def awaiting_reason(view: ModificationView, schedule: Schedule) -> str | None:
    """Why a modification has no implementation date now, in readers' words (None when it has one)."""
    current = view.current
    if current is not None and current.status == RELEASE_CANCELLED:
        release = schedule.release(current.release_id)
        return (f"the {release.name} was cancelled on {format_long(release.history.cancelled)}; the Panel will "
                "ask the Authority for a new date (policy 4.3)")
    if not view.awaiting_new_date:
        return None
    when = "the decision came" if view.approved else "today is"
    return f"{when} after every decision-by date above, so none of them applies (policy 4.2)"


def related_proposals(mod_id: str, known) -> tuple[str | None, list[str]]:
    """An alternative proposal (MP122A) and its original (MP122), when both are in ``known``: the
    original of ``mod_id`` (or None) and its alternatives, in letter order."""
    original = mod_id[:-1] if mod_id[-1:].isupper() and mod_id[-2:-1].isdigit() and mod_id[:-1] in known else None
    alternatives = [mod_id + letter for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    if mod_id[-1:].isdigit() and mod_id + letter in known]
    return original, alternatives


def closed_summary(view: ModificationView) -> str | None:
    """'Rejected by the Authority on 17 September 2020: not implemented' or 'Withdrawn: not implemented'
    for a modification that will never be implemented (as known on the build date); else None."""
    if view.stage == "rejected":
        decision = view.decision
        if decision is not None and decision.outcome == "rejected":
            return f"Rejected by {DECIDERS[decision.by]} on {format_long(decision.date)}: not implemented"
        return "Rejected: not implemented"
    if view.stage == "withdrawn":
        return "Withdrawn: not implemented"
    return None


def implementation_summary(view: ModificationView, names: dict[str, str]) -> str:
    """One line for the register and page header: where the modification stands now."""
    mod, current = view.mod, view.current
    closed = closed_summary(view)
    if closed:
        return closed
    if mod.implementation is None:
        return "Not yet set"
    if current is not None and current.status == RELEASE_CANCELLED:
        return f"Awaiting a new implementation date (the {names.get(current.release_id or '', 'release')} was cancelled)"
    if view.awaiting_new_date:
        return "Awaiting a new implementation date"
    if current is None:
        return "None (closed)"
    release = names.get(current.release_id or "", "")
    day = format_long(current.date) if current.date else "Date to be set"
    prefix = "Targeted for " if current.status == TARGETED else ""
    return f"{prefix}{day}" + (f" ({release})" if release else "")


# --- rows for the register, releases index and downloads -------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    id: str
    url: str
    title: str
    stage: str
    stage_label: str
    route: str
    route_label: str
    release_id: str
    release_name: str
    release_status: str  # the modification's status in that release
    implementation: str
    implementation_date: date | None
    dcc_impact: bool
    user_impact: bool
    parties: tuple[str, ...]  # Party Category keys
    next_key_date: tuple[str, date] | None


def register_rows(schedule: Schedule) -> list[RegisterRow]:
    names = release_names(schedule)
    rows = []
    for mod_id, view in schedule.modifications.items():
        mod, current = view.mod, view.current
        rows.append(
            RegisterRow(
                id=mod_id,
                url=modification_url(mod_id),
                title=mod.title,
                stage=view.stage,
                stage_label=STAGE_LABELS[view.stage],
                route=mod.route,
                route_label=ROUTE_LABELS[mod.route],
                release_id=(current.release_id or "") if current else "",
                release_name=names.get(current.release_id or "", "") if current else "",
                release_status=current.status if current else "",
                implementation=implementation_summary(view, names),
                # No date while the text says a new one is awaited (its release was cancelled, or
                # every decision-by date passed): the register and its CSV must not disagree.
                implementation_date=None if view.awaiting_new_date else view.implementation_date,
                dcc_impact=mod.impacts.dcc_systems,
                user_impact=mod.impacts.user_systems,
                parties=tuple(mod.impacts.parties.impacted()),
                next_key_date=view.next_key_date,
            )
        )
    return rows


