"""Property test: "check passes" means "the site builds" (issue 11, Deliver 2).

Hypothesis starts from a small valid data folder (a modification, a release, a notice and
calendar.yml, as the data contract describes them) and changes one or two of its values, drawn by
the type of the field: text with control, invisible and right-to-left characters, HTML, template
syntax and Markdown up to and past every limit; dates from year 1 to 9999; huge, negative, infinite
and not-a-number amounts; Working-Day counts in the millions; notices held back to a later day.
Then, one time in four, it mutates the YAML text as careless or hostile editors do (a comment after
a value, an anchor, an alias, a tab, a cut-off file, a stray character). For each data folder:

- ``secsite check`` on the build date never raises (no traceback) and never hangs;
- every message names a file, a line and a column;
- if it reports no error, a real MkDocs build (``--strict``) of the site succeeds, on the build date
  or on any later build date up to the end of the horizon (a notice held back until then is
  published in that build, a fact recorded for a later day is in force).

Values are drawn so that about half the examples pass check and are built (see
``--hypothesis-show-statistics``, events "built" and "refused").

Can it fail? Run against the code before issue 11 (80 examples, no saved examples), it failed in 3
runs out of 4: a control character in a notice title and a date outside the calendar's range each
passed check and then crashed the build or check itself.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import SETTINGS, within
from secsite.checks import check_data
from secsite.model.diagnostics import errors
from sitebuild import REPO

HORIZON_END = date(2028, 12, 31)  # the build year plus horizon_years (2)
DIAGNOSTIC = re.compile(r"^.+:[1-9][0-9]*:[1-9][0-9]*: (error|warning): .+", re.DOTALL)

# --- a valid data folder --------------------------------------------------------------------------

MODIFICATION = {
    "id": "MP100", "title": "Improve install reporting", "stage": "refinement", "route": "self-governance",
    "raised": date(2025, 1, 15), "proposer": "Example Energy", "summary": "The issue, in **Markdown**.",
    "solution": "Change the report.",
    "impacts": {"dcc_systems": True, "user_systems": False, "parties": {"large_suppliers": "high"},
                "documents": ["Section H 'DCC Services'"]},
    "implementation": {"set": date(2026, 1, 20), "dates": [{"release": "2027-06", "decision_by": date(2026, 12, 1)}]},
    "costs": {"sit": 1000.0, "ongoing_operational": 50.0},
    "history": [{"date": date(2025, 1, 15), "event": "Draft Proposal raised"}],
    "documents": [{"title": "Modification Report", "url": "https://example.org/mp100.pdf", "date": date(2026, 1, 10)}],
}
RELEASE = {
    "id": "2027-06",
    "rid": [{"version": "0.1", "date": date(2026, 3, 1), "summary": "First draft"}],
    "testing": {"phases": [{"name": "SIT", "start": date(2027, 1, 4), "end": date(2027, 3, 1)}]},
    "costs": {"forecast": {"sit": 1000.0}, "commentary": "Within budget."},
}
NOTICE = {"title": "Scope of the June 2027 release", "date": date(2026, 11, 1), "releases": ["2027-06"],
          "modifications": ["MP100"], "body": "The scope is set."}
CALENDAR = {
    "change_freezes": [{"id": "christmas", "decided": date(2026, 10, 1), "start": date(2026, 12, 21),
                        "end": date(2027, 1, 4), "reason": "Reduced staffing."}],
    "non_working_days": [date(2026, 12, 24)],
}

# --- values by the type of the field --------------------------------------------------------------

NESTED_LIST = "\n".join("    " * depth + "- item" for depth in range(20))
HOSTILE_TEXT = [
    "\u200b", "\u202e\u2066", "a\x00b", "Title\x1b[31m", "\x85next", "tab\there", "line\nbreak", "\ufffe",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ config }}", "{% raw %}", "${x}",
    "=HYPERLINK(\"http://x\")", "@SUM(1)", "&amp; &Co", "*a", "&a x", "#2 fix", "javascript:alert(1)",
    "![x](https://evil.example/x.png)", "[x](javascript:y)", "MP١٢٣", "\U0001f600 emoji", "x" * 1000,
    "x" * 1001, "y" * 20_001, NESTED_LIST, NESTED_LIST + "\n" + "    " * 20 + "- deeper", ">" * 20 + " deep",
    ">" * 300 + " deep", "*" * 600, "*" * 2000 + "x", "[" * 20, "[" * 2000, "`" * 1000, "\\" * 500,
]
# Each strategy draws valid values about two times in three, so that about half the examples build.
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co", "Cn")), min_size=1, max_size=40)
    .filter(lambda text: text.strip()),
    st.text(min_size=1, max_size=40),
    st.sampled_from(HOSTILE_TEXT),
)
DATES = st.one_of(
    st.dates(min_value=date(2024, 1, 1), max_value=HORIZON_END),
    st.dates(min_value=date(2024, 1, 1), max_value=HORIZON_END),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([date(1, 1, 1), date(1999, 12, 31), date(2000, 1, 1), date(2100, 12, 31), date(2101, 1, 1), date(9999, 12, 31)]),
)
MONEY = st.one_of(
    st.floats(min_value=0, max_value=1e9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -0.0, 1e9, 1e9 + 1, float("inf"), float("nan"), -1, 10**30]),
)
WORKING_DAYS = st.one_of(st.integers(min_value=1, max_value=1000), st.integers(min_value=-5, max_value=10**12))

# Where a value can change: (file, path to the field, values).
SLOTS = [
    ("modification", ("title",), TEXT), ("modification", ("proposer",), TEXT), ("modification", ("summary",), TEXT),
    ("modification", ("solution",), TEXT), ("modification", ("impacts", "documents", 0), TEXT),
    ("modification", ("history", 0, "event"), TEXT), ("modification", ("documents", 0, "title"), TEXT),
    ("modification", ("raised",), DATES), ("modification", ("implementation", "set"), DATES),
    ("modification", ("implementation", "dates", 0, "decision_by"), DATES), ("modification", ("history", 0, "date"), DATES),
    ("modification", ("costs", "sit"), MONEY), ("modification", ("costs", "ongoing_operational"), MONEY),
    ("modification", ("implementation",), WORKING_DAYS.map(lambda n: {"set": date(2026, 1, 20), "working_days_after_decision": n})),
    ("modification", ("stage",), st.sampled_from(["approved", "rejected", "implemented", "withdrawn"])),
    ("modification", ("decision",), st.builds(lambda day, outcome: {"date": day, "by": "authority", "outcome": outcome},
                                              DATES, st.sampled_from(["approved", "rejected"]))),
    ("release", ("rid", 0, "summary"), TEXT), ("release", ("rid", 0, "date"), DATES),
    ("release", ("testing", "phases", 0, "name"), TEXT), ("release", ("testing", "phases", 0, "start"), DATES),
    ("release", ("testing", "phases", 0, "end"), DATES), ("release", ("costs", "forecast", "sit"), MONEY),
    ("release", ("costs", "commentary"), TEXT),
    ("release", ("date_changes",), st.builds(lambda day: [{"requested": date(2026, 2, 1), "approved": date(2026, 3, 1),
                                                           "by": "panel", "date": day, "reason": "Testing"}], DATES)),
    ("notice", ("title",), TEXT), ("notice", ("body",), TEXT), ("notice", ("date",), DATES),
    ("calendar", ("change_freezes", 0, "start"), DATES), ("calendar", ("change_freezes", 0, "end"), DATES),
    ("calendar", ("change_freezes", 0, "decided"), DATES), ("calendar", ("change_freezes", 0, "reason"), TEXT),
    ("calendar", ("non_working_days", 0), DATES),
]


def _set(document, path, value) -> None:
    *parents, last = path
    for step in parents:
        document = document[step]
    document[last] = value


# --- what careless and hostile editors do to the text ---------------------------------------------

MUTATIONS = ("comment", "anchor", "alias", "tab", "cut", "stray", "octal", "duplicate")


@st.composite
def mutated(draw, text: str) -> str:
    lines = text.split("\n")
    at = draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = draw(st.sampled_from(MUTATIONS))
    if kind == "comment":
        lines[at] += " #2 fix"
    elif kind == "anchor":
        lines[at] = lines[at].replace(": ", ": &a ", 1)
    elif kind == "alias":
        lines.insert(at, "x: &a [*a, *a]\ny: [*a, *a, *a]")
    elif kind == "tab":
        lines[at] = "\t" + lines[at]
    elif kind == "cut":
        return text[: draw(st.integers(0, len(text)))]
    elif kind == "stray":
        point = draw(st.integers(0, len(text)))
        return text[:point] + draw(st.sampled_from(["\x00", "\x07", "\ufeff", "\u2028", ":", "[", "{", "|", "'"])) + text[point:]
    elif kind == "octal":
        lines[at] = re.sub(r": .*", ": 0100000", lines[at], count=1)
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    return "\n".join(lines)


def _yaml(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)


@st.composite
def data_folder(draw) -> dict[str, str]:
    """File path (under data/) -> text."""
    documents = {"modification": copy.deepcopy(MODIFICATION), "release": copy.deepcopy(RELEASE),
                 "notice": copy.deepcopy(NOTICE), "calendar": copy.deepcopy(CALENDAR)}
    for file, path, values in draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=2)):
        _set(documents[file], path, draw(values))
    notice = documents["notice"]
    body = notice.pop("body")
    files = {
        "modifications/MP100.yml": _yaml(documents["modification"]),
        "releases/2027-06.yml": _yaml(documents["release"]),
        "notices/2026-11-01-scope.md": "---\n" + _yaml(notice) + "---\n" + str(body) + "\n",
        "calendar.yml": _yaml(documents["calendar"]),
    }
    if draw(st.integers(0, 3)) == 0:
        target = draw(st.sampled_from(sorted(files)))
        files[target] = draw(mutated(files[target]))
    return files


# --- running check and build ------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The site project (config, content, overrides) whose data folder each example rewrites."""
    root = tmp_path_factory.mktemp("property")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def build_site(project: Path, build_date: date) -> None:
    """A real MkDocs build, in this process (a second ``mkdocs`` process per example would double the
    time); the build date is its noon, as SOURCE_DATE_EPOCH."""
    epoch = (build_date - date(1970, 1, 1)).days * 86_400 + 12 * 3600
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        site = tempfile.mkdtemp(dir=project)
        mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=site, strict=True))
        shutil.rmtree(site)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


# No shrinking: each step may build a site, and the example as found is printed anyway.
@settings(max_examples=80, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=data_folder(), days_later=st.integers(0, (HORIZON_END - SETTINGS.today).days))
def test_check_passes_means_the_site_builds(project, files, days_later):
    data = project / "data"
    shutil.rmtree(data, ignore_errors=True)
    for relative, text in files.items():
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    with within(30):
        _, _, problems = check_data(data, SETTINGS)
    for problem in problems:
        assert DIAGNOSTIC.match(str(problem)), str(problem)
    if errors(problems):
        event("refused")
        return
    event("built")
    with within(120):
        build_site(project, SETTINGS.today + timedelta(days=days_later))
