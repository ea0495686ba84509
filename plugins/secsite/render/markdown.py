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


@functools.lru_cache(maxsize=4096)  # a notice's text is shown on its page and in the feed
def render_markdown(text: str | None) -> Markup:
    """HTML for a Markdown field of the data (summary, solution, rationale, notice body…)."""
    if not text:
        return Markup("")
    html = _md.reset().convert(text)
    return Markup(html)
