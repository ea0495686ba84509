"""The editors' data reference: one table per kind of data file, every field down to the nested ones.

Built from the same JSON Schema that ``schema`` generates from the models, so the reference, the
schema in the editor and the check always agree. ``macros.data_reference`` puts the tables on the
"Data reference" page at build time. No MkDocs here: this is plain text in, Markdown out.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from ..model import PATTERN_HELP
from ..model.schema import KINDS, FileKind, file_name, json_schema


@dataclass(frozen=True)
class Row:
    """One field of a data file, as the reference shows it."""

    path: str  # implementation.dates[].decision_by
    type: str
    required: bool
    default: str  # "" when there is no default worth showing
    allowed: str
    description: str


@dataclass(frozen=True)
class _Shape:
    type: str
    allowed: str = ""
    children: dict[str, Any] | None = None  # an object's schema, whose fields follow as rows
    item_suffix: str = ""  # "[]" when the children are items of a list


def rows(kind: FileKind) -> list[Row]:
    """Every field of one kind of file, parents before their children, in the models' order."""
    schema = json_schema(kind)
    found: list[Row] = []
    _walk(schema, schema.get("$defs", {}), "", found)
    return found


def _walk(node: dict[str, Any], defs: dict[str, Any], prefix: str, found: list[Row]) -> None:
    required = set(node.get("required", ()))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        shape = _shape(prop, defs)
        found.append(
            Row(
                path=path,
                type=shape.type,
                required=name in required,
                default=_default(prop),
                allowed=shape.allowed,
                # Pydantic leaves out a field's description when it repeats its model's docstring.
                description=_resolve(prop, defs).get("description", ""),
            )
        )
        if shape.children is not None:
            _walk(shape.children, defs, f"{path}{shape.item_suffix}.", found)


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Follow a ``$ref`` and drop the ``null`` alternative of an optional field."""
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        if len(options) == 1:
            node = {**{k: v for k, v in node.items() if k != "anyOf"}, **options[0]}
    if "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _shape(prop: dict[str, Any], defs: dict[str, Any]) -> _Shape:
    node = _resolve(prop, defs)
    kind = node.get("type")
    if kind == "object":
        return _Shape("mapping", children=node if "properties" in node else None)
    if kind == "array":
        item = _shape(node.get("items", {}), defs)
        at_least = node.get("minItems")
        count = f"at least {at_least} item{'s' * (at_least != 1)}" if at_least else ""
        if item.children is not None:
            return _Shape("list of mappings", count, children=item.children, item_suffix="[]")
        allowed = "; ".join(part for part in (count, f"each {item.allowed}" if count and item.allowed else item.allowed) if part)
        return _Shape(f"list of {_plural(item.type)}", allowed)
    if kind == "string":
        if "enum" in node:
            return _Shape("text", "one of " + ", ".join(f"`{v}`" for v in node["enum"]))
        if node.get("format") == "date":
            return _Shape("date", "YYYY-MM-DD")
        if node.get("format") == "uri":
            return _Shape("web address", "starting with https:// or http://")
        if node.get("contentMediaType") == "text/markdown":
            return _Shape("Markdown")
        if "pattern" in node:
            return _Shape("text", PATTERN_HELP.get(node["pattern"], f"matching `{node['pattern']}`"))
        return _Shape("text")
    if kind == "boolean":
        return _Shape("true/false", "`true`, `false`")
    if kind in ("number", "integer"):
        name = "number" if kind == "number" else "whole number"
        if "minimum" in node:
            return _Shape(name, f"at least {node['minimum']}")
        if "exclusiveMinimum" in node:
            return _Shape(name, f"more than {node['exclusiveMinimum']}")
        return _Shape(name)
    return _Shape(str(kind or "any"))


def _plural(type_name: str) -> str:
    return {"text": "texts", "date": "dates", "Markdown": "Markdown texts", "web address": "web addresses"}.get(
        type_name, type_name
    )


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop:
        return ""
    value = prop["default"]
    if value is None or value == [] or value == {} or (isinstance(value, dict) and not any(value.values())):
        return ""  # absent means nothing: no default worth showing
    return json.dumps(value) if not isinstance(value, str) else value


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (our own texts, never editors' data).

    HTML is escaped outside `code spans` only: inside them Markdown shows the text as it is.
    """
    parts = text.replace("\n", " ").split("`")
    parts = [part if i % 2 else html.escape(part, quote=False) for i, part in enumerate(parts)]
    return "`".join(parts).replace("|", "\\|")


def _required(row: Row) -> str:
    if row.required:
        return "yes"
    return f"no (default `{row.default}`)" if row.default else "no"


def table(kind: FileKind) -> str:
    """One kind's fields as a Markdown table."""
    lines = [
        "| Field | Type | Required | Allowed values | Description |",
        "|---|---|---|---|---|",
    ]
    for row in rows(kind):
        lines.append(
            f"| `{row.path}` | {_cell(row.type)} | {_cell(_required(row))} | {_cell(row.allowed)} | {_cell(row.description)} |"
        )
    return "\n".join(lines)


def markdown(schema_base: str = "../schemas/", heading_level: int = 2) -> str:
    """The whole reference: a section per kind of data file with its table and schema link.

    ``schema_base`` is the link from the page that shows the reference to the published schemas.
    """
    marks = "#" * heading_level
    parts = [
        "Each table lists every field of one kind of file. A nested field (a name with dots) is required "
        "only when the field it sits in is given; `[]` marks the items of a list. Unknown fields are errors.\n"
    ]
    for kind in KINDS:
        schema_link = f"[`{file_name(kind)}`]({schema_base}{file_name(kind)})"
        parts.append(f"{marks} {kind.title} {{#{kind.name}}}\n")
        parts.append(f"File: `{kind.where}`. JSON Schema: {schema_link}.\n")
        if not kind.yaml:
            parts.append(
                "The fields go in the front matter between the two `---` lines at the top of the notice; "
                "the Markdown text below the front matter is the notice itself.\n"
            )
        parts.append(table(kind) + "\n")
    return "\n".join(parts)
