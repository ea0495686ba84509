"""The date conventions of policy-rules.md: months and weeks before/after, deadlines, formatting.

Expected dates worked out by hand with `ncal` / GNU `date`.
"""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secsite.policy import (
    WorkingDays,
    deadline,
    format_long,
    month_name,
    months_after,
    months_before,
    weeks_before,
)

ENGLAND = WorkingDays()

any_day = st.dates(min_value=date(1990, 1, 1), max_value=date(2080, 12, 31))


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        # Same day of the month.
        (date(2025, 6, 26), 12, date(2024, 6, 26)),
        (date(2025, 6, 26), 6, date(2024, 12, 26)),
        (date(2025, 6, 26), 1, date(2025, 5, 26)),
        # The 31st into a 30-day month.
        (date(2025, 7, 31), 1, date(2025, 6, 30)),
        # 31 May into February: leap and non-leap years.
        (date(2024, 5, 31), 3, date(2024, 2, 29)),
        (date(2025, 5, 31), 3, date(2025, 2, 28)),
        # 30 March into February.
        (date(2024, 3, 30), 1, date(2024, 2, 29)),
        (date(2025, 3, 30), 1, date(2025, 2, 28)),
        # 29 February minus 12 months has no 29th: the 28th.
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        # Crossing a year.
        (date(2026, 1, 15), 2, date(2025, 11, 15)),
        (date(2025, 2, 27), 6, date(2024, 8, 27)),
        (date(2025, 3, 31), 13, date(2024, 2, 29)),
        # Zero months: unchanged.
        (date(2025, 6, 26), 0, date(2025, 6, 26)),
    ],
)
def test_months_before(d: date, n: int, expected: date) -> None:
    assert months_before(d, n) == expected


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2025, 6, 26), 2, date(2025, 8, 26)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        # Crossing a year into a short February.
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2023, 12, 31), 2, date(2024, 2, 29)),
        # 29 February plus 12 months: 28 February; plus 48 months: a leap year again.
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 11, 6), 2, date(2026, 1, 6)),
    ],
)
def test_months_after(d: date, n: int, expected: date) -> None:
    assert months_after(d, n) == expected


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2025, 6, 26), 6, date(2025, 5, 15)),
        (date(2025, 2, 27), 6, date(2025, 1, 16)),
        # Crossing a year.
        (date(2026, 1, 8), 2, date(2025, 12, 25)),
        (date(2024, 1, 5), 3, date(2023, 12, 15)),
    ],
)
def test_weeks_before(d: date, n: int, expected: date) -> None:
    assert weeks_before(d, n) == expected


@pytest.mark.parametrize("shift", [months_before, months_after, weeks_before])
def test_negative_counts_are_rejected(shift: object) -> None:
    with pytest.raises(ValueError):
        shift(date(2025, 6, 26), -1)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("computed", "expected"),
    [
        # A Working Day stays.
        (date(2025, 6, 26), date(2025, 6, 26)),
        # Saturday and Sunday move to Friday.
        (date(2025, 6, 28), date(2025, 6, 27)),
        (date(2025, 6, 29), date(2025, 6, 27)),
        # Spring bank holiday (Monday 26 May 2025) moves to Friday 23 May.
        (date(2025, 5, 26), date(2025, 5, 23)),
        # Boxing Day 2025 (Friday): Christmas Day before it too, so Wednesday 24th.
        (date(2025, 12, 26), date(2025, 12, 24)),
        # Boxing Day 2024 (Thursday): Tuesday 24th.
        (date(2024, 12, 26), date(2024, 12, 24)),
        # Easter Monday 2025: back over the weekend and Good Friday to Maundy Thursday.
        (date(2025, 4, 21), date(2025, 4, 17)),
        # Substitute day 27 December 2022: back over 26th, 25th and the weekend.
        (date(2022, 12, 27), date(2022, 12, 23)),
        # The Coronation, Monday 8 May 2023.
        (date(2023, 5, 8), date(2023, 5, 5)),
    ],
)
def test_deadline_moves_to_the_preceding_working_day(computed: date, expected: date) -> None:
    assert deadline(computed, ENGLAND) == expected


def test_deadline_respects_extra_non_working_days() -> None:
    # With 24 December 2025 off as well, a deadline on Boxing Day goes back to Tuesday 23rd.
    wd = WorkingDays(extra_non_working=[date(2025, 12, 24)])
    assert deadline(date(2025, 12, 26), wd) == date(2025, 12, 23)


def test_a_six_month_cut_off_on_boxing_day_moves_before_christmas() -> None:
    # June 2025 go-live is 26 June; 6 months before is Boxing Day 2024.
    assert deadline(months_before(date(2025, 6, 26), 6), ENGLAND) == date(2024, 12, 24)


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2025, 6, 26), "26 June 2025"),
        (date(2025, 2, 1), "1 February 2025"),
        (date(2019, 11, 29), "29 November 2019"),
        (date(2030, 1, 9), "9 January 2030"),
        (date(2024, 9, 5), "5 September 2024"),
    ],
)
def test_format_long(d: date, text: str) -> None:
    assert format_long(d) == text


def test_month_names() -> None:
    assert [month_name(m) for m in (1, 5, 12)] == ["January", "May", "December"]
    with pytest.raises(ValueError):
        month_name(13)


# --- properties -------------------------------------------------------------


@given(any_day)
def test_deadline_is_never_after_the_date_and_is_a_working_day(d: date) -> None:
    result = deadline(d, ENGLAND)
    assert result <= d
    assert ENGLAND.is_working_day(result)
    assert (result == d) == ENGLAND.is_working_day(d)


@given(any_day, st.integers(min_value=0, max_value=240))
def test_months_after_lands_in_the_right_month_clamped(d: date, n: int) -> None:
    result = months_after(d, n)
    months_from_d = (result.year - d.year) * 12 + result.month - d.month
    assert months_from_d == n
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(d.day, last_day)


@given(any_day, st.integers(min_value=0, max_value=240))
def test_months_before_undoes_months_after_within_the_clamped_month(d: date, n: int) -> None:
    back = months_before(months_after(d, n), n)
    # Back in the same month; only a clamped day can have come down.
    assert (back.year, back.month) == (d.year, d.month)
    assert back.day <= d.day
    if d.day <= 28:
        assert back == d


@given(any_day, st.integers(min_value=0, max_value=60))
def test_weeks_before_is_seven_days_per_week_same_weekday(d: date, n: int) -> None:
    result = weeks_before(d, n)
    assert (d - result).days == 7 * n
    assert result.weekday() == d.weekday()
