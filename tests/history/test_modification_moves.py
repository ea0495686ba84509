"""``history.modifications``: every dated move of a modification between releases (R8–R11, R14).

Dates are worked out by hand (weekdays with GNU ``date -d``; gov.uk England and Wales bank holidays:
Good Friday 3 Apr and Easter Monday 6 Apr 2026). The modification below (``OPTIONS``) was set on
Sun 1 Mar 2026 with two conditional options (R9):
  option 0: June 2027 release if approved on or before Mon 30 Nov 2026
  option 1: November 2027 release if approved after that, on or before Mon 1 Mar 2027
So, undecided, it heads for June 2027 from 1 Mar 2026, for November 2027 from Tue 1 Dec 2026 (the day
after the first decision-by date), and awaits a new date from Tue 2 Mar 2027.
"""

from __future__ import annotations

from datetime import date

import pytest

from secsite.history.modifications import Cause, Move, Source, approved_on, known_on, move_on, moves
from secsite.model import Modification
from secsite.policy import WorkingDays

WD = WorkingDays()
SET = date(2026, 3, 1)
FIRST_BY, SECOND_BY = date(2026, 11, 30), date(2027, 3, 1)
FALL_BACK_DAY, AWAITING_DAY = date(2026, 12, 1), date(2027, 3, 2)

OPTIONS = {"set": "2026-03-01", "dates": [
    {"release": "2027-06", "decision_by": "2026-11-30"},
    {"release": "2027-11", "decision_by": "2027-03-01"},
]}


def mod(implementation=OPTIONS, *, stage="refinement", decision=None, changes=(), dcc=True) -> Modification:
    impl = dict(implementation, changes=list(changes)) if implementation is not None else None
    data = {
        "id": "MP201", "title": "Test", "stage": stage, "route": "authority", "raised": "2025-01-15",
        "proposer": "Example Energy", "summary": "Something.",
        "impacts": {"dcc_systems": dcc, "user_systems": False},
        "implementation": impl,
    }
    if decision is not None:
        data["decision"] = decision
    return Modification.model_validate(data)


def approved(day: str) -> dict:
    return {"date": day, "by": "authority", "outcome": "approved"}


def rejected(day: str) -> dict:
    return {"date": day, "by": "authority", "outcome": "rejected"}


def revision(approved_on: str, release: str | None = None, day: str | None = None, requested: str | None = None) -> dict:
    found = {"requested": requested or approved_on, "approved": approved_on, "reason": "DCC testing capacity"}
    if release:
        found["release"] = release
    if day:
        found["date"] = day
    return found


def summary(found) -> list[tuple]:
    return [(m.since, m.release_id, m.date, m.cause) for m in found]


# --- R9: options and fall-backs ---------------------------------------------------------------------


def test_undecided_a_fall_back_option_applies_the_day_after_the_previous_decision_by_date():
    found = moves(mod(), WD)
    assert summary(found) == [
        (SET, "2027-06", None, Cause.SET),
        (FALL_BACK_DAY, "2027-11", None, Cause.FALL_BACK),
        (AWAITING_DAY, None, None, Cause.AWAITING),
    ]
    assert [m.source for m in found] == [Source("option", 0), Source("option", 1), Source("option", 1)]
    assert [m.in_a_release for m in found] == [True, True, False]


@pytest.mark.parametrize("decided", ["2026-06-01", "2026-11-30"])  # before, and on, the decision-by date
def test_approval_by_the_first_decision_by_date_stops_the_fall_backs(decided):
    found = moves(mod(stage="approved", decision=approved(decided)), WD)
    assert summary(found) == [(SET, "2027-06", None, Cause.SET)]


def test_approval_between_the_decision_by_dates_keeps_the_fall_back_and_stops_there():
    # Approved Thu 10 Dec 2026: after 30 Nov 2026 (the fall-back applied from 1 Dec), by 1 Mar 2027.
    found = moves(mod(stage="approved", decision=approved("2026-12-10")), WD)
    assert summary(found) == [(SET, "2027-06", None, Cause.SET), (FALL_BACK_DAY, "2027-11", None, Cause.FALL_BACK)]


def test_approval_after_every_decision_by_date_awaits_a_new_date():
    found = moves(mod(stage="approved", decision=approved("2027-03-10")), WD)
    assert summary(found)[-1] == (AWAITING_DAY, None, None, Cause.AWAITING)


def test_set_after_every_decision_by_date_awaits_from_the_start():
    late = dict(OPTIONS, set="2027-04-01")
    assert summary(moves(mod(late), WD)) == [(date(2027, 4, 1), None, None, Cause.AWAITING)]


def test_set_after_the_first_decision_by_date_starts_with_the_fall_back():
    # Set Tue 15 Dec 2026: the first option (by 30 Nov 2026) can no longer apply.
    found = moves(mod(dict(OPTIONS, set="2026-12-15")), WD)
    assert summary(found) == [
        (date(2026, 12, 15), "2027-11", None, Cause.SET),
        (AWAITING_DAY, None, None, Cause.AWAITING),
    ]
    assert found[0].source == Source("option", 1)


def test_an_option_with_a_date_only_and_the_late_addition_rationale_of_its_option():
    implementation = {"set": "2026-03-01", "late_addition": "Whole-file rationale", "dates": [
        {"date": "2026-10-15", "decision_by": "2026-09-01"},
        {"release": "2027-11", "decision_by": "2027-03-01", "late_addition": "Urgent fix for Parties"},
    ]}
    found = moves(mod(implementation), WD)
    assert (found[0].release_id, found[0].date, found[0].rationale) == (None, date(2026, 10, 15), "Whole-file rationale")
    assert (found[1].since, found[1].release_id, found[1].rationale) == (date(2026, 9, 2), "2027-11", "Urgent fix for Parties")


# --- R11: revisions; rejection; withdrawal ------------------------------------------------------------


def test_a_revision_supersedes_the_options():
    # Revised on Thu 1 Oct 2026 to June 2028: the decision-by date of 30 Nov 2026 no longer moves it.
    found = moves(mod(changes=[revision("2026-10-01", "2028-06")]), WD)
    assert summary(found) == [(SET, "2027-06", None, Cause.SET), (date(2026, 10, 1), "2028-06", None, Cause.REVISED)]
    assert found[-1].source == Source("change", 0)
    assert found[-1].reason == "DCC testing capacity"


def test_a_revision_after_a_fall_back_keeps_the_fall_back_and_each_revision_follows():
    found = moves(mod(stage="approved", decision=approved("2026-12-10"),
                      changes=[revision("2027-02-01", "2028-06"), revision("2027-09-01", None, "2028-07-13")]), WD)
    assert summary(found) == [
        (SET, "2027-06", None, Cause.SET),
        (FALL_BACK_DAY, "2027-11", None, Cause.FALL_BACK),
        (date(2027, 2, 1), "2028-06", None, Cause.REVISED),
        (date(2027, 9, 1), None, date(2028, 7, 13), Cause.REVISED),
    ]
    assert [m.source for m in found[2:]] == [Source("change", 0), Source("change", 1)]


def test_revisions_written_newest_first_still_supersede_the_options_from_the_first_one():
    # The contract asks for oldest first; written the other way round, the fall-back of 1 Dec 2026 must
    # still not come back after the revision of 1 Oct 2026.
    found = moves(mod(changes=[revision("2027-02-01", "2028-06"), revision("2026-10-01", "2028-02")]), WD)
    assert summary(found) == [
        (SET, "2027-06", None, Cause.SET),
        (date(2026, 10, 1), "2028-02", None, Cause.REVISED),
        (date(2027, 2, 1), "2028-06", None, Cause.REVISED),
    ]
    assert [m.source for m in found[1:]] == [Source("change", 1), Source("change", 0)]


def test_a_revision_of_an_awaiting_modification_gives_it_a_date_again():
    found = moves(mod(stage="approved", decision=approved("2027-03-10"), changes=[revision("2027-04-20", "2028-02")]), WD)
    assert summary(found)[-2:] == [(AWAITING_DAY, None, None, Cause.AWAITING), (date(2027, 4, 20), "2028-02", None, Cause.REVISED)]


def test_a_rejection_ends_every_move():
    found = moves(mod(stage="rejected", decision=rejected("2026-10-20")), WD)
    assert summary(found) == [(SET, "2027-06", None, Cause.SET), (date(2026, 10, 20), None, None, Cause.REJECTED)]
    assert found[-1].source == Source("decision") and not found[-1].in_a_release
    # A rejection after the fall-back: the fall-back stays in the record, nothing after the rejection.
    found = moves(mod(stage="rejected", decision=rejected("2027-01-10")), WD)
    assert [m.cause for m in found] == [Cause.SET, Cause.FALL_BACK, Cause.REJECTED]
    assert found[-1].since == date(2027, 1, 10)


@pytest.mark.parametrize("stage", ["withdrawn", "rejected"])
def test_a_withdrawal_or_a_rejection_without_a_date_has_no_moves(stage):
    assert moves(mod(stage=stage), WD) == ()


def test_no_implementation_no_moves():
    assert moves(mod(None), WD) == ()


# --- R10: Working Days following decision ------------------------------------------------------------


def test_working_days_after_decision_fix_the_date_on_the_decision_day():
    # Approved Thu 2 Apr 2026, 10 Working Days following: Fri 3 Apr (Good Friday) and Mon 6 Apr
    # (Easter Monday) do not count; Tue 7, Wed 8, Thu 9, Fri 10, Mon 13, Tue 14, Wed 15, Thu 16,
    # Fri 17 and Mon 20 Apr 2026 are Working Days 1 to 10.
    wd_mod = mod({"set": "2026-03-01", "working_days_after_decision": 10}, stage="approved", decision=approved("2026-04-02"))
    found = moves(wd_mod, WD)
    assert summary(found) == [(SET, None, None, Cause.SET), (date(2026, 4, 2), None, date(2026, 4, 20), Cause.DECIDED)]
    assert {m.source for m in found} == {Source("working-days")}


def test_working_days_before_the_decision_no_date():
    found = moves(mod({"set": "2026-03-01", "working_days_after_decision": 10}), WD)
    assert summary(found) == [(SET, None, None, Cause.SET)]


# --- reading the moves as of a day --------------------------------------------------------------------


def test_move_on_and_known_on():
    found = moves(mod(), WD)
    assert move_on(found, date(2026, 2, 28)) is None  # before the Panel set any date
    assert move_on(found, SET).release_id == "2027-06"
    assert move_on(found, FIRST_BY).release_id == "2027-06"  # on the decision-by date: still option 0
    assert move_on(found, FALL_BACK_DAY).release_id == "2027-11"
    assert move_on(found, SECOND_BY).release_id == "2027-11"
    assert move_on(found, AWAITING_DAY).cause is Cause.AWAITING
    assert known_on(found, FIRST_BY) == found[:1]
    assert known_on(found, FALL_BACK_DAY) == found[:2]


def test_each_move_depends_only_on_facts_dated_up_to_its_day():
    # The moves known on any day are the same whether or not facts dated later are recorded.
    full = moves(mod(stage="approved", decision=approved("2026-12-10"), changes=[revision("2027-02-01", "2028-06")]), WD)
    for day, partial in [
        (date(2026, 12, 9), mod()),  # neither the approval nor the revision known yet
        (date(2027, 1, 31), mod(stage="approved", decision=approved("2026-12-10"))),
    ]:
        assert known_on(full, day) == known_on(moves(partial, WD), day)


def test_approved_on():
    decided = mod(stage="approved", decision=approved("2026-12-10"))
    assert not approved_on(decided, date(2026, 12, 9)) and approved_on(decided, date(2026, 12, 10))
    assert not approved_on(mod(stage="rejected", decision=rejected("2026-10-20")), date(2027, 1, 1))
    assert approved_on(mod(stage="approved"), date(2000, 1, 1))  # stage only: from the start (checks warn)
    assert not approved_on(mod(), date(2030, 1, 1))


def test_source_paths_point_at_the_line_and_at_where_the_rationale_goes():
    assert Source("option", 1).path == ("implementation", "dates", 1)
    assert Source("option", 1).rationale_path == ("implementation", "dates", 1, "late_addition")
    assert Source("option", 0).rationale_path == ("implementation", "late_addition")
    assert Source("change", 2).path == ("implementation", "changes", 2)
    assert Source("change", 2).rationale_path == ("implementation", "changes", 2, "late_addition")
    assert Source("working-days").path == ("implementation", "working_days_after_decision")
    assert Source("working-days").rationale_path == ("implementation", "late_addition")
    assert Source("decision").path == ("decision",)


def test_a_move_is_a_plain_value():
    move = Move(SET, "2027-06", None, Cause.SET, Source("option", 0))
    assert move == Move(SET, "2027-06", None, Cause.SET, Source("option", 0))
    assert str(Cause.FALL_BACK) == "fall-back"
