"""Reading data files: every problem named by file, line, column and field, all at once."""

from __future__ import annotations

import gc
import os
import shutil
import socket
import stat
import weakref

import pytest

from conftest import SETTINGS, VALID_MODIFICATION, within
from secsite.model import loader
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
    assert only_problem(data).endswith("MP101.yaml:1:1: error: files in modifications/ must end in .yml: rename it to MP101.yml")


@pytest.mark.parametrize(
    "content, expected",
    [
        ("id: [unclosed\n", ":2:1: error: invalid YAML"),
        ("id: MP100\ntitle:\n\tbad: 1\n", "YAML does not allow tabs for indentation"),
        ("- a list\n- not a mapping\n", ":1:1: error: expected a mapping of fields (name: value), found a list"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", ":1:1: error: this is a binary file, not UTF-8 text"),
        (b"title: caf\xe9\n", ":1:1: error: the file is not UTF-8 text"),
        ("", ":1:1: error: the file is empty: fill it in or delete it"),
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
    assert [str(p) for p in found] == [
        f"{tmp_path / 'nowhere'}:1:1: error: the data directory does not exist: "
        "check the folder given to secsite check, or data_dir in mkdocs.yml"
    ]


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


# --- what may be in the data folder ---------------------------------------------------------------
# Only ordinary files, directly in data/, modifications/, releases/ and notices/, are read. Anything
# else is reported by path and never opened: a link may lead out of the repository (the file's bytes
# would reach the log, the site or the feed) or to itself, and opening a named pipe never returns.

SECRET = "SECRET-4f1c2a9e"
# Outside data/: YAML that a parser would quote in its error message, and a valid notice.
SECRET_YAML = f"id: [{SECRET} root:x:0:0:root:/root:/bin/bash\n"
SECRET_NOTICE = f"---\ntitle: {SECRET}\ndate: 2026-01-05\n---\n{SECRET} body\n"
LINK = "error: a symbolic link: links in the data folder are never followed; put the {} itself here, or delete the link"


@pytest.fixture
def outside(tmp_path):
    """A folder beside data/ holding the secret in files, in a notice and in a file name."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yml").write_text(SECRET_YAML)
    (folder / "notice.md").write_text(SECRET_NOTICE)
    (folder / f"2026-01-05-{SECRET.lower()}.md").write_text(SECRET_NOTICE)
    return folder


def all_output(found):
    """Every byte ``secsite check`` would print of these problems, in both formats."""
    return "\n".join(str(p) + "\n" + p.github() for p in found)


@pytest.mark.parametrize(
    "link, target, want",
    [
        ("modifications/MP101.yml", "secret.yml", "file"),
        ("releases/2027-11.yml", "secret.yml", "file"),
        ("notices/2026-01-05-notice.md", "notice.md", "file"),
        ("calendar.yml", "secret.yml", "file"),
        ("README.md", "notice.md", "file"),
        ("notices/.gitkeep", "secret.yml", "file"),
        ("notices", ".", "folder"),  # data/notices -> a folder outside (as a link to /etc was)
        ("extra", ".", "file or folder"),
        ("modifications/MP102.yml", "../modifications/MP100.yml", "file"),  # inside data/: refused all the same
        ("modifications/MP103.yml", "nowhere", "file"),  # dangling
        ("modifications/MP104.yml", "MP104.yml", "file"),  # a loop
        ("releases", "releases", "folder"),  # a folder that loops
    ],
    ids=["modification", "release", "notice", "calendar", "readme", "gitkeep", "notices-folder", "stray-folder",
         "inside", "dangling", "loop", "folder-loop"],
)
def test_a_symbolic_link_is_refused_by_its_path_and_never_read(data, outside, link, target, want):
    path = data.root / link
    if path.is_dir():
        shutil.rmtree(path)
    path.symlink_to(outside / target if target in ("secret.yml", "notice.md", ".") else target)
    _, _, found = check_data(data.root, SETTINGS)
    assert f"{path}:1:1: {LINK.format(want)}" in [str(p) for p in found], found
    assert SECRET not in all_output(found) and SECRET.lower() not in all_output(found)


@pytest.mark.parametrize("link", ["notices/2026-01-05-notice.md", "modifications/MP101.yml"])
def test_a_hard_link_to_a_file_outside_is_refused_and_never_read(data, outside, link):
    # Git never writes one, but a hard link looks like an ordinary file: only its link count tells.
    os.link(outside / ("notice.md" if link.endswith(".md") else "secret.yml"), data.root / link)
    _, _, found = check_data(data.root, SETTINGS)
    assert f"{data.root / link}:1:1: error: a hard link: the file has other names, which may be outside the data " \
           "folder, so it is never read; copy its text into a new file" in [str(p) for p in found]
    assert SECRET not in all_output(found) and SECRET.lower() not in all_output(found)


def test_a_linked_data_folder_is_read(data, tmp_path):
    """Only what is inside is restricted: the data folder itself may be a link (the benchmark links it)."""
    (tmp_path / "linked").symlink_to(data.root, target_is_directory=True)
    catalogue, _, found = check_data(tmp_path / "linked", SETTINGS)
    assert found == [] and list(catalogue.modifications) == ["MP100"]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda path: path.write_text("x"), "the data directory is not a folder"),
        (lambda path: path.symlink_to("nowhere"), "the data directory does not exist"),
        (lambda path: path.symlink_to(path), "cannot read the data directory (Too many levels of symbolic links)"),
    ],
    ids=["file", "dangling-link", "loop"],
)
def test_a_data_folder_that_cannot_be_read_is_one_error(tmp_path, make, message):
    make(tmp_path / "data")
    _, _, found = check_data(tmp_path / "data", SETTINGS)
    assert [str(p) for p in found] == [
        f"{tmp_path / 'data'}:1:1: error: {message}: check the folder given to secsite check, or data_dir in mkdocs.yml"
    ]


def _socket(path):
    here = os.getcwd()
    os.chdir(path.parent)  # a socket's path is limited to about 100 bytes: bind it by its name
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(path.name)
    finally:
        os.chdir(here)


def _device(path):
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # as /dev/null
    except PermissionError:
        pytest.skip("making a device file needs root")


@pytest.mark.parametrize(
    "relative, make, what",
    [
        ("modifications/MP101.yml", os.mkfifo, "a named pipe (FIFO)"),
        ("notices/2026-01-05-hello.md", os.mkfifo, "a named pipe (FIFO)"),
        ("calendar.yml", os.mkfifo, "a named pipe (FIFO)"),
        ("modifications/MP102.yml", _socket, "a socket"),
        ("releases/2027-11.yml", _device, "a device file"),
    ],
    ids=["fifo-modification", "fifo-notice", "fifo-calendar", "socket", "device"],
)
def test_a_special_file_is_refused_without_being_opened(data, relative, make, what):
    make(data.root / relative)
    with within(10):
        message = only_problem(data)
    assert message == f"{data.path(relative)}:1:1: error: {what}, not an ordinary file: it is never opened; delete it"


@pytest.mark.parametrize(
    "relative, message",
    [
        ("modifications/MP101.yml/MP101.yml", "modifications/MP101.yml:1:1: error: a folder: data files go directly in "
         "modifications/, not in folders inside it; move its files up or delete it"),
        ("notices/archive/2026-01-05-old.md", "notices/archive:1:1: error: a folder: data files go directly in notices/, "
         "not in folders inside it; move its files up or delete it"),
        ("extra/MP101.yml", "extra:1:1: error: a folder that is not read: the data folder holds only calendar.yml, "
         "README.md and the folders modifications/, releases/ and notices/; move its files or delete it"),
        ("notice/2026-01-05-hello.md", "notice:1:1: error: not a data folder name: rename it to notices/"),
        ("calendar.yml/x", "calendar.yml:1:1: error: must be a file, not a folder: delete the folder and make the file calendar.yml"),
    ],
    ids=["named-like-a-file", "in-notices", "stray", "misspelt", "calendar"],
)
def test_a_folder_where_files_belong_is_refused(data, relative, message):
    data.write(relative, "x")
    assert only_problem(data) == f"{data.root}/{message}"


def test_a_file_where_a_data_folder_belongs_is_refused(data):
    shutil.rmtree(data.root / "notices")
    data.write("notices", "x")
    assert only_problem(data) == (
        f"{data.path('notices')}:1:1: error: must be a folder, not a file: delete the file and make the folder notices/"
    )


@pytest.mark.parametrize(
    "relative, right",
    [
        ("modifications/MP101.YML", "rename it to MP101.yml"),
        ("modifications/MP101.Yml", "rename it to MP101.yml"),
        ("modifications/MP101.YAML", "rename it to MP101.yml"),
        ("releases/2027-11.yaml", "rename it to 2027-11.yml"),
        ("notices/2026-01-05-hello.MD", "rename it to 2026-01-05-hello.md"),
        ("notices/2026-01-05-hello.markdown", "rename it to 2026-01-05-hello.md"),
        ("modifications/README.md", "this is not a modification file; move it or delete it"),
    ],
)
def test_a_data_file_with_the_wrong_extension_is_an_error(data, relative, right):
    data.write(relative, VALID_MODIFICATION)
    folder = relative.split("/")[0]
    suffix = ".md" if folder == "notices" else ".yml"
    assert only_problem(data) == f"{data.path(relative)}:1:1: error: files in {folder}/ must end in {suffix}: {right}"


@pytest.mark.parametrize(
    "name, shown, problem",
    [
        ("MP101.yml ", "MP101.yml ", "starts or ends with a space: rename it to MP101.yml"),
        (" MP101.yml", " MP101.yml", "starts or ends with a space: rename it to MP101.yml"),
        ("MP101\n.yml", "MP101\\n.yml", "has a control or invisible character in it (\\n): rename it to MP101.yml"),
        ("MP101.yml\r", "MP101.yml\\r", "has a control or invisible character in it (\\r): rename it to MP101.yml"),
        ("MP101.yml\t", "MP101.yml\\t", "has a control or invisible character in it (\\t): rename it to MP101.yml"),
        ("MP\x1b[31m101.yml", "MP\\x1b[31m101.yml", "has a control or invisible character in it (\\x1b): rename it"),
        ("MP101\u202e.yml", "MP101\\u202e.yml", "has a control or invisible character in it (\\u202e): rename it to MP101.yml"),
        ("MP\u200b101.yml", "MP\\u200b101.yml", "has a control or invisible character in it (\\u200b): rename it to MP101.yml"),
        ("MP101\u00a0.yml", "MP101\\xa0.yml", "has a control or invisible character in it (\\xa0): rename it to MP101.yml"),
        ("MP\udcff101.yml", "MP\\udcff101.yml", "has a control or invisible character in it (\\udcff): rename it to MP101.yml"),
    ],
    ids=["trailing-space", "leading-space", "newline", "carriage-return", "tab", "escape", "right-to-left",
         "zero-width", "no-break-space", "not-utf8"],
)
def test_a_name_with_invisible_characters_is_refused_and_shown_visibly(data, name, shown, problem):
    (data.root / "modifications" / name).write_text(VALID_MODIFICATION.replace("MP100", "MP101"))
    assert only_problem(data) == f"{data.path('modifications')}/{shown}:1:1: error: the name {problem}"


@pytest.mark.parametrize(
    "relative, text, foreign",
    [
        ("modifications/MP١٢٣.yml", VALID_MODIFICATION.replace("MP100", "MP١٢٣"), "'١'"),
        ("modifications/MP１２３.yml", VALID_MODIFICATION.replace("MP100", "MP１２３"), "'１'"),
        ("releases/٢٠٢٧-11.yml", 'id: "٢٠٢٧-11"\n', "'٢'"),
        ("notices/2026-01-05-notice-٣.md", "---\ntitle: Hi\ndate: 2026-01-05\n---\nBody\n", "'٣'"),
    ],
    ids=["arabic-indic", "fullwidth", "release", "notice"],
)
def test_an_id_with_digits_of_another_script_is_refused_by_its_file_name(data, relative, text, foreign):
    data.write(relative, text)
    message = only_problem(data)
    assert message.startswith(f"{data.path(relative)}:1:1: error: the file name is the ")
    assert message.endswith(f"({foreign} is not an ASCII letter or digit); rename it")


@pytest.mark.parametrize(
    "relative, page",
    [
        ("notices/index.md", "the list of notices"),
        ("modifications/index.yml", "the Modifications Register"),
        ("releases/index.yml", "the list of releases"),
    ],
)
def test_a_file_named_like_a_generated_list_page_is_refused(data, relative, page):
    data.write(relative, "---\ntitle: Hi\ndate: 2026-01-05\n---\nBody\n")
    assert only_problem(data) == (
        f"{data.path(relative)}:1:1: error: 'index' is the name of {page}, which the site makes itself: choose another name"
    )


def test_a_gitkeep_placeholder_is_allowed_anywhere(data):
    for folder in ("", "modifications/", "releases/", "notices/"):
        data.write(f"{folder}.gitkeep", "")
    assert problems(data, "error") == problems(data, "warning") == []


def test_other_files_are_reported_never_skipped_silently(data):
    data.write(".DS_Store", b"\x00\x00\x00\x01Bud1")
    data.write("modifications/notes.txt", "x")
    data.write("modifications/.MP101.yml", VALID_MODIFICATION)
    data.write("MP101.yml", VALID_MODIFICATION)
    data.write("calendar.yaml", "change_freezes: []\n")
    data.write("releases/2027-06.yml.orig", "id: '2027-06'\n")
    # Only a hidden file a system leaves behind is let off with a warning: a backup or a file in
    # another format would otherwise be missing from the site without anyone noticing.
    assert problems(data, "warning") == [
        f"{data.path('.DS_Store')}:1:1: warning: a hidden file, not a data file: it is ignored; delete it",
    ]
    assert problems(data) == [
        f"{data.path('MP101.yml')}:1:1: error: not read here: the data folder holds only calendar.yml, README.md and "
        "the folders modifications/, releases/ and notices/; move it into its folder or delete it",
        f"{data.path('calendar.yaml')}:1:1: error: not a data file name: rename it to calendar.yml",
        f"{data.path('modifications/.MP101.yml')}:1:1: error: the file name is the modification's id: it must be "
        "a modification id such as MP123, MP123A, DP123 or SECMP0123, followed by .yml; rename it",
        f"{data.path('modifications/notes.txt')}:1:1: error: files in modifications/ must end in .yml: "
        "this is not a modification file; move it or delete it",
        f"{data.path('releases/2027-06.yml.orig')}:1:1: error: files in releases/ must end in .yml: "
        "this looks like a copy of 2027-06.yml; delete it",
    ]


def test_a_refused_file_is_not_reported_again_as_a_missing_reference(data):
    (data.root / "modifications" / "MP101.yml").symlink_to("nowhere")
    data.write("notices/2026-01-05-hello.md", "---\ntitle: Hi\ndate: 2026-01-05\nmodifications: [MP101]\n---\nBody\n")
    assert "a symbolic link" in only_problem(data)


@pytest.mark.parametrize("swap", ["link", "fifo"])
def test_a_file_swapped_for_a_link_or_pipe_after_the_listing_is_not_read(data, outside, monkeypatch, swap):
    """A race: the file is an ordinary one when listed and something else when opened."""
    listed = loader._entries

    def entries_then_swap(folder):
        found = listed(folder)
        if folder.name == "modifications":
            (folder / "MP100.yml").unlink()
            if swap == "link":
                (folder / "MP100.yml").symlink_to(outside / "secret.yml")
            else:
                os.mkfifo(folder / "MP100.yml")
        return found

    monkeypatch.setattr(loader, "_entries", entries_then_swap)
    with within(10):
        _, _, found = check_data(data.root, SETTINGS)
    expected = {"link": "a symbolic link: links in the data folder are never followed; put the file itself here",
                "fifo": "not an ordinary file: it is never read; delete it"}[swap]
    assert f"{data.path('modifications/MP100.yml')}:1:1: error: {expected}" in [str(p) for p in found]
    assert SECRET not in all_output(found)


def test_an_id_in_other_letter_case_without_its_twin_is_refused_by_its_file_name(data):
    data.write("modifications/mp101.yml", VALID_MODIFICATION.replace("MP100", "MP101"))
    assert "the file name is the modification's id: it must be a modification id such as MP123" in only_problem(data)
