"""A real ``mkdocs build`` with a linked notice: it fails, names the link, and publishes nothing of it.

Before issue 11 a notice that was a link to a file outside the repository was read and published,
on the site and in the feed, and its bytes could reach the build log.
"""

from __future__ import annotations

from sitebuild import build, project_copy

SECRET = "SECRET-4f1c2a9e"


def test_a_build_with_a_linked_notice_fails_and_leaks_nothing(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notice.md").write_text(f"---\ntitle: {SECRET}\ndate: 2026-01-05\n---\n{SECRET} body\n")
    project = project_copy(tmp_path)
    (project / "data" / "notices" / "2026-01-05-leak.md").symlink_to(outside / "notice.md")
    # A name that tries to forge a GitHub annotation in the build log.
    (project / "data" / "notices" / "x\n::error file=mkdocs.yml::forged.md").write_text("x")
    site = tmp_path / "site"

    result = build(project, site)

    log = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in log
    assert SECRET not in log
    assert ("data/notices/2026-01-05-leak.md:1:1: error: a symbolic link: links in the data folder are never "
            "followed; put the file itself here, or delete the link") in log
    assert "data/notices/x\\n::error file=mkdocs.yml::forged.md:1:1: error: the name has a control" in log
    assert not any(line.lstrip().startswith("::") for line in log.splitlines())
    published = [path for path in site.rglob("*") if path.is_file()] if site.exists() else []
    assert not any(SECRET.encode() in path.read_bytes() for path in published)
