"""Reading data files: every problem named by file, line, column and field, all at once."""

from __future__ import annotations

import gc
import weakref

import pytest

from conftest import SETTINGS, VALID_MODIFICATION
from secsite.model.loader import collector_paused, read_catalogue
from secsite.checks import check_data


def problems(data, severity="error"):
    _, _, found = check_data(data.root, SETTINGS)
    return [str(p) for p in found if p.severity == severity]


def only_problem(data):
    found = problems(data)
    assert len(found) == 1, found
    return found[0]


def test_valid_data_has_no_problems(data):
    assert problems(data) == []


def test_unknown_key_names_line_column_and_nearest_valid_key(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("proposer:", "propser:"))
    assert only_problem(data) == (
        f"{data.path('modifications/MP100.yml')}:6:1: error: unknown field 'propser' (did you mean 'proposer'?)"
    )


def test_nested_unknown_key_names_field_path(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("    large_suppliers: high", "    large_supplier: high"))
    assert only_problem(data).endswith(
        "MP100.yml:13:5: error: impacts.parties: unknown field 'large_supplier' (did you mean 'large_suppliers'?)"
    )


def test_missing_required_field(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("proposer: Example Energy\n", ""))
    assert only_problem(data).endswith("MP100.yml:1:1: error: proposer: required field is missing")


def test_wrong_enumeration_value_lists_the_allowed_ones(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("stage: refinement", "stage: refinment"))
    message = only_problem(data)
    assert "MP100.yml:3:8: error: stage: 'refinment' is not allowed" in message
    assert "'refinement'" in message


def test_unquoted_version_must_be_text(data):
    data.write("releases/2027-06.yml", 'id: "2027-06"\nrid:\n  - version: 1.0\n    date: 2026-03-01\n    summary: x\n')
    assert only_problem(data).endswith('2027-06.yml:3:14: error: rid[0].version: must be text: write it in quotes, "1.0"')


def test_impossible_date_and_bad_date_form(data):
    text = VALID_MODIFICATION.replace("decision_by: 2026-12-01", "decision_by: 2026-02-30").replace(
        "raised: 2025-01-15", "raised: 15/01/2025"
    )
    data.write("modifications/MP100.yml", text)
    found = problems(data)
    assert any(p.endswith("MP100.yml:5:9: error: raised: must be a date written YYYY-MM-DD") for p in found), found
    assert any(p.endswith("MP100.yml:20:20: error: implementation.dates[0].decision_by: is not a real calendar date") for p in found), found


def test_wrong_type_of_flag_and_money(data):
    text = VALID_MODIFICATION.replace("user_systems: false", "user_systems: maybe") + "costs:\n  sit: '£30'\n  uit: -5\n"
    data.write("modifications/MP100.yml", text)
    found = problems(data)
    assert any("impacts.user_systems: must be true or false, found 'maybe'" in p for p in found), found
    # VALID_MODIFICATION has 23 lines: the appended costs start on line 24.
    assert any(":25:8: error: costs.sit: must be a number (no quotes or currency signs), found '£30'" in p for p in found), found
    assert any(":26:8: error: costs.uit: must be at least 0, found -5" in p for p in found), found


def test_script_url_is_refused(data):
    text = VALID_MODIFICATION + "documents:\n  - title: Report\n    url: javascript:alert(1)\n"
    data.write("modifications/MP100.yml", text)
    assert only_problem(data).endswith("documents[0].url: must be a web address starting with https:// or http://")


def test_duplicate_key_is_an_error(data):
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("route: self-governance\n", "route: self-governance\nroute: authority\n"))
    assert only_problem(data).endswith("MP100.yml:5:1: error: duplicate key 'route' (first written on line 4)")


def test_file_name_must_equal_id(data):
    data.write("modifications/MP101.yml", VALID_MODIFICATION)
    assert only_problem(data).endswith("MP101.yml:1:5: error: id: 'MP100' does not match the file name: name the file MP100.yml")


def test_ids_differing_only_in_case_are_refused(data):
    data.write("modifications/mp100.yml", VALID_MODIFICATION)
    assert "the same id as" in only_problem(data)


def test_wrong_extension_is_reported(data):
    data.write("modifications/MP101.yaml", VALID_MODIFICATION)
    assert only_problem(data).endswith("MP101.yaml:0:0: error: files in modifications/ must end in .yml: rename it")


@pytest.mark.parametrize(
    "content, expected",
    [
        ("id: [unclosed\n", ":2:1: error: invalid YAML"),
        ("id: MP100\ntitle:\n\tbad: 1\n", "YAML does not allow tabs for indentation"),
        ("- a list\n- not a mapping\n", ":1:1: error: expected a mapping of fields (name: value), found a list"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", ":0:0: error: this is a binary file, not UTF-8 text"),
        (b"title: caf\xe9\n", ":1:1: error: the file is not UTF-8 text"),
        ("", ":0:0: error: the file is empty"),
        ("just text\n", "expected a mapping of fields (name: value), found text 'just text'"),
        ("id: !!python/object:os.system echo\n", "the YAML tag"),
        ("a: &x 1\n<<: *x\n", "merge keys"),
        ("x" * 5_000_000, "data files must stay under"),
    ],
    ids=["malformed", "tabs", "list", "binary", "latin1", "empty", "scalar", "python-tag", "merge", "5MB"],
)
def test_broken_files_give_one_clear_error_each(data, content, expected):
    data.write("modifications/MP100.yml", content)
    message = only_problem(data)
    assert message.startswith(data.path("modifications/MP100.yml") + ":")
    assert expected in message


def test_every_error_in_a_directory_is_reported(data):
    for n in range(101, 111):
        data.write(f"modifications/MP{n}.yml", VALID_MODIFICATION.replace("MP100", f"MP{n}").replace("stage: refinement", "stage: nope"))
    data.write("releases/2027-11.yml", 'id: "2027-11"\nkind: sideways\n')
    data.write("notices/hello.md", "---\ntitle: Hello\n---\nBody\n")
    found = problems(data)
    assert len([p for p in found if "stage: 'nope'" in p]) == 10
    assert any("2027-11.yml:2:7: error: kind:" in p for p in found)
    assert any("hello.md:2:1: error: date: required field is missing" in p for p in found)


def test_notice_front_matter_lines_count_from_the_top_of_the_file(data):
    data.write("notices/hello.md", "---\ntitle: Hello\ndate: 2026-01-05\nreleses: ['2027-06']\n---\nBody\n")
    assert only_problem(data).endswith("hello.md:4:1: error: unknown field 'releses' (did you mean 'releases'?)")


def test_notice_without_front_matter(data):
    data.write("notices/hello.md", "Just a body\n")
    assert "a notice starts with front matter" in only_problem(data)


def test_missing_data_directory(tmp_path):
    _, _, found = check_data(tmp_path / "nowhere", SETTINGS)
    assert [p.message for p in found] == ["the data directory does not exist"]


class _Node:
    pass


def test_a_rebuild_frees_reference_cycles_the_previous_load_set_aside(data):
    """``mkdocs serve`` loads the data again on every change: memory must not grow with each one."""
    with collector_paused():
        read_catalogue(data.root)
    node = _Node()
    node.itself = node  # a reference cycle, alive while the next load sets live objects aside
    gone = weakref.ref(node)
    with collector_paused():
        read_catalogue(data.root)
    del node
    with collector_paused():
        read_catalogue(data.root)
    assert gone() is None
    gc.unfreeze()


def test_reading_the_data_leaves_the_garbage_collector_alone(data):
    """A library call: the process that uses it keeps its own collector settings."""
    frozen = gc.get_freeze_count()
    read_catalogue(data.root)
    assert gc.isenabled() and gc.get_freeze_count() == frozen
