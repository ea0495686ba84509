"""The editors' preview, ``mkdocs serve --dirty``: after any saved edit of the data, the preview is the
site a clean build of the edited data gives, file for file and byte for byte, although it rebuilds only
the pages that changed.

Each test drives MkDocs as ``mkdocs serve`` does between its file watcher and its web server: one
plugin collection kept for the whole session, a fresh configuration and ``build(dirty=True)`` per
save, into one folder. The reference is a separate, clean ``mkdocs build`` of the same files.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options, load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from sitebuild import EPOCH, REPO, build, differing, project_copy

SERVE_URL = "http://127.0.0.1:8000/"  # what mkdocs serve sets site_url to


def _plugin_cache() -> dict:
    """MkDocs keeps a plugin with ``on_startup`` alive across the builds of one process (that is what
    ``serve`` relies on); the tests start and end with none kept, like a new ``mkdocs serve``."""
    option = next(opt for _, opt in MkDocsConfig._schema if isinstance(opt, config_options.Plugins))
    return option.plugin_cache


class Preview:
    def __init__(self, project: Path, site: Path):
        self.project, self.site = project, site
        self.started = False

    def save(self, relative: str, text: str | None) -> None:
        """An editor saves (or, with None, deletes) a file of the project."""
        path = self.project / relative
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")

    def rebuild(self) -> None:
        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        if not self.started:
            config.plugins.on_startup(command="serve", dirty=True)
            self.started = True
        mkdocs_build(config, serve_url=SERVE_URL, dirty=True)

    def written(self) -> dict[str, int]:
        """Every file of the preview's site and when it was last written."""
        return {p.relative_to(self.site).as_posix(): p.stat().st_mtime_ns for p in self.site.rglob("*") if p.is_file()}


@pytest.fixture
def preview(tmp_path, monkeypatch) -> Preview:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://sec-releases.example.org/", f"site_url: {SERVE_URL}"), encoding="utf-8")
    _plugin_cache().clear()
    found = Preview(project, tmp_path / "preview")
    found.rebuild()
    yield found
    _plugin_cache().clear()


def differences(preview: Preview, tmp: Path) -> list[str]:
    """The files in which the preview differs from a clean build of the project as it now is. The
    search index is left out: the preview keeps the index of its first build (adapters.preview)."""
    reference = tmp / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    result = build(preview.project, reference)
    assert result.returncode == 0, result.stderr
    return differing(preview.site, reference, leave_out=("search/search_index.json",))


def edited(project: Path, relative: str, old: str, new: str) -> str:
    text = (project / relative).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{relative}: {old!r}"
    return text.replace(old, new)


# Each edit: the file saved, the text replaced, and pages that must have been rebuilt (they show it).
EDITS = {
    "title": ("data/modifications/MP255.yml", "title: Faster searches", "title: Quicker searches",
              ["modifications/mp255/index.html", "modifications/index.html", "releases/2027-06/index.html"]),
    "implementation date": ("data/modifications/MP255.yml", 'release: "2027-06"\n      reason', 'release: "2027-11"\n      reason',
                            ["modifications/mp255/index.html", "releases/2027-06/index.html", "releases/2027-11/index.html"]),
    "decision": ("data/modifications/MP255.yml", "date: 2025-07-30\n  by: authority", "date: 2025-07-31\n  by: authority",
                 ["modifications/mp255/index.html", "notices/mp255-approved/index.html", "feed.xml"]),
    "release go-live": ("data/releases/2027-11.yml", "go_live: 2027-11-25", "go_live: 2027-12-02",
                        ["releases/2027-11/index.html", "releases/index.html", "calendar.ics", "index.html"]),
    "notice": ("data/notices/2026-10-christmas-change-freeze.md", "Testing\nand other release work",
               "Testing, reviews\nand other release work",
               ["notices/2026-10-christmas-change-freeze/index.html", "feed.xml"]),
    # Pages that show something of another file: an alternative proposal shows its original's title,
    # a modification's page the titles of the notices about it.
    "title shown on another page": ("data/modifications/MP122.yml", "title: A Service Request", "title: One Service Request",
                                    ["modifications/mp122/index.html", "modifications/mp122a/index.html"]),
    "notice title": ("data/notices/2022-02-sec-v57-published.md", "title: SEC v57.0 published", "title: SEC v57 published",
                     ["notices/2022-02-sec-v57-published/index.html", "modifications/mp158/index.html",
                      "modifications/mp167/index.html"]),
    "calendar.yml": ("data/calendar.yml", "end: 2027-01-04\n    reason: >-\n      Illustrative",
                     "end: 2027-01-05\n    reason: >-\n      Illustrative", ["calendar.ics", "index.html"]),
}


@pytest.mark.parametrize("kind", EDITS)
def test_after_an_edit_the_preview_is_the_clean_build(preview, tmp_path, kind):
    relative, old, new, shown_on = EDITS[kind]
    if kind == "release go-live":  # the go-live and the approved change that set it move together
        text = edited(preview.project, relative, old, new).replace("date: 2027-11-25", "date: 2027-12-02")
    else:
        text = edited(preview.project, relative, old, new)
    before = preview.written()
    preview.save(relative, text)
    preview.rebuild()
    after = preview.written()
    assert differences(preview, tmp_path) == []
    for path in shown_on:
        assert after[path] != before[path], f"{path} shows the edit but was not rebuilt"
    # ...while the pages that do not show it were left as they were: the point of the preview.
    untouched = [path for path in before if path.endswith(".html") and after.get(path) == before[path]]
    assert len(untouched) > len(before) // 2


def test_a_deleted_notice_leaves_the_preview(preview, tmp_path):
    preview.save("data/notices/2022-02-sec-v57-published.md", None)
    preview.rebuild()
    assert not (preview.site / "notices/2022-02-sec-v57-published").exists()
    assert differences(preview, tmp_path) == []


def test_a_typo_is_refused_and_its_fix_shows_every_change(preview, tmp_path):
    relative = "data/modifications/MP255.yml"
    good = edited(preview.project, relative, "title: Faster searches", "title: Quicker searches")
    preview.save(relative, good.replace("stage: approved", "stage: [approved"))
    with pytest.raises(Abort):
        preview.rebuild()
    preview.save(relative, good)
    preview.rebuild()
    assert differences(preview, tmp_path) == []


def test_the_preview_reads_only_the_saved_file_again(preview, tmp_path):
    relative = "data/modifications/MP255.yml"
    preview.save(relative, edited(preview.project, relative, "title: Faster", "title: Quicker"))
    preview.rebuild()
    plugin = _plugin_cache()["secsite"]
    assert plugin.preview.reuse.parsed == 1


# --- any edits: generated -----------------------------------------------------------------------

DATA_FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "data").rglob("*")
                    if p.suffix in (".yml", ".md") and p.name != "README.md")
_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


@st.composite
def saves(draw) -> tuple[str, str, object]:
    """A saved edit: a file, and either one of its dates moved by some days or its title rewritten."""
    relative = draw(st.sampled_from(DATA_FILES))
    if draw(st.booleans()):
        return relative, "date", (draw(st.integers(0, 200)), draw(st.integers(-60, 60)))
    return relative, "title", draw(st.text(alphabet="abcXYZ 0123&<>'", min_size=1, max_size=30).map(str.strip).filter(bool))


def apply(text: str, kind: str, change) -> str:
    if kind == "date":
        dates = list(_DATE.finditer(text))
        if not dates:
            return text
        found = dates[change[0] % len(dates)]
        moved = date.fromisoformat(found.group()) + timedelta(days=change[1])
        return text[: found.start()] + moved.isoformat() + text[found.end() :]
    return re.sub(r"(?m)^title: .*$", lambda _: f"title: {json.dumps(change)}", text, count=1)


@settings(max_examples=5, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(saves(), min_size=1, max_size=3))
def test_after_any_edits_the_preview_is_the_clean_build_or_both_refuse_the_data(preview, tmp_path, edits):
    """The preview is a long session: whatever was saved before, after each save the preview is what a
    clean build of the files as they are gives, and it refuses exactly the data a clean build refuses."""
    originals = {relative: (preview.project / relative).read_text(encoding="utf-8") for relative, _, _ in edits}
    for relative, kind, change in edits:
        preview.save(relative, apply((preview.project / relative).read_text(encoding="utf-8"), kind, change))
    reference = tmp_path / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    clean = build(preview.project, reference)
    try:
        preview.rebuild()
    except Abort:
        assert clean.returncode != 0, "the preview refused data that a clean build accepts"
    else:
        assert clean.returncode == 0, f"the preview accepted data that a clean build refuses: {clean.stderr[-500:]}"
        assert differing(preview.site, reference, leave_out=("search/search_index.json",)) == []
    for relative, text in originals.items():  # the editor undoes the edits
        preview.save(relative, text)
    preview.rebuild()
    assert differences(preview, tmp_path) == []
