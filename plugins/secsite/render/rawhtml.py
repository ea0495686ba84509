"""Generated pages' HTML blocks set aside while a builder runs Python-Markdown over the page, for speed.

A generated page is a few Markdown headings (for the table of contents and search) and large blocks
of HTML written by the templates. Python-Markdown passes a block of HTML through unchanged, but it
first parses it with its HTML parser, which is most of the cost of building a page (the register,
the change log and a busy release page take a tenth of a second or more each).

``set_aside`` replaces each chunk of the page that Python-Markdown would pass through unchanged by a
placeholder paragraph; ``put_back`` puts the chunks back in place of those paragraphs in the HTML it
made. A chunk is set aside only when that is certain: it lies between blank lines, and it is a run of
whole HTML elements, each of a kind Python-Markdown treats as a block (``p``, ``div``, ``table`` …),
with nothing but line breaks between them. Anything else is left to Python-Markdown. The site is the
same byte for byte either way: tests/adapters/test_export.py builds the exported pages (which keep
their HTML) with plain MkDocs and compares every file.
"""

from __future__ import annotations

import hashlib
import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

_BLOCK = frozenset(BLOCK_LEVEL_ELEMENTS)
_RAW_TEXT = frozenset(("pre", "script", "style", "textarea"))  # only when empty (<script src=…></script>)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# A start or end tag. The templates escape every attribute value, so ">" never occurs inside one.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(/?)>")


# An "&" that starts no complete character reference: the templates write none, but Python-Markdown's
# parser reads one ("&#") differently from a browser.
_LOOSE_AMPERSAND = re.compile(r"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)")
# What Python-Markdown changes in every text before it reads it, blocks of HTML included: tabs become
# spaces, lines of spaces become empty, and STX, ETX and carriage returns go. A page with any of these is
# left to it whole.
_NORMALISED = re.compile(r"[\t\r\x02\x03]|^ +$", re.MULTILINE)
# In Markdown text, a "<" or a loose "&" can make Python-Markdown's parser read the next block otherwise.
_UNSAFE_TEXT = re.compile(r"<|" + _LOOSE_AMPERSAND.pattern)
_HEADING_AFTER = re.compile(r"\n#[^<]*")  # a Markdown heading on the line after a block (release pages)


def _scan(chunk: str, open_elements: list[str]) -> int | None:
    """Follow the tags of ``chunk``, continuing ``open_elements`` (the elements still open, which it
    updates). Returns where the HTML of the chunk ends: its length, or the start of a line of
    Markdown heading that follows the last element directly. None when the chunk is not plain whole
    block elements: text or an inline element outside any element, an element starting other than at
    the start of a line, a comment, an end tag that does not match."""
    if "<!--" in chunk or _LOOSE_AMPERSAND.search(chunk):
        return None
    position = tags = 0
    for tag in _TAG.finditer(chunk):
        tags += 1
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if not open_elements:  # between elements: only the line breaks that separate them
            gap = chunk[position : tag.start()]
            if gap.strip("\n") or (position and not gap) or closing or name not in _BLOCK:
                return None
            if self_closing or name in _VOID:
                return None  # a lone <hr>: left to Python-Markdown
            if name in _RAW_TEXT and not chunk.startswith(f"</{name}>", tag.end()):
                return None  # a script with code in it: left to Python-Markdown
        position = tag.end()
        if closing:
            if open_elements.pop() != name:
                return None
        elif not self_closing and name not in _VOID:
            open_elements.append(name)
    if chunk.count("<") != tags:
        return None  # a "<" that starts no tag: Python-Markdown's parser may read it otherwise
    rest = chunk[position:]
    if open_elements or not rest.strip("\n"):
        return len(chunk)
    return position if _HEADING_AFTER.fullmatch(rest) else None


def set_aside(markdown: str) -> tuple[str, dict[str, str]]:
    """``markdown`` with each run of whole HTML block elements replaced by a placeholder; the runs by
    placeholder, as Python-Markdown writes them. A run may span blank lines, as Python-Markdown's
    blocks of HTML do. Should any run be other than plain whole elements, the page is left to
    Python-Markdown as it is."""
    if _NORMALISED.search(markdown):
        return markdown, {}
    chunks = markdown.split("\n\n")
    stamp = hashlib.blake2b(markdown.encode("utf-8"), digest_size=6).hexdigest()  # never in the page itself
    kept: list[str] = []
    aside: dict[str, str] = {}
    start = 0
    while start < len(chunks):
        if chunks[start].lstrip("\n").startswith("<"):  # more blank lines than one separate it
            chunks[start] = chunks[start].lstrip("\n")
        if not chunks[start].startswith("<"):
            if _UNSAFE_TEXT.search(chunks[start]):  # HTML within Markdown may run into the blocks that follow
                return markdown, {}
            kept.append(chunks[start])
            start += 1
            continue
        open_elements: list[str] = []
        end = start
        while True:
            html_end = _scan(chunks[end], open_elements)
            if html_end is None:
                return markdown, {}
            if not open_elements:
                break
            end += 1
            if end == len(chunks):  # an element never closed
                return markdown, {}
        placeholder = f"secsiteraw{stamp}n{start}"
        run = "\n\n".join(chunks[start:end] + [chunks[end][:html_end]]).rstrip("\n")
        heading = chunks[end][html_end + 1 :]
        if _UNSAFE_TEXT.search(heading):
            return markdown, {}
        # Python-Markdown ends a block of HTML with an empty line, unless a heading follows at once.
        aside[placeholder] = run + ("" if heading else "\n")
        kept.append(placeholder)
        if heading:
            kept.append(heading)
        start = end + 1
    return "\n\n".join(kept), aside


def put_back(html: str, aside: dict[str, str]) -> str:
    """The HTML Python-Markdown made, with each placeholder paragraph replaced by its run of HTML."""
    for placeholder, run in aside.items():
        paragraph = f"<p>{placeholder}</p>"
        if html.count(paragraph) != 1:
            raise ValueError(f"a block of HTML set aside from Python-Markdown was not found again ({placeholder})")
        html = html.replace(paragraph, run)
    return html.strip()  # as Python-Markdown's own output
