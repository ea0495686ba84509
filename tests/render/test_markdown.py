"""Markdown from data: the plain-prose shortcut gives exactly what Python-Markdown gives."""

from hypothesis import given, settings, strategies as st

from secsite.render import markdown

# Letters, digits, spaces, blank lines and every character with a Markdown or HTML meaning, so that
# generated text often falls just inside or just outside what the shortcut accepts.
ALPHABET = st.sampled_from(list("aZé5 \n\n-+=.:;!?'\"()*_`[]<>&\\|#~{}^\t\r\x02\x85\u2028\u00a0"))
WORDS = st.sampled_from(["Smart", "meter", "1.", "- ", "  ", "\n", "\n\n", "===", "http://x.org", "MP123", "a_b",
                         "[MP1 'Title'](/modifications/mp1/)", "[ x](y)", "[x](javascript:y)", "[a](b c)",
                         "\\(", "\\)", "\\", "](", "(", ")"])
# Mostly prose, as editors write it, with the odd line that Markdown reads differently.
PROSE = st.lists(
    st.sampled_from(["Smart", "meter", "Ünïcode", "costs", "5", "(DCC)", "'quoted'", '"said"', "a/b", "x=y",
                     "-", "--", "+", "[MP12 'A'](/modifications/mp12/)", "[x](https://example.org/a?b=c)", "\\(", "\\)", ".", ",", ":", "?", "!", " ", " ", " ", "  ", "\n", "\n", "\n\n", "\n\n\n"]),
    max_size=60,
).map("".join)


def _full(text: str) -> str:
    return markdown._md.reset().convert(text)


@settings(max_examples=3000)
@given(st.one_of(st.lists(st.one_of(ALPHABET, WORDS), max_size=40).map("".join), PROSE))
def test_the_shortcut_agrees_with_python_markdown(text):
    assert markdown._markdown_html(text) == _full(text)


def test_prose_takes_the_shortcut_and_markup_does_not():
    prose = "Amend Section H.\nKeep the wording.\n\nSecond paragraph (with brackets)."
    assert markdown._PLAIN.fullmatch(prose)
    assert str(markdown.render_markdown(prose)) == (
        "<p>Amend Section H.\nKeep the wording.</p>\n<p>Second paragraph (with brackets).</p>"
    )
    for marked in ("- a list item", "Use *emphasis*", "Tom & Jerry", "1. first", "Line  \nbreak"):
        assert not markdown._PLAIN.fullmatch(marked), marked


def test_raw_html_and_script_links_never_reach_the_page():
    html = str(markdown.render_markdown('<script>alert(1)</script> [x](javascript:alert(1)) <b onclick="x">'))
    assert "<script" not in html and "<b " not in html and "javascript:" not in html
