"""YAML that remembers where every value came from.

PyYAML's C composer keeps a line/column mark on every node. We build plain Python values from the
nodes ourselves (faster than ``yaml.load``, and it lets us reject duplicate keys, which PyYAML
silently resolves by keeping the last one), and keep the node tree so that any field path can be
turned back into a line and column when something about it is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import yaml

try:  # the C loader is ~15x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Plain scalar tags we accept, built with PyYAML's own rules (booleans, ints, floats, nulls, dates).
_constructor = yaml.constructor.SafeConstructor()
_SCALARS = {
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": _constructor.construct_yaml_timestamp,
}

Path = Sequence[str | int]


class YamlProblem(Exception):
    """The text is not YAML we accept. ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class YamlDocument:
    """A parsed file: its values, and the node tree to find where a field path was written."""

    path: str
    value: Any
    root: yaml.Node | None
    line_offset: int = 0  # lines before the YAML starts (front matter in a Markdown file)

    def locate(self, path: Path) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``, or of its nearest written parent.

        A path whose last step names a key points at that key (for unknown keys), a path into a
        missing key points at the mapping that lacks it.
        """
        node = self.root
        if node is None:
            return (1 + self.line_offset, 1)
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        mark = node.start_mark
        return (mark.line + 1 + self.line_offset, mark.column + 1)


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == step:
                # A key with an empty value has a useless mark; point at the key instead.
                return value if not _is_empty(value) else key
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None


def key_node(doc: YamlDocument, path: Path) -> tuple[int, int]:
    """Line and column of the key named by the last step of ``path`` (for 'unknown key' errors)."""
    *parent_path, last = path
    node = doc.root
    for step in parent_path:
        node = _child(node, step) if node is not None else None
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == last:
                return (key.start_mark.line + 1 + doc.line_offset, key.start_mark.column + 1)
    return doc.locate(path)


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and node.value == ""


def parse(text: str, path: str, line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document. Raises YamlProblem with the position of the first problem."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(exc.problem or exc.context or "not valid YAML")
        lines = text.splitlines()
        if "\t" in (lines[line - 1] if 0 < line <= len(lines) else ""):
            problem += " (YAML does not allow tabs for indentation: use spaces)"
        raise YamlProblem(f"invalid YAML: {problem}", line + line_offset, column) from None
    except yaml.YAMLError as exc:  # e.g. a non-printable character, which carries no mark
        raise YamlProblem(f"invalid YAML: {exc}", 1 + line_offset, 1) from None
    doc = YamlDocument(path, None, root, line_offset)
    value = _build(root, doc) if root is not None else None
    return YamlDocument(path, value, root, line_offset)


def _build(node: yaml.Node, doc: YamlDocument) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        build_scalar = _SCALARS.get(node.tag)
        if build_scalar is not None:
            try:
                return build_scalar(node)
            except ValueError:
                # e.g. 2025-02-30: keep the text so the model reports it against its field.
                return node.value
        raise _problem(doc, node, f"the YAML tag {node.tag!r} is not supported here")
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _problem(doc, node, f"the YAML tag {node.tag!r} is not supported here")
        return [_build(item, doc) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _problem(doc, node, f"the YAML tag {node.tag!r} is not supported here")
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _problem(doc, key, "a key must be a plain word, not a list or mapping")
            # Keys are kept as written: `yes:` or `1.0:` stay text instead of turning into True/1.0.
            name = key.value
            if name == "<<":
                raise _problem(doc, key, "YAML merge keys ('<<') are not supported: write the fields out")
            if name in first_seen:
                first = first_seen[name].start_mark.line + 1 + doc.line_offset
                raise _problem(doc, key, f"duplicate key {name!r} (first written on line {first})")
            first_seen[name] = key
            result[name] = _build(value, doc)
        return result
    raise _problem(doc, node, "unsupported YAML node")  # pragma: no cover - PyYAML has no others


def _problem(doc: YamlDocument, node: yaml.Node, message: str) -> YamlProblem:
    mark = node.start_mark
    return YamlProblem(message, mark.line + 1 + doc.line_offset, mark.column + 1)
