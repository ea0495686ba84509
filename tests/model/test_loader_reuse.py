"""Reading a data folder again with ``loader.Reuse`` (the editors' preview) gives exactly what a fresh
read gives, and parses only the files whose bytes changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from secsite.model.loader import Reuse, read_catalogue

REPO = Path(__file__).resolve().parents[2]


def fresh_and_reused(folder: Path, reuse: Reuse):
    return read_catalogue(folder), read_catalogue(folder, reuse)


def same(a, b) -> None:
    (catalogue_a, problems_a), (catalogue_b, problems_b) = a, b
    assert dict(catalogue_a.modifications) == dict(catalogue_b.modifications)
    assert dict(catalogue_a.releases) == dict(catalogue_b.releases)
    assert dict(catalogue_a.notices) == dict(catalogue_b.notices)
    assert catalogue_a.calendar == catalogue_b.calendar
    assert catalogue_a.unreadable == catalogue_b.unreadable
    assert problems_a == problems_b


def test_only_changed_files_are_parsed_and_the_result_is_a_fresh_reads(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    files = [p for p in folder.rglob("*") if p.suffix in (".yml", ".md") and p.name != "README.md"]
    reuse = Reuse()

    same(*fresh_and_reused(folder, reuse))
    assert reuse.parsed == len(files) - 1  # calendar.yml is read apart, every time

    same(*fresh_and_reused(folder, reuse))
    assert reuse.parsed == 0

    mp255 = folder / "modifications" / "MP255.yml"
    mp255.write_text(mp255.read_text(encoding="utf-8").replace("title: Faster", "title: Quicker"), encoding="utf-8")
    fresh, reused = fresh_and_reused(folder, reuse)
    same(fresh, reused)
    assert reuse.parsed == 1 and reused[0].modifications["MP255"].title.startswith("Quicker")


def test_a_files_problems_are_reported_on_every_read_until_it_is_fixed(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    mp255 = folder / "modifications" / "MP255.yml"
    good = mp255.read_text(encoding="utf-8")
    mp255.write_text(good.replace("stage: approved", "stage: approvd"), encoding="utf-8")
    reuse = Reuse()
    for _ in range(2):  # the second time from what was kept
        fresh, reused = fresh_and_reused(folder, reuse)
        same(fresh, reused)
        assert any("MP255.yml" in p.path and "stage" in p.message for p in reused[1])
    mp255.write_text(good, encoding="utf-8")
    fresh, reused = fresh_and_reused(folder, reuse)
    same(fresh, reused)
    assert not any("MP255.yml" in p.path for p in reused[1])


def test_a_deleted_file_is_gone_from_the_catalogue(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    reuse = Reuse()
    read_catalogue(folder, reuse)
    (folder / "notices" / "2022-02-sec-v57-published.md").unlink()
    fresh, reused = fresh_and_reused(folder, reuse)
    same(fresh, reused)
    assert "2022-02-sec-v57-published" not in reused[0].notices
