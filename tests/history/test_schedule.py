"""The derived schedule, as readers see it: statuses, applicable dates, releases, notices and milestones.

Build date T = Thursday 26 November 2026 (conftest). Every expected date is worked out by hand from the
calendar (ncal / date -d) and the policy, not taken from the code:
- June 2027 go-live: last Thursday of June 2027 = 24 June 2027. 12 months before: Wednesday 24 June 2026;
  6 months before: Thursday 24 December 2026; 1 month before: Monday 24 May 2027.
- November 2027 go-live: first Thursday = 4 November 2027; systems cut-off Wednesday 4 November 2026.
- November 2026 go-live: first Thursday = 5 November 2026. June 2026: last Thursday = 25 June 2026.
- February 2027: last Thursday = 25 February 2027; its 6-month cut-off is Tuesday 25 August 2026.
"""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from conftest import change, decision, options, SETTINGS, modification
from secsite.model.diagnostics import errors
from secsite.model.loader import read_catalogue
from secsite.history.schedule import Settings, build_schedule
from secsite.checks import check_data



def schedule(data, settings=SETTINGS):
    """The schedule of valid data: a scenario that the checks reject would prove nothing."""
    _, built, found = check_data(data.root, settings)
    assert errors(found) == [], [str(p) for p in errors(found)]
    return built


def statuses(sched, release_id: str) -> dict[str, str]:
    return {p.modification_id: p.status for p in sched.releases[release_id].scope}


# --- Status of a modification within a release -------------------------------------------------------


def test_statuses_of_modifications_within_releases(data):
    # MP100 (conftest): not decided, first option (decision by 1 December 2026) still open -> June 2027.
    data.write("modifications/MP201.yml", modification(
        "MP201", options(("2027-06", "2026-12-01")) + decision("2026-11-10"), stage="approved"))
    data.write("modifications/MP202.yml", modification(
        "MP202", options(("2026-06", "2025-12-01"), set_date="2025-05-01") + decision("2025-11-20"), stage="approved"))
    data.write("modifications/MP203.yml", modification("MP203", options(("2027-06", "2026-12-01")) + change("2027-11", "2026-02-10", "2026-03-01")))
    data.write("modifications/MP204.yml", modification(
        "MP204", options(("2027-06", "2026-12-01")) + decision("2026-11-02", "rejected"), stage="rejected"))
    data.write("modifications/MP205.yml", modification("MP205", options(("2027-06", "2026-12-01")), stage="withdrawn"))
    sched = schedule(data)

    # MP204 was targeted at June 2027 from 20 January until its rejection on 2 November 2026: the
    # release keeps that record (history), with the status it left with.
    assert statuses(sched, "2027-06") == {"MP100": "Targeted", "MP201": "Approved", "MP203": "Moved out", "MP204": "Rejected"}
    assert statuses(sched, "2026-06") == {"MP202": "Implemented"}
    assert statuses(sched, "2027-11") == {"MP203": "Targeted"}

    moved = next(p for p in sched.releases["2027-06"].scope if p.modification_id == "MP203")
    assert (moved.moved_to, moved.moved_reason, moved.left) == ("2027-11", "DCC testing capacity", date(2026, 3, 1))
    assert [p.modification_id for p in sched.releases["2027-06"].in_scope()] == ["MP100", "MP201"]

    assert sched.modifications["MP201"].implementation_date == date(2027, 6, 24)
    assert sched.modifications["MP202"].implementation_date == date(2026, 6, 25)
    assert sched.modifications["MP203"].current.release_id == "2027-11"
    assert sched.modifications["MP203"].implementation_date == date(2027, 11, 4)
    for closed in ("MP204", "MP205"):
        view = sched.modifications[closed]
        assert view.current is None and not view.awaiting_new_date
        assert all(p.modification_id != closed for r in sched.releases.values() for p in r.in_scope())
    # The withdrawal has no date, so MP205 never shows in a scope; MP204's rejection is dated.
    assert all(p.modification_id != "MP205" for r in sched.releases.values() for p in r.scope)


def test_stage_implemented_counts_as_implemented(data):
    data.write("modifications/MP202.yml", modification(
        "MP202", options(("2026-06", "2025-12-01"), set_date="2025-05-01") + decision("2025-11-20"), stage="implemented"))
    assert statuses(schedule(data), "2026-06") == {"MP202": "Implemented"}


def test_approved_on_go_live_day_is_implemented(data):
    # A November 2026 go-live on 5 November 2026 is past at T; implemented on the day itself counts.
    data.write("modifications/MP202.yml", modification(
        "MP202", options(("2026-11", "2025-10-01"), set_date="2025-04-01") + decision("2025-09-01"), stage="approved"))
    sched = schedule(data, Settings(today=date(2026, 11, 5)))
    assert statuses(sched, "2026-11") == {"MP202": "Implemented"}
    sched = schedule(data, Settings(today=date(2026, 11, 4)))
    assert statuses(sched, "2026-11") == {"MP202": "Approved"}


# --- R9: which conditional option applies -------------------------------------------------------------

R9_OPTIONS = options(("2027-06", "2026-05-01"), ("2027-11", "2026-09-01"), set_date="2026-03-01")


@pytest.mark.parametrize("approved_on, release, go_live", [
    ("2026-04-20", "2027-06", date(2027, 6, 24)),
    ("2026-05-01", "2027-06", date(2027, 6, 24)),  # on the decision-by date: still the first option
    ("2026-05-02", "2027-11", date(2027, 11, 4)),  # the day after: the fall-back
    ("2026-09-01", "2027-11", date(2027, 11, 4)),
])
def test_approval_date_picks_the_option(data, approved_on, release, go_live):
    data.write("modifications/MP201.yml", modification("MP201", R9_OPTIONS + decision(approved_on), stage="approved"))
    view = schedule(data).modifications["MP201"]
    assert (view.current.release_id, view.implementation_date, view.current.status) == (release, go_live, "Approved")
    assert not view.awaiting_new_date
    assert [o.applies for o in view.options] == [release == "2027-06", release == "2027-11"]


def test_approval_after_every_decision_by_date_awaits_a_new_date(data):
    data.write("modifications/MP201.yml", modification("MP201", R9_OPTIONS + decision("2026-09-02"), stage="approved"))
    sched = schedule(data)
    view = sched.modifications["MP201"]
    assert view.awaiting_new_date is True
    assert view.current is None and view.implementation_date is None
    assert [o.applies for o in view.options] == [False, False]
    assert all(p.modification_id != "MP201" for r in sched.releases.values() for p in r.in_scope())
    # The record stays: June 2027 from the set date (1 March) until the day after its decision-by
    # date (2 May), then November 2027 until the day after the last decision-by date (2 September).
    stays = [(p.release_id, p.entered, p.left) for p in view.placements]
    assert stays == [("2027-06", date(2026, 3, 1), date(2026, 5, 2)), ("2027-11", date(2026, 5, 2), date(2026, 9, 2))]


@pytest.mark.parametrize("first_decision_by, release", [
    ("2026-11-25", "2027-11"),  # passed the day before T: approval today would get the fall-back
    ("2026-11-26", "2027-06"),  # T itself: approval today still gets the first option
])
def test_before_a_decision_the_option_that_would_apply_today(data, first_decision_by, release):
    # The fall-back enters November 2027 the day after the first decision-by date, after that
    # release's systems cut-off (Wednesday 4 November 2026): a late addition, so it needs a rationale.
    data.write("modifications/MP201.yml", modification(
        "MP201", options(("2027-06", first_decision_by), ("2027-11", "2027-03-01")) + "      late_addition: Fall-back agreed by the Panel.\n"))
    view = schedule(data).modifications["MP201"]
    assert (view.current.release_id, view.current.status) == (release, "Targeted")
    assert not view.awaiting_new_date
    assert view.current.late == (release == "2027-11")


def test_before_a_decision_with_every_decision_by_passed(data):
    data.write("modifications/MP201.yml", modification("MP201", options(("2027-06", "2026-05-01"), ("2027-11", "2026-09-01"))))
    view = schedule(data).modifications["MP201"]
    assert view.awaiting_new_date and view.current is None


def test_option_naming_a_release_alone_takes_its_go_live(data):
    view = schedule(data).modifications["MP100"]
    assert [(o.release_id, o.date) for o in view.options] == [("2027-06", date(2027, 6, 24)), ("2027-11", date(2027, 11, 4))]


# --- R10 and R22: Working Days ------------------------------------------------------------------------


def test_working_days_after_decision_skip_the_easter_bank_holidays(data):
    # Approved Thursday 2 April 2026. Good Friday 3 April and Easter Monday 6 April 2026 are bank holidays:
    # Working Day 1 is Tuesday 7 April, Working Day 2 is Wednesday 8 April.
    data.write("modifications/MP201.yml", modification("MP201", textwrap.dedent("""\
        implementation:
          set: 2026-03-01
          working_days_after_decision: 2
        """) + decision("2026-04-02"), stage="approved"))
    view = schedule(data).modifications["MP201"]
    assert view.implementation_date == date(2026, 4, 8)
    # Not the go-live of any release, so in effect an ad hoc release of its own (policy 3.2, 3.4),
    # known from the decision day: named after April 2026.
    release = schedule(data).releases["2026-04-mp201"]
    assert (view.current.release_id, release.name, release.kind, release.history.recorded) == (
        "2026-04-mp201", "April 2026 SEC Release", "ad-hoc", date(2026, 4, 2))
    assert view.current.status == "Implemented" and not view.current.late


def test_working_days_date_is_unknown_until_the_decision(data):
    data.write("modifications/MP201.yml", modification("MP201", """\
        implementation:
          set: 2026-03-01
          working_days_after_decision: 10
        """))
    view = schedule(data).modifications["MP201"]
    assert view.implementation_date is None and view.current.status == "Targeted"


@pytest.mark.parametrize("decided, due", [
    ("2026-10-16", date(2026, 10, 19)),  # Friday -> Monday
    ("2026-05-22", date(2026, 5, 26)),   # Friday before the Spring bank holiday (25 May) -> Tuesday
    ("2026-10-20", date(2026, 10, 21)),  # Tuesday -> Wednesday
])
def test_approval_notice_is_due_one_working_day_after_the_decision(data, decided, due):
    data.write("modifications/MP201.yml", modification(
        "MP201", options(("2028-06", "2027-09-01"), set_date="2026-04-01") + decision(decided), stage="approved"))
    sched = schedule(data)
    assert sched.modifications["MP201"].approval_notice_due == due
    notice = next(n for n in sched.notices if n.modification_id == "MP201")
    assert (notice.id, notice.kind, notice.date) == ("mp201-approved", "approved", due)


def test_no_approval_notice_without_an_approval(data):
    assert not any(n.kind == "approved" for n in schedule(data).notices)


# --- Releases -----------------------------------------------------------------------------------------


def test_scheduled_releases_up_to_the_horizon_without_files(data):
    releases = schedule(data).releases
    assert "2019-02" in releases and "2018-11" not in releases
    assert releases["2019-02"].go_live == date(2019, 2, 28)
    assert "2028-11" in releases and "2029-02" not in releases  # end of 2026 + 2 years
    last = releases["2028-11"]
    assert (last.go_live, last.name, last.kind, last.type, last.data) == (
        date(2028, 11, 2), "November 2028 SEC Release", "scheduled", "system", None)
    assert releases["2028-02"].type == "documentation"
    assert releases["2028-06"].go_live == date(2028, 6, 29)
    # Listed in go-live order.
    go_lives = [r.go_live for r in releases.values()]
    assert go_lives == sorted(go_lives)


def test_a_scheduled_release_beyond_the_horizon_appears_when_named(data):
    data.write("modifications/MP201.yml", modification("MP201", options(("2030-06", "2027-12-01"))))
    release = schedule(data).releases["2030-06"]
    assert release.go_live == date(2030, 6, 27)
    assert [p.modification_id for p in release.scope] == ["MP201"]


def test_release_statuses_at_the_build_date(data):
    data.write("releases/2026-12-mp300.yml", 'id: "2026-12-mp300"\nkind: ad-hoc\nrecorded: 2026-05-01\ntype: system\ngo_live: 2026-12-17\n')
    data.write("releases/2026-11-mp301.yml", 'id: "2026-11-mp301"\nkind: ad-hoc\nrecorded: 2026-05-01\ntype: documentation\ngo_live: 2026-11-26\n')
    data.write("releases/2028-06.yml", 'id: "2028-06"\ncancelled:\n  decided: 2026-10-01\n  reason: Merged into November 2028\n')
    releases = schedule(data).releases
    found = {rid: str(releases[rid].status) for rid in (
        "2026-11", "2026-11-mp301", "2026-12-mp300", "2027-02", "2027-06", "2027-11", "2028-02", "2028-06")}
    assert found == {
        "2026-11": "Live",                 # 5 November 2026
        "2026-11-mp301": "Live",           # goes live on T itself
        "2026-12-mp300": "Go-live imminent",  # 17 December 2026: 1 month before is 17 November
        "2027-02": "Scope set",            # documentation cut-off 25 August 2026 passed
        "2027-06": "Systems scope set",    # 24 June 2026 passed, 24 December 2026 not yet
        "2027-11": "Systems scope set",    # 4 November 2026 passed
        "2028-02": "Open",                 # cut-off 24 August 2027
        "2028-06": "Cancelled",
    }


def test_go_live_moved_by_date_changes(data):
    data.write("releases/2027-11.yml", """\
        id: "2027-11"
        date_changes:
          - requested: 2026-03-01
            approved: 2026-03-20
            by: authority
            date: 2027-11-18
            reason: DCC capacity
          - requested: 2026-05-01
            approved: 2026-05-15
            by: panel
            date: 2027-11-25
            reason: Further testing
        """)
    releases = schedule(data).releases
    moved = releases["2027-11"]
    assert (moved.go_live, moved.rule_go_live, moved.name) == (
        date(2027, 11, 25), date(2027, 11, 4), "November 2027 SEC Release")
    assert moved.history.change_days() == (date(2026, 3, 20), date(2026, 5, 15))
    assert moved.milestone("go-live").due == date(2027, 11, 25)
    # Both moves came before the rule systems cut-off (4 November 2026) arrived, so it moved with them.
    assert moved.milestone("systems-cutoff").due == date(2026, 11, 25)  # Wednesday, 12 months before
    assert moved.milestone("systems-cutoff").passed_under is None
    assert releases["2027-06"].history.change_days() == ()


# --- Generated notices (R22-R24) ----------------------------------------------------------------------


def test_release_notices_list_the_scope_as_it_stood_on_their_date(data):
    # MP201 is documentation-only, set on 1 August 2026 (after the 12-month notice of June 2027 on
    # 24 June 2026) with a decision needed by 1 June 2027. Undecided MP100 was heading for June 2027
    # only until its first decision-by date, 1 December 2026; after that, for its fall-back.
    data.write("modifications/MP201.yml", modification("MP201", options(("2027-06", "2027-06-01"), set_date="2026-08-01"), dcc=False))
    notices = {n.id: n for n in schedule(data).notices if n.release_id == "2027-06"}
    assert {i: (n.kind, n.date, n.scope) for i, n in notices.items()} == {
        "2027-06-12-months": ("12-months", date(2026, 6, 24), ("MP100",)),
        "2027-06-6-months": ("6-months", date(2026, 12, 24), ("MP201",)),
        "2027-06-1-month": ("1-month", date(2027, 5, 24), ("MP201",)),
    }


def test_a_published_notice_keeps_its_scope_as_the_build_date_moves_on(data):
    early = {n.id: n.scope for n in schedule(data).notices}
    later = {n.id: n.scope for n in build_schedule(read_catalogue(data.root)[0], Settings(today=date(2027, 6, 1))).notices}
    assert early["2027-06-12-months"] == later["2027-06-12-months"] == ("MP100",)


def test_a_modification_moved_out_leaves_later_notices(data):
    data.write("modifications/MP201.yml", modification("MP201", options(("2027-06", "2027-06-01")) + change("2028-06", "2026-08-01", "2026-09-01")))
    notices = {n.id: n.scope for n in schedule(data).notices if n.release_id == "2027-06"}
    assert "MP201" in notices["2027-06-12-months"]
    assert "MP201" not in notices["2027-06-6-months"]


def test_a_rejection_recorded_only_as_the_stage_keeps_a_modification_out_of_every_notice(data):
    # Like a withdrawal, such a rejection has no date: the modification was never announced in scope.
    data.write("modifications/MP201.yml", modification("MP201", options(("2027-06", "2027-06-01")), stage="rejected"))
    assert not any("MP201" in n.scope for n in schedule(data).notices)


def test_notice_dates_off_working_days_move_to_the_working_day_before(data):
    # Tuesday 31 August 2027. 12 months before: 31 August 2026, the Summer bank holiday -> Friday 28 August.
    # 6 months before: 28 February 2027 (clamped), a Sunday -> Friday 26 February.
    # 1 month before: Saturday 31 July 2027 -> Friday 30 July.
    data.write("releases/2027-08-mp300.yml", 'id: "2027-08-mp300"\nkind: ad-hoc\nrecorded: 2026-01-05\ntype: system\ngo_live: 2027-08-31\n')
    notices = {n.id: n.date for n in schedule(data).notices if n.release_id == "2027-08-mp300"}
    assert notices == {
        "2027-08-mp300-announced": date(2026, 1, 5),  # the day it was first recorded (a Monday)
        "2027-08-mp300-12-months": date(2026, 8, 28),
        "2027-08-mp300-6-months": date(2027, 2, 26),
        "2027-08-mp300-1-month": date(2027, 7, 30),
    }


def test_every_release_gets_its_notices_even_with_nothing_in_scope(data):
    # November 2027 has no file and nothing in scope on its 12-month point, Wednesday 4 November 2026
    # (MP100 only names it as a fall-back): the notice still goes out, saying so (policy 9.1).
    notice = next(n for n in schedule(data).notices if n.id == "2027-11-12-months")
    assert (notice.date, notice.scope) == (date(2026, 11, 4), ())


def test_cancelled_release_gets_only_its_cancellation_notice(data):
    # Cancelled on 10 January 2026, before its 12-month notice (24 June 2026) was due.
    data.write("releases/2027-06.yml", 'id: "2027-06"\ncancelled:\n  decided: 2026-01-10\n  reason: No modification needs it\n')
    found = {n.id: n.date for n in schedule(data).notices if n.release_id == "2027-06"}
    assert found == {"2027-06-cancelled": date(2026, 1, 10)}


def test_a_notice_published_before_a_cancellation_stays(data):
    # Cancelled on 1 September 2026: the 12-month notice of 24 June 2026 had already gone out.
    data.write("releases/2027-06.yml", 'id: "2027-06"\ncancelled:\n  decided: 2026-09-01\n  reason: No modification needs it\n')
    found = {n.id: n.date for n in schedule(data).notices if n.release_id == "2027-06"}
    assert found == {"2027-06-12-months": date(2026, 6, 24), "2027-06-cancelled": date(2026, 9, 1)}


# --- Milestones ---------------------------------------------------------------------------------------


def test_milestones_carry_recorded_dates_and_flag_the_late_ones(data):
    data.write("releases/2027-06.yml", """\
        id: "2027-06"
        scope_set:
          systems: 2026-06-24
        testing:
          tad_to_tag: 2026-09-20
          tad_published: 2027-01-10
        go_live_evidence: 2027-05-20
        """)
    release = schedule(data).releases["2027-06"]
    found = {m.key: (m.due, m.actual, m.missed) for m in release.milestones}
    assert found == {
        "systems-cutoff": (date(2026, 6, 24), date(2026, 6, 24), False),   # on the day: in time
        "tad-to-tag": (date(2026, 9, 24), date(2026, 9, 20), False),       # 9 months before
        "documentation-cutoff": (date(2026, 12, 24), None, False),
        # Recorded for days after the build date (26 November 2026): not known yet, so not shown.
        "tad-published": (date(2026, 12, 24), None, False),
        "go-live-evidence": (date(2027, 5, 13), None, False),  # 6 weeks before
        "go-live": (date(2027, 6, 24), None, False),
        "actual-cost-report": (date(2027, 8, 24), None, False),            # 2 months after
    }
    assert list(found) == [  # in date order
        "systems-cutoff", "tad-to-tag", "documentation-cutoff", "tad-published", "go-live-evidence",
        "go-live", "actual-cost-report",
    ]
    # Built on 1 June 2027 both are known, and both were late.
    later = schedule(data, Settings(today=date(2027, 6, 1))).releases["2027-06"]
    assert (later.milestone("tad-published").actual, later.milestone("tad-published").missed) == (date(2027, 1, 10), True)
    assert (later.milestone("go-live-evidence").actual, later.milestone("go-live-evidence").missed) == (date(2027, 5, 20), True)


def test_documentation_release_has_only_documentation_milestones(data):
    release = schedule(data).releases["2027-02"]
    assert [(m.key, m.due) for m in release.milestones] == [
        ("documentation-cutoff", date(2026, 8, 25)),
        ("go-live-evidence", date(2027, 1, 14)),  # 6 weeks before 25 February 2027
        ("go-live", date(2027, 2, 25)),
    ]
