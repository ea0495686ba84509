"""Abbreviations explained where readers meet them: ``<abbr title="…">`` on the first use a page makes
of each.

``ABBREVIATIONS`` is the one list. The hand-written pages get theirs from the Markdown ``abbr``
extension with content/_includes/abbreviations.md, and content/glossary.md explains each at more
length; tests/render/test_abbreviations.py checks that both list exactly these terms.

``mark`` marks up a generated page's Markdown (or an HTML fragment a macro inserts into a
hand-written page). It only ever changes the text inside HTML blocks, never Markdown text, so a page
whose HTML blocks ``rawhtml`` sets aside still is set aside, and the page reads the same to plain
Python-Markdown (``secsite export``).
"""

from __future__ import annotations

import re
from html import escape

from markdown.util import BLOCK_LEVEL_ELEMENTS

ABBREVIATIONS: dict[str, str] = {
    "SEC": "Smart Energy Code",
    "SECAS": "Smart Energy Code Administrator and Secretariat",
    "DCC": "Data Communications Company",
    "DUIS": "DCC User Interface Specification",
    "GBCS": "Great Britain Companion Specification",
    "SMKI": "Smart Metering Key Infrastructure",
    "TAG": "Testing Advisory Group",
    "TAD": "Testing Approach Document",
    "PIT": "Pre-Integration Testing",
    "SIT": "System Integration Testing",
    "UIT": "User Integration Testing",
    "RID": "Release Implementation Document",
}

# Elements whose text is never marked up: links and abbreviations themselves, code, form controls,
# headings (the table of contents and the page title repeat them), dates, and SVG (its text cannot
# hold HTML elements).
_SKIP = frozenset(
    "a abbr button code h1 h2 h3 h4 h5 h6 option pre script select style svg textarea time title".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_BLOCK = frozenset(BLOCK_LEVEL_ELEMENTS)


def _pattern(terms) -> re.Pattern[str]:
    words = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(
        r"(?P<skip><!--.*?-->"  # a comment
        # an element whose content is not HTML, skipped whole (a term in it is not seen)
        r"|<(?P<raw>(?i:script|style|textarea|svg|pre))\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>.*?</(?P=raw)\s*>)"
        r"|<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*?(?P<empty>/?)>"
        rf"|\b(?P<term>{words})\b",  # whole words, case-sensitive
        re.DOTALL,
    )


def abbr(term: str, expansion: str) -> str:
    """``term`` explained: the text of a page is already HTML (terms are plain capitals), the title
    is escaped."""
    return f'<abbr title="{escape(expansion, quote=True)}">{term}</abbr>'


_TOKENS = _pattern(ABBREVIATIONS)
_TITLES = {term: abbr(term, expansion) for term, expansion in ABBREVIATIONS.items()}


def _body_start(text: str) -> int:
    """Where the text after the front matter starts (0 without front matter)."""
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---\n", 3)
    return len(text) if end < 0 else end + 5


def mark(text: str) -> str:
    """``text`` (a generated page's Markdown: front matter, then HTML blocks and Markdown headings;
    or an HTML fragment) with the first use of each abbreviation marked up as ``<abbr title="…">``.

    Only text between tags inside an HTML block is changed: an element that starts a line of the
    page's Markdown and is a block element. Markdown text (headings, paragraphs), front matter,
    attribute values and the elements of ``_SKIP`` are left alone. A term already inside an
    ``<abbr>`` counts as used. One regular-expression pass over the page.
    """
    start = _body_start(text)
    left = set(ABBREVIATIONS)
    out: list[str] = []
    done = 0
    stack: list[str] = []  # the open elements
    skipping = 0  # how many of them are to be left alone (or the block is Markdown's, not HTML)
    in_abbr = 0
    for token in _TOKENS.finditer(text, start):
        term, name = token.group("term", "name")
        if term:
            if term not in left:
                continue
            if in_abbr:
                left.discard(term)
            elif stack and not skipping:
                out.append(text[done : token.start()])
                out.append(_TITLES[term])
                done = token.end()
                left.discard(term)
            if not left:
                break
        elif name:
            name = name.lower()
            if token.group("end"):
                if name not in stack and "!" + name not in stack:
                    continue  # a stray end tag: nothing to close
                while stack:
                    top = stack.pop()
                    if top.startswith("!"):
                        skipping -= 1
                        top = top[1:]
                    if top == "abbr":
                        in_abbr -= 1
                    if top == name:
                        break
            elif not token.group("empty") and name not in _VOID:
                # An element outside any other that does not start a line, or is not a block, is
                # part of Markdown text: left alone with everything in it.
                at = token.start()
                outside = not stack and (name not in _BLOCK or (at > start and text[at - 1] != "\n"))
                if outside or name in _SKIP:
                    skipping += 1
                    stack.append("!" + name)
                else:
                    stack.append(name)
                if name == "abbr":
                    in_abbr += 1
        # else a comment or an element whose content is not HTML: skipped
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)
