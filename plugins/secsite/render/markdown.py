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


# Characters that browsers drop from URLs, or strip from their ends, before reading them.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(map(chr, range(0x21)))  # controls and space
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:", re.IGNORECASE)


def _on_another_host(src: str) -> bool:
    """Whether an image source is on another host (or any scheme): not a file of this site.

    Read as browsers read it: ``/\\host/a.png`` is ``//host/a.png``, a protocol-relative address.
    """
    url = _URL_IGNORED.sub("", src).strip(_URL_EDGES).replace("\\", "/")
    return url.startswith("//") or _SCHEME.match(url) is not None


class _LinkRemoteImages(Treeprocessor):
    """Turn an image from another host into a link to it, so that the site loads nothing from
    elsewhere (no tracking pixels, nothing that breaks when that host does). The link's text is the
    image's alt text, or its address when there is none; inside a link it becomes plain text."""

    def run(self, root: etree.Element) -> None:
        self._relink(root, in_link=False)

    def _relink(self, parent: etree.Element, in_link: bool) -> None:
        for element in parent:
            src = element.get("src")
            if element.tag == "img" and src is not None and _on_another_host(src):
                title, label = element.get("title"), element.get("alt") or src
                element.attrib.clear()
                if in_link:  # a link may not hold another
                    element.tag = "span"
                else:
                    element.tag = "a"
                    element.set("href", src)
                    if title:
                        element.set("title", title)
                element.text = label
            self._relink(element, in_link or element.tag == "a")


def _renderer() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    # Raw HTML in data is shown as text: the block and inline HTML parsers are switched off.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_DropUnsafeLinks(md), "drop_unsafe_links", 0)
    # After it: only an address it let through becomes a link's href.
    md.treeprocessors.register(_LinkRemoteImages(md), "link_remote_images", -1)
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
