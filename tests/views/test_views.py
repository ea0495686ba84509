"""What pages show, as of the build date: a fact recorded for a later day is not known yet.

Dates worked out by hand (cal 2026, cal 2027):
- June 2027 go-live: last Thursday of June 2027, Thursday 24 June 2027.
- MP100 (conftest): set 20 January 2026; June 2027 if approved by 1 December 2026, November 2027 (a
  late addition with its rationale) if approved by 1 March 2027.
"""

from __future__ import annotations

from datetime import date

from conftest import modification
from secsite import views
from secsite.model.diagnostics import errors
from secsite.history.schedule import Settings
from secsite.checks import check_data


def schedule_on(data, day: date):
    _, built, found = check_data(data.root, Settings(today=day))
    assert errors(found) == [], [str(p) for p in errors(found)]
    return built


RELEASE_WITH_A_RECORD = """\
id: "2027-06"
rid:
  - version: "0.1"
    date: 2026-03-01
    summary: First draft
  - version: "1.0"
    date: 2026-06-24
    summary: Baselined
testing:
  phases:
    - name: UIT
      start: 2027-04-12
      end: 2027-05-28
      changes:
        - decided: 2026-11-13
          start: 2027-04-12
          end: 2027-06-04
          reason: More Users asked for test slots
go_live_decision:
  date: 2027-06-10
  outcome: go
release_notes:
  - title: Release note v1.0
    url: https://example.org/rn.pdf
    date: 2027-06-01
"""


def test_a_release_page_shows_only_what_was_known_on_its_build_date(data):
    data.write("releases/2027-06.yml", RELEASE_WITH_A_RECORD)

    early = views.release_record(schedule_on(data, date(2026, 5, 1)).releases["2027-06"], date(2026, 5, 1))
    assert [v.version for v in early.rid] == ["0.1"]  # v1.0 came on 24 June 2026
    assert [(p.name, p.start, p.end, p.first_planned) for p in early.phases] == [
        ("UIT", date(2027, 4, 12), date(2027, 5, 28), None)]  # the revision came on 13 November 2026
    assert early.go_live_decision is None and early.release_notes == ()

    late = views.release_record(schedule_on(data, date(2027, 6, 11)).releases["2027-06"], date(2027, 6, 11))
    assert [v.version for v in late.rid] == ["0.1", "1.0"]
    assert [(p.start, p.end, p.first_planned) for p in late.phases] == [
        (date(2027, 4, 12), date(2027, 6, 4), (date(2027, 4, 12), date(2027, 5, 28)))]
    assert late.go_live_decision.outcome == "go"
    assert [n.title for n in late.release_notes] == ["Release note v1.0"]


APPROVED_LATER = modification("MP201", """\
    implementation:
      set: 2026-01-20
      dates:
        - release: "2027-06"
          decision_by: 2026-12-01
      changes:
        - requested: 2027-01-10
          approved: 2027-02-01
          release: "2027-11"
          reason: DCC capacity
          late_addition: Moved after the cut-off at the Authority's request.
    decision:
      date: 2026-11-10
      by: authority
      outcome: approved
    history:
      - date: 2026-11-10
        event: Authority decision (approved)
    documents:
      - title: Authority decision letter
        url: https://example.org/decision.pdf
        date: 2026-11-10
    """, stage="approved")


def test_a_modification_before_its_decision_is_shown_awaiting_it(data):
    data.write("modifications/MP201.yml", APPROVED_LATER)
    view = schedule_on(data, date(2026, 11, 1)).modifications["MP201"]
    # The decision (10 November) is not known on 1 November: the stage as known then is "decision".
    assert (view.stage, view.decision, view.approved) == ("decision", None, False)
    assert view.history == () and view.documents == () and view.revisions == ()
    assert view.current.status == "Targeted"

    view = schedule_on(data, date(2026, 11, 26)).modifications["MP201"]
    assert (view.stage, view.decision.date, view.approved) == ("approved", date(2026, 11, 10), True)
    assert [e.event for e in view.history] == ["Authority decision (approved)"]
    assert view.revisions == () and views.option_that_applies(view) == 0

    # After the Authority's revision of 1 February 2027, the option no longer applies: the revision does.
    view = schedule_on(data, date(2027, 2, 2)).modifications["MP201"]
    assert [c.approved for c in view.revisions] == [date(2027, 2, 1)]
    assert views.option_that_applies(view) is None
    assert view.current.release_id == "2027-11"


def test_a_cancelled_release_leaves_its_modifications_awaiting_a_new_date(data):
    # Cancelled on 2 December 2026, after MP201's approval of 10 November for June 2027.
    data.write("modifications/MP201.yml", modification("MP201", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-06"
              decision_by: 2026-12-01
        decision:
          date: 2026-11-10
          by: authority
          outcome: approved
        """, stage="approved"))
    data.write("releases/2027-06.yml", 'id: "2027-06"\ncancelled:\n  decided: 2026-12-02\n  reason: Merged into November\n')
    sched = schedule_on(data, date(2026, 12, 3))
    view = sched.modifications["MP201"]
    assert view.current.status == "Release cancelled"
    assert view.next_key_date is None  # 24 June 2027 will not happen
    assert views.option_that_applies(view) is None
    assert views.awaiting_reason(view, sched) == (
        "the June 2027 SEC Release was cancelled on 2 December 2026; the Panel will ask the Authority for a new date (policy 4.3)")
    assert views.implementation_summary(view, views.release_names(sched)).startswith("Awaiting a new implementation date")
    # The day before, nothing had happened yet.
    before = schedule_on(data, date(2026, 12, 1)).modifications["MP201"]
    assert (before.current.status, before.implementation_date) == ("Approved", date(2027, 6, 24))


def test_a_change_entry_keeps_the_release_name_of_its_day(data):
    # November 2027 (Thursday 4 November 2027) moved to Thursday 2 December 2027 on 1 March 2027: from
    # then on it is named after December (policy 3.4). Its RID v0.1 of 1 February 2026 was recorded
    # while it was still the November 2027 SEC Release, and its entry says so in every later build.
    data.write("releases/2027-11.yml", """\
        id: "2027-11"
        date_changes:
          - requested: 2027-02-01
            approved: 2027-03-01
            by: authority
            date: 2027-12-02
            reason: DCC capacity
        rid:
          - version: "0.1"
            date: 2026-02-01
            summary: First draft
        """)
    for day in (date(2026, 11, 26), date(2027, 3, 2)):
        catalogue, sched, _ = check_data(data.root, Settings(today=day))
        entries = [e for e in views.change_log(catalogue, sched) if e.change.kind.value == "rid-version" and e.change.subject == "2027-11"]
        assert [e.title for e in entries] == ["November 2027 SEC Release"], day
    assert schedule_on(data, date(2027, 3, 2)).releases["2027-11"].name == "December 2027 SEC Release"
