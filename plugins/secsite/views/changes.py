"""The record for readers: /changes/, release change logs and /api/changes.json.

Wording of the dated change entries (secsite.history.changes). Each text is made of parts, plain
text or a link to a page (a site-relative URL), so that templates link inline and escape every
part, and the JSON carries the same text without markup. Texts use only the entry's own facts
(names and dates as they stood on its day), so an entry reads the same in every later build.

"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..history import changes as _changes
from ..history.changes import Change, ChangeKind, Subject
from ..history.schedule import Milestone, ReleaseView, Schedule
from ..model.loader import Catalogue
from ..policy import format_long, month_name, months_before
from .words import DECIDERS, FREEZE_PAGE, modification_url, release_url

__all__ = [
    "CHANGES_MONTHS",
    "CHANGE_LABELS",
    "LATE_ADDITION_LABEL",
    "RELEASE_TYPE_NAMES",
    "Part",
    "ChangeView",
    "change_log",
    "changes_from",
    "recent_changes",
    "changes_by_release",
    "changes_by_month",
    "change_view",
    "milestone_note",
]


CHANGES_MONTHS = 12  # /changes/ covers the twelve months up to the build date (site contract)

CHANGE_LABELS = {
    ChangeKind.RELEASE_RECORDED: "New ad hoc release",
    ChangeKind.GO_LIVE_MOVED: "Go-live moved",
    ChangeKind.TYPE_CHANGED: "Release type changed",
    ChangeKind.TESTING_REVISED: "Testing dates revised",
    ChangeKind.RID_VERSION: "Release Implementation Document",
    ChangeKind.NO_GO: "No-go decision",
    ChangeKind.CANCELLED: "Release cancelled",
    ChangeKind.ENTERED: "Entered scope",
    ChangeKind.DATE_SET: "Implementation date set",
    ChangeKind.FALL_BACK: "Fall-back date applies",
    ChangeKind.AWAITING: "Awaiting a new date",
    ChangeKind.DATE_REVISED: "Implementation date revised",
    ChangeKind.APPROVED: "Approved",
    ChangeKind.REJECTED: "Rejected",
    ChangeKind.FREEZE_DECIDED: "Change freeze",
    ChangeKind.FREEZE_REVISED: "Change freeze revised",
}
LATE_ADDITION_LABEL = "Late addition"
RELEASE_TYPE_NAMES = {"system": "System Release", "documentation": "Documentation Release"}

Part = tuple[str, "str | None"]  # a piece of text and the site-relative URL it links to (or None)


@dataclass(frozen=True)
class ChangeView:
    """One entry as readers see it: on /changes/, in a release's change log and in the JSON."""

    change: Change
    label: str  # the kind, for readers ("Go-live moved", "Late addition")
    title: str  # the subject, for readers: a release's name or a modification's id and title
    url: str | None  # the subject's page (site-relative); None when it has none
    parts: tuple[Part, ...]

    @property
    def date(self) -> date:
        return self.change.date

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.parts)


def change_log(catalogue: Catalogue, schedule: Schedule) -> list[ChangeView]:
    """Every change dated up to the build date, newest first (date, then subject, then kind)."""
    entries = _changes.changes(schedule, catalogue.calendar.change_freezes)
    return [change_view(c, schedule) for c in entries]


def changes_from(today: date) -> date:
    """The first day /changes/ covers: the same day twelve months before the build date."""
    return months_before(today, CHANGES_MONTHS)


def recent_changes(entries: list[ChangeView], today: date) -> list[ChangeView]:
    """The entries of the last twelve months: from ``changes_from(today)`` to the build date, both included."""
    first = changes_from(today)
    return [e for e in entries if first <= e.date <= today]


def changes_by_release(entries: list[ChangeView]) -> dict[str, list[ChangeView]]:
    """Every release's change log (its own entries and its modifications' moves in and out), newest first."""
    found: dict[str, list[ChangeView]] = {}
    for entry in entries:
        for rid in entry.change.releases:
            found.setdefault(rid, []).append(entry)
    return found


def changes_by_month(entries: list[ChangeView]) -> list[tuple[str, list[ChangeView]]]:
    """The entries grouped under a heading per month ("March 2026"), keeping their order."""
    groups: list[tuple[str, list[ChangeView]]] = []
    for entry in entries:
        heading = f"{month_name(entry.date.month)} {entry.date.year}"
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(entry)
    return groups


def change_view(change: Change, schedule: Schedule) -> ChangeView:
    words = _ChangeWords(change, schedule)
    label = LATE_ADDITION_LABEL if change.late else CHANGE_LABELS[change.kind]
    if change.kind is ChangeKind.RID_VERSION:
        label = f"RID v{change.version}"
    return ChangeView(change, label, words.title(), words.subject_url(), tuple(words.parts()))


def milestone_note(release: ReleaseView, milestone: Milestone) -> str | None:
    """A key date that passed under an earlier go-live or type keeps its date (as-of rule): say so,
    with the date the plan now in force would give ("Due 12 March 2025 under the go-live then in
    force (7 November 2019); 26 March 2025 under the current one")."""
    then = milestone.passed_under
    if then is None:
        return None
    if then.go_live != release.go_live:
        under = f"the go-live then in force ({format_long(then.go_live)})"
    else:
        under = f"the release type then in force ({RELEASE_TYPE_NAMES[then.type]})"
    note = f"Due {format_long(milestone.due)} under {under}; "
    if milestone.now_due is not None:
        return note + f"{format_long(milestone.now_due)} under the current one."
    return note + f"a {RELEASE_TYPE_NAMES[release.type]} has no such date."


class _ChangeWords:
    """The words of one entry, from its own facts."""

    def __init__(self, change: Change, schedule: Schedule):
        self.c = change
        self.schedule = schedule

    # links

    def release(self, rid: str | None, name: str | None) -> Part:
        label = name or rid or ""
        return (label, release_url(rid) if rid in self.schedule.releases else None)

    def modification(self, mod_id: str, with_title: bool = False) -> Part:
        view = self.schedule.modifications.get(mod_id)
        label = f"{mod_id} '{view.mod.title_on(self.c.date)}'" if with_title and view is not None else mod_id
        return (label, modification_url(mod_id) if view is not None else None)

    def title(self) -> str:
        c = self.c
        if c.subject_type is Subject.MODIFICATION:
            return self.modification(c.subject, with_title=True)[0]
        if c.subject_type is Subject.RELEASE:
            return c.release_name or c.subject  # its name on the entry's day: an entry never changes
        return f"Change freeze {c.subject}"

    def subject_url(self) -> str | None:
        c = self.c
        if c.subject_type is Subject.MODIFICATION:
            return self.modification(c.subject)[1]
        if c.subject_type is Subject.RELEASE:
            return release_url(c.subject) if c.subject in self.schedule.releases else None
        return FREEZE_PAGE

    def where(self, rid: str | None, name: str | None, when: date | None) -> list[Part]:
        """'24 June 2027, in the June 2027 SEC Release', or the date or release alone."""
        if rid is None:
            return [(format_long(when), None)] if when else [("a date still to be set", None)]
        if when is None:
            return [("the ", None), self.release(rid, name)]
        return [(f"{format_long(when)}, in the ", None), self.release(rid, name)]

    def reason(self, prefix: str = "Reason") -> list[Part]:
        return [(f" {prefix}: {self.c.reason.rstrip('.')}.", None)] if self.c.reason else []

    def late(self) -> list[Part]:
        c = self.c
        if not c.late:
            return []
        return [(f" It is a late addition: it entered after the scope cut-off of {format_long(c.cutoff)}, "
                 "with the Panel's rationale (policy 5.3).", None)]

    def modifications(self, ids: tuple[str, ...]) -> list[Part]:
        found: list[Part] = []
        for index, mod_id in enumerate(ids):
            if index:
                found.append((", " if index < len(ids) - 1 else " and ", None))
            found.append(self.modification(mod_id))
        return found

    # texts

    def parts(self) -> list[Part]:
        return getattr(self, "_" + self.c.kind.value.replace("-", "_"))()

    def _release_recorded(self) -> list[Part]:
        c = self.c
        kind = f"an ad hoc {RELEASE_TYPE_NAMES[c.release_type]} going live on {format_long(c.when)}"
        if self.schedule.histories[c.release].implicit:  # a modification's own date (policy 3.2, 3.4)
            return [("An implementation date that is no release's go-live makes the ", None),
                    self.release(c.release, c.release_name), (f" {kind}.", None)]
        return [("The Panel set up the ", None), self.release(c.release, c.release_name), (f", {kind}.", None)]

    def _go_live_moved(self) -> list[Part]:
        c = self.c
        decider = DECIDERS.get(c.by or "", "the Panel")
        parts = [(f"{decider[0].upper()}{decider[1:]} approved moving the go-live of the ", None),
                 self.release(c.release, c.previous_name),
                 (f" from {format_long(c.previous_when)} to {format_long(c.when)}.", None)]
        if c.release_name != c.previous_name:
            parts += [(f" It is now the {c.release_name}.", None)]
        parts += [(" Key dates that had already passed keep their dates; those still ahead move with the go-live.", None)]
        return parts + self.reason()

    def _type_changed(self) -> list[Part]:
        c = self.c
        parts = [("The ", None), self.release(c.release, c.release_name),
                 (f" is now a {RELEASE_TYPE_NAMES[c.release_type]}; it was a {RELEASE_TYPE_NAMES[c.previous_type]} (policy 3.1).", None)]
        if c.release_type == "documentation":
            parts += [(" A Documentation Release has no systems scope cut-off and no Testing Approach Document "
                       "dates; those that had already passed stay on record.", None)]
        return parts + self.reason()

    def _testing_revised(self) -> list[Part]:
        c = self.c
        (start, end), (old_start, old_end) = c.period, c.previous_period
        return [(f"The {c.phase} testing phase of the ", None), self.release(c.release, c.release_name),
                (f" now runs from {format_long(start)} to {format_long(end)}, instead of "
                 f"{format_long(old_start)} to {format_long(old_end)}.", None)] + self.reason()

    def _rid_version(self) -> list[Part]:
        c = self.c
        baseline = " (the baseline)" if c.version == "1.0" else ""
        parts = [(f"Version {c.version}{baseline} of the Release Implementation Document for the ", None),
                 self.release(c.release, c.release_name), (f": {c.summary.rstrip('.')}.", None)]
        if c.previous_version is None:
            if c.scope:
                parts += [(" In scope on that day: ", None)] + self.modifications(c.scope) + [(".", None)]
            else:
                parts += [(" No modification was in scope on that day.", None)]
            return parts
        if not c.entered and not c.left:
            return parts + [(f" No change of scope since version {c.previous_version}.", None)]
        parts += [(f" Since version {c.previous_version}: ", None)]
        if c.entered:
            parts += self.modifications(c.entered) + [(" entered the scope", None)]
        if c.entered and c.left:
            parts += [("; ", None)]
        if c.left:
            parts += self.modifications(c.left) + [(" left it" if c.entered else " left the scope", None)]
        return parts + [(".", None)]

    def _no_go(self) -> list[Part]:
        c = self.c
        return [("The go-live decision for the ", None), self.release(c.release, c.release_name),
                (f", due to go live on {format_long(c.when)}, was no-go: it goes live only once a new "
                 "date is approved (policy 8).", None)] + self.reason("Note")

    def _cancelled(self) -> list[Part]:
        c = self.c
        parts = [("The ", None), self.release(c.release, c.release_name),
                 (f", which was to go live on {format_long(c.when)}, was cancelled.", None)] + self.reason()
        if c.scope:
            parts += [(" In its scope on that day, now awaiting a new implementation date: ", None)]
            parts += self.modifications(c.scope) + [(".", None)]
        return parts

    def _entered(self) -> list[Part]:
        c = self.c
        return ([self.modification(c.subject, with_title=True), (" entered the scope of the ", None),
                 self.release(c.release, c.release_name),
                 (f": the Panel set its implementation date, {format_long(c.when)}." if c.when else
                  ": the Panel set its implementation date.", None)]
                + self.late())

    def _date_set(self) -> list[Part]:
        c = self.c
        view = self.schedule.modifications.get(c.subject)
        impl = view.mod.implementation if view is not None else None
        n = impl.working_days_after_decision if impl is not None else None
        when = f"{n} Working Days following the decision" if n else format_long(c.when) if c.when else "a date still to be set"
        return [("The Panel set the implementation date of ", None), self.modification(c.subject, with_title=True),
                (f": {when}.", None)]

    def _fall_back(self) -> list[Part]:
        c = self.c
        return ([("No decision on ", None), self.modification(c.subject, with_title=True),
                 (f" came by {format_long(c.decision_by)}, so its next implementation date applies (policy 4.2): it moved from the ", None),
                 self.release(c.previous_release, c.previous_name), (" to ", None)]
                + self.where(c.release, c.release_name, c.when) + [(".", None)] + self.late())

    def _awaiting(self) -> list[Part]:
        c = self.c
        if c.decision_by is None or c.previous_release is None:
            return [("Every decision-by date of ", None), self.modification(c.subject, with_title=True),
                    (" had passed: it awaits a new implementation date (policy 4.2).", None)]
        return [("No decision on ", None), self.modification(c.subject, with_title=True),
                (f" came by {format_long(c.decision_by)}, its last decision-by date: it left the ", None),
                self.release(c.previous_release, c.previous_name),
                (" and awaits a new implementation date (policy 4.2).", None)]

    def _date_revised(self) -> list[Part]:
        c = self.c
        parts = [("The Authority approved a new implementation date for ", None), self.modification(c.subject, with_title=True),
                 (": ", None)] + self.where(c.release, c.release_name, c.when) + [(" (policy 4.3).", None)]
        if c.previous_release is not None or c.previous_when is not None:
            parts += [(" It was ", None)] + self.where(c.previous_release, c.previous_name, c.previous_when) + [(".", None)]
        return parts + self.reason() + self.late()

    def _approved(self) -> list[Part]:
        c = self.c
        decider = DECIDERS.get(c.by or "", "the Panel")
        parts = [(f"{decider[0].upper()}{decider[1:]} approved ", None), self.modification(c.subject, with_title=True), (".", None)]
        if c.awaiting:
            return parts + [(" The decision came after every decision-by date, so it awaits a new implementation date (policy 4.2).", None)]
        if c.release is None and c.when is None:
            return parts + [(" Its implementation date is not set yet.", None)]
        return parts + [(" Implementation date: ", None)] + self.where(c.release, c.release_name, c.when) + [(".", None)]

    def _rejected(self) -> list[Part]:
        c = self.c
        decider = DECIDERS.get(c.by or "", "the Panel")
        parts = [(f"{decider[0].upper()}{decider[1:]} rejected ", None), self.modification(c.subject, with_title=True)]
        if c.previous_release is not None:
            return parts + [(", so it left the scope of the ", None), self.release(c.previous_release, c.previous_name), (".", None)]
        return parts + [(".", None)]

    def _freeze_decided(self) -> list[Part]:
        (start, end) = self.c.period
        return [("The Panel decided a ", None), ("change freeze", FREEZE_PAGE),
                (f" from {format_long(start)} to {format_long(end)}: no modification may be implemented "
                 "on those days.", None)] + self.reason()

    def _freeze_revised(self) -> list[Part]:
        c = self.c
        (start, end), (old_start, old_end) = c.period, c.previous_period
        return [("The ", None), ("change freeze", FREEZE_PAGE),
                (f" that was to run from {format_long(old_start)} to {format_long(old_end)} now runs from "
                 f"{format_long(start)} to {format_long(end)}.", None)] + self.reason()

