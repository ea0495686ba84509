"""Helpers shared by the quality tests: where the validators live, skip-or-fail, node drivers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TOOLS = REPO / "tests" / "tools"
NODE_MODULES = TOOLS / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = Path(os.environ.get("SECSITE_ARTIFACTS") or HERE / "artifacts")


def need(tool: str, found: object, hint: str) -> None:
    """Skip (locally) or fail (``CI=true``) when a validator is not installed."""
    if found:
        return
    reason = f"{tool} not found: {hint}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: every quality gate must run)", pytrace=False)
    pytest.skip(reason)


def npm_package(name: str) -> Path:
    need(f"npm package {name}", (NODE_MODULES / name / "package.json").is_file(),
         "run `npm ci --ignore-scripts` in tests/tools (.ci/run does)")
    return NODE_MODULES / name


def save_artifacts(files) -> list[Path]:
    """Copy screenshots of a failing check to the CI artifacts directory."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for file in files:
        file = Path(file)
        if file.is_file() and file.resolve().parent == ARTIFACTS.resolve():
            saved.append(file)  # written there already
        elif file.is_file():
            shutil.copy(file, ARTIFACTS / file.name)
            saved.append(ARTIFACTS / file.name)
    return saved


def run_node(node: str, script: Path, job: dict, tmp: Path, timeout: int) -> dict:
    """Run one of the .mjs drivers with a JSON job file; it prints one JSON object."""
    job_file = tmp / f"{script.stem}-job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    result = subprocess.run([node, str(script), str(job_file)], capture_output=True, text=True,
                            timeout=timeout, cwd=REPO)
    if result.returncode != 0:
        pytest.fail(f"{script.name} failed (exit {result.returncode}):\n{result.stderr[-4000:]}", pytrace=False)
    return json.loads(result.stdout)
