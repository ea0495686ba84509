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
    # A whole-file problem (line 0) is annotated on line 1: GitHub needs a real line.
    assert lines[2:4] == [
        "data/modifications/MP101.yaml:0:0: error: files in modifications/ must end in .yml: rename it",
        "::error file=data/modifications/MP101.yaml,line=1,col=1::files in modifications/ must end in .yml: rename it",
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
    assert (result.returncode, result.stdout) == (1, "nowhere:0:0: error: the data directory does not exist\n")


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
        'data:0:0: error: unknown region "wessex": use one of "england-and-wales", "scotland", "northern-ireland"\n'
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
