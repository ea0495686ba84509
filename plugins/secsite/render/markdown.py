"""Markdown from data files, rendered deliberately: formatting yes, raw HTML and script links no."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

# Links an editor may write: web, mail, and relative links within the site.
_SAFE_LINK = re.compile(r"^(https?:|mailto:|#|/|\.{0,2}/|[\w\-.~%]+(/|$|#|\?))", re.IGNORECASE)


class _DropUnsafeLinks(Treeprocessor):
    """Remove ``javascript:``/``data:`` and other non-web targets from links and images."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not _SAFE_LINK.match(value.strip()):
                    del element.attrib[attribute]


def _renderer() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    # Raw HTML in data is shown as text: the block and inline HTML parsers are switched off.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_DropUnsafeLinks(md), "drop_unsafe_links", 0)
    return md


_md = _renderer()

# Plain prose: paragraphs of lines that start with a letter, a quote or a bracket, end with no space,
# and hold no character that Markdown gives a meaning to (nor "!", which starts an image) or that
# HTML must escape, apart from plain links and escaped brackets (as generated notices write them).
# Most data text is like this, and Python-Markdown turns it into <p> and <a> elements unchanged;
# building those directly saves most of the Markdown time of a build.
# tests/render/test_markdown.py checks that the two agree on generated text.
_CHAR = r"[^!*_`\[\]<>&\\|#~\x00-\x1f\x7f]"
_LINK = rf"\[(?! ){_CHAR}+(?<! )\]\([\w\-./~%?=:]+\)"
_LINE = rf"(?:[^\W\d_]|[\"'(])(?:{_CHAR}|{_LINK}|\\[()])*(?<! )"
_PLAIN = re.compile(rf"\n*{_LINE}(?:\n+{_LINE})*\n*")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_LINK_PARTS = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def _plain_html(text: str) -> str | None:
    """The HTML of plain prose, or None if ``text`` is not plain prose (see _PLAIN)."""
    if not _PLAIN.fullmatch(text):
        return None
    if not all(_SAFE_LINK.match(url) for _, url in _LINK_PARTS.findall(text)):
        return None
    html = _LINK_PARTS.sub(r'<a href="\2">\1</a>', text.strip("\n")).replace("\\(", "(").replace("\\)", ")")
    return "\n".join(f"<p>{block}</p>" for block in _PARAGRAPH_BREAK.split(html))


def _markdown_html(text: str) -> str:
    html = _plain_html(text)
    return html if html is not None else _md.reset().convert(text)


@functools.lru_cache(maxsize=4096)  # a notice's text is shown on its page and in the feed
def render_markdown(text: str | None) -> Markup:
    """HTML for a Markdown field of the data (summary, solution, rationale, notice body…)."""
    return Markup(_markdown_html(text) if text else "")
