"""The notices feed as a feed reader sees it: parsed with feedparser, links followed as absolute."""

from __future__ import annotations

import email.utils
from xml.etree import ElementTree
from datetime import date
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import SETTINGS
from secsite.render.feed import absolute_links, feed_xml
from secsite.history.schedule import Settings, build_schedule
from secsite.checks import load
from secsite.views import published_notices

SITE = "https://sec-releases.example.org/"
BUNDLED = Path(__file__).resolve().parents[2] / "data"

TOMORROW_NOTICE = """\
---
title: "Testing & results <June 2027>"
date: 2026-11-27
releases: ["2027-06"]
modifications: [MP100]
---
See [MP100](../../modifications/mp100/), the [release](../../releases/2027-06/#scope),
[how releases work](/how-releases-work/), [the policy](https://example.org/policy.pdf),
[mail us](mailto:sec@example.org) and ![a chart](chart.png).
"""


def render(data_dir=BUNDLED, settings=SETTINGS, site_url=SITE):
    checked = load(data_dir, settings)
    notices = published_notices(checked.catalogue, checked.schedule)
    return notices, feed_xml(notices, site_url, settings.today)


@pytest.fixture(scope="module")
def bundled():
    return render()


def test_feed_parses_cleanly_as_rss2(bundled):
    notices, xml = bundled
    assert isinstance(xml, bytes)
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "SEC Releases: notices"
    assert feed.feed.link == SITE
    assert feed.feed.language == "en-GB"
    assert feed.feed.subtitle  # the channel description
    assert len(feed.entries) == len(notices) > 0


def test_atom_self_link(bundled):
    _, xml = bundled
    feed = feedparser.parse(xml)
    assert [(l.rel, l.href) for l in feed.feed.links if l.rel == "self"] == [("self", SITE + "feed.xml")]
    assert b'<atom:link href="https://sec-releases.example.org/feed.xml" rel="self" type="application/rss+xml"/>' in xml


def test_items_newest_first_with_rfc822_dates(bundled):
    notices, xml = bundled
    feed = feedparser.parse(xml)
    expected = sorted(notices, key=lambda n: (n.date, n.id), reverse=True)
    assert [e.link for e in feed.entries] == [f"{SITE}notices/{n.id}/" for n in expected]
    days = [date(*e.published_parsed[:3]) for e in feed.entries]
    assert days == sorted(days, reverse=True)
    assert days == [n.date for n in expected]
    for entry in feed.entries:
        parsed = email.utils.parsedate_to_datetime(entry.published)  # RFC 822 as written
        assert parsed.utcoffset().total_seconds() == 0 and parsed.time().isoformat() == "00:00:00"


def test_guids_are_absolute_permalinks_that_do_not_change(bundled):
    _, xml = bundled
    _, again = render()
    first, second = feedparser.parse(xml), feedparser.parse(again)
    guids = [e.id for e in first.entries]
    assert guids == [e.id for e in second.entries]
    assert len(set(guids)) == len(guids)
    for entry in first.entries:
        assert entry.id == entry.link and entry.id.startswith(SITE + "notices/") and entry.id.endswith("/")
    # isPermaLink="true" on every guid (feedparser does not expose the attribute).
    items = ElementTree.fromstring(xml).findall("channel/item")
    assert [(i.findtext("guid"), i.find("guid").get("isPermaLink")) for i in items] == [(g, "true") for g in guids]
    # Generated notice ids follow the contract.
    assert f"{SITE}notices/mp291-approved/" in guids
    assert f"{SITE}notices/2027-11-12-months/" in guids


def test_two_renders_are_byte_identical(bundled):
    _, xml = bundled
    assert render()[1] == xml


def test_last_build_date_is_the_newest_notice_never_the_clock(bundled):
    notices, xml = bundled
    feed = feedparser.parse(xml)
    newest = max(n.date for n in notices)
    assert newest == date(2026, 11, 19)  # MP284 and MP291 approval notices, before the build date
    assert feed.feed.updated == "Thu, 19 Nov 2026 00:00:00 +0000"
    assert b"<lastBuildDate>Thu, 19 Nov 2026 00:00:00 +0000</lastBuildDate>" in xml
    # No notices: the build date.
    empty = feed_xml([], SITE, date(2026, 11, 26))
    assert b"<lastBuildDate>Thu, 26 Nov 2026 00:00:00 +0000</lastBuildDate>" in empty
    assert not feedparser.parse(empty).bozo
    assert b"python-feedgen" not in xml and b"<generator>secsite</generator>" in xml


def test_a_notice_dated_after_the_build_date_is_held_back(data):
    data.write("notices/testing-results.md", TOMORROW_NOTICE)
    checked = load(data.root, SETTINGS)
    guid = f"{SITE}notices/testing-results/"

    today = feedparser.parse(feed_xml(published_notices(checked.catalogue, checked.schedule), SITE, SETTINGS.today))
    assert guid not in [e.id for e in today.entries]

    later = Settings(today=date(2026, 11, 27))
    schedule = build_schedule(checked.catalogue, later)
    tomorrow = feedparser.parse(feed_xml(published_notices(checked.catalogue, schedule), SITE, later.today))
    assert not tomorrow.bozo
    entry = next(e for e in tomorrow.entries if e.id == guid)
    assert entry.title == "Testing & results <June 2027>"  # escaped by feedgen, read back intact
    assert entry.published == "Fri, 27 Nov 2026 00:00:00 +0000"
    assert tomorrow.entries[0].id == guid  # the newest


def test_bundled_future_notice_appears_on_its_date(bundled):
    _, xml = bundled
    guid = f"{SITE}notices/2027-01-june-2027-testing-starts/"
    assert guid.encode() not in xml
    _, later = render(settings=Settings(today=date(2027, 1, 15)))
    assert guid in [e.id for e in feedparser.parse(later).entries]


def test_links_in_descriptions_are_absolute(data, bundled):
    data.write("notices/testing-results.md", TOMORROW_NOTICE)
    _, xml = render(data.root, Settings(today=date(2026, 11, 27)))
    entry = next(e for e in feedparser.parse(xml).entries if e.id.endswith("/testing-results/"))
    soup = BeautifulSoup(entry.description, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == [
        f"{SITE}modifications/mp100/",
        f"{SITE}releases/2027-06/#scope",
        f"{SITE}how-releases-work/",
        "https://example.org/policy.pdf",
        "mailto:sec@example.org",
    ]
    assert [img["src"] for img in soup.find_all("img")] == [f"{SITE}notices/testing-results/chart.png"]

    # Every link of every bundled notice, generated ones included, is absolute.
    _, bundled_xml = bundled
    for entry in feedparser.parse(bundled_xml).entries:
        soup = BeautifulSoup(entry.description, "html.parser")
        for tag in soup.find_all(href=True) + soup.find_all(src=True):
            target = tag.get("href") or tag.get("src")
            assert target.startswith(("https://", "http://", "mailto:")), (entry.id, target)


def test_site_url_with_a_path():
    _, xml = render(site_url="https://example.org/sec")
    feed = feedparser.parse(xml)
    assert feed.feed.link == "https://example.org/sec/"
    entry = next(e for e in feed.entries if e.id.endswith("/mp291-approved/"))
    assert entry.id == "https://example.org/sec/notices/mp291-approved/"
    assert 'href="https://example.org/sec/modifications/mp291/"' in entry.description


def test_absolute_links_leaves_text_alone():
    html = '<p>Write <code>href="x"</code> &amp; <a href="../y/">y</a></p>'
    assert absolute_links(html, "https://h.org/notices/n/") == (
        '<p>Write <code>href="x"</code> &amp; <a href="https://h.org/notices/y/">y</a></p>'
    )
    assert absolute_links("", "https://h.org/") == ""
