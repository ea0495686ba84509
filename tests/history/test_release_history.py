"""``history.releases``: a release's plans over time, its dates as they stood on any day, and its status.

Every expected date below was worked out by hand (GNU ``date -d ... +%a`` for weekdays, the gov.uk
England and Wales bank holidays: 2027 — 1 Jan, 26 and 29 Mar, 3 and 31 May, 30 Aug, 27 and 28 Dec;
2028 — 3 Jan), never by the code under test. "N months before" keeps the day of the month; a deadline
off a Working Day moves to the Working Day before (policy-rules.md, conventions).

November 2027 (R1: first Thursday) = Thu 4 Nov 2027. From that go-live ("plan A"):
  systems cut-off / 12-month notice  Wed 4 Nov 2026   (12 months before)
  TAD to the TAG                     Thu 4 Feb 2027   (9 months before)
  documentation cut-off, TAD published, 6-month notice  Tue 4 May 2027 (the 3 May bank holiday is the day before)
  go-live evidence                   Thu 23 Sep 2027  (6 weeks = 42 days before)
  1-month notice                     Mon 4 Oct 2027
  actual cost report                 Tue 4 Jan 2028   (2 months after; Mon 3 Jan 2028 is the New Year holiday)
Moved later to Thu 25 Nov 2027 ("plan B"):
  systems cut-off / 12-month notice  Wed 25 Nov 2026
  TAD to the TAG                     Thu 25 Feb 2027
  documentation cut-off, TAD published, 6-month notice  Tue 25 May 2027
  go-live evidence                   Thu 14 Oct 2027
  1-month notice                     Mon 25 Oct 2027
  actual cost report                 Tue 25 Jan 2028
Moved earlier to Thu 21 Oct 2027 ("plan C"):
  systems cut-off / 12-month notice  Wed 21 Oct 2026
  TAD to the TAG                     Thu 21 Jan 2027
  documentation cut-off, TAD published, 6-month notice  Wed 21 Apr 2027
  go-live evidence                   Thu 9 Sep 2027
  1-month notice                     Tue 21 Sep 2027
  actual cost report                 Tue 21 Dec 2027
June 2027 (R1: last Thursday) = Thu 24 Jun 2027, a System Release:
  systems cut-off / 12-month notice  Wed 24 Jun 2026
  TAD to the TAG                     Thu 24 Sep 2026
  documentation cut-off, TAD published, 6-month notice  Thu 24 Dec 2026
  go-live evidence                   Thu 13 May 2027
  1-month notice                     Mon 24 May 2027
  actual cost report                 Tue 24 Aug 2027
"""

from __future__ import annotations

from datetime import date

import pytest

from secsite.history.releases import Plan, ReleaseHistory, release_history
from secsite.history.timeline import ALWAYS, Timeline
from secsite.model import Release
from secsite.policy import ReleaseStatus, WorkingDays

WD = WorkingDays()  # England and Wales, no extra non-working days

NOV_2027, NOV_25_2027, OCT_21_2027 = date(2027, 11, 4), date(2027, 11, 25), date(2027, 10, 21)
JUNE_2027 = date(2027, 6, 24)

PLAN_A = {
    "systems-cutoff": date(2026, 11, 4), "notice-12-months": date(2026, 11, 4),
    "tad-to-tag": date(2027, 2, 4),
    "documentation-cutoff": date(2027, 5, 4), "tad-published": date(2027, 5, 4), "notice-6-months": date(2027, 5, 4),
    "go-live-evidence": date(2027, 9, 23), "notice-1-month": date(2027, 10, 4),
    "go-live": NOV_2027, "actual-cost-report": date(2028, 1, 4),
}
PLAN_B = {
    "systems-cutoff": date(2026, 11, 25), "notice-12-months": date(2026, 11, 25),
    "tad-to-tag": date(2027, 2, 25),
    "documentation-cutoff": date(2027, 5, 25), "tad-published": date(2027, 5, 25), "notice-6-months": date(2027, 5, 25),
    "go-live-evidence": date(2027, 10, 14), "notice-1-month": date(2027, 10, 25),
    "go-live": NOV_25_2027, "actual-cost-report": date(2028, 1, 25),
}
PLAN_C = {
    "systems-cutoff": date(2026, 10, 21), "notice-12-months": date(2026, 10, 21),
    "tad-to-tag": date(2027, 1, 21),
    "documentation-cutoff": date(2027, 4, 21), "tad-published": date(2027, 4, 21), "notice-6-months": date(2027, 4, 21),
    "go-live-evidence": date(2027, 9, 9), "notice-1-month": date(2027, 9, 21),
    "go-live": OCT_21_2027, "actual-cost-report": date(2027, 12, 21),
}
JUNE_SYSTEM = {
    "systems-cutoff": date(2026, 6, 24), "notice-12-months": date(2026, 6, 24),
    "tad-to-tag": date(2026, 9, 24),
    "documentation-cutoff": date(2026, 12, 24), "tad-published": date(2026, 12, 24), "notice-6-months": date(2026, 12, 24),
    "go-live-evidence": date(2027, 5, 13), "notice-1-month": date(2027, 5, 24),
    "go-live": JUNE_2027, "actual-cost-report": date(2027, 8, 24),
}


def history(rid: str, **fields) -> ReleaseHistory:
    release = Release.model_validate({"id": rid, **fields})
    found = release_history(rid, release)
    assert found is not None
    return found


def moved(approved: str, new_date: str, requested: str | None = None) -> dict:
    return {"requested": requested or approved, "approved": approved, "by": "authority", "date": new_date,
            "reason": "DCC capacity"}


def dues(found) -> dict[str, date]:
    return {key: settled.due for key, settled in found.items()}


def passed(found) -> set[str]:
    return {key for key, settled in found.items() if settled.passed}


# --- how histories are built ------------------------------------------------------------------------


def test_a_scheduled_release_without_a_file_has_its_rule_plan_from_the_start():
    found = release_history("2027-11", None)
    assert (found.kind, found.rule_go_live, found.recorded) == ("scheduled", NOV_2027, ALWAYS)
    assert found.plans.entries == ((ALWAYS, Plan(NOV_2027, "system")),)
    assert found.plan_on(date(2000, 1, 1)) == Plan(NOV_2027, "system")
    assert release_history("2028-02", None).plan_on(date(2027, 1, 1)) == Plan(date(2028, 2, 24), "documentation")


def test_date_and_type_changes_become_plans_from_their_own_day():
    found = history("2027-11", type="documentation",
                    date_changes=[moved("2027-01-15", "2027-11-25")],
                    type_changes=[{"decided": "2027-02-10", "type": "documentation", "reason": "No DCC change"}])
    assert found.plans.entries == (
        (ALWAYS, Plan(NOV_2027, "system")),
        (date(2027, 1, 15), Plan(NOV_25_2027, "system")),
        (date(2027, 2, 10), Plan(NOV_25_2027, "documentation")),
    )
    assert found.plan_on(date(2027, 1, 14)) == Plan(NOV_2027, "system")
    assert found.change_days() == (date(2027, 1, 15), date(2027, 2, 10))


def test_an_ad_hoc_release_exists_from_the_day_it_was_recorded():
    # Thu 18 Mar 2027, first planned; moved on Tue 1 Dec 2026 to Thu 25 Mar 2027.
    found = history("2027-03-mp300", kind="ad-hoc", type="system", recorded="2026-11-02",
                    first_go_live="2027-03-18", go_live="2027-03-25", date_changes=[moved("2026-12-01", "2027-03-25")])
    assert not found.exists_on(date(2026, 11, 1)) and found.exists_on(date(2026, 11, 2))
    assert found.plans.entries == (
        (date(2026, 11, 2), Plan(date(2027, 3, 18), "system")),
        (date(2026, 12, 1), Plan(date(2027, 3, 25), "system")),
    )
    assert found.change_days() == (date(2026, 11, 2), date(2026, 12, 1))


def test_an_ad_hoc_release_converted_started_as_the_other_type():
    found = history("2027-03-mp300", kind="ad-hoc", type="documentation", recorded="2026-11-02", go_live="2027-03-18",
                    type_changes=[{"decided": "2026-12-01", "type": "documentation", "reason": "DCC part dropped"}])
    assert found.plan_on(date(2026, 11, 30)).type == "system"
    assert found.plan_on(date(2026, 12, 1)).type == "documentation"


# --- deadlines_on: the as-of rule ---------------------------------------------------------------------


def test_before_a_change_is_approved_every_date_follows_the_plan_then_in_force():
    found = history("2027-11", date_changes=[moved("2027-01-15", "2027-11-25")]).deadlines_on(date(2027, 1, 14), WD)
    assert dues(found) == PLAN_A
    assert passed(found) == set()


def test_a_passed_cut_off_keeps_its_date_when_go_live_moves_later():
    # Approved Fri 15 Jan 2027. Passed by then under plan A: the systems cut-off and the 12-month notice
    # (4 Nov 2026). Still ahead (TAD to the TAG on 4 Feb 2027 and later): they follow plan B.
    found = history("2027-11", date_changes=[moved("2027-01-15", "2027-11-25")]).deadlines_on(date(2027, 1, 15), WD)
    expected = dict(PLAN_B, **{"systems-cutoff": date(2026, 11, 4), "notice-12-months": date(2026, 11, 4)})
    assert dues(found) == expected
    assert passed(found) == {"systems-cutoff", "notice-12-months"}
    assert found["systems-cutoff"].plan == Plan(NOV_2027, "system")
    assert found["tad-to-tag"].plan == Plan(NOV_25_2027, "system")
    # In date order (ties: milestones in policy order, then the notices).
    assert list(found) == [
        "systems-cutoff", "notice-12-months", "tad-to-tag", "documentation-cutoff", "tad-published",
        "notice-6-months", "go-live-evidence", "notice-1-month", "go-live", "actual-cost-report",
    ]


def test_the_dates_as_they_stood_never_change_when_later_facts_arrive():
    later = history("2027-11", date_changes=[moved("2027-01-15", "2027-11-25"), moved("2027-06-01", "2027-12-02")])
    early = history("2027-11", date_changes=[moved("2027-01-15", "2027-11-25")])
    for day in (date(2026, 6, 1), date(2027, 1, 14), date(2027, 1, 15), date(2027, 5, 31)):
        assert later.deadlines_on(day, WD) == early.deadlines_on(day, WD)


def test_a_deadline_due_on_the_day_a_change_is_approved_follows_the_new_plan():
    # Approved on Thu 4 Feb 2027, the day plan A's TAD deadline falls: it had not passed yet ("arrived
    # before the next plan replaced it" means strictly before), so it follows plan B (25 Feb 2027).
    found = history("2027-11", date_changes=[moved("2027-02-04", "2027-11-25")]).deadlines_on(date(2027, 2, 4), WD)
    assert found["tad-to-tag"].due == date(2027, 2, 25) and not found["tad-to-tag"].passed
    # approved the day after: it had passed under plan A.
    found = history("2027-11", date_changes=[moved("2027-02-05", "2027-11-25")]).deadlines_on(date(2027, 2, 5), WD)
    assert found["tad-to-tag"].due == date(2027, 2, 4) and found["tad-to-tag"].passed


def test_a_go_live_moved_earlier_moves_the_dates_ahead_earlier_and_keeps_the_passed_ones():
    # Approved Mon 1 Mar 2027: the systems cut-off, the 12-month notice (4 Nov 2026) and the TAD to
    # the TAG (4 Feb 2027) had passed under plan A and keep their dates, although plan C would put them
    # earlier. Everything from the documentation cut-off (plan C: 21 Apr 2027) on follows plan C.
    found = history("2027-11", date_changes=[moved("2027-03-01", "2027-10-21")]).deadlines_on(date(2027, 3, 1), WD)
    expected = dict(PLAN_C, **{key: PLAN_A[key] for key in ("systems-cutoff", "notice-12-months", "tad-to-tag")})
    assert dues(found) == expected
    assert passed(found) == {"systems-cutoff", "notice-12-months", "tad-to-tag"}


def test_a_go_live_brought_forward_past_a_deadline_puts_it_on_the_day_of_the_decision():
    # Approved Wed 28 Apr 2027, moving go-live to 21 Oct 2027. Under plan A the documentation cut-off,
    # TAD publication and 6-month notice (4 May 2027) were still ahead on 28 Apr; plan C would give
    # Wed 21 Apr 2027, a day already gone when the move became known. A date cannot arrive before
    # anyone knew of it: on 27 Apr the build said 4 May, so the cut-off arrives on 28 Apr, the day of
    # the decision (and the 6-month notice is issued that day, not backdated to 21 Apr).
    found = history("2027-11", date_changes=[moved("2027-04-28", "2027-10-21")])
    assert dues(found.deadlines_on(date(2027, 4, 27), WD)) == PLAN_A
    now = found.deadlines_on(date(2027, 4, 28), WD)
    decision_day = date(2027, 4, 28)
    expected = dict(PLAN_C, **{key: PLAN_A[key] for key in ("systems-cutoff", "notice-12-months", "tad-to-tag")})
    expected.update({key: decision_day for key in ("documentation-cutoff", "tad-published", "notice-6-months")})
    assert dues(now) == expected
    assert found.status_on(date(2027, 4, 27), WD) is ReleaseStatus.SYSTEMS_SCOPE_SET
    assert found.status_on(decision_day, WD) is ReleaseStatus.SCOPE_SET
    # No date of any later build lies before the day it became known, unless it was known before.
    for day in (date(2027, 4, 28), date(2027, 6, 1), date(2028, 6, 1)):
        for key, settled in found.deadlines_on(day, WD).items():
            assert settled.due >= decision_day or settled.due == found.deadlines_on(date(2027, 4, 27), WD)[key].due, key


def test_type_conversion_drops_milestones_not_yet_passed_and_keeps_passed_ones():
    # June 2027, a System Release, turned into a Documentation Release on Tue 15 Sep 2026. Passed by then:
    # the systems cut-off and the 12-month notice (Wed 24 Jun 2026): kept. Not yet passed and not part of
    # a Documentation Release: TAD to the TAG (Thu 24 Sep 2026), TAD published, actual cost report: gone.
    found = history("2027-06", type="documentation",
                    type_changes=[{"decided": "2026-09-15", "type": "documentation", "reason": "No DCC change"}])
    assert dues(found.deadlines_on(date(2026, 9, 14), WD)) == JUNE_SYSTEM
    now = found.deadlines_on(date(2026, 9, 15), WD)
    assert dues(now) == {
        "systems-cutoff": date(2026, 6, 24), "notice-12-months": date(2026, 6, 24),
        "documentation-cutoff": date(2026, 12, 24), "notice-6-months": date(2026, 12, 24),
        "go-live-evidence": date(2027, 5, 13), "notice-1-month": date(2027, 5, 24), "go-live": JUNE_2027,
    }
    assert passed(now) == {"systems-cutoff", "notice-12-months"}
    assert now["systems-cutoff"].plan == Plan(JUNE_2027, "system")
    assert now["documentation-cutoff"].plan == Plan(JUNE_2027, "documentation")


def test_a_type_conversion_after_the_tad_deadline_keeps_it():
    # Decided Thu 1 Oct 2026: TAD to the TAG (Thu 24 Sep 2026) had passed as well.
    found = history("2027-06", type="documentation",
                    type_changes=[{"decided": "2026-10-01", "type": "documentation", "reason": "No DCC change"}])
    now = found.deadlines_on(date(2026, 10, 1), WD)
    assert passed(now) == {"systems-cutoff", "notice-12-months", "tad-to-tag"}
    assert now["tad-to-tag"].due == date(2026, 9, 24)
    assert "tad-published" not in now and "actual-cost-report" not in now


def test_an_ad_hoc_release_before_it_was_recorded_answers_with_its_first_plan():
    found = history("2027-03-mp300", kind="ad-hoc", type="system", recorded="2026-11-02", go_live="2027-03-18")
    # Thu 18 Mar 2027: 1-month notice Thu 18 Feb 2027; 12 months before: Wed 18 Mar 2026.
    early = found.deadlines_on(date(2026, 1, 1), WD)
    assert early["go-live"].due == date(2027, 3, 18)
    assert early["systems-cutoff"].due == date(2026, 3, 18)
    assert early["notice-1-month"].due == date(2027, 2, 18)
    assert found.deadlines_on(date(2026, 11, 2), WD) == early


# --- status_on -------------------------------------------------------------------------------------


def test_status_follows_the_dates_as_they_stood():
    # November 2027 moved to 25 Nov 2027 on Fri 15 Jan 2027.
    found = history("2027-11", date_changes=[moved("2027-01-15", "2027-11-25")])
    assert found.status_on(date(2026, 11, 3), WD) is ReleaseStatus.OPEN
    assert found.status_on(date(2026, 11, 4), WD) is ReleaseStatus.SYSTEMS_SCOPE_SET  # plan A's cut-off
    assert found.status_on(date(2027, 5, 24), WD) is ReleaseStatus.SYSTEMS_SCOPE_SET
    assert found.status_on(date(2027, 5, 25), WD) is ReleaseStatus.SCOPE_SET  # plan B's documentation cut-off
    assert found.status_on(date(2027, 10, 22), WD) is ReleaseStatus.SCOPE_SET
    assert found.status_on(date(2027, 10, 25), WD) is ReleaseStatus.IMMINENT
    assert found.status_on(date(2027, 11, 4), WD) is ReleaseStatus.IMMINENT  # the old go-live is no go-live
    assert found.status_on(date(2027, 11, 25), WD) is ReleaseStatus.LIVE


def test_a_cancelled_release_is_cancelled_from_the_day_decided_and_never_live():
    found = history("2027-06", cancelled={"decided": "2027-03-01", "reason": "Nothing left in scope"})
    assert found.status_on(date(2027, 2, 28), WD) is ReleaseStatus.SCOPE_SET  # 24 Dec 2026 passed
    assert found.status_on(date(2027, 3, 1), WD) is ReleaseStatus.CANCELLED
    assert found.status_on(date(2027, 7, 1), WD) is ReleaseStatus.CANCELLED  # after the old go-live
    assert found.cancelled_on(date(2027, 3, 1)) and not found.cancelled_on(date(2027, 2, 28))
    assert date(2027, 3, 1) in found.change_days()


NO_GO = {"date": "2027-06-17", "outcome": "no-go", "note": "SIT defects open"}


def test_a_no_go_without_a_new_date_postpones_the_release():
    # No-go on Thu 17 Jun 2027, a week before the 24 Jun 2027 go-live.
    found = history("2027-06", go_live_decision=NO_GO)
    assert found.status_on(date(2027, 6, 16), WD) is ReleaseStatus.IMMINENT  # since Mon 24 May 2027
    assert found.status_on(date(2027, 6, 17), WD) is ReleaseStatus.POSTPONED
    assert found.status_on(date(2027, 7, 1), WD) is ReleaseStatus.POSTPONED  # not Live on the old go-live
    assert found.postponed_on(date(2027, 6, 17)) and not found.postponed_on(date(2027, 6, 16))


def test_a_new_go_live_after_a_no_go_brings_the_status_back():
    # New go-live Thu 29 Jul 2027, approved Thu 15 Jul 2027. The old go-live (24 Jun) passed without the
    # release going live: go-live is not a deadline that keeps its date, the release goes live on 29 July.
    found = history("2027-06", go_live_decision=NO_GO, date_changes=[moved("2027-07-15", "2027-07-29")])
    assert found.status_on(date(2027, 7, 14), WD) is ReleaseStatus.POSTPONED
    assert not found.postponed_on(date(2027, 7, 15))
    assert found.status_on(date(2027, 7, 15), WD) is ReleaseStatus.IMMINENT
    assert found.status_on(date(2027, 7, 28), WD) is ReleaseStatus.IMMINENT
    assert found.status_on(date(2027, 7, 29), WD) is ReleaseStatus.LIVE
    now = found.deadlines_on(date(2027, 7, 15), WD)
    assert now["go-live"].due == date(2027, 7, 29) and not now["go-live"].passed
    # The deadlines that passed before the no-go keep their dates (go-live evidence Thu 13 May 2027).
    assert now["go-live-evidence"].due == date(2027, 5, 13) and now["go-live-evidence"].passed


def test_a_type_change_after_a_no_go_is_not_a_new_go_live():
    # Only a new go-live ends a postponement (policy 8); turning the release into a Documentation
    # Release on Thu 1 Jul 2027 leaves it without a go-live date.
    found = history("2027-06", go_live_decision=NO_GO, type="documentation",
                    type_changes=[{"decided": "2027-07-01", "type": "documentation", "reason": "DCC part dropped"}])
    assert found.status_on(date(2027, 7, 1), WD) is ReleaseStatus.POSTPONED
    assert found.status_on(date(2027, 8, 1), WD) is ReleaseStatus.POSTPONED


def test_a_go_decision_postpones_nothing():
    found = history("2027-06", go_live_decision={"date": "2027-06-17", "outcome": "go"})
    assert found.status_on(date(2027, 6, 24), WD) is ReleaseStatus.LIVE
    assert found.no_go is None


def test_a_history_built_by_hand():
    # The dataclass on its own, as schedule.py and other callers may build it.
    plans = Timeline.of([(ALWAYS, Plan(NOV_2027, "system")), (date(2027, 1, 15), Plan(NOV_25_2027, "system"))])
    found = ReleaseHistory("2027-11", "scheduled", None, plans, NOV_2027)
    assert found.plan_on(date(2027, 1, 14)).go_live == NOV_2027
    assert found.status_on(date(2027, 11, 4), WD) is ReleaseStatus.IMMINENT
    assert found.change_days() == (date(2027, 1, 15),)


@pytest.mark.parametrize("day, status", [
    (date(2026, 6, 23), ReleaseStatus.OPEN),
    (date(2026, 6, 24), ReleaseStatus.SYSTEMS_SCOPE_SET),
    (date(2026, 12, 24), ReleaseStatus.SCOPE_SET),
    (date(2027, 5, 24), ReleaseStatus.IMMINENT),
    (date(2027, 6, 24), ReleaseStatus.LIVE),
])
def test_status_of_an_unchanged_release(day, status):
    assert release_history("2027-06", None).status_on(day, WD) is status
