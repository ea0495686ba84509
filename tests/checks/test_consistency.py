"""Consistency rules (issue 11, point 5): each its own rule, each citing its basis.

The stage agrees with the recorded decision; a modification is decided, and its dates set, after it
was raised; a history and the Authority's revisions are listed oldest first. Every problem of a file
is reported, not only the first.

Line numbers are worked out from ``conftest.modification`` (11 lines of head: stage on line 3,
raised on line 5; what a test appends starts on line 12).
"""

from __future__ import annotations

import pytest

from conftest import SETTINGS, decision, modification, options
from secsite.checks import check_data


def diagnostics(data, severity="error"):
    _, _, found = check_data(data.root, SETTINGS)
    return [str(p) for p in found if p.severity == severity]


OPTIONS = options(("2027-06", "2026-12-01"))  # implementation: on lines 12-16


@pytest.mark.parametrize(("stage", "outcome", "message"), [
    ("approved", "approved", None),
    ("implemented", "approved", None),
    ("rejected", "rejected", None),
    ("rejected", "approved", "stage is rejected but the decision on 20 November 2026 was to approve, which would publish "
                             "an approval notice: correct the stage or decision.outcome"),
    ("approved", "rejected", "stage is approved but the decision was to reject (on 20 November 2026): correct the stage "
                             "or decision.outcome"),
    ("implemented", "rejected", "stage is implemented but the decision was to reject (on 20 November 2026): correct the "
                                "stage or decision.outcome"),
    ("withdrawn", "approved", "stage is withdrawn but a decision (on 20 November 2026) is recorded: a decided modification "
                              "is not withdrawn; correct the stage or remove the decision"),
    ("withdrawn", "rejected", "stage is withdrawn but a decision (on 20 November 2026) is recorded: a decided modification "
                              "is not withdrawn; correct the stage or remove the decision"),
    ("refinement", "approved", "stage is refinement but the decision to approve on 20 November 2026 is recorded: write "
                               "stage: approved or implemented (the site shows the stage decision until the decision's date)"),
    ("decision", "rejected", "stage is decision but the decision to reject on 20 November 2026 is recorded: write stage: "
                             "rejected (the site shows the stage decision until the decision's date)"),
    ("on-hold", "approved", "stage is on-hold but the decision to approve on 20 November 2026 is recorded: write stage: "
                            "approved or implemented (the site shows the stage decision until the decision's date)"),
])
def test_stage_agrees_with_the_decision(data, stage, outcome, message):
    data.write("modifications/MP200.yml", modification("MP200", OPTIONS + decision("2026-11-20", outcome), stage=stage))
    expected = [f"{data.path('modifications/MP200.yml')}:3:8: error: stage: {message}"] if message else []
    assert diagnostics(data) == expected


def test_a_decision_dated_later_is_written_with_the_stage_it_brings(data):
    # Decided on 1 March 2027, after the build date: the data says approved now, the site shows
    # "decision" until that day; the stage still has to agree with the decision.
    data.write("modifications/MP200.yml", modification("MP200", OPTIONS + decision("2027-03-01"), stage="approved"))
    assert diagnostics(data) == []
    data.write("modifications/MP200.yml", modification("MP200", OPTIONS + decision("2027-03-01"), stage="decision"))
    assert diagnostics(data) == [
        f"{data.path('modifications/MP200.yml')}:3:8: error: stage: stage is decision but the decision to approve on "
        "1 March 2027 is recorded: write stage: approved or implemented (the site shows the stage decision until the "
        "decision's date)"
    ]


def test_approved_without_a_decision_stays_a_warning(data):
    data.write("modifications/MP200.yml", modification("MP200", OPTIONS, stage="approved"))
    assert diagnostics(data) == []
    assert diagnostics(data, "warning") == [
        f"{data.path('modifications/MP200.yml')}:3:8: warning: stage: stage is approved but no decision is recorded: "
        "add decision (date, by, outcome) so the implementation date can be worked out"
    ]


def test_decided_and_dates_set_before_the_modification_was_raised(data):
    # Raised 15 January 2025 (conftest); set on line 13, decision date on line 18.
    data.write("modifications/MP200.yml", modification(
        "MP200", options(("2027-06", "2026-12-01"), set_date="2025-01-14") + decision("2025-01-10"), stage="approved"))
    path = data.path("modifications/MP200.yml")
    assert diagnostics(data) == [
        f"{path}:13:8: error: implementation.set: the implementation dates were set on 14 January 2025, before the "
        "modification was raised (15 January 2025): correct one of the dates",
        f"{path}:18:9: error: decision.date: the decision on 10 January 2025 comes before the modification was raised "
        "(15 January 2025): correct one of the dates",
    ]


def test_on_the_day_it_was_raised_is_fine(data):
    data.write("modifications/MP200.yml", modification(
        "MP200", options(("2027-06", "2026-12-01"), set_date="2025-01-15") + decision("2025-01-15"), stage="approved"))
    assert diagnostics(data) == []


def test_every_history_entry_out_of_order_is_reported(data):
    data.write("modifications/MP200.yml", modification("MP200", """\
        history:
          - date: 2025-03-01
            event: Refinement started
          - date: 2025-02-01
            event: Working group met
          - date: 2025-04-01
            event: Report
          - date: 2025-03-15
            event: Report amended
          - date: 2025-03-15
            event: Same day is in order
        """))
    path = data.path("modifications/MP200.yml")
    assert diagnostics(data) == [
        f"{path}:15:5: error: history[1]: entries are listed oldest first: this one is dated before the one above it",
        f"{path}:19:5: error: history[3]: entries are listed oldest first: this one is dated before the one above it",
    ]


def test_revisions_of_the_implementation_date_are_listed_oldest_first(data):
    revisions = """\
  changes:
    - requested: 2026-03-01
      approved: 2026-03-10
      release: "2027-11"
      reason: DCC testing capacity
    - requested: 2026-02-01
      approved: 2026-02-10
      release: "2027-11"
      reason: Again
"""
    data.write("modifications/MP200.yml", modification("MP200", options(("2027-06", "2026-12-01")) + revisions, user=False, dcc=False))
    # Changes from line 17; the second entry starts on line 22.
    assert diagnostics(data) == [
        f"{data.path('modifications/MP200.yml')}:22:7: error: implementation.changes[1]: changes are listed oldest "
        "first: this one was approved before the one above it"
    ]


def test_a_scheduled_release_with_a_bad_id_has_its_other_fields_checked_too(data):
    data.write("releases/2027-09.yml", 'id: "2027-09"\nkind: scheduled\nrecorded: 2026-01-05\nfirst_go_live: 2027-09-16\n')
    path = data.path("releases/2027-09.yml")
    assert diagnostics(data) == [
        f"{path}:1:5: error: id: a scheduled release goes live in February, June or November and its id has no suffix; "
        "for any other release write kind: ad-hoc",
        f"{path}:3:11: error: recorded: only an ad hoc release has recorded: a scheduled release exists by rule (R1)",
        f"{path}:4:16: error: first_go_live: only an ad hoc release has first_go_live: a scheduled release exists by rule (R1)",
    ]
