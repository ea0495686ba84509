"""Located YAML: values typed as PyYAML types them, positions of values and keys, and problems."""

from __future__ import annotations

import pickle
import time
from pathlib import Path
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import VALID_MODIFICATION, VALID_RELEASE, within
from secsite.model import loader, yamlsource
from secsite.model.yamlsource import YamlProblem, key_node, parse

DOC = """\
id: MP100
impacts:
  dcc_systems: true
  parties:
    large_suppliers: high
  documents:
    - Section H
    - "Appendix AD"
lead_analyst:
costs: {sit: 30000, uit: 5}
"""


def problem(text: str, line_offset: int = 0) -> tuple[str, int, int]:
    with pytest.raises(YamlProblem) as caught:
        parse(text, "f.yml", line_offset)
    return caught.value.message, caught.value.line, caught.value.column


# --- positions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, expected",
    [
        ((), (1, 1)),
        (("id",), (1, 5)),
        (("impacts", "dcc_systems"), (3, 16)),
        (("impacts", "parties", "large_suppliers"), (5, 22)),
        (("impacts", "documents", 0), (7, 7)),
        (("impacts", "documents", 1), (8, 7)),
        (("costs", "uit"), (10, 26)),
        (("lead_analyst",), (9, 1)),  # an empty value points at its key
        (("impacts", "documents", 5), (7, 5)),  # past the end: the list (its first item)
        (("impacts", "missing"), (3, 3)),  # a missing key: the mapping that lacks it (its first key)
        (("impacts", "parties", "large_suppliers", "deeper"), (5, 22)),  # below a scalar: the scalar
    ],
)
def test_locate_nested_values(path, expected):
    assert parse(DOC, "f.yml").locate(path) == expected


def test_key_node_points_at_the_key_not_the_value():
    doc = parse(DOC, "f.yml")
    assert key_node(doc, ("impacts", "parties", "large_suppliers")) == (5, 5)
    assert key_node(doc, ("costs", "uit")) == (10, 21)
    assert key_node(doc, ("impacts", "nope")) == doc.locate(("impacts", "nope"))


def test_front_matter_offset_moves_every_line_but_no_column():
    doc = parse(DOC, "n.md", line_offset=1)
    assert doc.locate(("impacts", "parties", "large_suppliers")) == (6, 22)
    assert key_node(doc, ("costs", "uit")) == (11, 21)
    assert parse("", "n.md", line_offset=1).locate(("x",)) == (2, 1)
    assert problem("a: 1\na: 2\n", line_offset=1) == ("duplicate key 'a' (first written on line 2)", 3, 1)
    assert problem("a: [1\n", line_offset=3)[1] == 5


def test_the_node_tree_is_composed_only_for_a_position_and_not_pickled():
    doc = parse(DOC, "f.yml")
    assert "root" not in doc.__dict__  # a file without problems never needs it
    assert doc.locate(("id",)) == (1, 5)
    assert "root" in doc.__dict__
    copy = pickle.loads(pickle.dumps(doc))
    assert "root" not in copy.__dict__
    assert copy == doc
    assert copy.locate(("impacts", "documents", 1)) == (8, 7)


# --- problems ------------------------------------------------------------------------------------


def test_duplicate_keys_are_refused_at_the_second():
    assert problem("a: 1\nb: 2\na: 3\n") == ("duplicate key 'a' (first written on line 1)", 3, 1)
    assert problem("x:\n  y: 1\n  y: 1\n") == ("duplicate key 'y' (first written on line 2)", 3, 3)
    assert problem("x: [{a: 1, a: 2}]\n") == ("duplicate key 'a' (first written on line 1)", 1, 12)
    # Keys are compared as written, whatever their quotes.
    assert problem("yes: 1\n'yes': 2\n") == ("duplicate key 'yes' (first written on line 1)", 2, 1)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: !!python/object:os.system x\n", (
            "the YAML tag 'tag:yaml.org,2002:python/object:os.system' is not supported here: if it is text, "
            'put the whole value in quotes ("!!python/object:os.system x")', 1, 4)),
        ("a: !!set {x}\n", ("the YAML tag 'tag:yaml.org,2002:set' is not supported here", 1, 4)),
        ("a: =\n", ("the YAML tag 'tag:yaml.org,2002:value' is not supported here: if it is text, put the whole value in quotes (\"=\")", 1, 4)),
        ("title: !Important fix\n", ("the YAML tag '!Important' is not supported here: if it is text, put the whole value in quotes (\"!Important fix\")", 1, 8)),
        ("[a]: 1\n", ("a key must be a plain word, not a list or mapping", 1, 1)),
        ("a: [1\n", ("invalid YAML: did not find expected ',' or ']'", 2, 1)),
        ("a: 1\n---\nb: 2\n", ("invalid YAML: but found another document", 2, 1)),
        ("a:\n\tb: 1\n", ("invalid YAML: found character that cannot start any token (YAML does not allow tabs for indentation: use spaces)", 2, 1)),
        ("a: @home\n", ("invalid YAML: found character that cannot start any token (put a value that starts with @ in quotes)", 1, 4)),
        ("title: Fix: the meter\n", ("invalid YAML: mapping values are not allowed in this context (put a value that contains ': ' in quotes; otherwise check the indentation)", 1, 11)),
    ],
)
def test_problems_are_located(text, expected):
    assert problem(text) == expected


# --- what data files never need, and YAML 1.1 readings that change what was written ----------------

# Nine levels, each repeating the one before nine times: 387 million strings once expanded.
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + before] * 9)}]\n" for before, name in zip("abcdefgh", "bcdefghi")
)
ANCHOR = "at the start of a value is read as a YAML anchor (a label for repeating the value), not as text"


def test_an_alias_bomb_is_refused_without_being_expanded():
    assert len(ALIAS_BOMB) < 700
    started = time.perf_counter()
    with within(5):
        message, line, column = problem(ALIAS_BOMB)
    assert time.perf_counter() - started < 0.5
    assert (line, column) == (2, 8)  # the first alias
    assert message.startswith("'*a' is read as a YAML alias (a repeat of the value labelled '&a'), which data files do not use")


@pytest.mark.parametrize("text, expected", [
    ("a: &x [*x]\n", (1, 8)),
    ("a: &x\n  b: *x\n", (2, 6)),
    ("a: &x [b, {c: [*x]}]\n", (1, 16)),
])
def test_a_recursive_alias_is_refused(text, expected):
    with within(5):
        message, *position = problem(text)
    assert tuple(position) == expected
    assert "YAML alias" in message and "write the value out in full" in message


@pytest.mark.parametrize("text, expected", [
    # An anchor that nothing repeats is most likely text: the message shows it quoted.
    ("proposer: &Co Ltd\n", (f"'&Co' {ANCHOR}: put the whole value in quotes (\"&Co Ltd\")", 1, 11)),
    ("proposer: &Co\n", (f"'&Co' {ANCHOR}: put the whole value in quotes (\"&Co\")", 1, 11)),
    ("documents:\n  - &H Section H\n", (f"'&H' {ANCHOR}: put the whole value in quotes (\"&H Section H\")", 2, 5)),
    ("a: &x\n  b: 1\n", ("'&x' is a YAML anchor (a label for repeating a value), which data files do not use: "
                         "remove it, and write the values out in full where they are needed", 1, 4)),
    # An alias explains its anchor, even before a syntax error it causes.
    ("a: &x 1\nb: *x\n", ("'*x' is read as a YAML alias (a repeat of the value labelled '&x'), which data files do not use: "
                          "write the value out in full, or put it in quotes if it is text", 2, 4)),
    ("proposer: *Star Energy\n", ("'*Star' is read as a YAML alias (a repeat of the value labelled '&Star'), which data files "
                                  "do not use: write the value out in full, or put it in quotes if it is text", 1, 11)),
    # A merge key explains its alias and anchor.
    ("a: &x {b: 1}\nc:\n  <<: *x\n", ("'<<' is read as a YAML merge key (it copies fields from elsewhere), and data files do not "
                                      "use merge keys, anchors (&) or aliases (*): write the fields out in full", 3, 3)),
    ("<<: {b: 1}\n", ("'<<' is read as a YAML merge key (it copies fields from elsewhere), and data files do not "
                      "use merge keys, anchors (&) or aliases (*): write the fields out in full", 1, 1)),
])
def test_anchors_aliases_and_merge_keys_are_refused_where_written(text, expected):
    assert problem(text) == expected


def test_quoted_anchors_aliases_and_merge_keys_are_text():
    assert parse("proposer: \"&Co Ltd\"\nb: '*x'\nc: '<<'\n", "f").value == {"proposer": "&Co Ltd", "b": "*x", "c": "<<"}
    assert parse("title: Gas & electricity\nnote: 2 * 3\n", "f").value == {"title": "Gas & electricity", "note": "2 * 3"}


def nested_mappings(levels: int) -> str:
    return "".join(f"{'  ' * level}k{level}:\n" for level in range(levels - 1)) + "  " * (levels - 1) + "last: 1\n"


def nested_lists(levels: int) -> str:
    """Block lists of mappings (a list and a mapping are two levels) under a top-level key."""
    pairs = (levels - 2) // 2
    last = "- 1" if levels % 2 == 0 else "- k: 1"  # one more level, or two
    return "a:\n" + "".join(f"{'  ' * level}- k:\n" for level in range(1, pairs + 1)) + "  " * (pairs + 1) + last + "\n"


TOO_DEEP = "lists and mappings are nested more than 50 levels deep here; data files need only a few: check the indentation and the brackets"


@pytest.mark.parametrize("text, position", [
    ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", (1, 1003)),  # libyaml stops at 1,000 brackets
    ("a: " + "[" * 50 + "]" * 50 + "\n", (1, 53)),
    ("a: " + "{b: " * 100_000 + "}" * 100_000 + "\n", None),
    (nested_mappings(1_000), (51, 101)),
    (nested_lists(1_000), (26, 53)),
    ("- " * 100_000 + "x\n", None),
])
def test_deep_nesting_is_refused_quickly(text, position):
    with within(5):
        message, *found = problem(text)
    assert message == TOO_DEEP
    assert position is None or tuple(found) == position


@pytest.mark.parametrize("nest", [nested_mappings, nested_lists])
def test_fifty_levels_are_read_both_ways_and_fifty_one_are_refused(nest):
    assert yamlsource._values_from_lines(nest(50)) == yamlsource._values_from_nodes(nest(50), 0)
    with pytest.raises(yamlsource._NeedsNodes):
        yamlsource._values_from_lines(nest(51))  # the fast way leaves it to the full way
    assert problem(nest(51))[0] == TOO_DEEP
    assert parse("a: " + "[" * 49 + "]" * 49 + "\n", "f").value["a"] == eval("[" * 49 + "]" * 49)


@pytest.mark.parametrize("scalar, expected", [
    ("0100000", "'0100000' is read as the number 32768 (YAML reads a leading zero as octal, base 8): "
                "put it in quotes (\"0100000\") if it is text, or drop the leading zero if a number was meant"),
    ("010", "'010' is read as the number 8 (YAML reads a leading zero as octal, base 8): "
            "put it in quotes (\"010\") if it is text, or drop the leading zero if a number was meant"),
    ("-010", "'-010' is read as the number -8 (YAML reads a leading zero as octal, base 8): "
             "put it in quotes (\"-010\") if it is text, or drop the leading zero if a number was meant"),
    ("0x1F", "'0x1F' is read as the number 31 (YAML reads '0x' as the start of a hexadecimal, base 16 number): "
             "put it in quotes (\"0x1F\") if it is text, or write the number in ordinary digits"),
    ("0b101", "'0b101' is read as the number 5 (YAML reads '0b' as the start of a binary, base 2 number): "
              "put it in quotes (\"0b101\") if it is text, or write the number in ordinary digits"),
    ("1:30", "'1:30' is read as the number 90 (YAML reads numbers with colons in base 60, like minutes and seconds): "
             "put it in quotes (\"1:30\")"),
    ("1:30:00", "'1:30:00' is read as the number 5400 (YAML reads numbers with colons in base 60, like minutes and seconds): "
                "put it in quotes (\"1:30:00\")"),
    ("1:30.5", "'1:30.5' is read as the number 90.5 (YAML reads numbers with colons in base 60, like minutes and seconds): "
               "put it in quotes (\"1:30.5\")"),
])
def test_numbers_yaml_misreads_are_refused(scalar, expected):
    assert problem(f"id: MP100\nsit: {scalar}\n") == (expected, 2, 6)
    assert problem(f"costs: [{scalar}]\n") == (expected, 1, 9)
    assert parse(f"a: '{scalar}'\n", "f").value == {"a": scalar}  # quoted: text, as written


def test_numbers_that_mean_what_they_say_are_kept():
    assert parse("a: 0\nb: 08\nc: 0x1G\nd: 0.5\ne: 1_000\nf: 1:75\ng: 10:30am\n", "f").value == {
        "a": 0, "b": "08", "c": "0x1G", "d": 0.5, "e": 1000, "f": "1:75", "g": "10:30am"}


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_character_yaml_reads_as_a_line_break_is_refused_where_the_editor_sees_it(separator):
    # Editors' programs show no line break there; YAML would start a new line, so every position
    # after it would be off and the value cut in two.
    message, line, column = problem(f"id: MP100\ntitle: Faster{separator}searches\nstage: refinement\n")
    assert (line, column) == (2, 14)  # "title: Faster" is 13 characters
    assert message.startswith(f"the file contains the invisible character U+{ord(separator):04X} (")
    assert message.endswith("which YAML reads as a line break: delete it (start a new line with Enter if one was meant)")


def test_a_huge_base_60_number_is_refused_without_working_it_out():
    with within(5):
        message, line, column = problem("a: 1" + ":0" * 300_000 + "\n")
    assert message == ("this value is read as a number (YAML reads numbers with colons in base 60, like minutes "
                       "and seconds): put it in quotes")
    assert (line, column) == (1, 4)


CUT = "the text after ' #' is read as a comment and dropped, leaving only"


@pytest.mark.parametrize("text, expected", [
    ("title: Smart meter #2 fix\n", (f"{CUT} 'Smart meter': put the whole value in quotes (\"Smart meter #2 fix\"); "
                                     "a comment needs a space after the #", 1, 8)),
    ("stage: refinement #moved back\n", (f"{CUT} 'refinement': put the whole value in quotes (\"refinement #moved back\"); "
                                         "a comment needs a space after the #", 1, 8)),
    ("documents:\n  - Section H\t#J\n", (f"{CUT} 'Section H': put the whole value in quotes (\"Section H\t#J\"); "
                                          "a comment needs a space after the #", 2, 5)),
    ("a: [x, y #z\n  ]\n", (f"{CUT} 'y': put the whole value in quotes (\"y #z\"); a comment needs a space after the #", 1, 8)),
    ("summary: Text that\n  goes on #2\n", (f"{CUT} 'Text that goes on': put the whole value in quotes; "
                                            "a comment needs a space after the #", 1, 10)),
])
def test_text_cut_short_by_a_comment_is_refused(text, expected):
    assert problem(text) == expected


def test_comments_that_drop_nothing_are_kept():
    """A comment after a value that is not text, or written as '# note', and comments on their own line."""
    text = """\
# a comment on its own line
approved: 2025-01-02  # per Panel
cost: 5 #pounds
dcc: true #checked
lead_analyst:  #to be appointed
title: "Smart meter" #quoted
name: 'C#' #quoted
summary: |  # literal text
  Text #not a comment
tag: C#
stage: development  # development | refinement
route: self-governance # as decided
ended: here #
items:
  # between items
  - 1 #one
"""
    assert parse(text, "f").value == {
        "approved": date(2025, 1, 2), "cost": 5, "dcc": True, "lead_analyst": None, "title": "Smart meter", "name": "C#",
        "summary": "Text #not a comment\n", "tag": "C#", "stage": "development", "route": "self-governance",
        "ended": "here", "items": [1],
    }


def test_problems_after_front_matter_are_on_the_file_s_lines():
    assert problem("a: 010\n", line_offset=1)[1:] == (2, 4)
    assert problem("a: &x [*x]\n", line_offset=1)[1:] == (2, 8)
    assert problem("t: a #b\n", line_offset=1)[1:] == (2, 4)


# --- typing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scalar, expected",
    [
        ('"1.0"', "1.0"),
        ("'1.0'", "1.0"),
        ("1.0", 1.0),
        ("1", 1),
        ("1_000", 1000),
        ("-5", -5),
        ("yes", True),
        ("No", False),
        ("on", True),
        ("OFF", False),
        ("true", True),
        ("False", False),
        ('"yes"', "yes"),
        ("y", "y"),  # YAML 1.1 as PyYAML reads it: y and n are text
        ("2025-06", "2025-06"),
        ('"2025-06"', "2025-06"),
        ("2025-06-26", date(2025, 6, 26)),
        ('"2025-06-26"', "2025-06-26"),
        ("2025-02-30", "2025-02-30"),  # not a real date: kept as text, for the model to report
        ("2025-06-26T10:30:00Z", datetime(2025, 6, 26, 10, 30, tzinfo=timezone.utc)),
        ("2025-06-26 10:30:00+01:00", datetime(2025, 6, 26, 10, 30, tzinfo=timezone(timedelta(hours=1)))),
        ("~", None),
        ("null", None),
        ("", None),
        ("''", ""),
        ("SEC Change", "SEC Change"),
        ("Octopus Energy", "Octopus Energy"),
        ("|\n  text\n", "text\n"),
        (">-\n  folded\n  text\n", "folded text"),
    ],
)
def test_plain_scalars_are_typed_quoted_ones_are_text(scalar, expected):
    value = parse(f"a: {scalar}\n", "f").value["a"]
    assert value == expected
    assert type(value) is type(expected)


def test_keys_stay_as_written():
    assert parse("yes: 1\n1.0: 2\n~: 3\n2025-06-26: 4\n", "f").value == {"yes": 1, "1.0": 2, "~": 3, "2025-06-26": 4}


def test_lists_and_nesting():
    assert parse("- 1\n- [a, 'b']\n- {c: ~}\n", "f").value == [1, ["a", "b"], {"c": None}]
    assert parse("# only a comment\n", "f").value is None


# --- the fast way and the full way agree ----------------------------------------------------------

SCALARS = [
    "x", "SEC Change", "yes", "No", "on", "~", "null", "", "1", "1.0", "-1", "+1", ".5", "1e3", ".inf", ".NaN", "0x1F",
    "0o17", "017", "0b101", "1_000", "1:30", "190:20:30.15", "2025-06", "2025-06-26", "2025-02-30", "2025-6-6 1:00:00",
    "2025-06-26T10:00:00Z", "'1.0'", '"yes"', '"a\\tb"', "'it''s'", "[1, yes]", "{a: 1}", "|\n  block",
]
AWKWARD_SCALARS = [
    "=", "<<", "&anchor v", "*anchor", "!!str 1", "! 1", "!!int '5'", "!custom x", "{a: 1, a: 2}", "a: b", "- x",
    "#comment", "[1", "\t", "&Co Ltd", "*x y", "Smart meter #2", "0100000", "[" * 51 + "]" * 51,
]
KEYS = ["id", "a", "b", "yes", "1.0", "~", "'q'", "2025-06-26"]
AWKWARD_KEYS = ["<<", "[k]", "? k", "&k k", "!!str k"]


def pick(common, awkward, odd):
    """What editors write; with ``odd``, now and then something only the full way handles."""
    return st.one_of(st.sampled_from(common), st.sampled_from(awkward)) if odd else st.sampled_from(common)


@st.composite
def documents(draw, odd=True, depth=0):
    """YAML text of nested mappings and lists of keys and scalars (with ``odd``, often invalid)."""
    indent = "  " * depth
    if depth and draw(st.booleans()):
        heads = [f"{indent}- "] * draw(st.integers(1, 3))
    else:
        keys = draw(st.lists(pick(KEYS, AWKWARD_KEYS, odd), min_size=1, max_size=4, unique=draw(st.booleans())))
        heads = [f"{indent}{key}: " for key in keys]
    lines = []
    for head in heads:
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            lines += [head.rstrip(), draw(documents(odd, depth + 1))]
        else:
            scalar = draw(pick(SCALARS, AWKWARD_SCALARS, odd))
            lines.append(head + scalar.replace("\n", "\n" + indent))  # a block scalar's lines indented
    return "\n".join(lines)


def outcome(read):
    try:
        return ("value", repr(read()))  # repr tells True from 1 and 1.0 from 1, and shows key order
    except YamlProblem as exc:
        return ("problem", exc.message, exc.line, exc.column)


@settings(max_examples=300, deadline=None)
@given(st.one_of(documents(odd=False), documents(odd=True)))
def test_fast_and_full_way_give_the_same_values_and_problems(text):
    full = outcome(lambda: yamlsource._values_from_nodes(text, 0))
    assert outcome(lambda: parse(text, "f").value) == full


# Documents in the block style editors write, with the details where a line-by-line reader could
# go wrong: indentation, comments and blank lines anywhere, text that looks like YAML syntax,
# literal and folded text with every header, keys written twice.
WORDS = st.text(alphabet=st.sampled_from(list("aaaaZ09      :#-'\"|>&*!?,[]{}%@`.~é£\\\t")), max_size=10)
LINE_SCALARS = st.one_of(
    st.sampled_from(SCALARS[:-1]),
    st.sampled_from(["SEC Change", "Section H", "2026-02-26", "Lower-case text", "Yesterday", "a:b", "C#", "it's"]),
    WORDS,
    WORDS.map(lambda t: f'"{t}"'),
    WORDS.map(lambda t: f"'{t}'"),
    st.tuples(st.sampled_from(SCALARS[:-1]), st.sampled_from(["", " ", "  ", " # note", "#x", " #2", " #"])).map("".join),
)
LINE_KEYS = st.sampled_from(["id", "a", "b", "c", "yes", "on", "snake_case", "title"] * 4 + ["with-hyphen", "'q'", "1", "é"])


@st.composite
def fillers(draw, indent):
    """Blank lines, lines of spaces and comments, at any indentation."""
    return draw(st.lists(st.sampled_from(["", "   ", "# c", " " * indent + "# c", " " * (indent + 3) + "#c"]), max_size=1))


@st.composite
def block_text(draw, indent):
    """A block scalar's header and its lines (``indent``: the indentation of its key or list)."""
    header = draw(st.sampled_from(["|", "|-", ">", ">-"] * 3 + ["|+", ">+", "|2", "| # c"]))
    width = indent + draw(st.sampled_from([0, 1, 2, 2, 2, 4]))
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text"] * 6 + ["empty"] * 2 + ["spaces", "deeper", "trailing", "hash"]))
        word = draw(st.sampled_from(["one", "two words", "three", "a: b", "- x", "#", "end:"]))
        lines.append({
            "text": " " * width + word, "empty": "", "spaces": " " * draw(st.integers(1, width + 2)),
            "deeper": " " * (width + 2) + word, "trailing": " " * width + word + " ", "hash": " " * width + "# not a comment",
        }[kind])
    return header, lines


@st.composite
def block_lines(draw, indent=0, depth=0):
    """The lines of a block mapping or list at ``indent``."""
    lines = draw(fillers(indent))
    pad = " " * indent
    if depth and draw(st.integers(0, 2)) == 0:
        for _ in range(draw(st.integers(1, 3))):
            dash = "- " + " " * draw(st.sampled_from([0, 0, 1, 3]))
            kind = draw(st.sampled_from(["scalar", "scalar", "mapping", "block", "bare"]))
            if kind == "mapping":
                inner = draw(block_lines(indent + len(dash), depth + 1))
                first = next((i for i, line in enumerate(inner) if line.strip() and not line.lstrip().startswith("#")), None)
                if first is None or inner[first].lstrip().startswith("- "):
                    lines.append(pad + dash + draw(LINE_SCALARS))
                else:
                    lines += inner[:first] + [pad + dash + inner[first].lstrip(" ")] + inner[first + 1:]
            elif kind == "block":
                header, text = draw(block_text(indent))
                lines += [pad + dash + header] + text
            elif kind == "bare":
                lines += [pad + "-"] + draw(block_lines(indent + 2, depth + 1))
            else:
                lines.append(pad + dash + draw(LINE_SCALARS))
            lines += draw(fillers(indent))
        return lines
    for key in draw(st.lists(LINE_KEYS, min_size=1, max_size=4, unique=draw(st.sampled_from([True, True, False])))):
        kind = draw(st.sampled_from(["scalar", "scalar", "scalar", "nested", "block", "empty"] if depth < 3 else ["scalar", "empty"]))
        if kind == "nested":
            lines += [f"{pad}{key}:"] + draw(block_lines(indent + draw(st.sampled_from([0, 1, 2, 2, 2, 4])), depth + 1))
        elif kind == "block":
            header, text = draw(block_text(indent))
            lines += [f"{pad}{key}: {header}"] + text
        elif kind == "empty":
            lines.append(f"{pad}{key}:" + draw(st.sampled_from(["", " ", " # c"])))
        else:
            lines.append(f"{pad}{key}: {draw(LINE_SCALARS)}")
        lines += draw(fillers(indent))
    return lines


@settings(deadline=None)  # examples: the profile's (tests/conftest.py), 1,500 on CI
@given(block_lines(), st.sampled_from(["\n", "\n", "\n", "", "\n\n", "\r\n"]))
def test_line_reader_and_full_way_agree_on_block_style(lines, end):
    text = (end if end == "\r\n" else "\n").join(lines) + end
    full = outcome(lambda: yamlsource._values_from_nodes(text, 0))
    assert outcome(lambda: parse(text, "f").value) == full


def test_the_line_reader_reads_every_bundled_file():
    """The bundled data stays on the fast way: a change to it or to the reader that loses this shows."""
    data = Path(__file__).parents[2] / "data"
    files = sorted(data.glob("*/*.yml")) + [data / "calendar.yml"]
    assert len(files) > 40
    for name in files:
        text = name.read_text(encoding="utf-8")
        assert yamlsource._values_from_lines(text) == yamlsource._values_from_nodes(text, 0), name


def test_letters_give_a_type_only_to_short_words():
    """The line reader takes plain text longer than five letters as text without asking PyYAML."""
    for first, rules in yamlsource._RESOLVERS.items():
        if first.isalpha():
            assert {tag for tag, _ in rules} <= {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}, first
    words = "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL ~".split()
    assert all(len(word) <= 5 for word in words)
    assert all(parse(f"a: {word}\n", "f").value["a"] in (True, False, None) for word in words)
    assert parse("a: Yesterday\n", "f").value["a"] == "Yesterday"


# --- parallel loading ----------------------------------------------------------------------------


def _many_files(data, count):
    """A valid directory of ``count`` modifications, with a few broken files among them."""
    for n in range(1000, 1000 + count):
        text = VALID_MODIFICATION.replace("MP100", f"MP{n}")
        if n % 97 == 0:
            text = text.replace("stage: refinement", "stage: refinment")
        if n % 131 == 0:
            text += "title: twice\n"
        data.write(f"modifications/MP{n}.yml", text)
    data.write("modifications/mp1001.yml", VALID_MODIFICATION.replace("MP100", "MP1001"))  # same id
    data.write("modifications/MP1002.yaml", "x")  # wrong suffix
    data.write("releases/2027-11.yml", VALID_RELEASE.replace("2027-06", "2027-11").replace("First draft", "'"))
    data.write("notices/hello.md", "---\ntitle: Hello\ndate: 2026-01-05\nmodifications: [MP1001]\n---\nBody\n")


def test_parallel_and_serial_reading_give_the_same_catalogue(data, monkeypatch):
    _many_files(data, loader.PARALLEL_MIN_FILES + 100)
    pools = []

    class CountedPool(loader.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(loader, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(loader, "_cpu_count", lambda: 2)
    parallel, parallel_problems = loader.read_catalogue(data.root)
    assert len(pools) == 1

    monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 10**9)
    serial, serial_problems = loader.read_catalogue(data.root)
    assert len(pools) == 1

    assert parallel_problems == serial_problems
    assert any("duplicate key 'title'" in p.message for p in serial_problems)
    assert any("the same id as" in p.message for p in serial_problems)
    assert list(parallel.modifications.items()) == list(serial.modifications.items())
    assert parallel.releases == serial.releases and parallel.notices == serial.notices
    assert dict(parallel.sources) == dict(serial.sources)
    assert parallel.unreadable == serial.unreadable
    assert parallel.calendar == serial.calendar


def test_reading_falls_back_to_one_process_when_workers_cannot_start(data, monkeypatch):
    _many_files(data, loader.PARALLEL_MIN_FILES + 10)

    def no_processes(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(loader, "_cpu_count", lambda: 2)
    monkeypatch.setattr(loader, "ProcessPoolExecutor", no_processes)
    fallback, fallback_problems = loader.read_catalogue(data.root)
    monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 10**9)
    serial, serial_problems = loader.read_catalogue(data.root)
    assert fallback_problems == serial_problems
    assert list(fallback.modifications.items()) == list(serial.modifications.items())


# --- paths in messages ---------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["parent", "inside", "elsewhere"])
def test_paths_in_messages_are_relative_to_the_working_directory_when_inside_it(data, tmp_path, monkeypatch, where):
    # The tree: <tmp>/data/{stray.txt, modifications/{MP101.yml, notes.txt, MP102.yml}}, where
    # MP102.yml is a link to <tmp>/outside/MP102.yml. A path is shown as an editor would type it:
    # relative to the working directory when the file (a link: its target) lies inside it, else
    # absolute, as given. Worked out by hand for each working directory:
    # - <tmp>: everything lies inside it, so "data/...";
    # - <tmp>/data: its own files are "modifications/...", "stray.txt"; the link's target is outside:
    #   the link is shown absolute;
    # - <tmp>/outside: the data folder is outside: absolute; the link's target is inside it, so the
    #   link is shown relative, "../data/modifications/MP102.yml".
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "MP102.yml").write_text(VALID_MODIFICATION.replace("MP100", "MP102").replace("stage: refinement", "stage: x"))
    (data.root / "modifications" / "MP102.yml").symlink_to(outside / "MP102.yml")  # a link out of the tree
    data.write("modifications/MP101.yml", VALID_MODIFICATION.replace("stage: refinement", "stage: x"))
    data.write("modifications/notes.txt", "x")
    data.write("stray.txt", "x")
    absolute = f"{tmp_path}/data"
    expected = {
        "parent": [
            "data/modifications/MP101.yml", "data/modifications/MP102.yml", "data/modifications/notes.txt",
            "data/stray.txt",
        ],
        "inside": [
            f"{absolute}/modifications/MP102.yml", "modifications/MP101.yml", "modifications/notes.txt",
            "stray.txt",
        ],
        "elsewhere": [
            "../data/modifications/MP102.yml", f"{absolute}/modifications/MP101.yml",
            f"{absolute}/modifications/notes.txt", f"{absolute}/stray.txt",
        ],
    }[where]
    monkeypatch.chdir({"parent": tmp_path, "inside": tmp_path / "data", "elsewhere": outside}[where])
    _, found = loader.read_catalogue(data.root)
    assert sorted({p.path for p in found}) == expected


def test_a_character_yaml_does_not_allow_is_named_at_its_place():
    # 'é' takes two bytes in UTF-8: the column counts characters, as text editors do.
    with pytest.raises(YamlProblem) as problem:
        parse("title: éé\nproposer: Energy\x1bCo\n", "f.yml")
    assert (problem.value.line, problem.value.column) == (2, 17)
    assert problem.value.message == "the file contains the invisible character U+001B, which YAML does not allow: delete it"
