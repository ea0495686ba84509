"""`secsite new …` as an editor runs it: the console script writes a file that `secsite check` accepts."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import test_schema
from secsite.adapters import scaffold
from secsite.model.loader import read_catalogue
from secsite.model import Release
from sitebuild import COMMAND, EPOCH


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "SOURCE_DATE_EPOCH")}
    env["SOURCE_DATE_EPOCH"] = EPOCH
    result = subprocess.run(COMMAND + list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def check(cwd: Path) -> subprocess.CompletedProcess:
    return run(cwd, "check", "data")


# (command line after `secsite new`, the file it writes, its kind for the JSON Schema)
VARIANTS = [
    (["modification", "MP301", "Faster device searches"], "modifications/MP301.yml", "modification"),
    (["modification", "SECMP0101", "Title: with # and \"quotes\"", "--route", "authority", "--proposer", "Example Energy"],
     "modifications/SECMP0101.yml", "modification"),
    (["release", "2027-11"], "releases/2027-11.yml", "release"),
    (["release", "2028-02"], "releases/2028-02.yml", "release"),
    (["release", "2027-03-mp301", "--go-live", "2027-03-18", "--type", "documentation"], "releases/2027-03-mp301.yml", "release"),
    (["release", "2027-04", "--go-live", "2027-04-01", "--type", "system"], "releases/2027-04.yml", "release"),
    (["notice", "Change freeze over Christmas 2027"], "notices/2026-11-26-change-freeze-over-christmas-2027.md", "notice"),
    (["notice", "MP100: approved — for the June release!", "--release", "2027-06", "--modification", "MP100"],
     "notices/2026-11-26-mp100-approved-for-the-june-release.md", "notice"),
]
IDS = ["modification", "modification with options", "scheduled release", "documentation release", "ad hoc release",
       "ad hoc release without suffix", "notice", "notice with references"]


@pytest.mark.parametrize(("args", "written", "kind"), VARIANTS, ids=IDS)
def test_new_writes_a_file_that_passes_check(data, args, written, kind):
    assert check(data.root.parent).returncode == 0  # the starting point is clean
    result = run(data.root.parent, "new", *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(Path("data") / written)
    path = data.root / written
    checked = check(data.root.parent)
    assert checked.returncode == 0, checked.stdout
    assert checked.stderr == "secsite check: 0 errors, 0 warnings\n", checked.stdout
    text = path.read_text(encoding="utf-8")
    instance = test_schema.editor_view(test_schema.front_matter(text) if kind == "notice" else text)
    assert test_schema.problems(kind, instance) == []  # the editor's schema agrees


def test_the_new_files_say_what_was_asked(data):
    cwd = data.root.parent
    title = 'Title: with # and "quotes"'
    assert run(cwd, "new", "modification", "SECMP0101", title, "--route", "authority", "--proposer", "Example Energy").returncode == 0
    assert run(cwd, "new", "notice", "MP100: approved!", "--release", "2027-06", "--modification", "MP100").returncode == 0
    assert run(cwd, "new", "release", "2027-03-mp301", "--go-live", "2027-03-18", "--type", "documentation").returncode == 0
    catalogue, problems = read_catalogue(data.root)
    assert [p for p in problems if p.severity == "error"] == []
    mod = catalogue.modifications["SECMP0101"]
    assert (mod.title, mod.stage, mod.route, mod.proposer, str(mod.raised)) == (title, "development", "authority", "Example Energy", "2026-11-26")
    assert mod.implementation is None and not mod.impacts.systems
    notice = catalogue.notices["2026-11-26-mp100-approved"]
    assert (notice.title, str(notice.date), notice.releases, notice.modifications) == ("MP100: approved!", "2026-11-26", ("2027-06",), ("MP100",))
    release = catalogue.releases["2027-03-mp301"]
    assert (release.kind, release.type, str(release.go_live)) == ("ad-hoc", "documentation", "2027-03-18")
    scheduled = run(cwd, "new", "release", "2027-11")
    assert scheduled.returncode == 0
    text = (data.root / "releases/2027-11.yml").read_text(encoding="utf-8")
    assert "\ngo_live:" not in text and 'id: "2027-11"' in text  # the rule date applies (R7)
    assert text.startswith("# yaml-language-server: $schema=../../content/schemas/release.schema.json\n")


@pytest.mark.parametrize(("args", "written"), [(v[0], v[1]) for v in VARIANTS], ids=IDS)
def test_new_refuses_to_overwrite(data, args, written):
    cwd = data.root.parent
    assert run(cwd, "new", *args).returncode == 0
    path = data.root / written
    path.write_text(path.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    before = path.read_bytes()
    again = run(cwd, "new", *args)
    assert again.returncode == 1
    assert "already exists" in again.stderr and again.stdout == ""
    assert path.read_bytes() == before


def test_new_refuses_an_id_that_exists_in_another_case(data):
    before = (data.root / "modifications/MP100.yml").read_bytes()
    result = run(data.root.parent, "new", "modification", "MP100", "Another title")
    assert result.returncode == 1 and "MP100.yml already exists" in result.stderr
    assert (data.root / "modifications/MP100.yml").read_bytes() == before
    (data.root / "releases/2027-06.yml").rename(data.root / "releases/2027-06-x.yml")
    data.write("releases/2027-06-X.yml", "")  # ids are compared ignoring case, as in the loader
    result = run(data.root.parent, "new", "release", "2027-06-x", "--go-live", "2027-06-01", "--type", "system")
    assert result.returncode == 1 and "already exists" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["modification", "mp301", "Title"], "is not a modification id"),
        (["modification", "MP301", "   "], "the title must not be empty"),
        (["modification", "MP301", "x" * 1001], "the title is 1,001 characters long"),
        (["modification", "MP301", "Title", "--proposer", "Energy\u202eCo"], "the proposer contains the invisible character U+202E"),
        (["release", "2027-13"], "is not a release id"),
        (["release", "2027-07"], "give --go-live and --type"),
        (["release", "2027-07", "--type", "system"], "give --go-live"),
        (["release", "2027-06", "--go-live", "2027-06-10"], "is a scheduled release"),
        (["release", "2027-07-mp1", "--go-live", "2027-08-05", "--type", "system"], "does not fall in 2027-07"),
        (["notice", "!!!"], "at least one letter or digit"),
        (["notice", "Title", "--release", "June"], "is not a release id"),
    ],
)
def test_bad_requests_write_nothing_and_say_why(data, args, message):
    before = sorted(p.relative_to(data.root) for p in data.root.rglob("*"))
    result = run(data.root.parent, "new", *args)
    assert result.returncode == 1
    assert result.stderr.startswith("secsite new: ") and message in result.stderr
    assert sorted(p.relative_to(data.root) for p in data.root.rglob("*")) == before


def test_data_dir_option_and_a_missing_data_dir(data, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(elsewhere, "new", "notice", "Hello", "--data-dir", str(data.root))
    assert result.returncode == 0
    assert (data.root / "notices/2026-11-26-hello.md").exists()
    missing = run(elsewhere, "new", "notice", "Hello")
    assert missing.returncode == 1 and "does not exist" in missing.stderr
    assert not (elsewhere / "data").exists()


def test_the_notice_id_uses_the_build_date(data):
    env_epoch = "1798761600"  # 1 January 2027, 00:00 UTC
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["SOURCE_DATE_EPOCH"] = env_epoch
    result = subprocess.run(COMMAND + ["new", "notice", "Happy New Year"], cwd=data.root.parent, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    text = (data.root / "notices/2027-01-01-happy-new-year.md").read_text(encoding="utf-8")
    assert "\ndate: 2027-01-01" in text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40))
def test_any_printable_title_reads_back_unchanged(title):
    title = " ".join(title.split())
    if not title or not title.isprintable():
        return
    value = yaml.safe_load(f"title: {scaffold._scalar(title)}\n")["title"]
    assert value == title


def test_an_ad_hoc_release_is_recorded_on_the_build_date(data):
    # An ad hoc release exists (and is announced) from the day it was first recorded: the file
    # written on 26 November 2026 (EPOCH) says so, and `secsite check` needs it.
    assert run(data.root.parent, "new", "release", "2027-03-mp301", "--go-live", "2027-03-18", "--type", "system").returncode == 0
    catalogue, problems = read_catalogue(data.root)
    assert [p for p in problems if p.severity == "error"] == []
    assert str(catalogue.releases["2027-03-mp301"].recorded) == "2026-11-26"
    scheduled = scaffold.new_release(data.root, "2027-06").text
    assert "\nrecorded:" not in scheduled  # a scheduled release exists by rule


def _uncomment(text: str, keys: tuple[str, ...]) -> str:
    """The starting file with the commented-out blocks that start with ``keys`` switched on."""
    lines, inside = [], False
    for line in text.splitlines():
        if line.startswith("# ") and any(line[2:].startswith(f"{key}:") for key in keys):
            inside = True
            lines.append(line[2:])
        elif inside and line.startswith("#   "):
            lines.append(line[2:])
        else:
            inside = False
            lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("release_id", "options"), [("2027-06", {}), ("2027-03-mp301", {"go_live": date(2027, 3, 18), "release_type": "system"})])
def test_the_commented_history_fields_fit_the_model(tmp_path, release_id, options):
    text = scaffold.new_release(tmp_path, release_id, today=date(2026, 11, 26), **options).text
    keys = ("first_go_live", "date_changes", "type_changes", "cancelled")
    switched_on = _uncomment(text, keys)
    release = Release.model_validate(yaml.safe_load(switched_on))
    assert release.type_changes and release.cancelled is not None and release.date_changes
    assert (release.first_go_live is not None) == (release.kind == "ad-hoc")
