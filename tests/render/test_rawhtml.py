"""Setting HTML blocks aside from Python-Markdown never changes a page: for any mix of HTML and
Markdown, the HTML made with the blocks set aside and put back is Python-Markdown's own, byte for byte."""

from __future__ import annotations

import markdown
from hypothesis import given, settings, strategies as st

from secsite.render import rawhtml

# The Markdown extensions of mkdocs.yml that act on a page's text.
EXTENSIONS = ["abbr", "attr_list", "def_list", "tables", "toc"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def through_set_aside(text: str) -> str:
    kept, aside = rawhtml.set_aside(text)
    return rawhtml.put_back(convert(kept), aside) if aside else convert(text)


words = st.text(alphabet="abc *_&#<>\n\t", min_size=0, max_size=12)
inline = st.one_of(words, words.map(lambda w: f"<b>{w}</b>"), words.map(lambda w: f'<a href="x">{w}</a>'))


@st.composite
def element(draw, depth=0):
    tag = draw(st.sampled_from(["p", "div", "table", "ul", "section", "span", "svg", "script", "hr", "pre"]))
    if tag == "hr":
        return "<hr>"
    if tag == "script":
        return '<script src="a.js"></script>'
    parts = draw(st.lists(st.one_of(inline, element(depth + 1)) if depth < 2 else inline, max_size=3))
    joiner = draw(st.sampled_from(["", "\n", "\n\n"]))
    attributes = draw(st.sampled_from(["", ' class="x"', ' data-a="1"']))
    closing = draw(st.sampled_from(["", "<line x='1'/>"])) if tag == "svg" else ""
    return f"<{tag}{attributes}>{joiner.join(parts)}{closing}</{tag}>"


block = st.one_of(
    element(),
    words.map(lambda w: f"Some text {w}"),
    words.map(lambda w: f"## Heading {w}"),
    words.map(lambda w: f"- item {w}"),
    st.tuples(element(), words).map(lambda p: f"{p[0]}\n## Next {p[1]}"),  # a heading right after a block
    st.tuples(element(), element()).map(lambda p: f"{p[0]}{p[1]}"),  # two on one line
    st.just("<!-- a comment -->"),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(block, st.sampled_from(["\n\n", "\n", "\n\n\n"])), max_size=8))
def test_setting_html_aside_gives_python_markdowns_own_output(blocks):
    text = "".join(b + sep for b, sep in blocks)
    assert through_set_aside(text) == convert(text)


def test_a_generated_page_is_mostly_set_aside():
    """The speed-up is real for the pages secsite writes: a register-like page leaves Python-Markdown
    only its headings."""
    rows = "\n".join(f'<tr><td><a href="../mp{n}/">MP{n}</a></td><td>Title {n} &amp; more</td></tr>' for n in range(50))
    page = f"<p>50 modifications.</p>\n\n## Register\n\n<div class=\"sec-scroll\">\n<table>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>\n"
    kept, aside = rawhtml.set_aside(page)
    assert len(aside) == 2 and "<tr>" not in kept and "## Register" in kept
    assert rawhtml.put_back(convert(kept), aside) == convert(page)
