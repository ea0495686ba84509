"""Full builds of the example data with ``mkdocs build --strict``, read back as a reader would."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil

from bs4 import BeautifulSoup

from sitebuild import REPO, build, page, project_copy, text

MODIFICATIONS = sorted(p.stem for p in (REPO / "data/modifications").glob("*.yml"))
RELEASE_FILES = sorted(p.stem for p in (REPO / "data/releases").glob("*.yml"))


def test_every_modification_and_release_has_a_page(site):
    for mod_id in MODIFICATIONS:
        soup = page(site, f"modifications/{mod_id.lower()}")
        assert soup.find("h1").get_text().startswith(f"{mod_id}:"), mod_id
    for rid in RELEASE_FILES:
        assert (site / "releases" / rid / "index.html").exists(), rid


def test_scheduled_releases_without_a_file_are_listed_up_to_the_horizon(site):
    releases = text(page(site, "releases"))
    # Built on 26 November 2026 with a two-year horizon: the November 2028 release has no file.
    assert not (REPO / "data/releases/2028-11.yml").exists()
    assert "November 2028 SEC Release" in releases and "2 November 2028" in releases
    assert (site / "releases/2028-11/index.html").exists()
    assert "2029" not in releases


def test_moved_out_modification_shows_both_releases(site):
    body = text(page(site, "modifications/mp255"))
    assert "Moved out" in body and "Moved out on 12 March 2026 to the June 2027 SEC Release" in body
    scope = text(page(site, "releases/2026-06"))
    assert "MP255" in scope and "Moved out" in scope


def test_release_page_facts(site):
    body = text(page(site, "releases/2019-11"))
    assert "Go-live 29 November 2019" in body  # moved by the Authority from 7 November (R7)
    assert "Date by the rule for scheduled releases (policy 3.1) 7 November 2019" in body
    assert "Live" in body
    june = text(page(site, "releases/2027-06"))
    assert "Scope cut-off for DCC and User system changes 24 June 2026" in june
    # Both 2027 System Releases change DUIS: a policy flag, not an error, in readers' words.
    assert "both change DUIS, GBCS or the Technical Specifications" in june and "(policy 3.3)" in june
    assert "R5" not in june


def test_late_addition_rationale_is_on_the_release_page(site):
    body = text(page(site, "releases/2026-11"))
    assert "Late additions" in body
    assert "MP268 entered the scope on" in body
    assert "Not recorded" not in body


def test_awaiting_new_implementation_date_is_shown(site):
    assert "Awaiting a new implementation date" in text(page(site, "modifications/mp257"))


def test_edit_link_opens_the_yaml_file(site):
    link = page(site, "modifications/mp255").find("a", attrs={"title": "Edit this page"})
    assert link["href"].endswith("/edit/main/data/modifications/MP255.yml")


def test_register_has_a_row_per_modification_and_matches_downloads(site):
    rows = page(site, "modifications").select("#sec-register tbody tr")
    assert len(rows) == len(MODIFICATIONS)
    register = list(csv.DictReader(io.StringIO((site / "modifications/register.csv").read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in register] == [row.find("a").get_text() for row in rows]
    api = json.loads((site / "api/modifications.json").read_text(encoding="utf-8"))
    by_id = {m["id"]: m for m in api["modifications"]}
    assert sorted(by_id) == MODIFICATIONS
    for entry in register:
        assert by_id[entry["id"]]["derived"]["implementation"] == entry["implementation"]
        header = text(page(site, f"modifications/{entry['id'].lower()}"))
        assert f"Implementation date {entry['implementation']}" in header
    releases = json.loads((site / "api/releases.json").read_text(encoding="utf-8"))["releases"]
    june = next(r for r in releases if r["id"] == "2027-06")
    assert june["go_live"] == "2027-06-24" and june["milestones"]["systems-cutoff"]["due"] == "2026-06-24"


def test_notices_held_back_until_their_date(site):
    future = [p.stem for p in (REPO / "data/notices").glob("*.md") if "2027-01" in p.stem]
    assert future, "the example data has a notice dated after the build date"
    for notice_id in future:
        assert not (site / "notices" / notice_id).exists()
    listing = text(page(site, "notices"))
    assert "2027-01" not in listing


def test_home_page_shows_next_releases_key_dates_and_banner(site):
    home = page(site, "")
    body = text(home)
    assert "February 2027 SEC Release" in body and "25 February 2027" in body
    assert "Key dates in the next 90 days" in body
    assert "Example data" in home.get_text()
    assert home.find("link", attrs={"rel": "alternate", "type": "application/rss+xml"})["href"].endswith("/feed.xml")


def test_site_is_self_contained(site):
    for html in site.rglob("*.html"):
        markup = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in markup and "fonts.gstatic" not in markup, html
        soup = BeautifulSoup(markup, "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                target = element.get(attribute) or ""
                if tag == "link" and "stylesheet" not in (element.get("rel") or []):
                    continue
                assert not target.startswith(("http:", "https:", "//")), (html, target)


def test_data_text_with_html_is_shown_as_text(tmp_path):
    project = project_copy(tmp_path)
    mod = project / "data/modifications/MP255.yml"
    source = mod.read_text(encoding="utf-8")
    source = source.replace("title: Faster searches in the Self-Service Interface", 'title: "<script>alert(1)</script> Faster"')
    source = source.replace("summary: |\n", "summary: |\n  <img src=x onerror=alert(2)> {{ 7 * 7 }} [x](javascript:alert(3))\n", 1)
    mod.write_text(source, encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    for path in ("modifications/mp255", "modifications", "releases/2027-06"):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html, path
    html = (site / "modifications/mp255/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "javascript:" not in html
    assert BeautifulSoup(html, "html.parser").title.get_text().startswith("MP255: <script>alert(1)</script> Faster")
    assert "{{ 7 * 7 }}" in html  # data is never run through the macros engine


def test_broken_data_fails_the_build_and_keeps_the_previous_site(tmp_path, site):
    project = project_copy(tmp_path)
    previous = site
    site = tmp_path / "site"
    shutil.copytree(previous, site)  # a site built from the same data (the fixture checked the build passed)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}
    (project / "data/modifications/MP255.yml").write_text("id: MP255\ntitle: [unclosed\n", encoding="utf-8")
    (project / "data/releases/2027-06.yml").write_text('id: "2027-06"\ngo_live: 2027-06-17\n', encoding="utf-8")
    result = build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/modifications/MP255.yml:3:1: error: invalid YAML" in result.stderr
    assert "data/releases/2027-06.yml:2:10: error: go_live: 17 June 2027 does not match" in result.stderr
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_two_builds_are_byte_identical(tmp_path, site):
    again = tmp_path / "again"
    assert build(REPO, again).returncode == 0
    first = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    for relative in first:
        assert (site / relative).read_bytes() == (again / relative).read_bytes(), relative


def test_release_and_home_pages_offer_webcal_and_https_subscriptions(site):
    for path, release in (("releases/2027-06", "2027-06"), ("", "2027-02")):
        hrefs = {a["href"] for a in page(site, path).find_all("a", href=True)}
        assert f"webcal://sec-releases.example.org/releases/{release}/calendar.ics" in hrefs, path
        assert f"https://sec-releases.example.org/releases/{release}/calendar.ics" in hrefs, path
        assert (site / "releases" / release / "calendar.ics").is_file()
