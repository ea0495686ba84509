"""Problems found in the data, reported the way compilers do: ``path:line:col: error: text``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


def visible(text: str) -> str:
    """``text`` with every control or invisible character written as a Python escape (a newline as
    ``\\n``, ESC as ``\\x1b``, a right-to-left override as ``\\u202e``), so that a file name or a value
    can neither start a line of its own (forging a message or a GitHub command), nor colour or hide
    text in a terminal or a log viewer, nor look like another name."""
    if text.isprintable():  # the usual case, answered at once
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _command_data(text: str) -> str:
    """Escaped as GitHub escapes the message of a workflow command (``escapeData`` of @actions/core)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _command_property(text: str) -> str:
    """Escaped as GitHub escapes a property value (``escapeProperty``): ``:`` and ``,`` end values."""
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one data file. ``line`` and ``column`` are 1-based.

    A problem with a whole file (or folder) is at its line 1, column 1: every message names a line,
    as editors' tools and GitHub annotations expect; 0 is taken as 1.
    """

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        if self.line < 1 or self.column < 1:
            object.__setattr__(self, "line", max(self.line, 1))
            object.__setattr__(self, "column", max(self.column, 1))

    def __str__(self) -> str:
        return f"{visible(self.path)}:{self.line}:{self.column}: {self.severity}: {visible(self.message)}"

    def github(self) -> str:
        """A GitHub Actions workflow command, which shows as an annotation on the changed line."""
        kind = "error" if self.severity == "error" else "warning"
        where = f"file={_command_property(visible(self.path))},line={self.line},col={self.column}"
        return f"::{kind} {where}::{_command_data(visible(self.message))}"


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


class DataError(Exception):
    """Raised when the data has errors; carries every diagnostic of the run, warnings included."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        count = len(errors(self.diagnostics))
        super().__init__(f"{count} error{'s' if count != 1 else ''} in the data")

    def report(self) -> str:
        lines = [str(d) for d in self.diagnostics]
        lines.append(str(self))
        return "\n".join(lines)
