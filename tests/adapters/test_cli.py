"""`secsite check` as an editor or a CI job runs it: the installed console script, in a subprocess."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone

import pytest

import test_loader
from conftest import VALID_MODIFICATION
from sitebuild import COMMAND, EPOCH


# The broken files of test_loader, so both lists stay the same.
_BROKEN = next(m for m in test_loader.test_broken_files_give_one_clear_error_each.pytestmark if m.name == "parametrize")
BROKEN_FILES = _BROKEN.args[1]
BROKEN_IDS = _BROKEN.kwargs["ids"]

R17_RELEASE = 'id: "2026-11"\ntesting:\n  tad_published: 2026-05-20\n'
R17_WARNING = (
    "data/releases/2026-11.yml:3:3: warning: testing: R17: Testing Approach Document published on 20 May 2026, "
    "after the latest date the policy allows (5 May 2026, policy 6.1)."
)
BAD_STAGE = VALID_MODIFICATION.replace("stage: refinement", "stage: nope")
BAD_STAGE_PREFIX = "data/modifications/MP100.yml:3:8: error: stage: 'nope' is not allowed: use "


def secsite(data, *args: str, env: dict | None = None, epoch: str | None = EPOCH) -> subprocess.CompletedProcess:
    """Run ``secsite check data ARGS`` from the folder holding the data, as an editor would."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "SOURCE_DATE_EPOCH")}
    if epoch is not None:
        environment["SOURCE_DATE_EPOCH"] = epoch
    environment.update(env or {})
    result = subprocess.run(
        COMMAND + ["check", "data", *args], cwd=data.root.parent, env=environment,
        capture_output=True, text=True, timeout=120,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def test_valid_data_exits_0_and_prints_a_summary(data):
    result = secsite(data)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "secsite check: 0 errors, 0 warnings\n")


def test_an_error_exits_1_with_a_compiler_style_line(data):
    data.write("modifications/MP100.yml", BAD_STAGE)
    result = secsite(data)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(BAD_STAGE_PREFIX), lines
    assert result.stderr == "secsite check: 1 error, 0 warnings\n"


def test_every_error_of_the_run_is_printed(data):
    data.write("modifications/MP100.yml", BAD_STAGE)
    data.write("releases/2027-06.yml", 'id: "2027-06"\ngo_live: 2027-06-17\n')
    data.write("releases/2026-11.yml", R17_RELEASE)
    result = secsite(data)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(BAD_STAGE_PREFIX)
    assert lines[1:] == [
        R17_WARNING,
        "data/releases/2027-06.yml:2:10: error: go_live: 17 June 2027 does not match: the rule date is 24 June 2027 "
        "(R7, policy 3.1); record an approved change of go-live under date_changes",
    ]
    assert result.stderr == "secsite check: 2 errors, 1 warning\n"


def test_warnings_alone_exit_0(data):
    data.write("releases/2026-11.yml", R17_RELEASE)
    result = secsite(data)
    assert (result.returncode, result.stdout.splitlines()) == (0, [R17_WARNING])
    assert result.stderr == "secsite check: 0 errors, 1 warning\n"


def test_github_format_adds_annotations(data):
    data.write("modifications/MP100.yml", BAD_STAGE)
    data.write("releases/2026-11.yml", R17_RELEASE)
    data.write("modifications/MP101.yaml", VALID_MODIFICATION)
    lines = secsite(data, "--format", "github").stdout.splitlines()
    assert lines[0].startswith(BAD_STAGE_PREFIX)
    assert lines[1] == "::error file=data/modifications/MP100.yml,line=3,col=8::" + lines[0].split(": error: ", 1)[1]
    # A whole-file problem is at line 1, column 1, in both forms: GitHub needs a real line.
    assert lines[2:4] == [
        "data/modifications/MP101.yaml:1:1: error: files in modifications/ must end in .yml: rename it to MP101.yml",
        "::error file=data/modifications/MP101.yaml,line=1,col=1::files in modifications/ must end in .yml: rename it to MP101.yml",
    ]
    assert lines[4:] == [
        R17_WARNING,
        "::warning file=data/releases/2026-11.yml,line=3,col=3::testing: R17: Testing Approach Document published "
        "on 20 May 2026, after the latest date the policy allows (5 May 2026, policy 6.1).",
    ]


def test_github_format_is_the_default_on_github_actions(data):
    data.write("modifications/MP100.yml", BAD_STAGE)
    on_github = secsite(data, env={"GITHUB_ACTIONS": "true"}).stdout.splitlines()
    assert len(on_github) == 2 and on_github[1].startswith("::error file=data/modifications/MP100.yml,line=3,col=8::")
    # ...and --format plain still turns the annotations off there; elsewhere they are off by default.
    assert secsite(data, "--format", "plain", env={"GITHUB_ACTIONS": "true"}).stdout.splitlines() == on_github[:1]
    assert secsite(data).stdout.splitlines() == on_github[:1]


@pytest.mark.parametrize("content, expected", BROKEN_FILES, ids=BROKEN_IDS)
def test_broken_file_gives_an_error_line_not_a_traceback(data, content, expected):
    data.write("modifications/MP100.yml", content)
    result = secsite(data)
    assert result.returncode == 1
    assert result.stdout.startswith("data/modifications/MP100.yml:") and expected in result.stdout, result.stdout
    assert result.stderr == "secsite check: 1 error, 0 warnings\n"


def test_missing_data_directory(tmp_path):
    result = subprocess.run(
        COMMAND + ["check", "nowhere"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert (result.returncode, result.stdout) == (1, "nowhere:1:1: error: the data directory does not exist: "
                                                  "check the folder given to secsite check, or data_dir in mkdocs.yml\n")


@pytest.mark.parametrize("epoch", ["yesterday", "1.5e9", "-"])
def test_invalid_source_date_epoch_is_explained(data, epoch):
    result = secsite(data, epoch=epoch)
    assert result.returncode != 0
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in result.stderr


def test_out_of_range_source_date_epoch_is_explained(data):
    result = secsite(data, epoch="99999999999999999999")
    assert result.returncode != 0
    assert "SOURCE_DATE_EPOCH" in result.stderr


def test_unknown_region_is_an_error_line(data):
    result = secsite(data, "--region", "wessex")
    assert result.returncode == 1
    assert result.stdout == (
        'data:1:1: error: unknown region "wessex": use one of "england-and-wales", "scotland", "northern-ireland"\n'
    )


def test_source_date_epoch_sets_the_build_date(data):
    # Undecided MP100 may still be approved for its fall-back, November 2027 (4 November 2027), until
    # 1 March 2027, so a freeze around that date is an error; once both decision-by dates have passed
    # without a decision, neither date can apply any more and the freeze no longer matters.
    data.write("calendar.yml", "change_freezes:\n  - id: autumn\n    start: 2027-11-01\n    end: 2027-11-10\n    reason: x\n")
    before = secsite(data)  # T = 26 November 2026
    after = secsite(data, epoch=str(int(datetime(2027, 3, 2, 12, tzinfo=timezone.utc).timestamp())))
    assert before.returncode == 1
    assert after.returncode == 0
    assert "the implementation date 4 November 2027 falls in the change freeze 'autumn'" in before.stdout


# File names that try to forge lines or GitHub workflow commands: each problem stays one line, and in
# an annotation the name is one property value (GitHub's escapes: % CR LF in data, and : , as well in
# properties), with control characters shown as \n, \r, \x1b.
HOSTILE_NAMES = [
    ("MP101\n::error file=x.yml,line=1::forged.yml", "MP101\\n::error file=x.yml,line=1::forged.yml",
     "MP101\\n%3A%3Aerror file=x.yml%2Cline=1%3A%3Aforged.yml"),
    ("MP101,line=9,col=9.yml", "MP101,line=9,col=9.yml", "MP101%2Cline=9%2Ccol=9.yml"),
    ("MP101:9:9: error: forged.yml", "MP101:9:9: error: forged.yml", "MP101%3A9%3A9%3A error%3A forged.yml"),
    ("MP101%0A::error::x.yml", "MP101%0A::error::x.yml", "MP101%250A%3A%3Aerror%3A%3Ax.yml"),
    ("MP101\r::warning::x\x1b[2K.yml", "MP101\\r::warning::x\\x1b[2K.yml", "MP101\\r%3A%3Awarning%3A%3Ax\\x1b[2K.yml"),
]


@pytest.mark.parametrize("name, plain, github", HOSTILE_NAMES, ids=["newline", "comma", "colon", "percent", "cr-escape"])
def test_a_hostile_file_name_cannot_forge_a_line_or_an_annotation(data, name, plain, github):
    (data.root / "modifications" / name).write_text(VALID_MODIFICATION)
    result = secsite(data, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.split("\n")
    assert len(lines) == 3 and lines[2] == "", lines  # one problem: its line and its annotation
    assert lines[0].startswith(f"data/modifications/{plain}:1:1: error: ")
    assert lines[1].startswith(f"::error file=data/modifications/{github},line=1,col=1::")
    assert all(line.isprintable() for line in lines)


def test_annotation_data_is_escaped_as_github_documents():
    from secsite.model.diagnostics import Diagnostic

    problem = Diagnostic("data/a,b:c%.yml", 0, 0, "warning", "100% sure: a, b\r\nnext")
    assert str(problem) == "data/a,b:c%.yml:1:1: warning: 100% sure: a, b\\r\\nnext"
    assert problem.github() == "::warning file=data/a%2Cb%3Ac%25.yml,line=1,col=1::100%25 sure: a, b\\r\\nnext"


SECRET = "SECRET-4f1c2a9e"


def test_a_link_out_of_the_data_folder_leaks_nothing(data, tmp_path):
    """The links of issue 11: none is followed, each is named, and no byte from outside is printed."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(f"{SECRET}:x:0:0:root:/root:/bin/bash\n")
    (outside / f"2026-01-05-{SECRET.lower()}.md").write_text(f"---\ntitle: {SECRET}\ndate: 2026-01-05\n---\n{SECRET}\n")
    (data.root / "modifications" / "MP101.yml").symlink_to(outside / "passwd")
    (data.root / "notices" / "2026-01-05-leak.md").symlink_to(outside / f"2026-01-05-{SECRET.lower()}.md")
    (data.root / "releases").rename(tmp_path / "releases")
    (data.root / "releases").symlink_to(outside, target_is_directory=True)
    (data.root / "calendar.yml").symlink_to(data.root / "calendar.yml")  # a loop
    result = secsite(data, "--format", "github")
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr and SECRET.lower() not in result.stdout + result.stderr
    named = sorted(line.split(":1:1: error: a symbolic link")[0] for line in result.stdout.splitlines()
                   if ":1:1: error: a symbolic link: links in the data folder are never followed" in line)
    assert named == ["data/calendar.yml", "data/modifications/MP101.yml", "data/notices/2026-01-05-leak.md", "data/releases"]


def test_a_name_the_terminal_cannot_encode_is_printed_as_an_escape(data):
    data.write("modifications/MP١٢٣.yml", VALID_MODIFICATION)
    result = secsite(data, env={"PYTHONIOENCODING": "ascii"})  # as under a locale without Arabic digits
    assert result.returncode == 1
    assert result.stdout.startswith("data/modifications/MP\\u0661\\u0662\\u0663.yml:1:1: error: the file name is")
