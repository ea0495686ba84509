"""Markdown from data: the plain-prose shortcut gives exactly what Python-Markdown gives, and images
from other hosts become links (the site loads nothing from elsewhere)."""

from xml.etree import ElementTree

from bs4 import BeautifulSoup
from hypothesis import given, settings, strategies as st

from conftest import SETTINGS, VALID_MODIFICATION
from secsite.checks import load
from secsite.render import markdown
from secsite.render.feed import feed_xml
from secsite.render.pages import PageRenderer
from secsite.views import published_notices

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


@settings(max_examples=3000, deadline=None)
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


# --- images from other hosts -------------------------------------------------------------------


def _soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(str(markdown.render_markdown(text)), "html.parser")


def test_an_image_from_another_host_becomes_a_link_to_it():
    cases = {
        "![A chart](https://example.org/chart.png)": ("https://example.org/chart.png", "A chart"),
        "![A chart](http://example.org/chart.png)": ("http://example.org/chart.png", "A chart"),
        "![A chart](HTTPS://example.org/chart.png)": ("HTTPS://example.org/chart.png", "A chart"),
        "![A chart](//example.org/chart.png)": ("//example.org/chart.png", "A chart"),
        # Browsers read a backslash as a slash: another protocol-relative address.
        "![A chart](/\\example.org/chart.png)": ("/\\example.org/chart.png", "A chart"),
        "![](https://example.org/pixel.gif)": ("https://example.org/pixel.gif", "https://example.org/pixel.gif"),
        "![A chart][c]\n\n[c]: https://example.org/chart.png": ("https://example.org/chart.png", "A chart"),
        "![*Costs* & <more>](https://example.org/c.png)": ("https://example.org/c.png", "*Costs* & <more>"),
    }
    for text, (href, label) in cases.items():
        soup = _soup(text)
        assert soup.find("img") is None, text
        assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [(href, label)], text


def test_an_image_title_and_the_text_around_it_stay():
    html = str(markdown.render_markdown('See ![the chart](https://example.org/c.png "Costs") below.'))
    assert html == '<p>See <a href="https://example.org/c.png" title="Costs">the chart</a> below.</p>'


def test_an_image_from_another_host_inside_a_link_becomes_its_text():
    soup = _soup("[![Logo](https://example.org/logo.png)](https://example.org/)")
    assert soup.find("img") is None
    assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [("https://example.org/", "Logo")]


def test_images_of_this_site_stay_images():
    soup = _soup("![A chart](chart.png) ![Map](../../assets/map.svg) ![Logo](/assets/logo.png)")
    assert [(img["src"], img["alt"]) for img in soup.find_all("img")] == [
        ("chart.png", "A chart"), ("../../assets/map.svg", "Map"), ("/assets/logo.png", "Logo"),
    ]
    assert soup.find("a") is None


def test_an_html_image_is_shown_as_text():
    html = str(markdown.render_markdown('Look: <img src="https://example.org/pixel.gif"> and <IMG SRC=//example.org/x>'))
    assert "<img" not in html.lower()
    assert '&lt;img src="https://example.org/pixel.gif"&gt;' in html and "&lt;IMG SRC=//example.org/x&gt;" in html


def test_pages_and_the_feed_link_to_images_from_other_hosts(data):
    site = "https://sec-releases.example.org/"
    image = "![Tracking chart](https://tracker.example.net/pixel.gif)"
    data.write("modifications/MP100.yml", VALID_MODIFICATION.replace("The issue, in **Markdown**.", f"The issue. {image}"))
    data.write("notices/chart.md", f"---\ntitle: A chart\ndate: 2026-11-20\n---\nThe chart: {image}\n")
    checked = load(data.root, SETTINGS)
    notices = published_notices(checked.catalogue, checked.schedule)
    pages = PageRenderer(checked.schedule, notices, site)
    feed = ElementTree.fromstring(feed_xml(notices, site, SETTINGS.today))
    notice = next(n for n in notices if n.id == "chart")
    outputs = {
        "modification page": pages.modification(checked.schedule.modifications["MP100"]),
        "notice page": pages.notice(notice),
        "feed": next(item.findtext("description") for item in feed.iter("item") if item.findtext("title") == "A chart"),
    }
    for where, html in outputs.items():
        assert '<a href="https://tracker.example.net/pixel.gif">Tracking chart</a>' in html, where
        assert "<img" not in html, where


# --- links an editor may and may not write -----------------------------------------------------


def test_script_and_data_links_lose_their_target_and_keep_their_text():
    for target in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java&#9;script:alert(1)",
                   "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
                   "file:///etc/passwd"):
        soup = _soup(f"Click [here]({target}) now.")
        (link,) = soup.find_all("a")
        assert link.get("href") is None, target
        assert link.get_text() == "here", target
        assert soup.get_text() == "Click here now.", target


def test_a_data_image_is_not_shown():
    soup = _soup("![pixel](data:image/png;base64,iVBORw0KGgo=)")
    assert [img.get("src") for img in soup.find_all("img")] in ([], [None])
    assert "data:" not in str(soup)


def test_web_mail_and_site_links_are_kept():
    soup = _soup("[a](https://example.org/x?y=1) [b](http://example.org/) [c](mailto:secas@example.org) "
                 "[d](/releases/2027-06/) [e](../mp123/) [f](#costs) [g](register.csv)")
    assert [(a.get_text(), a["href"]) for a in soup.find_all("a")] == [
        ("a", "https://example.org/x?y=1"), ("b", "http://example.org/"), ("c", "mailto:secas@example.org"),
        ("d", "/releases/2027-06/"), ("e", "../mp123/"), ("f", "#costs"), ("g", "register.csv"),
    ]


def test_raw_html_is_shown_as_the_text_the_editor_typed():
    html = str(markdown.render_markdown('Keep <script>alert("x")</script> and <div onclick="y">z</div> as text.'))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("div") is None
    assert soup.get_text() == 'Keep <script>alert("x")</script> and <div onclick="y">z</div> as text.'
    # A block of HTML on its own is escaped too (the block parser is off).
    soup = BeautifulSoup(str(markdown.render_markdown("<iframe src=\"https://example.org/\"></iframe>")), "html.parser")
    assert soup.find("iframe") is None
    assert soup.get_text() == '<iframe src="https://example.org/"></iframe>'
