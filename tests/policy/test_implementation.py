"""Implementation dates (R9, R10), late additions (R14), approval notices (R22),
RID versions (R16), change freezes (R6) and technical specifications (R5).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secsite.policy import (
    TECHNICAL_SPEC_PATTERNS,
    WorkingDays,
    applicable_option,
    approval_notice_due,
    date_after_decision,
    decision_bys_out_of_order,
    in_change_freeze,
    is_late_addition,
    rid_version_problems,
    technical_specifications_named,
    touches_technical_specifications,
)

ENGLAND = WorkingDays()

# "26 June 2025 (June 2025 SEC Release) if a decision to approve is received on or before
# 3 March 2025, or 6 November 2025 (November 2025 SEC Release) if ... after 3 March 2025,
# but on or before 2 July 2025."
DECISION_BYS = [date(2025, 3, 3), date(2025, 7, 2)]


# --- conditional implementation dates (R9) ------------------------------------


@pytest.mark.parametrize(
    ("approved_on", "option"),
    [
        (date(2025, 1, 15), 0),  # well before the first decision-by date
        (date(2025, 3, 3), 0),  # exactly on it: "on or before"
        (date(2025, 3, 4), 1),  # the day after: the fall-back
        (date(2025, 7, 2), 1),  # exactly on the fall-back's decision-by date
        (date(2025, 7, 3), None),  # after every option: awaiting a new date
    ],
)
def test_applicable_option(approved_on: date, option: int | None) -> None:
    assert applicable_option(DECISION_BYS, approved_on) == option


def test_applicable_option_without_options() -> None:
    assert applicable_option([], date(2025, 1, 1)) is None


def test_decision_bys_must_strictly_increase() -> None:
    assert decision_bys_out_of_order(DECISION_BYS) == []
    assert decision_bys_out_of_order([date(2025, 3, 3)]) == []
    assert decision_bys_out_of_order([]) == []
    assert decision_bys_out_of_order([date(2025, 7, 2), date(2025, 3, 3)]) == [1]
    assert decision_bys_out_of_order([date(2025, 3, 3), date(2025, 3, 3)]) == [1]  # strictly after
    assert decision_bys_out_of_order([date(2025, 1, 1), date(2025, 3, 3), date(2025, 2, 1)]) == [2]


# --- "XX Working Days following decision" (R10) ---------------------------------


def test_date_after_decision_skips_easter_and_may_day() -> None:
    # Decision Maundy Thursday 17 April 2025; 10 Working Days: 22-25 April, 28 April-2 May,
    # then 5 May is a bank holiday, so Tuesday 6 May.
    assert date_after_decision(date(2025, 4, 17), 10, ENGLAND) == date(2025, 5, 6)


def test_date_after_decision_does_not_count_the_decision_day() -> None:
    # Decision Monday 23 June 2025; 5 Working Days later is Monday 30 June.
    assert date_after_decision(date(2025, 6, 23), 5, ENGLAND) == date(2025, 6, 30)


# --- late additions (R14) ---------------------------------------------------------


def test_late_addition_is_strictly_after_the_cutoff() -> None:
    cutoff = date(2024, 12, 24)
    assert not is_late_addition(date(2024, 12, 23), cutoff)
    assert not is_late_addition(cutoff, cutoff)
    assert is_late_addition(date(2024, 12, 25), cutoff)


# --- approval notice (R22) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "due"),
    [
        (date(2025, 6, 25), date(2025, 6, 26)),  # Wednesday -> Thursday
        (date(2025, 6, 27), date(2025, 6, 30)),  # Friday -> Monday
        (date(2025, 6, 28), date(2025, 6, 30)),  # decided on a Saturday -> Monday
        (date(2025, 4, 17), date(2025, 4, 22)),  # Maundy Thursday -> Tuesday after Easter Monday
        (date(2025, 12, 24), date(2025, 12, 29)),  # Christmas Eve -> Monday 29th
        (date(2023, 5, 5), date(2023, 5, 9)),  # Friday before the Coronation -> Tuesday
    ],
)
def test_approval_notice_due_the_next_working_day(decision: date, due: date) -> None:
    assert approval_notice_due(decision, ENGLAND) == due


# --- RID versions (R16) --------------------------------------------------------------


@pytest.mark.parametrize(
    "versions",
    [
        [],
        ["0.1"],
        ["0.1", "0.2", "1.0", "2.0"],
        ["0.1", "0.2", "0.3", "1.0", "2.0", "3.0", "4.0"],
        ["0.2", "0.5", "0.10"],  # drafts may skip numbers; 0.10 comes after 0.5
        ["1.0"],
        ["1.0", "2.0"],
    ],
)
def test_valid_rid_histories_have_no_problems(versions: list[str]) -> None:
    assert rid_version_problems(versions) == []


@pytest.mark.parametrize(
    ("versions", "offending"),
    [
        (["0.1", "1.0", "1.1"], "1.1"),  # an amendment must take the next whole version
        (["1.0", "3.0"], "3.0"),  # a version skipped
        (["0.2", "0.1"], "0.1"),  # drafts going backwards
        (["0.1", "0.1"], "0.1"),  # a repeated draft
        (["2.0"], "2.0"),  # no baseline at 1.0
        (["0.1", "2.0"], "2.0"),  # drafts, then not baselined at 1.0
        (["0.1", "1.5"], "1.5"),  # a baseline that is not 1.0
        (["1.0", "0.3"], "0.3"),  # a draft after the baseline
        (["1.0", "1.0"], "1.0"),  # baseline repeated
        (["0.0"], "0.0"),  # drafts are numbered from 0.1
        (["1"], "1"),  # not major.minor
        (["v1.0"], "v1.0"),
        (["1.0.1"], "1.0.1"),
    ],
)
def test_invalid_rid_histories_name_the_offending_version(versions: list[str], offending: str) -> None:
    problems = rid_version_problems(versions)
    assert len(problems) == 1
    assert f'"{offending}"' in problems[0]


def test_rid_problem_wording() -> None:
    assert rid_version_problems(["0.1", "1.0", "2.5"]) == [
        'version "2.5" after "1.0": after the baseline each amendment takes the next whole version ("2.0")'
    ]
    assert rid_version_problems(["2.0"]) == ['first version "2.0": the RID is baselined at "1.0"']


def test_each_slip_is_reported_once() -> None:
    # "3.0" skips 2.0; "4.0" follows "3.0" properly; "4.2" is wrong again.
    problems = rid_version_problems(["1.0", "3.0", "4.0", "4.2"])
    assert len(problems) == 2
    assert '"3.0"' in problems[0]
    assert '"4.2"' in problems[1] and '("5.0")' in problems[1]


def test_malformed_versions_are_skipped_when_checking_the_sequence() -> None:
    problems = rid_version_problems(["0.1", "draft", "1.0", "2.0"])
    assert len(problems) == 1
    assert '"draft"' in problems[0]


# --- change freezes (R6) ---------------------------------------------------------------


FREEZES = [
    ("2025-christmas", date(2025, 12, 15), date(2026, 1, 9)),
    ("2026-summer", date(2026, 8, 1), date(2026, 8, 31)),
]


@pytest.mark.parametrize(
    ("d", "freeze"),
    [
        (date(2025, 12, 14), None),
        (date(2025, 12, 15), "2025-christmas"),  # first day, inclusive
        (date(2026, 1, 1), "2025-christmas"),
        (date(2026, 1, 9), "2025-christmas"),  # last day, inclusive
        (date(2026, 1, 10), None),
        (date(2026, 8, 15), "2026-summer"),
    ],
)
def test_in_change_freeze(d: date, freeze: str | None) -> None:
    assert in_change_freeze(d, FREEZES) == freeze


def test_no_freezes() -> None:
    assert in_change_freeze(date(2026, 1, 1), []) is None


# --- DUIS, GBCS and the Technical Specifications (R5) -------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        "DUIS",
        "duis v5.1",
        "Appendix AD",
        "Appendix AD - DCC User Interface Specification",
        "DCC User Interface Specification",
        "GBCS",
        "Great Britain Companion Specification",
        "GB Companion Specification",
        "appendix ab",
        "Technical Specification",
        "SMETS2",
        "Smart Metering Equipment Technical Specifications",
        "CHTS",
        "Communications Hub Technical Specifications",
    ],
)
def test_technical_specification_documents_are_recognised(document: str) -> None:
    assert touches_technical_specifications(["Section H", document])


@pytest.mark.parametrize(
    "documents",
    [
        [],
        ["Section A", "Section H"],
        ["Appendix AG", "Appendix ABC"],  # other appendices, and no partial appendix match
        ["Inventory Enrolment and Decommissioning Procedures"],
        ["Testing guidance"],
    ],
)
def test_other_documents_are_not_technical_specifications(documents: list[str]) -> None:
    assert not touches_technical_specifications(documents)


def test_technical_specifications_named() -> None:
    assert technical_specifications_named(["Appendix AB", "SMETS2", "Appendix AB"]) == [
        "GBCS",
        "Technical Specifications",
    ]
    assert technical_specifications_named(["Section A"]) == []
    assert list(TECHNICAL_SPEC_PATTERNS) == ["DUIS", "GBCS", "Technical Specifications"]


# --- properties --------------------------------------------------------------------------


@given(
    st.lists(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), unique=True, max_size=5),
    st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31)),
)
def test_applicable_option_is_the_first_still_open(options: list[date], approved_on: date) -> None:
    decision_bys = sorted(options)
    index = applicable_option(decision_bys, approved_on)
    if index is None:
        assert all(approved_on > d for d in decision_bys)
    else:
        assert approved_on <= decision_bys[index]
        assert all(approved_on > d for d in decision_bys[:index])


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=8))
def test_well_formed_rid_histories_are_valid(drafts: int, amendments: int) -> None:
    versions = [f"0.{i}" for i in range(1, drafts + 1)] + [f"{i}.0" for i in range(1, amendments + 1)]
    assert rid_version_problems(versions) == []
