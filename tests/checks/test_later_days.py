"""Data that passes today must pass on every later build date (issue 11: "check passes" means "the
site builds", and the site is rebuilt every day).

A fact recorded for a day after the build date (a change freeze decided later, a change of type or
go-live approved later, a revision approved later, a notice held back) is not shown before its day,
but it is checked now: otherwise the daily build of that day would be the first to see the problem.
Each test shows the check of that later day failing, then the check today reporting the same problem.

Dates worked out by hand, the build date T being Thursday 26 November 2026:
- June 2027 SEC Release: last Thursday of June 2027 = 24 June 2027.
- November 2027: first Thursday = 4 November 2027; its systems cut-off 12 months before = Wednesday
  4 November 2026, a Working Day.
"""

from __future__ import annotations

from datetime import date

from conftest import SETTINGS, decision, modification, options
from secsite.checks import check_data
from secsite.history.schedule import Settings


def errors(data, today: date = SETTINGS.today) -> list[str]:
    _, _, found = check_data(data.root, Settings(today=today))
    return [str(p) for p in found if p.severity == "error"]


def then_and_now(data, later: date) -> tuple[list[str], list[str]]:
    """The errors of the check on the later day, and of the check on the build date."""
    return errors(data, later), errors(data)


# Approved on 20 November 2026, before the decision-by date: 24 June 2027 applies from then on.
APPROVED = options(("2027-06", "2026-12-01")) + decision("2026-11-20")  # the option on line 15


def write_approved(data) -> str:
    data.write("modifications/MP200.yml", modification("MP200", APPROVED, stage="approved"))
    return data.path("modifications/MP200.yml")


def test_a_change_freeze_decided_later(data):
    path = write_approved(data)
    data.write("calendar.yml", "change_freezes:\n  - id: june-audit\n    start: 2027-06-21\n    end: 2027-06-25\n"
                               "    reason: Audit\n    decided: 2027-01-10\n")
    assert then_and_now(data, date(2027, 1, 10)) == ([
        f"{path}:15:7: error: implementation.dates[0]: the implementation date 24 June 2027 falls in the change freeze "
        "'june-audit' (R6, policy 3.5)"
    ], [
        f"{path}:15:7: error: implementation.dates[0]: the implementation date 24 June 2027 falls in the change freeze "
        "'june-audit' as recorded from 10 January 2027 (R6, policy 3.5): resolve it now, or the build fails from that day"
    ])


def test_a_change_freeze_revised_later(data):
    path = write_approved(data)
    data.write("calendar.yml", """\
        change_freezes:
          - id: june-audit
            start: 2027-06-01
            end: 2027-06-10
            reason: Audit
            changes:
              - decided: 2027-01-10
                start: 2027-06-14
                end: 2027-06-25
        """)
    assert len(errors(data, date(2027, 1, 10))) == 1
    assert errors(data) == [
        f"{path}:15:7: error: implementation.dates[0]: the implementation date 24 June 2027 falls in the change freeze "
        "'june-audit' as recorded from 10 January 2027 (R6, policy 3.5): resolve it now, or the build fails from that day"
    ]


def test_a_later_freeze_does_not_concern_an_option_that_will_have_lapsed(data):
    # Undecided: the June 2027 option lapses after 1 December 2026, before the freeze is decided on
    # 10 January 2027, so on that day only the November 2027 option may still apply.
    data.write("modifications/MP200.yml", modification("MP200", options(("2027-06", "2026-12-01"), ("2027-11", "2027-03-01"))
                                                       + "      late_addition: Accepted after the cut-off.\n"))
    data.write("calendar.yml", "change_freezes:\n  - id: june-audit\n    start: 2027-06-21\n    end: 2027-06-25\n"
                               "    reason: Audit\n    decided: 2027-01-10\n")
    assert errors(data, date(2027, 1, 10)) == []
    assert errors(data) == []


def test_a_change_to_a_documentation_release_decided_later(data):
    path = write_approved(data)  # MP200 impacts DCC Systems
    data.write("releases/2027-06.yml", 'id: "2027-06"\ntype: documentation\ntype_changes:\n  - decided: 2027-01-15\n'
                                       "    type: documentation\n    reason: No DCC System changes\n")
    assert then_and_now(data, date(2027, 1, 15)) == ([
        f"{path}:15:7: error: implementation.dates[0]: the June 2027 SEC Release is a Documentation Release, which "
        "cannot contain a modification that impacts DCC Systems (R15, policy 3.1)"
    ], [
        f"{path}:15:7: error: implementation.dates[0]: from 15 January 2027 the June 2027 SEC Release becomes a "
        "Documentation Release (its type_changes), which cannot contain a modification that impacts DCC Systems "
        "(R15, policy 3.1): move the modification or correct the change of type"
    ])


def test_a_go_live_change_approved_later_and_a_date_written_out(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        implementation:
          set: 2026-01-20
          dates:
            - release: "2027-06"
              date: 2027-06-24
              decision_by: 2026-12-01
        """))
    data.write("releases/2027-06.yml", 'id: "2027-06"\ngo_live: 2027-06-30\ndate_changes:\n  - requested: 2027-01-05\n'
                                       "    approved: 2027-01-15\n    by: authority\n    date: 2027-06-30\n    reason: Capacity\n")
    path = data.path("modifications/MP200.yml")
    assert then_and_now(data, date(2027, 1, 15)) == ([
        f"{path}:16:13: error: implementation.dates[0].date: 24 June 2027 is not the go-live of the June 2027 SEC Release "
        "(30 June 2027); leave the date out or correct it (R12, policy 4.2)"
    ], [
        f"{path}:16:13: error: implementation.dates[0].date: from 15 January 2027 the go-live of the June 2027 SEC "
        "Release moves to 30 June 2027 (its date_changes), and 24 June 2027 will no longer be its go-live: leave the "
        "date out, so that it follows the release (R12, policy 4.2)"
    ])


def test_a_revision_approved_later_that_is_a_late_addition(data):
    revision = ('  changes:\n    - requested: 2027-01-05\n      approved: 2027-01-15\n      release: "2027-11"\n'
                "      reason: DCC testing capacity\n")
    data.write("modifications/MP200.yml", modification(
        "MP200", options(("2027-06", "2026-12-01")) + revision + decision("2026-11-20"), stage="approved"))
    path = data.path("modifications/MP200.yml")  # the revision on line 18
    assert then_and_now(data, date(2027, 1, 15)) == ([
        f"{path}:18:7: error: implementation.changes[0]: a late addition to the November 2027 SEC Release: it entered "
        "the scope on 15 January 2027 through this revision, after the cut-off that applies to it (R14, policy 5.3); "
        "record the Panel's rationale in implementation.changes[0].late_addition"
    ], [
        f"{path}:18:7: error: implementation.changes[0]: this revision, approved on 15 January 2027, put the "
        "modification into the November 2027 SEC Release after its cut-off of 4 November 2026: a late addition "
        "(R14, policy 5.3); record the Panel's rationale in implementation.changes[0].late_addition now, or the build "
        "fails from that day"
    ])
    data.write("modifications/MP200.yml", modification(
        "MP200", options(("2027-06", "2026-12-01")) + revision + "      late_addition: Agreed after the cut-off.\n"
        + decision("2026-11-20"), stage="approved"))
    assert errors(data) == errors(data, date(2027, 1, 15)) == []


def test_a_held_back_notice_is_checked_like_any_other(data):
    # Dated 1 June 2027: not published on the build date, but its title and text are checked now.
    data.write("notices/later.md", '---\ntitle: "Later \\u0007"\ndate: 2027-06-01\n---\nText.\n')
    assert errors(data) == [
        f"{data.path('notices/later.md')}:2:8: error: title: contains the invisible character U+0007 after 'Later ': "
        "delete it; control characters cannot be shown or published"
    ]
    data.write("notices/later.md", "---\ntitle: Later\ndate: 2027-06-01\n---\n" + "- " * 30 + "deep\n")
    assert errors(data) == [
        f"{data.path('notices/later.md')}:5:1: error: the text below the front matter: line 1 of the text is nested "
        "30 levels deep in lists or quotes (counting each list or quote marker at its start and each 4 spaces of "
        "indentation); at most 20 levels are allowed: indent it less"
    ]


def test_a_go_live_moved_later_into_a_change_freeze(data):
    # MP200's date is the June 2027 release's go-live (no date written), so it moves with it: on
    # 15 January 2027 to 30 June 2027, inside the freeze of 28 June to 2 July 2027.
    path = write_approved(data)
    data.write("releases/2027-06.yml", 'id: "2027-06"\ngo_live: 2027-06-30\ndate_changes:\n  - requested: 2027-01-05\n'
                                       "    approved: 2027-01-15\n    by: authority\n    date: 2027-06-30\n    reason: Capacity\n")
    data.write("calendar.yml", "change_freezes:\n  - id: year-end\n    start: 2027-06-28\n    end: 2027-07-02\n    reason: Year end\n")
    assert then_and_now(data, date(2027, 1, 15)) == ([
        f"{path}:15:7: error: implementation.dates[0]: the implementation date 30 June 2027 falls in the change freeze "
        "'year-end' (R6, policy 3.5)"
    ], [
        f"{path}:15:7: error: implementation.dates[0]: from 15 January 2027 the implementation date is 30 June 2027, the "
        "go-live of the June 2027 SEC Release then (its date_changes), which falls in the change freeze 'year-end' "
        "(R6, policy 3.5): resolve it now, or the build fails from that day"
    ])
