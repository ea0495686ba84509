"""The cross-file rules (data contract, "Cross-file rules"): each a small function of ``Checks``.

Every rule cites the policy clause it enforces and reports at the line of the field concerned, in
editors' words, with what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from .. import policy
from ..history.modifications import Cause
from ..history.releases import period_timeline
from ..history.schedule import ModificationView, Schedule, is_generated_notice_id
from ..history.timeline import ALWAYS
from ..model import entries_out_of_order, markdown_problem, out_of_order_message, text_problem_at
from ..model.diagnostics import Diagnostic, Severity
from ..model.loader import Catalogue, field_path


@dataclass
class Checks:
    """What every rule needs: the data, the schedule on the build date, and where to report."""

    catalogue: Catalogue
    schedule: Schedule
    found: list[Diagnostic] = field(default_factory=list)

    def report(self, kind: str, item_id: str, path: tuple, message: str, severity: Severity = "error") -> None:
        doc = self.catalogue.source(kind, item_id)
        if doc is None:
            return
        line, column = doc.locate(path)
        where = field_path(path)
        self.found.append(Diagnostic(doc.path, line, column, severity, f"{where}: {message}" if where else message))

    @property
    def today(self):
        return self.schedule.settings.today

    def release_exists(self, release_id: str) -> bool:
        return (
            release_id in self.schedule.histories
            # A release file that loaded but has no go-live (reported at the file) is not in the
            # schedule; it exists all the same, so references to it are not "unknown release" errors.
            or release_id in self.catalogue.releases
            or ("release", release_id) in self.catalogue.unreadable
            or policy.is_scheduled_release_id(release_id)
        )

    def modification_exists(self, mod_id: str) -> bool:
        return mod_id in self.catalogue.modifications or ("modification", mod_id) in self.catalogue.unreadable


def _unknown_release(release_id: str) -> str:
    return (
        f"unknown release {release_id!r}: there is no data/releases/{release_id}.yml and it is not "
        "a scheduled release (YYYY-02, YYYY-06 or YYYY-11)"
    )


# --- releases ------------------------------------------------------------------------------------


def _releases(checks: Checks):
    return checks.catalogue.releases.items()


def scheduled_release_go_live(checks: Checks) -> None:
    """R1, R4, R7: a scheduled release has a scheduled id and the rule date or its newest approved change."""
    for rid, release in _releases(checks):
        if release.kind != "scheduled":
            continue
        if not policy.is_scheduled_release_id(rid):
            checks.report("release", rid, ("id",), "a scheduled release goes live in February, June or November "
                          "and its id has no suffix; for any other release write kind: ad-hoc")
        else:  # the rule date needs a scheduled id; the fields below are checked either way
            year, month, _ = policy.parse_release_id(rid)
            rule_date = policy.scheduled_go_live(year, month)
            expected = release.date_changes[-1].date if release.date_changes else rule_date
            if release.go_live is not None and release.go_live != expected:
                if release.date_changes:
                    why = f"the newest entry in date_changes moves go-live to {policy.format_long(expected)}"
                else:
                    why = (f"the rule date is {policy.format_long(rule_date)} (R7, policy 3.1); "
                           "record an approved change of go-live under date_changes")
                checks.report("release", rid, ("go_live",), f"{policy.format_long(release.go_live)} does not match: {why}")
        for name in ("recorded", "first_go_live"):
            if getattr(release, name) is not None:
                checks.report("release", rid, (name,), f"only an ad hoc release has {name}: a scheduled release exists by rule (R1)")


def ad_hoc_release(checks: Checks) -> None:
    """R3, R4: an ad hoc release has a go-live in the month of its id, a type, and the day it was first recorded."""
    for rid, release in _releases(checks):
        if release.kind != "ad-hoc":
            continue
        year, month, _ = policy.parse_release_id(rid)
        first = release.first_go_live if release.date_changes else release.go_live
        if release.go_live is None:
            checks.report("release", rid, (), "an ad hoc release needs go_live (R3)")
        elif first is not None and (first.year, first.month) != (year, month):
            checks.report("release", rid, ("first_go_live" if release.date_changes else "go_live",),
                          f"a release is named after its go-live month (R4): {policy.format_long(first)} does not fall in {rid[:7]}")
        if release.type is None:
            checks.report("release", rid, (), "an ad hoc release needs type: system or documentation")
        if policy.is_scheduled_release_id(rid):
            checks.report("release", rid, ("id",), "an ad hoc release in the month of a scheduled release "
                          f"takes a suffix (R4), such as {rid}-mp123")
        if release.date_changes and release.go_live and release.go_live != release.date_changes[-1].date:
            checks.report("release", rid, ("go_live",), "go_live must equal the newest entry of date_changes")
        if release.date_changes and release.first_go_live is None:
            checks.report("release", rid, ("date_changes",), "an ad hoc release whose go-live moved needs "
                          "first_go_live: the go-live first planned, before the first date change")
        if release.recorded is None:
            hint = f" (its first RID draft is dated {policy.format_long(release.rid[0].date)})" if release.rid else ""
            checks.report("release", rid, (), "an ad hoc release needs recorded: the date it was first recorded, "
                          f"written YYYY-MM-DD{hint}; the site shows it, and announces it, from that day")


def release_type_history(checks: Checks) -> None:
    """R2: ``type`` is the type now; each recorded change switches it, and a scheduled release's rule
    type changes only through a recorded, dated change (policy 3.1: "communicated well in advance")."""
    for rid, release in _releases(checks):
        if release.kind == "scheduled":
            if not policy.is_scheduled_release_id(rid):
                continue
            current = policy.default_release_type(policy.parse_release_id(rid)[1])
        elif release.type_changes:
            current = policy.other_release_type(release.type_changes[0].type)
        else:
            current = release.type
        for i, change in enumerate(release.type_changes):
            if change.type == current:
                checks.report("release", rid, ("type_changes", i, "type"), f"the release is already a {change.type} release here")
            current = change.type
        if release.type is not None and current is not None and release.type != current:
            if release.type_changes:
                why = f"the newest entry of type_changes makes it a {current} release"
            else:
                why = (f"by rule (R1, policy 3.1) it is a {current} release; record when and why it changed "
                       f"under type_changes (decided, type: {release.type}, reason)")
            checks.report("release", rid, ("type",), f"{release.type} does not match: {why}")


def lists_in_order(checks: Checks) -> None:
    """History is written oldest first (data contract): a later entry never has an earlier date."""
    items = [("modification", mod_id, mod) for mod_id, mod in checks.catalogue.modifications.items()]
    items += [("release", rid, release) for rid, release in _releases(checks)]
    items.append(("calendar", "calendar", checks.catalogue.calendar))
    for kind, item_id, item in items:
        for path, name in entries_out_of_order(kind, item):
            checks.report(kind, item_id, path, out_of_order_message(name))


def rid_versions(checks: Checks) -> None:
    """R16 (policy 5.4): drafts 0.x, baseline 1.0, then whole versions; each problem at its own version."""
    for rid, release in _releases(checks):
        for index, problem in policy.rid_version_problems_at([v.version for v in release.rid]):
            checks.report("release", rid, ("rid", index, "version"), f"{problem} (R16, policy 5.4)")


# --- modifications -------------------------------------------------------------------------------


def _views(checks: Checks):
    return checks.schedule.modifications.values()


def implementation_targets(checks: Checks) -> None:
    """R9, R11, R12: every named release exists; a date given with a release is its go-live;
    decision-by dates increase; an approval does not come before its request."""
    def target(mod_id: str, path: tuple, release_id: str | None, day) -> None:
        if release_id is None:
            return
        if not checks.release_exists(release_id):
            checks.report("modification", mod_id, path + ("release",), _unknown_release(release_id))
            return
        release = checks.schedule.release(release_id)
        if day is not None and release is not None and day != release.go_live:
            checks.report("modification", mod_id, path + ("date",),
                          f"{policy.format_long(day)} is not the go-live of the {release.name} "
                          f"({policy.format_long(release.go_live)}); leave the date out or correct it (R12, policy 4.2)")
        elif day is not None and release is not None:
            # A go-live change recorded for a later day would make this check fail on that day.
            later = next(((since, plan.go_live) for since, plan in release.history.plans.entries
                          if since > checks.today and plan.go_live != day), None)
            if later is not None:
                checks.report("modification", mod_id, path + ("date",),
                              f"from {policy.format_long(later[0])} the go-live of the {release.name} moves to "
                              f"{policy.format_long(later[1])} (its date_changes), and {policy.format_long(day)} will no "
                              "longer be its go-live: leave the date out, so that it follows the release (R12, policy 4.2)")

    for view in _views(checks):
        impl = view.mod.implementation
        if impl is None:
            continue
        for i, option in enumerate(impl.dates or ()):
            target(view.id, ("implementation", "dates", i), option.release, option.date)
        for i in policy.decision_bys_out_of_order([o.decision_by for o in impl.dates or ()]):
            checks.report("modification", view.id, ("implementation", "dates", i, "decision_by"),
                          "decision-by dates must increase from one option to the next (R9, policy 4.2)")
        for i, change in enumerate(impl.changes):
            target(view.id, ("implementation", "changes", i), change.release, change.date)
            if change.approved < change.requested:
                checks.report("modification", view.id, ("implementation", "changes", i, "approved"),
                              "the Authority's approval comes before the Panel's request")


def renamings_not_ahead(checks: Checks) -> None:
    """A renaming takes effect when it is written: pages show ``title`` from the build date on."""
    for view in _views(checks):
        for i, change in enumerate(view.mod.title_changes):
            if change.date > checks.today:
                checks.report("modification", view.id, ("title_changes", i, "date"),
                              f"a renaming dated {policy.format_long(change.date)} is after today's build date: "
                              "write the new title when it takes effect, dated that day")


_HOW_IT_ENTERED = {
    Cause.FALL_BACK: "through its fall-back option, when the decision-by date before it passed without a decision",
    Cause.REVISED: "through this revision",
}


def late_additions(checks: Checks) -> None:
    """R14 (policy 5.3): entering a release after the cut-off that applies needs the Panel's rationale."""
    for view in _views(checks):
        for placement in view.placements:
            release = checks.schedule.release(placement.release_id)
            if placement.late and not placement.rationale and release is not None:
                how = _HOW_IT_ENTERED.get(placement.cause, "when its implementation date was set")
                checks.report("modification", view.id, placement.source.path,
                              f"a late addition to the {release.name}: it entered the scope on "
                              f"{policy.format_long(placement.entered)} {how}, after the cut-off that applies to it "
                              f"(R14, policy 5.3); record the Panel's rationale in {field_path(placement.source.rationale_path)}")


def future_fall_backs(checks: Checks) -> None:
    """R14 for a fall-back still ahead: if no decision comes by the decision-by date before it, the
    modification enters that option's release the day after. When that day is past the release's
    cut-off, the rationale is needed now, so that the data stays valid on the day it happens."""
    today = checks.today
    known = checks.schedule.on(today)
    for view in _views(checks):
        impl = view.mod.implementation
        if impl is None or impl.dates is None or view.approved or view.mod.closed:
            continue
        for i in range(1, len(impl.dates)):
            option = impl.dates[i]
            enters = impl.dates[i - 1].decision_by + timedelta(days=1)
            if enters <= today or enters <= impl.set or option.late_addition or impl.late_addition:
                continue  # already happened (a placement, checked above), or never can
            release_id = option.release or known.going_live_on(option.date)
            cutoff = known.scope_cutoff(release_id, view.mod.impacts.systems)
            if cutoff is not None and policy.is_late_addition(enters, cutoff):
                checks.report("modification", view.id, ("implementation", "dates", i),
                              f"if no decision comes by {policy.format_long(impl.dates[i - 1].decision_by)}, this fall-back "
                              f"enters the {known.names[release_id]} on {policy.format_long(enters)}, after its cut-off of "
                              f"{policy.format_long(cutoff)}: a late addition (R14, policy 5.3); record the Panel's rationale "
                              f"in implementation.dates[{i}].late_addition")


def future_late_additions(checks: Checks) -> None:
    """R14 (policy 5.3) for dates set, or a revision approved, on a day after the build date: on that day
    the modification enters the release, and if that is after the cut-off that applies to it the
    Panel's rationale is needed then. Checked now, so that the build does not fail on that day."""
    today = checks.today
    for view in _views(checks):
        for move in view.moves:
            if move.since <= today or move.cause not in (Cause.SET, Cause.REVISED) or move.rationale:
                continue
            then = checks.schedule.on(move.since)
            release_id, _ = then.target(move)
            cutoff = then.scope_cutoff(release_id, view.mod.impacts.systems)
            if cutoff is not None and policy.is_late_addition(move.since, cutoff):
                how = "this revision, approved" if move.cause is Cause.REVISED else "the implementation dates, set"
                checks.report("modification", view.id, move.source.path,
                              f"{how} on {policy.format_long(move.since)}, put the modification into the "
                              f"{then.names[release_id]} after its cut-off of {policy.format_long(cutoff)}: a late addition "
                              f"(R14, policy 5.3); record the Panel's rationale in {field_path(move.source.rationale_path)} "
                              "now, or the build fails from that day")


def _dates_that_may_apply(view: ModificationView, today) -> list[tuple[tuple, str | None, object, object]]:
    """(YAML path, release, date, last day) of every implementation date that applies or still may
    (R6, R15); the last day is the option's decision-by date, or date.max for a date that applies.

    A date superseded by a revision, or an option whose decision-by date passed unused, can no
    longer happen and is not checked; an undecided modification's remaining options all may.
    """
    current = view.current  # None for a closed modification or one without dates
    if current is None:
        return []
    if view.approved or current.source.kind != "option":
        return [(current.source.path, current.release_id, current.date, date.max)]
    return [
        (("implementation", "dates", i), option.release_id, option.date, option.decision_by)
        for i, option in enumerate(view.options)
        if option.decision_by >= today  # the option that applies today is among them
    ]


def documentation_release_content(checks: Checks) -> None:
    """R15 (policy 3.1): a Documentation Release contains no modification that impacts DCC Systems."""
    for view in _views(checks):
        if not view.mod.impacts.dcc_systems:
            continue
        for path, release_id, _, last_day in _dates_that_may_apply(view, checks.today):
            release = checks.schedule.release(release_id)
            if release is None:
                continue
            if release.type == policy.DOCUMENTATION:
                checks.report("modification", view.id, path,
                              f"the {release.name} is a Documentation Release, which cannot contain a "
                              "modification that impacts DCC Systems (R15, policy 3.1)")
                continue
            # A change of type recorded for a later day would make this check fail on that day.
            since = next((since for since, plan in release.history.plans.entries
                          if checks.today < since <= last_day and plan.type == policy.DOCUMENTATION), None)
            if since is not None:
                checks.report("modification", view.id, path,
                              f"from {policy.format_long(since)} the {release.name} becomes a Documentation Release "
                              "(its type_changes), which cannot contain a modification that impacts DCC Systems "
                              "(R15, policy 3.1): move the modification or correct the change of type")


def _follows_release(view: ModificationView, path: tuple) -> bool:
    """Whether the implementation date at ``path`` is its release's go-live, moving with it (R12)."""
    impl = view.mod.implementation
    if impl is None or path[:2] not in (("implementation", "dates"), ("implementation", "changes")):
        return False
    entries = impl.dates if path[1] == "dates" else impl.changes
    return entries[path[2]].date is None


def change_freezes(checks: Checks) -> None:
    """R6 (policy 3.5): no implementation date inside a change freeze, as the freezes stand on the build
    date; and none on a later day when a freeze, or a revision of one, or a move of the go-live that
    the date follows, recorded for that day takes effect: otherwise the build would fail from then."""
    today = checks.today
    recorded = [(freeze.id, freeze.decided or ALWAYS, period_timeline(freeze.start, freeze.end, freeze.changes))
                for freeze in checks.catalogue.calendar.change_freezes]
    on_days: dict = {}

    def freezes_on(day) -> list[tuple[str, date, date]]:
        if day not in on_days:
            on_days[day] = [(freeze_id, *timeline.at(day)) for freeze_id, decided, timeline in recorded if decided <= day]
        return on_days[day]

    freeze_days = {max(since, decided) for _, decided, timeline in recorded for since, _ in timeline.entries}
    freeze_days = {day for day in freeze_days if day > today}
    for view in _views(checks):
        for path, release_id, day, last_day in _dates_that_may_apply(view, today):
            if day is None:
                continue
            found = policy.in_change_freeze(day, freezes_on(today))
            if found:
                checks.report("modification", view.id, path,
                              f"the implementation date {policy.format_long(day)} falls in the change "
                              f"freeze {found!r} (R6, policy 3.5)")
                continue
            release = checks.schedule.histories.get(release_id) if _follows_release(view, path) else None
            moves = {since for since, _ in release.plans.entries if since > today} if release is not None else set()
            for since in sorted(freeze_days | moves):
                if since > last_day:
                    break
                then = release.plan_on(since).go_live if release is not None else day
                found = policy.in_change_freeze(then, freezes_on(since))
                if not found:
                    continue
                if then == day:
                    why = (f"the implementation date {policy.format_long(day)} falls in the change freeze {found!r} "
                           f"as recorded from {policy.format_long(since)}")
                else:
                    why = (f"from {policy.format_long(since)} the implementation date is {policy.format_long(then)}, the "
                           f"go-live of the {checks.schedule.on(since).names[release_id]} then (its date_changes), which "
                           f"falls in the change freeze {found!r}")
                checks.report("modification", view.id, path,
                              f"{why} (R6, policy 3.5): resolve it now, or the build fails from that day")
                break


# The stages a recorded decision allows (data contract: stage and decision). A decision dated after the
# build date is written together with the stage it brings; the site shows "decision" until that day.
_STAGES_OF_OUTCOME = {"approved": ("approved", "implemented"), "rejected": ("rejected",)}


def stage_and_decision(checks: Checks) -> None:
    """Data contract (stage, decision): the stage agrees with the recorded decision. An approval with
    the stage rejected would publish an approval notice (R22) for a rejected modification."""
    for view in _views(checks):
        mod = view.mod
        decision = mod.decision
        if decision is None:
            if mod.stage in ("approved", "implemented"):
                checks.report("modification", mod.id, ("stage",), f"stage is {mod.stage} but no decision is recorded: "
                              "add decision (date, by, outcome) so the implementation date can be worked out", "warning")
            continue
        if mod.stage in _STAGES_OF_OUTCOME[decision.outcome]:
            continue
        on = policy.format_long(decision.date)
        if decision.outcome == "rejected" and mod.stage in ("approved", "implemented"):
            message = f"stage is {mod.stage} but the decision was to reject (on {on}): correct the stage or decision.outcome"
        elif decision.outcome == "approved" and mod.stage == "rejected":
            message = (f"stage is rejected but the decision on {on} was to approve, which would publish an approval "
                       "notice: correct the stage or decision.outcome")
        elif mod.stage == "withdrawn":
            message = (f"stage is withdrawn but a decision (on {on}) is recorded: a decided modification is not withdrawn; "
                       "correct the stage or remove the decision")
        else:
            wanted = " or ".join(_STAGES_OF_OUTCOME[decision.outcome])
            verb = {"approved": "approve", "rejected": "reject"}[decision.outcome]
            message = (f"stage is {mod.stage} but the decision to {verb} on {on} is recorded: "
                       f"write stage: {wanted} (the site shows the stage decision until the decision's date)")
        checks.report("modification", mod.id, ("stage",), message)


def dates_after_raised(checks: Checks) -> None:
    """Data contract (raised: "date the (Draft) Proposal was raised"): the Panel sets implementation
    dates (R8) and the decision is made on a modification that exists."""
    for view in _views(checks):
        mod = view.mod
        raised = policy.format_long(mod.raised)
        if mod.decision is not None and mod.decision.date < mod.raised:
            checks.report("modification", mod.id, ("decision", "date"),
                          f"the decision on {policy.format_long(mod.decision.date)} comes before the modification was "
                          f"raised ({raised}): correct one of the dates")
        if mod.implementation is not None and mod.implementation.set < mod.raised:
            checks.report("modification", mod.id, ("implementation", "set"),
                          f"the implementation dates were set on {policy.format_long(mod.implementation.set)}, before the "
                          f"modification was raised ({raised}): correct one of the dates")


def cancelled_and_postponed_releases(checks: Checks) -> None:
    """Policy 8 and 4.3: a modification left in a cancelled release, or a release held back by a no-go
    decision, needs a new date; until one is recorded the site shows it as awaiting one."""
    for rid, view in checks.schedule.releases.items():
        if view.postponed:
            checks.report("release", rid, ("go_live_decision",),
                          f"the go-live decision on {policy.format_long(view.history.no_go)} was no-go and no new go-live "
                          "is recorded: the site shows the release as postponed; add an entry to date_changes when "
                          "the new date is approved", "warning")
        if not view.cancelled:
            continue
        for placement in view.in_scope():
            checks.report("modification", placement.modification_id, placement.source.path,
                          f"the {view.name} was cancelled on {policy.format_long(view.history.cancelled)}: the site shows "
                          "this modification as awaiting a new implementation date; record the new date under "
                          "implementation.changes once it is approved", "warning")


# --- notices and the calendar ----------------------------------------------------------------------


def notice_references(checks: Checks) -> None:
    """Notices refer to releases and modifications that exist, and do not take a generated notice's id."""
    for notice_id, notice in checks.catalogue.notices.items():
        if is_generated_notice_id(notice_id):
            checks.report("notice", notice_id, (), f"the id {notice_id!r} is taken by a notice the site "
                          "generates (policy 9.1): rename the file")
        for i, rid in enumerate(notice.releases):
            if not checks.release_exists(rid):
                checks.report("notice", notice_id, ("releases", i), _unknown_release(rid))
        for i, mid in enumerate(notice.modifications):
            if not checks.modification_exists(mid):
                checks.report("notice", notice_id, ("modifications", i), f"unknown modification {mid!r}: "
                              f"there is no data/modifications/{mid}.yml")


def _body_start(path: str, front_matter_lines: int) -> int:
    """The line of a notice file where its text starts: after the closing '---' and any blank lines
    (the loader strips them). Worked out from the file, or, if it cannot be read, from the front matter."""
    guess = front_matter_lines + 3
    try:
        with open(path, encoding="utf-8-sig") as file:
            lines = file.read().splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return guess
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return guess
    start = end + 1
    while start < len(lines) and lines[start] == "\n":
        start += 1
    return start + 1


def notice_texts(checks: Checks) -> None:
    """Issue 11 ("check passes" means "the site builds"): a notice's text, below its front matter, is
    Markdown shown on its page and in the RSS feed. It is checked like the data files' Markdown fields,
    for every notice, held back or not: a notice dated later is published by the build of that day."""
    for notice_id, notice in checks.catalogue.notices.items():
        doc = checks.catalogue.source("notice", notice_id)
        if doc is None:
            continue
        # A file saved with Windows line breaks: the loader strips the last "\n", not its "\r".
        body = notice.body.replace("\r\n", "\n").removesuffix("\r")
        found = text_problem_at(body, one_line=False, limit=None)
        if found is not None:
            line_in_text, message = body.count("\n", 0, found[0]) + 1, found[1]
        else:
            found = markdown_problem(body)
            if found is None:
                continue
            line_in_text, message = found
        line = _body_start(doc.path, len(doc.text.splitlines())) + line_in_text - 1
        checks.found.append(Diagnostic(doc.path, line, 1, "error", f"the text below the front matter: {message}"))


def freeze_ids(checks: Checks) -> None:
    seen: set[str] = set()
    for i, freeze in enumerate(checks.catalogue.calendar.change_freezes):
        if freeze.id in seen:
            checks.report("calendar", "calendar", ("change_freezes", i, "id"), f"duplicate change freeze id {freeze.id!r}")
        seen.add(freeze.id)


def policy_flags(checks: Checks) -> None:
    """R5 and R17 as warnings, at the release file, or at a modification in scope of a release known only by rule."""
    for rid, view in checks.schedule.releases.items():
        for flag in view.warnings:
            message = f"{flag.rule}: {flag.message}"
            if ("release", rid) in checks.catalogue.sources:
                checks.report("release", rid, flag.field, message, "warning")
            else:
                first = next(iter(view.in_scope()), None)
                if first is not None:
                    checks.report("modification", first.modification_id, first.source.path, message, "warning")


RULES: tuple[Callable[[Checks], None], ...] = (
    scheduled_release_go_live,
    ad_hoc_release,
    release_type_history,
    lists_in_order,
    rid_versions,
    implementation_targets,
    late_additions,
    future_fall_backs,
    future_late_additions,
    documentation_release_content,
    change_freezes,
    stage_and_decision,
    dates_after_raised,
    renamings_not_ahead,
    cancelled_and_postponed_releases,
    notice_references,
    notice_texts,
    freeze_ids,
    policy_flags,
)
