"""YAML that remembers where every value came from.

PyYAML's C parser keeps a line/column mark on every node. We build plain Python values ourselves
(faster than ``yaml.load``, and it lets us reject duplicate keys, which PyYAML silently resolves by
keeping the last one), and can turn any field path back into a line and column when something about
it is wrong.

Two ways to the values, with the same result:

- the fast way reads the text line by line. It covers what editors write (mappings and lists in
  block style, one-line plain and quoted scalars, literal and folded text) and gives up on anything
  else: flow style, tags, anchors, escapes, comments after values, duplicate keys, syntax errors,
  deep nesting and the numbers YAML 1.1 misreads.
- the full way composes the node tree and builds the values from it. It handles every case the fast
  way gives up on, with the precise error messages and positions.

Files come from pull requests, so the full way first reads PyYAML's event stream, which costs time
in proportion to the text, and refuses what data files never need and what would make composing
or building the values explode: anchors and aliases (a few hundred bytes of aliases to aliases
stand for billions of values), merge keys, and lists and mappings nested more than ``MAX_DEPTH``
deep. Both ways refuse the YAML 1.1 readings that silently change what an editor wrote: numbers
with a leading zero (octal: ``010`` is 8) or with colons (base 60: ``1:30`` is 90), and text cut
short by a comment (``title: Smart meter #2 fix`` is "Smart meter"). A comment written as ``# note``
(a space after the ``#``) may follow any value: that is how comments are written, also in the
templates of ``secsite new``, while ``#2`` right after text is far more often part of it.

Keeping the node tree of every file costs more (memory, and time in the garbage collector) than
composing it again for the few files with a problem, so a document keeps its text and composes the
tree only when a position is asked for (``locate``, ``key_node``): in a run without errors, never.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Sequence

import yaml

try:  # the C loader is ~15x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
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

# Lists and mappings inside each other: data files need four or five levels; this leaves room for
# any data model to come, and keeps building values (which recurses) far from Python's stack limit.
MAX_DEPTH = 50
_TOO_DEEP = (f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; data files need only a few: "
             "check the indentation and the brackets")


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
        value = _values_from_lines(text)
    except _NeedsNodes:
        value = _values_from_nodes(text, line_offset)
    return YamlDocument(path, value, text, line_offset)


# --- The full way: the node tree -----------------------------------------------------------------


# Characters YAML reads as line breaks although editors' programs do not show one: every line
# number after them would be off, and the text around them cut in two.
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]")


def _values_from_nodes(text: str, line_offset: int) -> Any:
    hidden = _HIDDEN_BREAK.search(text)
    if hidden:
        raise _invisible(hidden[0], text, line_offset,
                         "which YAML reads as a line break: delete it (start a new line with Enter if one was meant)")
    try:
        _refuse_before_composing(text, line_offset)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(exc.problem or exc.context or "not valid YAML")
        if "maximum nesting depth" in problem:  # libyaml's limit, met before ours in a run of brackets
            raise YamlProblem(_TOO_DEEP, line + line_offset, column) from None
        lines = text.splitlines()
        written = lines[line - 1] if 0 < line <= len(lines) else ""
        if "\t" in written:
            problem += " (YAML does not allow tabs for indentation: use spaces)"
        elif problem.startswith("mapping values are not allowed"):
            problem += " (put a value that contains ': ' in quotes; otherwise check the indentation)"
        elif "cannot start any token" in problem and written[column - 1 : column] in ("@", "`", "%"):
            problem += f" (put a value that starts with {written[column - 1]} in quotes)"
        raise YamlProblem(f"invalid YAML: {problem}", line + line_offset, column) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; it carries no mark
        # Reading text, PyYAML gives the character's code.
        raise _invisible(chr(exc.character), text, line_offset,
                         "which YAML does not allow: delete it") from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML's other errors carry a mark
        raise YamlProblem(f"invalid YAML: {exc}", 1 + line_offset, 1) from None
    return _build(root, text, line_offset) if root is not None else None


def _invisible(character: str, text: str, line_offset: int, why: str) -> YamlProblem:
    """The problem of ``character`` where it first stands in ``text``, at the line and column an
    editor sees (only ``\n`` starts a line in an editor's count)."""
    index = max(text.find(character), 0)
    name = unicodedata.name(character, "NEXT LINE" if character == "\x85" else "")
    line, column = text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1
    return YamlProblem(f"the file contains the invisible character U+{ord(character):04X}{f' ({name})' if name else ''}, {why}",
                       line + line_offset, column)


def _refuse_before_composing(text: str, line_offset: int) -> None:
    """Refuse anchors, aliases, merge keys and deep nesting, from the events of the first document.

    Composing makes each alias a second reference to its anchor's node, and building the values
    walks it again at every reference: nine lines of aliases to aliases (a "billion laughs") would
    run for hours, and an alias inside its own anchor (``a: &x [*x]``) forever. Reading the events
    expands nothing, and stops at the first level past ``MAX_DEPTH``.
    """
    first: dict[str, yaml.Event] = {}  # the first event of each kind of problem
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                first.setdefault("alias", event)
            elif isinstance(event, yaml.NodeEvent):
                if event.anchor is not None:
                    first.setdefault("anchor", event)
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        first = {"depth": event}
                        break
                elif event.value == "<<" and event.implicit[0]:  # plain: a merge key (and no text as a value either)
                    first.setdefault("merge", event)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.DocumentEndEvent):
                break  # composing reads one document, and reports a second one
    except yaml.MarkedYAMLError:
        if not first:
            raise
        # An anchor or alias before a syntax error is most likely its cause: '*Star Energy'.
    # The most telling first: a merge key explains its alias, an alias its anchor; an anchor
    # that nothing repeats is most likely text that starts with '&'.
    for kind in ("depth", "merge", "alias", "anchor"):
        if kind in first:
            raise _problem(line_offset, first[kind], _refusal(kind, first[kind], text))


def _refusal(kind: str, event: yaml.Event, text: str) -> str:
    if kind == "depth":
        return _TOO_DEEP
    if kind == "merge":
        return ("'<<' is read as a YAML merge key (it copies fields from elsewhere), and data files do not use "
                "merge keys, anchors (&) or aliases (*): write the fields out in full")
    if kind == "alias":
        return (f"'*{event.anchor}' is read as a YAML alias (a repeat of the value labelled '&{event.anchor}'), "
                "which data files do not use: write the value out in full, or put it in quotes if it is text")
    if isinstance(event, yaml.ScalarEvent):  # most likely text: 'proposer: &Co Ltd'
        written = text[event.start_mark.index : event.end_mark.index]
        return (f"'&{event.anchor}' at the start of a value is read as a YAML anchor (a label for repeating the "
                f"value), not as text: put the whole value in quotes{_in_quotes(written)}")
    return (f"'&{event.anchor}' is a YAML anchor (a label for repeating a value), which data files do not use: "
            "remove it, and write the values out in full where they are needed")


def _build(node: yaml.Node, text: str, line_offset: int) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            if not node.style and _TEXT_AS_COMMENT.match(text, node.end_mark.index):
                raise _problem(line_offset, node, _cut_by_comment(node, text))
            return node.value
        build_scalar = _SCALARS.get(node.tag)
        if build_scalar is not None:
            misread = _misread_number(node.tag, node.value) if not node.style else None
            if misread:
                raise _problem(line_offset, node, misread)
            try:
                return build_scalar(node)
            except ValueError:
                # e.g. 2025-02-30: keep the text so the model reports it against its field.
                return node.value
        written = text[node.start_mark.index : node.end_mark.index]
        raise _problem(
            line_offset, node,
            f"the YAML tag {node.tag!r} is not supported here: if it is text, put the whole value in quotes{_in_quotes(written)}",
        )
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _problem(line_offset, node, f"the YAML tag {node.tag!r} is not supported here")
        return [_build(item, text, line_offset) for item in node.value]
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
            if name in first_seen:
                first = first_seen[name].start_mark.line + 1 + line_offset
                raise _problem(line_offset, key, f"duplicate key {name!r} (first written on line {first})")
            first_seen[name] = key
            result[name] = _build(value, text, line_offset)
        return result
    raise _problem(line_offset, node, "unsupported YAML node")  # pragma: no cover - PyYAML has no others


def _problem(line_offset: int, node: yaml.Node | yaml.Event, message: str) -> YamlProblem:
    mark = node.start_mark
    return YamlProblem(message, mark.line + 1 + line_offset, mark.column + 1)


# YAML 1.1 reads these plain numbers other than they look. Only PyYAML's int and float forms count:
# 08 or 1:75 are text already. Hexadecimal and binary numbers are read as what they mean, but no
# editor writes a cost or a count that way: they are text ('0x1F') meant as it looks.
_OCTAL = re.compile("[-+]?0[0-7_]")
_BASE = re.compile("[-+]?0([xb])")
# ' #' right after a plain scalar, then text ('#2', not '# note' or a bare '#'): the scalar ended
# there, and the rest of the line, most likely meant as part of it, is dropped as a comment.
_TEXT_AS_COMMENT = re.compile("[ \t]+#(?![ \t\r\n\x85\u2028\u2029]|\\Z)")


def _misread_number(tag: str, written: str) -> str | None:
    """Why a plain number does not mean what it looks like, or None when it does."""
    if tag == _INT and _OCTAL.match(written):
        why, advice = "YAML reads a leading zero as octal, base 8", " if it is text, or drop the leading zero if a number was meant"
    elif tag == _INT and (base := _BASE.match(written)):
        why = f"YAML reads '0{base[1]}' as the start of a {'hexadecimal, base 16' if base[1] == 'x' else 'binary, base 2'} number"
        advice = " if it is text, or write the number in ordinary digits"
    elif ":" in written and tag in (_INT, _FLOAT):
        why, advice = "YAML reads numbers with colons in base 60, like minutes and seconds", ""
    else:
        return None
    if len(written) > 30:  # a hundred thousand ':0' take seconds to work out, for a message no one reads
        return f"this value is read as a number ({why}): put it in quotes{advice}"
    value = _SCALARS[tag](yaml.ScalarNode(tag, written))
    return f"'{written}' is read as the number {value} ({why}): put it in quotes{_in_quotes(written)}{advice}"


def _cut_by_comment(node: yaml.ScalarNode, text: str) -> str:
    line_end = text.find("\n", node.end_mark.index)
    written = text[node.start_mark.index : line_end if line_end >= 0 else len(text)].rstrip(" \t\r")
    shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
    return (
        f"the text after ' #' is read as a comment and dropped, leaving only '{shown}': put the whole value in "
        f"quotes{_in_quotes(written)}; a comment needs a space after the #"
    )


def _in_quotes(written: str) -> str:
    """' ("the value")' to show how to quote a value in a message, or '' when it is long or on many lines."""
    if len(written) > 60 or "\n" in written or "\r" in written:
        return ""
    return ' ("' + written.replace("\\", "\\\\").replace('"', '\\"') + '")'


# --- The fast way: line by line -----------------------------------------------------------------
# Data files are block mappings and lists of one-line scalars and literal or folded text, one
# entry per line. Reading the lines directly is about twice as fast as PyYAML's C parser, whose
# events each cost several Python objects. Whatever this reader does not handle exactly as PyYAML
# does raises _NeedsNodes, and the full way then gives the same values or the precise error; the
# tests compare both ways on generated documents.


class _NeedsNodes(Exception):
    """The text uses something only the full way handles (or reports)."""


# Characters YAML does not allow or reads as line breaks (and tabs, which only the full way
# explains); the first pattern is a quick test for plain ASCII text.
_ASCII_UNSUPPORTED = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
_UNSUPPORTED = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
# First characters that make a value something other than plain text on one line.
_INDICATORS = frozenset("?:,[]{}#&*!|>'\"%@`-")


def _values_from_lines(text: str) -> Any:
    if not text.endswith("\n") or (_ASCII_UNSUPPORTED if text.isascii() else _UNSUPPORTED).search(text):
        raise _NeedsNodes
    lines = text.split("\n")
    count = len(lines)
    root: Any = None
    stack: list[tuple[int, Any]] = []  # (indent, collection) of the open mappings and lists, innermost last
    top_indent, collection = -1, None  # the innermost one
    pending = None  # (mapping, key, indent): a key whose value starts on a later line
    at = 0
    while at < count:
        line = lines[at]
        at += 1
        body = line.lstrip(" ")
        if not body or body[0] == "#":
            continue
        indent = len(line) - len(body)
        item = body[:2] == "- "
        if pending is not None:  # the value of "key:" is nested below it, or empty
            mapping, key, key_indent = pending
            pending = None
            if indent > key_indent or (indent == key_indent and item):
                mapping[key] = collection = [] if item else {}
                stack.append((indent, collection))
                top_indent = indent
                if len(stack) > MAX_DEPTH:
                    raise _NeedsNodes  # the full way says how deep is too deep
            else:
                mapping[key] = None
        elif root is None:
            root = collection = [] if item else {}
            stack.append((indent, root))
            top_indent = indent
        while indent < top_indent:  # the line closes the collections indented deeper
            stack.pop()
            if not stack:
                raise _NeedsNodes
            top_indent, collection = stack[-1]
        if indent != top_indent:
            raise _NeedsNodes  # e.g. a value continued on the next line
        if type(collection) is list:
            if not item:  # a list written at its key's indentation ends at the next key
                stack.pop()
                if not stack:
                    raise _NeedsNodes
                top_indent, collection = stack[-1]
                if top_indent != indent:
                    raise _NeedsNodes
            else:
                after = body[2:]
                body = after.lstrip(" ")
                indent += 2 + len(after) - len(body)
                name, colon, value = body.partition(":")
                if not (colon and value[:1] in ("", " ") and name.isidentifier()):  # "- value"
                    if body[:1] in ("", "#"):
                        raise _NeedsNodes
                    value = body.rstrip(" ")
                    if value[0] in "|>":
                        value, at = _block_scalar(lines, at, value, top_indent)
                    else:
                        value = _scalar(value)
                    collection.append(value)
                    continue
                mapping = {}  # "- key: value" starts a mapping
                collection.append(mapping)
                collection, top_indent = mapping, indent
                stack.append((indent, mapping))
                if len(stack) > MAX_DEPTH:
                    raise _NeedsNodes
        name, colon, value = body.partition(":")
        if not (colon and value[:1] in ("", " ") and name.isidentifier()) or name in collection:
            raise _NeedsNodes  # not "key: value" with a plain key seen once
        value = value.strip(" ")
        if not value:
            pending = (collection, name, indent)
        elif value[0] in "|>":
            collection[name], at = _block_scalar(lines, at, value, indent)
        else:
            collection[name] = _scalar(value)
    if pending is not None:
        pending[0][pending[1]] = None
    if root is None:
        raise _NeedsNodes  # an empty document
    return root


def _scalar(text: str) -> Any:
    """A value written on one line: quoted text as it is, plain scalars typed as PyYAML types them."""
    first = text[0]
    if first == '"':
        if len(text) < 2 or text[-1] != '"' or '"' in text[1:-1] or "\\" in text:
            raise _NeedsNodes  # escapes, or more than a quoted value
        return text[1:-1]
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _NeedsNodes
        return inner.replace("''", "'")
    if (first in _INDICATORS and not (first == "-" and text[1:2] not in ("", " "))) or ": " in text or " #" in text or text[-1] == ":":
        raise _NeedsNodes  # an indicator, a comment, or a mapping where a value should be
    if first not in _RESOLVERS or (len(text) > 5 and first.isalpha()):
        # Plain text: YAML 1.1 gives a type only to numbers, dates and a few short words
        # (true, false, yes, no, on, off, null); checked against PyYAML by the tests.
        return text
    return _typed_plain(text)


def _block_scalar(lines: list[str], at: int, header: str, parent_indent: int) -> tuple[str, int]:
    """Literal (|) or folded (>) text starting at ``lines[at]``, and the index of the line after it."""
    if header[1:] not in ("", "-"):
        raise _NeedsNodes  # keep (+), explicit indentation and comments are left to the full way
    first = lines[at] if at < len(lines) else ""
    width = len(first) - len(first.lstrip(" "))
    if not first.strip(" ") or width <= parent_indent:
        raise _NeedsNodes  # empty, or starting with an empty line
    content = []
    while at < len(lines):
        line = lines[at]
        if line and not line[:width].strip(" ") and line[width:].strip(" "):
            content.append(line[width:])
        elif not line:
            content.append("")
        elif not line.strip(" "):
            raise _NeedsNodes  # a line of spaces: YAML's rules for these depend on where it is
        else:
            break  # less indented: the text has ended
        at += 1
    while content[-1] == "":
        content.pop()
    if header[0] == "|":
        text = "\n".join(content)
    else:  # folded: lines join with a space, an empty line is a line break
        if any(line[0] == " " or line[-1] == " " for line in content if line):
            raise _NeedsNodes  # more-indented lines and trailing spaces fold by other rules
        text = ""
        for line in content:
            text += "\n" if not line else (" " + line if text and text[-1] != "\n" else line)
    return (text + "\n" if header[1:] == "" else text), at


@functools.lru_cache(maxsize=8192)  # the same dates, numbers, flags and names recur from file to file
def _typed_plain(text: str) -> Any:
    """A plain scalar's value by PyYAML's implicit resolvers and SafeConstructor (immutable: cacheable)."""
    for tag, pattern in _RESOLVERS[text[:1]]:
        if pattern.match(text):
            build_scalar = _SCALARS.get(tag)
            if build_scalar is None or _misread_number(tag, text):
                raise _NeedsNodes  # e.g. '<<', '=', 010 or 1:30: the full way explains them
            try:
                return build_scalar(yaml.ScalarNode(tag, text))
            except ValueError:
                return text  # e.g. 2025-02-30, as the full way
    return text
