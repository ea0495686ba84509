"""Cross-file rules (data contract, "Cross-file rules"): each problem named by file, line:column and field.

Dates worked out by hand (ncal / date -d), with the build date T = 26 November 2026:
- June 2027 SEC Release: last Thursday of June 2027 = 24 June 2027; 12 months before = 24 June 2026
  (Wednesday), 6 months before = 24 December 2026 (Thursday; no calendar.yml here, so a Working Day).
- November 2027: first Thursday = 4 November 2027; 12 months before = 4 November 2026 (Wednesday).
- February 2027: last Thursday = 25 February 2027 (a Documentation Release, R1).
- November 2026: first Thursday = 5 November 2026; 6 months before = 5 May 2026 (Tuesday, the day after
  the Early May bank holiday); 9 months before = 5 February 2026 (Thursday).
"""

from __future__ import annotations


import pytest

from conftest import SETTINGS, modification
from secsite.checks import check_data

def diagnostics(data, severity):
    _, _, found = check_data(data.root, SETTINGS)
    return [str(p) for p in found if p.severity == severity]


def errors(data):
    return diagnostics(data, "error")


def warnings(data):
    return diagnostics(data, "warning")


def only_error(data):
    found = errors(data)
    assert len(found) == 1, found
    return found[0]


UNKNOWN_2027_09 = (
    "unknown release '2027-09': there is no data/releases/2027-09.yml and it is not a scheduled release "
    "(YYYY-02, YYYY-06 or YYYY-11)"
)


# --- Every id referenced exists, or is a scheduled release by rule ---------------------------------


def test_option_naming_a_release_without_file_that_is_not_scheduled(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-09"
              decision_by: 2026-12-01
        """))
    assert only_error(data) == (
        f"{data.path('modifications/MP200.yml')}:15:16: error: implementation.dates[0].release: {UNKNOWN_2027_09}"
    )


def test_revision_naming_a_release_without_file_that_is_not_scheduled(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-06"
              decision_by: 2026-12-01
          changes:
            - requested: 2026-02-01
              approved: 2026-03-01
              release: "2027-09"
              reason: DCC testing capacity
        """))
    assert only_error(data) == (
        f"{data.path('modifications/MP200.yml')}:20:16: error: implementation.changes[0].release: {UNKNOWN_2027_09}"
    )


def test_notice_naming_an_unknown_release_and_modification(data):
    data.write("notices/hello.md", """\
        ---
        title: Hello
        date: 2026-01-05
        releases: ["2027-09"]
        modifications: [MP999]
        ---
        Body
        """)
    notice = data.path("notices/hello.md")
    assert errors(data) == [
        f"{notice}:4:12: error: releases[0]: {UNKNOWN_2027_09}",
        f"{notice}:5:17: error: modifications[0]: unknown modification 'MP999': there is no data/modifications/MP999.yml",
    ]


def test_scheduled_release_without_a_file_may_be_referenced(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2030-06"
              decision_by: 2026-12-01
          changes:
            - requested: 2026-02-01
              approved: 2026-03-01
              release: "2030-11"
              reason: DCC testing capacity
        """))
    data.write("notices/hello.md", "---\ntitle: Hello\ndate: 2026-01-05\nreleases: ['2030-06']\nmodifications: [MP200]\n---\nBody\n")
    assert errors(data) == []


def test_reference_to_an_ad_hoc_release_whose_file_has_errors_is_not_reported_as_missing(data):
    # The file exists; its own problem is reported once, at the file, not again as "there is no ... .yml".
    data.write("releases/2027-09-mp200.yml", 'id: "2027-09-mp200"\nkind: ad-hoc\nrecorded: 2026-01-05\ntype: system\n')
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-09-mp200"
              decision_by: 2026-12-01
        """))
    assert only_error(data) == (
        f"{data.path('releases/2027-09-mp200.yml')}:1:1: error: an ad hoc release needs go_live (R3)"
    )


# --- R7: go-live of scheduled releases, and the shape of release ids ---------------------------------


def test_scheduled_go_live_off_the_rule_date_without_a_recorded_change(data):
    data.write("releases/2027-06.yml", 'id: "2027-06"\ngo_live: 2027-06-17\n')
    assert only_error(data) == (
        f"{data.path('releases/2027-06.yml')}:2:10: error: go_live: 17 June 2027 does not match: the rule date is "
        "24 June 2027 (R7, policy 3.1); record an approved change of go-live under date_changes"
    )


DATE_CHANGE = """\
date_changes:
  - requested: 2026-09-01
    approved: 2026-09-15
    by: authority
    date: 2027-06-30
    reason: DCC testing capacity
"""


def test_scheduled_go_live_moved_by_a_recorded_change_is_accepted(data):
    data.write("releases/2027-06.yml", 'id: "2027-06"\ngo_live: 2027-06-30\n' + DATE_CHANGE)
    assert errors(data) == []


def test_go_live_must_agree_with_the_newest_recorded_change(data):
    data.write("releases/2027-06.yml", 'id: "2027-06"\ngo_live: 2027-07-01\n' + DATE_CHANGE)
    assert only_error(data) == (
        f"{data.path('releases/2027-06.yml')}:2:10: error: go_live: 1 July 2027 does not match: the newest entry in "
        "date_changes moves go-live to 30 June 2027"
    )


def test_scheduled_release_in_a_month_without_scheduled_releases(data):
    data.write("releases/2027-09.yml", 'id: "2027-09"\nkind: scheduled\ngo_live: 2027-09-16\n')
    assert only_error(data) == (
        f"{data.path('releases/2027-09.yml')}:1:5: error: id: a scheduled release goes live in February, June or "
        "November and its id has no suffix; for any other release write kind: ad-hoc"
    )


def test_ad_hoc_release_needs_go_live_and_type(data):
    data.write("releases/2027-09-mp200.yml", 'id: "2027-09-mp200"\nkind: ad-hoc\nrecorded: 2026-01-05\n')
    path = data.path("releases/2027-09-mp200.yml")
    assert errors(data) == [
        f"{path}:1:1: error: an ad hoc release needs go_live (R3)",
        f"{path}:1:1: error: an ad hoc release needs type: system or documentation",
    ]


def test_ad_hoc_go_live_outside_the_month_of_its_id(data):
    data.write("releases/2027-09-mp200.yml", 'id: "2027-09-mp200"\nkind: ad-hoc\nrecorded: 2026-01-05\ngo_live: 2027-10-07\ntype: system\n')
    assert only_error(data) == (
        f"{data.path('releases/2027-09-mp200.yml')}:4:10: error: go_live: a release is named after its go-live month "
        "(R4): 7 October 2027 does not fall in 2027-09"
    )


def test_ad_hoc_release_in_a_scheduled_month_needs_a_suffix(data):
    data.write("releases/2027-06.yml", 'id: "2027-06"\nkind: ad-hoc\nrecorded: 2026-01-05\ntype: system\ngo_live: 2027-06-10\n')
    assert only_error(data) == (
        f"{data.path('releases/2027-06.yml')}:1:5: error: id: an ad hoc release in the month of a scheduled release "
        "takes a suffix (R4), such as 2027-06-mp123"
    )


def test_ad_hoc_release_without_suffix_in_an_unscheduled_month_is_fine(data):
    data.write("releases/2027-09.yml", 'id: "2027-09"\nkind: ad-hoc\nrecorded: 2026-01-05\ntype: system\ngo_live: 2027-09-16\n')
    assert errors(data) == []


# --- R9 and R12: implementation options --------------------------------------------------------------


def test_decision_by_dates_must_strictly_increase(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-06"
              decision_by: 2026-12-01
            - release: "2028-06"
              decision_by: 2026-12-01
        """))
    assert only_error(data) == (
        f"{data.path('modifications/MP200.yml')}:18:20: error: implementation.dates[1].decision_by: "
        "decision-by dates must increase from one option to the next (R9, policy 4.2)"
    )


def test_option_date_must_be_the_go_live_of_its_release(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-06"
              date: 2027-06-17
              decision_by: 2026-12-01
        """))
    assert only_error(data) == (
        f"{data.path('modifications/MP200.yml')}:16:13: error: implementation.dates[0].date: 17 June 2027 is not the "
        "go-live of the June 2027 SEC Release (24 June 2027); leave the date out or correct it (R12, policy 4.2)"
    )


def test_option_date_equal_to_the_go_live_is_fine(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-06"
              date: 2027-06-24
              decision_by: 2026-12-01
        """))
    assert errors(data) == []


# --- R6: change freezes -------------------------------------------------------------------------------


def test_release_option_date_inside_a_change_freeze(data):
    data.write("calendar.yml", """\
        change_freezes:
          - id: summer-freeze
            start: 2027-06-20
            end: 2027-06-30
            reason: Year-end of a large Supplier
        """)
    # MP100 (conftest) is targeted at the June 2027 release, 24 June 2027.
    assert only_error(data) == (
        f"{data.path('modifications/MP100.yml')}:19:7: error: implementation.dates[0]: the implementation date "
        "24 June 2027 falls in the change freeze 'summer-freeze' (R6, policy 3.5)"
    )


WORKING_DAYS_MOD = """\
    implementation:
      set: 2026-10-01
      working_days_after_decision: 10
    decision:
      date: 2026-11-20
      by: authority
      outcome: approved
    """


@pytest.mark.parametrize("start, end, frozen", [
    ("2026-12-01", "2026-12-07", True),
    ("2026-12-04", "2026-12-04", True),   # start and end are inside the freeze
    ("2026-12-01", "2026-12-03", False),  # ends the day before
    ("2026-12-07", "2026-12-10", False),
])
def test_working_days_date_inside_a_change_freeze(data, start, end, frozen):
    # Approved Friday 20 November 2026; 10 Working Days later (23-27 Nov, 30 Nov-4 Dec) is Friday 4 December.
    data.write("modifications/MP200.yml", modification("MP200", WORKING_DAYS_MOD, stage="approved"))
    data.write("calendar.yml", f"change_freezes:\n  - id: december\n    start: {start}\n    end: {end}\n    reason: Audit\n")
    expected = [
        f"{data.path('modifications/MP200.yml')}:14:32: error: implementation.working_days_after_decision: the "
        "implementation date 4 December 2026 falls in the change freeze 'december' (R6, policy 3.5)"
    ]
    assert errors(data) == (expected if frozen else [])


# --- R14: late additions ------------------------------------------------------------------------------


def single_option(set_date: str, extra: str = "") -> str:
    return f"""\
implementation:
  set: {set_date}
  dates:
    - release: "2027-06"
      decision_by: 2026-12-01
{extra}"""


def test_systems_modification_set_after_the_12_month_cut_off_needs_a_rationale(data):
    data.write("modifications/MP200.yml", modification("MP200", single_option("2026-06-25")))
    assert only_error(data) == (
        f"{data.path('modifications/MP200.yml')}:15:7: error: implementation.dates[0]: a late addition to the "
        "June 2027 SEC Release: it entered the scope on 25 June 2026 when its implementation date was set, after the cut-off that applies to it "
        "(R14, policy 5.3); record the Panel's rationale in implementation.late_addition"
    )


def test_user_systems_alone_also_takes_the_12_month_cut_off(data):
    data.write("modifications/MP200.yml", modification("MP200", single_option("2026-09-01"), dcc=False, user=True))
    assert "a late addition to the June 2027 SEC Release" in only_error(data)


def test_set_on_the_cut_off_day_is_in_time(data):
    data.write("modifications/MP200.yml", modification("MP200", single_option("2026-06-24")))
    assert errors(data) == []


def test_late_addition_with_the_panels_rationale_is_accepted(data):
    rationale = "  late_addition: The Panel agreed DCC can absorb it in SIT.\n"
    data.write("modifications/MP200.yml", modification("MP200", single_option("2026-06-25", rationale)))
    assert errors(data) == []


def test_documentation_only_modification_between_the_two_cut_offs_is_in_time(data):
    # After the 12-month (24 June 2026) and before the 6-month cut-off (24 December 2026).
    data.write("modifications/MP200.yml", modification("MP200", single_option("2026-09-01"), dcc=False, user=False))
    assert errors(data) == []


REVISION_AFTER_CUT_OFF = """\
implementation:
  set: 2025-06-01
  dates:
    - release: "2027-06"
      decision_by: 2026-12-01
  late_addition: Given for the first placement, which is not late.
  changes:
    - requested: 2026-10-20
      approved: 2026-11-10
      release: "2027-11"
      reason: DCC testing capacity
"""


def test_revision_approved_after_the_cut_off_needs_its_own_rationale(data):
    # November 2027's systems cut-off is 4 November 2026; the move was approved on 10 November 2026.
    data.write("modifications/MP200.yml", modification("MP200", REVISION_AFTER_CUT_OFF))
    assert only_error(data) == (
        f"{data.path('modifications/MP200.yml')}:19:7: error: implementation.changes[0]: a late addition to the "
        "November 2027 SEC Release: it entered the scope on 10 November 2026 through this revision, after the cut-off that applies to it "
        "(R14, policy 5.3); record the Panel's rationale in implementation.changes[0].late_addition"
    )


def test_revision_after_the_cut_off_with_its_rationale_is_accepted(data):
    text = REVISION_AFTER_CUT_OFF + "      late_addition: The Authority asked for it to go with MP100.\n"
    data.write("modifications/MP200.yml", modification("MP200", text))
    assert errors(data) == []


# --- R15: no DCC-impacting modification in a Documentation Release -----------------------------------


def test_dcc_modification_in_a_february_release(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-02"
              decision_by: 2026-12-01
        """))
    assert only_error(data) == (
        f"{data.path('modifications/MP200.yml')}:15:7: error: implementation.dates[0]: the February 2027 SEC Release "
        "is a Documentation Release, which cannot contain a modification that impacts DCC Systems (R15, policy 3.1)"
    )


def test_june_release_typed_documentation_without_a_recorded_change(data):
    data.write("releases/2027-06.yml", 'id: "2027-06"\ntype: documentation\n')
    assert f"{data.path('releases/2027-06.yml')}:2:7: error: type: documentation does not match: by rule (R1, policy 3.1) " \
        "it is a system release; record when and why it changed under type_changes (decided, type: documentation, reason)" in errors(data)


def test_dcc_modification_in_a_june_release_turned_into_a_documentation_release(data):
    data.write("releases/2027-06.yml", 'id: "2027-06"\ntype: documentation\ntype_changes:\n  - decided: 2026-10-01\n'
               '    type: documentation\n    reason: No DCC changes are ready\n')
    assert only_error(data) == (
        f"{data.path('modifications/MP100.yml')}:19:7: error: implementation.dates[0]: the June 2027 SEC Release "
        "is a Documentation Release, which cannot contain a modification that impacts DCC Systems (R15, policy 3.1)"
    )


def test_dcc_modification_moved_out_of_a_documentation_release_is_fine(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-02"
              decision_by: 2026-12-01
          changes:
            - requested: 2026-04-01
              approved: 2026-05-01
              release: "2027-06"
              reason: It changes DCC Systems, so it needs a System Release
        """))
    assert errors(data) == []


def test_documentation_only_modification_in_a_documentation_release_is_fine(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-02"
              decision_by: 2026-12-01
        """, dcc=False))
    assert errors(data) == []


# --- R16: RID versions --------------------------------------------------------------------------------


def rid(*versions: str) -> str:
    text = 'id: "2027-06"\nrid:\n'
    for n, version in enumerate(versions, start=1):
        text += f'  - version: "{version}"\n    date: 2026-0{n}-01\n    summary: Version {version}\n'
    return text


def test_rid_amendment_after_the_baseline_must_be_the_next_whole_version(data):
    data.write("releases/2027-06.yml", rid("0.1", "1.0", "1.1"))
    assert only_error(data) == (
        f"{data.path('releases/2027-06.yml')}:9:14: error: rid[2].version: version \"1.1\" after \"1.0\": after the "
        "baseline each amendment takes the next whole version (\"2.0\") (R16, policy 5.4)"
    )


def test_rid_may_not_skip_a_whole_version(data):
    data.write("releases/2027-06.yml", rid("1.0", "3.0"))
    assert only_error(data) == (
        f"{data.path('releases/2027-06.yml')}:6:14: error: rid[1].version: version \"3.0\" after \"1.0\": after the "
        "baseline each amendment takes the next whole version (\"2.0\") (R16, policy 5.4)"
    )


def test_rid_drafts_baseline_and_amendments_are_fine(data):
    data.write("releases/2027-06.yml", rid("0.1", "0.2", "1.0", "2.0", "3.0"))
    assert errors(data) == []


# --- R5 and R17: warnings, never errors ---------------------------------------------------------------

DUIS = "Appendix AD 'DCC User Interface Specification'"


def duis_modification(mod_id: str, release: str) -> str:
    return modification(mod_id, f"""\
        implementation:
          set: 2026-01-20
          dates:
            - release: "{release}"
              decision_by: 2026-12-01
        """, document=DUIS)


R5 = (
    "R5: The June 2027 SEC Release and November 2027 SEC Release both change DUIS, GBCS or the Technical "
    "Specifications; the Panel aims to limit such changes to one System Release a year (policy 3.3)."
)


def test_both_system_releases_of_a_year_changing_duis_is_a_warning(data):
    data.write("modifications/MP200.yml", duis_modification("MP200", "2027-06"))
    data.write("modifications/MP201.yml", duis_modification("MP201", "2027-11"))
    assert errors(data) == []
    assert warnings(data) == [
        # The June release has a file; November 2027 has none, so the warning points at its modification.
        f"{data.path('modifications/MP201.yml')}:15:7: warning: implementation.dates[0]: {R5}",
        f"{data.path('releases/2027-06.yml')}:1:1: warning: {R5}",
    ]


def test_one_system_release_a_year_changing_duis_is_no_warning(data):
    data.write("modifications/MP200.yml", duis_modification("MP200", "2027-06"))
    data.write("modifications/MP201.yml", duis_modification("MP201", "2028-11"))
    assert warnings(data) == []


def test_testing_approach_document_published_late_is_a_warning(data):
    # Due 5 May 2026 (6 months before 5 November 2026); to the TAG on its due date, 5 February 2026, is in time.
    data.write("releases/2026-11.yml", 'id: "2026-11"\ntesting:\n  tad_to_tag: 2026-02-05\n  tad_published: 2026-05-20\n')
    assert errors(data) == []
    assert warnings(data) == [
        f"{data.path('releases/2026-11.yml')}:3:3: warning: testing: R17: Testing Approach Document published on "
        "20 May 2026, after the latest date the policy allows (5 May 2026, policy 6.1)."
    ]


# --- Notices and calendar.yml -------------------------------------------------------------------------


def test_hand_written_notice_may_not_take_a_generated_notice_id(data):
    data.write("notices/2027-06-12-months.md", "---\ntitle: Twelve months to go\ndate: 2026-06-24\n---\nBody\n")
    assert only_error(data) == (
        f"{data.path('notices/2027-06-12-months.md')}:2:1: error: the id '2027-06-12-months' is taken by a notice "
        "the site generates (policy 9.1): rename the file"
    )


@pytest.mark.parametrize("notice_id", ["2030-06-6-months", "2026-09-mp287-1-month", "mp999-approved"])
def test_generated_notice_ids_are_reserved_before_those_notices_exist(data, notice_id):
    # No file for June 2030 and no MP999: the ids are still reserved, so the build cannot start
    # failing later when the release gets a file or the modification is approved.
    data.write(f"notices/{notice_id}.md", "---\ntitle: Hello\ndate: 2026-06-24\n---\nBody\n")
    assert f"the id '{notice_id}' is taken by a notice the site generates" in only_error(data)


def test_calendar_unknown_field(data):
    data.write("calendar.yml", "change_freeze:\n  - id: xmas\n    start: 2026-12-20\n    end: 2027-01-02\n    reason: x\n")
    assert only_error(data) == (
        f"{data.path('calendar.yml')}:1:1: error: unknown field 'change_freeze' (did you mean 'change_freezes'?)"
    )


def test_calendar_freeze_missing_a_field(data):
    data.write("calendar.yml", "change_freezes:\n  - id: xmas\n    start: 2026-12-20\n    end: 2027-01-02\n")
    assert only_error(data) == f"{data.path('calendar.yml')}:2:5: error: change_freezes[0].reason: required field is missing"


def test_calendar_freeze_ending_before_it_starts(data):
    data.write("calendar.yml", "change_freezes:\n  - id: xmas\n    start: 2027-01-02\n    end: 2026-12-20\n    reason: x\n")
    assert only_error(data) == f"{data.path('calendar.yml')}:2:5: error: change_freezes[0]: the freeze ends before it starts"


def test_calendar_bad_non_working_day(data):
    data.write("calendar.yml", "non_working_days:\n  - 2026-12-24\n  - 2026-13-01\n")
    assert only_error(data) == f"{data.path('calendar.yml')}:3:5: error: non_working_days[1]: is not a real calendar date"


def test_duplicate_change_freeze_ids(data):
    data.write("calendar.yml", """\
        change_freezes:
          - id: xmas
            start: 2026-12-20
            end: 2027-01-02
            reason: Christmas
          - id: xmas
            start: 2027-12-20
            end: 2028-01-02
            reason: Christmas again
        """)
    assert only_error(data) == f"{data.path('calendar.yml')}:6:9: error: change_freezes[1].id: duplicate change freeze id 'xmas'"


def test_rid_versions_are_listed_oldest_first(data):
    # The change log reads RID versions in order: a version dated before the one above it is an error.
    data.write("releases/2027-06.yml", 'id: "2027-06"\nrid:\n  - version: "0.1"\n    date: 2026-03-01\n'
               '    summary: First draft\n  - version: "0.2"\n    date: 2026-02-01\n    summary: Second draft\n')
    assert only_error(data) == (f"{data.path('releases/2027-06.yml')}:6:5: error: rid[1]: entries are listed oldest first: "
                                "this one is dated before the one above it")
