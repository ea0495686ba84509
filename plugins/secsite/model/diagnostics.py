"""Problems found in the data, reported the way compilers do: ``path:line:col: error: text``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one data file. ``line`` and ``column`` are 1-based; 0 means the whole file."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, which shows as an annotation on the changed line."""
        kind = "error" if self.severity == "error" else "warning"
        # Workflow commands treat %, CR and LF specially in the message.
        text = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={max(self.line, 1)},col={max(self.column, 1)}::{text}"


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
