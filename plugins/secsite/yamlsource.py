"""YAML that remembers where every value came from.

PyYAML's C parser keeps a line/column mark on every node. We build plain Python values ourselves
(faster than ``yaml.load``, and it lets us reject duplicate keys, which PyYAML silently resolves by
keeping the last one), and can turn any field path back into a line and column when something about
it is wrong.

Two ways to the values, with the same result:

- the fast way reads the parser's events and builds the values directly. It covers what editors
  write (plain and quoted scalars, mappings, lists) and gives up on anything else: tags, anchors,
  duplicate or non-text keys, syntax errors.
- the full way composes the node tree and builds the values from it. It handles every case the fast
  way gives up on, with the precise error messages and positions.

Keeping the node tree of every file costs more (memory, and time in the garbage collector) than
composing it again for the few files with a problem, so a document keeps its text and composes the
tree only when a position is asked for (``locate``, ``key_node``): in a run without errors, never.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Sequence

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

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
# PyYAML's YAML 1.1 implicit typing of plain scalars, by first character ('' for an empty value),
# as its Resolver.resolve looks them up (the safe loader has no rules under the catch-all key None).
# A plain scalar whose first character has no entry (most text: titles, names, sentences) is text.
_RESOLVERS: dict[str, tuple] = {first: tuple(rules) for first, rules in _Loader.yaml_implicit_resolvers.items()}

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
    """A parsed file: its values, and its text to find where a field path was written."""

    path: str
    value: Any
    text: str = field(repr=False)
    line_offset: int = 0  # lines before the YAML starts (front matter in a Markdown file)

    @functools.cached_property
    def root(self) -> yaml.Node | None:
        """The node tree with line/column marks, composed again on first use (see the module doc)."""
        return yaml.compose(self.text, Loader=_Loader)

    def __getstate__(self) -> dict:
        # The node tree does not pickle and is cheaper to compose again than to send to another process.
        return {name: value for name, value in self.__dict__.items() if name != "root"}

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
        value = _values_from_events(text)
    except _NeedsNodes:
        value = _values_from_nodes(text, line_offset)
    return YamlDocument(path, value, text, line_offset)


# --- The full way: the node tree -----------------------------------------------------------------


def _values_from_nodes(text: str, line_offset: int) -> Any:
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
    return _build(root, line_offset) if root is not None else None


def _build(node: yaml.Node, line_offset: int) -> Any:
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
        raise _problem(line_offset, node, f"the YAML tag {node.tag!r} is not supported here")
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _problem(line_offset, node, f"the YAML tag {node.tag!r} is not supported here")
        return [_build(item, line_offset) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _problem(line_offset, node, f"the YAML tag {node.tag!r} is not supported here")
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _problem(line_offset, key, "a key must be a plain word, not a list or mapping")
            # Keys are kept as written: `yes:` or `1.0:` stay text instead of turning into True/1.0.
            name = key.value
            if name == "<<":
                raise _problem(line_offset, key, "YAML merge keys ('<<') are not supported: write the fields out")
            if name in first_seen:
                first = first_seen[name].start_mark.line + 1 + line_offset
                raise _problem(line_offset, key, f"duplicate key {name!r} (first written on line {first})")
            first_seen[name] = key
            result[name] = _build(value, line_offset)
        return result
    raise _problem(line_offset, node, "unsupported YAML node")  # pragma: no cover - PyYAML has no others


def _problem(line_offset: int, node: yaml.Node, message: str) -> YamlProblem:
    mark = node.start_mark
    return YamlProblem(message, mark.line + 1 + line_offset, mark.column + 1)


# --- The fast way: the event stream --------------------------------------------------------------
# Composing nodes costs a Python object per node and a call back into Python per scalar; reading the
# events and building the values as they come is about twice as fast. Whatever this path does not
# handle raises _NeedsNodes, and the full way then gives the same values or the precise error.


class _NeedsNodes(Exception):
    """The text uses something only the full way handles (or reports)."""


def _values_from_events(text: str) -> Any:
    loader = _Loader(text)
    try:
        next_event = loader.get_event
        if type(next_event()) is not StreamStartEvent or type(next_event()) is not DocumentStartEvent:
            raise _NeedsNodes  # an empty file
        value = _event_value(next_event, next_event())
        if type(next_event()) is not DocumentEndEvent or type(next_event()) is not StreamEndEvent:
            raise _NeedsNodes  # more than one document
        return value
    except (yaml.YAMLError, RecursionError):
        raise _NeedsNodes from None
    finally:
        loader.dispose()


def _event_value(next_event, event) -> Any:
    kind = type(event)
    if kind is ScalarEvent:
        if event.tag is not None or event.anchor is not None:
            raise _NeedsNodes
        text = event.value
        # Quoted and block scalars are text; plain ones are typed like PyYAML does (YAML 1.1).
        if event.implicit[0] and text[:1] in _RESOLVERS:
            return _typed_plain(text)
        return text
    if kind is MappingStartEvent:
        if event.tag is not None or event.anchor is not None:
            raise _NeedsNodes
        mapping: dict[str, Any] = {}
        while True:
            event = next_event()
            if type(event) is not ScalarEvent:
                if type(event) is MappingEndEvent:
                    return mapping
                raise _NeedsNodes  # a list or mapping as a key
            name = event.value  # as written, like the full way
            if event.tag is not None or event.anchor is not None or name in mapping or name == "<<":
                raise _NeedsNodes  # including duplicate and merge keys, reported by the full way
            mapping[name] = _event_value(next_event, next_event())
    if kind is SequenceStartEvent:
        if event.tag is not None or event.anchor is not None:
            raise _NeedsNodes
        items = []
        while True:
            event = next_event()
            if type(event) is SequenceEndEvent:
                return items
            items.append(_event_value(next_event, event))
    raise _NeedsNodes  # an alias


@functools.lru_cache(maxsize=8192)  # the same dates, numbers, flags and names recur from file to file
def _typed_plain(text: str) -> Any:
    """A plain scalar's value by PyYAML's implicit resolvers and SafeConstructor (immutable: cacheable)."""
    for tag, pattern in _RESOLVERS[text[:1]]:
        if pattern.match(text):
            build_scalar = _SCALARS.get(tag)
            if build_scalar is None:
                raise _NeedsNodes  # e.g. '<<' or '=' as a value: the full way reports the tag
            try:
                return build_scalar(yaml.ScalarNode(tag, text))
            except ValueError:
                return text  # e.g. 2025-02-30, as the full way
    return text
