"""``history.timeline.Timeline``: a value that changes over time, read as it stood on a day.

Plain dates only (no policy): each entry holds from its own day until the next entry's day.
"""

from __future__ import annotations

from datetime import date

from secsite.history.timeline import ALWAYS, Timeline

JAN_10, FEB_01, MAR_15 = date(2026, 1, 10), date(2026, 2, 1), date(2026, 3, 15)


def test_at_gives_the_value_in_force_on_each_day():
    line = Timeline.of([(JAN_10, "a"), (FEB_01, "b"), (MAR_15, "c")])
    assert line.at(date(2026, 1, 9)) is None  # before the first entry: nothing known
    assert line.at(JAN_10) == "a"  # an entry holds from its own day
    assert line.at(date(2026, 1, 31)) == "a"  # ...until the day before the next one
    assert line.at(FEB_01) == "b"
    assert line.at(date(2026, 3, 14)) == "b"
    assert line.at(MAR_15) == "c"
    assert line.at(date(2099, 12, 31)) == "c"


def test_of_sorts_by_day_and_keeps_the_written_order_of_same_day_entries():
    line = Timeline.of([(MAR_15, "c"), (JAN_10, "a"), (FEB_01, "b1"), (FEB_01, "b2")])
    assert [value for _, value in line.entries] == ["a", "b1", "b2", "c"]
    assert line.at(FEB_01) == "b2"  # the last one written that day wins
    assert line.first == JAN_10


def test_always_is_known_from_the_start():
    line = Timeline.of([(ALWAYS, "rule"), (FEB_01, "moved")])
    assert line.at(date(1900, 1, 1)) == "rule"
    assert line.at(date(2026, 1, 31)) == "rule"
    assert line.at(FEB_01) == "moved"
    assert line.change_days() == (FEB_01,)  # the first value is no change


def test_known_on_forgets_entries_dated_after_the_day():
    line = Timeline.of([(JAN_10, "a"), (FEB_01, "b"), (MAR_15, "c")])
    assert line.known_on(date(2026, 2, 28)).entries == ((JAN_10, "a"), (FEB_01, "b"))
    assert line.known_on(FEB_01).entries == ((JAN_10, "a"), (FEB_01, "b"))  # its own day is known
    assert line.known_on(date(2026, 1, 1)).entries == ()
    assert line.known_on(date(2026, 1, 1)).at(MAR_15) is None
    # What was known on a day never changes: reading the cut timeline at a later day gives the
    # value of that day, not the one recorded afterwards.
    assert line.known_on(date(2026, 2, 28)).at(MAR_15) == "b"


def test_change_days_and_an_empty_timeline():
    line = Timeline.of([(JAN_10, "a"), (FEB_01, "b"), (MAR_15, "c")])
    assert line.change_days() == (FEB_01, MAR_15)
    empty = Timeline.of([])
    assert empty.at(MAR_15) is None and empty.first is None and empty.change_days() == ()
