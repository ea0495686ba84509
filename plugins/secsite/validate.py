"""Rules across fields and files (data contract, "Cross-file rules"), each reported at its line.

``check_data`` is what ``secsite check`` and the MkDocs build both run: read the catalogue, build the
schedule, and return every problem. Errors stop a build; warnings (R5, R17, and inconsistencies an
editor should look at) are shown but never fail it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import policy
from .diagnostics import DataError, Diagnostic, errors
from .loader import Catalogue, field_path, read_catalogue
from .schedule import Schedule, Settings, build_schedule, is_generated_notice_id


@dataclass(frozen=True)
class CheckedData:
    catalogue: Catalogue
    schedule: Schedule
    warnings: tuple[Diagnostic, ...]


def check_data(data_dir: str | Path, settings: Settings) -> tuple[Catalogue, Schedule, list[Diagnostic]]:
    """Everything wrong with ``data_dir``: per-file problems and cross-file rules, sorted."""
    catalogue, problems = read_catalogue(data_dir)
    try:
        schedule = build_schedule(catalogue, settings)
    except ValueError as exc:  # a setting such as an unknown Working-Day region
        problems.append(Diagnostic(str(data_dir), 0, 0, "error", str(exc)))
        return catalogue, None, sorted(problems)  # type: ignore[return-value]
    problems += _Checker(catalogue, schedule).run()
    return catalogue, schedule, sorted(set(problems))


def load(data_dir: str | Path, settings: Settings) -> CheckedData:
    """The checked data for a build; raises DataError (with every problem) when there is any error."""
    catalogue, schedule, problems = check_data(data_dir, settings)
    if errors(problems):
        raise DataError(problems)
    return CheckedData(catalogue, schedule, tuple(problems))


class _Checker:
    def __init__(self, catalogue: Catalogue, schedule: Schedule):
        self.catalogue = catalogue
        self.schedule = schedule
        self.found: list[Diagnostic] = []
        self.freezes = [(f.id, f.start, f.end) for f in catalogue.calendar.change_freezes]

    def report(self, kind: str, item_id: str, path: tuple, message: str, severity: str = "error") -> None:
        doc = self.catalogue.source(kind, item_id)
        if doc is None:
            return
        line, column = doc.locate(path)
        where = field_path(path)
        self.found.append(Diagnostic(doc.path, line, column, severity, f"{where}: {message}" if where else message))  # type: ignore[arg-type]

    def run(self) -> list[Diagnostic]:
        for release_id, release in self.catalogue.releases.items():
            self.check_release(release_id, release)
        for mod_id in self.catalogue.modifications:
            self.check_modification(mod_id)
        self.check_notices()
        self.check_freezes()
        self.report_policy_warnings()
        return self.found

    # --- references --------------------------------------------------------------------------

    def release_exists(self, release_id: str) -> bool:
        return (
            release_id in self.schedule.releases
            # Fix: a release file that loaded but has no go-live yet (reported at the file) is not in the
            # schedule; it exists all the same, so references to it are not "unknown release" errors.
            or release_id in self.catalogue.releases
            or ("release", release_id) in self.catalogue.unreadable
            or policy.is_scheduled_release_id(release_id)
        )

    def modification_exists(self, mod_id: str) -> bool:
        return mod_id in self.catalogue.modifications or ("modification", mod_id) in self.catalogue.unreadable

    def unknown_release(self, release_id: str) -> str:
        return (
            f"unknown release {release_id!r}: there is no data/releases/{release_id}.yml and it is not "
            "a scheduled release (YYYY-02, YYYY-06 or YYYY-11)"
        )

    # --- releases ----------------------------------------------------------------------------

    def check_release(self, rid: str, release) -> None:
        year, month, _ = policy.parse_release_id(rid)
        if release.kind == "scheduled":
            if not policy.is_scheduled_release_id(rid):
                self.report("release", rid, ("id",), "a scheduled release goes live in February, June or November "
                            "and its id has no suffix; for any other release write kind: ad-hoc")
                return
            rule_date = policy.scheduled_go_live(year, month)
            expected = release.date_changes[-1].date if release.date_changes else rule_date
            if release.go_live is not None and release.go_live != expected:
                if release.date_changes:
                    why = f"the newest entry in date_changes moves go-live to {policy.format_long(expected)}"
                else:
                    why = (f"the rule date is {policy.format_long(rule_date)} (R7, policy 3.1); "
                           "record an approved change of go-live under date_changes")
                self.report("release", rid, ("go_live",), f"{policy.format_long(release.go_live)} does not match: {why}")
        else:
            if release.go_live is None:
                self.report("release", rid, (), "an ad hoc release needs go_live (R3)")
            elif (release.go_live.year, release.go_live.month) != (year, month):
                self.report("release", rid, ("go_live",), f"a release is named after its go-live month (R4): "
                            f"{policy.format_long(release.go_live)} does not fall in {rid[:7]}")
            if release.type is None:
                self.report("release", rid, (), "an ad hoc release needs type: system or documentation")
            if policy.is_scheduled_release_id(rid):
                self.report("release", rid, ("id",), f"an ad hoc release in the month of a scheduled release "
                            f"takes a suffix (R4), such as {rid}-mp123")
            if release.date_changes and release.go_live and release.go_live != release.date_changes[-1].date:
                self.report("release", rid, ("go_live",), "go_live must equal the newest entry of date_changes")
        for i in range(1, len(release.date_changes)):
            if release.date_changes[i].approved < release.date_changes[i - 1].approved:
                self.report("release", rid, ("date_changes", i, "approved"), "date changes are listed oldest first")
        versions = [v.version for v in release.rid]
        # Fix: locate each problem at the version that causes it. Searching the message for a quoted
        # version found the *previous* version ('version "1.1" after "1.0"' pointed at "1.0"). The
        # checks only look back, so the problems of versions[:i + 1] beyond those of versions[:i]
        # belong to versions[i].
        reported = 0
        for index in range(len(versions)):
            problems = policy.rid_version_problems(versions[: index + 1])
            for problem in problems[reported:]:
                self.report("release", rid, ("rid", index, "version"), f"{problem} (R16, policy 5.4)")
            reported = len(problems)

    # --- modifications -----------------------------------------------------------------------

    def check_modification(self, mod_id: str) -> None:
        view = self.schedule.modifications[mod_id]
        mod = view.mod
        impl = mod.implementation
        if impl is not None:
            for i, option in enumerate(impl.dates or ()):
                self.check_target(mod_id, ("implementation", "dates", i), option.release, option.date)
                if i and option.decision_by <= impl.dates[i - 1].decision_by:
                    self.report("modification", mod_id, ("implementation", "dates", i, "decision_by"),
                                "decision-by dates must increase from one option to the next (R9, policy 4.2)")
            for i, change in enumerate(impl.changes):
                self.check_target(mod_id, ("implementation", "changes", i), change.release, change.date)
                if change.approved < change.requested:
                    self.report("modification", mod_id, ("implementation", "changes", i, "approved"),
                                "the Authority's approval comes before the Panel's request")
        for placement in view.placements:
            release = self.schedule.release(placement.release_id)
            if placement.late and not placement.rationale:
                revision = placement.origin[1] == "changes"
                where = field_path(placement.origin + ("late_addition",)) if revision else "implementation.late_addition"
                self.report("modification", mod_id, placement.origin,
                            f"a late addition to the {release.name}: it entered the scope on "
                            f"{policy.format_long(placement.entered)}, after the cut-off that applies to it "
                            f"(R14, policy 5.3); record the Panel's rationale in {where}")
        for origin, release_id, day in self.dates_that_may_apply(view):
            release = self.schedule.release(release_id)
            if release is not None and release.type == "documentation" and mod.impacts.dcc_systems:
                self.report("modification", mod_id, origin,
                            f"the {release.name} is a Documentation Release, which cannot contain a "
                            "modification that impacts DCC Systems (R15, policy 3.1)")
            freeze = policy.in_change_freeze(day, self.freezes) if day is not None else None
            if freeze:
                self.report("modification", mod_id, origin,
                            f"the implementation date {policy.format_long(day)} falls in the change "
                            f"freeze {freeze!r} (R6, policy 3.5)")
        if mod.approved and mod.decision is None:
            self.report("modification", mod_id, ("stage",), f"stage is {mod.stage} but no decision is recorded: "
                        "add decision (date, by, outcome) so the implementation date can be worked out", "warning")
        if mod.decision is not None and mod.decision.outcome == "rejected" and mod.stage in ("approved", "implemented"):
            self.report("modification", mod_id, ("stage",), f"stage is {mod.stage} but the decision was to reject")

    def dates_that_may_apply(self, view) -> list[tuple[tuple, str | None, object]]:
        """(origin, release, date) of every implementation date that applies or still may (R6, R15).

        A date superseded by a revision, or an option whose decision-by date passed unused, can no
        longer happen and is not checked; an undecided modification's remaining options all may.
        """
        current = view.current  # None for a closed modification or one without dates
        if current is None:
            return []
        if view.mod.approved or current.origin[1] != "dates":
            return [(current.origin, current.release_id, current.date)]
        today = self.schedule.settings.today
        return [
            (("implementation", "dates", i), option.release_id, option.date)
            for i, option in enumerate(view.options)
            if option.decision_by >= today  # the option that applies today is among them
        ]

    def check_target(self, mod_id: str, path: tuple, release_id: str | None, day) -> None:
        if release_id is None:
            return
        if not self.release_exists(release_id):
            self.report("modification", mod_id, path + ("release",), self.unknown_release(release_id))
            return
        release = self.schedule.release(release_id)
        if day is not None and release is not None and day != release.go_live:
            self.report("modification", mod_id, path + ("date",),
                        f"{policy.format_long(day)} is not the go-live of the {release.name} "
                        f"({policy.format_long(release.go_live)}); leave the date out or correct it (R12, policy 4.2)")

    # --- notices and the calendar ------------------------------------------------------------

    def check_notices(self) -> None:
        for notice_id, notice in self.catalogue.notices.items():
            if is_generated_notice_id(notice_id):
                self.report("notice", notice_id, (), f"the id {notice_id!r} is taken by a notice the site "
                            "generates (R22–R24): rename the file")
            for i, rid in enumerate(notice.releases):
                if not self.release_exists(rid):
                    self.report("notice", notice_id, ("releases", i), self.unknown_release(rid))
            for i, mid in enumerate(notice.modifications):
                if not self.modification_exists(mid):
                    self.report("notice", notice_id, ("modifications", i), f"unknown modification {mid!r}: "
                                f"there is no data/modifications/{mid}.yml")

    def check_freezes(self) -> None:
        seen: set[str] = set()
        for i, freeze in enumerate(self.catalogue.calendar.change_freezes):
            if freeze.id in seen:
                self.report("calendar", "calendar", ("change_freezes", i, "id"), f"duplicate change freeze id {freeze.id!r}")
            seen.add(freeze.id)

    # --- policy flags (warnings) -------------------------------------------------------------

    def report_policy_warnings(self) -> None:
        for rid, view in self.schedule.releases.items():
            for warning in view.warnings:
                if ("release", rid) in self.catalogue.sources:
                    path = ("testing",) if warning.startswith("R17") else ()
                    self.report("release", rid, path, warning, "warning")
                else:  # a release known only by rule: point at a modification in its scope
                    first = next((p for p in view.in_scope()), None)
                    if first is not None:
                        self.report("modification", first.modification_id, first.origin, warning, "warning")


