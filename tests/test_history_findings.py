"""Issue 10, findings 1–10: each tried as a Party would, through ``check_data`` and the published notices.

Every expected date is worked out by hand (weekdays with GNU ``date -d YYYY-MM-DD +%a``; bank
holidays of England and Wales from gov.uk), never by the code under test:
- June 2027 (last Thursday) Thu 24 Jun 2027: systems cut-off / 12-month notice Wed 24 Jun 2026; TAD to the
  TAG Thu 24 Sep 2026; documentation cut-off / TAD published / 6-month notice Thu 24 Dec 2026 (no
  calendar.yml here, so a Working Day); go-live evidence (42 days before) Thu 13 May 2027; 1-month notice
  Mon 24 May 2027; actual cost report Tue 24 Aug 2027.
- November 2027 (first Thursday) Thu 4 Nov 2027: systems cut-off / 12-month notice Wed 4 Nov 2026; TAD to
  the TAG Thu 4 Feb 2027; documentation cut-off Tue 4 May 2027 (Mon 3 May is a bank holiday).
  Moved to Thu 25 Nov 2027: systems cut-off Wed 25 Nov 2026; TAD to the TAG Thu 25 Feb 2027;
  documentation cut-off Tue 25 May 2027.
- November 2026 (first Thursday) Thu 5 Nov 2026; actual cost report 2 months after: Tue 5 Jan 2027.
- R22 / policy 4.3 notices: the first Working Day after the decision.

Finding 8 (calendar SEQUENCE) belongs to the calendar tests (tests/render/test_calendar.py).
"""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from conftest import change, decision, options as _options, modification
from secsite import views
from secsite.model.diagnostics import errors
from secsite.history.modifications import Cause
from secsite.render.calendar import calendars
from secsite.history.schedule import Settings
from secsite.checks import check_data

MP201 = "modifications/MP201.yml"


def options(*pairs: tuple[str, str], set_date: str = "2026-03-01") -> str:
    return _options(*pairs, set_date=set_date)


def check(data, today: date):
    """The catalogue, the schedule built on ``today`` and every problem found."""
    return check_data(data.root, Settings(today=today))


def build(data, today: date):
    """The schedule of valid data on ``today``: a scenario the checks reject would prove nothing."""
    catalogue, schedule, found = check(data, today)
    assert errors(found) == [], [str(p) for p in errors(found)]
    return catalogue, schedule


def published(data, today: date) -> dict[str, tuple]:
    """The notices the site built on ``today`` publishes: id -> (title, date, body)."""
    catalogue, schedule = build(data, today)
    return {n.id: (n.title, n.date, n.body) for n in views.published_notices(catalogue, schedule)}


@pytest.fixture
def clean(data):
    """The data directory without conftest's MP100 (undecided, it falls back into November 2027 on
    2 December 2026, after that release's cut-off, and would be a late addition of its own)."""
    (data.root / "modifications" / "MP100.yml").unlink()
    return data


# --- 1. A published notice never changes ---------------------------------------------------------


def test_1_an_approval_notice_keeps_the_date_of_its_own_day_after_a_later_revision(data):
    # MP201: November 2026 (first Thursday: Thu 5 Nov 2026) if approved by Mon 1 Sep 2025. Approved
    # Wed 30 Jul 2025: the notice is due Thu 31 Jul 2025 (R22). On Thu 12 Mar 2026 the Authority moved
    # it to June 2027 (Thu 24 Jun 2027), before that release's systems cut-off (24 Jun 2026): no late addition.
    approved = options(("2026-11", "2025-09-01"), set_date="2025-05-01")
    data.write(MP201, modification("MP201", approved + decision("2025-07-30"), stage="approved"))
    then = published(data, date(2025, 7, 31))["mp201-approved"]
    assert then[:2] == ("MP201 approved: Test modification MP201", date(2025, 7, 31))
    assert "5 November 2026" in then[2] and "November 2026 SEC Release" in then[2]

    data.write(MP201, modification("MP201", approved + change("2027-06", "2026-02-10", "2026-03-12") + decision("2025-07-30"),
                                   stage="approved"))
    assert published(data, date(2025, 7, 31))["mp201-approved"] == then  # the revision was not known yet
    assert published(data, date(2026, 11, 26))["mp201-approved"] == then
    assert "24 June 2027" not in then[2]
    _, later = build(data, date(2026, 11, 26))
    view = later.modifications["MP201"]
    assert (view.current.release_id, view.implementation_date) == ("2027-06", date(2027, 6, 24))
    assert [(p.release_id, str(p.status), p.left) for p in view.placements] == [
        ("2026-11", "Moved out", date(2026, 3, 12)), ("2027-06", "Approved", None)]


def renamed(text: str, title: str, *renamings: tuple[str, str]) -> str:
    """A modification file given a new ``title``, with its earlier titles under ``title_changes``."""
    entries = "".join(f"  - date: {day}\n    previous_title: {old}\n" for day, old in renamings)
    return text.replace("title: Test modification MP201\n",
                        f"title: {title}\n" + (f"title_changes:\n{entries}" if entries else ""), 1)


def test_1_a_renaming_recorded_with_its_date_leaves_published_notices_as_they_were(data):
    # Approved Wed 30 Jul 2025: the approval notice is dated Thu 31 Jul 2025 (R22). Renamed on Mon 2 Mar
    # 2026 ("Smarter reads"), then on Wed 1 Jul 2026 ("Smarter meter reads").
    approved = modification("MP201", options(("2026-11", "2025-09-01"), set_date="2025-05-01") + decision("2025-07-30"),
                            stage="approved")
    data.write(MP201, approved)
    before = published(data, date(2026, 11, 26))["mp201-approved"]
    assert before[0] == "MP201 approved: Test modification MP201"

    data.write(MP201, renamed(approved, "Smarter meter reads",
                              ("2026-03-02", "Test modification MP201"), ("2026-07-01", "Smarter reads")))
    assert published(data, date(2026, 11, 26))["mp201-approved"] == before
    catalogue, _ = build(data, date(2026, 11, 26))
    mod = catalogue.modifications["MP201"]
    assert [mod.title_on(date(2026, 3, d)) for d in (1, 2)] == ["Test modification MP201", "Smarter reads"]
    assert [mod.title_on(date(2026, m, d)) for m, d in ((6, 30), (7, 1))] == ["Smarter reads", "Smarter meter reads"]

    # Without the entry, the notice takes the new title: the editor guide says to record it.
    data.write(MP201, renamed(approved, "Smarter meter reads"))
    assert published(data, date(2026, 11, 26))["mp201-approved"][0] == "MP201 approved: Smarter meter reads"


def test_1_renamings_are_listed_oldest_first_and_never_dated_after_the_build_date(data):
    approved = modification("MP201", options(("2026-11", "2025-09-01"), set_date="2025-05-01") + decision("2025-07-30"),
                            stage="approved")
    data.write(MP201, renamed(approved, "C", ("2026-07-01", "B"), ("2026-03-02", "A"), ("2026-12-01", "B2")))
    _, _, found = check(data, date(2026, 11, 26))
    # HEAD is 11 lines; title 2, title_changes 3, entries from line 4 (three lines each: 4, 6, 8).
    assert sorted(str(p).removeprefix(f"{data.root}/") for p in errors(found)) == [
        "modifications/MP201.yml:6:5: error: title_changes[1]: entries are listed oldest first: this one is dated before the one above it",
        "modifications/MP201.yml:8:11: error: title_changes[2].date: a renaming dated 1 December 2026 is after today's build date: "
        "write the new title when it takes effect, dated that day",
    ]


# --- 2. Moving a go-live does not rewrite the past ----------------------------------------------------

NOVEMBER_2027_MOVED = """\
id: "2027-11"
date_changes:
  - requested: 2026-12-01
    approved: 2027-01-15
    by: authority
    date: 2027-11-25
    reason: DCC capacity
"""


def test_2_a_build_dated_before_a_go_live_move_does_not_show_it(clean):
    clean.write("releases/2027-11.yml", NOVEMBER_2027_MOVED)
    # Thu 14 Jan 2027, the day before the Authority approved the move (Fri 15 Jan 2027).
    _, before = build(clean, date(2027, 1, 14))
    release = before.releases["2027-11"]
    assert release.go_live == date(2027, 11, 4)
    assert {m.key: m.due for m in release.milestones}["tad-to-tag"] == date(2027, 2, 4)
    assert all(m.passed_under is None for m in release.milestones)
    assert not any("go-live-moved" in n for n in published(clean, date(2027, 1, 14)))


def test_2_past_cut_offs_keep_their_date_and_dates_ahead_move(clean):
    clean.write("releases/2027-11.yml", NOVEMBER_2027_MOVED)
    _, after = build(clean, date(2027, 1, 18))
    release = after.releases["2027-11"]
    assert release.go_live == date(2027, 11, 25)
    systems = release.milestone("systems-cutoff")
    assert systems.due == date(2026, 11, 4)  # passed under the go-live then in force
    assert systems.passed_under.go_live == date(2027, 11, 4)
    assert systems.now_due == date(2026, 11, 25)  # what the new go-live would give
    ahead = {m.key: m.due for m in release.milestones if m.passed_under is None}
    assert ahead == {
        "tad-to-tag": date(2027, 2, 25), "documentation-cutoff": date(2027, 5, 25), "tad-published": date(2027, 5, 25),
        "go-live-evidence": date(2027, 10, 14), "go-live": date(2027, 11, 25), "actual-cost-report": date(2028, 1, 25),
    }
    assert str(release.status) == "Systems scope set"


def test_2_the_notices_before_a_go_live_move_keep_its_old_date_and_the_move_is_announced(clean):
    clean.write("releases/2027-11.yml", NOVEMBER_2027_MOVED)
    before = published(clean, date(2027, 1, 14))
    after = published(clean, date(2027, 1, 18))
    twelve = before["2027-11-12-months"]
    assert twelve[1] == date(2026, 11, 4)
    assert "on 4 November 2027" in twelve[2] and "25 November" not in twelve[2]
    assert after["2027-11-12-months"] == twelve
    # Approved Fri 15 Jan 2027; announced the next Working Day, Mon 18 Jan 2027.
    moved = after["2027-11-go-live-moved-2027-01-15"]
    assert moved[:2] == ("November 2027 SEC Release: go-live moved to 25 November 2027", date(2027, 1, 18))
    assert "from 4 November 2027 to 25 November 2027" in moved[2]
    assert "2027-11-go-live-moved-2027-01-15" not in published(clean, date(2027, 1, 15))


def test_2_a_go_live_brought_forward_past_the_6_month_point_backdates_nothing(clean):
    # On Wed 28 Apr 2027 November 2027 is brought forward to Thu 21 Oct 2027. Its 6-month point was Tue
    # 4 May 2027 (still ahead); for 21 Oct 2027 it would be Wed 21 Apr 2027, already gone. Nobody knew of
    # that date on 21 Apr: the documentation cut-off and the 6-month notice arrive on 28 Apr, the day
    # of the decision (fixed in history/releases.py). Before the fix the site built on 22 Apr 2027
    # already published a 6-month notice dated 21 Apr saying "on 4 November 2027".
    clean.write("releases/2027-11.yml", NOVEMBER_2027_MOVED.replace("2026-12-01", "2027-04-01")
                .replace("2027-01-15", "2027-04-28").replace("2027-11-25", "2027-10-21"))
    assert not any(i.startswith("2027-11-6-months") for i in published(clean, date(2027, 4, 27)))
    _, on_the_day = build(clean, date(2027, 4, 28))
    release = on_the_day.releases["2027-11"]
    assert release.milestone("documentation-cutoff").due == date(2027, 4, 28)
    assert str(release.status) == "Scope set"
    title, day, body = published(clean, date(2027, 4, 28))["2027-11-6-months"]
    # R4: named after its go-live month, October now.
    assert (title, day) == ("October 2027 SEC Release: six months to go-live", date(2027, 4, 28))
    assert "21 October 2027" in body and "4 November 2027" not in body
    # Announced the next Working Day, Thu 29 Apr 2027.
    assert published(clean, date(2027, 4, 29))["2027-11-go-live-moved-2027-04-28"][1] == date(2027, 4, 29)


# --- 3. No notice for a release before it existed ------------------------------------------------------

AD_HOC_MARCH = """\
id: "2027-03-mp300"
kind: ad-hoc
recorded: 2026-11-02
type: system
go_live: 2027-03-18
"""


def test_3_an_ad_hoc_release_recorded_late_is_announced_on_its_day_and_has_no_earlier_notice(clean):
    # Go-live Thu 18 Mar 2027, first recorded Mon 2 Nov 2026. Its 12-month point (Wed 18 Mar 2026) and
    # 6-month point (Fri 18 Sep 2026) came before it existed: no notice is dated then. Its 1-month
    # notice falls on Thu 18 Feb 2027.
    clean.write("releases/2027-03-mp300.yml", AD_HOC_MARCH)
    _, before = build(clean, date(2026, 10, 30))
    assert "2027-03-mp300" not in before.releases
    assert not any("2027-03-mp300" in n for n in published(clean, date(2026, 10, 30)))

    on_the_day = {i: n for i, n in published(clean, date(2026, 11, 2)).items() if i.startswith("2027-03-mp300")}
    assert list(on_the_day) == ["2027-03-mp300-announced"]
    title, day, body = on_the_day["2027-03-mp300-announced"]
    assert (title, day) == ("March 2027 SEC Release: new ad hoc release", date(2026, 11, 2))
    assert "18 March 2027" in body

    later = {i: n[1] for i, n in published(clean, date(2027, 3, 1)).items() if i.startswith("2027-03-mp300")}
    assert later == {"2027-03-mp300-announced": date(2026, 11, 2), "2027-03-mp300-1-month": date(2027, 2, 18)}


# --- 4. Late additions through a fall-back option -----------------------------------------------------

FALL_BACK = options(("2027-06", "2026-11-30"), ("2027-11", "2027-03-01"))  # lines 12-18 of the file


def test_4_a_fall_back_after_the_cut_off_is_a_late_addition_entered_the_day_after_the_decision_by_date(clean):
    # Undecided; the first decision-by date (Mon 30 Nov 2026) passes, so from Tue 1 Dec 2026 the fall-back
    # (November 2027) applies: after that release's systems cut-off, Wed 4 Nov 2026. Without a rationale:
    # an error at the option (line 17 = 11 head lines + 6; column 7, after "    - ").
    path = clean.write(MP201, modification("MP201", FALL_BACK))
    _, _, found = check(clean, date(2026, 12, 10))
    assert len(errors(found)) == 1, [str(p) for p in found]
    message = str(errors(found)[0])
    assert message.startswith(f"{path}:17:7: error: implementation.dates[1]: ")
    assert "late addition to the November 2027 SEC Release" in message
    assert "1 December 2026" in message
    assert "implementation.dates[1].late_addition" in message

    # Mon 30 Nov 2026, the decision-by date itself: still heading for June 2027, in time (the checks may
    # already ask for the rationale the fall-back will need, at the same line).
    _, before, found = check(clean, date(2026, 11, 30))
    assert before.modifications["MP201"].current.release_id == "2027-06"
    assert all(str(p).startswith(f"{path}:17:7: error: implementation.dates[1]: ") for p in errors(found))


def test_4_with_the_panel_rationale_the_late_addition_is_shown(clean):
    clean.write(MP201, modification("MP201", FALL_BACK + "      late_addition: The Panel kept it for November 2027.\n"))
    _, sched = build(clean, date(2026, 12, 10))
    first, second = sched.modifications["MP201"].placements
    assert (first.release_id, str(first.status), first.left, first.late) == ("2027-06", "Moved out", date(2026, 12, 1), False)
    assert (second.release_id, second.entered, second.cause, second.late) == ("2027-11", date(2026, 12, 1), Cause.FALL_BACK, True)
    assert second.rationale == "The Panel kept it for November 2027."
    assert second.source.path == ("implementation", "dates", 1)


# --- 5. Cancelled and no-go releases -------------------------------------------------------------------

APPROVED_FOR_JUNE = options(("2027-06", "2026-11-30")) + decision("2026-10-20")  # approved Tue 20 Oct 2026


def test_5_a_cancelled_release_implements_nothing_and_its_modifications_await_a_new_date(clean):
    clean.write(MP201, modification("MP201", APPROVED_FOR_JUNE, stage="approved"))
    clean.write("releases/2027-06.yml", 'id: "2027-06"\ncancelled:\n  decided: 2027-03-01\n  reason: Too little in scope\n')
    _, before = build(clean, date(2027, 2, 26))
    assert str(before.modifications["MP201"].current.status) == "Approved"
    assert str(before.releases["2027-06"].status) == "Scope set"

    catalogue, after, found = check(clean, date(2027, 7, 1))  # after the old go-live, 24 Jun 2027
    assert errors(found) == []
    view = after.modifications["MP201"]
    assert str(after.releases["2027-06"].status) == "Cancelled"
    assert str(view.placements[-1].status) != "Implemented"
    assert view.awaiting_new_date
    assert views.implementation_summary(view, views.release_names(after)).startswith("Awaiting a new implementation date")
    # The checks tell the editor (the issue: "No check warns about either").
    assert any(p.severity == "warning" and p.path.endswith("MP201.yml") and "cancelled" in p.message for p in found)

    notices = {n.id: n for n in views.published_notices(catalogue, after) if n.releases == ("2027-06",)}
    assert notices["2027-06-cancelled"].date == date(2027, 3, 1)
    assert "2027-06-1-month" not in notices  # 24 May 2027 came after the cancellation
    assert notices["2027-06-6-months"].date == date(2026, 12, 24)


NO_GO = "go_live_decision:\n  date: 2027-06-17\n  outcome: no-go\n"
NEW_DATE = """\
date_changes:
  - requested: 2027-07-01
    approved: 2027-07-15
    by: panel
    date: 2027-07-29
    reason: SIT defects fixed
"""


def test_5_a_no_go_without_a_new_date_postpones_the_release_and_implements_nothing(clean):
    clean.write(MP201, modification("MP201", APPROVED_FOR_JUNE, stage="approved"))
    clean.write("releases/2027-06.yml", 'id: "2027-06"\n' + NO_GO)
    _, _, found = check(clean, date(2027, 7, 1))  # a week after the old go-live, Thu 24 Jun 2027
    _, after = build(clean, date(2027, 7, 1))
    assert str(after.releases["2027-06"].status) == "Go-live postponed"
    assert after.releases["2027-06"].postponed
    assert str(after.modifications["MP201"].placements[-1].status) != "Implemented"
    assert any(p.severity == "warning" and p.path.endswith("2027-06.yml") and "no-go" in p.message for p in found)


def test_5_a_new_go_live_after_a_no_go_brings_the_release_back(clean):
    # New go-live Thu 29 Jul 2027, approved Thu 15 Jul 2027.
    clean.write(MP201, modification("MP201", APPROVED_FOR_JUNE, stage="approved"))
    clean.write("releases/2027-06.yml", 'id: "2027-06"\n' + NO_GO + NEW_DATE)
    _, waiting = build(clean, date(2027, 7, 20))
    assert str(waiting.releases["2027-06"].status) == "Go-live imminent"  # not Live: 29 July is ahead
    assert waiting.releases["2027-06"].milestone("go-live").due == date(2027, 7, 29)
    view = waiting.modifications["MP201"]
    assert (str(view.current.status), view.implementation_date) == ("Approved", date(2027, 7, 29))
    _, live = build(clean, date(2027, 7, 29))
    assert str(live.releases["2027-06"].status) == "Live"
    assert str(live.modifications["MP201"].current.status) == "Implemented"


# --- 6. Type conversions leave a trace -----------------------------------------------------------------


def test_6_a_type_conversion_keeps_the_passed_milestones_and_is_announced(clean):
    # June 2027 turned into a Documentation Release on Tue 15 Sep 2026: its systems cut-off (Wed 24 Jun
    # 2026) had passed and stays; TAD to the TAG (Thu 24 Sep 2026) had not and goes, with the other
    # System Release dates. Announced the next Working Day, Wed 16 Sep 2026.
    clean.write("releases/2027-06.yml", textwrap.dedent("""\
        id: "2027-06"
        type: documentation
        type_changes:
          - decided: 2026-09-15
            type: documentation
            reason: No DCC System change is scheduled for it
        """))
    _, before = build(clean, date(2026, 9, 14))
    assert before.releases["2027-06"].type == "system"
    assert [m.key for m in before.releases["2027-06"].milestones] == [
        "systems-cutoff", "tad-to-tag", "documentation-cutoff", "tad-published", "go-live-evidence", "go-live",
        "actual-cost-report"]

    _, after = build(clean, date(2026, 11, 26))
    release = after.releases["2027-06"]
    assert release.type == "documentation"
    assert {m.key: m.due for m in release.milestones} == {
        "systems-cutoff": date(2026, 6, 24), "documentation-cutoff": date(2026, 12, 24),
        "go-live-evidence": date(2027, 5, 13), "go-live": date(2027, 6, 24)}
    systems = release.milestone("systems-cutoff")
    assert (systems.passed_under.type, systems.now_due) == ("system", None)

    notices = published(clean, date(2026, 11, 26))
    title, day, body = notices["2027-06-type-changed-2026-09-15"]
    assert (title, day) == ("June 2027 SEC Release: now a Documentation Release", date(2026, 9, 16))
    assert "No DCC System change is scheduled for it" in body
    assert notices["2027-06-12-months"] == published(clean, date(2026, 9, 14))["2027-06-12-months"]


# --- 7. Authority revisions are announced -------------------------------------------------------------


def test_7_an_authority_revision_is_announced_one_working_day_after_its_approval(clean):
    # Approved Wed 10 Jun 2026 for June 2027 (approval notice Thu 11 Jun 2026). On Fri 16 Oct 2026 the
    # Authority moved it to November 2027 (Thu 4 Nov 2027; its systems cut-off, 4 Nov 2026, still ahead).
    # Parties are told on the next Working Day, Mon 19 Oct 2026 (policy 4.3).
    clean.write(MP201, modification("MP201", options(("2027-06", "2026-11-30"))
                                    + change("2027-11", "2026-09-20", "2026-10-16") + decision("2026-06-10"), stage="approved"))
    assert "mp201-date-revised-2026-10-16" not in published(clean, date(2026, 10, 16))
    notices = published(clean, date(2026, 10, 19))
    title, day, body = notices["mp201-date-revised-2026-10-16"]
    assert (title, day) == ("MP201: new implementation date", date(2026, 10, 19))
    assert "4 November 2027" in body and "November 2027 SEC Release" in body
    assert "DCC testing capacity" in body
    approval = notices["mp201-approved"]
    assert approval[1] == date(2026, 6, 11) and "24 June 2027" in approval[2]


# --- 9. Costs: never reported is not zero ----------------------------------------------------------------

COSTS = """\
id: "2026-11"
costs:
  forecast:
    design_build_pit: 100000
    sit: 50000
    ongoing_operational: 20000
"""


def costs_on(data, today: date):
    _, sched = build(data, today)
    return views.release_costs(sched.releases["2026-11"], today)


def test_9_an_actual_cost_not_yet_reported_is_not_zero(data):
    data.write("releases/2026-11.yml", COSTS)
    table = costs_on(data, date(2026, 11, 26))  # go-live 5 Nov 2026; nothing reported
    assert table.forecast_total == 150000  # one-off lines only: the ongoing £20,000 a year is not added
    assert (table.actual_total, table.variance, table.reported) == (None, None, None)
    assert [(line.key, line.actual, line.variance) for line in table.lines] == [
        ("design_build_pit", None, None), ("sit", None, None), ("ongoing_operational", None, None)]


def test_9_an_actual_cost_counts_from_the_day_reported_and_ongoing_costs_stay_apart(data):
    # Reported Tue 5 Jan 2027, the R20 deadline (2 months after Thu 5 Nov 2026).
    data.write("releases/2026-11.yml", COSTS + "  actual:\n    design_build_pit: 110000\n    sit: 45000\n"
               "    ongoing_operational: 25000\n  actual_reported: 2027-01-05\n")
    assert costs_on(data, date(2027, 1, 4)).actual_total is None
    table = costs_on(data, date(2027, 1, 5))
    assert (table.forecast_total, table.actual_total, table.variance, table.reported) == (150000, 155000, 5000, date(2027, 1, 5))
    assert [(line.key, line.variance) for line in table.lines] == [
        ("design_build_pit", 10000), ("sit", -5000), ("ongoing_operational", 5000)]


def test_9_a_line_missing_from_the_actual_report_is_not_zero(data):
    # An actual report without the SIT line: SIT's actual cost is unknown, not £0, so there is no
    # actual total and no variance (not "actual £110,000, variance -£40,000" against £150,000).
    data.write("releases/2026-11.yml", COSTS + "  actual:\n    design_build_pit: 110000\n  actual_reported: 2027-01-05\n")
    table = costs_on(data, date(2027, 1, 5))
    assert (table.actual_total, table.variance) == (None, None), "the unreported SIT line counted as £0"
    sit = next(line for line in table.lines if line.key == "sit")
    assert (sit.actual, sit.variance) == (None, None)


# --- 10. Release names never clash ----------------------------------------------------------------------

AD_HOC_JUNE = """\
id: "2027-06-mp300"
kind: ad-hoc
recorded: 2026-10-01
type: documentation
go_live: 2027-06-10
"""


def test_10_two_releases_in_one_month_have_different_names_everywhere(clean):
    # The ad hoc release goes live Thu 10 Jun 2027, beside the scheduled June 2027 release (Thu 24 Jun).
    # Its 6-month notice: Thu 10 Dec 2026; 1-month: Mon 10 May 2027. Its 12-month point (Thu 10 Jun 2026)
    # came before it was recorded (Thu 1 Oct 2026). Two documentation-only modifications, set Mon 5 Oct
    # 2026 (before both documentation cut-offs) and approved Tue 1 Dec 2026 (notices Wed 2 Dec 2026).
    clean.write("releases/2027-06-mp300.yml", AD_HOC_JUNE)
    clean.write("modifications/MP202.yml", modification(
        "MP202", options(("2027-06-mp300", "2027-01-15"), set_date="2026-10-05") + decision("2026-12-01"),
        stage="approved", dcc=False))
    clean.write("modifications/MP203.yml", modification(
        "MP203", options(("2027-06", "2027-01-15"), set_date="2026-10-05") + decision("2026-12-01"),
        stage="approved", dcc=False))
    catalogue, sched = build(clean, date(2027, 6, 1))
    scheduled, ad_hoc = "June 2027 SEC Release", "June 2027 SEC Release (ad hoc, 10 June)"
    assert (sched.releases["2027-06"].name, sched.releases["2027-06-mp300"].name) == (scheduled, ad_hoc)
    assert views.release_names(sched)["2027-06-mp300"] == ad_hoc
    rows = {row.id: row.release_name for row in views.register_rows(sched)}
    assert (rows["MP202"], rows["MP203"]) == (ad_hoc, scheduled)

    notices = {n.id: n for n in views.published_notices(catalogue, sched)}
    titles = {i: n.title for i, n in notices.items()}
    assert titles["2027-06-12-months"] == f"{scheduled}: twelve months to go-live"
    assert titles["2027-06-6-months"] == f"{scheduled}: six months to go-live"
    assert titles["2027-06-1-month"] == f"{scheduled}: go-live in one month"
    assert titles["2027-06-mp300-announced"] == f"{ad_hoc}: new ad hoc release"
    assert titles["2027-06-mp300-6-months"] == f"{ad_hoc}: six months to go-live"
    assert titles["2027-06-mp300-1-month"] == f"{ad_hoc}: go-live in one month"
    assert "2027-06-mp300-12-months" not in titles
    assert notices["2027-06-mp300-6-months"].date == date(2026, 12, 10)
    assert notices["2027-06-mp300-1-month"].date == date(2027, 5, 10)
    assert "ad hoc, 10 June" in notices["mp202-approved"].body
    assert "ad hoc" not in notices["mp203-approved"].body

    ics = b"".join(calendars(catalogue, sched, "https://sec.example.org/").values()).decode()
    # Unfolded (RFC 5545 3.1), commas unescaped (3.3.11).
    assert ad_hoc in ics.replace("\r\n ", "").replace("\\,", ",")


# --- Beyond the numbered findings: notices that would appear backdated -----------------------------------


def test_a_release_file_created_later_does_not_backdate_a_notice(clean):
    # November 2027 has no file and nothing in scope on Wed 4 Nov 2026 (its 12-month point). An editor
    # creates data/releases/2027-11.yml on 15 Jan 2027 to record a go-live move: the notices published
    # up to 1 Dec 2026 must be the same before and after (a file has no date, so it cannot decide
    # whether a notice exists: every release gets its 12-month, 6-month and 1-month notices, policy 9.1).
    before = published(clean, date(2026, 12, 1))
    clean.write("releases/2027-11.yml", NOVEMBER_2027_MOVED)
    after = published(clean, date(2027, 1, 18))
    assert {i: n for i, n in after.items() if n[1] <= date(2026, 12, 1)} == before


def test_an_ad_hoc_release_keeps_the_name_of_its_notices_when_the_horizon_grows(data):
    # An ad hoc release going live Thu 14 Jun 2029, recorded Thu 1 Oct 2026, beside the scheduled June
    # 2029 release (beyond the horizon of a 2026 build, within that of a 2027 one): its announcement of
    # 1 Oct 2026 has the same title in both builds, "June 2029 SEC Release (ad hoc, 14 June)".
    data.write("releases/2029-06-mp400.yml", 'id: "2029-06-mp400"\nkind: ad-hoc\nrecorded: 2026-10-01\n'
                                             "type: documentation\ngo_live: 2029-06-14\n")
    early = published(data, date(2026, 11, 26))["2029-06-mp400-announced"]
    later = published(data, date(2027, 1, 5))["2029-06-mp400-announced"]
    assert later == early
