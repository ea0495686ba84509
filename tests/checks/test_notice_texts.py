"""A notice's text (below its front matter) is checked like the Markdown fields of the data files, and
each problem is reported at its own line of the notice file."""

from __future__ import annotations

from conftest import SETTINGS
from secsite.checks import check_data


def errors(data) -> list[str]:
    _, _, found = check_data(data.root, SETTINGS)
    return [str(p) for p in found if p.severity == "error"]


def test_a_control_character_is_reported_at_its_line_after_blank_lines(data):
    # Lines: 1 ---, 2 title, 3 date, 4 ---, 5 and 6 blank (dropped by the loader), 7 and 8 text.
    data.write("notices/hello.md", b"---\ntitle: Hello\ndate: 2026-11-01\n---\n\n\nFirst line.\nRed \x1b[31m text.\n")
    assert errors(data) == [
        f"{data.path('notices/hello.md')}:8:1: error: the text below the front matter: contains the invisible character "
        "U+001B after 'Red ': delete it; control characters cannot be shown or published"
    ]


def test_too_long_and_too_deep(data):
    data.write("notices/long.md", "---\ntitle: Long\ndate: 2026-11-01\n---\n" + "word " * 4001 + "\n")
    data.write("notices/deep.md", "---\ntitle: Deep\ndate: 2026-11-01\n---\nIntro.\n\n" + "> " * 21 + "deep\n")
    assert errors(data) == [
        f"{data.path('notices/deep.md')}:7:1: error: the text below the front matter: line 3 of the text is nested 21 "
        "levels deep in lists or quotes (counting each list or quote marker at its start and each 4 spaces of "
        "indentation); at most 20 levels are allowed: indent it less",
        # 4,001 words of 5 characters, less the final space the loader keeps: 20,005.
        f"{data.path('notices/long.md')}:5:1: error: the text below the front matter: is 20,005 characters long; at "
        "most 20,000 are allowed: shorten it, or publish the full text as a document and link to it",
    ]


def test_a_notice_saved_with_windows_line_breaks_is_fine(data):
    data.write("notices/windows.md", "---\r\ntitle: Windows\r\ndate: 2026-11-01\r\n---\r\n\r\nLine one.\r\n\r\n- item\r\n".encode())
    assert errors(data) == []


def test_a_lone_carriage_return_is_refused(data):
    data.write("notices/mac.md", b"---\ntitle: Mac\ndate: 2026-11-01\n---\nOne\rTwo\n")
    assert errors(data) == [
        f"{data.path('notices/mac.md')}:5:1: error: the text below the front matter: contains a carriage return (a line "
        "break from an old Mac editor) after 'One': delete it; control characters cannot be shown or published"
    ]


def test_a_text_of_invisible_characters_only_is_refused(data):
    data.write("notices/blank.md", "---\ntitle: Blank\ndate: 2026-11-01\n---\n\u200b\u200b\n")
    assert errors(data) == [
        f"{data.path('notices/blank.md')}:5:1: error: the text below the front matter: has no visible characters, only "
        "U+200B (ZERO WIDTH SPACE): write the text"
    ]
