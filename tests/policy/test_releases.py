"""Releases: the scheduled calendar (R1), ids and names (R4), milestones (R13, R17, R20, R21),
notices (R23, R24) and statuses.

The go-live table was produced with `ncal -h <month> <year>` (the Thursday row) and
cross-checked with GNU `date`, not with the code under test.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secsite.policy import (
    MILESTONE_KEYS,
    SCHEDULED_MONTHS,
    ReleaseStatus,
    WorkingDays,
    default_release_type,
    milestone_dates,
    notice_dates,
    parse_release_id,
    release_name,
    release_status,
    scheduled_go_live,
    scheduled_release_id,
    scheduled_releases,
    scope_cutoff,
)

ENGLAND = WorkingDays()

# (year, February: last Thursday, June: last Thursday, November: first Thursday)
GO_LIVES = [
    (2019, date(2019, 2, 28), date(2019, 6, 27), date(2019, 11, 7)),
    (2020, date(2020, 2, 27), date(2020, 6, 25), date(2020, 11, 5)),
    (2021, date(2021, 2, 25), date(2021, 6, 24), date(2021, 11, 4)),
    (2022, date(2022, 2, 24), date(2022, 6, 30), date(2022, 11, 3)),
    (2023, date(2023, 2, 23), date(2023, 6, 29), date(2023, 11, 2)),
    (2024, date(2024, 2, 29), date(2024, 6, 27), date(2024, 11, 7)),
    (2025, date(2025, 2, 27), date(2025, 6, 26), date(2025, 11, 6)),
    (2026, date(2026, 2, 26), date(2026, 6, 25), date(2026, 11, 5)),
    (2027, date(2027, 2, 25), date(2027, 6, 24), date(2027, 11, 4)),
    (2028, date(2028, 2, 24), date(2028, 6, 29), date(2028, 11, 2)),
    (2029, date(2029, 2, 22), date(2029, 6, 28), date(2029, 11, 1)),
    (2030, date(2030, 2, 28), date(2030, 6, 27), date(2030, 11, 7)),
    (2031, date(2031, 2, 27), date(2031, 6, 26), date(2031, 11, 6)),
    (2032, date(2032, 2, 26), date(2032, 6, 24), date(2032, 11, 4)),
    (2033, date(2033, 2, 24), date(2033, 6, 30), date(2033, 11, 3)),
    (2034, date(2034, 2, 23), date(2034, 6, 29), date(2034, 11, 2)),
    (2035, date(2035, 2, 22), date(2035, 6, 28), date(2035, 11, 1)),
]

JUNE_2025 = date(2025, 6, 26)


# --- the scheduled calendar (R1) ---------------------------------------------


@pytest.mark.parametrize(("year", "february", "june", "november"), GO_LIVES)
def test_scheduled_go_live_matches_the_calendar(
    year: int, february: date, june: date, november: date
) -> None:
    assert scheduled_go_live(year, 2) == february
    assert scheduled_go_live(year, 6) == june
    assert scheduled_go_live(year, 11) == november


def test_real_go_live_dates() -> None:
    assert scheduled_go_live(2019, 6) == date(2019, 6, 27)
    assert scheduled_go_live(2021, 6) == date(2021, 6, 24)
    assert scheduled_go_live(2021, 11) == date(2021, 11, 4)
    assert scheduled_go_live(2022, 2) == date(2022, 2, 24)


def test_scheduled_releases_lists_every_release_in_order() -> None:
    expected = []
    for year, february, june, november in GO_LIVES:
        expected += [
            (f"{year}-02", february, "documentation"),
            (f"{year}-06", june, "system"),
            (f"{year}-11", november, "system"),
        ]
    assert scheduled_releases(2019, 2035) == expected
    assert scheduled_releases(2026, 2025) == []


@pytest.mark.parametrize("month", [1, 3, 5, 7, 10, 12])
def test_unscheduled_months_are_rejected(month: int) -> None:
    with pytest.raises(ValueError):
        scheduled_go_live(2025, month)
    with pytest.raises(ValueError):
        default_release_type(month)
    with pytest.raises(ValueError):
        scheduled_release_id(2025, month)


def test_default_release_types() -> None:
    assert SCHEDULED_MONTHS == (2, 6, 11)
    assert default_release_type(2) == "documentation"
    assert default_release_type(6) == "system"
    assert default_release_type(11) == "system"


# --- ids and names (R4) --------------------------------------------------------


def test_scheduled_release_id() -> None:
    assert scheduled_release_id(2025, 6) == "2025-06"
    assert scheduled_release_id(2026, 2) == "2026-02"
    assert scheduled_release_id(2019, 11) == "2019-11"


@pytest.mark.parametrize(
    ("rid", "parsed"),
    [
        ("2025-06", (2025, 6, None)),
        ("2025-09-mp161", (2025, 9, "mp161")),
        ("2019-11", (2019, 11, None)),
        ("2024-01-urgent-fix-2", (2024, 1, "urgent-fix-2")),
    ],
)
def test_parse_release_id(rid: str, parsed: tuple[int, int, str | None]) -> None:
    assert parse_release_id(rid) == parsed


@pytest.mark.parametrize(
    "rid",
    [
        "2025-6",
        "2025-13",
        "2025-00",
        "25-06",
        "2025-06-",
        "2025-06-MP161",
        "2025-06-mp_161",
        "2025-06--mp161",
        "2025-06-mp161-",
        "2025-06\n",
        " 2025-06",
        "2025/06",
        "",
    ],
)
def test_parse_release_id_rejects_malformed_ids(rid: str) -> None:
    with pytest.raises(ValueError):
        parse_release_id(rid)


def test_release_name() -> None:
    assert release_name(date(2025, 6, 26)) == "June 2025 SEC Release"
    assert release_name(date(2024, 2, 29)) == "February 2024 SEC Release"
    assert release_name(date(2019, 11, 29)) == "November 2019 SEC Release"


# --- milestones (R13, R17, R20, R21) -------------------------------------------


def test_milestones_of_a_system_release() -> None:
    # June 2025: 6 months before is Boxing Day 2024 (Thursday) -> Tuesday 24 December.
    # 2 months after is Tuesday 26 August 2025 (the bank holiday is Monday the 25th).
    assert milestone_dates(JUNE_2025, "system", ENGLAND) == {
        "systems-cutoff": date(2024, 6, 26),
        "tad-to-tag": date(2024, 9, 26),
        "documentation-cutoff": date(2024, 12, 24),
        "tad-published": date(2024, 12, 24),
        "go-live-evidence": date(2025, 5, 15),
        "go-live": date(2025, 6, 26),
        "actual-cost-report": date(2025, 8, 26),
    }


def test_milestones_come_in_date_order() -> None:
    result = milestone_dates(JUNE_2025, "system", ENGLAND)
    assert list(result) == [
        "systems-cutoff",
        "tad-to-tag",
        "documentation-cutoff",
        "tad-published",
        "go-live-evidence",
        "go-live",
        "actual-cost-report",
    ]


def test_actual_cost_report_on_new_years_day_moves_back() -> None:
    # November 2029 goes live on 1 November; 2 months after is New Year's Day 2030 (Tuesday).
    assert milestone_dates(date(2029, 11, 1), "system", ENGLAND) == {
        "systems-cutoff": date(2028, 11, 1),
        "tad-to-tag": date(2029, 2, 1),
        "documentation-cutoff": date(2029, 5, 1),
        "tad-published": date(2029, 5, 1),
        "go-live-evidence": date(2029, 9, 20),
        "go-live": date(2029, 11, 1),
        "actual-cost-report": date(2029, 12, 31),
    }


def test_milestones_of_a_documentation_release() -> None:
    result = milestone_dates(date(2025, 2, 27), "documentation", ENGLAND)
    assert result == {
        "documentation-cutoff": date(2024, 8, 27),
        "go-live-evidence": date(2025, 1, 16),
        "go-live": date(2025, 2, 27),
    }
    assert list(result) == ["documentation-cutoff", "go-live-evidence", "go-live"]


def test_a_june_release_turned_documentation_has_no_system_milestones() -> None:
    # R2: a scheduled System Release may become a Documentation Release.
    result = milestone_dates(JUNE_2025, "documentation", ENGLAND)
    assert result == {
        "documentation-cutoff": date(2024, 12, 24),
        "go-live-evidence": date(2025, 5, 15),
        "go-live": date(2025, 6, 26),
    }
    for key in ("systems-cutoff", "tad-to-tag", "tad-published", "actual-cost-report"):
        assert key not in result


def test_go_live_is_never_moved_even_on_a_non_working_day() -> None:
    # An ad hoc release (R3) may go live on any date.
    boxing_day = date(2025, 12, 26)
    assert milestone_dates(boxing_day, "system", ENGLAND)["go-live"] == boxing_day


def test_milestones_use_the_configured_region() -> None:
    # 6 months before a (hypothetical ad hoc) go-live of 30 May 2024 is St Andrew's Day 2023.
    go_live = date(2024, 5, 30)
    assert milestone_dates(go_live, "system", ENGLAND)["documentation-cutoff"] == date(2023, 11, 30)
    scottish = milestone_dates(go_live, "system", WorkingDays("scotland"))
    assert scottish["documentation-cutoff"] == date(2023, 11, 29)


def test_unknown_release_type_is_rejected() -> None:
    with pytest.raises(ValueError):
        milestone_dates(JUNE_2025, "System", ENGLAND)
    with pytest.raises(ValueError):
        release_status(JUNE_2025, JUNE_2025, "adhoc", False, ENGLAND)


# --- scope cut-off for one modification (R13) -------------------------------


def test_scope_cutoff_depends_on_modification_and_release_type() -> None:
    assert scope_cutoff(JUNE_2025, "system", True, ENGLAND) == date(2024, 6, 26)
    assert scope_cutoff(JUNE_2025, "system", False, ENGLAND) == date(2024, 12, 24)
    # A Documentation Release has only the 6-month cut-off.
    assert scope_cutoff(JUNE_2025, "documentation", True, ENGLAND) == date(2024, 12, 24)
    assert scope_cutoff(JUNE_2025, "documentation", False, ENGLAND) == date(2024, 12, 24)


# --- notices (R23, R24) ---------------------------------------------------------


def test_notice_dates_june_2025() -> None:
    # 1 month before is Spring bank holiday (Monday 26 May): the Friday before.
    assert notice_dates(JUNE_2025, ENGLAND) == {
        "12-months": date(2024, 6, 26),
        "6-months": date(2024, 12, 24),
        "1-month": date(2025, 5, 23),
    }


def test_notice_dates_from_29_february() -> None:
    # 12 months before 29 Feb 2024 clamps to 28 Feb 2023 (Tuesday);
    # 29 Aug 2023 and 29 Jan 2024 are Working Days.
    assert notice_dates(date(2024, 2, 29), ENGLAND) == {
        "12-months": date(2023, 2, 28),
        "6-months": date(2023, 8, 29),
        "1-month": date(2024, 1, 29),
    }


# --- release status -------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2023, 1, 1), ReleaseStatus.OPEN),
        # Systems cut-off, Wednesday 26 June 2024.
        (date(2024, 6, 25), ReleaseStatus.OPEN),
        (date(2024, 6, 26), ReleaseStatus.SYSTEMS_SCOPE_SET),
        # Documentation cut-off, moved from Boxing Day to Tuesday 24 December 2024.
        (date(2024, 12, 23), ReleaseStatus.SYSTEMS_SCOPE_SET),
        (date(2024, 12, 24), ReleaseStatus.SCOPE_SET),
        # 1-month notice, moved from the bank holiday to Friday 23 May 2025.
        (date(2025, 5, 22), ReleaseStatus.SCOPE_SET),
        (date(2025, 5, 23), ReleaseStatus.IMMINENT),
        (date(2025, 5, 26), ReleaseStatus.IMMINENT),
        # Go-live.
        (date(2025, 6, 25), ReleaseStatus.IMMINENT),
        (date(2025, 6, 26), ReleaseStatus.LIVE),
        (date(2030, 1, 1), ReleaseStatus.LIVE),
    ],
)
def test_status_of_a_system_release(today: date, status: ReleaseStatus) -> None:
    assert release_status(today, JUNE_2025, "system", False, ENGLAND) is status


@pytest.mark.parametrize(
    ("today", "status"),
    [
        # No systems cut-off: still open on and after 26 June 2024.
        (date(2024, 6, 26), ReleaseStatus.OPEN),
        (date(2024, 12, 23), ReleaseStatus.OPEN),
        (date(2024, 12, 24), ReleaseStatus.SCOPE_SET),
        (date(2025, 5, 23), ReleaseStatus.IMMINENT),
        (date(2025, 6, 26), ReleaseStatus.LIVE),
    ],
)
def test_status_of_a_documentation_release(today: date, status: ReleaseStatus) -> None:
    assert release_status(today, JUNE_2025, "documentation", False, ENGLAND) is status


@pytest.mark.parametrize("today", [date(2023, 1, 1), date(2024, 12, 24), date(2025, 6, 26), date(2030, 1, 1)])
def test_cancelled_wins_over_every_other_status(today: date) -> None:
    assert release_status(today, JUNE_2025, "system", True, ENGLAND) is ReleaseStatus.CANCELLED


def test_status_text_is_what_the_site_shows() -> None:
    assert ReleaseStatus.IMMINENT.value == "Go-live imminent"
    assert str(ReleaseStatus.SYSTEMS_SCOPE_SET) == "Systems scope set"
    assert f"{ReleaseStatus.LIVE}" == "Live"
    assert ReleaseStatus("Scope set") is ReleaseStatus.SCOPE_SET
    assert [s.value for s in ReleaseStatus] == [
        "Cancelled",
        "Go-live postponed",
        "Live",
        "Go-live imminent",
        "Scope set",
        "Systems scope set",
        "Open",
    ]


# --- properties -----------------------------------------------------------------------


@given(st.integers(min_value=2000, max_value=2080), st.sampled_from(SCHEDULED_MONTHS))
def test_system_release_deadlines_fall_on_working_days_around_go_live(year: int, month: int) -> None:
    go_live = scheduled_go_live(year, month)
    result = milestone_dates(go_live, "system", ENGLAND)
    assert set(result) == set(MILESTONE_KEYS)
    for key, when in result.items():
        if key == "go-live":
            assert when == go_live
            continue
        assert ENGLAND.is_working_day(when), key
        if key == "actual-cost-report":
            assert when > go_live
        else:
            assert when < go_live, key
    assert list(result.values()) == sorted(result.values())


@given(st.integers(min_value=2000, max_value=2080), st.sampled_from(SCHEDULED_MONTHS))
def test_scheduled_go_live_is_a_thursday_in_its_month(year: int, month: int) -> None:
    go_live = scheduled_go_live(year, month)
    assert go_live.weekday() == 3
    assert (go_live.year, go_live.month) == (year, month)
    if month == 11:
        assert go_live.day <= 7  # first Thursday
    else:
        assert (go_live + timedelta(days=7)).month != month  # last Thursday
