"""A build replaces the site only when the whole build has succeeded (real ``mkdocs build`` runs).

Each test starts from the same published site, built once from the small test data, breaks one
thing in a copy of the project, builds again and compares every byte of the site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DataDir
from sitebuild import COMMAND, EPOCH, build, page, project_copy, text

ENV = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A folder holding ``project/`` (small data) and ``site/``, built from it."""
    root = tmp_path_factory.mktemp("published")
    project = project_copy(root, DataDir(root / "data").root)
    shutil.rmtree(root / "data")
    result = build(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def copy(published, tmp_path) -> Path:
    """A copy of ``published`` for one test to change."""
    for name in ("project", "site"):
        shutil.copytree(published / name, tmp_path / name)
    return tmp_path


def snapshot(site: Path) -> dict[str, bytes | None]:
    """Every folder (None) and file (its bytes) of the site."""
    return {p.relative_to(site).as_posix(): p.read_bytes() if p.is_file() else None for p in site.rglob("*")}


def assert_failed_and_left_the_site(copy: Path, result: subprocess.CompletedProcess, before: dict) -> None:
    assert result.returncode == 1, result.stderr
    assert snapshot(copy / "site") == before
    assert sorted(p.name for p in copy.iterdir()) == ["project", "site"]  # no staging folder left behind


def test_a_failure_while_rendering_pages_leaves_the_previous_site(copy):
    before = snapshot(copy / "site")
    project = copy / "project"
    (project / "hooks.py").write_text(
        "def on_post_page(output, page, config):\n    raise RuntimeError('a hook failed')\n", encoding="utf-8")
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - hooks.py\n")
    result = build(project, copy / "site")
    assert "a hook failed" in result.stderr
    assert_failed_and_left_the_site(copy, result, before)


def test_a_broken_theme_template_leaves_the_previous_site(copy):
    before = snapshot(copy / "site")
    template = copy / "project/overrides/main.html"
    with open(template, "a", encoding="utf-8") as override:
        override.write("{% block footer %}{{ page.no_such_field.title }}{% endblock %}\n")
    result = build(copy / "project", copy / "site")
    assert "no_such_field" in result.stderr
    assert_failed_and_left_the_site(copy, result, before)


def test_a_warning_in_strict_mode_leaves_the_previous_site(copy):
    before = snapshot(copy / "site")
    (copy / "project/content/about.md").write_text("# About\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    result = build(copy / "project", copy / "site", strict=True)
    assert "contains a link 'missing.md', but the target is not found" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout  # MkDocs writes it there
    assert_failed_and_left_the_site(copy, result, before)


@pytest.mark.parametrize("line, said", [
    ("", "mkdocs.yml has no site_url"),
    ("site_url: sec-releases.example.org\n", "site_url': The URL isn't valid"),  # MkDocs says so
])
def test_a_missing_or_relative_site_url_is_named_and_leaves_the_previous_site(copy, line, said):
    before = snapshot(copy / "site")
    config = copy / "project/mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line if x.startswith("site_url:") else x for x in lines), encoding="utf-8")
    result = build(copy / "project", copy / "site")
    assert said in result.stderr and "Traceback" not in result.stderr
    assert_failed_and_left_the_site(copy, result, before)


def test_bad_data_leaves_the_previous_site_and_is_reported_as_check_reports_it(copy):
    before = snapshot(copy / "site")
    project = copy / "project"
    (project / "data/releases/2027-06.yml").write_text('id: "2027-06"\ngo_live: 2027-06-17\n', encoding="utf-8")
    result = build(project, copy / "site")  # run from the project folder, as editors do
    assert_failed_and_left_the_site(copy, result, before)
    check = subprocess.run([*COMMAND, "check", "data"], env=ENV, capture_output=True, text=True, cwd=project)
    # June 2027's go-live is the last Thursday, 24 June 2027 (R1); the path is relative to the project.
    [problem] = check.stdout.splitlines()
    assert problem.startswith("data/releases/2027-06.yml:2:10: error: go_live: 17 June 2027 does not match: "
                              "the rule date is 24 June 2027")
    assert problem in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_paths_in_build_messages_are_those_of_check(tmp_path):
    project = project_copy(tmp_path, DataDir(tmp_path / "data").root)
    (project / "data/modifications/MP100.yml").write_text("id: MP100\ntitle: [unclosed\n", encoding="utf-8")

    # From the folder above the project, with -f: paths relative to that folder.
    result = subprocess.run([*MKDOCS, "build", "-f", "project/mkdocs.yml"], env=ENV, capture_output=True, text=True,
                            cwd=tmp_path)
    check = subprocess.run([*COMMAND, "check", "project/data"], env=ENV, capture_output=True, text=True, cwd=tmp_path)
    assert "project/data/modifications/MP100.yml:3:1: error: invalid YAML" in check.stdout
    assert result.returncode == check.returncode == 1
    assert set(check.stdout.splitlines()) <= set(result.stderr.splitlines())

    # A data folder that does not exist is named as the configuration names it, as check names it.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("data_dir: data", "data_dir: nowhere"), encoding="utf-8")
    result = subprocess.run([*MKDOCS, "build"], env=ENV, capture_output=True, text=True, cwd=project)
    check = subprocess.run([*COMMAND, "check", "nowhere"], env=ENV, capture_output=True, text=True, cwd=project)
    [problem] = check.stdout.splitlines()
    assert problem.startswith("nowhere:") and "the data directory does not exist" in problem
    assert result.returncode == 1 and problem in result.stderr.splitlines()
    assert not (project / "site").exists() and not (project / ".site.staging").exists()


def test_a_successful_build_replaces_the_site(copy):
    project = copy / "project"
    source = project / "data/modifications/MP100.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("title: Improve something", "title: Improve it again"),
                      encoding="utf-8")
    (copy / ".site.staging").mkdir()  # left by a build that was stopped
    (copy / ".site.staging/stale.html").write_text("stale", encoding="utf-8")
    # Without --strict a warning does not stop the build, so it is published too.
    (project / "content/about.md").write_text("# About\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    result = build(project, copy / "site", strict=False)
    assert result.returncode == 0, result.stderr
    assert "Improve it again" in text(page(copy / "site", "modifications/mp100"))
    # The search index is written by another plugin at the end of the build: it comes along.
    assert "Improve it again" in (copy / "site/search/search_index.json").read_text(encoding="utf-8")
    assert (copy / "site/about/index.html").is_file() and not (copy / "site/stale.html").exists()
    assert sorted(p.name for p in copy.iterdir()) == ["project", "site"]


def test_gh_deploy_pushes_the_new_site(tmp_path):
    """``gh-deploy`` reads ``site_dir`` after the build: it must find the site, not the staging folder."""
    project = project_copy(tmp_path, DataDir(tmp_path / "data").root)
    git = {**ENV, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}

    def run(*command: str, cwd: Path = project) -> subprocess.CompletedProcess:
        done = subprocess.run(command, env=git, capture_output=True, text=True, cwd=cwd)
        assert done.returncode == 0, done.stderr
        return done

    run("git", "init", "-q", "--bare", "remote.git", cwd=tmp_path)
    run("git", "init", "-q")
    run("git", "add", "-A")
    run("git", "commit", "-q", "-m", "The site project")
    run("git", "remote", "add", "origin", str(tmp_path / "remote.git"))
    run(*MKDOCS, "gh-deploy", "--strict")
    published = run("git", "--git-dir", str(tmp_path / "remote.git"), "ls-tree", "-r", "--name-only", "gh-pages")
    assert "modifications/mp100/index.html" in published.stdout.splitlines()
    assert (project / "site/modifications/mp100/index.html").is_file()
    assert not (project / ".site.staging").exists()
