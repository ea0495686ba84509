"""JSON Schema for each kind of data file, generated from the models in ``model`` (one source of truth).

Editors' YAML editors read these schemas (a ``# yaml-language-server: $schema=…`` line at the top of a
data file) for completion, hovers and checks as they type. The schemas can say less than
``secsite check``: rules that need more than one field or file (R9 order, "a release or a date", the
cut-offs) are only in the check. ``secsite schema`` writes them; the committed copies live in
``content/schemas/`` so the site publishes them under ``/schemas/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from . import CalendarFile, Modification, NoticeFrontMatter, Release

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path("content") / "schemas"  # relative to the repository root


@dataclass(frozen=True)
class FileKind:
    """One kind of data file and the model its content must fit."""

    name: str  # the schema file is <name>.schema.json
    model: type[BaseModel]
    where: str  # where editors keep such files
    title: str
    yaml: bool = True  # False: the fields sit in a Markdown file's front matter


KINDS: tuple[FileKind, ...] = (
    FileKind("modification", Modification, "data/modifications/<id>.yml", "Modification"),
    FileKind("release", Release, "data/releases/<id>.yml", "Release"),
    FileKind("notice", NoticeFrontMatter, "data/notices/<id>.md (front matter)", "Notice front matter", yaml=False),
    FileKind("calendar", CalendarFile, "data/calendar.yml", "Calendar"),
)


class _Generator(GenerateJsonSchema):
    """Pydantic's generator without the titles it makes up from field names ("Dcc Systems")."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def file_name(kind: FileKind) -> str:
    return f"{kind.name}.schema.json"


def json_schema(kind: FileKind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of data file."""
    body = kind.model.model_json_schema(schema_generator=_Generator, mode="validation")
    head = {
        "$schema": DIALECT,
        "title": f"SEC release site: {kind.title}",
        "description": f"{(kind.model.__doc__ or kind.title).strip()} Generated from the secsite models by `secsite schema`; do not edit.",
    }
    body.pop("title", None)
    body.pop("description", None)
    return {**head, **body}


def render(kind: FileKind) -> str:
    """The schema file's exact text: stable key order, two-space indent, UTF-8, final newline."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """File name → text for every kind."""
    return {file_name(kind): render(kind) for kind in KINDS}


def write(out_dir: Path) -> list[Path]:
    """Write every schema into ``out_dir`` (created if needed); returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def stale(out_dir: Path) -> list[str]:
    """Names of the schema files in ``out_dir`` that are missing or differ from the models."""
    found = []
    for name, text in schema_files().items():
        path = out_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            found.append(name)
    return found
