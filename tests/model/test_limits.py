"""Limits on what editors write (issue 11: "check passes" means "the site builds").

Every text, date, count and amount is bounded in the models, so that data that passes
``secsite check`` cannot crash or stall a build, on the build date or on any later one. Each limit is
tested on both sides of its edge through the real pipeline (``check_data`` on files), with the
expected messages written out by hand. The hostile corpus (tests/hostile/) builds the site from data
at every limit.

Line numbers refer to ``conftest.VALID_MODIFICATION`` (title on line 2, raised 5, summary 7,
implementation.set 17, the first option's release 19) or to the file written in the test.
"""

from __future__ import annotations

import sys
import time

import pytest

from conftest import SETTINGS, VALID_MODIFICATION
from secsite.checks import check_data
from secsite.model import Costs, markdown_problem, text_problem
from secsite.render.markdown import render_markdown


def errors(data) -> list[str]:
    _, _, found = check_data(data.root, SETTINGS)
    return [str(p) for p in found if p.severity == "error"]


def with_summary(*lines: str) -> str:
    """The valid modification with its summary (a ``|`` block from line 8) made of ``lines``."""
    block = "".join(f"  {line}\n" if line else "\n" for line in lines)
    return VALID_MODIFICATION.replace("summary: |\n  The issue, in **Markdown**.\n", "summary: |\n" + block)


def mod_path(data) -> str:
    return data.path("modifications/MP100.yml")


# --- Markdown: length, nesting, brackets, emphasis ------------------------------------------------------


def test_markdown_of_20000_characters_is_accepted_and_one_more_is_not(data):
    # A block scalar keeps the line's text and its final line break: 19,999 + 1, then 20,000 + 1.
    data.write("modifications/MP100.yml", with_summary("x" * 19_999))
    assert errors(data) == []
    data.write("modifications/MP100.yml", with_summary("x" * 20_000))
    assert errors(data) == [
        f"{mod_path(data)}:7:10: error: summary: is 20,001 characters long; at most 20,000 are allowed: shorten it, "
        "or publish the full text as a document and link to it"
    ]


def test_lists_nested_20_deep_are_accepted_and_21_are_not(data):
    twenty = ["    " * depth + "- item" for depth in range(20)]
    data.write("modifications/MP100.yml", with_summary(*twenty))
    assert errors(data) == []
    data.write("modifications/MP100.yml", with_summary(*twenty, "    " * 20 + "- item"))
    assert errors(data) == [
        f"{mod_path(data)}:7:10: error: summary: line 21 of the text is nested 21 levels deep in lists or quotes "
        "(counting each list or quote marker at its start and each 4 spaces of indentation); at most 20 levels are "
        "allowed: indent it less"
    ]


@pytest.mark.parametrize(("line", "depth"), [
    ("> " * 20 + "quoted", 20),  # one level per quote marker; the space after each is syntax
    ("> " * 21 + "quoted", 21),
    ("- " * 21 + "x", 21),  # list markers on one line nest too ("- - x" is a list in a list)
    ("1. " * 21 + "x", 21),
    ("\t" * 21 + "x", 21),  # a tab is 4 columns: a level
    (" " * 84 + "x", 21),  # 84 spaces: 21 levels of 4
    (" " * 83 + "x", 20),
    ("- > " * 10 + "x", 20),  # markers of both kinds
    ("*" * 50 + " not a list", 0),  # "*" followed by "*" is emphasis, not a marker
    ("1.5 million", 0),
])
def test_nesting_counts_markers_and_indentation(line, depth):
    problem = markdown_problem(line)
    if depth <= 20:
        assert problem is None or "nested" not in problem[1]
    else:
        assert problem == (1, f"line 1 of the text is nested {depth} levels deep in lists or quotes (counting each "
                              "list or quote marker at its start and each 4 spaces of indentation); at most 20 levels "
                              "are allowed: indent it less")


def test_twenty_open_square_brackets_are_accepted_and_21_are_not(data):
    data.write("modifications/MP100.yml", with_summary("A paragraph.", "", "[" * 20 + " open " + "]" * 20, "", "[" * 20))
    assert errors(data) == []
    data.write("modifications/MP100.yml", with_summary("A paragraph.", "", "[" * 21 + " open"))
    assert errors(data) == [
        f"{mod_path(data)}:7:10: error: summary: in the paragraph starting on line 3 of the text, 21 square brackets "
        "are open at once; at most 20 are allowed: close each [ with ], or write \\[ for a bracket that is only text"
    ]


def test_brackets_are_counted_per_paragraph_and_escaped_ones_not_at_all():
    assert markdown_problem(("[" * 20 + "\n\n") * 3) is None  # 60 open, 20 per paragraph
    assert markdown_problem("\\[" * 50 + "[" * 20) is None  # \[ is a bracket that is text
    # "\\[" is an escaped backslash, then a real bracket: 21 real ones.
    assert markdown_problem("\\\\[" * 21)[1].startswith("in the paragraph starting on line 1 of the text, 21 square")
    # Closed brackets close: 1,000 links in a row are never more than one deep.
    assert markdown_problem("[a](b) " * 100) is None


def test_600_emphasis_and_link_characters_in_a_paragraph_are_accepted_and_601_are_not(data):
    data.write("modifications/MP100.yml", with_summary("*a " * 300 + "x" + " a*" * 300))
    assert errors(data) == []
    data.write("modifications/MP100.yml", with_summary("First.", "", "_a " * 300 + "x" + " a_" * 300 + "*"))
    assert errors(data) == [
        f"{mod_path(data)}:7:10: error: summary: the paragraph starting on line 3 of the text has 601 of the characters "
        "* _ [ ] that make emphasis and links; at most 600 are allowed in one paragraph: split it with blank lines or "
        "remove some formatting"
    ]


def test_escaped_emphasis_characters_are_text():
    assert markdown_problem("\\*" * 1000) is None
    assert markdown_problem("**bold** " * 150 + "\n\n" + "**bold** " * 150) is None  # 600 per paragraph


@pytest.mark.parametrize("text", [
    "\n".join("    " * depth + "- level" for depth in range(20)),
    "> " * 20 + "quoted",
    "[" * 20 + " " + "word " * 3990,  # 20 brackets left open before 20,000 characters
    "*a " * 300 + "x" + " a*" * 300,  # emphasis 300 deep
    "**a " * 150 + "x" + " a**" * 150,
    "*[a " * 20 + "x" + " a](https://example.org)*" * 20 + " " + "*b " * 250 + "y" + " b*" * 250,
    "\n".join("    " * depth + "- " + "*a " * 14 + "x" + " a*" * 14 for depth in range(20)),
])
def test_markdown_at_the_limits_renders_quickly_with_room_on_the_stack(text):
    # What the limits are for: the renderer of the build (render/markdown.py) handles any text that
    # passes, in well under a second, even with half of Python's recursion limit already in use.
    assert markdown_problem(text) is None
    render_markdown.cache_clear()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(500)
    try:
        started = time.perf_counter()
        html = render_markdown(text)
        assert time.perf_counter() - started < 2
    finally:
        sys.setrecursionlimit(limit)
        render_markdown.cache_clear()
    assert html


# --- Characters ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("escaped", "shown"), [
    ("\\0", "U+0000"),
    ("\\a", "U+0007"),
    ("\\e", "U+001B"),
    ("\\r", None),  # a carriage return alone
    ("\\x7f", "U+007F"),
    ("\\x85", "U+0085"),
    ("\\x9f", "U+009F"),
    ("\\u2028", "U+2028 (LINE SEPARATOR)"),
    ("\\u2029", "U+2029 (PARAGRAPH SEPARATOR)"),
    ("\\u202E", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("\\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("\\uFDD0", "U+FDD0"),
    ("\\uFFFF", "U+FFFF"),
    ("\\U0001FFFE", "U+1FFFE"),
])
def test_a_control_character_in_a_title_is_refused(data, escaped, shown):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("title: Improve something", f'title: "Improve {escaped}it"'))
    what = f"the invisible character {shown}" if shown else "a carriage return (a line break from an old Mac editor)"
    assert errors(data) == [
        f"{mod_path(data)}:2:8: error: title: contains {what} after 'Improve ': delete it; control characters cannot be "
        "shown or published"
    ]


@pytest.mark.parametrize(("escaped", "shown"), [
    ("\\u200B", "U+200B (ZERO WIDTH SPACE)"),
    ("\\u00A0\\u200D", "U+200D (ZERO WIDTH JOINER)"),  # the first character that is not a space
    ("\\u2800", "U+2800 (BRAILLE PATTERN BLANK)"),
    ("\\u3164", "U+3164 (HANGUL FILLER)"),
    ("\\u00AD\\u034F", "U+00AD (SOFT HYPHEN)"),
])
def test_a_title_of_invisible_characters_only_is_refused(data, escaped, shown):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("title: Improve something", f'title: "{escaped}"'))
    assert errors(data) == [f"{mod_path(data)}:2:8: error: title: has no visible characters, only {shown}: write the text"]


@pytest.mark.parametrize("title", ['"Tab\\there"', '"\\u00E9t\\u00E9 \\u2014 summer"', '"\\U0001F600"', "'  padded  '", '"x\\u200B"'])
def test_visible_text_with_tabs_accents_emoji_or_a_zero_width_space_inside_is_accepted(data, title):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("title: Improve something", f"title: {title}"))
    assert errors(data) == []


def test_one_line_fields_refuse_line_breaks_and_text_fields_accept_them(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("proposer: Example Energy", 'proposer: "Example\\nEnergy"')
               + "history:\n  - date: 2025-02-01\n    event: |\n      Raised\n")
    assert errors(data) == [
        f"{mod_path(data)}:6:11: error: proposer: must be on one line: remove the line break after 'Example'",
        f"{mod_path(data)}:26:12: error: history[0].event: must be on one line: it ends with a line break "
        "(write >- instead of > or |, or put the text in quotes)",
    ]
    # A reason may run over lines (plain text), as may Markdown.
    data.write("releases/2027-06.yml", 'id: "2027-06"\ncancelled:\n  decided: 2026-10-01\n  reason: |\n    Two lines\n    of reason.\n')
    data.write("modifications/MP100.yml", VALID_MODIFICATION)
    assert errors(data) == []


def test_plain_text_lengths(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("title: Improve something", "title: " + "t" * 1000))
    assert errors(data) == []
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("title: Improve something", "title: " + "t" * 1001))
    assert errors(data) == [f"{mod_path(data)}:2:8: error: title: is 1,001 characters long; at most 1,000 are allowed here: shorten it"]
    reason = 'id: "2027-06"\ncancelled:\n  decided: 2026-10-01\n  reason: {}\n'
    data.write("modifications/MP100.yml", VALID_MODIFICATION)
    data.write("releases/2027-06.yml", reason.format("r" * 5000))
    assert errors(data) == []
    data.write("releases/2027-06.yml", reason.format("r" * 5001))
    assert errors(data) == [
        f"{data.path('releases/2027-06.yml')}:4:11: error: cancelled.reason: is 5,001 characters long; at most 5,000 "
        "are allowed here: shorten it"
    ]


def test_text_problem_is_worded_for_editors():
    assert text_problem("ok", one_line=True, limit=10) is None
    assert text_problem("", one_line=True, limit=10) == "must not be empty"
    assert text_problem("two\r\nlines", one_line=False, limit=None) is None  # a Windows line break
    assert text_problem("two\r\nlines", one_line=True, limit=None) == "must be on one line: remove the line break after 'two'"
    assert text_problem("x" * 11, one_line=True, limit=10) == "is 11 characters long; at most 10 are allowed here: shorten it"


def test_a_link_address_with_a_control_character_is_refused(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION + 'documents:\n  - title: Report\n    url: "https://example.org/a\\tb"\n')
    assert errors(data) == [
        f"{mod_path(data)}:26:10: error: documents[0].url: must be a web address starting with https:// or http://"
    ]
    data.write("modifications/MP100.yml", VALID_MODIFICATION + 'documents:\n  - title: Report\n    url: "https://example.org/a\\x7f"\n')
    assert errors(data) == [
        f"{mod_path(data)}:26:10: error: documents[0].url: contains the invisible character U+007F after "
        "'…ttps://example.org/a': delete it; control characters cannot be shown or published"
    ]


# --- Dates, release ids, Working Days, money ----------------------------------------------------------


@pytest.mark.parametrize(("day", "ok"), [
    ("2000-01-01", True), ("2100-12-31", True), ("1999-12-31", False), ("2101-01-01", False),
    ("0001-01-01", False), ("9999-12-31", False), ('"2101-01-01"', False),
])
def test_dates_run_from_2000_to_2100(data, day, ok):
    data.write("modifications/MP100.yml", VALID_MODIFICATION + f"history:\n  - date: {day}\n    event: Something\n")
    shown = day.strip('"')
    assert errors(data) == ([] if ok else [
        f"{mod_path(data)}:25:11: error: history[0].date: {shown} is outside the years 2000 to 2100, the dates the site "
        "can work with: check the year"
    ])


def test_every_date_field_is_bounded_including_calendar_and_notice_dates(data):
    data.write("calendar.yml", "change_freezes:\n  - id: far\n    start: 2101-12-01\n    end: 2101-12-31\n    reason: Far\n"
               "    decided: 1999-01-01\nnon_working_days:\n  - 9999-12-31\n")
    data.write("notices/later.md", "---\ntitle: Later\ndate: 2200-01-01\n---\nHeld back for a long time.\n")
    calendar, notice = data.path("calendar.yml"), data.path("notices/later.md")
    assert errors(data) == [
        f"{calendar}:3:12: error: change_freezes[0].start: 2101-12-01 is outside the years 2000 to 2100, the dates the site can work with: check the year",
        f"{calendar}:4:10: error: change_freezes[0].end: 2101-12-31 is outside the years 2000 to 2100, the dates the site can work with: check the year",
        f"{calendar}:6:14: error: change_freezes[0].decided: 1999-01-01 is outside the years 2000 to 2100, the dates the site can work with: check the year",
        f"{calendar}:8:5: error: non_working_days[0]: 9999-12-31 is outside the years 2000 to 2100, the dates the site can work with: check the year",
        f"{notice}:3:7: error: date: 2200-01-01 is outside the years 2000 to 2100, the dates the site can work with: check the year",
    ]


@pytest.mark.parametrize(("release", "ok"), [("2100-11", True), ("2000-02", True), ("2101-02", False), ("1999-11", False)])
def test_release_ids_name_a_year_from_2000_to_2100(data, release, ok):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace('release: "2027-11"', f'release: "{release}"'))
    found = errors(data)
    if ok:
        assert not any("outside the years" in p for p in found), found
    else:
        assert found == [
            f"{mod_path(data)}:21:16: error: implementation.dates[1].release: '{release}' is in {release[:4]}, outside "
            "the years 2000 to 2100 the site can work with: check the year"
        ]


WORKING_DAYS = """\
implementation:
  set: 2026-01-20
  working_days_after_decision: {count}
decision:
  date: 2026-02-02
  by: authority
  outcome: approved
"""


def test_working_days_after_decision_up_to_1000(data):
    head = VALID_MODIFICATION.split("implementation:")[0].replace("stage: refinement", "stage: approved")
    data.write("modifications/MP100.yml", head + WORKING_DAYS.format(count=1000))
    assert errors(data) == []
    data.write("modifications/MP100.yml", head + WORKING_DAYS.format(count=1001))
    assert errors(data) == [
        f"{mod_path(data)}:18:32: error: implementation.working_days_after_decision: must be at most 1,000 Working Days "
        "(about four years); found 1,001"
    ]


@pytest.mark.parametrize(("amount", "problem"), [
    ("1000000000", None),
    ("1000000000.5", "must be at most 1,000,000,000 pounds: check the amount (write whole pounds, such as 120000)"),
    ("1.0e+12", "must be at most 1,000,000,000 pounds: check the amount (write whole pounds, such as 120000)"),
    ("9" * 400, "must be at most 1,000,000,000 pounds: check the amount (write whole pounds, such as 120000)"),
    (".inf", "must be an amount in pounds, not .inf (infinity)"),
    ("-.inf", "must be an amount in pounds, not .inf (infinity)"),
    (".nan", "must be an amount in pounds, not .nan (not a number)"),
    ("-1", "must be at least 0, found -1"),
])
def test_costs_are_finite_amounts_up_to_a_billion_pounds(data, amount, problem):
    data.write("modifications/MP100.yml", VALID_MODIFICATION + f"costs:\n  sit: {amount}\n")
    assert errors(data) == ([] if problem is None else [f"{mod_path(data)}:25:8: error: costs.sit: {problem}"])


def test_negative_zero_is_zero():
    assert str(Costs(sit=-0.0).sit) == "0.0"  # not "-0.0" in the JSON download


def test_ids_and_versions_have_a_length(data):
    # A RID version of 5,000 digits made the check itself fail: Python reads at most 4,300 digits as a number.
    data.write("releases/2027-06.yml", 'id: "2027-06"\nsec_version: "' + "1" * 18 + '.0"\nrid:\n  - version: "' + "9" * 5000
               + '.0"\n    date: 2026-03-01\n    summary: First draft\n')
    data.write("notices/hello.md", "---\ntitle: Hello\ndate: 2026-11-01\nmodifications: [MP" + "1" * 98 + ", MP" + "1" * 99 + "]\n---\nBody\n")
    assert errors(data) == [  # 100 characters are fine: MP and 98 digits
        f"{data.path('notices/hello.md')}:4:119: error: modifications[1]: is 101 characters long; an id has at most 100: check it",
        f"{data.path('releases/2027-06.yml')}:4:14: error: rid[0].version: is 5,002 characters long; a version has at most 20: check it",
    ]
