"""Working Days (policy-rules.md "Working Day" convention; R10, policy 4.2).

Expected dates were worked out by hand from `ncal` and the gov.uk bank holiday
lists, not from the code under test.
"""

from __future__ import annotations

import copy
import pickle
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secsite.policy import REGIONS, WorkingDays

ENGLAND = WorkingDays()
SCOTLAND = WorkingDays("scotland")
NORTHERN_IRELAND = WorkingDays("northern-ireland")

any_day = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


# --- which days are Working Days -------------------------------------------


def test_weekdays_are_working_days_and_weekends_are_not() -> None:
    assert ENGLAND.is_working_day(date(2025, 6, 27))  # Friday
    assert not ENGLAND.is_working_day(date(2025, 6, 28))  # Saturday
    assert not ENGLAND.is_working_day(date(2025, 6, 29))  # Sunday
    assert ENGLAND.is_working_day(date(2025, 6, 30))  # Monday


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 4, 18),  # Good Friday
        date(2025, 4, 21),  # Easter Monday
        date(2025, 5, 5),  # Early May bank holiday
        date(2025, 5, 26),  # Spring bank holiday
        date(2025, 8, 25),  # Summer bank holiday
        date(2025, 12, 25),  # Christmas Day
        date(2025, 12, 26),  # Boxing Day
        date(2022, 12, 27),  # substitute day for Christmas Day on a Sunday
        date(2023, 1, 2),  # substitute day for New Year's Day on a Sunday
        date(2022, 9, 19),  # State Funeral of Queen Elizabeth II
        date(2023, 5, 8),  # Coronation of King Charles III
        date(2022, 6, 3),  # Platinum Jubilee
    ],
)
def test_bank_holidays_of_england_and_wales_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5  # a weekday, so only the holiday makes it non-working
    assert not ENGLAND.is_working_day(day)


def test_scotland_has_its_own_bank_holidays() -> None:
    # 2 January 2025 (Thursday) and St Andrew's Day 2023 (Thursday 30 November).
    for day in (date(2025, 1, 2), date(2023, 11, 30)):
        assert not SCOTLAND.is_working_day(day)
        assert ENGLAND.is_working_day(day)
    # Easter Monday is not a bank holiday in Scotland.
    assert SCOTLAND.is_working_day(date(2023, 4, 10))
    assert not ENGLAND.is_working_day(date(2023, 4, 10))


def test_northern_ireland_has_st_patricks_day() -> None:
    assert not NORTHERN_IRELAND.is_working_day(date(2023, 3, 17))  # Friday
    assert ENGLAND.is_working_day(date(2023, 3, 17))


def test_one_off_bank_holidays_apply_in_every_region() -> None:
    for wd in (ENGLAND, SCOTLAND, NORTHERN_IRELAND):
        assert not wd.is_working_day(date(2022, 9, 19))
        assert not wd.is_working_day(date(2023, 5, 8))


def test_extra_non_working_day() -> None:
    with_extra = WorkingDays(extra_non_working=[date(2025, 12, 24)])
    assert ENGLAND.is_working_day(date(2025, 12, 24))
    assert not with_extra.is_working_day(date(2025, 12, 24))
    # Wednesday 24 December off, then Christmas, Boxing Day and the weekend.
    assert with_extra.add(date(2025, 12, 23), 1) == date(2025, 12, 29)
    assert ENGLAND.add(date(2025, 12, 23), 1) == date(2025, 12, 24)
    assert with_extra.extra_non_working == frozenset({date(2025, 12, 24)})


def test_unknown_region_is_rejected_with_the_valid_names() -> None:
    with pytest.raises(ValueError) as raised:
        WorkingDays("wales")
    for name in ("england-and-wales", "scotland", "northern-ireland"):
        assert name in str(raised.value)


def test_regions_map_to_holidays_subdivisions() -> None:
    assert REGIONS == {
        "england-and-wales": ("GB", "ENG"),
        "scotland": ("GB", "SCT"),
        "northern-ireland": ("GB", "NIR"),
    }
    assert ENGLAND.region == "england-and-wales"


def test_extra_non_working_days_must_be_dates() -> None:
    with pytest.raises(TypeError):
        WorkingDays(extra_non_working=["2025-12-24"])  # type: ignore[list-item]


def test_working_days_cannot_be_changed_after_construction() -> None:
    with pytest.raises(AttributeError):
        ENGLAND.region = "scotland"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ENGLAND._extra = frozenset({date(2025, 1, 6)})  # type: ignore[misc]
    assert ENGLAND.is_working_day(date(2025, 1, 6))


def test_working_days_survive_copy_and_pickle() -> None:
    original = WorkingDays("scotland", [date(2025, 12, 24)])
    for clone in (copy.deepcopy(original), pickle.loads(pickle.dumps(original))):
        assert clone == original
        assert not clone.is_working_day(date(2025, 12, 24))
        assert not clone.is_working_day(date(2025, 1, 2))


def test_equal_calendars_compare_equal() -> None:
    assert WorkingDays() == ENGLAND
    assert WorkingDays("scotland") != ENGLAND
    assert WorkingDays(extra_non_working=[date(2025, 1, 6)]) != ENGLAND
    assert len({WorkingDays(), ENGLAND}) == 1


# --- counting Working Days (R10) ---------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Friday + 1: the weekend is skipped.
        (date(2025, 6, 27), 1, date(2025, 6, 30)),
        # Counting from a Saturday: Monday is the first Working Day after it.
        (date(2025, 6, 28), 1, date(2025, 6, 30)),
        # Maundy Thursday + 1: Good Friday, the weekend and Easter Monday skipped.
        (date(2025, 4, 17), 1, date(2025, 4, 22)),
        (date(2024, 3, 28), 1, date(2024, 4, 2)),
        # Maundy Thursday 2025 + 10: 22-25 Apr (4), 28 Apr-2 May (5), 5 May is a bank holiday.
        (date(2025, 4, 17), 10, date(2025, 5, 6)),
        # Christmas 2022: 26 and 27 December off (27th substitutes for Sunday 25th).
        (date(2022, 12, 23), 1, date(2022, 12, 28)),
        # New Year 2023: Monday 2 January substitutes for Sunday 1 January.
        (date(2022, 12, 30), 1, date(2023, 1, 3)),
        # 28, 29, 30 December, 3 and 4 January.
        (date(2022, 12, 23), 5, date(2023, 1, 4)),
        # The State Funeral, Monday 19 September 2022.
        (date(2022, 9, 16), 1, date(2022, 9, 20)),
        # The Coronation, Monday 8 May 2023.
        (date(2023, 5, 5), 1, date(2023, 5, 9)),
        # An ordinary week.
        (date(2025, 6, 23), 4, date(2025, 6, 27)),
    ],
)
def test_add_counts_working_days_after_start(start: date, n: int, expected: date) -> None:
    assert ENGLAND.add(start, n) == expected


def test_add_zero_returns_start_even_when_not_a_working_day() -> None:
    assert ENGLAND.add(date(2025, 12, 25), 0) == date(2025, 12, 25)
    assert ENGLAND.add(date(2025, 6, 26), 0) == date(2025, 6, 26)


def test_add_rejects_a_negative_count() -> None:
    with pytest.raises(ValueError):
        ENGLAND.add(date(2025, 6, 26), -1)


def test_scotland_counts_2_january_as_non_working() -> None:
    # 31 Dec 2024 (Tue) + 1: England Thu 2 Jan; Scotland skips 1 and 2 Jan -> Fri 3 Jan.
    assert ENGLAND.add(date(2024, 12, 31), 1) == date(2025, 1, 2)
    assert SCOTLAND.add(date(2024, 12, 31), 1) == date(2025, 1, 3)


def test_on_or_before_and_on_or_after() -> None:
    # Working days stay put.
    assert ENGLAND.on_or_before(date(2025, 6, 26)) == date(2025, 6, 26)
    assert ENGLAND.on_or_after(date(2025, 6, 26)) == date(2025, 6, 26)
    # Tuesday 27 December 2022 (substitute day): back to Friday 23rd, on to Wednesday 28th.
    assert ENGLAND.on_or_before(date(2022, 12, 27)) == date(2022, 12, 23)
    assert ENGLAND.on_or_after(date(2022, 12, 24)) == date(2022, 12, 28)
    # Easter Monday 2025 back over the weekend and Good Friday.
    assert ENGLAND.on_or_before(date(2025, 4, 21)) == date(2025, 4, 17)


def test_holiday_names_explain_non_working_days() -> None:
    assert ENGLAND.holiday_name(date(2022, 12, 26)) == "Boxing Day"
    assert "State Funeral" in (ENGLAND.holiday_name(date(2022, 9, 19)) or "")
    assert "Coronation" in (ENGLAND.holiday_name(date(2023, 5, 8)) or "")
    # Christmas Day on a Sunday is still named.
    assert ENGLAND.holiday_name(date(2022, 12, 25)) == "Christmas Day"
    with_extra = WorkingDays(extra_non_working=[date(2025, 12, 24)])
    assert with_extra.holiday_name(date(2025, 12, 24)) == "extra non-working day"
    assert ENGLAND.holiday_name(date(2025, 12, 24)) is None  # an ordinary Working Day
    assert ENGLAND.holiday_name(date(2025, 6, 28)) is None  # a plain Saturday


# --- properties -------------------------------------------------------------


@given(any_day, st.integers(min_value=1, max_value=60))
def test_add_lands_on_a_working_day_after_start(start: date, n: int) -> None:
    result = ENGLAND.add(start, n)
    assert result > start
    assert ENGLAND.is_working_day(result)
    # Exactly n Working Days in (start, result].
    days = [start + timedelta(days=i) for i in range(1, (result - start).days + 1)]
    assert sum(ENGLAND.is_working_day(d) for d in days) == n


@given(any_day, st.integers(min_value=0, max_value=60))
def test_add_is_strictly_increasing_in_n(start: date, n: int) -> None:
    assert ENGLAND.add(start, n) < ENGLAND.add(start, n + 1)


@given(any_day)
def test_on_or_before_and_after_bracket_the_day(d: date) -> None:
    before = ENGLAND.on_or_before(d)
    after = ENGLAND.on_or_after(d)
    assert before <= d <= after
    assert ENGLAND.is_working_day(before) and ENGLAND.is_working_day(after)
    # No Working Day is skipped in between.
    skipped = [before + timedelta(days=i) for i in range(1, (d - before).days + 1)]
    assert not any(ENGLAND.is_working_day(day) for day in skipped)
