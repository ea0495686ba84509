"""``secsite export DIR``: a plain MkDocs build of the exported folder, with neither the secsite plugin
nor mkdocs-macros, gives the same site, file for file and byte for byte, as the plugin's build."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from sitebuild import COMMAND, EPOCH, REPO, build, differing, page, project_copy


def export(project: Path, out: Path, epoch: str = EPOCH) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run([*COMMAND, "export", str(out), "-f", str(project / "mkdocs.yml")],
                          env=env, capture_output=True, text=True, cwd=project)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "out"
    result = export(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


def test_a_plain_build_of_the_export_is_the_plugin_build(exported: Path, site: Path, tmp_path: Path):
    config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "secsite" not in plugins and "macros" not in plugins
    result = build(exported, tmp_path / "site")  # mkdocs build --strict, from the exported folder
    assert result.returncode == 0, result.stderr
    assert differing(site, tmp_path / "site") == []


def test_the_export_holds_pages_with_front_matter_feeds_and_downloads(exported: Path):
    docs = exported / "docs"
    mp255 = (docs / "modifications" / "mp255.md").read_text(encoding="utf-8")
    front_matter = yaml.safe_load(mp255.split("---\n")[1])
    assert front_matter["title"].startswith("MP255: ")
    assert front_matter["edit_url"] == "https://github.com/example/secsite/edit/main/data/modifications/MP255.yml"
    for path in ("feed.xml", "calendar.ics", "calendars/large-suppliers.ics", "modifications/register.csv",
                 "api/modifications.json", "api/releases.json", "api/changes.json", "assets/secsite/secsite.css"):
        assert (docs / path).stat().st_size > 0, path
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "{{" not in home and "render_macros: false" in home  # macros filled in, never run again


def test_edit_this_page_opens_the_data_file(site: Path):
    link = page(site, "modifications/mp255").find("a", rel="edit")
    assert link["href"] == "https://github.com/example/secsite/edit/main/data/modifications/MP255.yml"
    assert page(site, "modifications").find("a", rel="edit") is None  # generated from many files: none
    link = page(site, "glossary").find("a", rel="edit")
    assert link["href"] == "https://github.com/example/secsite/edit/main/content/glossary.md"


def test_the_same_without_directory_urls(tmp_path: Path):
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false"),
                      encoding="utf-8")
    assert build(project, tmp_path / "plugin").returncode == 0
    assert export(project, tmp_path / "out").returncode == 0
    result = build(tmp_path / "out", tmp_path / "plain")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plain" / "modifications" / "mp255.html").exists()
    assert differing(tmp_path / "plugin", tmp_path / "plain") == []


def test_export_never_writes_into_a_folder_that_has_files(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = export(REPO, out)
    assert result.returncode == 1
    assert "not an empty folder" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_export_of_bad_data_names_the_file_and_writes_nothing(tmp_path: Path):
    project = project_copy(tmp_path)
    (project / "data" / "modifications" / "MP255.yml").write_text("id: MP255\ntitle: [\n", encoding="utf-8")
    result = export(project, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/modifications/MP255.yml:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_export_without_site_url_says_what_to_set(tmp_path: Path):
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text("\n".join(line for line in config.read_text(encoding="utf-8").splitlines()
                                if not line.startswith("site_url:")), encoding="utf-8")
    result = export(project, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "site_url" in result.stderr
    assert not (tmp_path / "out").exists()
