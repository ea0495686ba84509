"""The JSON Schemas editors' tools read: generated from the models, committed, and true to the data."""

from __future__ import annotations

import copy
import functools
import os
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from secsite.model import schema
from sitebuild import COMMAND, REPO

COMMITTED = REPO / schema.SCHEMA_DIR
KIND_OF_FOLDER = {"modifications": "modification", "releases": "release"}


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2): dates stay text, as in JSON."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_view(text: str):
    return yaml.load(text, Loader=_EditorLoader)


@functools.cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    loaded = schema.json_schema(next(k for k in schema.KINDS if k.name == name))
    return jsonschema.Draft202012Validator(loaded, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _leaves(error: jsonschema.ValidationError):
    """The innermost errors: an optional field's "not valid under any of" hides the real one."""
    if not error.context:
        yield error
    for sub in error.context or ():
        if sub.validator == "type" and sub.validator_value == "null":
            continue  # "… is not of type 'null'": the other branch of Optional[…]
        yield from _leaves(sub)


def leaf_errors(name: str, instance) -> list[jsonschema.ValidationError]:
    return [leaf for error in validator(name).iter_errors(instance) for leaf in _leaves(error)]


def problems(name: str, instance) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in leaf_errors(name, instance)]


def secsite(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(COMMAND + list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def data_files() -> list[tuple[str, Path]]:
    found = [(KIND_OF_FOLDER[p.parent.name], p) for folder in KIND_OF_FOLDER for p in sorted((REPO / "data" / folder).glob("*.yml"))]
    found += [("notice", p) for p in sorted((REPO / "data" / "notices").glob("*.md"))]
    if (REPO / "data" / "calendar.yml").exists():
        found.append(("calendar", REPO / "data" / "calendar.yml"))
    return found


def front_matter(text: str) -> str:
    return text.split("---\n", 2)[1]


# --- One source of truth ---------------------------------------------------------------------


def test_committed_schemas_equal_what_secsite_schema_generates(tmp_path):
    result = secsite("schema", "--out", str(tmp_path / "schemas"))
    assert result.returncode == 0, result.stderr
    generated = {p.name: p.read_bytes() for p in (tmp_path / "schemas").iterdir()}
    committed = {p.name: p.read_bytes() for p in COMMITTED.glob("*.json")}
    assert sorted(generated) == ["calendar.schema.json", "modification.schema.json", "notice.schema.json", "release.schema.json"]
    stale = sorted(name for name in generated if committed.get(name) != generated[name])
    assert not stale, f"{stale} differ from the models: run `secsite schema` and commit {schema.SCHEMA_DIR.as_posix()}/"
    assert sorted(committed) == sorted(generated), "a schema file in content/schemas/ that no model makes"


def test_schema_check_flags_a_stale_copy(tmp_path):
    out = tmp_path / "schemas"
    assert secsite("schema", "--out", str(out)).returncode == 0
    assert secsite("schema", "--check", "--out", str(out)).returncode == 0
    path = out / "release.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"go_live"', '"go-live"'), encoding="utf-8")
    result = secsite("schema", "--check", "--out", str(out))
    assert result.returncode == 1
    assert "release.schema.json: differs from the models" in result.stderr
    assert "modification.schema.json" not in result.stderr


@pytest.mark.parametrize("kind", schema.KINDS, ids=lambda k: k.name)
def test_each_schema_is_valid_draft_2020_12_with_descriptions(kind):
    loaded = schema.json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(loaded)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert loaded["additionalProperties"] is False
    for name, prop in loaded["properties"].items():
        described = prop.get("description") or loaded.get("$defs", {}).get(prop.get("$ref", "").rsplit("/", 1)[-1], {}).get("description")
        assert described, f"{kind.name}.{name} has no description for editors' hovers"


# --- The schemas accept the data the check accepts, and reject what it rejects -----------------


@pytest.mark.parametrize(("kind", "path"), data_files(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_the_schema_accepts_every_bundled_data_file(kind, path):
    text = path.read_text(encoding="utf-8")
    instance = editor_view(front_matter(text) if kind == "notice" else text)
    assert problems(kind, instance) == []


@pytest.mark.parametrize(("kind", "path"), [(k, p) for k, p in data_files() if k != "notice"], ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_yaml_data_file_points_editors_at_its_schema(kind, path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    modeline = [line for line in lines[:3] if line.startswith("# yaml-language-server:")]
    assert len(modeline) == 1, f"{path.name}: no '# yaml-language-server: $schema=…' line at the top"
    target = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", modeline[0]).group(1)
    assert not target.startswith(("http:", "https:")), "a relative path works offline and on every branch"
    assert (path.parent / target).resolve() == (COMMITTED / f"{kind}.schema.json").resolve()
    assert lines[0].startswith("# Example data"), "the example-data comment stays"


def _modification() -> dict:
    return editor_view((REPO / "data" / "modifications" / "MP255.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("where", "key"),
    [((), "colour"), (("impacts",), "dcc_system"), (("implementation", "changes", 0), "requestd")],
    ids=["top level", "nested", "in a list item"],
)
def test_an_unknown_key_is_rejected(where, key):
    instance = copy.deepcopy(_modification())
    target = instance
    for step in where:
        target = target[step]
    target[key] = "x"
    found = leaf_errors("modification", instance)
    assert len(found) == 1
    assert found[0].validator == "additionalProperties" and repr(key) in found[0].message
    assert tuple(found[0].absolute_path) == where


@pytest.mark.parametrize(
    ("kind", "change", "where"),
    [
        ("modification", lambda m: m.update(stage="aproved"), "stage"),
        ("modification", lambda m: m.pop("summary"), ""),
        ("modification", lambda m: m.update(id="MP-1"), "id"),
        ("modification", lambda m: m.update(raised="2024-5-8"), "raised"),
        ("modification", lambda m: m["costs"].update(sit=-1), "costs/sit"),
        ("modification", lambda m: m["documents"][0].update(url="javascript:alert(1)"), "documents/0/url"),
        ("modification", lambda m: m["impacts"].update(user_systems="no"), "impacts/user_systems"),
        ("release", lambda r: r.update(id=2027.06), "id"),
        ("release", lambda r: r.update(kind="adhoc"), "kind"),
        ("notice", lambda n: n.update(title=""), "title"),
        ("calendar", lambda c: c.update(non_working_days=["29 December 2026"]), "non_working_days/0"),
        ("modification", lambda m: m["costs"].update(sit=2e9), "costs/sit"),
        ("modification", lambda m: m.update(raised="2101-01-01"), "raised"),
        ("modification", lambda m: m.update(title="t" * 1001), "title"),
        ("modification", lambda m: m["implementation"].update(working_days_after_decision=1001), "implementation/working_days_after_decision"),
        ("calendar", lambda c: c.update(non_working_days=["1999-12-31"]), "non_working_days/0"),
    ],
    ids=["enum", "required", "id pattern", "date format", "minimum", "url", "bool", "unquoted id", "kind", "blank title",
         "date in list", "a billion pounds", "year after 2100", "title too long", "working days", "year before 2000"],
)
def test_the_schema_rejects_what_the_models_reject(kind, change, where):
    samples = {
        "modification": _modification(),
        "release": editor_view((REPO / "data" / "releases" / "2027-06.yml").read_text(encoding="utf-8")),
        "notice": {"title": "A notice", "date": "2026-11-26"},
        "calendar": {"non_working_days": ["2026-12-29"]},
    }
    instance = samples[kind]
    assert problems(kind, instance) == []
    change(instance)
    found = problems(kind, instance)
    assert found and all(p.startswith(f"{where}:") for p in found), found

