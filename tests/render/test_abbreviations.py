"""Abbreviations explained with <abbr title> on the first use a page makes of each: the one list, the
marking of a generated page's Markdown, and every page of the built example site."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment

from secsite.render import rawhtml
from secsite.render.abbreviations import ABBREVIATIONS, abbr, mark
from sitebuild import REPO

SEC = '<abbr title="Smart Energy Code">SEC</abbr>'
DCC = '<abbr title="Data Communications Company">DCC</abbr>'


def page(body: str) -> str:
    return f'---\ntitle: "SEC and DCC"\n---\n\n{body}'


# --- the one list ---------------------------------------------------------------------------------

def test_the_markdown_include_lists_exactly_the_same_abbreviations():
    text = (REPO / "content/_includes/abbreviations.md").read_text(encoding="utf-8")
    included = dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$", text, re.MULTILINE))
    assert included == ABBREVIATIONS


def test_the_glossary_explains_exactly_the_same_abbreviations():
    text = (REPO / "content/glossary.md").read_text(encoding="utf-8")
    section = text.split("## Abbreviations", 1)[1].split("\n## ", 1)[0]
    explained = dict(re.findall(r"^(\S[^\n]*)\n:   ([^:\n]+):", section, re.MULTILINE))
    assert explained == ABBREVIATIONS


# --- marking a page -------------------------------------------------------------------------------

def test_only_the_first_use_on_the_page_is_marked():
    out = mark(page("<p>The DCC and the SEC.</p>\n\n<div><p>DCC again, SEC again.</p></div>\n"))
    assert out.count(DCC) == 1 and out.count(SEC) == 1
    assert f"<p>The {DCC} and the {SEC}.</p>" in out
    assert "<p>DCC again, SEC again.</p>" in out


def test_front_matter_headings_and_markdown_text_are_left_alone():
    text = page("## The DCC\n\nSEC in a paragraph.\n\n<p>The DCC</p>\n")
    out = mark(text)
    assert out.startswith('---\ntitle: "SEC and DCC"\n---\n\n## The DCC\n\nSEC in a paragraph.\n')
    assert f"<p>The {DCC}</p>" in out


def test_inline_html_in_markdown_text_is_left_alone():
    text = "Some text <span>DCC</span>\n\n<span>SEC</span> at a line start is inline, not a block\n"
    assert mark(text) == text


def test_never_in_links_headings_svg_time_code_or_form_controls():
    excluded = ('<a href="x">DCC</a>', "<h2>DCC</h2>", "<svg><title>DCC</title><text>DCC</text></svg>",
                '<time datetime="2026-01-01">DCC</time>', "<code>DCC</code>", "<pre>DCC</pre>",
                "<button>DCC</button>", "<select><option>DCC</option></select>", "<textarea>DCC</textarea>",
                "<script>var x = 'DCC' < 1;</script>", "<!-- DCC -->")
    for html in excluded:
        out = mark(page(f"<div>{html} then DCC</div>\n"))
        assert f"<div>{html} then {DCC}</div>" in out, html


def test_never_in_attribute_values():
    out = mark(page('<div class="SEC" data-x="DCC" title=\'SEC > DCC\'><p>SEC</p></div>\n'))
    assert f'<div class="SEC" data-x="DCC" title=\'SEC > DCC\'><p>{SEC}</p></div>' in out


def test_an_existing_abbr_counts_as_the_first_use():
    text = page('<p><abbr title="Smart Energy Code">SEC</abbr> and SEC</p>\n')
    assert mark(text) == text


def test_whole_words_only_and_case_sensitive():
    text = page("<p>SECAS raised SECMP0062; MPSEC, Sec and sec are not SEC.</p>\n")
    out = mark(text)
    assert out.count("<abbr") == 2
    assert "SECMP0062; MPSEC, Sec and sec are not " + SEC in out
    assert out.startswith(page('<p><abbr title="Smart Energy Code Administrator and Secretariat">SECAS</abbr>'))


def test_the_title_is_escaped():
    assert abbr("DCC", 'A "quoted" <b> & co') == '<abbr title="A &quot;quoted&quot; &lt;b&gt; &amp; co">DCC</abbr>'
    assert mark(page("<p>SEC</p>\n")).count(abbr("SEC", ABBREVIATIONS["SEC"])) == 1


def test_a_fragment_without_front_matter_is_marked():
    assert mark("<div><p>SEC</p></div>") == f"<div><p>{SEC}</p></div>"


def test_nothing_to_mark_returns_the_text_itself():
    text = page("<p>Nothing here.</p>\n")
    assert mark(text) is text


def test_a_set_aside_page_stays_set_aside():
    body = "<p>The DCC and SEC.</p>\n\n## DCC costs\n\n<table><tr><td>SMKI &amp; TAG</td></tr></table>\n"
    marked = mark(body)
    assert marked != body
    assert rawhtml.set_aside(body)[1] and rawhtml.set_aside(marked)[1]


# --- the built site -------------------------------------------------------------------------------

_TERM = re.compile(r"\b(" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b")
_EXCLUDED = frozenset("a code pre script style textarea select option button title time svg "
                      "h1 h2 h3 h4 h5 h6".split())


def unexplained(soup: BeautifulSoup) -> list[str]:
    """The terms whose first use in the article's visible text (outside the elements never marked)
    is not inside an <abbr> with the term's expansion as its title."""
    article = soup.find("article")
    if article is None:
        return []
    seen: set[str] = set()
    missing = []
    for string in article.find_all(string=True):
        if isinstance(string, Comment):
            continue
        names = {parent.name for parent in string.parents}
        if names & _EXCLUDED:
            continue
        for term in _TERM.findall(string):
            if term in seen:
                continue
            seen.add(term)
            abbr = string.find_parent("abbr")
            if abbr is None or abbr.get("title") != ABBREVIATIONS[term]:
                missing.append(f"{term}: {' '.join(string.split())[:80]!r}")
    return missing


def test_every_page_explains_the_first_use_of_each_abbreviation(site):
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 150
    found = {}
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        missing = unexplained(soup)
        if missing:
            found[path.relative_to(site).as_posix()] = missing
    assert found == {}


def test_the_places_the_audit_found_bare(site):
    def titles(path: str) -> set[str]:
        soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        return {a.get_text() for a in soup.find("article").find_all("abbr")}

    assert {"GBCS", "DUIS"} <= titles("releases/2026-11")  # acceptance criteria (data text)
    assert "SMKI" in titles("")  # the home page's panels
    assert "TAG" in titles("parties/large-suppliers")
    assert {"DCC", "SEC"} <= titles("modifications")
    assert {"DCC", "SEC"} <= titles("changes")
    assert "SECAS" in titles("modifications/mp291")  # "Proposed by SECAS"
