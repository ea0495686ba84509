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


# --- the bundled data, built on 26 November 2026 ------------------------------------------------
#
# Worked out by hand from data/ (cal 2026, cal 2027, data/calendar.yml):
# - MP291 (self-governance) approved by the Change Board on Wednesday 18 November 2026, 10 Working
#   Days after decision: 19, 20, 23, 24, 25, 26, 27, 30 November, 1, 2 December: Wednesday
#   2 December 2026, an ad hoc release of its own, the only release in December 2026.
# - The ad hoc release 2027-02-mp293 goes live on 11 February 2027 (its go_live), in the month of
#   the scheduled February 2027 release (last Thursday, 25 February 2027); it was cancelled on
#   13 November 2026.
# - June 2027 go-live: last Thursday of June 2027, 24 June 2027; its documentation cut-off is
#   6 months before, Thursday 24 December 2026, a non-working day in data/calendar.yml, so the
#   preceding Working Day, Wednesday 23 December 2026.

from secsite.checks import load

BUNDLED_TODAY = date(2026, 11, 26)


def _bundled():
    return load("data", Settings(today=BUNDLED_TODAY)).schedule


def test_register_rows_are_one_per_data_file_in_id_order():
    rows = views.register_rows(_bundled())
    ids = [row.id for row in rows]
    assert len(ids) == 35  # data/modifications holds 35 files
    assert ids[:5] == ["DP298", "DP301", "MP104", "MP122", "MP122A"]
    assert ids[-3:] == ["MP295", "SECMP0046", "SECMP0062"]


def test_register_rows_leave_release_and_date_blank_where_there_is_none():
    rows = {row.id: row for row in views.register_rows(_bundled())}
    # DP298 is a Draft Proposal: no implementation date set, no release, no key date.
    dp = rows["DP298"]
    assert (dp.release_id, dp.release_name, dp.release_status) == ("", "", "")
    assert (dp.implementation, dp.implementation_date, dp.next_key_date) == ("Not yet set", None, None)
    # MP122A was rejected by the Authority on 17 September 2020.
    rejected = rows["MP122A"]
    assert rejected.release_id == "" and rejected.implementation_date is None
    assert rejected.implementation == "Rejected by the Authority on 17 September 2020: not implemented"
    # MP276 awaits the Authority: June 2027 if approved by 10 December 2026.
    targeted = rows["MP276"]
    assert (targeted.release_id, targeted.release_name, targeted.release_status) == (
        "2027-06", "June 2027 SEC Release", "Targeted")
    assert targeted.implementation == "Targeted for 24 June 2027 (June 2027 SEC Release)"
    assert targeted.next_key_date == ("Decision needed by", date(2026, 12, 10))
    assert (targeted.stage_label, targeted.route_label) == ("Awaiting decision", "Authority decision")
    assert targeted.parties == ("large_suppliers", "small_suppliers", "electricity_networks")


def test_register_lines_mark_implemented_rejected_and_withdrawn_inactive():
    schedule = _bundled()
    lines = {line.row.id: line for line in views.register_lines(schedule, views.register_rows(schedule))}
    for mod_id in ("MP104", "MP122A", "MP236", "MP248", "SECMP0046"):  # implemented, rejected, withdrawn
        assert lines[mod_id].active is False, mod_id
    for mod_id in ("DP298", "MP212", "MP257", "MP276", "MP291", "MP293", "MP295"):  # on hold and approved too
        assert lines[mod_id].active is True, mod_id
    # 2 development, 1 on hold, 6 approved, 3 report, 3 decision, 1 refinement
    assert sum(line.active for line in lines.values()) == 16
    # The release's name is in its own column: the implementation cell leaves it out.
    assert lines["MP276"].implementation == "Targeted for 24 June 2027"
    assert lines["MP276"].highest == "high"
    assert lines["MP276"].next_text == "Decision needed by 10 December 2026, in 2 weeks"


def test_an_ad_hoc_release_sharing_its_month_with_a_scheduled_one_names_its_day():
    names = views.release_names(_bundled())
    assert names["2027-02-mp293"] == "February 2027 SEC Release (ad hoc, 11 February)"
    assert names["2027-02"] == "February 2027 SEC Release"
    # Alone in its month, an ad hoc release takes the plain name.
    assert names["2026-12-mp291"] == "December 2026 SEC Release"
    assert names["2026-09-mp287"] == "September 2026 SEC Release"


def test_a_modification_of_a_cancelled_ad_hoc_release_awaits_a_new_date():
    schedule = _bundled()
    row = {r.id: r for r in views.register_rows(schedule)}["MP293"]
    assert row.release_status == "Release cancelled"
    assert row.implementation == (
        "Awaiting a new implementation date (the February 2027 SEC Release (ad hoc, 11 February) was cancelled)")
    assert views.awaiting_reason(schedule.modifications["MP293"], schedule) == (
        "the February 2027 SEC Release (ad hoc, 11 February) was cancelled on 13 November 2026; "
        "the Panel will ask the Authority for a new date (policy 4.3)")
    # The date column (and the CSV) agrees with the text: no date, not the cancelled 11 February 2027.
    assert row.implementation_date is None


def test_the_large_suppliers_view_lists_upcoming_releases_that_impact_them():
    schedule = _bundled()
    lines = views.register_lines(schedule, views.register_rows(schedule))
    party = next(p for p in views.party_views(schedule, lines) if p.key == "large_suppliers")
    assert (party.label, party.url, party.calendar) == (
        "Large Suppliers", "parties/large-suppliers/", "calendars/large-suppliers.ics")
    # December 2026 (MP291 impacts Other SEC Parties only) is left out.
    assert [(r.release.id, [m[0] for m in r.modifications], r.highest) for r in party.releases] == [
        ("2027-02", ["MP279", "MP284"], "low"),
        ("2027-06", ["MP255", "MP273", "MP275", "MP276"], "high"),
        ("2027-11", ["MP280"], "medium"),
        ("2028-06", ["MP290", "MP292"], "high"),
    ]
    # Active modifications with a Large Suppliers impact: implemented ones (MP259...) are not listed.
    assert [line.row.id for line in party.modifications] == [
        "MP212", "MP255", "MP257", "MP273", "MP275", "MP276", "MP279", "MP280", "MP284", "MP290", "MP292",
        "MP293", "MP295"]


def test_the_gas_networks_view_has_only_releases_with_a_gas_impact():
    schedule = _bundled()
    lines = views.register_lines(schedule, views.register_rows(schedule))
    party = next(p for p in views.party_views(schedule, lines) if p.key == "gas_networks")
    assert party.label == "Gas Network Parties"
    # June 2027 has no gas impact (MP255, MP273, MP275, MP276); June 2028 has MP292 (high), not MP290.
    assert [(r.release.id, [m[0] for m in r.modifications], r.highest) for r in party.releases] == [
        ("2027-02", ["MP279", "MP284"], "low"), ("2028-06", ["MP292"], "high")]


def test_the_next_panel_names_the_next_go_live_and_the_next_cut_off():
    panel = views.next_panel(_bundled())
    assert (panel.release.id, panel.release.name, panel.release.go_live) == (
        "2026-12-mp291", "December 2026 SEC Release", date(2026, 12, 2))
    assert panel.when == "in 6 days"
    assert panel.modifications == [("MP291", "Electronic signatures for Change Board votes")]
    release, milestone = panel.deadline
    assert (release.id, milestone.key, milestone.due) == ("2027-06", "documentation-cutoff", date(2026, 12, 23))
    assert panel.deadline_when == "in 3 weeks"  # 27 days


def test_the_next_panel_skips_a_cancelled_release():
    # On 12 November 2026 (before MP291's approval of 18 November and the cancellation of
    # 13 November) the next go-live was the ad hoc one of 11 February 2027, before the scheduled
    # one of 25 February. Two days later it was cancelled: the scheduled one comes next.
    panel = views.next_panel(load("data", Settings(today=date(2026, 11, 12))).schedule)
    assert (panel.release.id, panel.when) == ("2027-02-mp293", "in 2 months")
    assert panel.modifications == [("MP293", "Aligning SEC obligations with the revised smart metering licence conditions")]
    panel = views.next_panel(load("data", Settings(today=date(2026, 11, 14))).schedule)
    assert panel.release.id == "2027-02"
